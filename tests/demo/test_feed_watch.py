"""`python -m app feed watch DIR` killed (SIGKILL) at named points and run again gives what one
uninterrupted run gives: every file moved once to done/ or failed/, no record applied twice and
none lost, the same rows in every business table, a ledger that reconciles (issue 17).

Kills at deterministic crash points (`app/crash_points.py`), never at a wall-clock time: after a
batch of records committed (`feed.batch_committed`) and after a file's records are applied but
before it is moved (`feed.file_applied`)."""

from __future__ import annotations

import os
import shutil
import signal
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import text

from app.crash_points import CRASH_AT
from app.services.end_of_day.reconcile import reconcile
from db.engine import engine_for, read_scope
from tests.demo.conftest import run_cli
from tests.services.conftest import table_digests
from tests.support.feed_records import SAMPLES, order, write_jsonl

# compared by content below, without their run ids and timestamps
BY_CONTENT = ("feed_imports", "feed_events", "feed_rejects", "journal_entries")
KILLS = ("feed.batch_committed:3", "feed.file_applied:1", "feed.batch_committed:1", "feed.file_applied:2")


def drop_folder(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for sample in SAMPLES.iterdir():
        shutil.copy(sample, folder / sample.name)
    bad = [order("X1", "TB-SHOP-1", "placed", date(2026, 3, 2)),
           order("X2", "TB-SHOP-1", "placed", date(2026, 3, 2), amount="0"),
           order("X3", "TB-SHOP-2", "shipped", date(2026, 3, 2))]
    write_jsonl(folder / "06_bad.jsonl", [{**r, "event_id": f"ev-bad-{n}"} for n, r in enumerate(bad)])
    (folder / "07_partial.jsonl.part").write_text("{", encoding="utf-8")  # still being written: left alone
    return folder


@contextmanager
def using(url: str):
    saved = os.environ["DATABASE_URL"]
    os.environ["DATABASE_URL"] = url
    try:
        yield
    finally:
        os.environ["DATABASE_URL"] = saved
        engine_for(url).dispose()


def state(url: str, folder: Path) -> tuple:
    """What must not depend on the kills: the business tables, the events applied, the rejects,
    and where each file ended up."""
    with using(url):
        digests = {name: d for name, d in table_digests().items() if name not in BY_CONTENT}
        with read_scope() as s:
            entries = sorted(s.execute(text("SELECT id, business_date, kind, memo, loan_id, payment_id "
                                             "FROM journal_entries")).all())
            events = sorted(s.execute(text("SELECT event_id, type, outcome FROM feed_events")).all())
            rejects = {(Path(f).name, line, field, reason) for f, line, field, reason in
                       s.execute(text("SELECT file, line, field, reason FROM feed_rejects")).all()}
        assert reconcile().ok
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    return digests, [tuple(e) for e in events], rejects, files, [tuple(e) for e in entries]


def test_a_watcher_killed_at_any_point_applies_every_record_once(db_url, database_template, tmp_path):
    reference_url = database_template.clone()
    try:
        reference = drop_folder(tmp_path, "reference")
        whole = run_cli(reference_url, "feed", "watch", str(reference), "--once", "--batch", "2")
        assert whole.returncode == 1, whole.stderr  # the bad file went to failed/
        expected = state(reference_url, reference)
    finally:
        engine_for(reference_url).dispose()
        database_template.drop(reference_url)
    assert expected[3] == ["07_partial.jsonl.part", "done/01_sellers.jsonl", "done/02_shops.csv",
                           "done/03_orders.jsonl", "done/04_daily_sales.csv.gz", "done/05_behaviour.jsonl",
                           "failed/06_bad.jsonl", "failed/06_bad.jsonl.rejects.csv"]
    assert len(expected[1]) == 18 and len(expected[2]) == 1

    folder = drop_folder(tmp_path, "killed")
    for kill in KILLS:
        killed = run_cli(db_url, "feed", "watch", str(folder), "--once", "--batch", "2", env={CRASH_AT: kill})
        assert killed.returncode == -signal.SIGKILL, (kill, killed.stdout, killed.stderr)
    last = run_cli(db_url, "feed", "watch", str(folder), "--once", "--batch", "2")
    assert last.returncode == 1, last.stderr
    assert state(db_url, folder) == expected



def test_a_file_that_cannot_be_read_goes_to_failed_with_its_reason(db_url, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "bad.jsonl.gz").write_bytes(b"this is no gzip stream")
    result = run_cli(db_url, "feed", "watch", str(folder), "--once")
    assert result.returncode == 1
    failed = sorted(p.name for p in (folder / "failed").iterdir())
    assert failed == ["bad.jsonl.gz", "bad.jsonl.gz.rejects.csv"]
    assert "could not be read" in (folder / "failed" / "bad.jsonl.gz.rejects.csv").read_text(encoding="utf-8")
    assert not list((folder / "done").iterdir())
