"""End of day on a generated book of N open loans (issue #11: ≤ 60 s for 1,000,000; the book
step within 2× of its bare-SQL floor).

`prepare(url, loans)` migrates an empty database and writes the book (`bench.book`), checks
a sample against the Decimal engine and fingerprints every seller as rated. `run(url)`
measures, on a copy of it, first the floor — one INSERT…SELECT of an accrual line per open
loan and one UPDATE of the loans, rolled back — then one whole end of day, step by step:
settlement, auto-debit, the book step (overdue, days past due, accruals, monitoring, the
classification and allowance, the funding cost, re-rating, the new date) and, inside it, the
re-rating, the monitoring (this book has no sales history; `bench/monitoring.py` times
monitoring over 100,000 sellers' 120 days of sales) and the classification (issue #18 §1).
"""

from __future__ import annotations

import random
import time
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import text

from bench import book
from db.engine import engine_for


def prepare(url: str, loans: int) -> dict:
    from sqlmodel import Session

    from app.scoring.scorecard import load_scorecard
    from app.services.credit import rating_inputs
    from app.services.store.product_settings import effective_config
    from db.migrations_runner import upgrade

    upgrade(url)
    engine = engine_for(url)
    started = time.perf_counter()
    with engine.begin() as connection:
        summary = book.generate(connection, loans, datetime.now(UTC))
    with Session(engine) as session, session.begin():
        # as last night's pre-approval left them (rated as of today)
        version = rating_inputs.version_of(load_scorecard().version, effective_config(session))
        prints = rating_inputs.fingerprints(session, book.TODAY, version)
        rating_inputs.remember(session, prints, sorted(prints), book.TODAY)
    _analyze(url)
    summary["generated_s"] = time.perf_counter() - started
    summary["sample_checked"] = check_sample(url)
    engine.dispose()
    return summary


def _analyze(url: str) -> None:
    with engine_for(url).connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()


def check_sample(url: str, size: int = 200) -> int:
    """Loans read back through the loan repository equal the engine's state of their template."""
    from sqlmodel import Session

    from app.services.store import loan_store

    credit, orders = book.templates(), book.order_templates()
    with Session(engine_for(url)) as session:
        top = session.execute(text("SELECT MAX(id) FROM loans")).scalar_one()
        for loan_id in random.Random(7).sample(range(1, top + 1), min(size, top)):
            record = loan_store.get(session, loan_id)
            group = orders if record.loan.product == "order" else credit
            template = group[loan_id % len(group)]
            if record.state() != book.state_today(template):
                raise AssertionError(f"generated loan {loan_id} differs from the engine's")
    return min(size, top)


class Steps:
    """Wall time of the end-of-day steps, by patching the step functions for one run."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, module, name: str, label: str):
        real = getattr(module, name)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - started

        setattr(module, name, timed)
        return real


@contextmanager
def timed_steps():
    from app.services.end_of_day import classify_sql, funding
    from app.services.end_of_day import collect as eod_collect
    from app.services.end_of_day import run as eod
    from tests.support import eod_reference

    steps = Steps()
    patched = [(eod_collect, "settle_confirmed_orders", "settle"),
               (eod_collect, "auto_debit_due", "auto_debit"),
               (eod_reference, "settle_confirmed_orders", "settle"),
               (eod_reference, "auto_debit_due", "auto_debit"),
               (eod, "_book_step", "book_step"), (eod, "pre_approve", "re_rating"),
               (eod, "run_monitoring", "monitoring"), (classify_sql, "classify_book", "classification"),
               (funding, "accrue_funding_cost", "funding")]
    originals = [(module, name, steps.wrap(module, name, label)) for module, name, label in patched]
    try:
        yield steps
    finally:
        for module, name, real in originals:
            setattr(module, name, real)


def floor_seconds(url: str) -> float:
    """One INSERT…SELECT of the accrual lines — both sides, receivable and income, for every
    open loan — and one UPDATE of the loans' recognised interest (rolled back)."""
    with engine_for(url).connect() as connection:
        transaction = connection.begin()
        entry = connection.execute(text(
            "INSERT INTO journal_entries (business_date, kind, memo, created_at) "
            "VALUES ('2026-06-15', 'floor', '', '2026-06-15 00:00:00') RETURNING id")).scalar_one()
        started = time.perf_counter()
        connection.execute(text("""INSERT INTO journal_lines
              (entry_id, account, loan_id, debit_fen, credit_fen)
            SELECT :e, CASE WHEN side.k = 1 THEN 'interest_receivable' ELSE 'interest_income' END, l.id,
              CASE WHEN side.k = 1 THEN l.outstanding_fen * l.daily_rate_e8 / 100000000 ELSE 0 END,
              CASE WHEN side.k = 2 THEN l.outstanding_fen * l.daily_rate_e8 / 100000000 ELSE 0 END
            FROM loans l CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2) side WHERE l.status = 'open'"""),
                           {"e": entry})
        connection.execute(text("""UPDATE loans SET interest_recognised_fen = interest_recognised_fen
            + outstanding_fen * daily_rate_e8 / 100000000 WHERE status = 'open'"""))
        elapsed = time.perf_counter() - started
        transaction.rollback()
    return elapsed


def run(url: str) -> dict:
    """The floor, then one end of day on the database at `url`, timed step by step."""
    import os

    from app.services.access.actor import SYSTEM_ACTOR
    from app.services.end_of_day.run import run_end_of_day

    floor = floor_seconds(url)
    os.environ["DATABASE_URL"] = url
    with timed_steps() as steps:
        started = time.perf_counter()
        [report] = run_end_of_day(SYSTEM_ACTOR)
        total = time.perf_counter() - started
    engine_for(url).dispose()
    seconds = steps.seconds
    # The floor is the accrual lines' (issue #11): the book step's other parts are timed apart.
    parts = ("re_rating", "monitoring", "classification", "funding")
    accruals = seconds["book_step"] - sum(seconds.get(part, 0.0) for part in parts)
    return {"total": total, **seconds, "book_without_rating": accruals, "floor": floor,
            "ratio": accruals / floor if floor else float("nan"), "settled": report.orders_settled,
            "debited": report.auto_debits}
