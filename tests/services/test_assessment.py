"""Credit decisions through the services: stored, in force, private, reviewable (rules §6)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from app.errors import InvalidApplication, PermissionDenied, ReviewRefused
from app.services.access.actor import ADMIN, RISK, SYSTEM_ACTOR, Actor
from app.services.credit.assessment import apply_for_credit, assess_all, latest_decision, prefill_application
from app.services.credit.review import review_decision, review_queue
from app.services.lending.availability import seller_limits
from db.engine import session_scope
from db.models import BehaviourMetric, CreditDecision, DailySales, SellerLimit
from tests.services.conftest import START, staff_login, table_digests


@pytest.fixture
def officer(book) -> Actor:
    return staff_login("officer", RISK)


def add_history(session, shop_id: str, daily_fen: int = 200_000, days: int = 240) -> None:
    """Steady daily sales (2,000.00 a day) and good behaviour for the last `days` days."""
    for k in range(1, days + 1):
        session.add(DailySales(shop_id=shop_id, day=START - timedelta(days=k), sales_fen=daily_fen,
                               refunds_fen=daily_fen // 50, order_count=12, buyer_count=11,
                               repeat_buyer_count=4))
    for m in range(1, 9):
        month = date(START.year, START.month, 1) - timedelta(days=31 * m)
        session.add(BehaviourMetric(shop_id=shop_id, month=month.replace(day=1), login_days=26, favourites=90,
                                    reviews=300, positive_reviews=291, shop_rating_x100=486, complaints=1,
                                    community_posts=5, ad_spend_fen=300_000))


def test_a_decision_is_stored_with_its_inputs_and_its_limits_are_put_in_force(book):
    with session_scope() as s:
        add_history(s, book.shop_id)
    decision = apply_for_credit(book.seller, seller_id=book.seller_id)
    # average monthly sales: 6 complete months of ~30 days × (2,000 − 40 refunds) a day
    assert Decimal(55_000) < decision.average_monthly_sales < Decimal(62_000)
    assert decision.eligible and decision.model_version == "mlf-score-1"
    assert decision.credit_limit % 1000 == 0
    with session_scope() as s:
        row = s.get(CreditDecision, decision.id)
        inputs = json.loads(row.inputs_json)
        assert inputs["as_of"] == START.isoformat() and "refund_rate" in inputs["factors"]
        in_force = s.exec(select(SellerLimit).where(SellerLimit.decision_id == decision.id)).one()
        assert in_force.credit_limit_fen == row.credit_limit_fen
        limits = seller_limits(s, book.seller_id, START)
        assert limits.credit_limit == decision.credit_limit
        # order limit = 10 shipped, unpledged orders × 1,000.00 × the band's advance rate
        assert limits.order_limit == Decimal(10_000) * decision.advance_rate
    assert latest_decision(book.seller, book.seller_id) == decision


def test_the_same_data_and_model_give_the_same_score_and_reasons(book):
    with session_scope() as s:
        add_history(s, book.shop_id)
    first = apply_for_credit(book.seller, seller_id=book.seller_id)
    again = apply_for_credit(book.seller, seller_id=book.seller_id)
    assert (first.score, first.band, first.reasons_up, first.reasons_down, first.credit_limit) == (
        again.score, again.band, again.reasons_up, again.reasons_down, again.credit_limit)


def test_a_seller_cannot_rate_or_read_another_seller(book):
    before = table_digests()
    with pytest.raises(PermissionDenied):
        apply_for_credit(book.other, seller_id=book.seller_id)
    with pytest.raises(PermissionDenied):
        latest_decision(book.other, book.seller_id)
    with pytest.raises(PermissionDenied):
        prefill_application(book.other, book.seller_id)
    assert table_digests() == before


def test_an_invalid_application_changes_nothing(book):
    before = table_digests()
    with pytest.raises(InvalidApplication, match="cannot be negative"):
        apply_for_credit(book.seller, seller_id=book.seller_id, form={"annual_sales": "-5"})
    assert table_digests() == before


def test_pre_approval_writes_a_decision_only_when_the_outcome_changes(book, officer):
    with session_scope() as s:
        add_history(s, book.shop_id)
    first = assess_all(SYSTEM_ACTOR)
    assert first.sellers == 2 and first.decisions_written == 2
    assert assess_all(officer).decisions_written == 0
    with pytest.raises(PermissionDenied):
        assess_all(book.seller)


def manual_review_case(seller_id: int) -> int:
    with session_scope() as s:
        reasons = json.dumps({"ineligible": [], "up": [], "down": [], "tips": []})
        row = CreditDecision(seller_id=seller_id, decided_on=START, source="application", model_version="t",
                             status="manual_review", score=590, band="REVIEW",
                             proposed_credit_limit_fen=4_000_000, inputs_json="{}", reasons_json=reasons)
        s.add(row)
        s.flush()
        return row.id


def test_a_risk_officer_approves_a_manual_review_case_at_most_at_bb_limits(book, officer):
    case = manual_review_case(book.seller_id)
    assert [d.id for d in review_queue(officer)] == [case]
    with pytest.raises(ReviewRefused, match="¥40,000.00"):
        review_decision(officer, case, approve=True, note="ok", credit_limit="40001")
    approved = review_decision(officer, case, approve=True, note="video call fine", credit_limit="30000")
    assert (approved.status, approved.band, approved.credit_limit) == ("approved", "BB", Decimal("30000"))
    assert approved.advance_rate == Decimal("0.7")
    assert review_queue(officer) == []
    with session_scope() as s:
        assert seller_limits(s, book.seller_id, START).credit_limit == Decimal("30000")
    with pytest.raises(ReviewRefused):
        review_decision(officer, case, approve=False, note="again")


def test_sellers_cannot_review_and_a_decline_puts_zero_limits_in_force(book, officer):
    case = manual_review_case(book.seller_id)
    with pytest.raises(PermissionDenied):
        review_decision(book.seller, case, approve=True, note="me")
    declined = review_decision(officer, case, approve=False, note="declared figures unverifiable")
    assert declined.status == "declined" and declined.credit_limit == 0
    with session_scope() as s:
        assert seller_limits(s, book.seller_id, START).credit_available == 0


def scored_sellers(monkeypatch) -> list[int]:
    """Record the seller of every assessment made from now on."""
    from app.services.credit import assessment

    seen: list[int] = []
    real = assessment.assess

    def recording(card, config, facts, features, *args):
        seen.append(features.seller_id)
        return real(card, config, facts, features, *args)

    monkeypatch.setattr(assessment, "assess", recording)
    return seen


def test_nightly_pre_approval_re_scores_only_the_sellers_whose_inputs_changed(book, officer, monkeypatch):
    from app.services.credit.assessment import pre_approve
    from app.services.lending.draws import draw_credit_loan
    from app.services.lending.repayment import payoff_quote, repay

    with session_scope() as s:
        add_history(s, book.shop_id)
        pre_approve(s, START)  # first night: everyone, as nobody has a fingerprint yet
    seen = scored_sellers(monkeypatch)
    with session_scope() as s:
        assert pre_approve(s, START).rated == 0  # nothing changed: nobody re-scored
    assert seen == []
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="1000.00", months=1, method="bullet",
                            idempotency_key="d")
    with session_scope() as s:
        report = pre_approve(s, START)
    assert seen == [book.seller_id] and report.rated == 1  # a new loan; the other seller's did not change
    seen.clear()
    repay(book.seller, loan_id=loan.id, amount="100.00", idempotency_key="r")  # the loan stays open
    with session_scope() as s:
        assert pre_approve(s, START).rated == 0 and seen == []  # nothing the rating reads changed
    payoff = payoff_quote(book.seller, loan.id).payoff
    repay(book.seller, loan_id=loan.id, amount=payoff, idempotency_key="p")  # repaid: a closed loan
    with session_scope() as s:
        assert pre_approve(s, START).rated == 1
    assert seen == [book.seller_id]
    seen.clear()
    with session_scope() as s:
        pre_approve(s, START + timedelta(days=31))  # a new sales month: everyone
    assert sorted(seen) == sorted([book.seller_id, book.other.seller_id])
    seen.clear()
    assert assess_all(officer).rated == 2  # `assess --all` re-rates everyone regardless
    assert len(seen) == 2


def test_a_change_of_the_product_settings_re_rates_everyone_the_next_night(book):
    admin = staff_login("admin", ADMIN)
    from app.services.credit.assessment import pre_approve
    from app.services.store.product_settings import change_settings

    with session_scope() as s:
        add_history(s, book.shop_id)
        pre_approve(s, START)
        assert pre_approve(s, START).rated == 0  # nothing changed
    change_settings(admin, {"credit_multiples": "3.5, 2.5, 2, 1.5, 1"})
    with session_scope() as s:
        assert pre_approve(s, START).rated == 2  # bands' limits changed: both sellers rated again
        assert pre_approve(s, START).rated == 0
