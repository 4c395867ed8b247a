"""Ids read from the page's URL (`?loan=12`): whatever a person or a link puts there."""

from __future__ import annotations

MAX_ID = 2**63 - 1  # a BIGINT key: anything larger cannot be a row (and would overflow the driver)


def parse_id(value: object) -> int | None:
    """The id in a URL parameter, or None when it is not one: ASCII digits only ("²", "١",
    "-1", "+1", " 1", "1e3" are not), from 1 to 2**63-1."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None
