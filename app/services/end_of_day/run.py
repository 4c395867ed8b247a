"""End of day 日终 (rules §8): one run per business date, in date order.

Steps, in order: settle the orders whose buyers confirmed today; auto-debit what
is due (both set-based where the allocation is simple and through the per-loan
engine in batches of sellers for the rest, `app.services.end_of_day.collect`; the
tests hold the reference they are checked against, one transaction per order or loan:
`tests/support/eod_reference.py`); then,
in one transaction over the whole book with set-based SQL: mark overdue
installments, update days past due (and non-performing), accrue interest and
penalty, run monitoring, classify every open loan and post the loan-loss allowance
(`app.services.end_of_day.classify_sql`, rules §13), accrue the funding cost of the drawn bank
lines (`app.services.end_of_day.funding`), re-rate every seller (pre-approval, rules §6.3) and
advance the business date.

Each transaction is retried on a lock conflict (`app.services.store.locks`); the
book step holds the business day exclusively, so draws and repayments that
commit meanwhile fall wholly before it or wholly after the new date.

Idempotent and crash-safe: a completed date is never run again; the first two
steps only act on what is still unsettled or unpaid, so re-running a crashed
date collects nothing twice; the book step commits all-or-nothing together
with the new business date.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from app.config import DEFAULT_CONFIG
from app.crash_points import CrashPoint, crash_point
from app.errors import EndOfDayError
from app.i18n import text
from app.loans.allocation import reproject
from app.services.access import audit
from app.services.access.actor import ADMIN, SYSTEM, Actor, require_role
from app.services.access.inputs import shown
from app.services.credit.assessment import pre_approve
from app.services.credit.model_report import store_model_report
from app.services.end_of_day import book_sql, classify_sql, funding
from app.services.end_of_day import collect as eod_collect
from app.services.end_of_day.lock import exclusive_run
from app.services.risk_ops import monitoring
from app.services.store import loan_store, postings
from app.services.store.locks import hold_business_day, retry_on_conflict
from app.services.store.settings import (
    business_date,
    move_book_outstanding,
    nightly_pre_approval,
    set_business_date,
)
from db.engine import session_scope
from db.models import EodRun, JournalEntry, now_utc

EOD_STARTED, EOD_COMPLETED = "started", "completed"  # EodRun.status
NON_PERFORMING_DPD = DEFAULT_CONFIG.non_performing_dpd  # fixed by the rules (§7), not a product setting
LOG = logging.getLogger("microloan")


@dataclass(frozen=True)
class EodReport:
    business_date: date
    orders_settled: int
    auto_debits: int
    newly_overdue: int
    newly_non_performing: int


def run_end_of_day(actor: Actor, until: date | None = None, *, model_report: bool = True) -> list[EodReport]:
    """Run end of day for the current business date, or for every date up to
    and including `until`; returns one report per date run. Then, unless `model_report` is
    False (a demo history closing hundreds of days), the model report of the new business
    date is computed and stored for the back office (`store_model_report`)."""
    require_role(actor, ADMIN, SYSTEM)
    if until is not None and (not isinstance(until, date) or isinstance(until, datetime)):
        raise EndOfDayError(text("eod.until_invalid", until=shown(until)))
    reports = []
    with exclusive_run():  # one run at a time, whoever starts it (command, back office, demo)
        while True:
            with session_scope() as session:
                today = business_date(session)
            if until is not None and today > until:
                break
            reports.append(_run_date(today))
            if until is None:
                break
    if reports:  # a run with nothing left to do changes nothing, and records nothing
        audit.record_alone(actor, "end_of_day", ", ".join(str(r.business_date) for r in reports)[:100])
        if model_report:
            _store_model_report()
    return reports


def _store_model_report() -> None:
    """The new date's model report, outside the run's lock: the book is closed already, so a
    failure here is logged and leaves the page to compute the report on its first visit."""
    try:
        store_model_report()
    except Exception:
        LOG.exception("end of day: the model report was not stored; the page will compute it")


def _run_date(today: date) -> EodReport:
    with session_scope() as session:
        run = session.get(EodRun, today)
        if run is not None and run.status == EOD_COMPLETED:
            raise EndOfDayError(text("eod.already_run", date=today.isoformat()))
        postings.ensure_open(session, today)  # its set-based entries are dated today: never a closed month
        if run is None:
            session.add(EodRun(business_date=today, status=EOD_STARTED))
    settled = eod_collect.settle_confirmed_orders(today)
    crash_point(CrashPoint.EOD_ORDERS_SETTLED)  # tests only (app/crash_points.py)
    debits = eod_collect.auto_debit_due(today)
    crash_point(CrashPoint.EOD_DEBITS_COLLECTED)
    overdue, non_performing = _book_step(today)
    crash_point(CrashPoint.EOD_DATE_CLOSED)
    return EodReport(today, settled, debits, overdue, non_performing)


@retry_on_conflict
def _book_step(today: date) -> tuple[int, int]:
    """The whole-book step, holding the business day exclusively (`app.services.store.locks`):
    no draw, repayment, settlement or auto-debit is half-way while it runs, and none
    starts until the new business date is committed."""
    with session_scope() as session:
        hold_business_day(session, exclusive=True)
        overdue, non_performing = _close_book(session, today)
        run = session.get(EodRun, today)
        run.status, run.steps_done, run.finished_at = EOD_COMPLETED, "settle,auto_debit,book", now_utc()
        session.add(run)
    return overdue, non_performing


def _close_book(session: Session, today: date) -> tuple[int, int]:
    """The whole-book steps, as of the start of the next business date."""
    tomorrow = today + timedelta(days=1)
    overdue, newly_non_performing = accrue_day(session, today)
    run_monitoring(session, tomorrow)
    classify_sql.classify_book(session, today)  # 五级分类 and the allowance, after monitoring's floors
    funding.accrue_funding_cost(session, today)  # interest on the drawn bank lines (rules §10, §14)
    if nightly_pre_approval(session):
        pre_approve(session, tomorrow)  # rates every seller as of the new business date
    set_business_date(session, tomorrow)
    return overdue, newly_non_performing


def accrue_day(session: Session, today: date) -> tuple[int, int]:
    """The book as of the start of the day after `today`: overdue installments, days past due,
    non-performance, and `today`'s interest and penalty accrued (one entry dated `today`);
    the newly overdue and non-performing counts. End of day's book step begins with it; the demo
    history runs it alone for the days it jumps over (`accrue_days`)."""
    tomorrow = today + timedelta(days=1)
    connection = session.connection()
    overdue = book_sql.mark_overdue(connection, tomorrow)
    book_sql.update_days_past_due(connection, tomorrow)
    newly_non_performing = book_sql.mark_non_performing(connection, tomorrow, NON_PERFORMING_DPD)
    _stop_accruals(session, newly_non_performing, tomorrow)
    book_sql.compute_accruals(connection, tomorrow)  # once; the check and both sides read it
    if book_sql.negative_accruals(connection):
        raise EndOfDayError(text("eod.income_would_fall", date=today.isoformat()))
    if book_sql.has_accruals(connection):  # nothing accrued: no empty entry (the journal is append-only)
        postings.ensure_open(session, today)
        entry = JournalEntry(business_date=today, kind="accrual",
                             memo="end-of-day interest and penalty accrual")
        session.add(entry)
        session.flush()
        book_sql.post_accruals(connection, entry.id)
    else:
        book_sql.discard_accruals(connection)
    return overdue, len(newly_non_performing)


def accrue_days(session: Session, first: date, until: date) -> None:
    """`accrue_day` for each date from `first` to the day before `until`: the days a jump of the
    business date skips (the demo history) earn their interest on their own dates, not in one
    catch-up at the next end of day. Settlement, auto-debit and monitoring are not run."""
    for offset in range((until - first).days):
        accrue_day(session, first + timedelta(days=offset))


def _stop_accruals(session: Session, loan_ids: list[int], on: date) -> None:
    """Re-project the not-yet-due interest of loans that just turned non-performing,
    so nothing beyond that date is ever charged (rules §7). Few loans a day."""
    for loan_id in loan_ids:
        record = loan_store.get(session, loan_id)
        session.refresh(record.loan)
        move_book_outstanding(session, record.save(reproject(record.state(), on)))  # 0: no principal moves
        session.add_all(record.rows())


def run_monitoring(session: Session, on: date) -> None:
    """In-loan monitoring (rules §9): blacklisting, warnings, recalls, recovery progress
    (`app.services.risk_ops.monitoring`), set-based over every seller."""
    monitoring.run(session, on)
