"""`advance-days N`: demo time travel (product §4, §5)."""

from __future__ import annotations

import argparse
import sys

from app.demo.time_travel import MAX_DAYS
from app.errors import UsageError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "advance-days", help="simulate N days of platform activity, each closed by end of day",
        description="Demo time travel: from the current business date, simulate N days of orders, shipping, "
                    "buyers confirming receipt, refunds, repayments and draws, and run end of day for each. "
                    "The same seed on the same dates gives the same activity. Each day is recorded as it "
                    "is done: if a run is interrupted (killed, Ctrl-C), run the same command again and it "
                    "finishes the interrupted run (the same N and seed, counted from where that run "
                    "started), giving the same platform as an uninterrupted run.")
    parser.add_argument("days", type=int, metavar="N", help=f"number of days to simulate (1-{MAX_DAYS})")
    parser.add_argument("--seed", type=int, default=7, metavar="S",
                        help="random seed of the simulation (default 7)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """The page's entry (`advance_days`) as the system: one range check, one audit record;
    a refusal (N out of range, an interrupted run of another N) is one line and exit 2;
    another end of day running is one line and exit 1, as `eod` says it."""
    from app.demo.time_travel import advance_days
    from app.errors import EndOfDayRunning, LendingError
    from app.money import ZERO, format_cny
    from app.services.access.actor import SYSTEM_ACTOR
    from app.services.store.settings import business_date
    from db.engine import session_scope

    try:
        reports = advance_days(SYSTEM_ACTOR, args.days, args.seed)
    except EndOfDayRunning as exc:
        print(f"python -m app advance-days: {exc}", file=sys.stderr)
        return 1
    except LendingError as exc:
        raise UsageError(str(exc)) from None
    for r in reports:
        resumed = " (resumed after an interruption: what this run did)" if r.resumed else ""
        print(f"{r.day}: {r.orders_placed} orders placed, {r.orders_shipped} shipped, "
              f"{r.orders_settled} settled, {r.orders_refunded} refunded; "
              f"{r.repayments} repayments ({format_cny(r.repaid)}), {r.auto_debits} auto-debits; "
              f"{r.new_loans} new loans ({format_cny(r.lent)}); "
              f"{r.newly_overdue} installments newly overdue{resumed}")
    with session_scope() as session:
        today = business_date(session)
    lent = sum((r.lent for r in reports), ZERO)
    repaid = sum((r.repaid for r in reports), ZERO)
    print(f"Ran {len(reports)} days: {sum(r.orders_settled for r in reports)} orders settled, "
          f"{sum(r.repayments for r in reports)} repayments ({format_cny(repaid)}) and "
          f"{sum(r.auto_debits for r in reports)} auto-debits, {sum(r.new_loans for r in reports)} new loans "
          f"({format_cny(lent)}); business date now {today}.")
    return 0
