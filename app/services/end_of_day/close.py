"""Month-end close 月末结账 (issue #18 §5).

An admin closes a month once end of day has run for its last day (or a later one: the demo's
history runs whole end of days only for its last days). The close holds the business
day exclusively (`app.services.store.locks`): every posting in flight commits first, and none
starts until the close has committed. It stores the month's trial balance (each account's
movement in the month and its closing balance: `period_close_balances`), moves the books'
closed-through date to the month's last day (`store.postings.closed_through`; the one posting
writer refuses anything dated on or before it) and writes the audit log. Months close in order.
Closing twice, closing before end of day reached the month's end, and a month out of order are
refused (`CloseRefused`) and change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlmodel import Session, col, func, select

from app.errors import CloseRefused
from app.i18n import text
from app.money import from_fen
from app.services.access import audit
from app.services.access.actor import ADMIN, RISK, SYSTEM, Actor, require_role
from app.services.access.inputs import shown
from app.services.end_of_day.run import EOD_COMPLETED
from app.services.store.locks import hold_business_day, lock_settings, retry_on_conflict
from app.services.store.postings import closed_through, net_by_account
from app.services.store.settings import CLOSED_THROUGH, write_setting
from db.engine import read_scope, session_scope
from db.models import EodRun, PeriodClose, PeriodCloseBalance

MIN_YEAR, MAX_YEAR = 2000, 2999


@dataclass(frozen=True)
class ClosedMonth:
    month: str  # 2026-03
    closed_through: date
    closed_at: datetime
    accounts: int


def _month_start(value: object) -> date:
    """The first day of the month `value` names ("2026-03", or a date in it)."""
    try:
        if isinstance(value, date) and not isinstance(value, datetime):
            first = value.replace(day=1)
        elif isinstance(value, str) and len(value.strip()) == 7 and value.strip().isascii():
            first = date.fromisoformat(value.strip() + "-01")
        else:
            raise ValueError
        if not MIN_YEAR <= first.year <= MAX_YEAR:  # a real book's month (and no date overflow)
            raise ValueError
        return first
    except ValueError:
        raise CloseRefused(text("close.month_invalid", month=shown(value))) from None


def _month_end(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


@retry_on_conflict
def close_month(actor: Actor, month: object) -> ClosedMonth:
    """Close `month` (an admin, or the system for the command): its statements stored, nothing
    may post into it afterwards."""
    require_role(actor, ADMIN, SYSTEM)
    first = _month_start(month)
    last, label = _month_end(first), first.strftime("%Y-%m")
    with session_scope() as session:
        hold_business_day(session, exclusive=True)  # every posting before or after, none during
        lock_settings(session)
        _check_may_close(session, first, last, label)
        session.add(PeriodClose(month=first, closed_through=last, closed_by=actor.user_id))
        session.flush()
        closing = net_by_account(session, through=last)
        moved = net_by_account(session, through=last, since=first)
        session.add_all(PeriodCloseBalance(month=first, account=account, movement_fen=moved.get(account, 0),
                                           closing_fen=net) for account, net in closing.items())
        write_setting(session, CLOSED_THROUGH, last.isoformat())
        audit.record(session, actor, "month_closed", label)
        return ClosedMonth(label, last, session.get(PeriodClose, first).closed_at, len(closing))


def _check_may_close(session: Session, first: date, last: date, label: str) -> None:
    through = closed_through(session)
    if through is not None and first <= through:
        raise CloseRefused(text("close.already_closed", month=label))
    if through is not None and first > through + timedelta(days=1):
        earlier = (through + timedelta(days=1)).strftime("%Y-%m")
        raise CloseRefused(text("close.earlier_open", earlier=earlier))
    reached = session.exec(select(func.max(EodRun.business_date)).where(EodRun.status == EOD_COMPLETED)).one()
    if reached is None or reached < last:  # end of day has not closed the month's last day yet
        raise CloseRefused(text("close.not_reached", month=label, last=last.isoformat()))


@dataclass(frozen=True)
class ClosedBalance:
    account: str
    movement: Decimal  # debit − credit within the month
    closing: Decimal  # debit − credit at its end


def closed_months(actor: Actor) -> tuple[ClosedMonth, ...]:
    """The closed months, newest first (admin and risk)."""
    require_role(actor, ADMIN, RISK, SYSTEM)
    with read_scope() as session:
        closes = session.exec(select(PeriodClose).order_by(col(PeriodClose.month).desc())).all()
        counts = {m: n for m, n in ((c.month, len(_stored(session, c.month))) for c in closes)}
        return tuple(ClosedMonth(c.month.strftime("%Y-%m"), c.closed_through, c.closed_at, counts[c.month])
                     for c in closes)


def stored_statement(actor: Actor, month: object) -> tuple[ClosedBalance, ...]:
    """The trial balance a closed month stored when it closed (admin and risk); empty when open."""
    require_role(actor, ADMIN, RISK, SYSTEM)
    first = _month_start(month)
    with read_scope() as session:
        return tuple(ClosedBalance(r.account, from_fen(r.movement_fen), from_fen(r.closing_fen))
                     for r in _stored(session, first))


def _stored(session: Session, first: date) -> list[PeriodCloseBalance]:
    return list(session.exec(select(PeriodCloseBalance).where(PeriodCloseBalance.month == first)
                             .order_by(PeriodCloseBalance.account)))
