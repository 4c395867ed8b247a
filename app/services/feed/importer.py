"""`import_feed`: feed files in, in batches of one transaction each (docs/feed.md).

Records stream from the files (`app.feed.reader`), `BATCH` at a time. A batch's transaction
holds the business day, skips the events applied before (table `feed_events`), applies each
other record under a savepoint (a rejected one rolls back alone), writes the rejects and adds
the batch's counts to the import's row: so a crash loses at most the batch under way, and
running the import again applies exactly what was not applied.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from app.crash_points import CrashPoint, crash_point
from app.errors import FeedRefused, FeedUnreadable
from app.feed.reader import SUFFIXES, Line, feed_files, read_lines
from app.i18n import text
from app.services.access import arguments as checks
from app.services.access.actor import ADMIN, SYSTEM, Actor, require_role
from app.services.access.inputs import checked_id, shown
from app.services.feed import new_orders
from app.services.feed.apply import IMPORTED, REJECTED, UNCHANGED, Rejected, apply_record
from app.services.store.locks import hold_business_day, retry_on_conflict
from app.services.store.settings import business_date
from db.engine import read_scope, session_scope
from db.models import FeedEvent, FeedImport, FeedReject, now_utc

BATCH = 500  # records per transaction
MAX_BATCH = 100_000


@dataclass(frozen=True)
class ImportSummary:
    import_id: int
    read: int
    imported: int
    unchanged: int
    rejected: int
    seconds: float

    def line(self) -> str:
        return (f"read {self.read}, imported {self.imported}, unchanged {self.unchanged}, "
                f"rejected {self.rejected} in {self.seconds:.1f} s")


@dataclass(frozen=True)
class RejectRow:
    import_id: int
    file: str
    line: int
    event_id: str
    field: str
    reason: str


@dataclass(frozen=True)
class ImportRow:
    import_id: int
    source: str
    started_at: datetime
    finished_at: datetime | None
    read: int
    imported: int
    unchanged: int
    rejected: int


def import_feed(actor: Actor, paths: Iterable[Path], *, batch: int = BATCH,
                source: str | None = None) -> ImportSummary:
    """Import the feed files named (and those of the folders named)."""
    require_role(actor, SYSTEM, ADMIN)
    files = feed_files(checks.paths(paths))
    if not files:
        raise FeedRefused(text("feed.arg.no_files"))
    if (other := next((f for f in files if not f.name.endswith(SUFFIXES)), None)) is not None:
        raise FeedRefused(text("feed.arg.not_feed", path=shown(str(other))))
    batch = checks.whole_number(batch, 1, MAX_BATCH)
    source = ", ".join(str(f) for f in files) if source is None else checks.clean(source, 10_000)
    started = time.perf_counter()
    import_id = _start(source)
    totals: Counter[str] = Counter()
    reading = None
    try:
        for reading in files:
            for lines in _chunks(read_lines(reading), batch):
                totals += _apply_batch(import_id, lines)
                crash_point(CrashPoint.FEED_BATCH_COMMITTED)  # tests only (app/crash_points.py)
    except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:  # a broken gzip, bytes not UTF-8
        raise FeedUnreadable(text("feed.unreadable", file=str(reading), reason=shown(str(exc)))) from None
    finally:
        _finish(import_id)
    return ImportSummary(import_id, totals["read"], totals[IMPORTED], totals[UNCHANGED], totals[REJECTED],
                         time.perf_counter() - started)


def _chunks(lines: Iterator[Line], size: int) -> Iterator[list[Line]]:
    while chunk := list(islice(lines, size)):
        yield chunk


@retry_on_conflict
def _start(source: str) -> int:
    with session_scope() as session:
        row = FeedImport(source=source[:300])
        session.add(row)
        session.flush()
        return row.id


@retry_on_conflict
def _finish(import_id: int) -> None:
    with session_scope() as session:
        row = session.get(FeedImport, import_id)
        row.finished_at = now_utc()
        session.add(row)


@retry_on_conflict
def _apply_batch(import_id: int, lines: list[Line]) -> Counter[str]:
    """One transaction: the batch's records applied, its rejects written, its counts added."""
    counts: Counter[str] = Counter()
    with session_scope() as session:
        hold_business_day(session)
        today = business_date(session)
        wanted = {line.event_id for line in lines if line.record is not None}
        seen = set(session.exec(select(FeedEvent.event_id).where(col(FeedEvent.event_id).in_(wanted))).all())
        slow, fast = new_orders.split(session, lines, seen)
        position = {id(line): n for n, line in enumerate(lines)}
        rejects: list[tuple[int, list[FeedReject]]] = []

        def reject(line: Line, problems: list[tuple[str, str]]) -> None:
            counts[REJECTED] += 1
            rejects.append((position[id(line)], _rejects(import_id, line, problems)))

        counts["read"] = len(lines)
        for line in slow:
            if line.record is None:
                reject(line, [(p.field, p.reason) for p in line.problems])
                continue
            if line.event_id in seen:
                counts[UNCHANGED] += 1
                continue
            try:
                with session.begin_nested():
                    outcome = apply_record(session, line.record, today)
                    session.add(FeedEvent(event_id=line.event_id, import_id=import_id,
                                          type=line.record.type, outcome=outcome))
                    session.flush()
            except Rejected as exc:
                reject(line, [(exc.field, exc.reason)])
                continue
            except IntegrityError as exc:  # a uniqueness the checks above did not foresee
                reject(line, [("", f"conflicts with data already stored ({type(exc.orig).__name__})")])
                continue
            seen.add(line.event_id)
            counts[outcome] += 1
        for line, outcome, reason in new_orders.apply_new_orders(session, import_id, fast):
            if outcome == REJECTED:
                reject(line, [("status", reason)])
            else:
                counts[outcome] += 1
        session.add_all([row for _, rows in sorted(rejects, key=lambda r: r[0]) for row in rows])
        row = session.get(FeedImport, import_id)
        row.read += counts["read"]
        row.imported += counts[IMPORTED]
        row.unchanged += counts[UNCHANGED]
        row.rejected += counts[REJECTED]
        session.add(row)
    return counts


