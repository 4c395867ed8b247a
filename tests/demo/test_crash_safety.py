"""Killed and run again, `seed-demo`, `advance-days` and `eod` give what an uninterrupted
run gives (issue #8): the same rows in every table, the same ledger, and a ledger that
reconciles.

Each command runs as `python -m app …` in a subprocess and is killed (SIGKILL; once
Ctrl-C) after a random delay, a few times in a row, then run again to completion. The
delays come from a fixed seed, so a failure is reproducible. A small demo (`--sellers`)
keeps the module at a minute or two on SQLite; `--db=postgres` runs it on PostgreSQL.
"""

from __future__ import annotations

import random
import signal
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel

from db.engine import engine_for
from db.models import JournalLine, Loan, Order, Payment, Setting
from tests.demo.conftest import TODAY, copy_database, drop_database, run_cli, start_cli

pytestmark = pytest.mark.slow

SELLERS = "20"
DAYS = 40
SEED_ARGS = ("seed-demo", "--sellers", SELLERS, "--today", TODAY.isoformat())


def rank(ids) -> dict[int, int]:
    """Each id's place (1, 2, …) in ascending order."""
    return {id_: place for place, id_ in enumerate(ids, start=1)}


def snapshot(url: str) -> dict:
    """Row counts of every table, the ledger per account, and the rows that money moved."""
    engine = engine_for(url)
    try:
        with engine.connect() as c:
            def rows(query) -> list[tuple]:
                return [tuple(row) for row in c.execute(query).all()]

            # The audit log is left out: append-only, it keeps the killed attempts' own records
            # (a PostgreSQL seed is wiped and redone, but never its audit trail).
            counts = {table.name: c.execute(select(func.count()).select_from(table)).scalar_one()
                      for table in SQLModel.metadata.sorted_tables if table.name != "audit_events"}
            # Ids are compared by rank: a PostgreSQL sequence is not rolled back with a killed
            # transaction, so a rerun's loans and orders may skip numbers the uninterrupted run
            # used. The rows, their order and what points at what must still be the same.
            loan_rank = rank(c.execute(select(Loan.id).order_by(Loan.id)).scalars())
            order_rank = rank(c.execute(select(Order.id).order_by(Order.id)).scalars())
            orders = [(order_rank[order_id], *middle, loan_rank.get(loan_id))
                      for order_id, *middle, loan_id in rows(
                          select(Order.id, Order.shop_id, Order.status, Order.amount_fen, Order.paid_on,
                                 Order.confirm_on, Order.refunded_on, Order.pledged_loan_id)
                          .order_by(Order.id))]
            loans = [(loan_rank[loan_id], *rest) for loan_id, *rest in rows(
                select(Loan.id, Loan.seller_id, Loan.product, Loan.principal_fen,
                       Loan.start_date, Loan.status, Loan.outstanding_fen, Loan.dpd).order_by(Loan.id))]
            payments = [(loan_rank[loan_id], *rest) for loan_id, *rest in rows(
                select(Payment.loan_id, Payment.paid_on, Payment.source, Payment.amount_fen)
                .order_by(Payment.id))]
            return {
                "counts": counts,
                "ledger": rows(select(JournalLine.account, func.sum(JournalLine.debit_fen),
                                      func.sum(JournalLine.credit_fen))
                               .group_by(JournalLine.account).order_by(JournalLine.account)),
                "settings": rows(select(Setting.key, Setting.value).order_by(Setting.key)),
                "orders": orders,
                "loans": loans,
                "payments": payments,
            }
    finally:
        engine.dispose()


def assert_same(url: str, control: dict) -> None:
    got = snapshot(url)
    for part in control:
        assert got[part] == control[part], part
    result = run_cli(url, "reconcile")
    assert result.returncode == 0, result.stdout + result.stderr


