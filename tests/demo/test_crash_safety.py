"""Killed and run again, `seed-demo`, `advance-days` and `eod` give what an uninterrupted
run gives (issue #8): the same rows in every table, the same ledger, and a ledger that
reconciles.

Each command runs as `python -m app …` in a subprocess told to kill itself at a named
crash point (`app/crash_points.py`: MICROLOAN_CRASH_AT=<point>:<n>), several times in a
row on one database, and then runs again to completion. Never at a wall-clock time: on a
loaded machine a delay lands at another step, after the work is done, or not at all
(issue 15). First every point the command passes is killed at by name, at an n the run
is certain to reach (so the kill must happen: exit by SIGKILL), spread over the run; then,
as an extra, at a few (point, n) drawn from a fixed seed, which may come after the work
is done. A run that never reached its n-th point finishes and exits 0; a kill after the
last of the work leaves it done: either way no further run starts (`advance-days` would
simulate new days, `seed-demo` refuses a complete demo, which the seed test checks), and
the database must then equal the uninterrupted one. The seed is interrupted once as Ctrl-C
would (SIGINT at a point). A small demo (`--sellers`) keeps the module at a minute or two
on SQLite; `--db=postgres` runs it on PostgreSQL.
"""

from __future__ import annotations

import random
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel

from app.crash_points import CRASH_AT, CrashPoint
from db.engine import engine_for
from db.models import DemoDay, JournalLine, Loan, Order, Payment, Setting
from tests.demo.conftest import TODAY, copy_database, drop_database, run_cli

pytestmark = pytest.mark.slow

SELLERS = "20"
DAYS = 40  # advance-days
EOD_DATES = 61  # eod --until TODAY + 60
SEED_ARGS = ("seed-demo", "--sellers", SELLERS, "--today", TODAY.isoformat())
DAYS_ARGS = ("advance-days", str(DAYS), "--seed", "5")
EOD_ARGS = ("eod", "--until", (TODAY + timedelta(days=EOD_DATES - 1)).isoformat())
P = CrashPoint
EOD_POINTS = (P.EOD_BATCH_COMMITTED, P.EOD_ORDERS_SETTLED, P.EOD_DEBITS_COLLECTED, P.EOD_DATE_CLOSED)


@dataclass(frozen=True)
class Kill:
    """Kill the command the `n`-th time it reaches `point`; `sure`: the run is certain to get
    there, so the kill must happen."""

    point: CrashPoint
    n: int
    sure: bool = True
    signal: signal.Signals = signal.SIGKILL

    def env(self) -> dict[str, str]:
        return {CRASH_AT: f"{self.point.value}:{self.n}:{self.signal.name}"}


# By name, in order on one database, each at an n the run is certain to reach. A killed
# seed starts again from scratch: every seed point is reached once in every run.
SEED_KILLS = (Kill(P.SEED_STARTED, 1), Kill(P.SEED_HISTORY_PLAYED, 1, signal=signal.SIGINT),
              Kill(P.SEED_BUILT, 1))
SEED_COMPLETE = Kill(P.SEED_COMPLETE, 1)  # after it the seed's work is done: it comes last
# advance-days resumes where the kill left it; each of these takes at most n days (the steps':
# 4), 28 of the 40 in all.
DAYS_KILLS = (Kill(P.DEMO_DAYS_PLANNED, 1), Kill(P.DEMO_STEP_DONE, 5 * 3 + 2),  # day 4, after refunds
              Kill(P.EOD_BATCH_COMMITTED, 2 * 4 + 1), Kill(P.EOD_ORDERS_SETTLED, 5),
              Kill(P.EOD_DEBITS_COLLECTED, 5), Kill(P.EOD_DATE_CLOSED, 5), Kill(P.DEMO_DAY_DONE, 5))
# eod resumes at the first date not closed; these take at most 4 + 3 × 10 of the 61 dates.
EOD_KILLS = (Kill(P.EOD_BATCH_COMMITTED, 2 * 4 + 1), Kill(P.EOD_ORDERS_SETTLED, 10),
             Kill(P.EOD_DEBITS_COLLECTED, 10), Kill(P.EOD_DATE_CLOSED, 10))


def random_kills(rng: random.Random, reach: dict[CrashPoint, int], k: int, *, sure: bool) -> list[Kill]:
    """`k` kills at points drawn from `reach`, each at an n up to `reach[point]`: how often an
    uninterrupted run reaches it, at least (a resumed run may finish first)."""
    points = [rng.choice(list(reach)) for _ in range(k)]
    return [Kill(point, rng.randint(1, reach[point]), sure) for point in points]


def crash(url: str, args: tuple[str, ...], kill: Kill) -> bool:
    """Run the command, told to die at `kill`; whether it finished (exit 0) instead."""
    result = run_cli(url, *args, env=kill.env())
    if result.returncode == 0:  # it never reached its n-th point: it ran to the end
        assert not kill.sure, f"{kill} never came\n{result.stdout}"
        return True
    assert result.returncode == -kill.signal, f"{kill}: exit {result.returncode}\n{result.stderr}"
    return False


def interrupt(url: str, args: tuple[str, ...], kills, done: Callable[[], bool]) -> None:
    """Run the command once per kill, on the same database, until its work is done."""
    for kill in kills:
        if done():  # an earlier kill came after the last of the work: another run would start anew
            assert not kill.sure, f"the work was done before {kill}"
            return
        if crash(url, args, kill):
            return


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
                "demo_days": rows(select(DemoDay.day, DemoDay.status).order_by(DemoDay.day)),
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


def settings(url: str) -> dict[str, str]:
    return dict(snapshot(url)["settings"])


def business_date(url: str) -> date:
    return date.fromisoformat(settings(url)["business_date"])


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