def _rejects(import_id: int, line: Line, problems: list[tuple[str, str]]) -> list[FeedReject]:
    return [FeedReject(import_id=import_id, file=line.file[-300:], line=line.line,
                       event_id=line.event_id[:64], field=field[:64], reason=reason[:500])
            for field, reason in problems]


def import_rejects(actor: Actor, import_id: int | None = None, *, limit: int = 10_000) -> list[RejectRow]:
    """The rejects of one import (or the latest ones of all), in file and line order."""
    require_role(actor, SYSTEM, ADMIN)
    if import_id is not None:
        checked_id(import_id, FeedRefused, "feed.arg.import_id", "import_id")
    limit = checks.whole_number(limit, 1, 10**9)
    with read_scope() as session:
        query = select(FeedReject)
        if import_id is not None:
            query = query.where(FeedReject.import_id == import_id).order_by(col(FeedReject.id))
        else:
            query = query.order_by(col(FeedReject.id).desc())
        return [RejectRow(r.import_id, r.file, r.line, r.event_id, r.field, r.reason)
                for r in session.exec(query.limit(limit)).all()]


def recent_imports(actor: Actor, limit: int = 50) -> list[ImportRow]:
    """The latest imports, newest first, with their counts."""
    require_role(actor, SYSTEM, ADMIN)
    limit = checks.whole_number(limit, 1, 10_000)
    with read_scope() as session:
        rows = session.exec(select(FeedImport).order_by(col(FeedImport.id).desc()).limit(limit)).all()
        return [ImportRow(r.id, r.source, r.started_at, r.finished_at, r.read, r.imported, r.unchanged,
                          r.rejected) for r in rows]
