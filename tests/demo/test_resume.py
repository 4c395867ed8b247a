"""`advance-days` interrupted right after a refund, repayment or draw committed (before the
step was recorded) resumes to the platform of an uninterrupted run (issue #8).

In process and deterministic: the service the simulation calls is wrapped so that the
process "dies" (a BaseException nothing catches) just after its k-th call committed.
tests/demo/test_crash_safety.py kills real processes at random points.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import app.demo.simulate as simulate
from app.demo.simulate import simulate_days
from app.errors import TimeTravelInterrupted
from tests.demo.conftest import TODAY, copy_database, drop_database, run_cli, using
from tests.demo.test_crash_safety import SELLERS, snapshot

pytestmark = pytest.mark.slow
DAYS, SEED = 12, 5


class Killed(BaseException):
    pass


@pytest.fixture(scope="module")
def small_demo(database_template) -> Iterator[tuple[str, dict]]:
    """The small demo, and the snapshot after DAYS uninterrupted days."""
    url = database_template.clone()
    reference = None
    try:
        result = run_cli(url, "seed-demo", "--sellers", SELLERS, "--today", TODAY.isoformat())
        assert result.returncode == 0, result.stderr
        reference = copy_database(database_template, url)
        with using(reference):
            simulate_days(DAYS, SEED)
        yield url, snapshot(reference)
    finally:
        for name in filter(None, (url, reference)):
            drop_database(database_template, name)


def dying_after(service, calls: int):
    count = 0

    def wrapper(*args, **kwargs):
        nonlocal count
        result = service(*args, **kwargs)
        count += 1
        if count == calls:
            raise Killed
        return result
    return wrapper


@pytest.mark.parametrize("name, calls", [("refund_order", 1), ("refund_order", 4), ("repay", 1),
                                         ("draw_order_loan", 1),
                                         ("draw_order_loan", 2), ("draw_credit_loan", 1)])
def test_a_run_killed_after_an_action_resumes_to_the_uninterrupted_platform(
        name, calls, small_demo, database_template, monkeypatch):
    url = copy_database(database_template, small_demo[0])
    try:
        with using(url):
            with monkeypatch.context() as patch:
                patch.setattr(simulate, name, dying_after(getattr(simulate, name), calls))
                with pytest.raises(Killed):
                    simulate_days(DAYS, SEED)
            with pytest.raises(TimeTravelInterrupted):
                simulate_days(DAYS + 1, SEED)  # another run: refused while this one is unfinished
            reports = simulate_days(DAYS, SEED)
            assert reports[0].resumed and not any(r.resumed for r in reports[1:])
        assert snapshot(url) == small_demo[1]
    finally:
        drop_database(database_template, url)
