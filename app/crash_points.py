"""Named crash points, for the crash-safety tests only (tests/demo/test_crash_safety.py).

A long command (`seed-demo`, `advance-days`, `eod`) calls `crash_point(...)` right after
the commits where an interruption is most telling. A test sets, in the command's
environment,

    MICROLOAN_CRASH_AT=<point>:<n>          e.g. eod.batch_committed:3
    MICROLOAN_CRASH_AT=<point>:<n>:SIGINT   as Ctrl-C would, instead of a kill

and the process sends itself SIGKILL (or SIGINT; on the main thread it raises KeyboardInterrupt
right there, as Python does for a Ctrl-C) the n-th time it reaches that point:
the test kills at a known step, on any machine, instead of after a wall-clock delay
that a loaded machine turns into another step or none. Nothing else sets the variable;
unset, a crash point does nothing. It is read once, at the first point reached, so a
point costs one function call; points sit after a transaction or a step, never in a
loop over rows.

The points, in the order a run meets them (`CrashPoint`):

seed-demo (app/demo/seed.py; its loan history runs end of day too, so the eod points
are met in between):
- seed.started: the seed's first transaction committed (the marker `started`, the
  sellers, their sales and recent orders); the loan history not yet played.
- seed.history_played: the year of loans played through the services.
- seed.built: ratings, limits, logins and the recovery plan committed; only the
  completion marker is missing (the last moment a killed seed is still unfinished).
- seed.complete: the completion marker committed: the work is done (on SQLite the
  finished copy has not yet replaced the file).
- seed.installed: the seed returned; on SQLite its copy has replaced the file.

advance-days (app/demo/simulate.py):
- demo.days_planned: the run's days planned (or an interrupted run's found), none simulated.
- demo.step_done: one simulated step of a day done and recorded (trade, refunds, sales,
  repayments, draws); after the last one, the day's end of day follows.
- demo.day_done: a day closed by end of day and recorded done (between two demo days).

eod, and every end of day (app/services/end_of_day/run.py, app/services/end_of_day/collect.py):
- eod.batch_committed: a settlement or auto-debit transaction committed: each step's
  set-based part (so at least twice a date) and each engine batch of sellers.
- eod.orders_settled: a date's settlement done, its auto-debit not begun.
- eod.debits_collected: a date's auto-debit done; the book step, which moves the
  business date, not begun.
- eod.date_closed: the book step committed the next business date (between two dates
  of `eod --until`).

feed import and feed watch (app/services/feed/):
- feed.batch_committed: a batch of feed records committed (its events, rejects and counts).
- feed.file_applied: `feed watch` applied every record of a file, before moving it to done/
  or failed/.

Counts are per process, so a rerun counts from 1 again.
"""

from __future__ import annotations

import os
import signal
import threading
from collections import Counter
from enum import Enum
from functools import cache

CRASH_AT = "MICROLOAN_CRASH_AT"  # the environment variable
SIGNALS = {"SIGKILL": signal.SIGKILL, "SIGINT": signal.SIGINT}


class CrashPoint(str, Enum):
    SEED_STARTED = "seed.started"
    SEED_HISTORY_PLAYED = "seed.history_played"
    SEED_BUILT = "seed.built"
    SEED_COMPLETE = "seed.complete"
    SEED_INSTALLED = "seed.installed"
    DEMO_DAYS_PLANNED = "demo.days_planned"
    DEMO_STEP_DONE = "demo.step_done"
    DEMO_DAY_DONE = "demo.day_done"
    EOD_BATCH_COMMITTED = "eod.batch_committed"
    EOD_ORDERS_SETTLED = "eod.orders_settled"
    EOD_DEBITS_COLLECTED = "eod.debits_collected"
    EOD_DATE_CLOSED = "eod.date_closed"
    FEED_BATCH_COMMITTED = "feed.batch_committed"
    FEED_FILE_APPLIED = "feed.file_applied"


def crash_point(point: CrashPoint) -> None:
    """Kill (or interrupt) this process here if MICROLOAN_CRASH_AT names `point` and this
    is the n-th time it is reached; otherwise do nothing."""
    target = _target()
    if target is None or target[0] is not point:
        return
    with _lock:  # end of day's engine batches reach their point from worker threads
        _reached[point] += 1
        if _reached[point] != target[1]:
            return
    if target[2] == signal.SIGINT and threading.current_thread() is threading.main_thread():
        # Raised here rather than sent: Python turns a signal into KeyboardInterrupt at its next
        # check, and that check can fall inside a finalizer the garbage collector runs, where the
        # exception is printed and dropped, so the Ctrl-C never comes (seen once in CI, 2026-12-08).
        raise KeyboardInterrupt
    os.kill(os.getpid(), target[2])


_lock = threading.Lock()
_reached: Counter[CrashPoint] = Counter()


@cache
def _target() -> tuple[CrashPoint, int, int] | None:
    """(point, n, signal) from MICROLOAN_CRASH_AT, parsed once; None when it is unset.
    A malformed value raises, so a test with a typo fails instead of never crashing."""
    value = os.environ.get(CRASH_AT)
    if not value:
        return None
    name, _, rest = value.partition(":")
    count, _, signal_name = rest.partition(":")
    try:
        target = CrashPoint(name), int(count), SIGNALS[signal_name or "SIGKILL"]
    except (ValueError, KeyError):
        target = None
    if target is None or target[1] < 1:
        raise ValueError(f"{CRASH_AT}={value!r}: expected <point>:<n>[:SIGKILL|SIGINT] with n >= 1 "
                         f"and a point of {[p.value for p in CrashPoint]}")
    return target
