"""`feed watch DIR`: a drop folder for the platform's feed files (issue 17 item 3 of the feed).

Each feed file that appears in DIR is imported (`import_feed`, batches of one transaction
each) and then moved, by one atomic rename, to `DIR/done/` — or to `DIR/failed/` when some of
its records were rejected or it could not be read, with its rejects beside it
(`NAME.rejects.csv`, written before the move). A file stays in DIR until it is moved, so a
watcher killed at any point (SIGKILL included) finds it again after a restart and imports it
again: the events it had applied are found by event id and change nothing, the rest apply —
no record applied twice, none lost. The platform writes a file under another name (`*.part`,
or starting with a dot) and renames it when complete; only names ending in a feed suffix are
picked up.
"""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.crash_points import CrashPoint, crash_point
from app.errors import FeedUnreadable
from app.feed.reader import SUFFIXES
from app.services.access import arguments as checks
from app.services.access.actor import ADMIN, SYSTEM, Actor, require_role
from app.services.feed.importer import MAX_BATCH, ImportSummary, import_feed, import_rejects

DONE, FAILED = "done", "failed"
REJECT_COLUMNS = ("file", "line", "event_id", "field", "reason")


@dataclass(frozen=True)
class FileOutcome:
    name: str
    moved_to: str  # done / failed
    summary: ImportSummary | None  # None: the file could not be read
    problem: str = ""


def waiting_files(folder: Path) -> list[Path]:
    """The feed files waiting in `folder`, by name."""
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.name.endswith(SUFFIXES) and not p.name.startswith("."))


def watch_once(actor: Actor, folder: Path, *, batch: int) -> list[FileOutcome]:
    """Import and move every file waiting in `folder` now."""
    require_role(actor, SYSTEM, ADMIN)
    folder = checks.folder(folder)
    batch = checks.whole_number(batch, 1, MAX_BATCH)
    for sub in (DONE, FAILED):
        (folder / sub).mkdir(exist_ok=True)
    return [_one_file(actor, path, batch) for path in waiting_files(folder)]


def watch(actor: Actor, folder: Path, *, batch: int, interval: float, keep_going: Callable[[], bool],
          report: Callable[[FileOutcome], None]) -> None:
    """`watch_once` every `interval` seconds while `keep_going()`."""
    while keep_going():
        for outcome in watch_once(actor, folder, batch=batch):
            report(outcome)
        if keep_going():
            time.sleep(interval)


def _one_file(actor: Actor, path: Path, batch: int) -> FileOutcome:
    try:
        summary = import_feed(actor, [path], batch=batch, source=str(path))
    except FeedUnreadable as exc:  # a broken gzip, bytes that are not UTF-8
        problem = str(exc)
        _write_rejects(path, [(str(path), 0, "", "", problem)])
        crash_point(CrashPoint.FEED_FILE_APPLIED)
        _move(path, FAILED)
        return FileOutcome(path.name, FAILED, None, problem)
    if summary.rejected:
        _write_rejects(path, [(r.file, r.line, r.event_id, r.field, r.reason)
                              for r in import_rejects(actor, summary.import_id, limit=10**9)])
    crash_point(CrashPoint.FEED_FILE_APPLIED)  # tests only (app/crash_points.py)
    moved_to = FAILED if summary.rejected else DONE
    _move(path, moved_to)
    return FileOutcome(path.name, moved_to, summary)


def _write_rejects(path: Path, rows: list[tuple]) -> None:
    target = path.parent / FAILED / f"{path.name}.rejects.csv"
    temporary = target.with_name(f".{target.name}.part")
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(REJECT_COLUMNS)
        writer.writerows(rows)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)


def _move(path: Path, to: str) -> None:
    """One rename into done/ or failed/ (the same file system, so atomic), made durable."""
    os.replace(path, path.parent / to / path.name)
    descriptor = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
