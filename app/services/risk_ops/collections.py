"""Collections (product §3): the overdue loans by days-past-due bucket, what each owes in
arrears, and the collector's contact log with promises to pay (rules §7).

Arrears are the engine's own figures, loan by loan through the loan repository:
`record.state(today)` and the dues of `app.loans.allocation.dues` (overdue principal,
overdue interest, penalty owed); days late are `days_past_due` of that state. Only risk
officers and admins may read the list or log a contact.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.config import LoanStatus
from app.dpd import bucket_labels, dpd_bucket
from app.errors import ContactRefused, LoanNotFound
from app.i18n import text
from app.loans.allocation import DueKind, dues
from app.loans.state import days_past_due
from app.money import ZERO
from app.services.access.actor import ADMIN, RISK, Actor, require_role
from app.services.access.inputs import checked_id, clean_text
from app.services.store import loan_store
from app.services.store.arrears import overdue_loans
from app.services.store.settings import business_date
from db.engine import read_scope, session_scope
from db.models import CollectionContact, Loan, Seller, Shop, User

NOTE_MAX = 500
MAX_PROMISE_DAYS = 90  # a promise to pay further out than this is not a promise


@dataclass(frozen=True)
class ContactRow:
    id: int
    loan_id: int
    business_date: date
    note: str
    promise_date: date | None
    by: str
    at: datetime


@dataclass(frozen=True)
class ArrearsRow:
    """One overdue loan as collections sees it today."""

    loan_id: int
    seller_id: int
    seller_name: str
    shop_id: str
    shop_name: str
    product: str
    days_late: int
    bucket: str
    overdue_principal: Decimal
    overdue_interest: Decimal
    penalty: Decimal
    outstanding: Decimal
    last_contact: ContactRow | None

    @property
    def arrears(self) -> Decimal:
        return self.overdue_principal + self.overdue_interest + self.penalty


@dataclass(frozen=True)
class Collections:
    today: date
    buckets: tuple[str, ...]
    loans: tuple[ArrearsRow, ...]  # worst first

    def in_bucket(self, bucket: str) -> tuple[ArrearsRow, ...]:
        return tuple(row for row in self.loans if row.bucket == bucket)


def collections(actor: Actor) -> Collections:
    """Every open loan past due today, with its arrears and last contact, worst first."""
    require_role(actor, RISK, ADMIN)
    with read_scope() as session:
        today = business_date(session)
        loans = _overdue_loans(session, today)
        names = _names(session, loans)
        last = _last_contacts(session, [loan.id for loan in loans])
        rows = [_arrears(record, today, names, last.get(record.loan.id))
                for record in loan_store.records(session, loans)]
    rows = [row for row in rows if row.days_late > 0]
    return Collections(today, bucket_labels(), tuple(sorted(rows, key=lambda r: (-r.days_late, r.loan_id))))


def _overdue_loans(session: Session, today: date) -> list[Loan]:
    """Open loans with an installment due before today and still unpaid (set-based)."""
    return list(session.exec(select(Loan).where(col(Loan.id).in_(overdue_loans(today)))
                             .order_by(col(Loan.id))).all())


def _names(session: Session, loans: list[Loan]) -> dict:
    seller_ids = {loan.seller_id for loan in loans}
    shop_ids = {loan.shop_id for loan in loans}
    sellers = dict(session.exec(select(Seller.id, Seller.name).where(col(Seller.id).in_(seller_ids))).all())
    shops = dict(session.exec(select(Shop.id, Shop.name).where(col(Shop.id).in_(shop_ids))).all())
    return {"seller": sellers, "shop": shops}


def _arrears(record: loan_store.LoanRecord, today: date, names: dict, last: ContactRow | None) -> ArrearsRow:
    state = record.state(today)
    owed: dict[DueKind, Decimal] = defaultdict(lambda: ZERO)
    for due in dues(state, today):
        owed[due.kind] += due.amount
    loan, late = record.loan, days_past_due(state, today)
    return ArrearsRow(loan.id, loan.seller_id, names["seller"].get(loan.seller_id, ""), loan.shop_id,
                      names["shop"].get(loan.shop_id, ""), loan.product, late, dpd_bucket(late),
                      owed[DueKind.OVERDUE_PRINCIPAL], owed[DueKind.OVERDUE_INTEREST], owed[DueKind.PENALTY],
                      sum((i.principal_unpaid for i in state.installments), ZERO), last)


def _contact_rows(session: Session, query) -> list[ContactRow]:
    joined = query.join(User, col(User.id) == CollectionContact.created_by, isouter=True)
    return [ContactRow(c.id, c.loan_id, c.business_date, c.note, c.promise_date, name or "—", c.created_at)
            for c, name in session.exec(joined)]


def _last_contacts(session: Session, loan_ids: list[int]) -> dict[int, ContactRow]:
    newest = select(func.max(CollectionContact.id)).where(col(CollectionContact.loan_id).in_(loan_ids)) \
        .group_by(CollectionContact.loan_id)
    rows = _contact_rows(session, select(CollectionContact, User.username)
                         .where(col(CollectionContact.id).in_(newest)))
    return {row.loan_id: row for row in rows}


def contact_log(actor: Actor, loan_id: int) -> tuple[ContactRow, ...]:
    """Every contact logged for a loan, newest first."""
    require_role(actor, RISK, ADMIN)
    checked_id(loan_id, LoanNotFound, "loan.not_found", "loan_id")
    with read_scope() as session:
        query = (select(CollectionContact, User.username).where(CollectionContact.loan_id == loan_id)
                 .order_by(col(CollectionContact.id).desc()))
        return tuple(_contact_rows(session, query))


def log_contact(actor: Actor, loan_id: int, *, note: str, promise_date: date | None = None) -> ContactRow:
    """Log a contact about an open loan: a note and, if the seller promised, the date they
    promised to pay by (today up to 90 days ahead)."""
    require_role(actor, RISK, ADMIN)
    checked_id(loan_id, LoanNotFound, "collections.no_open_loan", "loan_id")
    note = clean_text(note, max_len=NOTE_MAX)
    if not note:
        raise ContactRefused(text("collections.note_required"))
    with session_scope() as session:
        loan = session.get(Loan, loan_id)
        if loan is None or loan.status != LoanStatus.OPEN:
            raise LoanNotFound(text("collections.no_open_loan", loan_id=loan_id))
        today = business_date(session)
        _check_promise(today, promise_date)
        row = CollectionContact(loan_id=loan.id, seller_id=loan.seller_id, business_date=today, note=note,
                                promise_date=promise_date, created_by=actor.user_id)
        session.add(row)
        session.flush()
        return ContactRow(row.id, row.loan_id, row.business_date, row.note, row.promise_date, "",
                          row.created_at)


def _check_promise(today: date, promise_date: date | None) -> None:
    """A date (not a date and time: `datetime` is a `date` that cannot be subtracted from one)
    from today up to 90 days ahead, or none."""
    if promise_date is None:
        return
    if (not isinstance(promise_date, date) or isinstance(promise_date, datetime)
            or not 0 <= (promise_date - today).days <= MAX_PROMISE_DAYS):
        raise ContactRefused(text("collections.promise_range", today=today.isoformat(),
                                  days=MAX_PROMISE_DAYS))
