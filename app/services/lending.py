"""Drawing loans: order loans against shipped orders, credit loans on a rating (rules §2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from app import ledger
from app.config import DEFAULT_CONFIG, Product, RepaymentMethod
from app.errors import AgreementNotAccepted, InvalidTerm, NotFound, OrderNotEligible
from app.i18n import text
from app.loans.state import LoanState, new_loan
from app.money import from_fen, parse_amount, to_fen
from app.services.actor import Actor, require_seller_self
from app.services.availability import check_draw_amount, eligible_orders, ensure_may_draw, seller_limits
from app.services.idempotency import (
    check_key,
    once_per_key,
    previous_request,
    remember_request,
    request_fingerprint,
)
from app.services.inputs import clean_text
from app.services.settings import business_date
from app.services.views import LoanSummary
from db.convert import rate_to_e8
from db.engine import session_scope
from db.models import Loan, LoanInstallment, Order, Seller, Shop, now_utc

AGREEMENT_VERSION = "2026-11"  # the loan agreement version accepted at draw (product §2.5)


@dataclass(frozen=True)
class DrawTerms:
    product: Product
    method: RepaymentMethod
    months: int | None
    days: int | None


@once_per_key
def draw_credit_loan(actor: Actor, *, shop_id: str, amount: Decimal | str, months: int,
                     method: RepaymentMethod | str, idempotency_key: str,
                     agreement_accepted: bool = True) -> LoanSummary:
    """Draw an unsecured credit loan for `months` repaid by `method` (信用贷款)."""
    key = check_key(idempotency_key)
    principal = parse_amount(amount)
    method = _method(method)
    request = {"shop": shop_id, "amount": str(principal), "months": months, "method": method.value}
    fingerprint = request_fingerprint("credit_draw", request)
    with session_scope() as session:
        earlier = previous_request(session, actor, key, "credit_draw", fingerprint)
        if earlier is not None:
            return LoanSummary.of(session.get(Loan, earlier.loan_id))
        seller, today = _drawing_seller(session, actor, shop_id)
        if months not in DEFAULT_CONFIG.credit_term_months:
            terms = ", ".join(str(m) for m in DEFAULT_CONFIG.credit_term_months)
            raise InvalidTerm(text("draw.term.credit_months", terms=terms, months=str(months)))
        _check_agreement(agreement_accepted)
        limits = seller_limits(session, seller.id, today)
        check_draw_amount(principal, limits.credit_room, limits, text("draw.exceeds.credit_limit"))
        terms = DrawTerms(Product.CREDIT, method, months, None)
        loan = _open_loan(session, seller, shop_id, principal, terms, today)
        remember_request(session, actor, key, "credit_draw", fingerprint, loan_id=loan.id)
        return LoanSummary.of(loan)


@once_per_key
def draw_order_loan(actor: Actor, *, shop_id: str, order_ids: list[int], amount: Decimal | str | None,
                    idempotency_key: str, agreement_accepted: bool = True) -> LoanSummary:
    """Draw an order loan (订单贷款) pledging the chosen shipped orders; 30-day bullet.

    `amount` None draws the most the orders allow (their value × advance rate).
    """
    key = check_key(idempotency_key)
    wanted = None if amount is None else parse_amount(amount)
    ids = sorted(set(order_ids))
    request = {"shop": shop_id, "orders": ids, "amount": str(wanted)}
    fingerprint = request_fingerprint("order_draw", request)
    with session_scope() as session:
        earlier = previous_request(session, actor, key, "order_draw", fingerprint)
        if earlier is not None:
            return LoanSummary.of(session.get(Loan, earlier.loan_id))
        seller, today = _drawing_seller(session, actor, shop_id)
        _check_agreement(agreement_accepted)
        orders = _pledgeable_orders(session, seller.id, shop_id, ids, today)
        limits = seller_limits(session, seller.id, today)
        orders_value = from_fen(sum(o.amount_fen for o in orders))
        principal = wanted if wanted is not None else limits.order_available_for(orders_value)
        room = min(limits.order_backing(orders_value), limits.order_room)
        check_draw_amount(principal, room, limits, text("draw.exceeds.order_backing"))
        terms = DrawTerms(Product.ORDER, RepaymentMethod.BULLET, None, DEFAULT_CONFIG.order_term_days)
        loan = _open_loan(session, seller, shop_id, principal, terms, today)
        for order in orders:
            order.pledged_loan_id = loan.id
            session.add(order)
        remember_request(session, actor, key, "order_draw", fingerprint, loan_id=loan.id)
        return LoanSummary.of(loan)


def _method(method: RepaymentMethod | str) -> RepaymentMethod:
    try:
        return RepaymentMethod(method)
    except ValueError:
        names = ", ".join(m.value for m in RepaymentMethod)
        raise InvalidTerm(text("draw.method.unknown", method=str(method), names=names)) from None


def _drawing_seller(session: Session, actor: Actor, shop_id: str) -> tuple[Seller, date]:
    shop = session.get(Shop, clean_text(shop_id, max_len=64))
    if shop is None:
        raise NotFound(text("shop.not_found", shop_id=str(shop_id)))
    require_seller_self(actor, shop.seller_id)
    seller = session.exec(select(Seller).where(Seller.id == shop.seller_id).with_for_update()).one()
    today = business_date(session)
    ensure_may_draw(session, seller, today)
    return seller, today


def _check_agreement(accepted: bool) -> None:
    if not accepted:
        raise AgreementNotAccepted(text("draw.agreement_required"))


def _pledgeable_orders(session: Session, seller_id: int, shop_id: str, ids: list[int],
                       today: date) -> list[Order]:
    if not ids:
        raise OrderNotEligible(text("draw.orders.none_chosen"))
    eligible = {o.id: o for o in eligible_orders(session, seller_id, today, shop_id)}
    missing = [i for i in ids if i not in eligible]
    if missing:
        listed = ", ".join(f"#{i}" for i in missing[:5])
        raise OrderNotEligible(text("draw.orders.not_eligible", orders=listed, shop_id=shop_id))
    locked = session.exec(select(Order).where(col(Order.id).in_(ids)).with_for_update()).all()
    return sorted(locked, key=lambda o: o.id)


def _open_loan(session: Session, seller: Seller, shop_id: str, principal: Decimal, terms: DrawTerms,
               today: date) -> Loan:
    """Write the loan, its installments and the disbursement entry."""
    cfg = DEFAULT_CONFIG
    rate = cfg.daily_rate(terms.product)
    state = new_loan(terms.method, principal, rate, cfg.penalty_rate(rate), today,
                     months=terms.months, days=terms.days)
    loan = Loan(seller_id=seller.id, shop_id=shop_id, product=terms.product.value, method=terms.method.value,
                principal_fen=to_fen(principal), daily_rate_e8=rate_to_e8(rate),
                penalty_rate_e8=rate_to_e8(state.penalty_rate), start_date=today,
                maturity_date=state.installments[-1].due_date, term_months=terms.months,
                term_days=terms.days, paid_through=today, outstanding_fen=to_fen(principal),
                agreement_version=AGREEMENT_VERSION, agreement_accepted_at=now_utc())
    session.add(loan)
    session.flush()
    session.add_all(_installment_rows(loan.id, state))
    ledger.post_entry(session, business_date=today, kind="disbursement", loan_id=loan.id,
                      memo=f"{terms.product.value} loan drawn",
                      lines=[ledger.debit(ledger.LOAN_PRINCIPAL, principal, loan_id=loan.id),
                             ledger.credit(ledger.LENDER_FUNDS, principal)])
    return loan


def _installment_rows(loan_id: int, state: LoanState) -> list[LoanInstallment]:
    return [LoanInstallment(loan_id=loan_id, period=i.period, start_date=i.start_date, due_date=i.due_date,
                            principal_fen=to_fen(i.principal), interest_fen=to_fen(i.interest))
            for i in state.installments]
