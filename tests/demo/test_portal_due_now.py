"""One "due now" figure everywhere (issue #9 item 1, 2), on the seeded demo for every seller.

The figure is worked out here from the raw installment rows by rules §5 and §7 (overdue
principal and interest, penalty at 1.5 × the daily rate on the unpaid principal, stopped at
non-performance, plus what falls due today), not through the engine, and every place that
shows it must agree: the home card and banner, the notifications, Repay (per loan and the
"pay everything overdue" total). Paying it clears the overdue on a private copy.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlmodel import select

from app.config import DEFAULT_CONFIG
from app.i18n import render
from app.services.lending.availability import has_overdue_loan
from app.services.lending.loan_views import my_loans
from app.services.lending.repay_all import repay_overdue
from app.services.lending.repayment import payoff_quote
from app.services.portal.home import home, notifications
from app.services.store.settings import business_date
from db.engine import read_scope, session_scope
from tests.demo.conftest import using
from tests.ui.conftest import actor_of, open_page

SELLERS = ("demo", "seller2", "seller3", "seller4", "seller5", "seller6")
CENT = Decimal("0.01")


def due_now_by_hand(loan_id: int) -> Decimal:
    """Rules §5/§7 from the rows: every overdue installment, its penalty, what is due today."""
    with read_scope() as session:
        today = business_date(session)
        from db.models import Loan, LoanInstallment

        loan = session.get(Loan, loan_id)
        rows = session.exec(select(LoanInstallment).where(LoanInstallment.loan_id == loan_id)
                            .order_by(LoanInstallment.period)).all()
        penalty_rate = Decimal(loan.penalty_rate_e8) / 10**8
    unpaid = [r for r in rows if r.due_date <= today and (r.principal_paid_fen < r.principal_fen
                                                         or r.interest_paid_fen < r.interest_fen)]
    stop = today
    if loan.non_performing_since is not None:
        stop = min(today, loan.non_performing_since)
    elif unpaid and (today - unpaid[0].due_date).days > DEFAULT_CONFIG.non_performing_dpd:
        stop = unpaid[0].due_date + timedelta(days=DEFAULT_CONFIG.non_performing_dpd + 1)
    total = Decimal(0)
    for r in rows:
        if r.due_date <= today:
            unpaid_fen = r.principal_fen - r.principal_paid_fen + r.interest_fen - r.interest_paid_fen
            total += Decimal(unpaid_fen) / 100
        principal_unpaid = Decimal(r.principal_fen - r.principal_paid_fen) / 100
        days = max(0, (stop - (r.penalty_through or r.due_date)).days)
        exact = Decimal(r.penalty_exact_e10) / 10**10 + principal_unpaid * penalty_rate * days
        total += exact.quantize(CENT, ROUND_HALF_UP) - Decimal(r.penalty_paid_fen) / 100
    return total


def amounts_in(text: str) -> list[Decimal]:
    return [Decimal(m.replace(",", "")) for m in re.findall(r"¥([\d,]+\.\d\d)", text)]


@pytest.mark.parametrize("username", SELLERS)
def test_the_card_banner_notices_and_repay_agree_on_due_now(demo_db, username):
    actor = actor_of(username)
    loans = [loan for loan in my_loans(actor, actor.seller_id) if loan.is_open]
    by_hand = {loan.id: due_now_by_hand(loan.id) for loan in loans}
    overdue = {loan.id for loan in loans if loan.days_past_due > 0}
    total = sum(by_hand.values(), Decimal(0))
    me = home(actor, actor.seller_id)
    assert me.due_now == total
    assert me.overdue_amount == sum((by_hand[i] for i in overdue), Decimal(0))
    for loan in loans:
        assert payoff_quote(actor, loan.id).due_now == by_hand[loan.id]  # Repay's figure
        assert loan.next_due_date is None or loan.next_due_date >= me.business_date  # never in the past
    notices = {n.message.params.get("loan_id"): render(n.message)
               for n in notifications(actor, actor.seller_id)
               if n.kind == "overdue" and n.on == me.business_date}
    assert set(notices) == overdue
    for loan_id, message in notices.items():
        assert f"¥{by_hand[loan_id]:,.2f}" in message

    page = open_page(username, "home")
    assert not page.exception
    card = next(m for m in page.metric if m.label == "Due now")
    assert card.value == f"¥{total:,.2f}"
    banners = [e.value for e in page.error if e.icon == "🚨"]
    if overdue:
        assert amounts_in(banners[0])[0] == total
    else:
        assert not banners
    next_card = next(m for m in page.metric if m.label == "Next payment")
    assert not re.search(r"due on (\d{4}-\d\d-\d\d)", "".join(c.value for c in page.caption)) or all(
        date.fromisoformat(d) >= me.business_date
        for d in re.findall(r"due on (\d{4}-\d\d-\d\d)", "".join(c.value for c in page.caption)))
    assert next_card.value in ("—", f"¥{me.next_payment_amount:,.2f}")

    if loans:
        repay_page = open_page(username, "repay")
        assert not repay_page.exception
        shown = {m.label: m.value for m in repay_page.metric}
        first = next(iter(sorted(loans, key=lambda loan: -loan.id)), None)
        selected = repay_page.selectbox(key="repay_loan").value
        assert shown["Due now"] == f"¥{by_hand[selected]:,.2f}", first
        if overdue:
            caption = next(c.value for c in repay_page.caption if "due now on" in c.value)
            assert amounts_in(caption)[0] == total


@pytest.mark.parametrize("username", ["seller5", "seller6"])
def test_paying_everything_overdue_clears_it(demo_copy, username):
    with using(demo_copy):
        actor = actor_of(username)
        loans = [loan for loan in my_loans(actor, actor.seller_id) if loan.days_past_due > 0]
        assert loans
        amounts = {loan.id: due_now_by_hand(loan.id) for loan in loans}
        paid = repay_overdue(actor, amounts=amounts, idempotency_key="all-overdue")
        assert paid.amount == sum(amounts.values(), Decimal(0))
        again = repay_overdue(actor, amounts=amounts, idempotency_key="all-overdue")  # the same click twice
        assert [p.payment_id for p in again.payments] == [p.payment_id for p in paid.payments]
        with session_scope() as session:
            assert not has_overdue_loan(session, actor.seller_id, business_date(session))
        assert home(actor, actor.seller_id).due_now == 0


def test_a_non_performing_notice_no_longer_says_penalty_accrues(demo_db):
    actor = actor_of("seller6")
    loan = next(loan for loan in my_loans(actor, actor.seller_id) if loan.is_open)
    assert loan.days_past_due > DEFAULT_CONFIG.non_performing_dpd and loan.is_non_performing
    assert loan.non_performing_since == loan.overdue_since + timedelta(days=91)
    notice = next(n for n in notifications(actor, actor.seller_id) if n.kind == "overdue")
    en, zh = render(notice.message, "en"), render(notice.message, "zh")
    assert "non-performing" in en and "accrues" not in en and "stopped on" in en
    assert "不良" in zh and "按日计收" not in zh
    page = open_page("seller6", "home")
    captions = " ".join(c.value for c in page.caption)
    assert "non-performing" in captions
    assert re.search(r"overdue since|non-performing", " ".join(e.value for e in page.error))
