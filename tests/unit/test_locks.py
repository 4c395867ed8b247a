"""Lock conflicts are retried in a fresh attempt, then refused in the reader's language."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from app.errors import SystemBusy
from app.services.store.locks import is_conflict, retry_on_conflict


class Deadlock(Exception):
    sqlstate = "40P01"


class Unrelated(Exception):
    sqlstate = "23505"


def failing(times: int, orig: Exception):
    calls = []

    @retry_on_conflict(attempts=3, backoff=0)
    def service():
        calls.append(1)
        if len(calls) <= times:
            raise OperationalError("UPDATE ...", {}, orig)
        return "done"

    return service, calls


def test_a_deadlock_is_run_again_in_a_fresh_attempt():
    service, calls = failing(2, Deadlock())
    assert service() == "done" and len(calls) == 3


def test_sqlite_busy_counts_as_a_conflict():
    assert is_conflict(OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked")))


def test_conflicts_beyond_the_attempts_are_refused_as_busy_in_both_languages():
    service, calls = failing(5, Deadlock())
    with pytest.raises(SystemBusy) as busy:
        service()
    assert len(calls) == 3
    assert busy.value.render("en") == "The system is busy; please try again."
    assert busy.value.render("zh") == "系统繁忙，请稍后重试。"


def test_other_database_errors_are_not_retried():
    service, calls = failing(1, Unrelated())
    with pytest.raises(OperationalError):
        service()
    assert len(calls) == 1
