"""The demo platform, seeded once a run and shared by every test package (product §4).

`seeded_demo` (session) seeds the demo (seed 7, business date 2026-11-28) once
into a clone of the root conftest's migrated `database_template`. When a
selected test asks for `seeded_by_cli` (the determinism check), the same seed is
built again at the same time through `python -m app seed-demo` in a subprocess:
on two cores that costs no extra wall time. Seeded databases are never
connected to again: they are only copied. The pytest-xdist workers of a run share
one build (a file lock in the run's base temporary directory): on SQLite as
files there, on PostgreSQL as databases in the run's one cluster (the root
conftest's), left for the cluster's removal since another worker may still copy them.

The fixture is registered by the root conftest, so tests/demo (`demo_db`,
`demo_copy`) and tests/ui (its signed-in template) start from the same build
instead of seeding again (issue 15 §4). A copy is a file copy on SQLite and
`CREATE DATABASE … TEMPLATE` on PostgreSQL: milliseconds, against some 20
seconds for a seed.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import psycopg
import pytest

from app.demo.seed import SeedSummary, seed_demo
from db.engine import engine_for
from tests.support.pg_cluster import libpq_url

ROOT = Path(__file__).resolve().parents[2]
SEED = 7
TODAY = date(2026, 11, 28)
CLI_FIXTURE = "seeded_by_cli"
_copies = itertools.count(1)


@dataclass(frozen=True)
class SeededDemo:
    url: str  # the seeded database (a template: copy it, never connect to it)
    summary: SeedSummary
    seconds: float  # how long seed_demo took
    cli_url: str | None = None  # the same seed through the command line, when asked for
    cli_result: tuple[int, str, str] | None = None  # its exit code, stdout, stderr


@contextmanager
def using(url: str) -> Iterator[None]:
    """DATABASE_URL points at `url` within the block."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        yield


def run_cli(url: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m app *args` on the database at `url`, with `env` added to the environment."""
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {}), "DATABASE_URL": url}, timeout=900)


def start_cli(url: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "app", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "DATABASE_URL": url})


def _sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def copy_database(template, url: str) -> str:
    """A new database with the contents of the one at `url`; drop it with `template.drop`."""
    engine_for(url).dispose()  # a PostgreSQL template must have no sessions; SQLite: nothing pending
    name = f"demo_{os.getpid()}_{next(_copies)}"
    if url.startswith("sqlite"):
        target = template.directory / f"{name}.db"
        shutil.copyfile(_sqlite_path(url), target)
        return f"sqlite:///{target}"
    with psycopg.connect(f"{libpq_url(template.url_base)}/postgres", autocommit=True) as admin:
        strategy = " STRATEGY FILE_COPY" if admin.info.server_version >= 150000 else ""
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {url.rsplit('/', 1)[1]}{strategy}")
    return f"{template.url_base}/{name}"


def drop_database(template, url: str) -> None:
    engine_for(url).dispose()
    template.drop(url)


def _build(template, with_cli: bool) -> SeededDemo:
    url = template.clone()
    cli_url = template.clone() if with_cli else None
    process = (start_cli(cli_url, "seed-demo", "--seed", str(SEED), "--today", TODAY.isoformat())
               if cli_url else None)
    try:
        started = time.perf_counter()
        with using(url):
            summary = seed_demo(SEED, today=TODAY)
        seconds = time.perf_counter() - started
        engine_for(url).dispose()
        cli_result = None
        if process is not None:
            out, err = process.communicate(timeout=900)
            cli_result = (process.returncode, out, err)
    finally:
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
    return SeededDemo(url, summary, seconds, cli_url, cli_result)


def _kept_for_the_run(template, directory: Path, demo: SeededDemo) -> SeededDemo:
    """SQLite: the seeded files moved out of this worker's directory into the run's."""
    shared = {}
    for key, url in (("url", demo.url), ("cli_url", demo.cli_url)):
        if url is not None and url.startswith("sqlite"):
            target = directory / f"{key}.db"
            shutil.copyfile(_sqlite_path(url), target)
            template.drop(url)
            shared[key] = f"sqlite:///{target}"
    return replace(demo, **shared)


def _shared_build(template, directory: Path, with_cli: bool) -> SeededDemo:
    """Build once per test run; the other xdist workers wait for it and reuse it."""
    directory.mkdir(exist_ok=True)
    with open(directory / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        saved = directory / "seeded.pickle"
        if not saved.exists():
            demo = _kept_for_the_run(template, directory, _build(template, with_cli))
            saved.write_bytes(pickle.dumps(demo))
        return pickle.loads(saved.read_bytes())


@pytest.fixture(scope="session")
def seeded_demo(request: pytest.FixtureRequest, database_template,
                tmp_path_factory: pytest.TempPathFactory) -> SeededDemo:
    with_cli = any(CLI_FIXTURE in getattr(item, "fixturenames", ()) for item in request.session.items)
    base = tmp_path_factory.getbasetemp()
    run_directory = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    # SQLite files stay with the run's temporary directory, PostgreSQL databases with its cluster.
    return _shared_build(database_template, run_directory / "demo-seed", with_cli)