def test_every_crash_point_is_killed_at_by_name():
    from tests.demo.test_feed_watch import KILLS as FEED_KILLS  # `feed watch`: killed in its own test

    named = {kill.point for kill in (*SEED_KILLS, SEED_COMPLETE, *DAYS_KILLS, *EOD_KILLS)}
    feed = {CrashPoint(kill.rsplit(":", 1)[0]) for kill in FEED_KILLS}
    assert named | feed | {P.SEED_INSTALLED} == set(CrashPoint)  # seed.installed: by name on SQLite (below)


def test_an_interrupted_seed_is_seeded_again_as_if_never_interrupted(database_template, control, rng):
    url = database_template.clone()
    sqlite = url.startswith("sqlite")
    # The seed's loan history runs end of day once a date: a whole seed reaches each eod point
    # that often, the batches twice as often (every killed seed starts again from scratch).
    dates = control[1]["counts"]["eod_runs"]
    extras = random_kills(rng, {P.EOD_BATCH_COMMITTED: 2 * dates, P.EOD_DATE_CLOSED: dates}, 2, sure=True)
    # On SQLite the complete seed is still in a copy of the file until it replaces the file
    # (seed.installed); elsewhere seed.complete is the end: the demo is done, nothing to kill.
    last = Kill(P.SEED_INSTALLED, 1, sure=sqlite)
    try:
        interrupt(url, SEED_ARGS, (*SEED_KILLS, *extras, SEED_COMPLETE, last),
                  done=lambda: settings(url).get("demo_seed") == "complete")
        again = run_cli(url, *SEED_ARGS)  # killed after its last commit: the demo is there
        assert again.returncode == 2 and "already holds the demo" in again.stderr, again.stderr
        finish(url, *SEED_ARGS, "--if-empty")  # what scripts/run.sh runs
        assert_same(url, control[1])
        if sqlite:  # the killed seeds' copies are gone
            path = Path(url.removeprefix("sqlite:///"))
            assert not list(path.parent.glob(f"{path.name}.seeding-*"))
    finally:
        drop_database(database_template, url)


def advanced(database_template, seeded: str, *args: str) -> str:
    """A copy of `seeded` the command ran on, uninterrupted."""
    url = copy_database(database_template, seeded)
    finish(url, *args)
    return url


def days_done(url: str) -> bool:
    """Whether advance-days finished: every planned day done (another run would plan new days)."""
    got = snapshot(url)
    return bool(got["demo_days"]) and all(status == "done" for _day, status in got["demo_days"])


def test_advance_days_killed_and_run_again_gives_the_uninterrupted_days(database_template, control, rng):
    reference = advanced(database_template, control[0], *DAYS_ARGS)
    url = copy_database(database_template, control[0])
    try:
        expected = snapshot(reference)
        assert expected["counts"]["loans"] > control[1]["counts"]["loans"]  # the days drew loans
        reach = {P.DEMO_DAYS_PLANNED: 1, P.DEMO_STEP_DONE: 5 * DAYS, P.DEMO_DAY_DONE: DAYS,
                 P.EOD_BATCH_COMMITTED: 2 * DAYS, P.EOD_ORDERS_SETTLED: DAYS, P.EOD_DEBITS_COLLECTED: DAYS,
                 P.EOD_DATE_CLOSED: DAYS}
        extras = random_kills(rng, reach, 3, sure=False)
        interrupt(url, DAYS_ARGS, (*DAYS_KILLS, *extras), done=lambda: days_done(url))
        if not days_done(url):
            out = finish(url, *DAYS_ARGS)
            assert f"business date now {TODAY + timedelta(days=DAYS)}" in out
        assert_same(url, expected)
    finally:
        drop_database(database_template, url)
        drop_database(database_template, reference)


def test_advance_days_refuses_another_run_while_one_is_unfinished(database_template, control):
    url = copy_database(database_template, control[0])
    try:
        crash(url, ("advance-days", str(DAYS)), Kill(P.DEMO_DAYS_PLANNED, 1))  # its days planned
        result = run_cli(url, "advance-days", "3")
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert f"advance-days {DAYS} --seed 7" in result.stderr
    finally:
        drop_database(database_template, url)


def dates_closed_before(kill: Kill) -> tuple[int, int]:
    """The fewest and most dates a fresh or resumed eod closes before it dies at `kill`: each
    date reaches each eod point once, and commits at least two batches (a set-based one a step)."""
    if kill.point is P.EOD_BATCH_COMMITTED:
        return 0, (kill.n - 1) // 2
    closed = kill.n if kill.point is P.EOD_DATE_CLOSED else kill.n - 1
    return closed, closed


def test_end_of_day_killed_and_run_again_gives_the_uninterrupted_dates(database_template, control, rng):
    reference = advanced(database_template, control[0], *EOD_ARGS)
    url = copy_database(database_template, control[0])
    until = TODAY + timedelta(days=EOD_DATES - 1)
    try:
        for kill in EOD_KILLS:  # each dies where its point says (the dates closed before it)
            before = business_date(url)
            crash(url, EOD_ARGS, kill)
            fewest, most = dates_closed_before(kill)
            assert fewest <= (business_date(url) - before).days <= most, kill
        reach = {point: EOD_DATES * (2 if point is P.EOD_BATCH_COMMITTED else 1) for point in EOD_POINTS}
        interrupt(url, EOD_ARGS, random_kills(rng, reach, 3, sure=False),
                  done=lambda: business_date(url) > until)
        finish(url, *EOD_ARGS)  # also when done: a run past --until changes nothing
        assert_same(url, snapshot(reference))
    finally:
        drop_database(database_template, url)
        drop_database(database_template, reference)
