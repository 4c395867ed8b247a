"""Settings kept in the database: business date and the lender's funds (rules §8, §10).

The lender's funds are read as product settings are, through `product_settings.effective_config`
(`product_settings.loanable_funds`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, bindparam, event, update
from sqlmodel import Session, col, select

from app.money import from_fen, to_fen
from app.services.access import audit
from app.services.access.actor import SYSTEM_ACTOR, Actor
from app.services.store.locks import lock_settings
from db.models import LenderBook, Setting

BUSINESS_DATE = "business_date"
REGISTERED_CAPITAL_FEN = "registered_capital_fen"
BANK_CREDIT_LINES_FEN = "bank_credit_lines_fen"
SNAPSHOT = "settings_snapshot"  # key in Session.info: `stored_settings`
NIGHTLY_PRE_APPROVAL = "nightly_pre_approval"  # "on" (default) / "off"
CLOSED_THROUGH = "books_closed_through"  # the last day of the last closed month (issue #18 §5)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def stored_settings(session: Session) -> dict[str, str]:
    """Every stored setting (a few rows), read once per transaction: a draw needs the
    business date, the product settings and the lender's funds, one round trip for all.
    `write_setting` and the end of the transaction forget it."""
    if (snapshot := session.info.get(SNAPSHOT)) is None:
        snapshot = session.info[SNAPSHOT] = dict(session.exec(select(Setting.key, Setting.value)).all())
    return snapshot


@event.listens_for(Session, "after_transaction_end")
def _forget_settings(session: Session, _transaction) -> None:
    session.info.pop(SNAPSHOT, None)  # a savepoint's end too: a rolled-back write must not linger


def forget_settings(session: Session) -> None:
    """Read the settings again at the next `stored_settings` (after a lock was taken)."""
    session.info.pop(SNAPSHOT, None)


def read_setting(session: Session, key: str) -> str | None:
    return stored_settings(session).get(key)


def write_setting(session: Session, key: str, value: str) -> None:
    session.info.pop(SNAPSHOT, None)  # read again after any change of a setting
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
        session.add(row)


def business_date(session: Session) -> date:
    """The system's current business date (today in Shanghai until first set)."""
    value = read_setting(session, BUSINESS_DATE)
    return date.fromisoformat(value) if value else datetime.now(SHANGHAI).date()


def set_business_date(session: Session, value: date) -> None:
    write_setting(session, BUSINESS_DATE, value.isoformat())


def set_lender_funds(session: Session, *, registered_capital: Decimal, bank_credit_lines: Decimal,
                     actor: Actor = SYSTEM_ACTOR) -> None:
    """Set the lender's capital and bank lines (audited as `actor`'s change, in this transaction,
    under the settings lock like `product_settings.change_settings`)."""
    lock_settings(session)
    write_setting(session, REGISTERED_CAPITAL_FEN, str(to_fen(registered_capital)))
    write_setting(session, BANK_CREDIT_LINES_FEN, str(to_fen(bank_credit_lines)))
    audit.record(session, actor, "setting_changed", "lender funds",
                 registered_capital=str(registered_capital), bank_credit_lines=str(bank_credit_lines))


def book_outstanding(session: Session) -> Decimal:
    """Total outstanding principal of all sellers: the lender book's kept figure
    (one row, read without a lock; a draw locks it through `locks.lock_lender_book`)."""
    return from_fen(session.get(LenderBook, 1, populate_existing=True).outstanding_fen)


def move_book_outstanding(session: Session, fen: int) -> None:
    """Add `fen` (a draw: +, a principal repayment: −) to the book's outstanding principal,
    in the caller's transaction. One atomic UPDATE: it row-locks the lender book until
    commit, so callers do it after every other lock they take (`app.services.store.locks`);
    inside `deferred_book_moves` it is only added up."""
    if "book_moves" in session.info:
        session.info["book_moves"].append(fen)
    elif fen:
        session.execute(_MOVE_BOOK, {"fen": fen})


def add_to_book_outstanding(session: Session, fen: int) -> int:
    """A draw's `move_book_outstanding`: add `fen` and return the new figure (UPDATE …
    RETURNING: one round trip for the lock, the sum and the read)."""
    return int(session.execute(_ADD_TO_BOOK, {"fen": fen}).scalar_one())


# Built once: every draw and repayment moves the book.
_MOVE_BOOK = (update(LenderBook).where(col(LenderBook.id) == 1)
              .values(outstanding_fen=col(LenderBook.outstanding_fen) + bindparam("fen", type_=BigInteger)))
_ADD_TO_BOOK = _MOVE_BOOK.returning(col(LenderBook.outstanding_fen))


def current_business_date() -> date:
    """The business date, read in its own transaction (for pages and commands)."""
    from db.engine import read_scope

    with read_scope() as session:
        return business_date(session)


def nightly_pre_approval(session: Session) -> bool:
    """Whether end of day re-rates every seller (rules §6.3 pre-approval; on by default)."""
    return read_setting(session, NIGHTLY_PRE_APPROVAL) != "off"


def set_nightly_pre_approval(session: Session, enabled: bool, *, actor: Actor = SYSTEM_ACTOR) -> None:
    """Turn nightly pre-approval on or off (audited as `actor`'s change, in this transaction)."""
    write_setting(session, NIGHTLY_PRE_APPROVAL, "on" if enabled else "off")
    audit.record(session, actor, "setting_changed", NIGHTLY_PRE_APPROVAL, enabled=enabled)


@contextmanager
def deferred_book_moves(session: Session) -> Iterator[None]:
    """Within the block, `move_book_outstanding` only adds up; the sum is applied once at
    the end, so a batch of payments takes the lender book's lock last and briefly."""
    moves = session.info["book_moves"] = []
    try:
        yield
    finally:
        del session.info["book_moves"]
    move_book_outstanding(session, sum(moves))
