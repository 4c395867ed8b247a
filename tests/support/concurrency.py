"""Run a service call in many worker PROCESSES at once, released together by a barrier.

    outcomes = run_together(db_url, [(some_call, {"kw": ...}), ...])

Each call is a module-level function (picklable by reference) run in its own
process with DATABASE_URL set; its outcome is `Outcome("ok", value)`,
`Outcome("refused", "<LendingError class>")` for a typed refusal, or
`Outcome("error", repr)` for anything else (a deadlock escaping, a crash).

Processes come from a "forkserver" that imported the app once, so a worker
starts in milliseconds instead of re-importing everything.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
from collections import Counter
from dataclasses import dataclass

PRELOAD = ["app.services.lending.draws", "app.services.lending.repayment", "app.services.lending.orders",
           "app.services.risk_ops.corrections", "app.services.risk_ops.recovery",
           "app.services.store.product_settings",
           "app.services.end_of_day.run", "tests.support.concurrency"]
_context = None


@dataclass(frozen=True)
class Outcome:
    kind: str  # ok / refused / error
    value: object


def context():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
    return _context


def _worker(url: str, barrier, results, index: int, call, kwargs: dict) -> None:
    os.environ["DATABASE_URL"] = url
    from app.errors import LendingError
    from db.engine import engine_for

    try:
        engine_for(url).connect().close()  # connect before the start, so the calls really overlap
        barrier.wait(timeout=600)  # generous: 32 processes start slowly on a loaded 2-core machine
        outcome = Outcome("ok", call(**kwargs))
    except LendingError as refused:
        outcome = Outcome("refused", type(refused).__name__)
    except BaseException as error:  # noqa: BLE001 - reported to the test, which fails on it
        outcome = Outcome("error", repr(error))
    finally:
        engine_for(url).dispose()
    results.put((index, outcome))


def run_together(url: str, calls: list[tuple], timeout: float = 900) -> list[Outcome]:
    """Run every (function, kwargs) in a process of its own, all released at once; outcomes in order."""
    ctx = context()
    barrier, results = ctx.Barrier(len(calls)), ctx.Queue()
    processes = [ctx.Process(target=_worker, args=(url, barrier, results, i, call, kwargs))
                 for i, (call, kwargs) in enumerate(calls)]
    for process in processes:
        process.start()
    outcomes = _collect(results, processes, timeout)
    for process in processes:
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
    return [outcomes.get(i, Outcome("error", f"no result (exit code {processes[i].exitcode})"))
            for i in range(len(calls))]


def _collect(results, processes: list, timeout: float) -> dict[int, Outcome]:
    """Outcomes as they come; stop early once every worker has exited (a crashed one never reports)."""
    outcomes: dict[int, Outcome] = {}
    waited = 0.0
    while len(outcomes) < len(processes) and waited < timeout:
        try:
            index, outcome = results.get(timeout=2)
            outcomes[index] = outcome
        except queue.Empty:
            waited += 2
            if not any(p.is_alive() for p in processes):
                break
    return outcomes


def kinds(outcomes: list[Outcome]) -> Counter:
    """How many outcomes of each kind, refusals by class: {"ok": 6, "LenderCapacityExceeded": 26}."""
    return Counter(o.kind if o.kind != "refused" else o.value for o in outcomes)
