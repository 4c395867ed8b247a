"""`eod` and `reconcile`: running and checking the book."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from app.errors import EndOfDayRunning, LendingError, UsageError


def _iso_date(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date like 2026-01-31") from None


def register(subparsers) -> None:
    eod = subparsers.add_parser(
        "eod", help="run end of day (rules §8)",
        description="Run end of day for the current business date, or for every business date up to "
                    "and including --until; each run settles confirmed orders, auto-debits what is due, "
                    "marks overdue, accrues interest and penalty, updates days past due and advances "
                    "the business date by one day.")
    eod.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD",
                     help="run every business date up to and including this one")
    eod.set_defaults(func=run_eod)
    rec = subparsers.add_parser(
        "reconcile", help="check every loan against the ledger; exit 1 on any difference",
        description="Check that every journal entry balances, every loan's balances equal the "
                    "ledger's and the engine's, and platform balances match. Exit 0 if all agree, "
                    "1 otherwise (each difference is printed).")
    rec.set_defaults(func=run_reconcile)


def run_eod(args) -> int:
    """Run end of day (under its run lock); exit 1 at once if another run holds it."""
    from app.services.access.actor import SYSTEM_ACTOR
    from app.services.end_of_day.run import run_end_of_day

    try:  # a second `eod` started meanwhile exits 1 with a clear message
        reports = run_end_of_day(SYSTEM_ACTOR, until=args.until)
    except EndOfDayRunning as exc:
        print(f"python -m app eod: {exc}", file=sys.stderr)
        return 1
    except LendingError as exc:
        raise UsageError(str(exc)) from None
    for r in reports:
        print(f"{r.business_date}: {r.orders_settled} orders settled, {r.auto_debits} auto-debits, "
              f"{r.newly_overdue} installments overdue, {r.newly_non_performing} loans non-performing")
    if not reports:
        print("nothing to run: the business date is already past --until")
    return 0


def run_reconcile(args) -> int:
    from app.services.end_of_day.reconcile import reconcile

    report = reconcile()
    for problem in report.problems:
        print(problem)
    verdict = "ok" if report.ok else f"{len(report.problems)} differences"
    print(f"reconcile: {report.loans_checked} loans, {report.entries_checked} journal entries: {verdict}")
    return 0 if report.ok else 1
