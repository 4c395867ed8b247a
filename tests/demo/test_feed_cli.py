"""`python -m app feed import` (issue 17 item 2): the summary line, exit 0 without rejects and 1
with, the rejects file, and a second import that changes nothing and says so."""

from __future__ import annotations

import csv
import gzip
import re
from datetime import date

import pytest
from sqlmodel import col, select

from app.services.end_of_day.reconcile import reconcile
from db.engine import session_scope
from db.models import PlatformOrder
from tests.demo.conftest import run_cli
from tests.support.feed_records import SAMPLES, order, write_jsonl

SUMMARY = re.compile(r"^read (\d+), imported (\d+), unchanged (\d+), rejected (\d+) in \d+\.\d s$", re.M)


def counts(stdout: str) -> tuple[int, ...]:
    match = SUMMARY.search(stdout)
    assert match, stdout
    return tuple(int(n) for n in match.groups())


def test_importing_the_samples_twice_imports_once_and_then_says_nothing_changed(db_url, tmp_path):
    first = run_cli(db_url, "feed", "import", str(SAMPLES), "--rejects", str(tmp_path / "r.csv"))
    assert (first.returncode, counts(first.stdout)) == (0, (16, 16, 0, 0)), first.stderr
    second = run_cli(db_url, "feed", "import", str(SAMPLES), "--rejects", str(tmp_path / "r.csv"))
    assert (second.returncode, counts(second.stdout)) == (0, (16, 0, 16, 0))
    assert "nothing to import: every record was applied before" in second.stdout
    assert not (tmp_path / "r.csv").exists()
    assert reconcile().ok


def test_rejects_go_to_the_rejects_file_and_the_command_exits_1(db_url, tmp_path):
    run_cli(db_url, "feed", "import", str(SAMPLES))
    bad = write_jsonl(tmp_path / "bad.jsonl", [
        order("N1", "TB-SHOP-1", "placed", date(2026, 3, 2), amount="9.999"),
        order("N2", "TB-SHOP-1", "placed", date(2026, 3, 2)),
        order("N3", "NOPE", "placed", date(2026, 3, 2))])
    rejects = tmp_path / "rejects.csv"
    result = run_cli(db_url, "feed", "import", str(bad), "--rejects", str(rejects))
    assert (result.returncode, counts(result.stdout)) == (1, (3, 1, 0, 2))
    with rejects.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["file"], r["line"], r["field"]) for r in rows] == [
        (str(bad), "1", "amount"), (str(bad), "3", "shop_id")]
    assert rows[1]["reason"] == "unknown shop “NOPE”: no shop record with this id was imported"


def test_a_path_that_does_not_exist_is_a_usage_error(db_url, tmp_path):
    result = run_cli(db_url, "feed", "import", str(tmp_path / "missing.jsonl"))
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr


@pytest.mark.parametrize("command", ["import", "watch"])
def test_a_name_too_long_for_the_system_is_a_usage_error_not_a_traceback(db_url, command):
    result = run_cli(db_url, "feed", command, "9" * 400)  # the fuzz found pathlib raising ENAMETOOLONG
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "no such" in result.stderr, result.stderr


def test_a_file_broken_midway_keeps_the_batches_before_and_exits_1(db_url, tmp_path):
    run_cli(db_url, "feed", "import", str(SAMPLES))
    lines = "".join(f'{{"type":"order","version":1,"event_id":"cut-{n}",'
                    f'"occurred_at":"2026-03-02T10:00:00+08:00","order_id":"CUT{n}","shop_id":"TB-SHOP-1","status":"placed","amount":"10.00"}}\n'
                    for n in range(400))
    whole = gzip.compress(lines.encode())
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(whole[: len(whole) * 3 // 4])  # the end of the gzip stream is missing
    result = run_cli(db_url, "feed", "import", str(broken), "--batch", "50")
    assert result.returncode == 1
    assert result.stderr.startswith("python -m app feed import: error: ")
    assert "could not be read" in result.stderr
    with session_scope() as s:
        cut = s.exec(select(PlatformOrder.platform_id)
                     .where(col(PlatformOrder.platform_id).startswith("CUT"))).all()
    assert 0 < len(cut) < 400 and len(cut) % 50 == 0  # whole batches only
    assert reconcile().ok
