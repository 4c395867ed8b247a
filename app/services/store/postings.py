"""Writing the ledger (rules §11): one balanced journal entry per movement of money, in the
transaction of the change it records, and the balances read back. What a posting is —
accounts, lines, the balance check — is the pure `app.ledger`.

A closed month is frozen (issue #18 §5): `post_entry` refuses an entry dated on or before the
books' closed-through date (`PeriodClosed`, before anything is written), read under the
business-day lock, which the month-end close holds exclusively — so a posting either commits
wholly before a close (and is in the statements it stores) or sees the close and is refused.
End of day's set-based entries are dated on the business date it closes, which is after every
closed month (a month is closed only once end of day has run past its end); `ensure_open`
checks them too."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, insert
from sqlmodel import Session, SQLModel, col, select

from app.errors import PeriodClosed
from app.i18n import text
from app.ledger import Line, balanced_lines
from app.money import to_fen
from app.services.store.locks import hold_business_day
from app.services.store.settings import CLOSED_THROUGH, forget_settings, read_setting
from db.ids import IdBlocks
from db.models import JournalEntry, JournalLine


def post_entry(session: Session, *, business_date: date, kind: str, lines: list[Line], memo: str = "",
               loan_id: int | None = None, payment_id: int | None = None) -> JournalEntry | None:
    """Insert one balanced entry (its lines in one statement; inside `held_postings`, at the
    block's end); zero lines are dropped, an empty entry is not written."""
    lines = balanced_lines(kind, lines)
    if not lines:
        return None
    ensure_open(session, business_date)
    entry = JournalEntry(business_date=business_date, kind=kind, memo=memo[:200], loan_id=loan_id,
                         payment_id=payment_id)
    held = session.info.get(_HELD)
    if held is None:  # Core statements: no unit of work for rows that never change
        entry.id = session.execute(_INSERT_ENTRY, entry.model_dump(exclude={"id"})).scalar_one()
        session.execute(_INSERT_LINES, _line_rows(entry.id, lines))  # one executemany
    else:  # no ORM row: the unit of work would not know it must follow its payment
        entry.id = held.ids.next(JournalEntry.__tablename__)
        held.entries.append(entry.model_dump())
        held.lines += _line_rows(entry.id, lines)
    return entry


def ensure_open(session: Session, on: date) -> None:
    """Refuse (`PeriodClosed`) a posting dated `on` when the books are closed through that date."""
    if hold_business_day(session):  # taken only now: forget settings read before it
        forget_settings(session)
    through = closed_through(session)
    if through is not None and on <= through:
        raise PeriodClosed(text("close.posting_refused", date=on.isoformat(),
                                closed_through=through.isoformat()))


def closed_through(session: Session) -> date | None:
    """The last day of the last closed month, or None when no month is closed."""
    value = read_setting(session, CLOSED_THROUGH)
    return date.fromisoformat(value) if value else None


def _line_rows(entry_id: int, lines: list[Line]) -> list[dict]:
    return [{"entry_id": entry_id, "account": ln.account, "loan_id": ln.loan_id, "seller_id": ln.seller_id,
             "debit_fen": to_fen(ln.debit), "credit_fen": to_fen(ln.credit)} for ln in lines]


# Built once: a statement object keys itself for SQLAlchemy's cache once, not on every posting.
_INSERT_ENTRY = insert(JournalEntry.__table__).returning(JournalEntry.__table__.c.id)
_INSERT_ENTRIES = insert(JournalEntry.__table__)
_INSERT_LINES = insert(JournalLine.__table__)

_HELD = "ledger.held"  # session.info: the ids and journal lines of a `held_postings` block


@dataclass
class _Held:
    ids: IdBlocks
    entries: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)


@contextmanager
def held_postings(session: Session) -> Iterator[None]:
    """A batch of postings written at the block's end, not one flush each: entries (and
    payments, `give_id`) get their ids in advance, and the entries and their lines are
    held; the end flushes the ORM rows (payments first: entries refer to them), then
    inserts the entries and then the lines, each in one executemany. Used by end of day's
    engine batches (`app.services.end_of_day.collect`), whose transactions write hundreds."""
    held = session.info[_HELD] = _Held(IdBlocks(session))
    try:
        yield
        session.flush()
        for statement, rows in ((_INSERT_ENTRIES, held.entries), (_INSERT_LINES, held.lines)):
            if rows:
                session.execute(statement, rows)
    finally:
        del session.info[_HELD]


def give_id(session: Session, row: SQLModel, table: str) -> bool:
    """Inside `held_postings`, give `row` its id now and say so; outside, False (the caller
    flushes to learn the id)."""
    held = session.info.get(_HELD)
    if held is None:
        return False
    row.id = held.ids.next(table)
    return True

def balance_fen(session: Session, account: str, *, loan_id: int | None = None,
                seller_id: int | None = None) -> int:
    """debit − credit of an account, optionally for one loan or seller, in fen."""
    query = select(func.coalesce(func.sum(JournalLine.debit_fen - JournalLine.credit_fen), 0)).where(
        JournalLine.account == account)
    if loan_id is not None:
        query = query.where(JournalLine.loan_id == loan_id)
    if seller_id is not None:
        query = query.where(JournalLine.seller_id == seller_id)
    return int(session.exec(query).one())


def net_by_account(session: Session, *, through: date, since: date | None = None) -> dict[str, int]:
    """debit − credit of every account over the entries dated `since` (or ever) to `through`, in fen."""
    query = (select(JournalLine.account, func.sum(JournalLine.debit_fen - JournalLine.credit_fen))
             .join(JournalEntry, col(JournalEntry.id) == JournalLine.entry_id)
             .where(JournalEntry.business_date <= through).group_by(JournalLine.account))
    if since is not None:
        query = query.where(JournalEntry.business_date >= since)
    return {account: int(net) for account, net in session.exec(query)}
