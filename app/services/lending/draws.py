"""Drawing loans: order loans against shipped orders, credit loans on a rating (rules §2)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from app import ledger
from app.agreements import AGREEMENT_VERSIONS, agreement_version_on
from app.config import RepaymentMethod
from app.errors import AgreementNotAccepted, NotFound, OrderNotEligible
from app.i18n import Text, text
from app.loans.state import new_loan
from app.loans.terms import LoanTerms
from app.money import from_fen, parse_amount, to_fen
from app.services.access import audit
from app.services.access.actor import Actor, require_seller_self
from app.services.access.inputs import clean_text, is_id
from app.services.lending.availability import Limits, check_draw_amount, eligible_orders, limits_for_draw
from app.services.lending.loan_views import LoanRow, loan_row
from app.services.store import loan_store, outbox, postings
from app.services.store.idempotency import KeyedRequest, once_per_key
from app.services.store.loan_store import LoanRecord
from app.services.store.locks import hold_business_day, lock_lender_book, lock_seller, retry_on_conflict
from app.services.store.product_settings import check_offered_term, effective_config, loanable_funds
from app.services.store.settings import add_to_book_outstanding, business_date
from db.convert import rate_to_e8
from db.engine import session_scope
from db.models import Loan, Order, Seller, Shop, now_utc

AGREEMENT_VERSION = AGREEMENT_VERSIONS[-1][1]  # the latest loan agreement; a draw accepts the one of its date


@retry_on_conflict
@once_per_key
def draw_credit_loan(actor: Actor, *, shop_id: str, amount: Decimal | str, months: int,
                     method: RepaymentMethod | str, idempotency_key: str,
                     agreement_accepted: bool = True) -> LoanRow:
    """Draw an unsecured credit loan for `months` repaid by `method` (信用贷款)."""
    principal = parse_amount(amount)
    terms = LoanTerms.credit(method, months)
    request = KeyedRequest.of(actor, idempotency_key, "credit_draw", {
        "shop": shop_id, "amount": str(principal), "months": months, "method": terms.method.value})
    with session_scope() as session:
        if (earlier := _earlier_loan(session, request)) is not None:
            return earlier
        seller, today = _drawing_seller(session, actor, shop_id)
        if (earlier := _earlier_loan(session, request)) is not None:
            return earlier  # a twin with the same key committed while this one waited for the lock
        limits = limits_for_draw(session, seller, today)  # refuses a blocked seller first
        _check_agreement(agreement_accepted)
        what = text("draw.exceeds.credit_limit")
        principal = _principal_before_capacity_lock(session, limits, limits.credit_room, principal, what)
        record = _open_loan(session, seller, shop_id, principal, terms, today)
        request.remember(session, loan_id=record.loan.id)
        audit.record(session, actor, "draw", f"loan {record.loan.id}", **_draw_details(record))
        _take_capacity(session, limits, limits.credit_room, principal, what)
        return loan_row(record, today)


@retry_on_conflict
@once_per_key
def draw_order_loan(actor: Actor, *, shop_id: str, order_ids: list[int], amount: Decimal | str | None,
                    idempotency_key: str, agreement_accepted: bool = True) -> LoanRow:
    """Draw an order loan (订单贷款) pledging the chosen shipped orders; 30-day bullet.

    `amount` None draws the most the orders allow (their value × advance rate).
    """
    wanted = None if amount is None else parse_amount(amount)
    if not isinstance(order_ids, (list, tuple)) or not all(map(is_id, order_ids)):
        raise OrderNotEligible(text("draw.orders.invalid"))
    ids = sorted(set(order_ids))
    request = KeyedRequest.of(actor, idempotency_key, "order_draw",
                              {"shop": shop_id, "orders": ids, "amount": str(wanted)})
    with session_scope() as session:
        if (earlier := _earlier_loan(session, request)) is not None:
            return earlier
        seller, today = _drawing_seller(session, actor, shop_id)
        if (earlier := _earlier_loan(session, request)) is not None:
            return earlier
        limits = limits_for_draw(session, seller, today)  # refuses a blocked seller first
        _check_agreement(agreement_accepted)
        orders = _pledgeable_orders(session, seller.id, shop_id, ids, today)
        room = min(limits.order_backing(from_fen(sum(o.amount_fen for o in orders))), limits.order_room)
        what = text("draw.exceeds.order_backing")
        principal = _principal_before_capacity_lock(session, limits, room, wanted, what)
        record = _open_loan(session, seller, shop_id, principal, LoanTerms.order(), today)
        for order in orders:
            order.pledged_loan_id = record.loan.id
            session.add(order)
        request.remember(session, loan_id=record.loan.id)
        audit.record(session, actor, "draw", f"loan {record.loan.id}", **_draw_details(record))
        _take_capacity(session, limits, room, principal, what)
        return loan_row(record, today)


def _draw_details(record: LoanRecord) -> dict:
    """What the audit log keeps of a draw."""
    loan = record.loan
    return {"product": loan.product, "method": loan.method, "amount": str(from_fen(loan.principal_fen))}


def _earlier_loan(session: Session, request: KeyedRequest) -> LoanRow | None:
    earlier = request.earlier(session)
    if earlier is None:
        return None
    return loan_row(loan_store.get(session, earlier.loan_id), business_date(session))


def _drawing_seller(session: Session, actor: Actor, shop_id: str) -> tuple[Seller, date]:
    shop = session.get(Shop, clean_text(shop_id, max_len=64))
    if shop is None:
        raise NotFound(text("shop.not_found", shop_id=str(shop_id)))
    require_seller_self(actor, shop.seller_id)
    hold_business_day(session)
    seller = lock_seller(session, shop.seller_id)
    return seller, business_date(session)  # whether the seller may draw: `limits_for_draw`


def _principal_before_capacity_lock(session: Session, limits: Limits, room: Decimal, wanted: Decimal | None,
                                    what: Text) -> Decimal:
    """The principal (`wanted`, or all that is available when None), checked against `room`
    (the product's), the combined cap and lender capacity on figures read without the
    lender lock, so a draw refused anyway never queues for it.

    Every draw waits on the lender book's lock (the last lock, `app.services.store.locks`), so it
    is taken as late as possible: just before commit, by `_take_capacity`. A draw of all
    that is available is the exception: its principal depends on the capacity left, so it
    takes the lock here, before writing the loan."""
    principal = _principal_within(limits, room, wanted, what)
    if wanted is None:
        book = from_fen(lock_lender_book(session).outstanding_fen)
        principal = _principal_within(replace(limits, capacity_room=loanable_funds(session) - book),
                                      room, None, what)
    return principal


def _take_capacity(session: Session, limits: Limits, room: Decimal, principal: Decimal, what: Text) -> None:
    """Add the principal to the book's outstanding figure (one UPDATE that locks the lender
    book until commit) and check the draw against the capacity left before it; over
    capacity, the refusal rolls the whole draw back. The last statement before commit."""
    funds = loanable_funds(session)
    book = from_fen(add_to_book_outstanding(session, to_fen(principal))) - principal
    _principal_within(replace(limits, capacity_room=funds - book), room, principal, what)


def _principal_within(limits: Limits, room: Decimal, wanted: Decimal | None, what: Text) -> Decimal:
    principal = wanted if wanted is not None else limits.available(room)
    check_draw_amount(principal, room, limits, what)
    return principal


def _check_agreement(accepted: bool) -> None:
    if accepted is not True:
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
    query = select(Order).where(col(Order.id).in_(ids)).order_by(col(Order.id)).with_for_update()
    return list(session.exec(query.execution_options(populate_existing=True)).all())  # lock 3, by id


def _open_loan(session: Session, seller: Seller, shop_id: str, principal: Decimal, terms: LoanTerms,
               today: date) -> LoanRecord:
    """Write the loan, its installments and the disbursement entry, at the rates and terms
    in force today (`effective_config`); the loan keeps them whatever changes later."""
    cfg = effective_config(session)
    check_offered_term(cfg, terms)
    rate = cfg.daily_rate(terms.product)
    state = new_loan(terms, principal, rate, cfg.penalty_rate(rate), today)
    loan = Loan(seller_id=seller.id, shop_id=shop_id, product=terms.product.value, method=terms.method.value,
                principal_fen=to_fen(principal), daily_rate_e8=rate_to_e8(rate),
                penalty_rate_e8=rate_to_e8(state.penalty_rate), start_date=today,
                maturity_date=state.installments[-1].due_date, term_months=terms.months,
                term_days=terms.days, paid_through=today, outstanding_fen=to_fen(principal),
                agreement_version=agreement_version_on(today), agreement_accepted_at=now_utc())
    session.add(loan)
    session.flush()
    rows = loan_store.insert_new_installments(session, loan.id, state)
    outbox.add_disbursement(session, loan, today)  # the money goes out through the provider (rules §14)
    postings.post_entry(session, business_date=today, kind="disbursement", loan_id=loan.id,
                        memo=f"{terms.product.value} loan drawn",
                        lines=[ledger.debit(ledger.LOAN_PRINCIPAL, principal, loan_id=loan.id),
                               ledger.credit(ledger.LENDER_FUNDS, principal)])
    return LoanRecord(loan, rows)  # the book's outstanding moves last (`_take_capacity`)
