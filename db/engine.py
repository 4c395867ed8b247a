"""Engine and sessions for `DATABASE_URL` (default: a SQLite file under data/)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlmodel import Session, create_engine

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{ROOT / 'data' / 'microloan.db'}"


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


BUSY_TIMEOUT_MS = 30_000  # a writer waits this long for another writer's lock
READ_ONLY = "microloan_read_only"  # execution option set by `read_scope`
MMAP_BYTES = 4 << 30  # SQLite: map up to 4 GiB of the database file
CACHE_KIB = 65_536  # SQLite: a 64 MiB page cache a connection


class DatabaseUrlError(ValueError):
    """`DATABASE_URL` cannot name a database we can open; the message says why, in one line."""


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for an in-memory database)."""
    path = make_url(url).database
    return None if not path or path == ":memory:" else Path(path)


def check_database_url(url: str) -> None:
    """Refuse a mistyped URL before anything is opened or created (`DatabaseUrlError`)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUrlError(f"DATABASE_URL {url!r} is not a database URL (sqlite:///path/to/file.db "
                               "or postgresql+psycopg://user@host:port/db)") from None
    try:
        parsed.get_dialect()
    except NoSuchModuleError:
        raise DatabaseUrlError(f"DATABASE_URL names an unknown kind of database {parsed.drivername!r} "
                               "(use sqlite:/// or postgresql+psycopg://)") from None
    if parsed.get_backend_name() != "sqlite":
        return
    path = sqlite_path(url)
    if path is None:
        return
    if url.endswith("/") or path.is_dir():
        raise DatabaseUrlError(f"DATABASE_URL names a folder, not a database file: {path}")
    if not path.parent.is_dir() and not path.parent.parent.is_dir():
        raise DatabaseUrlError(f"the folder of the database file does not exist: {path.parent}")


def make_engine(url: str) -> Engine:
    check_database_url(url)
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(exist_ok=True)  # the database's own folder (data/), never a whole path
        engine = create_engine(url, connect_args={"check_same_thread": False,
                                                  "timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine, wal=path is not None)
        return engine
    return create_engine(url, pool_pre_ping=True, **pool_settings())


def pool_settings() -> dict:
    """PostgreSQL connection pool of each process (docs/deploy.md): `DB_POOL_SIZE` connections
    kept (default 5), `DB_MAX_OVERFLOW` more opened under load (default 10); `DB_PGBOUNCER=1`
    turns psycopg's server-side prepared statements off, as a transaction-pooling PgBouncer
    older than 1.21 needs."""
    settings = {"pool_size": int(os.environ.get("DB_POOL_SIZE", "5")),
                "max_overflow": int(os.environ.get("DB_MAX_OVERFLOW", "10"))}
    if os.environ.get("DB_PGBOUNCER") == "1":
        settings["connect_args"] = {"prepare_threshold": None}
    return settings


def _configure_sqlite(engine: Engine, *, wal: bool) -> None:
    """WAL, so readers never wait behind the writer; and, as SQLite ignores SELECT ... FOR
    UPDATE, a writing transaction takes the write lock at BEGIN (BEGIN IMMEDIATE) so two
    writers can never interleave read-then-write. A `read_scope` begins deferred: it reads
    a snapshot and takes no lock."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let us issue BEGIN ourselves
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # a large book: pages read through a memory map, a bigger page cache than SQLite's
        # 2 MiB, and end of day's temporary work tables kept in memory (issue #11)
        dbapi_connection.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        dbapi_connection.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        dbapi_connection.execute("PRAGMA temp_store=MEMORY")
        if wal:
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
            dbapi_connection.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: durable at checkpoints

    @event.listens_for(engine, "begin")
    def _begin(connection):
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    return make_engine(url)


def get_engine() -> Engine:
    return engine_for(database_url())


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        with session.begin():
            yield session


@contextmanager
def read_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A read-only transaction: on SQLite a deferred BEGIN, so it takes no write lock and
    (in WAL mode) never waits for a writer; it reads one consistent snapshot. Anything
    written in it is rolled back — use `session_scope` to write."""
    bound = (engine or get_engine()).execution_options(**{READ_ONLY: True})
    with Session(bound, expire_on_commit=False) as session:
        with session.begin() as transaction:
            yield session
            session.expunge_all()  # what was read stays readable after the rollback
            transaction.rollback()
