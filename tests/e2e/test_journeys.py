"""Seller journeys in real Chromium against a running Streamlit server (issue 4, Acceptance).

Journeys that move money (a credit loan drawn and repaid, an order loan) get a server
and a database of their own (`fresh_server`); the others share `demo_server`. Every wait
is an `expect(...)` on the result the seller would look for. The main journeys (sign-in and
limits, a refused and a real credit draw, repayment) run at a desktop's, a small laptop's and a
phone's width (issue #9 item 10); on a phone the sidebar is opened with its toggle.
"""

from __future__ import annotations

import re
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from app.money import format_cny
from tests.e2e.server import (
    WIDTHS,
    StreamlitServer,
    follow_sidebar_link,
    loan_count,
    open_sidebar,
    sign_in,
    sqlite_url,
    viewport,
)

pytestmark = pytest.mark.e2e

CREDIT_AVAILABLE = "Credit loan: available now"
MONEY = r"¥[\d,]+\.\d{2}"
at_every_width = pytest.mark.parametrize("width", WIDTHS, ids=lambda width: f"{width}px")


# --- helpers ------------------------------------------------------------------------------------


def sign_in_as_demo(page: Page, server: StreamlitServer, width: int | None = None) -> None:
    """Sign in as the demo seller, in a window `width` px wide if given (before the app loads: the
    sidebar starts collapsed on a phone)."""
    if width is not None:
        page.set_viewport_size(viewport(width))
    page.goto(server.url)
    sign_in(page, "demo", "demo1234")
    expect(page.get_by_role("heading", name="My limits")).to_be_visible()
    expect(metric(page, CREDIT_AVAILABLE)).to_have_text(re.compile(MONEY))


def go_to(page: Page, link: str, heading: str) -> None:
    """Follow a sidebar link (in-app navigation keeps the session signed in); on a phone the
    sidebar is opened with its toggle first and closed again after."""
    follow_sidebar_link(page, link, heading)


def metric(page: Page, label: str) -> Locator:
    """The value of the metric labelled `label`."""
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def amount_of(text: str) -> Decimal:
    return Decimal(re.sub(r"[¥,\s]", "", text))


def enter_amount(page: Page, label: str, amount: str) -> None:
    field = page.get_by_role("textbox", name=label, exact=True)
    field.fill(amount)
    field.press("Enter")


def accept_and_confirm(page: Page) -> None:
    """The confirmation step of a draw: the agreement box, then "Confirm and draw"."""
    page.get_by_role("button", name="Review and draw").click()
    expect(page.get_by_role("heading", name="Confirm your draw")).to_be_visible()
    expect(page.get_by_role("button", name="Confirm and draw")).to_be_disabled()  # until "I agree"
    page.get_by_text("I have read the loan agreement and agree to its terms").click()
    expect(page.get_by_role("checkbox", name="I have read the loan agreement")).to_be_checked()
    page.get_by_role("button", name="Confirm and draw").click()


def tick_row(page: Page, table: Locator, row: int) -> None:
    """Tick a row's selection box in a st.dataframe (a canvas: click the row marker column)."""
    canvas = table.get_by_test_id("data-grid-canvas")
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()
    assert box is not None
    header = row_height = 35
    page.mouse.click(box["x"] + 18, box["y"] + header + row * row_height + row_height / 2)


def services_limits(db: Path, username: str):
    """The seller's limits as `app.services.portal.home.home` computes them, straight from the database."""
    from sqlmodel import select

    from app.services.access.actor import Actor
    from app.services.portal.home import home
    from db.engine import engine_for, session_scope
    from db.models import User

    url = sqlite_url(db)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        try:
            with session_scope() as session:
                user = session.exec(select(User).where(User.username == username)).one()
                actor = Actor(user.id, user.role, user.seller_id)
            return home(actor, actor.seller_id).limits
        finally:
            engine_for(url).dispose()


