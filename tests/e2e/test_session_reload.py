"""A browser reload keeps the session (issue #16 item 11), in Debian's chromium: sign in, reload,
still signed in (on the same page, a pending confirmation still open); past the idle timeout,
signed out; signed out, the old URL signs nobody in.

Nobody waits 30 minutes: the session's last-seen time is moved back in the database, which is
what 30 idle minutes leave there (the server's check reads nothing else).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.server import StreamlitServer, follow_sidebar_link, sign_in

pytestmark = pytest.mark.e2e


def signed_in_as_demo(page: Page, server: StreamlitServer) -> str:
    """Sign in as the demo seller; the session token the URL carries then."""
    page.goto(server.url)
    sign_in(page, "demo", "demo1234")
    expect(page.get_by_role("heading", name="My limits")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]session="))
    return token_of(page)


def token_of(page: Page) -> str:
    return parse_qs(urlparse(page.url).query)["session"][0]


def age_session(server: StreamlitServer, token: str) -> None:
    """What 30 idle minutes leave in the database: a last-seen time long past."""
    row_id = hashlib.sha256(token.split(".")[0].encode()).hexdigest()
    conn = sqlite3.connect(server.db)
    try:
        with conn:
            changed = conn.execute("UPDATE web_sessions SET last_seen_at = '2000-01-01 00:00:00.000000' "
                                   "WHERE id = ?", (row_id,)).rowcount
    finally:
        conn.close()
    assert changed == 1


def expect_signed_out(page: Page, notice: str) -> None:
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
    expect(page.get_by_text(notice)).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"[?&]session="))


def test_a_reload_keeps_the_seller_signed_in_on_their_page(page: Page, demo_server: StreamlitServer) -> None:
    token = signed_in_as_demo(page, demo_server)
    page.reload()
    expect(page.get_by_role("heading", name="My limits")).to_be_visible()
    follow_sidebar_link(page, "My loans", "My loans")
    expect(page).to_have_url(re.compile(r"/loans\?.*session="))  # a page change keeps the token
    assert token_of(page) == token
    page.reload()
    expect(page.get_by_role("heading", name="My loans")).to_be_visible()
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_have_count(0)


def test_a_pending_confirmation_is_open_after_a_reload(page: Page, demo_server: StreamlitServer) -> None:
    signed_in_as_demo(page, demo_server)
    follow_sidebar_link(page, "Repay", "Repay")
    page.get_by_role("button", name="Review payment").click()
    expect(page.get_by_role("heading", name="Confirm your payment")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Confirm your payment")).to_be_visible()
    expect(page.get_by_role("button", name="Confirm and pay")).to_be_visible()
    page.get_by_role("button", name="Cancel").click()  # nothing moves on the shared server
    expect(page.get_by_role("heading", name="Confirm your payment")).to_have_count(0)


def test_past_the_idle_timeout_a_reload_signs_out(page: Page, demo_server: StreamlitServer) -> None:
    token = signed_in_as_demo(page, demo_server)
    age_session(demo_server, token)
    page.reload()
    expect_signed_out(page, "You were signed out after 30 minutes without activity.")


def test_past_the_idle_timeout_the_next_click_signs_out(page: Page, demo_server: StreamlitServer) -> None:
    token = signed_in_as_demo(page, demo_server)
    age_session(demo_server, token)
    page.get_by_test_id("stSidebar").get_by_role("link", name="My loans", exact=True).click()
    expect_signed_out(page, "You were signed out after 30 minutes without activity.")


def test_after_signing_out_the_old_url_signs_nobody_in(page: Page, demo_server: StreamlitServer) -> None:
    signed_in_as_demo(page, demo_server)
    old_url = page.url
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
    page.goto(old_url)
    expect_signed_out(page, "This sign-in has ended")
