"""What a seller can draw now and why not (issue #9 items 6, 7): the amount checked as it is
typed with the draws' own rules, and the reasons a seller cannot borrow — read-only."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest

from app.config import DecisionStatus
from app.errors import PermissionDenied
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.borrowing import borrowing_status, check_credit_amount, check_order_amount
from app.services.lending.draws import draw_credit_loan
from db.engine import session_scope
from db.models import CreditDecision, Seller
from tests.services.conftest import START, table_digests

LIMIT = Decimal("50000.00")  # the book seller: credit limit 50,000.00, advance 90 %, 10 orders of 1,000


def keys(texts) -> list[str]:
    return [t.key for t in texts]


@pytest.mark.parametrize(("typed", "refusal"), [
    ("99.99", "draw.below_minimum"),
    ("50000.01", "draw.exceeds.credit_limit"),
    ("5,000,000", "draw.exceeds.credit_limit"),
    ("1,2,3", "amount.not_a_number"),
    ("1e5", "amount.not_a_number"),
    ("12.345", "amount.too_many_decimals"),
    ("0", "amount.not_positive"),
])
def test_an_amount_that_cannot_be_drawn_is_refused_with_why_and_nothing_is_written(book, typed, refusal):
    before = table_digests()
    check = check_credit_amount(book.seller, book.seller_id, typed)
    assert not check.ok and check.refusal.key == refusal
    assert (check.minimum, check.available) == (Decimal("100.00"), LIMIT)
    assert table_digests() == before


@pytest.mark.parametrize(("typed", "amount"), [
    ("100", Decimal("100.00")), ("1,234.56", Decimal("1234.56")), ("¥50,000.00", LIMIT), ("50000", LIMIT)])
def test_an_amount_that_can_be_drawn_passes_exactly_as_typed(book, typed, amount):
    check = check_credit_amount(book.seller, book.seller_id, typed)
    assert check.ok and check.amount == amount and check.refusal is None


def test_the_refusal_names_what_is_available_after_a_draw(book):
    draw_credit_loan(book.seller, shop_id=book.shop_id, amount="30000", months=3, method="bullet",
                     idempotency_key="k1")
    check = check_credit_amount(book.seller, book.seller_id, "20000.01")
    assert check.available == LIMIT - Decimal("30000")
    assert check.refusal.params == {"available": "¥20,000.00", "asked": "¥20,000.01"}
    assert check_credit_amount(book.seller, book.seller_id, "20000").ok


def test_an_order_amount_is_checked_against_the_chosen_orders(book):
    three = book.order_ids[:3]  # 3 × 1,000.00 × 90 % = 2,700.00
    most = check_order_amount(book.seller, book.seller_id, three, None, book.shop_id)
    assert most.ok and most.amount == most.available == Decimal("2700.00")
    over = check_order_amount(book.seller, book.seller_id, three, "2700.01", book.shop_id)
    assert over.refusal.key == "draw.exceeds.order_backing"
    none = check_order_amount(book.seller, book.seller_id, [], "100", book.shop_id)
    assert none.refusal.key == "draw.exceeds.order_backing" and none.available == 0


def test_a_seller_who_can_borrow_has_no_reasons(book):
    status = borrowing_status(book.seller, book.seller_id)
    assert status.can_draw_credit and status.can_draw_order and not status.reasons
    assert status.credit_available == LIMIT


def test_a_limit_used_up_below_the_minimum_draw_is_the_reason(book):
    draw_credit_loan(book.seller, shop_id=book.shop_id, amount="49950", months=3, method="bullet",
                     idempotency_key="k1")
    status = borrowing_status(book.seller, book.seller_id)
    assert keys(status.credit) == ["borrow.why.credit_used"]
    assert status.credit[0].params["available"] == "¥50.00"
    assert status.can_draw_order  # order loans are not limited by the credit limit


def test_a_blacklisted_seller_is_told_so_for_both_products_and_any_amount(book):
    with session_scope() as session:
        seller = session.get(Seller, book.seller_id)
        seller.blacklisted = True
        session.add(seller)
    status = borrowing_status(book.seller, book.seller_id)
    assert keys(status.credit) == keys(status.order) == ["draw.blocked.blacklisted"]
    assert not status.can_borrow
    assert check_credit_amount(book.seller, book.seller_id, "1000").refusal.key == "draw.blocked.blacklisted"


def test_an_overdue_seller_is_told_to_repay_first(book):
    draw_credit_loan(book.seller, shop_id=book.shop_id, amount="1000", months=1, method="bullet",
                     idempotency_key="k1")  # due 2026-04-02
    run_end_of_day(book.system, until=START + timedelta(days=31))
    status = borrowing_status(book.seller, book.seller_id)
    assert keys(status.reasons) == ["draw.blocked.overdue"]


@pytest.mark.parametrize(("status", "expected"), [
    (DecisionStatus.MANUAL_REVIEW, ["borrow.why.manual_review"]),
    (DecisionStatus.DECLINED, ["borrow.why.declined"]),
    (DecisionStatus.INELIGIBLE, ["borrow.why.ineligible", "eligibility.tenure"]),
])
def test_the_rating_decision_in_force_says_why(book, status, expected):
    tenure = {"key": "eligibility.tenure", "params": {"months": 6, "opened": "2026-01-01",
                                                      "eligible_from": "2026-07-01"}}
    reasons = {"ineligible": [tenure] if status == DecisionStatus.INELIGIBLE else [], "up": [], "down": [],
               "tips": [], "points": {}}
    with session_scope() as session:
        session.add(CreditDecision(seller_id=book.seller_id, decided_on=START, source="application",
                                   model_version="t", status=status.value, score=590, band="",
                                   inputs_json="{}", reasons_json=json.dumps(reasons)))
    found = borrowing_status(book.seller, book.seller_id)
    assert keys(found.credit) == keys(found.order) == expected
    assert found.credit[-1].render("zh") != found.credit[-1].render("en")


def test_another_seller_cannot_ask(book):
    with pytest.raises(PermissionDenied):
        borrowing_status(book.other, book.seller_id)
    with pytest.raises(PermissionDenied):
        check_credit_amount(book.other, book.seller_id, "100")
