"""A reload keeps the session (issue #16 item 11). In AppTest a reload is a new app with an
empty session state and the same URL query (the token in `?session=`); the clock is injected
(`web_sessions.utc_now`), never waited for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from app.services.accounts import web_sessions
from app.services.accounts.web_sessions import IDLE_SECONDS
from tests.ui.conftest import APP, TIMEOUT, app_as

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    """The sessions' clock, moved by hand: `clock.now += timedelta(...)`."""

    class Clock:
        now = NOW

    monkeypatch.setattr(web_sessions, "utc_now", lambda: Clock.now)
    return Clock


def query(at: AppTest) -> dict[str, str]:
    return {k: v[0] if isinstance(v, list) else v for k, v in at.query_params.items()}


def reload(at: AppTest, page: str | None = None) -> AppTest:
    """The same URL in a new browser session: nothing of the old session state survives."""
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query(at).items():
        again.query_params[key] = value
    if page:
        again.switch_page(f"views/{page}.py")
    return again.run()


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="signin_username").input(username)
    at.text_input(key="signin_password").input(password)
    return at.button(key="FormSubmitter:sign_in_form-Sign in").click().run()


def signed_out(at: AppTest) -> bool:
    return at.session_state["actor"] is None and [tab.label for tab in at.tabs] == ["Sign in", "Activate"]


def test_signing_in_puts_a_token_in_the_url_and_a_reload_stays_signed_in(demo_db, clock):
    at = sign_in(AppTest.from_file(APP, default_timeout=TIMEOUT).run(), "demo", "demo1234")
    assert at.title[0].value == "My limits"
    token = query(at)["session"]
    again = reload(at)
    assert not again.exception
    assert again.title[0].value == "My limits"
    assert again.session_state["actor"].user_id == at.session_state["actor"].user_id
    assert again.session_state["username"] == "demo"
    assert query(again)["session"] == token


def test_a_reload_after_thirty_idle_minutes_signs_out(demo_db, clock):
    at = app_as("demo").run()
    clock.now += timedelta(seconds=IDLE_SECONDS + 1)
    again = reload(at)
    assert signed_out(again)
    assert "30 minutes" in again.info[0].value
    assert "session" not in query(again)


def test_thirty_idle_minutes_sign_out_without_a_reload_too(demo_db, clock):
    at = app_as("demo").run()
    clock.now += timedelta(seconds=IDLE_SECONDS - 60)
    at.run()  # activity: the idle time starts again
    assert at.session_state["actor"] is not None
    clock.now += timedelta(seconds=IDLE_SECONDS - 60)
    at.run()
    assert at.session_state["actor"] is not None
    clock.now += timedelta(seconds=IDLE_SECONDS + 1)
    at.run()
    assert signed_out(at)
    assert "30 minutes" in at.info[0].value


def test_after_signing_out_the_old_url_signs_nobody_in(demo_db, clock):
    at = app_as("demo").run()
    old = query(at)
    at.sidebar.button(key="sign_out").click().run()
    assert signed_out(at)
    assert "session" not in query(at)
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in old.items():
        again.query_params[key] = value
    again.run()
    assert signed_out(again)
    assert "signed out" in again.info[0].value


def test_signing_out_in_one_tab_signs_the_other_tab_out(demo_db, clock):
    first = app_as("demo").run()
    second = reload(first)  # the same URL opened in a second tab
    first.sidebar.button(key="sign_out").click().run()
    clock.now += timedelta(minutes=2)  # the next run past the renewal minute asks the server again
    second.run()
    assert signed_out(second)


@pytest.mark.parametrize("forged", ["", "abc", "abc.def", "A" * 32 + "." + "B" * 43])
def test_a_forged_token_signs_nobody_in(demo_db, forged):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["session"] = forged
    at.run()
    assert not at.exception
    assert signed_out(at)


def test_a_pending_confirmation_survives_a_reload_with_its_key(demo_db, clock):
    at = app_as("demo").run().switch_page("views/repay.py").run()
    at.radio(key="repay_full").set_value(False).run()
    at.text_input(key="repay_amount").input("100.00").run()
    at.button(key="repay_review").click().run()
    pending = at.session_state["repay_pending"]
    assert pending["request"]["amount"] == "100.00"
    assert at.button(key="repay_confirm")  # the confirmation is open

    again = reload(at, "repay")
    assert not again.exception
    assert again.session_state["repay_pending"] == pending  # the same request, the same idempotency key
    assert again.radio(key="repay_full").value is False
    assert again.text_input(key="repay_amount").value == "100.00"
    assert again.button(key="repay_confirm")


def test_a_closed_confirmation_is_not_brought_back(demo_db, clock):
    at = app_as("demo").run().switch_page("views/repay.py").run()
    at.button(key="repay_review").click().run()
    assert "repay_pending" in at.session_state
    at.button(key="repay_cancel").click().run()
    again = reload(at, "repay")
    assert "repay_pending" not in again.session_state


def test_a_reload_never_puts_back_a_tables_selection_or_a_button(demo_db, clock):
    """A pending order loan: its table's selection (a dict Streamlit will not let a page set) and
    the buttons stay out of what is kept; "select all" is kept, so the confirmation is back."""
    at = app_as("demo").run().switch_page("views/draw_order.py").run()
    at.checkbox(key="order_select_all").check().run()
    at.button(key="order_review").click().run()
    pending = at.session_state["order_draw_pending"]
    kept = web_sessions.resume(at.session_state["session_token"]).journey
    assert {"order_draw_pending", "order_select_all"} <= set(kept)
    assert not [key for key in kept if key.startswith("order_table_") or key == "order_review"]
    again = reload(at, "draw_order")
    assert not again.exception, again.exception
    assert again.session_state["order_draw_pending"] == pending
    assert again.button(key="order_draw_confirm")
