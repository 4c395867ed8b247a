"""`advance-days N` (product §5): bad input and a day on an empty platform.

The demo platform moving forward runs in tests/demo/test_seed.py."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from app.cli import main
from app.services.access.actor import SYSTEM
from app.services.end_of_day.lock import exclusive_run
from app.services.store.settings import business_date, set_business_date
from db.engine import session_scope
from db.models import AuditEvent


@pytest.mark.parametrize("days", ["0", "-3", "367"])
def test_advance_days_refuses_a_bad_number_of_days(days, db_url, capsys):
    assert main(["advance-days", days]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "between 1 and 366" in err


def test_advance_days_refuses_a_non_number(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["advance-days", "three"])
    assert exit_.value.code == 2


def test_advance_days_runs_end_of_day_for_each_day(db_url, capsys):
    with session_scope() as s:
        set_business_date(s, date(2026, 3, 2))
    assert main(["advance-days", "2", "--seed", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2026-03-02:") and out[1].startswith("2026-03-03:")
    assert out[-1].startswith("Ran 2 days") and out[-1].endswith("business date now 2026-03-04.")
    with session_scope() as s:
        assert business_date(s) == date(2026, 3, 4)


def test_advance_days_from_the_command_line_is_in_the_audit_log(db_url, capsys):
    """One entry for the page and the command: the command's run is recorded as the page's is."""
    with session_scope() as s:
        set_business_date(s, date(2026, 3, 2))
    assert main(["advance-days", "1", "--seed", "1"]) == 0
    with session_scope() as s:
        events = s.exec(select(AuditEvent).where(AuditEvent.action == "advance_days")).all()
    assert [(e.subject, e.role) for e in events] == [("1 days", SYSTEM)]


def test_advance_days_beside_a_running_end_of_day_says_so_and_changes_nothing(db_url, capsys):
    with session_scope() as s:
        set_business_date(s, date(2026, 3, 2))
    with exclusive_run():  # another end of day holds the run lock
        assert main(["advance-days", "1"]) == 1
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "already running" in err and "Traceback" not in err
    with session_scope() as s:
        assert business_date(s) == date(2026, 3, 2)
