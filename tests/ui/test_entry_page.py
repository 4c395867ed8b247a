"""The entry page: the sign-in gate, the sidebar (business date, language), idle sign-out."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.services.accounts import web_sessions
from app.services.accounts.web_sessions import IDLE_SECONDS
from app.services.store.settings import set_business_date
from db.engine import session_scope
from tests.ui.conftest import app_as


def sidebar_text(at) -> str:
    return " ".join(m.value for m in at.sidebar.markdown)


def sign_in(at, username: str, password: str):
    at.text_input(key="signin_username").input(username)
    at.text_input(key="signin_password").input(password)
    return at.button(key="FormSubmitter:sign_in_form-Sign in").click().run()


def test_the_entry_page_shows_the_sign_in_page_and_the_business_date(db_url):
    with session_scope() as session:
        set_business_date(session, date(2026, 5, 31))
    at = app_as(None).run()
    assert not at.exception
    assert at.title[0].value == "💴 Microloan Factory"
    assert [tab.label for tab in at.tabs] == ["Sign in", "Activate"]
    assert "Business date **2026-05-31**" in sidebar_text(at)


def test_a_wrong_password_shows_a_plain_message_and_the_right_one_opens_my_limits(demo_db):
    at = sign_in(app_as(None).run(), "demo", "not-the-password")
    assert "username or password is not right" in at.error[0].value
    assert at.session_state["actor"] is None
    at = sign_in(at, "demo", "demo1234")
    assert not at.exception
    assert at.title[0].value == "My limits"
    assert "**demo** · seller" in sidebar_text(at)


def test_lang_zh_shows_the_sign_in_page_in_chinese(db_url):
    at = app_as(None, lang="zh").run()
    assert at.title[0].value == "💴 微贷工厂"
    assert [tab.label for tab in at.tabs] == ["登录", "激活账户"]
    assert "营业日" in sidebar_text(at)


def test_the_language_switch_changes_the_labels_and_the_url(demo_db):
    at = app_as("demo").run()
    assert at.title[0].value == "My limits"
    at.sidebar.radio(key="lang").set_value("zh").run()
    assert at.title[0].value == "我的额度"
    assert at.query_params["lang"] in ("zh", ["zh"])


def test_thirty_idle_minutes_sign_the_seller_out(demo_db, monkeypatch):
    at = app_as("demo")
    later = datetime.now(UTC) + timedelta(seconds=IDLE_SECONDS + 1)
    monkeypatch.setattr(web_sessions, "utc_now", lambda: later)  # the clock moved on, nobody waited
    at.run()
    assert at.session_state["actor"] is None
    assert "30 minutes" in at.info[0].value
    assert [tab.label for tab in at.tabs] == ["Sign in", "Activate"]


def test_sign_out_returns_to_the_sign_in_page(demo_db):
    at = app_as("demo").run()
    at.sidebar.button(key="sign_out").click().run()
    assert at.session_state["actor"] is None
    assert [tab.label for tab in at.tabs] == ["Sign in", "Activate"]
