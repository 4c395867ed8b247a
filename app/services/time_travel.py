"""Demo time travel (product §4): the admin advances the business date by N days
of simulated platform activity, each closed by end of day."""

from __future__ import annotations

from app.demo.simulate import DayReport, simulate_days
from app.errors import LendingError
from app.i18n import text
from app.services import audit
from app.services.actor import ADMIN, Actor, require_role

MAX_DAYS = 366  # as `python -m app advance-days` (app/cli/demo.py)


def advance_days(actor: Actor, n: int, seed: int = 7) -> list[DayReport]:
    """Simulate `n` days (1 to MAX_DAYS) from the current business date (admin only); one report per day."""
    require_role(actor, ADMIN)
    if not (isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= MAX_DAYS):
        raise LendingError(text("time_travel.days_range", max_days=MAX_DAYS))
    reports = simulate_days(n, seed)
    audit.record_alone(actor, "advance_days", f"{n} days", days=n, seed=seed)
    return reports
