"""Each `db` test gets a fresh, migrated database of its own (tests/conftest.py)."""

import os

from sqlalchemy import create_engine, inspect, text


def execute(url: str, sql: str):
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(sql))
            return result.scalar_one() if result.returns_rows else None
    finally:
        engine.dispose()


def table_names(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        return inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_the_test_database_is_exported_as_database_url(db_url):
    assert os.environ["DATABASE_URL"] == db_url


def test_the_test_database_is_migrated_to_a_revision(db_url):
    assert execute(db_url, "SELECT count(*) FROM alembic_version") == 1


def test_what_one_clone_writes_is_absent_from_another(database_template):
    first, second = database_template.clone(), database_template.clone()
    try:
        execute(first, "CREATE TABLE scratch (id INTEGER PRIMARY KEY)")
        assert "scratch" in table_names(first)
        assert "scratch" not in table_names(second)
    finally:
        database_template.drop(first)
        database_template.drop(second)


def test_a_tests_monkeypatch_undo_keeps_database_url(db_url, monkeypatch):
    monkeypatch.setenv("LANG", "C")
    monkeypatch.undo()
    assert os.environ["DATABASE_URL"] == db_url
