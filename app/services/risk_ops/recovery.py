"""Credit recovery 信用恢复 (rules §9).

A risk officer marks a blacklisted seller's default non-malicious and puts the
**overdue balance** on a recovery plan. The overdue balance is, over the seller's
open non-performing loans, the outstanding principal plus the interest owed on the
plan's date (interest charged and unpaid, and interest accrued up to the day the
loan turned non-performing) — that is each loan's payoff amount without penalty.
Penalty owed is waived first, one `penalty_waiver` entry per loan (penalty receivable
back against penalty income). Each defaulted loan is then closed (`closed_as`
"recovery"), its principal and interest receivable moved onto ONE new loan (product
"recovery") in one balanced `recovery_transfer` entry. The recovery loan charges no
interest (and hence no penalty): the lender takes back what was owed and no more
from a non-malicious defaulter. Its schedule is equal principal (rules §4.3) over
1-12 monthly installments (§3 due dates).

End of day counts the plan's installments as they fall due: one paid in full by its
due date adds to the on-time streak, any other resets it. When the streak reaches 6
(or every installment, for a shorter plan) the blacklist lifts, the seller is
re-rated, and their limits are capped at 20 % of what the rating gives for 6 months
(`RecoveryPlan.cap_until`, applied in `availability.seller_limits`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from app import ledger
from app.config import DEFAULT_CONFIG, RECOVERY_PRODUCT, ClosedAs, InstallmentStatus, LoanStatus
from app.dates import add_months
from app.errors import RecoveryRefused
from app.i18n import text
from app.loans.allocation import apply_payment, payoff_amount
from app.loans.risk import recovery_loan, total_penalty_owed, waive_penalty
from app.loans.state import LoanState
from app.money import ZERO, format_cny, from_fen, to_fen
from app.services.access.actor import ADMIN, RISK, Actor, require_role
from app.services.access.inputs import checked_id, clean_text
from app.services.credit.assessment import rate_seller
from app.services.lending.repayment import recognise_to_date
from app.services.store import loan_store, postings
from app.services.store.arrears import is_unpaid
from app.services.store.decision_records import store_decision
from app.services.store.loan_store import LoanRecord
from app.services.store.locks import hold_business_day, lock_seller, retry_on_conflict
from app.services.store.risk_records import record_event
from app.services.store.settings import business_date, deferred_book_moves, move_book_outstanding
from db.engine import read_scope, session_scope
from db.models import Loan, LoanInstallment, RecoveryPlan, Seller

CFG = DEFAULT_CONFIG.monitoring  # the thresholds of rules §9: fixed, not product settings


class PlanStatus(str, enum.Enum):
    """Where a recovery plan stands (derived from the plan, never stored)."""

    ACTIVE = "active"
    LIFTED = "lifted"
    COMPLETED = "completed"


@dataclass(frozen=True)
class RecoveryPlanView:
    id: int
    seller_id: int
    seller_name: str
    loan_id: int
    created_on: date
    months: int
    balance: Decimal
    penalty_waived: Decimal
    outstanding: Decimal
    installments_paid: int
    on_time_streak: int
    needed: int  # on-time installments in a row that lift the blacklist
    lifted_on: date | None
    cap_pct: int
    cap_until: date | None
    note: str

    @property
    def status(self) -> str:
        """active (blacklisted) / lifted (repaying, blacklist lifted) / completed (repaid)."""
        if self.outstanding == 0:
            return PlanStatus.COMPLETED.value
        return (PlanStatus.LIFTED if self.lifted_on else PlanStatus.ACTIVE).value


@dataclass(frozen=True)
class RecoveryCandidate:
    seller_id: int
    seller_name: str
    overdue_balance: Decimal  # principal + interest owed of the non-performing loans
    penalty_owed: Decimal  # waived by a plan


def needed_on_time(months: int) -> int:
    return min(CFG.recovery_on_time_to_lift, months)


@retry_on_conflict
def create_recovery_plan(actor: Actor, seller_id: int, months: int, note: str) -> RecoveryPlanView:
    """Put a blacklisted seller's overdue balance on an interest-free plan of `months`.

    Takes the locks of `app.services.store.locks` in their order — the business day (then
    reads the date), the seller, the defaulted loans by id, the lender book once at the end —
    and is retried on a conflict like every money path."""
    require_role(actor, RISK, ADMIN)
    checked_id(seller_id, RecoveryRefused, "recovery.not_defaulted", "seller_id")
    note = clean_text(note, max_len=500).strip()
    if not note:
        raise RecoveryRefused(text("recovery.note_required"))
    if not isinstance(months, int) or not 1 <= months <= CFG.recovery_max_months:
        raise RecoveryRefused(text("recovery.months", months=str(months), max_months=CFG.recovery_max_months))
    with session_scope() as session:
        hold_business_day(session)
        today = business_date(session)
        seller = lock_seller(session, seller_id) if session.get(Seller, seller_id) else None
        records = _defaulted(session, seller_id, for_update=True) if seller and seller.blacklisted else []
        if not records:
            raise RecoveryRefused(text("recovery.not_defaulted", seller_id=seller_id))
        with deferred_book_moves(session):  # the lender book's lock last, once
            waived = sum((_waive_all_penalty(session, r, today) for r in records), ZERO)
            plan = _open_recovery_loan(session, seller, records, today, months)
        plan.created_by, plan.note, plan.penalty_waived_fen = actor.user_id, note, to_fen(waived)
        session.add(plan)
        session.flush()
        first_due = add_months(today, 1).isoformat()
        record_event(session, seller_id, today, "recovery", text(
            "risk.event.recovery_plan", balance=format_cny(from_fen(plan.balance_fen)), months=months,
            first_due=first_due, waived=format_cny(waived), needed=needed_on_time(months)),
            loan_id=plan.loan_id)
        return _view(session, plan, seller.name)


def _defaulted(session: Session, seller_id: int, *, for_update: bool = False) -> list[LoanRecord]:
    query = select(Loan).where(Loan.seller_id == seller_id, Loan.status == LoanStatus.OPEN,
                               col(Loan.non_performing_since).is_not(None)).order_by(col(Loan.id))
    loans = session.exec(query.with_for_update() if for_update else query).all()
    return loan_store.records(session, loans)


def _waive_all_penalty(session: Session, record: LoanRecord, today: date) -> Decimal:
    """Waive every fen of penalty the loan owes, as its own balanced entry."""
    state = record.state(today)
    owed = total_penalty_owed(state, today)
    if owed > 0:
        move_book_outstanding(session, record.save(waive_penalty(state, today, owed)))  # 0: no principal
        post_penalty_waiver(session, record.loan, today, owed, "recovery plan: penalties waived")
    return owed


PENALTY_WAIVER = "penalty_waiver"  # JournalEntry.kind of a waiver; the reversal replay looks for it


def post_penalty_waiver(session: Session, loan: Loan, today: date, amount: Decimal, memo: str):
    """Penalty receivable reversed against penalty income (kind PENALTY_WAIVER)."""
    loan.penalty_recognised_fen -= to_fen(amount)
    session.add(loan)
    return postings.post_entry(session, business_date=today, kind=PENALTY_WAIVER, loan_id=loan.id,
                               memo=memo, lines=[ledger.debit(ledger.PENALTY_INCOME, amount, loan_id=loan.id),
                                                 ledger.credit(ledger.PENALTY_RECEIVABLE, amount,
                                                               loan_id=loan.id)])


def _close_into_plan(session: Session, record: LoanRecord, today: date) -> list[ledger.Line]:
    """Clear the loan's payoff (no penalty left) as moved onto the plan; the transfer's credit lines."""
    state: LoanState = record.state(today)
    after, allocation = apply_payment(state, today, payoff_amount(state, today))
    move_book_outstanding(session, record.save(after))  # the defaulted principal leaves the book…
    loan = record.loan
    recognise_to_date(session, loan, after, today)
    for row in record.installments:
        row.status = InstallmentStatus.PAID
    loan.status, loan.closed_on, loan.dpd = LoanStatus.CLOSED, today, 0
    loan.closed_as = ClosedAs.RECOVERY.value
    session.add_all(record.rows())
    return [ledger.credit(ledger.INTEREST_RECEIVABLE, allocation.interest, loan_id=loan.id),
            ledger.credit(ledger.LOAN_PRINCIPAL, allocation.principal, loan_id=loan.id)]


def _open_recovery_loan(session: Session, seller: Seller, records: list[LoanRecord], today: date,
                        months: int) -> RecoveryPlan:
    lines = [line for r in records for line in _close_into_plan(session, r, today)]
    balance = sum((line.credit for line in lines), ZERO)
    state = recovery_loan(balance, today, months)
    loan = Loan(seller_id=seller.id, shop_id=records[0].loan.shop_id, product=RECOVERY_PRODUCT,
                method=state.method.value, principal_fen=to_fen(balance), daily_rate_e8=0, penalty_rate_e8=0,
                start_date=today, maturity_date=state.installments[-1].due_date, term_months=months,
                paid_through=today, outstanding_fen=to_fen(balance))
    session.add(loan)
    session.flush()
    session.add_all(loan_store.new_installment_rows(loan.id, state))
    move_book_outstanding(session, loan.outstanding_fen)  # …and the plan's balance comes back in
    postings.post_entry(session, business_date=today, kind="recovery_transfer", loan_id=loan.id,
                        memo="defaulted loans " + ", ".join(str(r.loan.id) for r in records) + " onto a plan",
                        lines=[ledger.debit(ledger.LOAN_PRINCIPAL, balance, loan_id=loan.id), *lines])
    return RecoveryPlan(seller_id=seller.id, loan_id=loan.id, created_on=today, months=months,
                        balance_fen=to_fen(balance))


# --- end of day -----------------------------------------------------------------------------------------


def progress_recovery_plans(session: Session, on: date) -> int:
    """Count installments that fell due before `on`; lift the blacklist where the streak is
    long enough. Returns how many blacklists were lifted. (Plans are few: one loop.)"""
    lifted = 0
    for plan in session.exec(select(RecoveryPlan).where(col(RecoveryPlan.lifted_on).is_(None))).all():
        rows = session.exec(select(LoanInstallment).where(
            LoanInstallment.loan_id == plan.loan_id, LoanInstallment.period > plan.counted_through,
            LoanInstallment.due_date < on).order_by(col(LoanInstallment.period))).all()
        for row in rows:
            on_time = not is_unpaid(row) and row.status != InstallmentStatus.OVERDUE
            plan.on_time_streak = plan.on_time_streak + 1 if on_time else 0
            plan.counted_through = row.period
        if plan.on_time_streak >= needed_on_time(plan.months):
            lift_blacklist(session, plan, on)
            lifted += 1
        session.add(plan)
    return lifted


def lift_blacklist(session: Session, plan: RecoveryPlan, on: date) -> None:
    """The staged way back: blacklist lifted, re-rated, limits capped for a while."""
    seller = session.get(Seller, plan.seller_id)
    seller.blacklisted, seller.blacklisted_on = False, None
    session.add(seller)
    plan.lifted_on, plan.cap_pct = on, CFG.reentry_cap_pct
    plan.cap_until = add_months(on, CFG.reentry_months)
    session.flush()
    record_event(session, seller.id, on, "recovery", text(
        "risk.event.blacklist_lifted", needed=needed_on_time(plan.months), cap_pct=plan.cap_pct,
        cap_until=plan.cap_until.isoformat()))
    rerate(session, seller.id, on)


def rerate(session: Session, seller_id: int, on: date) -> None:
    """Rate the seller again now that the blacklist is lifted (a decision of source "recovery"),
    as an application would (`assessment.rate_seller`: the product settings in force)."""
    rating = rate_seller(session, seller_id, on)
    store_decision(session, seller_id, on, "recovery", rating.result, rating.features, rating.facts,
                   None, None)


# --- reading ------------------------------------------------------------------------------------------------


def _view(session: Session, plan: RecoveryPlan, seller_name: str) -> RecoveryPlanView:
    record = loan_store.get(session, plan.loan_id)
    paid = sum(1 for r in record.installments if not is_unpaid(r))
    return RecoveryPlanView(plan.id, plan.seller_id, seller_name, plan.loan_id, plan.created_on, plan.months,
                            from_fen(plan.balance_fen), from_fen(plan.penalty_waived_fen),
                            from_fen(record.loan.outstanding_fen), paid, plan.on_time_streak,
                            needed_on_time(plan.months), plan.lifted_on, plan.cap_pct, plan.cap_until,
                            plan.note)


def recovery_plans(actor: Actor) -> list[RecoveryPlanView]:
    """Every recovery plan, newest first (risk officers and admins)."""
    require_role(actor, RISK, ADMIN)
    with read_scope() as session:
        query = select(RecoveryPlan, Seller.name).join(Seller, col(Seller.id) == RecoveryPlan.seller_id)
        rows = session.exec(query.order_by(col(RecoveryPlan.id).desc())).all()
        return [_view(session, plan, name) for plan, name in rows]


def recovery_candidates(actor: Actor) -> list[RecoveryCandidate]:
    """Blacklisted sellers with non-performing loans, and what a plan would take on."""
    require_role(actor, RISK, ADMIN)
    with read_scope() as session:
        today = business_date(session)
        sellers = session.exec(select(Seller).where(col(Seller.blacklisted).is_(True))
                               .order_by(col(Seller.id))).all()
        found = []
        for seller in sellers:
            states = [r.state(today) for r in _defaulted(session, seller.id)]
            if states:
                penalty = sum((total_penalty_owed(s, today) for s in states), ZERO)
                payoff = sum((payoff_amount(s, today) for s in states), ZERO)
                found.append(RecoveryCandidate(seller.id, seller.name, payoff - penalty, penalty))
        return found


def seller_recovery(session: Session, seller_id: int) -> RecoveryPlanView | None:
    """The seller's latest plan, for the portal (the caller checked the actor), without the
    officer's note: it is internal, like a correction's (the seller reads the plan's terms)."""
    plan = session.exec(select(RecoveryPlan).where(RecoveryPlan.seller_id == seller_id)
                        .order_by(col(RecoveryPlan.id).desc()).limit(1)).first()
    return None if plan is None else replace(_view(session, plan, ""), note="")
