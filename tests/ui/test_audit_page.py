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
    signed_in = table[table["Action"] == "Signed in"]  # issue 16 item 14: actions and subjects in words
    assert {"demo", "admin"} <= set(signed_in["User"])
    assert {"Login demo", "Login admin"} <= set(signed_in["Subject"])
    assert not table["Action"].str.contains("_").any() and set(signed_in["Role"]) >= {"seller", "admin"}
    assert signed_in["Session"].str.len().min() > 0  # each sign-in carries its portal session's id
    assert at.selectbox(key="audit_action").options[1] == "Signed in"
    at.selectbox(key="audit_action").set_value("draw").run()
    assert not at.exception and set(at.dataframe[0].value["Action"]) == {"Loan drawn"}  # the demo's history
    assert at.dataframe[0].value["Subject"].str.match(r"^Loan #\d+$").all()
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
    table = at.dataframe[0].value
    assert "时间（UTC）" in table.columns
    assert not table["操作"].str.contains(r"[a-z_]{4,}").any()  # 借款, 日终 …: no action code