def query(db: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# --- journeys -------------------------------------------------------------------------------------


@at_every_width
def test_sign_in_shows_my_limits(page: Page, demo_server: StreamlitServer, width: int) -> None:
    sign_in_as_demo(page, demo_server, width)
    limits = services_limits(demo_server.db, "demo")
    expect(metric(page, CREDIT_AVAILABLE)).to_have_text(format_cny(limits.credit_available))
    expect(metric(page, "Order loan: available now")).to_have_text(format_cny(limits.order_available))
    expect(metric(page, "Outstanding principal")).to_have_text(format_cny(limits.total_outstanding))
    expect(page.get_by_text(f"limit {format_cny(limits.credit_limit)}")).to_be_visible()
    sidebar = open_sidebar(page)
    expect(sidebar.get_by_text("Business date 2026-11-28")).to_be_visible()
    expect(sidebar.get_by_text("demo · seller")).to_be_visible()


def test_wrong_password_shows_a_message(page: Page, demo_server: StreamlitServer) -> None:
    page.goto(demo_server.url)
    sign_in(page, "seller2", "not-the-password")
    expect(page.get_by_test_id("stAlert").filter(has_text="The username or password is not right")) \
        .to_be_visible()
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()  # still on the form
    expect(page.get_by_role("heading", name="My limits")).to_have_count(0)


def test_chinese_ui(page: Page, demo_server: StreamlitServer) -> None:
    page.goto(f"{demo_server.url}/?lang=zh")
    expect(page.get_by_role("tab", name="登录")).to_be_visible()
    sign_in(page, "seller3", "demo1234", button="登录", user_label="用户名", password_label="密码")
    expect(page.get_by_role("heading", name="我的额度")).to_be_visible()
    expect(metric(page, "信用贷款：当前可借")).to_have_text(re.compile(MONEY))
    sidebar = page.get_by_test_id("stSidebar")
    for label in ("我的额度", "信用贷款", "订单贷款", "我的贷款", "还款"):
        expect(sidebar.get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(sidebar.get_by_text("营业日 2026-11-28")).to_be_visible()
    expect(page.get_by_text("Credit loan: available now")).to_have_count(0)


@at_every_width
def test_amount_above_the_available_limit_is_refused(page: Page, demo_server: StreamlitServer,
                                                      width: int) -> None:
    loans_before = loan_count(demo_server.db)
    sign_in_as_demo(page, demo_server, width)
    go_to(page, "Draw credit loan", "Draw a credit loan")
    available = amount_of(metric(page, CREDIT_AVAILABLE).inner_text())
    asked = available + 10_000
    enter_amount(page, "Amount (¥)", str(asked))
    # Issue #9 item 6: refused as it is typed — no schedule preview, no Review, no agreement.
    refusal = (f"That is more than your credit limit allows. Available now is {format_cny(available)}; "
               f"you asked for {format_cny(asked)}.")
    expect(page.get_by_test_id("stAlert").filter(has_text=refusal)).to_be_visible()
    expect(page.get_by_text("Repayment schedule if drawn today")).to_have_count(0)
    expect(page.get_by_role("button", name="Review and draw")).to_have_count(0)
    expect(page.get_by_text("is drawn")).to_have_count(0)
    assert loan_count(demo_server.db) == loans_before
    expect(metric(page, CREDIT_AVAILABLE)).to_have_text(format_cny(available))
    # The page stays usable: a smaller amount gets its preview again.
    enter_amount(page, "Amount (¥)", "1000")
    expect(page.get_by_role("heading", name="Confirm your draw")).to_have_count(0)
    expect(metric(page, "Total to repay")).to_have_text(re.compile(MONEY))


@at_every_width
def test_credit_loan_drawn_found_and_repaid_in_full(page: Page, fresh_server: StreamlitServer,
                                                    width: int) -> None:
    sign_in_as_demo(page, fresh_server, width)
    available = amount_of(metric(page, CREDIT_AVAILABLE).inner_text())

    # Draw ¥20,000 over 6 months (equal installments): the preview first, then confirm.
    go_to(page, "Draw credit loan", "Draw a credit loan")
    enter_amount(page, "Amount (¥)", "20000")
    expect(page.get_by_text("Repayment schedule if drawn today")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
    expect(page.get_by_test_id("glide-cell-0-5")).to_have_text("6")  # period 6 of 6
    expect(page.get_by_test_id("glide-cell-0-6")).to_have_count(0)
    expect(page.get_by_text("Total interest by repayment method")).to_be_visible()
    expect(metric(page, "Total to repay")).to_have_text(re.compile(MONEY))
    accept_and_confirm(page)
    drawn = page.get_by_text(re.compile(r"Loan #\d+ of ¥20,000\.00 is drawn"))
    expect(drawn).to_be_visible()
    loan_id = int(re.search(r"#(\d+)", drawn.inner_text()).group(1))
    assert query(fresh_server.db, "SELECT product, principal_fen, status FROM loans WHERE id = ?", loan_id) \
        == [("credit", 2_000_000, "open")]
    expect(metric(page, CREDIT_AVAILABLE)).to_have_text(format_cny(available - 20_000))

    # The success message links to the new loan (issue #9 item 13).
    page.get_by_role("link", name=f"Open loan #{loan_id}").click()
    expect(page.get_by_role("heading", name=re.compile(rf"Loan #{loan_id} · Credit loan"))).to_be_visible()
    # My loans opens a loan in one click on its row (the newest open loan is the first row).
    page.get_by_role("link", name="Back to My loans").click()
    expect(page.get_by_role("heading", name="My loans", exact=True)).to_be_visible()
    tick_row(page, page.get_by_test_id("stDataFrame").first, 0)
    expect(page.get_by_role("heading", name=re.compile(rf"Loan #{loan_id} · Credit loan"))).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(3)
    for title in ("Paid and still to pay per installment", "Outstanding principal over time",
                  "Cumulative interest"):
        expect(page.get_by_test_id("stVegaLiteChart").filter(has_text=title)).to_be_visible()
    expect(metric(page, "Outstanding")).to_have_text("¥20,000.00")

    # Repay it in full from its page: the limit comes back.
    page.get_by_role("link", name="Repay this loan").click()
    expect(page.get_by_role("heading", name="Repay", exact=True)).to_be_visible()
    chosen = page.get_by_role("combobox", name="Loan", exact=True)
    expect(chosen).to_have_value(re.compile(rf"^#{loan_id} · "))
    expect(page.get_by_role("radio", name="Pay it off")).to_be_checked()
    payoff = metric(page, "Payoff today")
    expect(payoff).to_have_text(re.compile(MONEY))
    assert amount_of(payoff.inner_text()) > 20_000  # the draw day's interest
    page.get_by_role("button", name="Review payment").click()
    expect(page.get_by_role("heading", name="Confirm your payment")).to_be_visible()
    page.get_by_role("button", name="Confirm and pay").click()
    expect(page.get_by_text(f"Loan #{loan_id} is repaid in full and closed.")).to_be_visible()
    expect(metric(page, CREDIT_AVAILABLE)).to_have_text(format_cny(available))
    assert query(fresh_server.db, "SELECT status, outstanding_fen FROM loans WHERE id = ?", loan_id) \
        == [("closed", 0)]

    go_to(page, "My limits", "My limits")
    expect(metric(page, CREDIT_AVAILABLE)).to_have_text(format_cny(available))


def test_order_loan_drawn_on_chosen_shipped_orders(page: Page, fresh_server: StreamlitServer) -> None:
    sign_in_as_demo(page, fresh_server)
    go_to(page, "Draw order loan", "Draw an order loan")
    table = page.get_by_test_id("stDataFrame")
    expect(page.get_by_text(re.compile(r"Shipped orders you can pledge \(\d+\)"))).to_be_visible()
    first, second = (int(page.get_by_test_id(f"glide-cell-1-{row}").text_content()) for row in (0, 1))

    tick_row(page, table, 0)
    expect(page.get_by_text("1 order chosen")).to_be_visible()  # issue #9: the singular
    tick_row(page, table, 1)
    expect(page.get_by_text("2 orders chosen")).to_be_visible()
    expect(metric(page, "Most you can draw on them now")).to_have_text(re.compile(MONEY))

    page.get_by_role("button", name="Review and draw").click()
    expect(page.get_by_role("heading", name="Confirm your draw")).to_be_visible()
    pledged_ids = ", ".join(f"#{order_id}" for order_id in sorted((first, second)))
    expect(page.get_by_text(f"Orders pledged: {pledged_ids}")).to_be_visible()
    # The figures come before the confirmation in the page: they are this run's.
    amount = metric(page, "Most you can draw on them now").inner_text()
    page.get_by_text("I have read the loan agreement and agree to its terms").click()
    expect(page.get_by_role("checkbox", name="I have read the loan agreement")).to_be_checked()
    page.get_by_role("button", name="Confirm and draw").click()
    drawn = page.get_by_text(re.compile(rf"Order loan #\d+ of {re.escape(amount)} is drawn"))
    expect(drawn).to_be_visible()
    loan_id = int(re.search(r"#(\d+)", drawn.inner_text()).group(1))
    assert query(fresh_server.db, "SELECT product, status, principal_fen FROM loans WHERE id = ?", loan_id) \
        == [("order", "open", int(amount_of(amount) * 100))]
    pledged = query(fresh_server.db, "SELECT id FROM orders WHERE pledged_loan_id = ? ORDER BY id", loan_id)
    assert [order_id for (order_id,) in pledged] == sorted([first, second])


def test_after_a_part_payment_the_form_on_screen_is_the_fresh_one(page: Page,
                                                                 fresh_server: StreamlitServer) -> None:
    """Issue #16 item 5: after a part payment the browser shows "Pay it off" selected, no amount field
    and the preview of the new payoff — not "Pay part" beside the payoff's preview."""
    sign_in_as_demo(page, fresh_server)
    go_to(page, "Repay", "Repay")
    page.get_by_text("Pay part", exact=True).click()
    expect(page.get_by_role("radio", name="Pay part")).to_be_checked()
    enter_amount(page, "Amount (¥)", "1,000.00")
    expect(page.get_by_text("How ¥1,000.00 will be used")).to_be_visible()
    page.get_by_role("button", name="Review payment").click()
    expect(page.get_by_role("heading", name="Confirm your payment")).to_be_visible()
    page.get_by_role("button", name="Confirm and pay").click()
    expect(page.get_by_text(re.compile(r"Paid ¥1,000\.00 on loan #\d+"))).to_be_visible()
    expect(page.get_by_role("radio", name="Pay it off")).to_be_checked()
    expect(page.get_by_role("radio", name="Pay part")).not_to_be_checked()
    expect(page.get_by_role("textbox", name="Amount (¥)", exact=True)).to_have_count(0)
    payoff = metric(page, "Payoff today").inner_text()
    expect(page.get_by_text(f"How {payoff} will be used")).to_be_visible()
