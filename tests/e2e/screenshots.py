"""Screenshots of the portal's main pages for the README (issue 4, item 9).

Seeds the demo (seed 7, up to 2026-11-28) into a throwaway SQLite database, starts
Streamlit on a free port, drives Debian's chromium with Playwright at 1400×1000 — as
`demo` through the seller pages (in English, then My limits in Chinese), then at a phone's
390×844 on My limits and a loan's page in both languages (`home_390`, `loan_390`, `…_zh`), as `seller5`
(overdue) on Notifications and as `admin` through the back office (Overview, Review queue,
Collections, Portfolio, Model report, Settings, End-of-day status; then Overview and
Portfolio in Chinese), as the demo seller on Platform balance and My documents, and as the
admin on the risk pages and the audit log, and the rest of the back office in Chinese
(`--only GROUP …` runs some groups) — and saves PNGs into docs/screenshots/. Nothing is drawn, repaid,
reviewed or changed: the draw and repay pages are shown at their preview step; the
End-of-day status page is shown after advancing the demo two days.

    .venv/bin/python tests/e2e/screenshots.py [--seeded FILE] [--out DIR]

`--seeded FILE` copies an already seeded demo database instead of seeding (~30 s).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from tests.e2e.server import (  # noqa: E402
    ROOT,
    VIEWPORT,
    StreamlitServer,
    close_sidebar_on_phone,
    copy_database,
    follow_sidebar_link,
    launch_args,
    open_sidebar,
    seed_demo_database,
    sign_in,
)

OUT = ROOT / "docs" / "screenshots"
ONLY: list = []  # page groups chosen with --only
PHONE = {"width": 390, "height": 844}


def settle(page: Page) -> None:
    """The script run is over, fonts are in and charts have drawn; then a beat for fade-ins."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    page.evaluate("document.fonts.ready")
    for chart in page.get_by_test_id("stVegaLiteChart").all():
        expect(chart.locator("svg.marks").first).to_be_attached()
    page.wait_for_timeout(400)


def shot(page: Page, out: Path, name: str) -> None:
    size = page.viewport_size
    page.mouse.move(size["width"] - 4, size["height"] - 4)  # no hover toolbars in the picture
    settle(page)
    page.screenshot(path=out / f"{name}.png")
    print(f"  {name}.png")


def go_to(page: Page, link, heading: str) -> None:
    follow_sidebar_link(page, link, heading)


def scroll_to(page: Page, text: str) -> None:
    page.get_by_text(text, exact=True).first.scroll_into_view_if_needed()


def seller_pages(page: Page, url: str, out: Path) -> None:
    page.goto(url)
    expect(page.get_by_role("tab", name="Sign in")).to_be_visible()
    shot(page, out, "sign_in")
    sign_in(page, "demo", "demo1234")
    expect(page.get_by_role("heading", name="My limits")).to_be_visible()
    shot(page, out, "home")

    go_to(page, "Draw credit loan", "Draw a credit loan")
    amount = page.get_by_role("textbox", name="Amount (¥)", exact=True)
    amount.fill("50000")
    amount.press("Enter")
    expect(page.get_by_text("Total interest by repayment method")).to_be_visible()
    shot(page, out, "draw_credit")

    go_to(page, "Draw order loan", "Draw an order loan")
    canvas = page.get_by_test_id("stDataFrame").get_by_test_id("data-grid-canvas")
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()
    for row in (0, 1, 2):  # tick three orders in the row-marker column
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 35 * row + 17)
        expect(page.get_by_text(f"{row + 1} {'order' if row == 0 else 'orders'} chosen")).to_be_visible()
    expect(page.get_by_role("button", name="Review and draw")).to_be_visible()
    shot(page, out, "draw_order")

    go_to(page, "My loans", "My loans")
    page.get_by_text("Show repaid loans too").click()
    expect(page.get_by_text(re.compile(r"Showing (\d+) of \1 loans"))).to_be_visible()
    shot(page, out, "loans")

    open_credit_loan(page)
    shot(page, out, "loan")

    page.get_by_role("link", name="Repay this loan").click()
    expect(page.get_by_role("heading", name="Repay", exact=True)).to_be_visible()
    page.get_by_text("Pay part").click()
    part = page.get_by_role("textbox", name="Amount (¥)", exact=True)
    part.fill("30000")
    part.press("Enter")
    expect(page.get_by_text("How ¥30,000.00 will be used")).to_be_visible()
    shot(page, out, "repay")

    go_to(page, "Apply / re-rate", "Apply / re-rate")
    page.get_by_role("button", name="Re-rate me on platform data only").click()
    expect(page.get_by_role("heading", name="Preview — not applied yet")).to_be_visible()
    page.get_by_role("button", name="Confirm and apply").click()  # a preview first (issue 16 item 6)
    expect(page.get_by_role("heading", name="Decision")).to_be_visible()
    shot(page, out, "apply")

    go_to(page, "My limits", "My limits")
    page.get_by_test_id("stSidebar").get_by_text("简体中文").click()
    expect(page.get_by_role("heading", name="我的额度")).to_be_visible()
    shot(page, out, "home_zh")


def open_credit_loan(page: Page) -> None:
    """From My loans, the page of the first open credit loan."""
    page.get_by_test_id("stSelectbox").filter(has_text="Open a loan").click()
    option = page.get_by_role("option", name=re.compile(r"· Credit loan · .* · Open$")).first
    loan_id = re.match(r"#(\d+)", option.inner_text()).group(1)
    option.click()
    page.get_by_role("link", name=f"Open loan #{loan_id}").click()
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(3)


