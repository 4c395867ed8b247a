"""Row locks in one order, and a bounded retry for lock conflicts (rules §10, §11).

Every transaction that moves money takes its locks in this order, skipping
what it does not need, and never goes back to an earlier kind:

    0. the business day   shared by every transaction that moves money or records a
                          business date — draws, repayments, withdrawals, settlements,
                          auto-debits, corrections (proposed and decided), recovery plans,
                          settings changes; exclusive for the end-of-day book step and the
                          month-end close (`hold_business_day`). Taken FIRST, and the business
                          date is read only after it; the posting writer takes it too (a no-op
                          when held) before it reads the books' closed-through date
    0b. the settings      (`lock_settings`) — changes of settings, one at a time: the old
                          values they record and the rules across settings (rules §10) are
                          read under it
    1. the seller row     (`lock_seller`) — every writer of a seller's loans or orders
    2. loan rows          by id (`loan_store.get(..., for_update=True)`)
    2b. a correction row  the proposal a checker decides, after its loan
    3. order rows         by id
    4. the lender book    (id 1) — last: a draw adds its principal and checks capacity
                          in its last statement before commit
                          (`settings.add_to_book_outstanding`), so every draw waits on it
                          only for that UPDATE and the commit; a principal repayment,
                          a reversal, a write-off or a recovery plan updates it
                          (`settings.move_book_outstanding`) after every lock above

So a settlement finds its order's seller and locks the seller before the
order; an auto-debit locks the seller before the loan; a draw locks the
lender book only once its loan is written; a checker's approval finds the
proposal's loan and seller unlocked, then locks seller, loan and proposal.

The business day is a PostgreSQL transaction-level advisory lock: the book
step waits for every money-moving transaction in flight and holds new ones
back until the new business date is committed, so it sees no half-made
change and no draw books on a date that has already closed. On SQLite
`BEGIN IMMEDIATE` (db.engine) serialises writers anyway, and
`SELECT ... FOR UPDATE` is ignored.

Whatever still conflicts (a deadlock PostgreSQL detected, a serialization
failure, SQLite's "database is locked") is retried by `retry_on_conflict`
in a fresh transaction; idempotency keys make a retried draw or repayment
return what the first attempt committed, never pay twice.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Iterable

from sqlalchemy import bindparam, event
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from app.errors import SystemBusy
from app.i18n import text
from db.models import LenderBook, Seller

BUSINESS_DAY_LOCK = 0x4D4C46_01  # the advisory lock key of the business day ("MLF" 1)
SETTINGS_LOCK = 0x4D4C46_02  # the advisory lock key of settings changes ("MLF" 2)
CONFLICT_SQLSTATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected


def hold_business_day(session: Session, *, exclusive: bool = False) -> bool:
    """Take the business-day lock (lock 0) until the transaction ends (PostgreSQL only); whether it
    was taken now (False: SQLite, or this transaction holds it already in that mode or stronger)."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    held = session.info.get(_DAY_HELD)
    if held == "exclusive" or (held == "shared" and not exclusive):
        return False
    session.execute(_HOLD_EXCLUSIVE if exclusive else _HOLD_SHARED, {"key": BUSINESS_DAY_LOCK})
    session.info[_DAY_HELD] = "exclusive" if exclusive else "shared"
    return True


_DAY_HELD = "locks.business_day"  # session.info: the mode this transaction holds the business day in


@event.listens_for(Session, "after_transaction_end")
def _forget_business_day(session: Session, transaction) -> None:
    if transaction.parent is None:  # the advisory lock ends with the whole transaction, not a savepoint
        session.info.pop(_DAY_HELD, None)


def lock_settings(session: Session) -> None:
    """Take the settings lock (lock 0b) until the transaction ends: changes of settings run
    one at a time, each reading the values the previous one committed (PostgreSQL; SQLite's
    `BEGIN IMMEDIATE` serialises them anyway). Take it before reading any setting."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_HOLD_EXCLUSIVE, {"key": SETTINGS_LOCK})


def lock_seller(session: Session, seller_id: int) -> Seller:
    """The seller row, locked (lock 1), as it stands now. FOR NO KEY UPDATE on PostgreSQL:
    rows that merely refer to the seller (limits, journal lines) are not held up."""
    return session.exec(_LOCK_SELLER, params={"seller_id": seller_id}).one()


def lock_sellers(session: Session, seller_ids: Iterable[int]) -> dict[int, Seller]:
    """`lock_seller` for many (end of day's batches): in id order, by one statement."""
    query = (select(Seller).where(col(Seller.id).in_(sorted(set(seller_ids)))).order_by(col(Seller.id))
             .with_for_update(key_share=True).execution_options(populate_existing=True))
    return {seller.id: seller for seller in session.exec(query)}


# Built once: every draw and repayment takes these locks (no per-call building and cache keying).
_HOLD_SHARED = sql("SELECT pg_advisory_xact_lock_shared(:key)")
_HOLD_EXCLUSIVE = sql("SELECT pg_advisory_xact_lock(:key)")
_LOCK_SELLER = (select(Seller).where(Seller.id == bindparam("seller_id")).with_for_update(key_share=True)
                .execution_options(populate_existing=True))


def lock_lender_book(session: Session) -> LenderBook:
    """The lender book row, locked (lock 4, the last a transaction takes)."""
    query = select(LenderBook).where(LenderBook.id == 1).with_for_update()
    return session.exec(query.execution_options(populate_existing=True)).one()


def is_conflict(error: BaseException) -> bool:
    """A deadlock, a serialization failure or a busy SQLite: worth a fresh attempt."""
    if not isinstance(error, DBAPIError):
        return False
    if getattr(error.orig, "sqlstate", None) in CONFLICT_SQLSTATES:
        return True
    return "database is locked" in str(error.orig)


def retry_on_conflict(service=None, *, attempts: int = 5, backoff: float = 0.05):
    """Run a service that owns its transaction; on a lock conflict, run it again in a
    new transaction (up to `attempts` times, with jittered exponential backoff), then
    refuse with SystemBusy ("The system is busy; please try again.")."""

    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            for attempt in range(attempts):
                try:
                    return function(*args, **kwargs)
                except DBAPIError as error:
                    if not is_conflict(error):
                        raise
                    last = error
                    time.sleep(backoff * (2 ** attempt) * random.uniform(0.5, 1.5))
            raise SystemBusy(text("system.busy")) from last

        return wrapper

    return decorate(service) if service is not None else decorate
