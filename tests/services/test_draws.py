"""Drawing loans: limits, caps, refusals that change nothing, idempotency (rules §2, §10, §11)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import select

from app import ledger
from app.errors import (
    AgreementNotAccepted,
    BelowMinimumDraw,
    CombinedCapExceeded,
    DrawBlocked,
    IdempotencyConflict,
    InvalidAmount,
    InvalidTerm,
    LenderCapacityExceeded,
    LimitExceeded,
    NotFound,
    OrderNotEligible,
    PermissionDenied,
)
from app.services.lending.draws import draw_credit_loan, draw_order_loan
from app.services.store import postings
from app.services.store.settings import set_lender_funds
from db.engine import session_scope
from db.models import Loan, LoanInstallment, Order, Seller, SellerLimit
from tests.services.conftest import START, add_orders, table_digests


def credit(book, amount="10000.00", key="draw-1", months=3, method="equal_installment", **kw):
    return draw_credit_loan(book.seller, shop_id=book.shop_id, amount=amount, months=months, method=method,
                            idempotency_key=key, **kw)


def test_a_credit_draw_books_the_loan_its_schedule_and_a_balanced_disbursement(book):
    loan = credit(book)
    with session_scope() as s:
        rows = s.exec(select(LoanInstallment).where(LoanInstallment.loan_id == loan.id)).all()
        assert [r.due_date.isoformat() for r in rows] == ["2026-04-02", "2026-05-02", "2026-06-02"]
        assert sum(r.principal_fen for r in rows) == 1_000_000
        assert postings.balance_fen(s, ledger.LOAN_PRINCIPAL, loan_id=loan.id) == 1_000_000
        assert postings.balance_fen(s, ledger.LENDER_FUNDS) == -1_000_000
        stored = s.get(Loan, loan.id)
        assert (stored.daily_rate_e8, stored.penalty_rate_e8) == (60_000, 90_000)  # 0.06 %, 0.09 %
        assert stored.agreement_version is not None and stored.agreement_accepted_at is not None
    assert loan.outstanding == Decimal("10000.00")


def test_the_same_draw_repeated_with_its_key_returns_the_first_loan_and_moves_no_money(book):
    first = credit(book)
    before = table_digests()
    again = credit(book)
    assert again.id == first.id
    assert table_digests() == before


REFUSED_DRAWS = [
    ("99.99", BelowMinimumDraw, "smallest draw is ¥100.00"),
    ("50000.01", LimitExceeded, "Available now is ¥50,000.00; you asked for ¥50,000.01"),
    ("-5", InvalidAmount, "greater than zero"),
    ("0", InvalidAmount, "greater than zero"),
    ("100.001", InvalidAmount, "two decimals"),
    ("ten thousand", InvalidAmount, "not an amount"),
]


@pytest.mark.parametrize(("amount", "error", "message"), REFUSED_DRAWS)
def test_a_refused_credit_draw_says_why_and_changes_nothing(book, amount, error, message):
    before = table_digests()
    with pytest.raises(error, match=message):
        credit(book, amount=amount)
    assert table_digests() == before


def test_a_reused_key_with_a_different_request_is_refused_and_changes_nothing(book):
    credit(book, amount="1000.00")
    before = table_digests()
    with pytest.raises(IdempotencyConflict):
        credit(book, amount="2000.00")
    assert table_digests() == before


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"months": 2}, InvalidTerm), ({"method": "balloon"}, InvalidTerm),
    ({"agreement_accepted": False}, AgreementNotAccepted),
])
def test_bad_terms_are_refused_and_change_nothing(book, kwargs, error):
    before = table_digests()
    with pytest.raises(error):
        credit(book, **kwargs)
    assert table_digests() == before


def test_a_seller_cannot_draw_on_another_sellers_shop(book):
    before = table_digests()
    with pytest.raises(PermissionDenied):
        draw_credit_loan(book.other, shop_id=book.shop_id, amount="1000", months=1, method="bullet",
                         idempotency_key="x")
    with pytest.raises(NotFound):
        draw_credit_loan(book.seller, shop_id="NOSUCHSHOP", amount="1000", months=1, method="bullet",
                         idempotency_key="y")
    assert table_digests() == before


def test_repaid_principal_is_available_again_and_the_limit_is_revolving(book):
    credit(book, amount="30000.00", key="a", method="bullet", months=1)
    with pytest.raises(LimitExceeded, match="Available now is ¥20,000.00; you asked for ¥20,000.01"):
        credit(book, amount="20000.01", key="b")
    assert credit(book, amount="20000.00", key="c").principal == Decimal("20000.00")


def test_the_combined_cap_of_one_million_covers_both_products(book):
    with session_scope() as s:
        s.add(SellerLimit(seller_id=book.seller_id, rating="AAA", credit_limit_fen=100_000_000,
                          advance_rate_e8=100_000_000, decided_on=START))
    credit(book, amount="999500.00", key="big", method="bullet", months=12)
    before = table_digests()
    with pytest.raises(CombinedCapExceeded, match="Available now is ¥500.00; you asked for ¥900.00"):
        draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=book.order_ids[:1], amount="900.00",
                        idempotency_key="order")
    assert table_digests() == before


def test_a_draw_beyond_the_lenders_loanable_funds_is_refused(book):
    with session_scope() as s:
        set_lender_funds(s, registered_capital=Decimal("20000.00"), bank_credit_lines=Decimal("0"))
    credit(book, amount="15000.00", key="a")
    with pytest.raises(LenderCapacityExceeded, match="Available now is ¥5,000.00; you asked for ¥6,000.00"):
        credit(book, amount="6000.00", key="b")


def test_bank_lines_count_only_up_to_half_the_registered_capital(book):
    with session_scope() as s:
        set_lender_funds(s, registered_capital=Decimal("10000.00"), bank_credit_lines=Decimal("99999.00"))
    # loanable = 10,000 + min(99,999, 5,000) = 15,000
    with pytest.raises(LenderCapacityExceeded, match="Available now is ¥15,000.00"):
        credit(book, amount="15000.01")


def test_a_blacklisted_seller_cannot_draw(book):
    with session_scope() as s:
        seller = s.get(Seller, book.seller_id)
        seller.blacklisted = True
        s.add(seller)
    before = table_digests()
    with pytest.raises(DrawBlocked, match="closed to new loans"):
        credit(book)
    assert table_digests() == before


def test_an_order_loan_pledges_the_chosen_orders_at_the_advance_rate(book):
    loan = draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=book.order_ids[:3], amount=None,
                           idempotency_key="o1")
    assert loan.principal == Decimal("2700.00")  # 3 × 1,000.00 × 90 %
    assert (loan.maturity_date - loan.start_date).days == 30
    with session_scope() as s:
        pledged = s.exec(select(Order.id).where(Order.pledged_loan_id == loan.id)).all()
    assert sorted(pledged) == book.order_ids[:3]


def test_an_order_loan_above_what_its_orders_back_is_refused(book):
    before = table_digests()
    with pytest.raises(LimitExceeded, match="Available now is ¥1,800.00; you asked for ¥1,800.01"):
        draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=book.order_ids[:2], amount="1800.01",
                        idempotency_key="o1")
    assert table_digests() == before


def test_orders_already_pledged_or_of_another_shop_cannot_back_a_loan(book):
    draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=book.order_ids[:2], amount=None,
                    idempotency_key="o1")
    with session_scope() as s:
        foreign = add_orders(s, book.other_shop_id, 1)
    before = table_digests()
    for ids in (book.order_ids[1:3], foreign, []):
        with pytest.raises(OrderNotEligible):
            draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=ids, amount=None,
                            idempotency_key=f"o-{ids}")
    assert table_digests() == before
