"""The loan agreement's versions (product §2.5): a draw accepts the version in force on its draw date."""

from __future__ import annotations

from datetime import date

# (in force from, version), oldest first
AGREEMENT_VERSIONS: tuple[tuple[date, str], ...] = (
    (date(2025, 1, 1), "2025-01"),
    (date(2026, 1, 1), "2026-01"),
    (date(2026, 11, 1), "2026-11"),
)


def agreement_version_on(day: date) -> str:
    """The version in force on `day` (the first one for any earlier day)."""
    in_force = [version for since, version in AGREEMENT_VERSIONS if since <= day]
    return in_force[-1] if in_force else AGREEMENT_VERSIONS[0][1]
