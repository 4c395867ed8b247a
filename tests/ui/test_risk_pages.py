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


# --- issue 16 item 12: the officer picks the payment to reverse and sees its effect first -----------


def _loan_with_two_manual_payments() -> tuple[int, list[int]]:
    from sqlalchemy import func
    from sqlmodel import col, select

    from db.engine import session_scope
    from db.models import Loan, Payment

    with session_scope() as session:
        loan_id = session.exec(select(Payment.loan_id).join(Loan, col(Loan.id) == Payment.loan_id)
                               .where(Loan.status == "open", Payment.source == "manual")
                               .group_by(Payment.loan_id).having(func.count() >= 2)
                               .order_by(Payment.loan_id)).first()
        ids = session.exec(select(Payment.id).where(Payment.loan_id == loan_id)
                           .order_by(col(Payment.id).desc())).all()
    return loan_id, list(ids)


def test_a_reversal_is_proposed_on_the_payment_chosen_and_the_queue_shows_it_at_once(demo_db):
    loan_id, payments = _loan_with_two_manual_payments()
    at = open_page("risk", "corrections")
    assert at.info[0].value == "Nothing waiting for approval."
    at.selectbox(key="correction_kind").set_value("payment_reversal").run()
    at.number_input(key="correction_loan").set_value(loan_id).run()
    assert not at.exception
    listed = at.dataframe[-1].value
    assert list(listed["id"]) == payments and listed["status"].iloc[0] == "can be reversed"
    pick = at.selectbox(key=f"correction_payment_{loan_id}")
    assert pick.value == payments[0]  # the one that can be reversed, chosen first
    figures = {m.label: m.value for m in at.metric}
    assert {"Owed again", "Payoff after", "Outstanding principal after", "Due now after",
            "Days past due after"} <= set(figures)
    assert any("goes back to the seller's own account" in c.value for c in at.caption)

    pick.set_value(payments[1]).run()  # an earlier one
    assert "can be reversed only after the later payments" in at.info[-1].value
    assert at.button(key="correction_propose").disabled and "Owed again" not in {m.label for m in at.metric}

    at.selectbox(key=f"correction_payment_{loan_id}").set_value(payments[0]).run()
    at.text_input(key="correction_reason").input("Bank returned the transfer").run()
    at.button(key="correction_propose").click().run()
    assert not at.exception and not at.error
    assert at.success[0].value.startswith("Correction #") and "proposed" in at.success[0].value
    assert "Nothing waiting for approval." not in [i.value for i in at.info]  # the queue shows it at once
    queue = at.dataframe[0].value
    assert list(queue["payment"]) == [f"#{payments[0]}"] and list(queue["loan"]) == [f"#{loan_id}"]


def test_the_reversal_panel_speaks_chinese(demo_db):
    loan_id, _ = _loan_with_two_manual_payments()
    at = open_page("risk", "corrections", lang="zh")
    at.selectbox(key="correction_kind").set_value("payment_reversal").run()
    at.number_input(key="correction_loan").set_value(loan_id).run()
    assert not at.exception
    assert "重新应还" in {m.label for m in at.metric} and at.dataframe[-1].value["status"].iloc[0] == "可冲正"
