"""Root fixtures: a fresh, migrated database per test on SQLite or PostgreSQL, Hypothesis
profiles, and Debian's chromium for Playwright.

A test that needs a database asks for `db_url` (and is thereby marked `db`):

    def test_a_draw_is_booked(db_url): ...  # DATABASE_URL is set to db_url as well

`pytest` runs it on SQLite; `pytest -m db --db=postgres` runs only the `db` tests again,
each in its own database cloned from a template migrated once per session. Property
tests that need a new database per example call `database_template.clone()` and
`.drop(url)` themselves (function-scoped fixtures are not reset between examples).
"""

from __future__ import annotations

import itertools
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from hypothesis import settings

from db.migrations_runner import upgrade  # no fallback: a broken import must fail the run, not skip it
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.pg_cluster import libpq_url, start_cluster
from tests.support.seeded_demo import seeded_demo  # noqa: F401 - the run's one seeded demo, for every package

# --- Hypothesis -------------------------------------------------------------------------

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile("postgres", max_examples=15, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# --- Options and selection ----------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="database backend for `db` tests; with postgres, every test not marked `db` is deselected",
    )


@pytest.hookimpl(tryfirst=True)  # before `-m db` looks at the marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if {"db_url", "database_template"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)
    if config.getoption("--db") != "postgres":
        return
    deselected = [item for item in items if item.get_closest_marker("db") is None]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item.get_closest_marker("db") is not None]


# --- Databases ------------------------------------------------------------------------------


class SqliteTemplate:
    """A migrated SQLite file; each clone is a copy of it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / "template.db"
        self._names = itertools.count(1)

    def migrate(self, upgrade: Callable[[str], None]) -> None:
        upgrade(f"sqlite:///{self.path}")
        conn = sqlite3.connect(self.path)
        try:  # fold a WAL back into the file before copying it
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()

    def clone(self) -> str:
        target = self.directory / f"test_{next(self._names)}.db"
        shutil.copyfile(self.path, target)
        return f"sqlite:///{target}"

    def drop(self, url: str) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)


class PostgresTemplate:
    """A migrated database `template_mlf_<worker>`; each clone is `CREATE DATABASE ... TEMPLATE` of it.
    The workers of a run share one cluster, so every name carries the worker's."""

    def __init__(self, url_base: str) -> None:
        self.name = f"template_mlf_{worker_name()}"
        self.url_base = url_base
        self._admin = psycopg.connect(f"{libpq_url(url_base)}/postgres", autocommit=True)
        self._names = itertools.count(1)

    def migrate(self, upgrade: Callable[[str], None]) -> None:
        self._admin.execute(f"CREATE DATABASE {self.name}")
        upgrade(f"{self.url_base}/{self.name}")
        # A template must have no sessions; a pool left open by the migration would block clones.
        self._admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (self.name,)
        )
        self._admin.execute(f"ALTER DATABASE {self.name} WITH ALLOW_CONNECTIONS false")

    def clone(self) -> str:
        name = f"test_{worker_name()}_{next(self._names)}"
        # FILE_COPY (the only strategy before 15): never slower than WAL_LOG for a small template
        # here, and 4x faster on disk (22 ms instead of 82 ms).
        strategy = " STRATEGY FILE_COPY" if self._admin.info.server_version >= 150000 else ""
        self._admin.execute(f"CREATE DATABASE {name} TEMPLATE {self.name}{strategy}")
        return f"{self.url_base}/{name}"

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # FORCE: ends its sessions

    def close(self) -> None:
        self._admin.close()


# One throwaway cluster a run (issue 15 §4), not one per xdist worker: the pytest process that
# starts the run (xdist's controller, or pytest alone) starts it before the workers exist and
# stops it last; the workers inherit its URL in this variable. Sharing it lets the workers share
# one seeded demo too (tests.support.seeded_demo).
CLUSTER_VARIABLE = "MLF_TEST_POSTGRES"
_STOP_CLUSTER = pytest.StashKey[Callable[[], None]]()


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--db") != "postgres" or hasattr(config, "workerinput"):
        return
    url_base, stop = start_cluster()
    os.environ[CLUSTER_VARIABLE] = url_base
    config.stash[_STOP_CLUSTER] = stop


def pytest_unconfigure(config: pytest.Config) -> None:
    stop = config.stash.get(_STOP_CLUSTER, None)
    if stop is not None:
        os.environ.pop(CLUSTER_VARIABLE, None)
        stop()


def worker_name() -> str:
    """This pytest-xdist worker's name (`gw0`, …), or `main`: database names are unique per run."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def postgres_url_base() -> str:
    """The run's throwaway cluster: `postgresql+psycopg://postgres@127.0.0.1:PORT`."""
    return os.environ[CLUSTER_VARIABLE]


@pytest.fixture(scope="session")
def database_template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SqliteTemplate | PostgresTemplate]:
    """The database migrated once per session, with `clone() -> url` and `drop(url)`."""
    if request.config.getoption("--db") == "postgres":
        template = PostgresTemplate(request.getfixturevalue("postgres_url_base"))
        try:
            template.migrate(upgrade)
            yield template
        finally:
            template.close()
    else:
        template = SqliteTemplate(tmp_path_factory.mktemp("databases"))
        template.migrate(upgrade)
        yield template


@pytest.fixture
def db_url(database_template: SqliteTemplate | PostgresTemplate) -> Iterator[str]:
    """A fresh, migrated database of its own for this test; DATABASE_URL points at it too.

    The variable is set through a MonkeyPatch of its own, so that a test's
    `monkeypatch.undo()` does not point the app back at the default database.
    """
    url = database_template.clone()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("DATABASE_URL", url)
            yield url
    finally:
        database_template.drop(url)


# --- Browser (pytest-playwright) ------------------------------------------------------------



@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's chromium: `playwright install` cannot download browsers here."""
    if not CHROMIUM.exists():
        return browser_type_launch_args
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}
