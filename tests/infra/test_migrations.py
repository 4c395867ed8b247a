"""Migration 0003 moves the demo-only profile and quality out of `sellers` and back."""

from alembic import command
from sqlalchemy import create_engine, inspect, text

from db.migrations_runner import alembic_config, upgrade


def rows(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(sql))
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()


def names(url: str, table: str | None = None) -> set[str]:
    """The columns of `table`, or the tables."""
    engine = create_engine(url)
    try:
        found = inspect(engine)
        return {c["name"] for c in found.get_columns(table)} if table else set(found.get_table_names())
    finally:
        engine.dispose()


def test_demo_profiles_move_to_their_table_and_back(db_url):
    command.downgrade(alembic_config(db_url), "0002")
    rows(db_url, "INSERT INTO sellers (id, name, resident_id, phone, real_name_verified, blacklisted, "
                 "platform_balance_fen, profile, quality) VALUES (1, 'a', '1', '', true, false, 0, "
                 "'strong', 91), (2, 'b', '2', '', true, false, 0, 'ordinary', 40)")
    upgrade(db_url, "0003")
    moved = rows(db_url, "SELECT seller_id, profile, quality FROM demo_seller_profiles ORDER BY seller_id")
    assert moved == [(1, "strong", 91), (2, "ordinary", 40)]
    assert not {"profile", "quality"} & names(db_url, "sellers")
    command.downgrade(alembic_config(db_url), "0002")
    assert rows(db_url, "SELECT id, profile, quality FROM sellers ORDER BY id") == [
        (1, "strong", 91), (2, "ordinary", 40)]
    assert "demo_seller_profiles" not in names(db_url)
