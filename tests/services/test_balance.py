"""The platform balance (issue #9 item 16): its movements from the ledger, and withdrawals to
the settlement account — balanced, keyed (same key twice pays once), refused while anything is
overdue or above the balance, with refusals leaving every table as it was."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from app import ledger
from app.errors import IdempotencyConflict, InvalidAmount, PermissionDenied, WithdrawalRefused
from app.services.end_of_day.reconcile import reconcile
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.balance import balance_history, check_withdrawal, withdraw_balance
from app.services.lending.draws import draw_credit_loan
from app.services.lending.orders import settle_order
from app.services.store import postings
from db.engine import session_scope
from db.models import BalanceWithdrawal, Seller
from tests.services.conftest import START, table_digests


def stored_balance(book) -> Decimal:
    with session_scope() as s:
        return Decimal(s.get(Seller, book.seller_id).platform_balance_fen) / 100


@pytest.fixture
def settled(book):
    """Three unpledged 1,000.00 orders settled: the seller's balance is 3,000.00."""
    for order_id in book.order_ids[:3]:
        settle_order(book.system, order_id)
    assert stored_balance(book) == Decimal("3000.00")
    return book


def test_the_balance_and_its_movements_come_from_the_ledger(settled):
    view = balance_history(settled.seller, settled.seller_id)
    assert view.balance == Decimal("3000.00") and view.withdraw_block is None
    assert [m.kind for m in view.movements] == ["settlement"] * 3
    assert [m.balance_after for m in view.movements] == [Decimal("3000.00"), Decimal("2000.00"),
                                                         Decimal("1000.00")]  # newest first
    assert all(m.amount_in == Decimal("1000.00") and m.amount_out == 0 for m in view.movements)


def test_a_withdrawal_is_one_balanced_entry_and_reconciles(settled):
    paid = withdraw_balance(settled.seller, amount="1,200.50", idempotency_key="w1")
    assert (paid.amount, paid.balance_after, paid.on) == (Decimal("1200.50"), Decimal("1799.50"), START)
    assert stored_balance(settled) == Decimal("1799.50")
    with session_scope() as s:
        assert postings.balance_fen(s, ledger.SELLER_BALANCE, seller_id=settled.seller_id) == -179_950
        # debit − credit: the seller's balance a liability of 1,799.50, the payout clearing 1,200.50
        assert postings.balance_fen(s, ledger.SETTLEMENT_PAYOUTS, seller_id=settled.seller_id) == -120_050
    view = balance_history(settled.seller, settled.seller_id)
    newest = view.movements[0]
    assert (newest.kind, newest.amount_out, newest.balance_after) == (
        "balance_withdrawal", Decimal("1200.50"), Decimal("1799.50"))
    report = reconcile()
    assert report.ok, report.problems


def test_the_same_key_twice_pays_once_and_returns_the_first_result(settled):
    first = withdraw_balance(settled.seller, amount="500", idempotency_key="w1")
    withdraw_balance(settled.seller, amount="100", idempotency_key="w2")
    before = table_digests()
    again = withdraw_balance(settled.seller, amount="500", idempotency_key="w1")
    assert again == first  # the balance right after the first, not the one now
    assert table_digests() == before and stored_balance(settled) == Decimal("2400.00")
    with pytest.raises(IdempotencyConflict):
        withdraw_balance(settled.seller, amount="600", idempotency_key="w1")
    assert table_digests() == before


def test_the_whole_balance_can_be_withdrawn_but_not_a_fen_more(settled):
    before = table_digests()
    with pytest.raises(WithdrawalRefused, match="more than your platform balance of ¥3,000.00"):
        withdraw_balance(settled.seller, amount="3000.01", idempotency_key="w1")
    assert table_digests() == before
    assert check_withdrawal(settled.seller, settled.seller_id, "3000.01").refusal.key == \
        "balance.refused.above_balance"
    assert check_withdrawal(settled.seller, settled.seller_id, "3000.00").ok
    withdraw_balance(settled.seller, amount="3000.00", idempotency_key="w2")
    assert stored_balance(settled) == 0
    view = balance_history(settled.seller, settled.seller_id)
    assert view.withdraw_block.key == "balance.nothing_to_withdraw"


def test_nothing_is_withdrawn_while_a_payment_is_overdue(settled):
    draw_credit_loan(settled.seller, shop_id=settled.shop_id, amount="5000", months=1, method="bullet",
                     idempotency_key="d")  # due 2026-04-02: the 3,000.00 balance does not cover it
    run_end_of_day(settled.system, until=START + timedelta(days=31))
    assert stored_balance(settled) == 0  # end of day took the whole balance towards the overdue payment
    with session_scope() as s:  # say 100.00 of sales settle afterwards: still nothing may leave
        seller = s.get(Seller, settled.seller_id)
        seller.platform_balance_fen = 10_000
        s.add(seller)
        postings.post_entry(s, business_date=START + timedelta(days=31), kind="settlement", lines=[
            ledger.debit(ledger.ORDER_PROCEEDS, Decimal("100.00")),
            ledger.credit(ledger.SELLER_BALANCE, Decimal("100.00"), seller_id=settled.seller_id)])
    before = table_digests()
    with pytest.raises(WithdrawalRefused, match="overdue"):
        withdraw_balance(settled.seller, amount="0.01", idempotency_key="w1")
    assert table_digests() == before
    assert balance_history(settled.seller, settled.seller_id).withdraw_block.key == "balance.refused.overdue"


@pytest.mark.parametrize("typed", ["1,2,3", "1e5", "0", "-5", "1.001"])
def test_a_mistyped_amount_is_refused_and_changes_nothing(settled, typed):
    before = table_digests()
    with pytest.raises(InvalidAmount):
        withdraw_balance(settled.seller, amount=typed, idempotency_key="w1")
    assert table_digests() == before


def test_only_the_seller_withdraws_and_sees_their_own_balance(settled):
    before = table_digests()
    with pytest.raises(PermissionDenied):
        withdraw_balance(settled.system, amount="10", idempotency_key="w1")
    with pytest.raises(PermissionDenied):
        balance_history(settled.other, settled.seller_id)
    with pytest.raises(WithdrawalRefused):  # the other seller has no balance of their own
        withdraw_balance(settled.other, amount="10", idempotency_key="w2")
    assert table_digests() == before
    with session_scope() as s:
        assert s.exec(select(BalanceWithdrawal)).all() == []
