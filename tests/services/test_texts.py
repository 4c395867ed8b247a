"""What the services say, through the services, in either language (product §6)."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest

from app.errors import BelowMinimumDraw, DrawBlocked, PaymentExceedsPayoff
from app.i18n import render
from app.money import format_cny
from app.services.credit.assessment import apply_for_credit, latest_decision
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.draws import draw_credit_loan
from app.services.lending.repayment import repay
from app.services.portal.home import notifications
from db.engine import session_scope
from db.models import CreditDecision
from tests.services.conftest import START
from tests.services.test_assessment import add_history

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_a_refused_draw_reads_in_chinese_with_the_amounts(book):
    with pytest.raises(BelowMinimumDraw) as refused:
        draw_credit_loan(book.seller, shop_id=book.shop_id, amount="99.99", months=3,
                         method="equal_installment", idempotency_key="small")
    assert refused.value.render("zh") == "单笔借款金额最低为 ¥100.00，您申请的是 ¥99.99。"
    assert refused.value.render("en") == "The smallest draw is ¥100.00; you asked for ¥99.99."


def test_a_repayment_above_the_payoff_reads_in_chinese(book):
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="10000.00", months=1, method="bullet",
                            idempotency_key="draw")
    with pytest.raises(PaymentExceedsPayoff) as refused:
        repay(book.seller, loan_id=loan.id, amount="20000.00", idempotency_key="too-much")
    assert "¥20,000.00" in refused.value.render("zh") and CJK.search(refused.value.render("zh"))


def test_a_stored_decision_and_its_limit_change_read_in_both_languages(book):
    with session_scope() as s:
        add_history(s, book.shop_id)
        s.add(CreditDecision(seller_id=book.seller_id, decided_on=START, source="re_rate", model_version="t",
                             status="declined", score=500, band="DECLINE", inputs_json="{}",
                             reasons_json=json.dumps({"ineligible": [], "up": [], "down": [], "tips": []})))
    apply_for_credit(book.seller, seller_id=book.seller_id)
    decision = latest_decision(book.seller, book.seller_id)  # read back from the database
    assert decision.credit_limit > 0 and decision.reasons_up and decision.reasons_down
    for shown in (*decision.reasons_up, *decision.reasons_down, *decision.tips):
        assert not CJK.search(render(shown, "en")) and CJK.search(render(shown, "zh"))
    change = next(n for n in notifications(book.seller, book.seller_id) if n.kind == "limit")
    limit = format_cny(decision.credit_limit)
    assert render(change.message, "en").startswith(f"Your credit limit changed from ¥0.00 to {limit} ")
    assert render(change.message, "zh").startswith(f"您的信用额度已由 ¥0.00 调整为 {limit}")


def test_an_overdue_notice_reads_in_both_languages(book):
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="10000.00", months=1, method="bullet",
                            idempotency_key="draw")  # due 2026-04-02
    run_end_of_day(book.system, until=START + timedelta(days=34))
    with pytest.raises(DrawBlocked) as blocked:
        draw_credit_loan(book.seller, shop_id=book.shop_id, amount="100", months=1, method="bullet",
                         idempotency_key="again")
    assert "逾期" in blocked.value.render("zh")
    notices = notifications(book.seller, book.seller_id)
    overdue = next(n for n in notices if n.kind == "overdue")  # today's, before the history's
    # issue #9: since when, and the one due-now figure
    assert render(overdue.message, "en").startswith(
        f"Loan #{loan.id} is 4 days past due, overdue since 2026-04-02: ")
    assert "2026-04-02" in render(overdue.message, "zh") and "逾期 4 天" in render(overdue.message, "zh")
