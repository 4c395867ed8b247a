"""`feed import` (and `feed watch`): the platform's data in (issue 17; docs/feed.md)."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from app.errors import FeedUnreadable, LendingError, UsageError

REJECT_COLUMNS = ("file", "line", "event_id", "field", "reason")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number of at least 1")
    return value


def register(subparsers) -> None:
    feed = subparsers.add_parser("feed", help="the platform feed: import records (docs/feed.md)",
                                 description="The platform feed: sellers, shops, order events, daily "
                                             "sales and behaviour, as JSON Lines or CSV (docs/feed.md).")
    commands = feed.add_subparsers(dest="feed_command", required=True, parser_class=type(feed))
    imp = commands.add_parser(
        "import", help="import feed files or folders",
        description="Import feed files (JSON Lines or CSV, optionally .gz) or every feed file of a "
                    "folder, in batches of one transaction each. A record applied before changes "
                    "nothing. Rejected records go to the rejects file with file, line, field and "
                    "reason. Exit 0 without rejects, 1 with.")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument("--rejects", type=Path, default=Path("feed-rejects.csv"), metavar="FILE",
                     help="where rejected records are listed (default feed-rejects.csv; written only "
                          "when there are rejects)")
    imp.add_argument("--batch", type=_positive_int, default=None, metavar="N",
                     help="records per transaction (default 500)")
    imp.set_defaults(func=run_import)
    watch = commands.add_parser(
        "watch", help="import every feed file dropped into a folder",
        description="Watch DIR: import each feed file that appears there and move it to DIR/done/ (or "
                    "DIR/failed/ with NAME.rejects.csv when records were rejected). Safe to kill at any "
                    "point: after a restart nothing is applied twice and nothing is lost. Write files "
                    "under another name (NAME.part) and rename them when complete.")
    watch.add_argument("folder", type=Path, metavar="DIR")
    watch.add_argument("--once", action="store_true", help="import what is there now, then exit")
    watch.add_argument("--interval", type=_positive_int, default=2, metavar="SECONDS",
                       help="how often to look for new files (default 2)")
    watch.add_argument("--batch", type=_positive_int, default=None, metavar="N",
                       help="records per transaction (default 500)")
    watch.set_defaults(func=run_watch)


def run_import(args) -> int:
    from app.cli import one_line
    from app.services.access.actor import SYSTEM_ACTOR
    from app.services.feed.importer import BATCH, import_feed, import_rejects

    for path in args.paths:
        if not _is(path, Path.exists):
            raise UsageError(f"no such file or folder: {path}")
    try:
        summary = import_feed(SYSTEM_ACTOR, args.paths, batch=args.batch or BATCH)
    except FeedUnreadable as exc:  # the records before the damage are in
        print(f"python -m app feed import: error: {one_line(str(exc))}", file=sys.stderr)
        return 1
    except LendingError as exc:
        raise UsageError(str(exc)) from None
    if summary.rejected:
        try:
            write_rejects(args.rejects, import_rejects(SYSTEM_ACTOR, summary.import_id, limit=10**9))
        except OSError as exc:  # the records are in; the rejects stay listed on the Platform feed page
            print(f"python -m app feed import: error: cannot write the rejects file: {exc.strerror}",
                  file=sys.stderr)
            print(summary.line())
            return 1
        print(f"rejects: {args.rejects}")
    elif summary.read and summary.imported == 0 and summary.unchanged == summary.read:
        print("nothing to import: every record was applied before")
    print(summary.line())
    return 1 if summary.rejected else 0


def _is(path: Path, check) -> bool:
    """`check(path)`, False for a path the system cannot even look up (a name too long, say):
    pathlib raises those instead of answering."""
    try:
        return check(path)
    except OSError:
        return False


def write_rejects(path: Path, rejects) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(REJECT_COLUMNS)
        for r in rejects:
            writer.writerow([r.file, r.line, r.event_id, r.field, r.reason])


def run_watch(args) -> int:
    import signal

    from app.services.access.actor import SYSTEM_ACTOR
    from app.services.feed.importer import BATCH
    from app.services.feed.watch import watch, watch_once

    if not _is(args.folder, Path.is_dir):
        raise UsageError(f"no such folder: {args.folder}")
    batch = args.batch or BATCH
    if args.once:
        try:
            outcomes = watch_once(SYSTEM_ACTOR, args.folder, batch=batch)
        except LendingError as exc:
            raise UsageError(str(exc)) from None
        for outcome in outcomes:
            _report(outcome)
        return 1 if any(o.moved_to == "failed" for o in outcomes) else 0
    stopping = []
    for signum in (signal.SIGTERM, signal.SIGINT):  # finish the file under way, then stop
        signal.signal(signum, lambda *_: stopping.append(True))
    watch(SYSTEM_ACTOR, args.folder, batch=batch, interval=args.interval, keep_going=lambda: not stopping,
          report=_report)
    return 0


def _report(outcome) -> None:
    what = outcome.summary.line() if outcome.summary is not None else outcome.problem
    print(f"{outcome.name}: {what} -> {outcome.moved_to}/", flush=True)
