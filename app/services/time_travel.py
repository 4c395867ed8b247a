"""Demo time travel (product §4): the admin advances the business date by N days
of simulated platform activity, each closed by end of day."""

from __future__ import annotations

from app.demo.simulate import DayReport, simulate_days
from app.services import audit
from app.services.actor import ADMIN, Actor, require_role


def advance_days(actor: Actor, n: int, seed: int = 7) -> list[DayReport]:
    """Simulate `n` days from the current business date (admin only); one report per day."""
    require_role(actor, ADMIN)
    reports = simulate_days(n, seed)
    audit.record_alone(actor, "advance_days", f"{n} days", days=n, seed=seed)
    return reports
