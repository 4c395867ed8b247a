"""Helpers for driving the real app in Chromium: a seeded demo database, a Streamlit
server on a free port, Debian's chromium and the sign-in form.

Used by the e2e tests (`tests/e2e/conftest.py`), the screenshot script
(`tests/e2e/screenshots.py`) and the home-page benchmark (`bench/home_page.py`).
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
DEMO_TODAY = "2026-11-28"
DEMO_SEED = 7
VIEWPORT = {"width": 1400, "height": 1000}
WIDTHS = (1400, 1024, 390)  # a desktop, a small laptop (sidebar open), a phone (issue #9 item 10)
SIDEBAR_OVERLAYS_BELOW = 768  # px: up to this width Streamlit's sidebar starts collapsed and covers the page
STARTUP_SECONDS = 30


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _app_cli(db: Path, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": sqlite_url(db)}
    done = subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"`python -m app {' '.join(args)}` failed:\n{done.stdout}\n{done.stderr}")


def seed_demo_database(db: Path) -> Path:
    """Migrate a new SQLite file and seed the demo platform into it (the CLI, ~30 s)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    _app_cli(db, "init-db")
    _app_cli(db, "seed-demo", "--seed", str(DEMO_SEED), "--today", DEMO_TODAY)
    checkpoint(db)
    return db


def checkpoint(db: Path) -> None:
    """Fold any WAL back into the file, so that a plain file copy is the whole database."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def copy_database(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StreamlitServer:
    """`streamlit run streamlit_app.py` on 127.0.0.1 and a free port, on the SQLite file `db`."""

    def __init__(self, db: Path, log: Path | None = None) -> None:
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log or db.with_suffix(".streamlit.log")
        self.process: subprocess.Popen | None = None

    def start(self) -> StreamlitServer:
        env = {**os.environ, "DATABASE_URL": sqlite_url(self.db)}
        command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
                   "--server.address", "127.0.0.1", "--server.port", str(self.port),
                   "--server.headless", "true", "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none"]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as response:
                    if response.read().strip() == b"ok":
                        return self
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"streamlit was not healthy within {STARTUP_SECONDS} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def launch_args() -> dict:
    """Playwright's `chromium.launch` arguments: Debian's chromium when it is there."""
    if not CHROMIUM.exists():
        return {}
    return {"executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


def sign_in(page, username: str, password: str, *, button: str = "Sign in", user_label: str = "Username",
            password_label: str = "Password") -> None:
    """Fill and send the sign-in form (the activation form next to it has a Username field too)."""
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name=button, exact=True))
    form.get_by_label(user_label, exact=True).fill(username)
    form.get_by_label(password_label, exact=True).fill(password)
    form.get_by_role("button", name=button, exact=True).click()


def viewport(width: int) -> dict:
    return {"width": width, "height": VIEWPORT["height"]}


def open_sidebar(page):
    """The sidebar, expanded first if it is collapsed (as it starts on a phone): click its toggle."""
    from playwright.sync_api import expect

    sidebar = page.get_by_test_id("stSidebar")
    if sidebar.get_attribute("data-collapsed") == "true":
        page.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
    return sidebar


def close_sidebar_on_phone(page) -> None:
    """On a phone the open sidebar covers the page (and stays open after a link): collapse it."""
    from playwright.sync_api import expect

    sidebar = page.get_by_test_id("stSidebar")
    phone = page.viewport_size["width"] <= SIDEBAR_OVERLAYS_BELOW
    if not phone or sidebar.get_attribute("data-collapsed") == "true":
        return
    sidebar.get_by_test_id("stSidebarCollapseButton").get_by_role("button").click()
    expect(sidebar).to_have_attribute("data-collapsed", "true")


def follow_sidebar_link(page, link, heading: str) -> None:
    """Follow a sidebar link (its exact name, or a pattern) at any width (in-app navigation keeps
    the session signed in)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    for attempt in range(3):  # a window just made phone-narrow collapses its sidebar a moment later
        try:
            target = open_sidebar(page).get_by_role("link", name=link, exact=isinstance(link, str))
            target.click(timeout=5_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    close_sidebar_on_phone(page)


def loan_count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM loans").fetchone()[0]
    finally:
        conn.close()
