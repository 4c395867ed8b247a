"""app/crash_points.py: a crash point kills its process the n-th time it is reached, only when
MICROLOAN_CRASH_AT says so, and each named point is placed in the code. The kills themselves,
in real commands, are tests/demo/test_crash_safety.py."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import crash_points
from app.crash_points import CRASH_AT, CrashPoint, crash_point

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The signals the process sends itself (recorded, not sent); the variable read afresh."""
    signals: list[int] = []
    monkeypatch.setattr(crash_points.os, "kill", lambda _pid, sig: signals.append(sig))
    monkeypatch.delenv(CRASH_AT, raising=False)
    crash_points._target.cache_clear()
    crash_points._reached.clear()
    yield signals
    crash_points._target.cache_clear()
    crash_points._reached.clear()


def reach_all(times: int) -> None:
    for _ in range(times):
        for point in CrashPoint:
            crash_point(point)


def test_unset_no_point_does_anything(sent):
    reach_all(50)
    assert sent == []


def test_the_nth_time_the_named_point_is_reached_it_kills_once(sent, monkeypatch):
    monkeypatch.setenv(CRASH_AT, "eod.date_closed:3")
    reach_all(2)
    assert sent == []  # the other points do not count
    crash_point(CrashPoint.EOD_DATE_CLOSED)
    assert sent == [signal.SIGKILL]
    reach_all(3)
    assert sent == [signal.SIGKILL]


def test_sigint_interrupts_the_main_thread_right_there_as_ctrl_c_would(sent, monkeypatch):
    monkeypatch.setenv(CRASH_AT, "seed.built:1:SIGINT")
    with pytest.raises(KeyboardInterrupt):  # raised, not sent: a sent one can be lost in a finalizer
        crash_point(CrashPoint.SEED_BUILT)
    assert sent == []
    crash_point(CrashPoint.SEED_BUILT)  # once only


def test_sigint_on_a_worker_thread_is_sent_to_the_process(sent, monkeypatch):
    """End of day's engine batches reach their point on worker threads: Python delivers a signal
    to the main thread, which is interrupted there."""
    monkeypatch.setenv(CRASH_AT, "eod.batch_committed:1:SIGINT")
    worker = threading.Thread(target=crash_point, args=(CrashPoint.EOD_BATCH_COMMITTED,))
    worker.start()
    worker.join()
    assert sent == [signal.SIGINT]


def test_the_variable_is_read_once(sent, monkeypatch):
    crash_point(CrashPoint.SEED_STARTED)
    monkeypatch.setenv(CRASH_AT, "seed.started:1")
    reach_all(2)
    assert sent == []


@pytest.mark.parametrize("value", ["eod.nope:1", "eod.date_closed", "eod.date_closed:0", "eod.date_closed:x",
                                   "eod.date_closed:1:SIGTERM", "eod.date_closed:1:SIGINT:2"])
def test_a_malformed_value_fails_loudly_instead_of_never_crashing(sent, monkeypatch, value):
    monkeypatch.setenv(CRASH_AT, value)
    with pytest.raises(ValueError, match=CRASH_AT):
        crash_point(CrashPoint.SEED_STARTED)


def test_every_named_point_is_placed_in_the_code():
    sources = "".join(path.read_text() for path in (ROOT / "app").rglob("*.py")
                      if path.name != "crash_points.py")
    assert [p for p in CrashPoint if f"crash_point(CrashPoint.{p.name})" not in sources] == []
