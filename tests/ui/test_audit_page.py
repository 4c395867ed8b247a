"""The admin's audit log page (issue #8 item 14): it shows sign-ins with their portal
session, filters by action, speaks Chinese, and only the admin reaches it."""

from __future__ import annotations

from tests.ui.conftest import app_as, open_page
from tests.ui.test_entry_page import sign_in


def test_the_admin_sees_the_sign_in_events_and_filters_by_action(demo_db):
    at = sign_in(app_as(None).run(), "demo", "demo1234")
    assert not at.exception and not at.error
    at = sign_in(app_as(None).run(), "admin", "admin1234")
    assert not at.exception and not at.error
    at = at.switch_page("views/audit.py").run()
    assert not at.exception and at.title[0].value == "Audit log"
    table = at.dataframe[0].value
    signed_in = table[table["Action"] == "sign_in"]
    assert {"demo", "admin"} <= set(signed_in["User"])
    assert signed_in["Session"].str.len().min() > 0  # each sign-in carries its portal session's id
    at.selectbox(key="audit_action").set_value("draw").run()
    assert not at.exception and set(at.dataframe[0].value["Action"]) == {"draw"}  # the demo's history
    at.selectbox(key="audit_action").set_value("activation").run()
    assert "No events yet." in at.info[0].value


def test_a_seller_and_a_risk_officer_cannot_reach_the_audit_log(demo_db):
    for username in ("demo", "risk"):
        at = open_page(username, "audit")
        assert not at.exception and "not part of your role" in at.info[0].value
        assert not at.dataframe and not at.selectbox


def test_the_audit_log_speaks_chinese(demo_db):
    at = open_page("admin", "audit", lang="zh")
    assert not at.exception and at.title[0].value == "审计日志"
    assert "时间（UTC）" in at.dataframe[0].value.columns
