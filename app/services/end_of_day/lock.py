"""One end of day at a time (rules §8; docs/deploy.md).

`exclusive_run()` holds, for the whole of `run_end_of_day` (the `eod` command, the back
office's and the demo's advance-days), a PostgreSQL
session-level advisory lock on a connection of its own, or on SQLite an exclusive
`flock` on a lock file beside the database (`<database>.eod.lock`). A second run
started meanwhile does not wait: it raises `EndOfDayRunning` ("End of day is already
running …"), which the command prints before exiting 1. The lock goes with the process,
so a crashed run never leaves it held.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text as sql

from app.errors import EndOfDayRunning
from app.i18n import text
from db.engine import database_url, get_engine, sqlite_path

EOD_RUN_LOCK = 0x4D4C46_02  # the advisory lock key of the end-of-day run ("MLF" 2)


@contextmanager
def exclusive_run() -> Iterator[None]:
    """Hold the end-of-day run lock for the block, or refuse at once if another run has it."""
    engine = get_engine()
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            got = connection.execute(sql("SELECT pg_try_advisory_lock(:k)"), {"k": EOD_RUN_LOCK}).scalar()
            connection.commit()
            if not got:
                raise EndOfDayRunning(text("eod.already_running"))
            try:
                yield
            finally:
                connection.execute(sql("SELECT pg_advisory_unlock(:k)"), {"k": EOD_RUN_LOCK})
                connection.commit()
        return
    with _lock_file(sqlite_path(database_url())):
        yield


def lock_path(database: Path) -> Path:
    """The lock file of a SQLite database's end-of-day run, beside it."""
    return database.with_name(database.name + ".eod.lock")


@contextmanager
def _lock_file(database: Path | None) -> Iterator[None]:
    if database is None:  # an in-memory database belongs to one process anyway
        yield
        return
    with open(lock_path(database), "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise EndOfDayRunning(text("eod.already_running")) from None
        yield
