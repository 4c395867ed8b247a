"""Bad command-line input is refused in one line, without a traceback (issue #8 D):
a mistyped DATABASE_URL, a model version that is a path, a demo date out of range."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from app.cli import main
from app.scoring.scorecard import MODELS
from db.engine import session_scope
from db.models import Seller

ROOT = Path(__file__).resolve().parents[2]


def one_line_error(capsys, *fragments: str) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for fragment in fragments:
        assert fragment in err, err
    return err


def files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*"))


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("sqlite:///{tmp}/no/such/dir/x.db", "folder of the database file does not exist"),
        ("sqlite:///{tmp}/", "names a folder"),
        ("sqlite:///{tmp}", "names a folder"),
        ("sqlit:///x.db", "unknown kind of database 'sqlit'"),
        ("not a url", "is not a database URL"),
        ("postgresql+psycopg://lender:s3cret@127.0.0.1:1/microloan", "cannot open the database at"),
    ],
)
@pytest.mark.parametrize("command", [["init-db"], ["seed-demo"], ["reconcile"]])
def test_a_mistyped_database_url_is_one_clear_line(url, says, command, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url.format(tmp=tmp_path))
    assert main(command) == 1
    err = one_line_error(capsys, says)
    assert "s3cret" not in err
    assert files_under(tmp_path) == []  # no folder made, no empty database file left behind


def test_a_command_that_fails_leaves_no_empty_database_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'typo.db'}")
    assert main(["seed-demo"]) == 2
    one_line_error(capsys, "run init-db first")
    assert files_under(tmp_path) == []


def test_the_process_prints_no_traceback_for_a_bad_url(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/missing/dir/app.db"}
    done = subprocess.run([sys.executable, "-m", "app", "init-db"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1
    assert done.stdout == "" and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "does not exist" in done.stderr
    assert files_under(tmp_path) == []


@pytest.mark.parametrize("version", ["../../x", "../x", "a/b", "/tmp/x", ".hidden", "x" * 33, "a\x00b", "",
                                     "a..b", "mlf score"])
def test_fit_model_refuses_a_version_that_is_not_a_plain_name(version, db_url, capsys):
    before = files_under(MODELS.parent)
    assert main(["fit-model", "--version", version]) == 2
    one_line_error(capsys, "--version", "app/scoring/models/")
    assert files_under(MODELS.parent) == before


def sellers() -> int:
    with session_scope() as s:
        return s.exec(select(func.count()).select_from(Seller)).one()


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01", "1999-12-31", "3000-01-01"])
def test_seed_demo_refuses_a_date_its_simulation_cannot_reach(today, db_url, capsys):
    assert main(["seed-demo", "--today", today]) == 2
    one_line_error(capsys, "--today", "out of range")
    assert sellers() == 0
