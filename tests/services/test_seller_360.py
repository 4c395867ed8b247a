"""The seller 360° read model (issue 16 item 17): one read of a seller's loans, limits, events,
contacts, corrections and documents, the same figures as the pages that show each, for staff
only; the other seller's rows never in it."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlmodel import select

from app.errors import PermissionDenied, SellerNotFound
from app.services.back_office.seller_360 import AGREEMENT, RECEIPT, seller_360
from app.services.lending.availability import seller_limits
from app.services.lending.loan_views import my_loans
from app.services.lending.repayment import repay
from app.services.risk_ops.collections import log_contact
from app.services.risk_ops.corrections import propose_correction
from app.services.store.settings import set_business_date
from db.engine import session_scope
from db.models import RiskEvent
from tests.services.test_risk_ops import ADMIN, draw, staff


def test_one_read_of_everything_the_back_office_knows_of_a_seller(book):
    loan = draw(book)
    draw_credit_other = draw(book, amount="2000", key="d2")
    with session_scope() as session:
        set_business_date(session, date(2026, 3, 12))
        reasons = '[{"rule": "rating_drop", "bands": 2, "before": "AA", "now": "REVIEW"}]'
        session.add(RiskEvent(seller_id=book.seller_id, kind="warning", status="open",
                              opened_on=date(2026, 3, 12), cure_until=date(2026, 3, 26),
                              reasons_json=reasons))
    payment = repay(book.seller, loan_id=loan.id, amount="1000", idempotency_key="p1")
    risk, admin = staff("risk1"), staff("admin1", ADMIN)
    contact = log_contact(risk, loan.id, note="Called: pays on Friday")
    proposed = propose_correction(risk, kind="payment_reversal", loan_id=loan.id, payment_id=payment.id,
                                  reason="bank returned it")

    seen = seller_360(admin, book.seller_id)
    assert dataclasses.is_dataclass(seen) and seen.__dataclass_params__.frozen
    assert (seen.seller_id, seen.name, seen.blacklisted) == (book.seller_id, "Seller 1", False)
    assert seen.masked_resident_id.startswith("1101") and "*" in seen.masked_resident_id
    assert seen.shops == ((book.shop_id, "Shop 1", "apparel"),)
    assert list(seen.loans) == my_loans(book.seller, book.seller_id)  # the figures the seller sees
    assert {r.id for r in seen.loans} == {loan.id, draw_credit_other.id}
    with session_scope() as session:
        assert seen.limits == seller_limits(session, book.seller_id, date(2026, 3, 12))
    assert [e.kind for e in seen.events] == ["warning"] and "Manual review" in str(seen.events[0].reasons[0])
    assert [(c.id, c.note) for c in seen.contacts] == [(contact.id, "Called: pays on Friday")]
    assert [(c.id, c.status, c.payment_id) for c in seen.corrections] == [
        (proposed.id, "proposed", payment.id)]
    assert {(d.kind, d.id) for d in seen.documents} == {
        (AGREEMENT, loan.id), (AGREEMENT, draw_credit_other.id), (RECEIPT, payment.id)}
    assert seen.documents[0] == next(d for d in seen.documents if d.kind == RECEIPT)  # newest first
    assert seen.due_now == sum(r.due_now for r in seen.loans) and seen.days_past_due == 0

    other = seller_360(risk, seller_id_of(book.other))
    assert not other.loans and not other.contacts and not other.corrections and not other.documents


def seller_id_of(actor) -> int:
    return actor.seller_id


def test_only_staff_read_it_and_an_unknown_seller_is_not_found(book):
    for actor in (book.seller, book.other):
        with pytest.raises(PermissionDenied):
            seller_360(actor, book.seller_id)
    with pytest.raises(SellerNotFound):
        seller_360(staff("risk1"), 999_999)
    with session_scope() as session:
        assert not session.exec(select(RiskEvent)).all()
