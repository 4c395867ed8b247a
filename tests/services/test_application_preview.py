"""Apply / re-rate (issue #9 item 9): the form pre-filled from platform data, the decision
previewed without storing anything and applied only on confirmation; nightly pre-approval
keeps a limit in force stable (app.scoring.stability) except for hard rules."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from app.errors import InvalidApplication, PermissionDenied
from app.services.access.actor import SYSTEM_ACTOR
from app.services.credit.assessment import (
    apply_for_credit,
    assess_all,
    prefill_application,
    preview_application,
)
from app.services.store.settings import set_business_date
from db.engine import session_scope
from db.models import CreditDecision, DailySales, Seller
from tests.services.conftest import START, table_digests
from tests.services.test_assessment import add_history

SYSTEM = SYSTEM_ACTOR


def form_from(prefill: dict, **typed) -> dict:
    return {**prefill, "operating_cost": "900,000.00", "net_margin_pct": "12", "inventory": "50,000",
            "total_assets": "400,000", "total_liabilities": "100,000", **typed}


@pytest.fixture
def rated(book):
    with session_scope() as s:
        add_history(s, book.shop_id)  # 2,000.00 a day for 240 days
    return book


def test_the_form_is_prefilled_from_what_the_platform_knows(rated):
    form = prefill_application(rated.seller, rated.seller_id)
    # 240 days of 2,000.00 less 40.00 refunds: the last 6 complete months (2025-09 … 2026-02) hold
    # 181 days → 354,760.00 net; a month's average × 12 = 709,520.00, shown as typed
    assert form["annual_sales"] == "709,520.00" and form["platform_share_pct"] == "100"
    assert form["receivables"] == "10,000.00"  # ten shipped, unsettled orders of 1,000.00; balance 0
    # ten buyers with one 1,000.00 order each: the largest two (ties by name) hold 10.0 % each
    assert form["top_customers"] == [{"sales_share_pct": "10.0", "since": START - timedelta(days=1)}] * 2
    assert form["unknown"] == ["operating_cost", "net_margin_pct", "inventory", "total_assets",
                               "total_liabilities"]
    assert all(form[name] == "" for name in form["unknown"])


def test_a_preview_decides_without_storing_and_confirming_applies_the_same(rated):
    form = form_from(prefill_application(rated.seller, rated.seller_id))
    before = table_digests()
    preview = preview_application(rated.seller, rated.seller_id, form)
    assert table_digests() == before
    assert preview.current_credit_limit == Decimal("50000.00")  # the limit in force is untouched
    decided = apply_for_credit(rated.seller, seller_id=rated.seller_id, form=form)
    assert (decided.status, decided.score, decided.band, decided.credit_limit, decided.advance_rate) == (
        preview.decision.status, preview.decision.score, preview.decision.band, preview.decision.credit_limit,
        preview.decision.advance_rate)
    assert [str(r) for r in decided.reasons_down] == [str(r) for r in preview.decision.reasons_down]


def test_a_mistyped_figure_is_only_a_preview_until_confirmed(rated):
    """Issue #9: one mistyped 99,999,999 cut a live limit at once; now it is a preview first."""
    before = table_digests()
    prefilled = prefill_application(rated.seller, rated.seller_id)
    typo = form_from(prefilled, annual_sales="99,999,999")
    preview = preview_application(rated.seller, rated.seller_id, typo)
    honest = preview_application(rated.seller, rated.seller_id, form_from(prefilled))
    assert preview.decision.score < honest.decision.score
    assert table_digests() == before
    with pytest.raises(InvalidApplication):
        preview_application(rated.seller, rated.seller_id, {**typo, "annual_sales": "lots"})
    with pytest.raises(PermissionDenied):
        preview_application(rated.other, rated.seller_id, typo)
    assert table_digests() == before


def decisions(seller_id: int) -> list[CreditDecision]:
    with session_scope() as s:
        return list(s.exec(select(CreditDecision).where(CreditDecision.seller_id == seller_id)
                           .order_by(CreditDecision.id)).all())


def on(day: date) -> None:
    with session_scope() as s:
        set_business_date(s, day)


def test_nightly_pre_approval_keeps_a_limit_stable_for_7_days_but_hard_rules_act_at_once(rated):
    assess_all(SYSTEM)
    first = decisions(rated.seller_id)[-1]
    assert first.status == "approved"
    with session_scope() as s:  # sales fall by half: the limit would drop well over 20 %
        for row in s.exec(select(DailySales).where(DailySales.shop_id == rated.shop_id)).all():
            row.sales_fen //= 2
            s.add(row)
    on(START + timedelta(days=6))
    assess_all(SYSTEM)
    assert decisions(rated.seller_id)[-1].id == first.id  # 6 days: not yet
    on(START + timedelta(days=7))
    assess_all(SYSTEM)
    lowered = decisions(rated.seller_id)[-1]
    assert lowered.id != first.id and lowered.credit_limit_fen < first.credit_limit_fen * 8 // 10

    with session_scope() as s:  # a hard rule: blacklisted the next day, acted on that night
        seller = s.get(Seller, rated.seller_id)
        seller.blacklisted = True
        s.add(seller)
    on(START + timedelta(days=8))
    assess_all(SYSTEM)
    closed = decisions(rated.seller_id)[-1]
    assert (closed.status, closed.credit_limit_fen) == ("ineligible", 0)
