"""`python -m app feed import` (issue 17 item 2): the summary line, exit 0 without rejects and 1
with, the rejects file, and a second import that changes nothing and says so."""

from __future__ import annotations

import csv
import re
from datetime import date

from app.services.end_of_day.reconcile import reconcile
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
