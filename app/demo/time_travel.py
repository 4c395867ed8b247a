"""Demo time travel (product §4): the business date advanced by N days of simulated
platform activity, each closed by end of day — the one entry of the back office's
control (views/book.py) and of `python -m app advance-days` (app/cli/demo.py): one range
check, one audit record."""

from __future__ import annotations

from app.demo.simulate import DayReport, simulate_days
from app.errors import LendingError
from app.i18n import text
from app.services.access import audit
from app.services.access.actor import ADMIN, SYSTEM, Actor, require_role

MAX_DAYS = 366


def advance_days(actor: Actor, n: int, seed: int = 7) -> list[DayReport]:
    """Simulate `n` days (1 to MAX_DAYS) from the current business date (the admin, or the
    command line as the system); one report per day."""
    require_role(actor, ADMIN, SYSTEM)
    if not (isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= MAX_DAYS):
        raise LendingError(text("time_travel.days_range", max_days=MAX_DAYS))
    if not isinstance(seed, int) or isinstance(seed, bool):  # the simulation's random seed, stored per run
        raise LendingError(text("time_travel.seed", seed=str(seed)[:20]))
    reports = simulate_days(n, seed)
    audit.record_alone(actor, "advance_days", f"{n} days", days=n, seed=seed)
    return reports
