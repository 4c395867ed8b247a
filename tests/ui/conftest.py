"""A seeded demo platform for the portal's AppTest tests, and helpers to drive the app.

The demo (seed 7, up to 2026-11-28) is the run's one seeded demo (`seeded_demo`, shared
with tests/demo), copied once more to make the session-signing secret; every test gets its
own copy of that, so tests may
draw and repay freely. `DATABASE_URL` points at the copy and the engine cache is cleared
around each test.
"""

from __future__ import annotations

import json
import secrets
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from app.services.access.actor import Actor
from app.services.accounts import web_sessions
from db.engine import engine_for, session_scope
from db.models import User
from tests.conftest import PostgresTemplate, SqliteTemplate
from tests.support.seeded_demo import SeededDemo, copy_database

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
DEMO_TODAY = date(2026, 11, 28)
TIMEOUT = 60  # argon2 and a cold import of the pages take a few seconds on a small machine


class SeededTemplate:
    """The run's seeded demo (`tests.support.seeded_demo`, not seeded again here) with the
    session-signing secret made; `copy()` gives a database of its own, `drop(url)` removes it."""

    def __init__(self, template: SqliteTemplate | PostgresTemplate, seeded: SeededDemo) -> None:
        assert seeded.summary.business_date == DEMO_TODAY, "the pages' tests read the demo of 2026-11-28"
        self.template = template
        self.url = copy_database(template, seeded.url)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("DATABASE_URL", self.url)
            web_sessions.open_session(actor_of("demo"))  # the signing secret made once, kept by every copy
        engine_for(self.url).dispose()
        engine_for.cache_clear()
        self._names = iter(range(1, 1_000_000))
        if isinstance(template, SqliteTemplate):
            conn = sqlite3.connect(self.url.removeprefix("sqlite:///"))
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        else:
            name = self.url.rsplit("/", 1)[1]
            template._admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
            )

    def copy(self) -> str:
        if isinstance(self.template, SqliteTemplate):
            source = Path(self.url.removeprefix("sqlite:///"))
            target = source.with_name(f"{source.stem}_ui_{next(self._names)}.db")
            shutil.copyfile(source, target)
            return f"sqlite:///{target}"
        seeded = self.url.rsplit("/", 1)[1]
        name = f"{seeded}_ui_{next(self._names)}"
        self.template._admin.execute(f"CREATE DATABASE {name} TEMPLATE {seeded}")
        return f"{self.template.url_base}/{name}"

    def drop(self, url: str) -> None:
        self.template.drop(url)


@pytest.fixture(scope="session")
def seeded_template(database_template, seeded_demo: SeededDemo) -> Iterator[SeededTemplate]:
    seeded = SeededTemplate(database_template, seeded_demo)
    yield seeded
    seeded.drop(seeded.url)


@pytest.fixture
def demo_db(seeded_template: SeededTemplate) -> Iterator[str]:
    """A copy of the seeded demo platform; DATABASE_URL points at it."""
    url = seeded_template.copy()
    engine_for.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("DATABASE_URL", url)
            yield url
    finally:
        engine_for(url).dispose()
        engine_for.cache_clear()
        seeded_template.drop(url)


def actor_of(username: str) -> Actor:
    with session_scope() as session:
        user = session.exec(select(User).where(User.username == username)).one()
        return Actor(user.id, user.role, user.seller_id)


def app_as(username: str | None, *, lang: str | None = None) -> AppTest:
    """The app with `username` already signed in (None: nobody), not yet run: a server-side
    session opened for them, its token in the session state and the URL, as signing in leaves it."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if lang:
        at.query_params["lang"] = lang
    if username is not None:
        actor = replace(actor_of(username), session_id=secrets.token_urlsafe(12))
        token = web_sessions.open_session(actor)
        at.session_state["actor"] = actor
        at.session_state["username"] = username
        at.session_state["session_token"] = token
        at.query_params["session"] = token
    return at


def open_page(username: str, page: str, *, lang: str | None = None, **query: str) -> AppTest:
    """Run the app as `username` and switch to `views/<page>.py`."""
    at = app_as(username, lang=lang).run()
    assert not at.exception, at.exception
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page(f"views/{page}.py").run()


def charts(at: AppTest) -> list[dict]:
    """The page's charts as their Vega-Lite specs, each with its title as one string under
    "title_text" and its points under "rows": data shared by the whole chart (one layer, or layers
    over the same points) travel beside the spec, as Arrow; layers with their own data keep it."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    found = []
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        spec["title_text"] = " ".join(spec["title"]["text"])
        if element.proto.data.data:
            spec["rows"] = convert_arrow_bytes_to_pandas_df(element.proto.data.data).to_dict("records")
        else:
            spec["rows"] = [row for layer in spec.get("layer", []) for row in layer["data"].get("values", [])]
        found.append(spec)
    return found
