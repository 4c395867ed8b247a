"""Readers never wait behind a writer (issue #8 A): SQLite runs in WAL mode and a
`read_scope` begins deferred, so it takes no write lock; writers still serialise."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import psycopg
from sqlalchemy import text

from app.services.lending.loan_views import my_loans
from app.services.portal.home import home
from app.services.store.settings import current_business_date, set_business_date
from db.engine import read_scope, session_scope
from tests.services.conftest import START
from tests.support.pg_cluster import libpq_url

LATER = "2026-03-09"


@contextmanager
def writer_holding_the_lock(url: str) -> Iterator[None]:
    """Another connection that has begun writing (the business date moved, not committed)."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
    else:
        conn = psycopg.connect(libpq_url(url))
    try:
        mark = "?" if url.startswith("sqlite") else "%s"
        conn.execute(f"UPDATE settings SET value = {mark} WHERE key = 'business_date'", (LATER,))
        yield
    finally:
        conn.rollback()
        conn.close()


def test_sqlite_runs_in_wal_mode(book, db_url):
    with session_scope() as session:
        mode = session.exec(text("PRAGMA journal_mode")).scalar() if db_url.startswith("sqlite") else "wal"
    assert mode == "wal"


def test_a_reader_completes_while_another_connection_holds_the_write_lock(book, db_url):
    with writer_holding_the_lock(db_url):
        started = time.perf_counter()
        assert current_business_date() == START  # the last committed date, not the writer's
        assert my_loans(book.seller, book.seller_id) == []
        assert home(book.seller, book.seller_id).business_date == START
        assert time.perf_counter() - started < 5  # the busy timeout is 30 s: nothing waited


def test_a_writer_still_waits_for_the_other_writer(book, db_url):
    with ThreadPoolExecutor(max_workers=1) as pool:
        with writer_holding_the_lock(db_url):
            def write() -> None:
                with session_scope() as session:
                    session.exec(text("SELECT 1"))  # SQLite: BEGIN IMMEDIATE waits here
                    set_business_date(session, START.replace(day=5))  # a change: PostgreSQL UPDATEs
            pending = pool.submit(write)
            time.sleep(0.5)
            waited = not pending.done()
        pending.result(timeout=30)
    assert waited  # SQLite: at BEGIN IMMEDIATE; PostgreSQL: at the UPDATE of the same row
    assert current_business_date() == START.replace(day=5)


def test_a_read_scope_writes_nothing(book):
    with read_scope() as session:
        set_business_date(session, START.replace(day=20))
    assert current_business_date() == START
