"""Repaying is the seller's own act (issue #8 E): staff may read any loan's payoff and
preview an allocation, but an admin's or a risk officer's repayment is refused and
changes no row."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.errors import LoanNotFound, PermissionDenied
from app.services.access.actor import ADMIN, RISK, SYSTEM_ACTOR, Actor
from app.services.lending.draws import draw_credit_loan
from app.services.lending.repayment import payoff_quote, preview_allocation, repay
from tests.services.conftest import table_digests

STAFF = [Actor(user_id=900, role=ADMIN), Actor(user_id=901, role=RISK), SYSTEM_ACTOR,
         Actor(user_id=902, role=ADMIN, seller_id=1)]  # a staff login that names a seller is still staff


@pytest.fixture
def loan(book):
    return draw_credit_loan(book.seller, shop_id=book.shop_id, amount="5000.00", months=1, method="bullet",
                            idempotency_key="draw")


@pytest.mark.parametrize("staff", STAFF, ids=["admin", "risk", "system", "admin-with-seller"])
def test_staff_cannot_repay_a_sellers_loan(book, loan, staff):
    before = table_digests()
    with pytest.raises(PermissionDenied) as refused:
        repay(staff, loan_id=loan.id, amount="1000.00", idempotency_key=f"staff-{staff.role}")
    assert "Only the seller" in str(refused.value) and refused.value.render("zh")
    assert table_digests() == before


@pytest.mark.parametrize("staff", STAFF[:2], ids=["admin", "risk"])
def test_staff_still_read_the_payoff_and_preview(book, loan, staff):
    assert payoff_quote(staff, loan.id).payoff > 0
    assert preview_allocation(staff, loan.id, "1000.00") is not None


def test_another_seller_cannot_repay_it_either(book, loan):
    before = table_digests()
    with pytest.raises(LoanNotFound):
        repay(book.other, loan_id=loan.id, amount="1000.00", idempotency_key="other")
    assert table_digests() == before


def test_the_owner_repays(book, loan):
    receipt = repay(book.seller, loan_id=loan.id, amount="1000.00", idempotency_key="own")
    assert receipt.amount == Decimal("1000.00")
