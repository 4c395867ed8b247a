"""The seller portal's second pass on a small book (issue #9 items 4, 11, 12): a loan's actuals
against its plan, the notifications as a history, what "seen" remembers, and a repayment's
preview. Expected figures are worked out by hand from rules §2, §4, §5 (0.06 %/day credit,
0.05 %/day order loans)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlmodel import select

from app.i18n import render
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.draws import draw_credit_loan, draw_order_loan
from app.services.lending.loan_views import loan_detail
from app.services.lending.repay_all import preview_repayment
from app.services.lending.repayment import repay
from app.services.lending.seller_orders import pledgeable_orders
from app.services.portal.home import notifications
from app.services.portal.notice_seen import mark_notifications_seen, unread_count
from db.engine import session_scope
from db.models import Order, Payment
from tests.services.conftest import START, add_orders


def test_a_prepayment_is_its_own_row_and_the_installments_after_it_are_re_sized(book):
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="9000.00", months=3,
                            method="equal_principal", idempotency_key="draw")  # 3,000.00 a month
    run_end_of_day(book.system, until=START + timedelta(days=9))  # repay on day 10
    # accrued interest 9,000 × 0.0006 × 10 = 54.00; the rest of 3,054.00 prepays 3,000.00 of principal
    repay(book.seller, loan_id=loan.id, amount="3054.00", idempotency_key="early")
    rows = loan_detail(book.seller, loan.id).schedule
    early = [r for r in rows if r.kind == "prepayment"]
    assert len(early) == 1
    assert (early[0].due_date, early[0].principal, early[0].interest, early[0].status) == (
        START + timedelta(days=10), Decimal("3000.00"), Decimal("54.00"), "prepaid")
    installments = [r for r in rows if r.kind == "installment"]
    # 6,000.00 left over the same three due dates: round(6,000 / 3) = 2,000.00 each
    assert [r.principal for r in installments] == [Decimal("2000.00")] * 3
    assert [r.status for r in installments] == ["scheduled"] * 3
    assert [r.paid for r in installments] == [Decimal("0.00")] * 3
    assert rows[0] == early[0] and rows[-1].balance_after == 0
    assert sum(r.principal for r in rows) == Decimal("9000.00")
    detail = loan_detail(book.seller, loan.id)
    actual = [p for p in detail.timeline if p.actual]
    planned = [p for p in detail.timeline if not p.actual]
    assert actual[0].outstanding == Decimal("9000.00") and actual[-1].outstanding == Decimal("6000.00")
    assert actual[-1].on == START + timedelta(days=10) and actual[-1].interest == Decimal("54.00")
    assert [p.outstanding for p in planned] == [Decimal("4000.00"), Decimal("2000.00"), Decimal("0.00")]


def test_installment_statuses_paid_overdue_and_the_notice_of_becoming_overdue(book):
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="3000.00", months=3,
                            method="equal_principal", idempotency_key="draw")
    first_due = loan_detail(book.seller, loan.id).schedule[0].due_date
    run_end_of_day(book.system, until=first_due + timedelta(days=1))  # today: the day after
    rows = loan_detail(book.seller, loan.id).schedule
    assert [r.status for r in rows] == ["overdue", "scheduled", "scheduled"]
    assert rows[0].paid == 0 and rows[0].remaining == rows[0].total
    notices = notifications(book.seller, book.seller_id)
    became = next(n for n in notices if n.key == f"became_overdue:{loan.id}:1")
    assert became.on == first_due + timedelta(days=1)
    assert f"due on {first_due.isoformat()}" in render(became.message)
    assert [n.on for n in notices] == sorted((n.on for n in notices), reverse=True)  # newest first
    # pay the first installment with its penalty: it reads "paid", the notice stays in the history
    repay(book.seller, loan_id=loan.id, amount=str(loan_detail(book.seller, loan.id).loan.due_now),
          idempotency_key="catch-up")
    rows = loan_detail(book.seller, loan.id).schedule
    assert [r.status for r in rows] == ["paid", "scheduled", "scheduled"]
    assert any(n.key == f"became_overdue:{loan.id}:1" for n in notifications(book.seller, book.seller_id))


def test_a_settlement_is_a_notice_and_the_closed_loan_keeps_its_orders(book):
    with session_scope() as s:
        settling = add_orders(s, book.shop_id, 1, confirm_in=5)
    kept = book.order_ids[:2]  # never settle: released when the loan closes
    loan = draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=settling + kept, amount="1000.00",
                           idempotency_key="o")
    run_end_of_day(book.system, until=START + timedelta(days=5))
    # day 5: payoff 1,000.00 + 1,000 × 0.0005 × 5 = 1,002.50, paid from order #settling's 1,000.00 proceeds
    # up to 1,000.00; the rest (2.50) stays due, so the loan is still open — pay it off by hand
    notices = notifications(book.seller, book.seller_id)
    settled = next(n for n in notices if n.kind == "settlement")
    assert settled.on == START + timedelta(days=5)
    assert render(settled.message) == (
        f"Order #{settling[0]} settled: its proceeds paid ¥1,000.00 on order loan #{loan.id}.")
    repay(book.seller, loan_id=loan.id, amount=str(loan_detail(book.seller, loan.id).payoff_today),
          idempotency_key="rest")
    detail = loan_detail(book.seller, loan.id)
    assert not detail.loan.is_open
    orders = {o.id: o for o in detail.pledged_orders}
    assert set(orders) == set(settling + kept)
    assert orders[settling[0]].status == "settled" and orders[settling[0]].repaid == Decimal("1000.00")
    assert {orders[i].status for i in kept} == {"released"}
    assert [p.order_id for p in detail.payments] == [settling[0], None]
    # the released orders can back a new loan
    assert set(kept) <= {o.id for o in pledgeable_orders(book.seller, book.seller_id, book.shop_id)}
    with session_scope() as s:
        assert all(s.get(Order, i).pledged_loan_id is None for i in kept)
        assert len(s.exec(select(Payment)).all()) == 2


def test_notices_are_unread_until_the_page_is_opened(book):
    draw_credit_loan(book.seller, shop_id=book.shop_id, amount="3000.00", months=1, method="bullet",
                     idempotency_key="draw")
    run_end_of_day(book.system, until=START + timedelta(days=28))  # the reminder window: due in 3 days
    shown = notifications(book.seller, book.seller_id)
    assert [n.kind for n in shown] == ["reminder", "disbursed"]  # issue #16 item 9: the draw is a notice
    assert unread_count(book.seller, book.seller_id) == 2
    mark_notifications_seen(book.seller, book.seller_id)
    assert unread_count(book.seller, book.seller_id) == 0
    assert unread_count(book.other, book.other_shop_id and book.other.seller_id) == 0  # nothing for them
    run_end_of_day(book.system, until=START + timedelta(days=32))  # due 2026-04-02, now overdue
    assert unread_count(book.seller, book.seller_id) >= 2  # became overdue, overdue now (and a reminder)


def test_the_preview_of_a_partial_payment_shows_the_re_sized_schedule(book):
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="9000.00", months=3,
                            method="equal_principal", idempotency_key="draw")
    run_end_of_day(book.system, until=START + timedelta(days=9))
    preview = preview_repayment(book.seller, loan.id, "3054.00")
    assert preview.allocation.principal == Decimal("3000.00")
    assert preview.allocation.interest == Decimal("54.00")
    after = [r for r in preview.schedule_after if r.kind == "installment"]
    assert [r.principal for r in after] == [Decimal("2000.00")] * 3
    early = [r for r in preview.schedule_after if r.kind == "prepayment"]
    assert [(r.principal, r.interest) for r in early] == [(Decimal("3000.00"), Decimal("54.00"))]
    assert loan_detail(book.seller, loan.id).loan.outstanding == Decimal("9000.00")  # nothing paid yet
