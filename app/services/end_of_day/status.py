"""End-of-day status (product §3): the business date and the latest end-of-day runs (rules §8)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select

from app.services.access.actor import ADMIN, RISK, Actor, require_role
from app.services.store.settings import business_date
from db.engine import read_scope
from db.models import EodRun

RUNS_SHOWN = 30


@dataclass(frozen=True)
class EodRunRow:
    business_date: date
    status: str  # started / completed (a started run that never completed crashed: re-run it)
    steps_done: str
    started_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True)
class EodStatus:
    business_date: date
    runs: tuple[EodRunRow, ...]  # newest first

    @property
    def last_completed(self) -> date | None:
        return next((r.business_date for r in self.runs if r.finished_at is not None), None)


def eod_status(actor: Actor) -> EodStatus:
    require_role(actor, RISK, ADMIN)
    with read_scope() as session:
        rows = session.exec(select(EodRun).order_by(col(EodRun.business_date).desc()).limit(RUNS_SHOWN)).all()
        return EodStatus(business_date(session), tuple(
            EodRunRow(r.business_date, r.status, r.steps_done, r.started_at, r.finished_at) for r in rows))
