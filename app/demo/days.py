"""The days of demo time travel (`advance-days`), so that an interrupted run resumes.

A run plans its days first: one `DemoDay` row per day, all in one transaction,
with the run's seed and its first and last day. Each simulated day then runs
its steps in order (`STEPS`, then end of day) and records each finished step in
`steps_done`; the steps that are one transaction record themselves in that same
transaction, the others (made of several service transactions) afterwards, and
replay idempotently when a crash came before the record (app/demo/simulate.py).
A day is done once its end of day has completed (`EodRun`): end of day commits
the new business date all-or-nothing and is itself resumable (app/services/end_of_day/run.py).

A new run while days of an earlier run are still planned resumes that run when
it is the same run (same number of days, same seed), and is refused otherwise.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from app.errors import TimeTravelInterrupted
from app.services.end_of_day.run import EOD_COMPLETED
from app.services.store.settings import business_date
from db.engine import session_scope
from db.models import DemoDay, EodRun, now_utc

STEPS = ("trade", "refunds", "sales", "repayments", "draws")
PLANNED, DONE = "planned", "done"


def plan_days(n: int, seed: int) -> tuple[list[date], bool]:
    """The days still to simulate, and whether they resume an interrupted run:
    that run's days when it is the same run (`n` days, `seed`), else `n` new
    days from the current business date."""
    with session_scope() as session:
        planned = session.exec(select(DemoDay).where(DemoDay.status == PLANNED).order_by(DemoDay.day)).all()
        if planned:
            _check_same_run(planned[0], n, seed)
            return [row.day for row in planned], True
        first = business_date(session)
        days = [first + timedelta(days=k) for k in range(n)]
        session.add_all(DemoDay(day=day, seed=seed, first_day=first, last_day=days[-1]) for day in days)
        return days, False


def _check_same_run(row: DemoDay, n: int, seed: int) -> None:
    wanted = (row.last_day - row.first_day).days + 1
    if (n, seed) != (wanted, row.seed):
        raise TimeTravelInterrupted(
            f"an earlier run, advance-days {wanted} --seed {row.seed} from {row.first_day}, was interrupted "
            f"on {row.day}; run it again with the same N and seed to finish it first")


def steps_done(day: date) -> set[str]:
    """The simulation steps of `day` already recorded; all of them once its end of day completed."""
    with session_scope() as session:
        if day_closed(session, day):
            return set(STEPS)
        row = session.get(DemoDay, day)
        return set(row.steps_done.split(",")) - {""} if row else set()


def record_step(session: Session, day: date, step: str) -> None:
    """Record a finished step of `day`, in the caller's transaction."""
    row = session.get(DemoDay, day)
    if row is not None and step not in row.steps_done.split(","):
        row.steps_done = ",".join(filter(None, (row.steps_done, step)))
        session.add(row)


def record_step_alone(day: date, step: str) -> None:
    with session_scope() as session:
        record_step(session, day, step)


def day_closed(session: Session, day: date) -> bool:
    """Whether end of day has completed for `day`."""
    run = session.get(EodRun, day)
    return run is not None and run.status == EOD_COMPLETED


def finish_day(day: date) -> None:
    with session_scope() as session:
        row = session.get(DemoDay, day)
        if row is not None and row.status != DONE:
            row.status, row.finished_at = DONE, now_utc()
            session.add(row)
