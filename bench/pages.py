"""Pages in Chromium (issue #16 item 16): My limits, a loan's page, the portfolio and the model
report on the seeded demo, each on its first visit to a new server (cold) and on later visits
(warm). Goals: ≤ 2 s on a first visit, ≤ 1 s warm.

Seeds the demo (seed 7, up to 2026-11-28) into a throwaway SQLite database (or copies
`--seeded FILE`), then, `--cold` times (default 3), starts a new Streamlit server and drives
Debian's chromium: the demo seller signs in (My limits is their first page) and opens their
latest loan from its URL; the risk officer signs in (Overview) and opens Portfolio, then Model
report. After the last cold round, each page is visited `-n` more times on that server (warm),
going to another page in between (My loans, Overview: pages that do not rerun themselves — a
click in the gap between a page's two runs, as Notifications makes when it marks notices read,
is lost). A warm visit is a click inside the running app, as a user moves between pages: the
loan page's is the "Open loan #N" link on My loans. The loan page is also reloaded from its URL
`-n` times ("loan page load": a bookmark or a browser reload, which loads the whole app again —
the frontend, the charts' (Vega-Lite) and the tables' JavaScript — so it is held to the first-visit goal).

A visit is timed in the page from the click (or the navigation to the URL) to the moment the
page is complete: its heading and its charts are there and the script run is over
(`data-test-script-state="notRunning"`), polled every animation frame.

    .venv/bin/python bench/pages.py [-n 10] [--cold 3] [--seeded FILE]

Prints one line per page and kind: `PAGE cold|warm: median M ms, p90 P ms, max X ms (N visits)`,
then `values PAGE cold|warm: v1 v2 …` (every visit, in ms; `python -m bench` reads these) and
`server PAGE cold|warm: …`: the part of each visit spent running scripts on the server (the
servers run with `PAGE_TIMES=1` and log each run's time); the rest is the browser's (the
Streamlit frontend, Vega drawing the charts, the first visit loading Vega's JavaScript).
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from tests.e2e.server import (  # noqa: E402
    VIEWPORT,
    StreamlitServer,
    copy_database,
    launch_args,
    seed_demo_database,
    sign_in,
)

PAGES = ("home", "loan", "loan page load", "portfolio", "model report")
COLD_GOAL_MS, WARM_GOAL_MS = 2000, 1000

# Done: the heading starts with `heading`, at least `charts` charts are drawn (and `metric`, if given,
# shows an amount) are in the main area, and the script run is over.
DONE = """([heading, charts, metric]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return false;
  const titled = [...main.querySelectorAll('h1, h2')].some(h => h.textContent.trim().startsWith(heading));
  const drawn = main.querySelectorAll('[data-testid="stVegaLiteChart"] svg.marks').length;
  if (!titled || drawn < charts) return false;
  if (!metric) return true;
  return [...main.querySelectorAll('[data-testid="stMetric"]')].some(
    m => m.textContent.includes(metric) && /¥[\\d,]+\\.\\d\\d/.test(m.textContent));
}"""
MARKERS = {"home": ("My limits", 0, "Credit loan: available now"), "loan": ("Loan #", 3, ""),
           "loan page load": ("Loan #", 3, ""),
           "portfolio": ("Portfolio", 4, ""), "model report": ("Model report", 3, ""),
           "overview": ("Overview", 0, ""), "loans": ("My loans", 0, "")}
LINKS = {"home": "My limits", "portfolio": "Portfolio", "model report": "Model report",
         "overview": "Overview", "loans": "My loans"}


def wait_done(page: Page, name: str) -> None:
    page.wait_for_function(DONE, arg=list(MARKERS[name]), polling="raf", timeout=120_000)


class ServerLog:
    """The script runs the server logged (`PAGE_TIMES=1`: one `page-time PATH N ms` line a run)."""

    def __init__(self, server: StreamlitServer) -> None:
        self.path, self.seen = server.log_path, 0

    def new_runs_ms(self) -> float:
        """Milliseconds of the runs logged since the last call."""
        text = self.path.read_text(errors="replace")
        new, self.seen = text[self.seen:], len(text)
        return sum(float(ms) for ms in re.findall(r"^page-time \S+ (\d+) ms$", new, re.MULTILINE))


LOGS: dict[int, ServerLog] = {}  # id(page) → the log of its server
SERVER_MS: dict[tuple[str, str], list[float]] = {}


def timed(page: Page, name: str, action, kind: str | None = None) -> float:
    """Milliseconds from `action()` to page `name` complete (the start stamped in the page; after a
    navigation the new page's clock, which starts at the navigation). With `kind`, the server's
    script time of the visit is kept too."""
    log = LOGS.get(id(page))
    if log:
        log.new_runs_ms()
    page.evaluate("window.__start = performance.now()")
    action()
    wait_done(page, name)
    spent = page.evaluate("performance.now() - (window.__start === undefined ? 0 : window.__start)")
    if log and kind:
        time.sleep(0.05)  # the log line is written as the run ends, beside the last message
        SERVER_MS.setdefault((name, kind), []).append(log.new_runs_ms())
    return spent


def click_link(page: Page, link: str):
    def click() -> None:
        page.get_by_test_id("stSidebar").get_by_role("link", name=link, exact=True).click()
    return click


def navigate(page: Page, url: str):
    def go() -> None:
        page.goto(url, wait_until="commit")
    return go


def latest_loan(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        # the newest open loan: the one My loans picks by default, which the warm visits click
        return conn.execute("SELECT max(loans.id) FROM loans JOIN users ON users.seller_id = loans.seller_id "
                            "WHERE users.username = 'demo' AND loans.status = 'open'").fetchone()[0]
    finally:
        conn.close()


def loan_url(page: Page, server: StreamlitServer, loan_id: int) -> str:
    token = page.evaluate("new URLSearchParams(location.search).get('session')")
    return f"{server.url}/loan?loan={loan_id}&lang=en" + (f"&session={token}" if token else "")


def open_loan_link(page: Page):
    """My loans' "Open loan #N" link (the loan picked there: the newest) — a click inside the app."""
    def click() -> None:
        page.get_by_test_id("stMain").get_by_role("link", name=re.compile(r"^Open loan #\d+")).click()
    return click


def visit_loan(page: Page, url: str, kind: str, name: str = "loan") -> float:
    """The loan page from its URL. An app whose sessions do not survive a navigation (before
    issue #16 item 11) shows the sign-in panel there: then the visit is timed from signing in."""
    if "session=" in url:
        return timed(page, name, navigate(page, url), kind)
    page.goto(url)
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
    return timed(page, name, lambda: sign_in(page, "demo", "demo1234"), kind)


def signed_in(browser, server: StreamlitServer, username: str, password: str,
              first: str, kind: str | None = None) -> tuple[Page, float]:
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    page = context.new_page()
    LOGS[id(page)] = ServerLog(server)
    page.goto(server.url)
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
    spent = timed(page, first, lambda: sign_in(page, username, password), kind)
    return page, spent


def cold_round(browser, db: Path, loan_id: int, times: dict, warm: int) -> None:
    """A new server: each page's first visit; then, on the last round, `warm` visits of each."""
    with StreamlitServer(db) as server:
        seller, spent = signed_in(browser, server, "demo", "demo1234", "home", "cold")
        times["home", "cold"].append(spent)
        url = loan_url(seller, server, loan_id)
        times["loan", "cold"].append(visit_loan(seller, url, "cold"))
        staff, _ = signed_in(browser, server, "risk", "risk1234", "overview")
        for name in ("portfolio", "model report"):
            times[name, "cold"].append(timed(staff, name, click_link(staff, LINKS[name]), "cold"))
        for _ in range(warm):
            timed(seller, "loans", click_link(seller, "My loans"))  # a page that does not rerun itself
            times["home", "warm"].append(timed(seller, "home", click_link(seller, "My limits"), "warm"))
            times["loan page load", "warm"].append(visit_loan(seller, url, "warm", "loan page load"))
            timed(seller, "loans", click_link(seller, "My loans"))
            times["loan", "warm"].append(timed(seller, "loan", open_loan_link(seller), "warm"))
            for name in ("portfolio", "model report"):
                timed(staff, "overview", click_link(staff, "Overview"))
                times[name, "warm"].append(timed(staff, name, click_link(staff, LINKS[name]), "warm"))
        seller.context.close()
        staff.context.close()


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[8] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10, help="warm visits of each page (default 10)")
    parser.add_argument("--cold", type=int, default=3,
                        help="new servers, each page's first visit (default 3)")
    parser.add_argument("--seeded", type=Path, help="an already seeded demo database to copy")
    args = parser.parse_args()
    expect.set_options(timeout=120_000)
    os.environ["PAGE_TIMES"] = "1"  # the servers log each run's time (streamlit_app.py)
    times: dict[tuple[str, str], list[float]] = {(p, k): [] for p in PAGES for k in ("cold", "warm")}
    with tempfile.TemporaryDirectory(prefix="mlf-pages-") as tmp:
        db = Path(tmp) / "pages.db"
        started = time.monotonic()
        if args.seeded:
            copy_database(args.seeded, db)
        else:
            seed_demo_database(db)
        print(f"demo ready in {time.monotonic() - started:.0f} s", flush=True)
        loan_id = latest_loan(db)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_args())
            try:
                for round_ in range(args.cold):
                    cold_round(browser, db, loan_id, times, args.n if round_ == args.cold - 1 else 0)
            finally:
                browser.close()
    for name in PAGES:
        for kind in ("cold", "warm"):
            goal = COLD_GOAL_MS if kind == "cold" or name == "loan page load" else WARM_GOAL_MS
            values = times[name, kind]
            if not values:
                continue
            verdict = "ok" if max(values) <= goal else "OVER GOAL"
            print(f"{name} {kind}: median {statistics.median(values):.0f} ms, p90 {p90(values):.0f} ms, "
                  f"max {max(values):.0f} ms ({len(values)} visits; {verdict}, goal ≤ {goal} ms)")
    for (name, kind), values in times.items():
        print(f"values {name} {kind}: " + " ".join(f"{v:.0f}" for v in values))
    for (name, kind), values in SERVER_MS.items():
        print(f"server {name} {kind}: " + " ".join(f"{v:.0f}" for v in values))


if __name__ == "__main__":
    main()
