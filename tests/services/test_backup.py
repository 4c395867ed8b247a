"""`python -m app backup PATH` / `restore PATH` (issue #8 B): an online SQLite backup
taken while a writer is busy, restored over a changed database; a file that is not our
database is refused and changes nothing; PostgreSQL gets the pg_dump / pg_restore way."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func
from sqlmodel import select

from app.cli import main
from app.services.lending.draws import draw_credit_loan
from app.services.lending.repayment import repay
from db.engine import session_scope
from db.models import JournalLine
from tests.services.conftest import table_digests


def ledger_total() -> tuple[int, int]:
    with session_scope() as session:
        return session.exec(select(func.coalesce(func.sum(JournalLine.debit_fen), 0),
                                   func.coalesce(func.sum(JournalLine.credit_fen), 0))).one()


def state() -> tuple[dict, tuple[int, int]]:
    return table_digests(), ledger_total()


@pytest.fixture
def sqlite_book(book, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite's backup API; PostgreSQL uses pg_dump (tested below)")
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="5000.00", months=3, method="bullet",
                            idempotency_key="draw-1")
    return book, loan


def change_the_book(book, loan) -> None:
    repay(book.seller, loan_id=loan.id, amount="1000.00", idempotency_key="pay-1")
    draw_credit_loan(book.seller, shop_id=book.shop_id, amount="3000.00", months=1, method="bullet",
                     idempotency_key="draw-2")


def test_backup_then_restore_brings_back_every_row(sqlite_book, tmp_path, capsys):
    book, loan = sqlite_book
    backed_up = state()
    target = tmp_path / "backup.db"
    assert main(["backup", str(target)]) == 0
    assert "Backed up" in capsys.readouterr().out
    assert not (tmp_path / "backup.db-wal").exists()  # one self-contained file
    change_the_book(book, loan)
    changed = state()
    assert changed != backed_up

    assert main(["restore", str(target)]) == 2  # the database exists: --force needed
    assert "--force" in capsys.readouterr().err
    assert state() == changed

    assert main(["restore", str(target), "--force"]) == 0
    assert "Restored" in capsys.readouterr().out
    assert state() == backed_up
    debit, credit = ledger_total()
    assert debit == credit > 0


def test_a_backup_taken_while_a_writer_holds_the_lock_is_consistent(sqlite_book, db_url, tmp_path):
    before = state()
    writer = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        columns = "entry_id, account, loan_id, seller_id, debit_fen, credit_fen"
        # every line twice, not committed while the backup runs (the journal refuses a DELETE)
        writer.execute(f"INSERT INTO journal_lines ({columns}) SELECT {columns} FROM journal_lines")
        assert main(["backup", str(tmp_path / "b.db")]) == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    with sqlite3.connect(tmp_path / "b.db") as copy:
        lines = copy.execute("SELECT count(*), sum(debit_fen), sum(credit_fen) FROM journal_lines").fetchone()
    assert lines == (before[0]["journal_lines"].rows, *before[1])


def test_backup_does_not_overwrite_a_file_without_force(sqlite_book, tmp_path, capsys):
    target = tmp_path / "exists.db"
    target.write_bytes(b"keep me")
    assert main(["backup", str(target)]) == 2
    assert "--force" in capsys.readouterr().err
    assert target.read_bytes() == b"keep me"
    assert main(["backup", str(target), "--force"]) == 0
    assert target.read_bytes().startswith(b"SQLite format 3")


def not_our_database(tmp_path):
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database\n" * 100)
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    alien = tmp_path / "alien.db"
    with sqlite3.connect(alien) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    return [(text_file, "is not a SQLite database"), (foreign, "not a Microloan Factory database"),
            (alien, "does not know"), (tmp_path / "missing.db", "does not exist"), (tmp_path, "not a file")]


def test_restore_refuses_what_is_not_our_database_and_changes_nothing(sqlite_book, tmp_path, capsys):
    before = state()
    for path, says in not_our_database(tmp_path):
        assert main(["restore", str(path), "--force"]) == 2
        err = capsys.readouterr().err
        assert says in err and err.count("\n") == 1 and "Traceback" not in err, err
        assert state() == before


def test_restore_into_a_new_database_file(sqlite_book, tmp_path, monkeypatch, capsys):
    backed_up = state()
    assert main(["backup", str(tmp_path / "b.db")]) == 0
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    assert main(["restore", str(tmp_path / "b.db")]) == 0  # nothing to overwrite: no --force needed
    assert state() == backed_up


@pytest.mark.parametrize(("command", "tool"), [("backup", "pg_dump"), ("restore", "pg_restore")])
def test_postgresql_is_told_the_pg_dump_way(book, db_url, tmp_path, capsys, command, tool):
    if db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL only")
    before = state()
    assert main([command, str(tmp_path / "x.dump"), "--force"]) == 2
    err = capsys.readouterr().err
    assert tool in err and err.count("\n") == 1
    assert state() == before and not (tmp_path / "x.dump").exists()
