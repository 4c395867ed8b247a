"""Ids handed out before the rows are written, so a batch can insert its rows at its end.

An ORM row needs its id at once when another row refers to it (a journal entry to its
payment, the entry's lines to the entry): without an id given in advance, each such row
costs a flush — a round trip — of its own. `IdBlocks` gives ids in advance:

- PostgreSQL: from the table's own sequence, a block at a time (16, then doubling to 256),
  so concurrent writers never collide; ids a batch does not use are skipped, as a sequence
  skips the ids of any rolled-back transaction;
- SQLite: counting up from the highest id. Safe because a writing transaction holds the
  database's write lock from its BEGIN (`db.engine`), and within the batch every row of
  the table takes its id from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

FIRST_BLOCK, LARGEST_BLOCK = 16, 256


def _next_in_sequence(table: str) -> str:
    return f"nextval(pg_get_serial_sequence('{table}', 'id'))"


def new_ids_sql(connection: Connection, table: str, order_by: str) -> str:
    """An SQL expression giving each row a statement selects a fresh id of `table`, in
    `order_by` order (set-based end of day, `app.services.end_of_day.collect_sql`): the same two ways."""
    if connection.dialect.name == "postgresql":
        return _next_in_sequence(table)
    return f"(SELECT COALESCE(MAX(id), 0) FROM {table}) + ROW_NUMBER() OVER (ORDER BY {order_by})"


class IdBlocks:
    """Fresh ids of any table, for one transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._ids: dict[str, Iterator[int]] = {}

    def next(self, table: str) -> int:
        if table not in self._ids:
            postgres = self._session.get_bind().dialect.name == "postgresql"
            self._ids[table] = self._from_sequence(table) if postgres else count(self._highest(table) + 1)
        return next(self._ids[table])

    def _from_sequence(self, table: str) -> Iterator[int]:
        size = FIRST_BLOCK
        while True:
            yield from sorted(self._session.execute(text(
                f"SELECT {_next_in_sequence(table)} FROM generate_series(1, :n)"), {"n": size}).scalars())
            size = min(LARGEST_BLOCK, size * 2)

    def _highest(self, table: str) -> int:
        return self._session.execute(text(f"SELECT COALESCE(MAX(id), 0) FROM {table}")).scalar_one()
