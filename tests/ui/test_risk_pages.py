"""The risk officer's pages (rules §9) through AppTest on the seeded demo: they render for
risk and admin in both languages; a seller is turned away and the services refuse them."""

from __future__ import annotations

import pytest

from app.errors import PermissionDenied
from app.services.risk_ops.corrections import approve_correction, corrections_queue, propose_correction
from app.services.risk_ops.recovery import create_recovery_plan, recovery_plans
from app.services.store.risk_records import monitoring_events
from tests.ui.conftest import actor_of, open_page

RISK_PAGES = {"risk_events": "Monitoring events", "recovery": "Credit recovery", "corrections": "Corrections"}
CHINESE = {"risk_events": "贷中监控事件", "recovery": "信用恢复", "corrections": "账务调整"}


@pytest.mark.parametrize("username", ["risk", "admin"])
def test_the_risk_pages_render_for_staff_in_both_languages(demo_db, username):
    for page, title in RISK_PAGES.items():
        at = open_page(username, page)
        assert not at.exception, at.exception
        assert at.title[0].value == title
        at = open_page(username, page, lang="zh")
        assert not at.exception, at.exception
        assert at.title[0].value == CHINESE[page]


def test_a_seller_cannot_reach_the_risk_pages(demo_db):
    for page in RISK_PAGES:
        at = open_page("seller6", page)
        assert not at.exception, at.exception
        assert not at.title and not at.dataframe
        assert at.info[0].value


def test_the_risk_services_refuse_a_seller_whatever_ids(demo_db):
    seller = actor_of("seller6")
    for call in (lambda: monitoring_events(seller, status=None), lambda: recovery_plans(seller),
                 lambda: corrections_queue(seller),
                 lambda: create_recovery_plan(seller, seller.seller_id, 6, "x"),
                 lambda: propose_correction(seller, kind="write_off", loan_id=1, reason="x"),
                 lambda: approve_correction(seller, 1)):
        with pytest.raises(PermissionDenied):
            call()


def test_the_demo_shows_a_warning_and_a_recovery_plan_in_progress(demo_db):
    risk = actor_of("risk")
    events = monitoring_events(risk, status=None)
    assert actor_of("seller4").seller_id in {e.seller_id for e in events}, events
    plans = recovery_plans(risk)
    assert any(p.status == "active" for p in plans)
    at = open_page("risk", "recovery")
    assert not at.exception and at.dataframe
