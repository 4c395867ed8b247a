"""Only one end of day at a time (issue #11; docs/deploy.md): `python -m app eod` holds a
run lock (a PostgreSQL advisory lock, a lock file on SQLite); a second one started
while it is held exits 1 at once with a clear message and changes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import EndOfDayRunning
from app.services.access.actor import SYSTEM_ACTOR
from app.services.end_of_day.lock import exclusive_run
from app.services.end_of_day.run import run_end_of_day
from app.services.store.settings import business_date, set_business_date
from db.engine import engine_for, session_scope
from tests.services.conftest import START

ROOT = Path(__file__).resolve().parents[2]


def eod_command() -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", "eod"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_a_second_end_of_day_exits_with_a_clear_message_while_one_runs(db_url):
    with session_scope() as session:
        set_business_date(session, START)
    with exclusive_run():  # the first run, holding the lock
        second = eod_command()
        with pytest.raises(EndOfDayRunning):  # the service refuses too, whoever calls it
            run_end_of_day(SYSTEM_ACTOR)
    assert second.returncode == 1
    assert "End of day is already running" in second.stderr
    with session_scope() as session:
        assert business_date(session) == START  # the second one did nothing
    after = eod_command()  # the lock went with the first run
    assert after.returncode == 0, after.stderr
    with session_scope() as session:
        assert business_date(session) > START
    engine_for(db_url).dispose()
