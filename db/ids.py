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

from sqlalchemy import text
from sqlalchemy.orm import Session

FIRST_BLOCK, LARGEST_BLOCK = 16, 256


class IdBlocks:
    """Fresh ids of any table, for one transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._free: dict[str, list[int]] = {}
        self._block: dict[str, int] = {}
        self._next: dict[str, int] = {}

    def next(self, table: str) -> int:
        if self._session.get_bind().dialect.name == "postgresql":
            return self._next_from_sequence(table)
        if table not in self._next:
            highest = self._session.execute(text(f"SELECT COALESCE(MAX(id), 0) FROM {table}")).scalar_one()
            self._next[table] = highest + 1
        self._next[table] += 1
        return self._next[table] - 1

    def _next_from_sequence(self, table: str) -> int:
        free = self._free.setdefault(table, [])
        if not free:
            size = self._block[table] = min(LARGEST_BLOCK, self._block.get(table, FIRST_BLOCK // 2) * 2)
            free.extend(sorted(self._session.execute(text(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, :n)"),
                {"n": size}).scalars(), reverse=True))
        return free.pop()
