"""The loan repository: a loan and its installments as one record (rules §3-§5, §7).

Services never query installments by hand or convert rows themselves:

    record = loan_store.get(session, loan_id, for_update=True)
    state = record.state(today)      # the engine's LoanState as it stands today
    moved = record.save(new_state)   # writes the state back onto the rows; principal moved

When an installment is unpaid, due or overdue is written in `app.services.store.arrears`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import insert
from sqlmodel import Session, col, select

from app.config import LoanStatus, RepaymentMethod
from app.errors import LoanNotFound
from app.i18n import text
from app.loans.allocation import as_of
from app.loans.state import InstallmentState, LoanState
from app.money import from_fen, to_fen
from app.services.access.actor import Actor, require_own_seller
from app.services.access.inputs import checked_id
from db.convert import PENALTY_SCALE, exact_to_e10, rate_from_e8
from db.models import Loan, LoanInstallment


@dataclass
class LoanRecord:
    """A loan row with its installment rows, ordered by period."""

    loan: Loan
    installments: list[LoanInstallment]

    @property
    def is_open(self) -> bool:
        return self.loan.status == LoanStatus.OPEN

    def state(self, on: date | None = None) -> LoanState:
        """The engine's state; as it stands on `on` (non-performance applied) when given."""
        state = loan_state(self.loan, self.installments)
        return state if on is None else as_of(state, on)

    def save(self, state: LoanState) -> int:
        """Copy a state back onto the rows (statuses are the caller's); returns the change
        of outstanding principal in fen, which the caller posts to the lender book
        (`settings.move_book_outstanding`) in the same transaction."""
        before = self.loan.outstanding_fen
        by_period = {row.period: row for row in self.installments}
        for inst in state.installments:
            _write_installment(by_period[inst.period], inst)
        self.loan.paid_through = state.paid_through
        self.loan.non_performing_since = state.non_performing_since
        self.loan.outstanding_fen = sum(to_fen(i.principal_unpaid) for i in state.installments)
        return self.loan.outstanding_fen - before

    def rows(self) -> list:
        """Every row of the record, to add to the session after a change."""
        return [self.loan, *self.installments]


def get(session: Session, loan_id: int, *, for_update: bool = False) -> LoanRecord | None:
    query = select(Loan).where(Loan.id == loan_id)
    if for_update:  # lock 2 of `app.services.store.locks`, after the seller's
        query = query.with_for_update().execution_options(populate_existing=True)
    loan = session.exec(query).first()
    if loan is None:
        return None
    return LoanRecord(loan, installment_rows(session, [loan.id])[loan.id])


def get_for(session: Session, actor: Actor, loan_id: int, *, for_update: bool = False) -> LoanRecord:
    """The loan if `actor` may see it; a loan of someone else reads as not found."""
    checked_id(loan_id, LoanNotFound, "loan.not_found", "loan_id")
    record = get(session, loan_id, for_update=for_update)
    _check_visible(actor, None if record is None else record.loan.seller_id, loan_id)
    return record


def seller_of(session: Session, actor: Actor, loan_id: int) -> int:
    """The seller of a loan `actor` may see (read without a lock, to lock the seller first)."""
    seller_id = session.exec(select(Loan.seller_id).where(Loan.id == loan_id)).first()
    _check_visible(actor, seller_id, loan_id)
    return seller_id


def _check_visible(actor: Actor, seller_id: int | None, loan_id: int) -> None:
    """A missing loan and a loan of someone else both read as not found."""
    try:
        if seller_id is not None:
            require_own_seller(actor, seller_id)
            return
    except Exception:
        pass
    raise LoanNotFound(text("loan.not_found", loan_id=loan_id))


def records(session: Session, loans: Iterable[Loan]) -> list[LoanRecord]:
    """Records for loans already read, with one installment query for all of them."""
    loans = list(loans)
    by_loan = installment_rows(session, [loan.id for loan in loans])
    return [LoanRecord(loan, by_loan[loan.id]) for loan in loans]


def installment_rows(session: Session, loan_ids: list[int]) -> dict[int, list[LoanInstallment]]:
    by_loan: dict[int, list[LoanInstallment]] = defaultdict(list)
    if loan_ids:
        query = (select(LoanInstallment).where(col(LoanInstallment.loan_id).in_(loan_ids))
                 .order_by(col(LoanInstallment.loan_id), col(LoanInstallment.period)))
        for row in session.exec(query):
            by_loan[row.loan_id].append(row)
    return by_loan


def new_installment_rows(loan_id: int, state: LoanState) -> list[LoanInstallment]:
    """The rows of a loan just drawn, from its first state."""
    return [LoanInstallment(loan_id=loan_id, period=i.period, start_date=i.start_date, due_date=i.due_date,
                            principal_fen=to_fen(i.principal), interest_fen=to_fen(i.interest))
            for i in state.installments]


_INSERT_INSTALLMENTS = insert(LoanInstallment.__table__)  # Core: no ORM bulk path for plain rows


def insert_new_installments(session: Session, loan_id: int, state: LoanState) -> list[LoanInstallment]:
    """Insert the rows of a loan just drawn in one statement; the rows, as read back by `get`
    (the ids aside: the record of a new loan is only read)."""
    rows = new_installment_rows(loan_id, state)
    session.execute(_INSERT_INSTALLMENTS, [row.model_dump(exclude={"id"}) for row in rows])
    return rows


def loan_state(loan: Loan, rows: list[LoanInstallment]) -> LoanState:
    return LoanState(
        method=RepaymentMethod(loan.method), principal=from_fen(loan.principal_fen),
        daily_rate=rate_from_e8(loan.daily_rate_e8), penalty_rate=rate_from_e8(loan.penalty_rate_e8),
        start_date=loan.start_date, paid_through=loan.paid_through,
        installments=tuple(_installment_state(r) for r in sorted(rows, key=lambda r: r.period)),
        non_performing_since=loan.non_performing_since,
    )


def _installment_state(row: LoanInstallment) -> InstallmentState:
    return InstallmentState(
        period=row.period, start_date=row.start_date, due_date=row.due_date,
        principal=from_fen(row.principal_fen), interest=from_fen(row.interest_fen),
        interest_early=from_fen(row.interest_early_fen), principal_paid=from_fen(row.principal_paid_fen),
        interest_paid=from_fen(row.interest_paid_fen),
        penalty_exact=Decimal(row.penalty_exact_e10) / PENALTY_SCALE,
        penalty_through=row.penalty_through, penalty_paid=from_fen(row.penalty_paid_fen),
    )


def _write_installment(row: LoanInstallment, inst: InstallmentState) -> None:
    row.principal_fen = to_fen(inst.principal)
    row.interest_fen = to_fen(inst.interest)
    row.interest_early_fen = to_fen(inst.interest_early)
    row.principal_paid_fen = to_fen(inst.principal_paid)
    row.interest_paid_fen = to_fen(inst.interest_paid)
    row.penalty_exact_e10 = exact_to_e10(inst.penalty_exact)
    row.penalty_through = inst.penalty_through
    row.penalty_paid_fen = to_fen(inst.penalty_paid)
