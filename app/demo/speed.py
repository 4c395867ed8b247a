"""Bulk demo writes on SQLite without an fsync per transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from db.engine import get_engine


@contextmanager
def fast_sqlite_writes(*, journal_in_memory: bool = False) -> Iterator[None]:
    """Within the block, SQLite connections of DATABASE_URL run with
    `synchronous=OFF`: commits skip the fsync (the data is as safe against an
    application crash, not against a power cut). The demo seed and simulation
    commit thousands of small service transactions and can simply be re-run.
    `journal_in_memory` also keeps the rollback journal in memory, which saves
    creating and deleting the journal file on every commit; a crash in the
    middle of the block may then leave the file corrupt — for the seed of a
    new database only, which is simply seeded again. Other databases are left
    alone."""
    engine = get_engine()
    if engine.dialect.name != "sqlite":
        yield
        return

    def _no_fsync(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA synchronous=OFF")
        if journal_in_memory:
            dbapi_connection.execute("PRAGMA journal_mode=MEMORY")

    engine.dispose()  # new connections pick the pragma up
    event.listen(engine, "connect", _no_fsync)
    try:
        yield
    finally:
        event.remove(engine, "connect", _no_fsync)
        engine.dispose()