def phone_pages(page: Page, url: str, out: Path) -> None:
    """My limits and a loan's page at a phone's width, in English and in Chinese (issue #9 item 10)."""
    page.goto(url)
    sign_in(page, "demo", "demo1234")
    expect(page.get_by_role("heading", name="My limits")).to_be_visible()
    shot(page, out, "home_390")
    go_to(page, "My loans", "My loans")
    open_credit_loan(page)
    shot(page, out, "loan_390")
    open_sidebar(page).get_by_text("简体中文").click()
    expect(page.get_by_role("link", name="返回我的贷款")).to_be_visible()
    close_sidebar_on_phone(page)
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(3)
    shot(page, out, "loan_390_zh")
    go_to(page, "我的额度", "我的额度")
    shot(page, out, "home_390_zh")


def overdue_seller_pages(page: Page, url: str, out: Path) -> None:
    """Notifications of seller5, whose payment is overdue (the demo seller has none on this date)."""
    page.goto(url)
    sign_in(page, "seller5", "demo1234")
    expect(page.get_by_role("heading", name="My limits")).to_be_visible()
    go_to(page, re.compile(r"^Notifications"), "Notifications")  # "Notifications · 3 new"
    expect(page.get_by_role("button", name=re.compile("Overdue"))).to_be_visible()
    shot(page, out, "notifications")


BACK_OFFICE = (  # sidebar link, page heading, file name
    ("Review queue", "Review queue", "review_queue"), ("Collections", "Collections", "collections"),
    ("Portfolio", "Portfolio", "portfolio"), ("Model report", "Model report", "model_report"),
    ("Settings", "Product settings", "settings"))


RISK_AND_ADMIN = (  # sidebar link in English and in Chinese, file name
    ("Monitoring events", "监控事件", "risk_events"), ("Recovery plans", "信用恢复", "recovery"),
    ("Corrections", "账务调整", "corrections"), ("Audit log", "审计日志", "audit"))
IN_CHINESE = (("人工审核", "review_queue_zh"), ("催收", "collections_zh"), ("模型报告", "model_report_zh"),
              ("产品设置", "settings_zh"), ("日终状态", "book_zh"))


def visit(page: Page, link: str) -> None:
    """Follow a sidebar link and wait for the page's run to end (no fixed heading)."""
    open_sidebar(page).get_by_role("link", name=link, exact=True).click()
    page.wait_for_timeout(300)
    settle(page)


def risk_and_chinese_pages(page: Page, url: str, out: Path) -> None:
    """The risk-operations pages and the audit log (English and Chinese), and the rest of the
    back office in Chinese, as the admin."""
    page.goto(url)
    sign_in(page, "admin", "admin1234")
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    for link, _chinese, name in RISK_AND_ADMIN:
        visit(page, link)
        shot(page, out, name)
    page.get_by_test_id("stSidebar").get_by_text("简体中文").click()
    settle(page)
    for _link, chinese, name in RISK_AND_ADMIN:
        visit(page, chinese)
        shot(page, out, f"{name}_zh")
    for chinese, name in IN_CHINESE:
        visit(page, chinese)
        shot(page, out, name)


def seller_extra_pages(page: Page, url: str, out: Path) -> None:
    """Platform balance and My documents, in English and Chinese, as the demo seller."""
    page.goto(url)
    sign_in(page, "demo", "demo1234")
    expect(page.get_by_role("heading", name="My limits")).to_be_visible()
    for link, name in (("Platform balance", "balance"), ("My documents", "documents")):
        visit(page, link)
        shot(page, out, name)
    page.get_by_test_id("stSidebar").get_by_text("简体中文").click()
    settle(page)
    for link, name in (("平台余额", "balance_zh"), ("我的文件", "documents_zh")):
        visit(page, link)
        shot(page, out, name)


def admin_pages(page: Page, url: str, out: Path) -> None:
    page.goto(url)
    sign_in(page, "admin", "admin1234")
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    shot(page, out, "overview")
    for link, heading, name in BACK_OFFICE:
        go_to(page, link, heading)
        if name == "model_report":
            expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(3, timeout=60_000)
        shot(page, out, name)
    page.get_by_test_id("stSidebar").get_by_text("简体中文").click()
    go_to(page, "资产组合", "资产组合")
    shot(page, out, "portfolio_zh")
    go_to(page, "工作台", "工作台")
    shot(page, out, "overview_zh")
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    go_to(page, "End-of-day status", "End-of-day status")
    page.get_by_role("spinbutton", name="Days").fill("2")
    page.get_by_role("button", name="Advance").click()
    ran = page.get_by_text(re.compile(r"Ran 2 days; the business date is now"))
    expect(ran).to_be_visible(timeout=120_000)
    shot(page, out, "book")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeded", type=Path, help="an already seeded demo database to copy")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to save the PNGs (default {OUT})")
    parser.add_argument("--only", nargs="*", default=[], help="run only these page groups (function names)")
    args = parser.parse_args()
    ONLY[:] = [globals()[name] for name in args.only]
    args.out.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=20_000)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mlf-screens-") as tmp:
        db = Path(tmp) / "demo.db"
        if args.seeded:
            copy_database(args.seeded, db)
        else:
            print("seeding the demo …")
            seed_demo_database(db)
        with StreamlitServer(db) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_args())
            try:
                for pages in ONLY or (seller_pages, phone_pages, overdue_seller_pages, seller_extra_pages,
                                      risk_and_chinese_pages, admin_pages):
                    size = PHONE if pages is phone_pages else VIEWPORT
                    context = browser.new_context(viewport=size, locale="en-US")
                    context.set_default_timeout(30_000)
                    pages(context.new_page(), server.url, args.out)
                    context.close()
            finally:
                browser.close()
    print(f"saved into {args.out} in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
