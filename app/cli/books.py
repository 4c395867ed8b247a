"""`report` and `close-month`: the lender's statements and the month-end close (issue #18 §4-§5)."""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli.book import _iso_date
from app.errors import LendingError, UsageError
from app.report_files import FORMATS

# as the service's (app.services.back_office.reports.REPORTS; a test checks): imported lazily there
REPORTS = ("trial-balance", "income", "balance-sheet", "classification", "general-ledger", "journal", "ecl")


def register(subparsers) -> None:
    report = subparsers.add_parser(
        "report", help="the lender's statements: trial balance, income, balance sheet, classification",
        description="Print (or write with --output) a statement from the journal: trial-balance, "
                    "balance-sheet and classification --on a date; income, journal and general-ledger "
                    "(of --account) --from/--to a period; ecl (IFRS 9 view) as of the last end of day. "
                    "CSV by default; XLSX needs --output.")
    report.add_argument("name", choices=REPORTS)
    report.add_argument("--on", type=_iso_date, metavar="YYYY-MM-DD")
    report.add_argument("--from", dest="start", type=_iso_date, metavar="YYYY-MM-DD")
    report.add_argument("--to", dest="end", type=_iso_date, metavar="YYYY-MM-DD")
    report.add_argument("--account", help="the account of the general ledger (e.g. loan_principal)")
    report.add_argument("--format", choices=FORMATS, default="csv")
    report.add_argument("--output", type=Path, metavar="FILE", help="write the report here")
    report.set_defaults(func=run_report)
    close = subparsers.add_parser(
        "close-month", help="close a month once end of day has run for its last day",
        description="Close a month (YYYY-MM): its trial balance is stored and nothing can be posted "
                    "with a date in it any more. Refused twice, out of order, or before end of day "
                    "has run for the month's last day.")
    close.add_argument("--month", required=True, metavar="YYYY-MM")
    close.set_defaults(func=run_close)


def run_report(args) -> int:
    from app.report_files import render
    from app.services.access.actor import SYSTEM_ACTOR
    from app.services.back_office.reports import report_table

    if args.format == "xlsx" and args.output is None:
        raise UsageError("--format xlsx writes a file: give --output")
    try:
        table = report_table(SYSTEM_ACTOR, args.name, on=args.on, start=args.start, end=args.end,
                             account=args.account)
    except LendingError as exc:
        raise UsageError(str(exc)) from None
    content = render(table, args.format)
    if args.output is None:
        sys.stdout.write(content.decode("utf-8"))
    else:
        try:
            args.output.write_bytes(content)
        except (OSError, ValueError) as exc:  # a folder, no such folder, no permission, a NUL in the name
            raise UsageError(f"cannot write {str(args.output)[:80]!r}: {exc.__class__.__name__}") from None
        print(f"{table.title}: {len(table.rows)} rows written to {args.output}")
    return 0


def run_close(args) -> int:
    from app.services.access.actor import SYSTEM_ACTOR
    from app.services.end_of_day.close import close_month

    try:
        closed = close_month(SYSTEM_ACTOR, args.month)
    except LendingError as exc:
        raise UsageError(str(exc)) from None
    print(f"{closed.month} closed through {closed.closed_through}: {closed.accounts} accounts stored")
    return 0
