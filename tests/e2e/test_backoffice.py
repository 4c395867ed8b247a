"""Back-office journeys in real Chromium (issue #10 item 5): the risk officer approves a
manual-review case and the seller, signing in next, sees the new limit; the admin changes a
setting and sees it in the trail; the risk officer downloads a collections bucket as CSV."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.money import format_cny, from_fen
from tests.e2e.server import StreamlitServer, sign_in, sqlite_url
from tests.e2e.test_journeys import go_to, query

pytestmark = pytest.mark.e2e


def sign_out(page: Page) -> None:
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("tab", name="Sign in")).to_be_visible()


def test_an_approved_review_case_gives_the_seller_the_new_limit(page: Page,
                                                                fresh_server: StreamlitServer) -> None:
    _, seller_id, proposed_fen = query(fresh_server.db, """
        SELECT d.id, d.seller_id, d.proposed_credit_limit_fen FROM credit_decisions d
        WHERE d.status = 'manual_review' AND d.reviewed_at IS NULL
          AND d.id = (SELECT MAX(id) FROM credit_decisions WHERE seller_id = d.seller_id)
        ORDER BY d.id LIMIT 1""")[0]
    password = "Reviewed-2026!"
    username = f"reviewed{seller_id}"
    _seller_login(fresh_server.db, seller_id, username, password)
    page.goto(fresh_server.url)
    sign_in(page, "risk", "risk1234")
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    go_to(page, "Review queue", "Review queue")
    expect(page.get_by_text(f"(seller #{seller_id})")).to_be_visible()  # the oldest case is shown first
    page.get_by_role("textbox", name="Note (required)").fill("Video call: stock and invoices seen")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_text(re.compile(r"approved at BB, credit limit"))).to_be_visible()
    sign_out(page)
    page.goto(fresh_server.url)  # the start page: for a seller, My limits
    sign_in(page, username, password)
    expect(page.get_by_role("heading", name="My limits")).to_be_visible()
    expect(page.get_by_text(f"limit {format_cny(from_fen(proposed_fen))}").first).to_be_visible()


def _seller_login(db: Path, seller_id: int, username: str, password: str) -> None:
    """A login for the seller under review, with a known password (the demo seeds six)."""
    from app.passwords import hash_password
    from db.engine import engine_for, session_scope
    from db.models import User

    url = sqlite_url(db)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        try:
            with session_scope() as session:
                session.add(User(username=username, role="seller", seller_id=seller_id,
                                 password_hash=hash_password(password)))
        finally:
            engine_for(url).dispose()


def test_the_admin_changes_a_setting_and_sees_it_in_the_trail(page: Page,
                                                              fresh_server: StreamlitServer) -> None:
    page.goto(fresh_server.url)
    sign_in(page, "admin", "admin1234")
    go_to(page, "Settings", "Product settings")
    field = page.get_by_role("textbox", name="Credit loan daily rate")
    expect(field).to_have_value("0.0006")
    field.fill("0.00055")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("1 settings changed.")).to_be_visible()
    trail = page.get_by_test_id("stDataFrame").last
    expect(trail).to_be_visible()
    assert query(fresh_server.db, "SELECT name, old_value, new_value FROM settings_changes") == [
        ("credit_daily_rate", "0.0006", "0.00055")]
    expect(page.get_by_role("textbox", name="Credit loan daily rate")).to_have_value("0.00055")


def test_the_risk_officer_downloads_a_collections_bucket(page: Page, demo_server: StreamlitServer,
                                                           tmp_path: Path) -> None:
    page.goto(demo_server.url)
    sign_in(page, "risk", "risk1234")
    expect(page.get_by_role("link", name="Settings")).to_have_count(0)
    go_to(page, "Collections", "Collections")
    page.get_by_role("tab", name=re.compile(r"^>90 days")).click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").last.click()
    saved = tmp_path / "collections.csv"
    download.value.save_as(saved)
    lines = saved.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Loan,Seller,Shop,Product,Days late,Overdue principal")
    overdue = query(demo_server.db, "SELECT COUNT(*) FROM loans WHERE status = 'open' AND dpd > 90")[0][0]
    assert len(lines) - 1 == overdue > 0
