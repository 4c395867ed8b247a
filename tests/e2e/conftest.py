"""The real app in Debian's chromium: a seeded demo database and Streamlit servers.

The demo (seed 7, up to 2026-11-28) is the run's one seeded demo copied into a SQLite file
(seeded through the CLI instead when the run is not on SQLite); with pytest-xdist the workers
share that one file (the first to arrive makes it, under a file lock). `demo_server` is one
server per session (per worker) on a copy of it, for journeys that move no money;
`fresh_server` gives a test that moves money a server and a database copy of its own (~1 s),
so no test sees another's loans.

The database is a plain SQLite file, and the seeded demo is asked for by name, not as a
parameter: these tests drive a browser and must stay out of the PostgreSQL pass (`-m db`).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.server import VIEWPORT, StreamlitServer, checkpoint, copy_database, seed_demo_database


@pytest.fixture(scope="session")
def demo_database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeded demo as a SQLite file, never served itself: servers run on copies.

    On the SQLite pass it is a copy of the run's one seeded demo (`seeded_demo`, the same seed
    and date), asked for by name so that these browser tests are not marked `db`; otherwise
    (`--db=postgres` run by hand) it is seeded here through the CLI."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by every worker of this run
    seeded = root / "e2e_demo" / "demo.db"
    seeded.parent.mkdir(parents=True, exist_ok=True)
    with open(seeded.parent / "seed.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not seeded.exists():
                partial = seeded.with_name("seeding.db")
                partial.unlink(missing_ok=True)
                if request.config.getoption("--db") == "sqlite":
                    shared = request.getfixturevalue("seeded_demo").url.removeprefix("sqlite:///")
                    checkpoint(copy_database(Path(shared), partial))
                else:
                    seed_demo_database(partial)
                partial.rename(seeded)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return seeded


@pytest.fixture(scope="session")
def demo_server(demo_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """One server for the session, for journeys that move no money."""
    db = copy_database(demo_database, tmp_path_factory.mktemp("e2e_shared") / "demo.db")
    with StreamlitServer(db) as server:
        yield server


@pytest.fixture
def fresh_server(demo_database: Path, tmp_path: Path) -> Iterator[StreamlitServer]:
    """A server on a database copy of this test's own, for journeys that move money."""
    with StreamlitServer(copy_database(demo_database, tmp_path / "demo.db")) as server:
        yield server


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """A desktop window, as the portal is laid out for."""
    return {**browser_context_args, "viewport": VIEWPORT, "locale": "en-US"}


@pytest.fixture(autouse=True)
def _patient_expectations() -> None:
    """expect(...) waits up to 15 s: a cold first page imports pandas, altair and the models."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)
