"""Risk operations (rules §9): monitoring rules on both sides of each threshold, the cure
window, recall, blacklisting at 91 DPD, credit recovery and corrections under
maker-checker. Every test ends with a clean `reconcile()`."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from sqlalchemy import insert
from sqlmodel import col, select

from app import ledger
from app.errors import CorrectionRefused, DrawBlocked, PermissionDenied
from app.loans.allocation import payoff_amount
from app.services.access.actor import ADMIN, RISK, Actor
from app.services.end_of_day.reconcile import reconcile
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.availability import seller_limits
from app.services.lending.draws import draw_credit_loan
from app.services.lending.loan_views import loan_detail
from app.services.lending.repayment import payoff_quote, repay
from app.services.portal.home import home, notifications
from app.services.risk_ops import monitoring
from app.services.risk_ops.corrections import (
    approve_correction,
    corrections_queue,
    propose_correction,
    reject_correction,
)
from app.services.risk_ops.recovery import create_recovery_plan, recovery_candidates, recovery_plans
from app.services.store import loan_store, postings
from app.services.store.risk_records import monitoring_events
from app.services.store.settings import set_business_date
from db.convert import rate_to_e8
from db.engine import session_scope
from db.models import CreditDecision, DailySales, Loan, RiskEvent, Seller, SellerLimit
from tests.services.conftest import staff_login

ON = date(2026, 3, 3)  # the first business date monitoring runs for in these tests


def assert_reconciled():
    report = reconcile()
    assert report.ok, report.problems


def staff(username: str, role: str = RISK) -> Actor:
    return staff_login(username, role)


def add_sales(shop_id: str, first: date, last: date, sales: str, refunds: str = "0") -> None:
    days = (last - first).days + 1
    rows = [dict(shop_id=shop_id, day=first + timedelta(days=k), sales_fen=int(D(sales) * 100),
                 refunds_fen=int(D(refunds) * 100), order_count=1, buyer_count=1, repeat_buyer_count=0,
                 dispute_count=0) for k in range(days)]
    with session_scope() as session:
        session.connection().execute(insert(DailySales.__table__), rows)


def windows(on: date = ON) -> tuple[tuple[date, date], tuple[date, date]]:
    recent = (on - timedelta(days=30), on - timedelta(days=1))
    prior = (on - timedelta(days=120), on - timedelta(days=31))
    return recent, prior


def run_monitoring(on: date = ON) -> monitoring.MonitoringReport:
    with session_scope() as session:
        return monitoring.run(session, on)


def open_events(seller_id: int) -> list[RiskEvent]:
    with session_scope() as session:
        return list(session.exec(select(RiskEvent).where(RiskEvent.seller_id == seller_id,
                                                         RiskEvent.status == "open")).all())


# --- the monitoring rules, on both sides of each threshold -----------------------------------------


@pytest.mark.parametrize(("recent", "warned"), [("50.00", True), ("50.01", False)])
def test_sales_down_50_percent_warns_and_just_under_does_not(book, recent, warned):
    (r0, r1), (p0, p1) = windows()
    add_sales(book.shop_id, p0, p1, "100.00")  # prior average 3,000.00 per 30 days
    add_sales(book.shop_id, r0, r1, recent)  # 1,500.00 (down 50.0 %) or 1,500.30
    run_monitoring()
    events = open_events(book.seller_id)
    assert bool(events) is warned
    if warned:
        reasons = json.loads(events[0].reasons_json)
        assert reasons == [{"rule": "sales_drop", "recent": "¥1,500.00", "prior_average": "¥3,000.00",
                            "drop_pct": "50.0"}]
        assert events[0].cure_until == ON + timedelta(days=14)
    assert_reconciled()


@pytest.mark.parametrize(("recent_refunds", "warned"), [("7.00", True), ("6.99", False)])
def test_a_refund_rate_jump_of_5_points_and_double_warns(book, recent_refunds, warned):
    (r0, r1), (p0, p1) = windows()
    add_sales(book.shop_id, p0, p1, "100.00", "2.00")  # 2 % before
    add_sales(book.shop_id, r0, r1, "100.00", recent_refunds)  # 7 % (≥ 2 × and + 5 points) or 6.99 %
    run_monitoring()
    events = open_events(book.seller_id)
    assert bool(events) is warned
    if warned:
        assert json.loads(events[0].reasons_json)[0] == {"rule": "refund_jump", "recent_pct": "7.00",
                                                         "prior_pct": "2.00"}


def decide(seller_id: int, on: date, status: str, band: str) -> None:
    with session_scope() as session:
        session.add(CreditDecision(seller_id=seller_id, decided_on=on, source="pre_approval",
                                   model_version="t", status=status, score=600, band=band,
                                   inputs_json="{}", reasons_json="{}"))


@pytest.mark.parametrize(("band_now", "status", "warned"), [
    ("BB", "approved", True), ("BBB", "approved", False), ("REVIEW", "manual_review", True)])
def test_a_rating_two_bands_below_90_days_ago_warns(book, band_now, status, warned):
    decide(book.seller_id, ON - timedelta(days=90), "approved", "A")  # level 2
    decide(book.seller_id, ON - timedelta(days=10), status, band_now)  # BB 4, BBB 3, review 5
    run_monitoring()
    assert bool(open_events(book.seller_id)) is warned


def test_a_rating_of_89_days_ago_is_not_the_one_compared(book):
    decide(book.seller_id, ON - timedelta(days=89), "approved", "A")
    decide(book.seller_id, ON - timedelta(days=1), "approved", "BB")
    run_monitoring()
    assert not open_events(book.seller_id)


# --- the warning freezes, lifts, escalates ---------------------------------------------------------


def draw(book, amount="10000", months=3, method="equal_principal", key="d1"):
    return draw_credit_loan(book.seller, shop_id=book.shop_id, amount=amount, months=months, method=method,
                            idempotency_key=key)


def test_a_warning_freezes_draws_and_lifts_when_sales_recover(book):
    draw(book)
    (r0, r1), (p0, p1) = windows()
    add_sales(book.shop_id, p0, p1, "100.00")
    add_sales(book.shop_id, r0, r1, "40.00")
    run_end_of_day(book.system)  # 03-02 → monitoring for 03-03
    assert len(open_events(book.seller_id)) == 1
    with session_scope() as session:
        assert seller_limits(session, book.seller_id, ON).credit_available == 0
    with pytest.raises(DrawBlocked) as refused:
        draw(book, amount="1000", key="d2")
    assert "2026-03-17" in str(refused.value)
    me = home(book.seller, book.seller_id)
    assert me.risk_notice is not None and me.risk_notice.cure_until == date(2026, 3, 17)
    assert [n.kind for n in notifications(book.seller, book.seller_id)].count("warning") == 1
    add_sales(book.shop_id, ON, ON, "5000.00")  # a big day: the last 30 days are back above half
    run_end_of_day(book.system)
    assert not open_events(book.seller_id)
    with session_scope() as session:
        assert seller_limits(session, book.seller_id, ON).credit_available > 0
    assert_reconciled()


def test_the_cure_window_ends_in_a_recall_when_sales_stay_down_80_percent(book):
    loan = draw(book)  # 10,000.00 equal principal, due 04-02, 05-02, 06-02
    add_sales(book.shop_id, date(2025, 10, 1), date(2026, 1, 19), "100.00")
    add_sales(book.shop_id, date(2026, 1, 20), date(2026, 4, 30), "10.00")
    run_end_of_day(book.system, until=date(2026, 3, 15))  # warned for 03-03, cure until 03-17
    assert [e.kind for e in open_events(book.seller_id)] == ["warning"]
    run_end_of_day(book.system, until=date(2026, 3, 16))  # monitoring for 03-17: still ≥ 80 % down
    (event,) = open_events(book.seller_id)
    assert (event.kind, event.opened_on, event.due_on) == ("recall", date(2026, 3, 17), date(2026, 3, 24))
    with session_scope() as session:
        record = loan_store.get(session, loan.id)
        state = record.state()
        # one installment: 10,000.00 and 10,000 × 0.0006 × 22 days (03-02 → 03-24) = 132.00
        assert [(i.due_date, i.principal, i.interest) for i in state.installments] == [
            (date(2026, 3, 24), D("10000.00"), D("132.00"))]
        assert payoff_amount(state, date(2026, 3, 24)) == D("10132.00")
        assert record.loan.maturity_date == date(2026, 3, 24)
    assert_reconciled()
    kinds = [e.kind for e in monitoring_events(staff("risk1"), status=None)]
    assert kinds == ["recall", "warning"]


def test_a_cause_short_of_80_percent_keeps_the_warning_open_after_the_cure_window(book):
    draw(book)
    add_sales(book.shop_id, date(2025, 10, 1), date(2026, 1, 31), "100.00")
    add_sales(book.shop_id, date(2026, 2, 1), date(2026, 4, 30), "40.00")  # down 60 %
    run_end_of_day(book.system, until=date(2026, 3, 20))
    assert [e.kind for e in open_events(book.seller_id)] == ["warning"]
    assert_reconciled()


# --- default, blacklist, recovery ------------------------------------------------------------------


def default(book, amount="10000") -> int:
    """A 1-month bullet drawn 03-02, due 04-02, never paid; end of day up to 06-30
    (DPD 90 on 07-01: not yet non-performing)."""
    loan = draw(book, amount=amount, months=1, method="bullet")
    with session_scope() as session:
        set_business_date(session, date(2026, 6, 29))
    run_end_of_day(book.system, until=date(2026, 6, 30))
    return loan.id


def blacklisted(seller_id: int) -> tuple[bool, date | None]:
    with session_scope() as session:
        seller = session.get(Seller, seller_id)
        return seller.blacklisted, seller.blacklisted_on


def test_a_seller_is_blacklisted_at_91_days_past_due_not_at_90(book):
    loan_id = default(book)
    with session_scope() as session:
        assert session.get(Loan, loan_id).dpd == 90
    assert blacklisted(book.seller_id) == (False, None)
    run_end_of_day(book.system)  # 07-01 → 07-02: 91 DPD
    assert blacklisted(book.seller_id) == (True, date(2026, 7, 2))
    assert "blacklist" in [n.kind for n in notifications(book.seller, book.seller_id)]
    assert_reconciled()


def test_a_recovery_plan_waives_penalty_lifts_after_six_on_time_and_caps_limits(book):
    default(book)
    run_end_of_day(book.system)  # blacklisted; business date 07-02
    officer = staff("risk1")
    (candidate,) = recovery_candidates(officer)
    # 186.00 interest (31 days); penalty 10,000 × 0.0009 × 91 days (04-02 → 07-02) = 819.00
    assert (candidate.overdue_balance, candidate.penalty_owed) == (D("10186.00"), D("819.00"))
    with pytest.raises(PermissionDenied):
        create_recovery_plan(book.seller, book.seller_id, 6, "not malicious")
    plan = create_recovery_plan(officer, book.seller_id, 6, "flood in the warehouse, not malicious")
    assert (plan.balance, plan.penalty_waived, plan.status) == (D("10186.00"), D("819.00"), "active")
    mine = home(book.seller, book.seller_id).recovery  # the seller reads the terms, not the officer's note
    assert (mine.loan_id, mine.note, plan.note) == (plan.loan_id, "", "flood in the warehouse, not malicious")
    with session_scope() as session:
        state = loan_store.get(session, plan.loan_id).state()
    # round(10,186.00 / 6) = 1,697.67 five times, 1,697.65 last; no interest; due 08-02 … 01-02
    assert [i.principal for i in state.installments] == [D("1697.67")] * 5 + [D("1697.65")]
    assert [i.due_date for i in state.installments][0] == date(2026, 8, 2)
    assert all(i.interest == 0 for i in state.installments)
    assert_reconciled()
    for k, inst in enumerate(state.installments, start=1):
        with session_scope() as session:
            set_business_date(session, inst.due_date)
        due = payoff_quote(book.seller, plan.loan_id).due_now
        repay(book.seller, loan_id=plan.loan_id, amount=due, idempotency_key=f"plan-{k}")
        run_end_of_day(book.system)
        assert blacklisted(book.seller_id)[0] is (k < 6)
    (plan,) = recovery_plans(officer)
    assert (plan.on_time_streak, plan.lifted_on, plan.cap_pct) == (6, date(2027, 1, 3), 20)
    assert plan.cap_until == date(2027, 7, 3)
    with session_scope() as session:  # a rating that gives 50,000.00: 20 % of it while capped
        session.add(SellerLimit(seller_id=book.seller_id, rating="AA", credit_limit_fen=5_000_000,
                                advance_rate_e8=rate_to_e8(D("0.9")), decided_on=date(2027, 1, 3)))
    with session_scope() as session:
        assert seller_limits(session, book.seller_id, date(2027, 1, 3)).credit_limit == D("10000")
        assert seller_limits(session, book.seller_id, date(2027, 7, 3)).credit_limit == D("50000.00")
    assert home(book.seller, book.seller_id).recovery.cap_until == date(2027, 7, 3)
    assert_reconciled()


def test_a_late_installment_resets_the_streak(book):
    default(book)
    run_end_of_day(book.system)
    plan = create_recovery_plan(staff("risk1"), book.seller_id, 6, "not malicious")
    with session_scope() as session:
        set_business_date(session, date(2026, 8, 2))
    run_end_of_day(book.system)  # installment 1 unpaid on its due date
    (plan,) = recovery_plans(staff("risk2"))
    assert plan.on_time_streak == 0 and plan.lifted_on is None
    assert_reconciled()


# --- corrections under maker-checker ---------------------------------------------------------------


def test_a_penalty_waiver_needs_a_different_checker(book):
    loan = draw(book, months=1, method="bullet")
    with session_scope() as session:
        set_business_date(session, date(2026, 4, 11))
    run_end_of_day(book.system)  # 04-12: 10 days of penalty, 10,000 × 0.0009 × 10 = 90.00
    maker, checker = staff("risk1"), staff("admin1", ADMIN)
    with pytest.raises(CorrectionRefused):
        propose_correction(maker, kind="penalty_waiver", loan_id=loan.id, reason="goodwill", amount="90.01")
    proposed = propose_correction(maker, kind="penalty_waiver", loan_id=loan.id, reason="goodwill",
                                  amount="30")
    assert [c.id for c in corrections_queue(checker)] == [proposed.id]
    with pytest.raises(CorrectionRefused):
        approve_correction(maker, proposed.id)
    approved = approve_correction(checker, proposed.id, "ok")
    assert (approved.status, approved.proposed_by, approved.decided_by) == ("approved", "risk1", "admin1")
    assert payoff_quote(book.seller, loan.id).breakdown.penalty == D("60.00")
    assert [c.kind for c in loan_detail(book.seller, loan.id).corrections] == ["penalty_waiver"]
    assert not corrections_queue(checker)
    assert_reconciled()


def test_reversing_a_payoff_reopens_the_loan(book):
    loan = draw(book)
    with session_scope() as session:
        set_business_date(session, date(2026, 3, 12))
    payment = repay(book.seller, loan_id=loan.id, amount=payoff_quote(book.seller, loan.id).payoff,
                    idempotency_key="payoff")
    assert payment.loan_closed
    maker, checker = staff("risk1"), staff("risk2")
    proposed = propose_correction(maker, kind="payment_reversal", loan_id=loan.id, payment_id=payment.id,
                                  reason="bank returned the transfer")
    approve_correction(checker, proposed.id)
    detail = loan_detail(book.seller, loan.id)
    assert detail.loan.is_open and detail.loan.outstanding == D("10000.00")
    # 10 days of interest (03-02 → 03-12) owed again: 10,000 × 0.0006 × 10 = 60.00
    assert detail.payoff_today == D("10060.00")
    run_end_of_day(book.system)
    assert_reconciled()


def test_a_rejected_correction_posts_nothing_and_a_write_off_closes_the_loan(book):
    loan_id = default(book)
    run_end_of_day(book.system)  # non-performing
    maker, checker = staff("risk1"), staff("risk2")
    first = propose_correction(maker, kind="write_off", loan_id=loan_id, reason="uncollectable")
    assert reject_correction(checker, first.id, "try recovery first").status == "rejected"
    second = propose_correction(maker, kind="write_off", loan_id=loan_id, reason="uncollectable")
    # 10,000.00 principal + 186.00 interest + 819.00 penalty
    assert approve_correction(checker, second.id).amount == D("11005.00")
    with session_scope() as session:
        loan = session.get(Loan, loan_id)
        assert (loan.status, loan.closed_as, loan.outstanding_fen) == ("closed", "written_off", 0)
        # the allowance first (rules §13): the last end of day held 11,005.00 of 次级 (> 90 DPD) at
        # 25 % = 2,751.25; the rest, 11,005.00 − 2,751.25 = 8,253.75, is a loss
        assert postings.balance_fen(session, ledger.LOAN_LOSS_ALLOWANCE, loan_id=loan_id) == 275_125
        assert postings.balance_fen(session, ledger.LOAN_LOSS, loan_id=loan_id) == 825_375
        assert postings.balance_fen(session, ledger.LOAN_LOSS_ALLOWANCE) == 0  # used up
    assert_reconciled()


def test_the_risk_services_refuse_a_seller_whatever_ids(book):
    loan = draw(book)
    for call in (lambda: monitoring_events(book.seller), lambda: recovery_plans(book.seller),
                 lambda: recovery_candidates(book.seller), lambda: corrections_queue(book.seller),
                 lambda: create_recovery_plan(book.seller, book.seller_id, 6, "x"),
                 lambda: propose_correction(book.seller, kind="penalty_waiver", loan_id=loan.id, reason="x",
                                            amount="1"),
                 lambda: approve_correction(book.seller, 1), lambda: reject_correction(book.seller, 1)):
        with pytest.raises(PermissionDenied):
            call()
    with session_scope() as session:
        assert not session.exec(select(RiskEvent).where(col(RiskEvent.seller_id) == book.seller_id)).all()