def interrupt(url: str, args: tuple[str, ...], rng: random.Random, rounds: int, longest: float,
              signals: tuple[int, ...] = (signal.SIGKILL,), finished=lambda: False) -> int:
    """Start the command up to `rounds` times, each killed after 0.2 to `longest`
    seconds; stops when a run finished before its kill, or `finished()` says its work was
    all done when the kill came (it may land after the last commit, before the exit: a
    further round would then start a new run). Returns how many were killed."""
    for round_ in range(rounds):
        process = start_cli(url, *args)
        deadline = time.monotonic() + rng.uniform(0.2, longest)
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        if process.poll() is not None:
            assert process.returncode == 0, process.communicate()[1]
            return round_
        process.send_signal(signals[round_ % len(signals)])
        process.communicate(timeout=120)
        if finished():
            return round_ + 1
    return rounds


def finish(url: str, *args: str) -> str:
    result = run_cli(url, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def control(database_template) -> Iterator[tuple[str, dict]]:
    """The small demo seeded without interruption, and its snapshot (a template: copy it)."""
    url = database_template.clone()
    try:
        finish(url, *SEED_ARGS)
        yield url, snapshot(url)
    finally:
        drop_database(database_template, url)


@pytest.fixture
def rng(request: pytest.FixtureRequest) -> random.Random:
    return random.Random(f"crash-safety:{request.node.name}")


def test_an_interrupted_seed_is_seeded_again_as_if_never_interrupted(database_template, control, rng):
    url = database_template.clone()
    try:
        killed = interrupt(url, SEED_ARGS, rng, rounds=4, longest=8.0,
                           signals=(signal.SIGKILL, signal.SIGINT, signal.SIGKILL))
        assert killed >= 2
        finish(url, *SEED_ARGS, "--if-empty")  # what scripts/run.sh runs
        assert_same(url, control[1])
        if url.startswith("sqlite"):
            path = Path(url.removeprefix("sqlite:///"))
            finish(url, *SEED_ARGS, "--if-empty")  # a killed seed's copy is gone by now
            assert not list(path.parent.glob(f"{path.name}.seeding-*"))
    finally:
        drop_database(database_template, url)


def advanced(database_template, seeded: str, *args: str) -> tuple[str, float]:
    """A copy of `seeded` the command ran on, uninterrupted, and how long it took."""
    url = copy_database(database_template, seeded)
    started = time.monotonic()
    finish(url, *args)
    return url, time.monotonic() - started


def test_advance_days_killed_and_run_again_gives_the_uninterrupted_days(database_template, control, rng):
    args = ("advance-days", str(DAYS), "--seed", "5")
    reference, seconds = advanced(database_template, control[0], *args)
    url = copy_database(database_template, control[0])
    try:
        expected = snapshot(reference)
        assert expected["counts"]["loans"] > control[1]["counts"]["loans"]  # the days drew loans
        last = (TODAY + timedelta(days=DAYS)).isoformat()
        reached = lambda: dict(snapshot(url)["settings"])["business_date"] >= last  # noqa: E731
        assert interrupt(url, args, rng, rounds=5, longest=0.8 * seconds, finished=reached) >= 2
        if not reached():
            # not killed after its last day: a new run would simulate DAYS more days
            out = finish(url, *args)
            assert f"business date now {TODAY + timedelta(days=DAYS)}" in out
        assert_same(url, expected)
    finally:
        drop_database(database_template, url)
        drop_database(database_template, reference)


def test_advance_days_refuses_another_run_while_one_is_unfinished(database_template, control, rng):
    url = copy_database(database_template, control[0])
    try:
        interrupt(url, ("advance-days", str(DAYS)), rng, rounds=1, longest=1.5)
        if snapshot(url)["counts"]["demo_days"]:  # killed after it planned its days
            result = run_cli(url, "advance-days", "3")
            assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
            assert f"advance-days {DAYS} --seed 7" in result.stderr
    finally:
        drop_database(database_template, url)


def test_end_of_day_killed_and_run_again_gives_the_uninterrupted_dates(database_template, control, rng):
    until = (TODAY + timedelta(days=60)).isoformat()
    reference, seconds = advanced(database_template, control[0], "eod", "--until", until)
    url = copy_database(database_template, control[0])
    try:
        assert interrupt(url, ("eod", "--until", until), rng, rounds=4, longest=0.8 * seconds) >= 2
        finish(url, "eod", "--until", until)
        assert_same(url, snapshot(reference))
    finally:
        drop_database(database_template, url)
        drop_database(database_template, reference)
