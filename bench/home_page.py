"""Seller home page (My limits) in Chromium: from navigation to the limits visible (goal ≤ 1.5 s).

Seeds the demo (seed 7, up to 2026-11-28) into a throwaway SQLite database (or copies
`--seeded FILE`), adds a generated seller with 10,000 orders and 500 loans (below),
starts Streamlit on a free port and drives Debian's chromium with Playwright. For each
seller — `demo` and the generated `bench` — it signs in once, then N times (default 15,
after one warm-up) goes to Notifications and clicks "My limits" in the sidebar, timing
in the page (performance.now(), a MutationObserver) from the click to:

- limits visible: the "Credit loan: available now" card shows an amount;
- page complete: the script run is over (the rating reasons and open loans drawn too).

It prints the median and p90 of both, in milliseconds.

    .venv/bin/python bench/home_page.py [-n 15] [--seeded FILE]

The generated seller (`bench` / `bench1234`, shop SHOPBENCH, credit limit ¥800,000.00,
advance rate 95 %), over the two years before the business date:

- 10,000 orders as bulk rows: settled (98 %) or refunded (2 %), except the last 30 days'
  orders, which are shipped and not yet confirmed by the buyer (pledgeable) or only paid;
- 460 past loans through the services with the business date moved day by day
  (`set_business_date`, no end of day): 400 credit loans (¥2,000-¥30,000, 1/3/6 months,
  every method) each repaid in full through `repay` 3-25 days later, and 60 order loans,
  each on 3 orders shipped two days before the draw, repaid in full through `repay`, its
  orders then marked settled on the repayment day (as a settlement would leave them);
- 40 open loans drawn in the last 27 days: 20 credit loans of 12 months and 20 order loans
  on the recent shipped orders, none due yet (nothing overdue).

The business date ends where it started; no end of day runs, so interest is recognised
only where a repayment brought it to date.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from tests.e2e.server import (  # noqa: E402
    VIEWPORT,
    StreamlitServer,
    checkpoint,
    copy_database,
    launch_args,
    seed_demo_database,
    sign_in,
    sqlite_url,
)

BENCH_USER, BENCH_PASSWORD, BENCH_SHOP = "bench", "bench1234", "SHOPBENCH"
ORDERS, PAST_LOANS, OPEN_LOANS, PAST_ORDER_LOANS = 10_000, 460, 40, 60
RECENT_DAYS = 30  # orders paid in the last 30 days are not settled yet
GOAL_MS = 1500
LIMITS_LABEL = "Credit loan: available now"

# In the page: stamp the click on "My limits", the first moment the credit card shows an
# amount, and the first moment the script run is over after that.
OBSERVE = """([label]) => {
  window.__bench = {click: null, limits: null, done: null};
  const b = window.__bench;
  const app = document.querySelector('[data-testid="stApp"]');
  const check = () => {
    if (b.click === null) return;
    const now = performance.now();
    if (b.limits === null) {
      for (const m of document.querySelectorAll('[data-testid="stMain"] [data-testid="stMetric"]')) {
        const value = m.querySelector('[data-testid="stMetricValue"]');
        if (m.textContent.includes(label) && value && /¥[\\d,]+\\.\\d\\d/.test(value.textContent)) {
          b.limits = now;
          break;
        }
      }
    }
    if (b.limits !== null && b.done === null && app.dataset.testScriptState === 'notRunning') b.done = now;
  };
  new MutationObserver(check).observe(document.body, {subtree: true, childList: true,
                                                      characterData: true, attributes: true});
  const link = [...document.querySelectorAll('[data-testid="stSidebar"] a')]
    .find(a => a.textContent.trim().endsWith('My limits'));
  link.addEventListener('click', () => { b.click = performance.now(); }, {capture: true, once: true});
}"""


# --- the generated seller -----------------------------------------------------------------------


def add_big_seller(db: Path, seed: int = 11) -> None:
    """Add `bench` with its shop, 10,000 orders and 500 loans to the demo database `db`."""
    os.environ["DATABASE_URL"] = sqlite_url(db)
    from app.demo.speed import fast_sqlite_writes
    from app.services.store.settings import CLOSED_THROUGH, business_date, read_setting, write_setting
    from db.engine import engine_for, session_scope

    rng = random.Random(seed)
    with session_scope() as session:
        today = business_date(session)
        # Its two years of loans are drawn and repaid through the services, on their past dates:
        # the demo's closed months (issue #18 §5) would refuse them. A benchmark database, not a
        # lender's books: the close is lifted for the history and put back after it.
        closed = read_setting(session, CLOSED_THROUGH)
        write_setting(session, CLOSED_THROUGH, "")
    start = today - timedelta(days=730)
    actor = _add_seller(start)
    past_days = sorted(rng.sample(range(1, 700), PAST_LOANS))  # draw days, counted from `start`
    order_loan_days = sorted(rng.sample(past_days, PAST_ORDER_LOANS))
    try:
        with fast_sqlite_writes():
            pledges = _add_orders(rng, start, today, order_loan_days)
            _past_loans(actor, rng, start, past_days, pledges)
            _open_loans(actor, rng, today)
            _set_date(today)
    finally:
        with session_scope() as session:
            write_setting(session, CLOSED_THROUGH, closed or "")
    engine_for(sqlite_url(db)).dispose()
    checkpoint(db)


def _set_date(day: date) -> None:
    from app.services.store.settings import set_business_date
    from db.engine import session_scope

    with session_scope() as session:
        set_business_date(session, day)


def _key() -> str:
    return uuid.uuid4().hex


def _add_seller(start: date):
    from app.passwords import hash_password
    from app.services.access.actor import SELLER, Actor
    from db.engine import session_scope
    from db.models import DemoSellerProfile, Seller, SellerLimit, Shop, User

    with session_scope() as session:
        seller = Seller(name="压测卖家", resident_id="110101199003074518", phone="13912345678",
                        real_name_verified=True)
        session.add(seller)
        session.flush()
        session.add(DemoSellerProfile(seller_id=seller.id, profile="bench", quality=80))
        session.add(Shop(id=BENCH_SHOP, seller_id=seller.id, name="压测旗舰店", category="electronics",
                         member_since=start - timedelta(days=365), certified=True))
        user = User(username=BENCH_USER, role=SELLER, seller_id=seller.id,
                    password_hash=hash_password(BENCH_PASSWORD))
        session.add(user)
        session.add(SellerLimit(seller_id=seller.id, rating="AA", credit_limit_fen=80_000_000,
                                advance_rate_e8=95_000_000, decided_on=start, source="bench"))
        session.flush()
        return Actor(user.id, SELLER, seller.id)


def _add_orders(rng: random.Random, start: date, today: date, order_loan_days: list[int]) -> dict:
    """10,000 order rows; returns {draw day: the 3 order ids its order loan pledges}."""
    from sqlalchemy import insert

    from db.engine import session_scope
    from db.models import Order

    def row(paid: date, amount_fen: int, status: str = "paid", **dates) -> dict:
        return dict(shop_id=BENCH_SHOP, buyer=f"买**{rng.randrange(1000):03d}", amount_fen=amount_fen,
                    status=status, paid_on=paid, **{"shipped_on": None, "confirm_on": None,
                                                    "settled_on": None, "refunded_on": None, **dates})

    pledged = [row(start + timedelta(days=d - 3), rng.randrange(20_000, 200_000), "shipped",
                   shipped_on=start + timedelta(days=d - 2)) for d in order_loan_days for _ in range(3)]
    rows = []
    for _ in range(ORDERS - len(pledged)):
        paid = start + timedelta(days=rng.randrange(730))
        amount = rng.randrange(3_000, 150_000)
        shipped = paid + timedelta(days=rng.randrange(3))
        if paid >= today - timedelta(days=RECENT_DAYS):  # shipped and not yet settled, or only paid
            shipped = min(paid + timedelta(days=1), today)
            confirm = today + timedelta(days=rng.randrange(1, 10))
            rows.append(row(paid, amount, "shipped", shipped_on=shipped, confirm_on=confirm)
                        if rng.random() < 0.8 else row(paid, amount))
        elif rng.random() < 0.02:
            rows.append(row(paid, amount, "refunded", refunded_on=shipped + timedelta(days=2)))
        else:
            settled = shipped + timedelta(days=rng.randrange(5, 10))
            rows.append(row(paid, amount, "settled", shipped_on=shipped, confirm_on=settled,
                            settled_on=settled))
    table = Order.__table__
    with session_scope() as session:
        connection = session.connection()
        ids = [connection.execute(insert(table).returning(table.c.id), r).scalar_one() for r in pledged]
        connection.execute(insert(table), sorted(rows, key=lambda r: r["paid_on"]))
    return {d: ids[3 * k:3 * k + 3] for k, d in enumerate(order_loan_days)}


def _past_loans(actor, rng: random.Random, start: date, past_days: list[int], pledges: dict) -> None:
    """Draw each past loan on its day and repay it in full 3-25 days later, in date order."""
    from sqlalchemy import update

    from app.config import RepaymentMethod
    from app.services.lending.draws import draw_credit_loan, draw_order_loan
    from app.services.lending.repayment import payoff_quote, repay
    from db.engine import session_scope
    from db.models import Order

    methods = [m.value for m in RepaymentMethod]
    events = [(start + timedelta(days=d), 1, d, None) for d in past_days]  # (day, draw 1 / repay 0, d, loan)
    while events:
        events.sort(key=lambda e: e[:3])
        day, is_draw, d, loan_id = events.pop(0)
        _set_date(day)
        if is_draw and d in pledges:
            loan = draw_order_loan(actor, shop_id=BENCH_SHOP, order_ids=pledges[d], amount=None,
                                   idempotency_key=_key())
        elif is_draw:
            loan = draw_credit_loan(actor, shop_id=BENCH_SHOP, months=rng.choice((1, 3, 6)),
                                    amount=Decimal(rng.randrange(2_000, 30_000)), method=rng.choice(methods),
                                    idempotency_key=_key())
        if is_draw:
            events.append((day + timedelta(days=rng.randrange(3, 26)), 0, d, loan.id))
            continue
        repay(actor, loan_id=loan_id, amount=payoff_quote(actor, loan_id).payoff, idempotency_key=_key())
        if d in pledges:  # as a settlement would leave them: settled, still naming their loan
            orders = Order.__table__
            with session_scope() as session:
                session.connection().execute(update(orders).where(orders.c.id.in_(pledges[d])).values(
                    status="settled", confirm_on=day, settled_on=day, pledged_loan_id=loan_id))


def _open_loans(actor, rng: random.Random, today: date) -> None:
    """20 credit loans over 12 months and 20 order loans on recent orders, in the last 27 days."""
    from sqlmodel import col, select

    from app.config import RepaymentMethod
    from app.services.lending.draws import draw_credit_loan, draw_order_loan
    from db.engine import session_scope
    from db.models import Order

    methods = [m.value for m in RepaymentMethod]
    for k, back in enumerate(sorted(rng.sample(range(1, 28), OPEN_LOANS // 2), reverse=True)):
        day = today - timedelta(days=back)
        _set_date(day)
        draw_credit_loan(actor, shop_id=BENCH_SHOP, months=12, amount=Decimal(rng.randrange(2_000, 15_000)),
                         method=methods[k % len(methods)], idempotency_key=_key())
        with session_scope() as session:
            eligible = session.exec(select(Order.id).where(
                Order.shop_id == BENCH_SHOP, Order.status == "shipped", col(Order.pledged_loan_id).is_(None),
                col(Order.shipped_on) <= day).order_by(Order.id)).all()
        if len(eligible) >= 2:
            draw_order_loan(actor, shop_id=BENCH_SHOP, order_ids=list(eligible[:rng.randrange(2, 5)]),
                            amount=None, idempotency_key=_key())


def loan_and_order_counts(db: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(db)
    try:
        seller = conn.execute("SELECT seller_id FROM users WHERE username = ?", (BENCH_USER,)).fetchone()[0]
        loans = conn.execute("SELECT count(*), sum(status = 'open') FROM loans WHERE seller_id = ?",
                             (seller,)).fetchone()
        orders = conn.execute("SELECT count(*) FROM orders WHERE shop_id = ?", (BENCH_SHOP,)).fetchone()[0]
        return orders, loans[0], loans[1]
    finally:
        conn.close()


# --- timing -------------------------------------------------------------------------------------------


def go(page: Page, link: str | re.Pattern, heading: str) -> None:
    page.get_by_test_id("stSidebar").get_by_role("link", name=link, exact=isinstance(link, str)).click()
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def time_home(page: Page, url: str, username: str, password: str, runs: int) -> tuple[list, list]:
    page.goto(url)
    sign_in(page, username, password)
    expect(page.get_by_role("heading", name="My limits")).to_be_visible()
    limits, complete = [], []
    for run in range(runs + 1):  # the first is a warm-up
        go(page, re.compile(r"^Notifications"), "Notifications")  # "Notifications · 3 new" when unread
        page.evaluate(OBSERVE, [LIMITS_LABEL])
        page.get_by_test_id("stSidebar").get_by_role("link", name="My limits", exact=True).click()
        page.wait_for_function("window.__bench.done !== null", timeout=60_000)
        b = page.evaluate("window.__bench")
        if run:
            limits.append(b["limits"] - b["click"])
            complete.append(b["done"] - b["click"])
    return limits, complete


def time_cold(browser, db: Path) -> tuple[float, float]:
    """A new server process: ms from navigation to the sign-in form, and from sending the
    generated seller's sign-in to their limits visible (the first run of every page)."""
    with StreamlitServer(db) as server:
        context = browser.new_context(viewport=VIEWPORT, locale="en-US")
        page = context.new_page()
        started = time.perf_counter()
        page.goto(server.url)
        expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
        first = (time.perf_counter() - started) * 1000
        button = page.get_by_role("button", name="Sign in", exact=True)
        form = page.get_by_test_id("stForm").filter(has=button)
        form.get_by_label("Username", exact=True).fill(BENCH_USER)
        form.get_by_label("Password", exact=True).fill(BENCH_PASSWORD)
        started = time.perf_counter()
        form.get_by_role("button", name="Sign in", exact=True).click()
        card = page.get_by_test_id("stMain").get_by_test_id("stMetric").filter(has_text=LIMITS_LABEL)
        expect(card.get_by_test_id("stMetricValue")).to_contain_text("¥")
        limits = (time.perf_counter() - started) * 1000
        context.close()
    return first, limits


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=15, help="timed runs per seller (default 15, at least 10)")
    parser.add_argument("--seeded", type=Path, help="an already seeded demo database to copy")
    parser.add_argument("--cold", action="store_true",
                        help="also start a new server: time its first page and the generated seller's limits")
    args = parser.parse_args()
    expect.set_options(timeout=60_000)
    with tempfile.TemporaryDirectory(prefix="mlf-bench-") as tmp:
        db = Path(tmp) / "bench.db"
        started = time.monotonic()
        if args.seeded:
            copy_database(args.seeded, db)
        else:
            seed_demo_database(db)
        seeded = time.monotonic()
        add_big_seller(db)
        orders, loans, open_loans = loan_and_order_counts(db)
        print(f"demo seeded in {seeded - started:.0f} s; generated seller `{BENCH_USER}` in "
              f"{time.monotonic() - seeded:.0f} s: {orders} orders, {loans} loans ({open_loans} open)")
        with StreamlitServer(db) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_args())
            try:
                for username, password in (("demo", "demo1234"), (BENCH_USER, BENCH_PASSWORD)):
                    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
                    limits, complete = time_home(context.new_page(), server.url, username, password, args.n)
                    context.close()
                    verdict = "ok" if p90(limits) <= GOAL_MS else "OVER GOAL"
                    print(f"{username:>6}: limits visible median {statistics.median(limits):.0f} ms, "
                          f"p90 {p90(limits):.0f} ms ({verdict}, goal ≤ {GOAL_MS} ms); page complete median "
                          f"{statistics.median(complete):.0f} ms, p90 {p90(complete):.0f} ms "
                          f"({len(limits)} runs)")
                if args.cold:
                    first, limits = time_cold(browser, db)
                    print(f"cold first page {first:.0f} ms (goal ≤ 2000 ms)")
                    print(f"cold bench: limits visible {limits:.0f} ms after sending the sign-in")
            finally:
                browser.close()


if __name__ == "__main__":
    main()
