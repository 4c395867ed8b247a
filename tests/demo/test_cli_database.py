"""`init-db`, `seed-demo` and `create-login` (product §5): exit codes and output.

The full seed through the command line runs in tests/demo/test_seed.py."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, inspect
from sqlmodel import select

from app.cli import main
from app.cli.database import safe_url
from app.passwords import hash_password, verify_password
from app.services.accounts.logins import normalise_code
from db.engine import engine_for, session_scope
from db.models import Seller, Shop, User

CODE = re.compile(r"One-time activation code: ([A-Z0-9-]+)$", re.MULTILINE)


def add_seller(index: int = 1, username: str | None = None) -> str:
    with session_scope() as s:
        seller = Seller(name=f"Seller {index}", resident_id=f"11010519491231{index:03d}X")
        s.add(seller)
        s.flush()
        s.add(Shop(id=f"SHOP{index:04d}", seller_id=seller.id, name=f"Shop {index}", category="toys",
                   member_since=date(2024, 1, 1)))
        if username:
            s.add(User(username=username, role="seller", seller_id=seller.id))
    return f"SHOP{index:04d}"


def sellers() -> int:
    with session_scope() as s:
        return s.exec(select(func.count()).select_from(Seller)).one()


def one_line_error(capsys, fragment: str) -> None:
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and fragment in err


# --- init-db ---------------------------------------------------------------------------------------


def test_init_db_creates_the_schema_and_can_run_again(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'fresh' / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["init-db"]) == 0
    assert url in capsys.readouterr().out
    engine = engine_for(url)
    assert {"sellers", "loans", "journal_lines", "alembic_version"} <= set(inspect(engine).get_table_names())
    assert main(["init-db"]) == 0  # already at the latest revision: nothing to do
    engine.dispose()


def test_the_printed_url_never_shows_a_password():
    shown = safe_url("postgresql+psycopg://lender:s3cret@db.example:5432/microloan")
    assert "s3cret" not in shown
    assert "lender" in shown and "db.example" in shown


# --- seed-demo -------------------------------------------------------------------------------------


def test_seed_demo_refuses_a_database_that_has_sellers(db_url, capsys):
    add_seller()
    assert main(["seed-demo"]) == 2
    one_line_error(capsys, "already has sellers")
    assert sellers() == 1


def test_seed_demo_if_empty_refuses_too_when_the_sellers_are_not_a_demo(db_url, capsys):
    add_seller()
    assert main(["seed-demo", "--if-empty", "--seed", "3"]) == 2
    one_line_error(capsys, "not a demo database")
    assert sellers() == 1


def test_seed_demo_asks_for_init_db_first(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    assert main(["seed-demo"]) == 2
    one_line_error(capsys, "run init-db first")


def test_seed_demo_refuses_a_bad_date(db_url, capsys):
    assert main(["seed-demo", "--today", "2026-02-30"]) == 2
    one_line_error(capsys, "--today")
    assert sellers() == 0


# --- create-login ----------------------------------------------------------------------------------


def issued_code(capsys) -> str:
    out, err = capsys.readouterr()
    assert err == ""
    match = CODE.search(out)
    assert match, out
    return match.group(1)


def test_create_login_makes_a_seller_login_with_a_hashed_one_time_code(db_url, capsys):
    shop_id = add_seller()
    assert main(["create-login", "--seller", shop_id.lower()]) == 0
    code = issued_code(capsys)
    with session_scope() as s:
        user = s.exec(select(User)).one()
        seller = s.exec(select(Seller)).one()
    assert (user.username, user.role, user.seller_id) == ("shop0001", "seller", seller.id)
    assert user.password_hash is None
    assert code not in user.activation_code_hash  # only a hash is stored
    assert verify_password(normalise_code(code.lower()), user.activation_code_hash)


def test_create_login_again_issues_a_new_code_for_the_same_login(db_url, capsys):
    shop_id = add_seller(2, username="seller2")  # e.g. a demo login: it keeps its name
    assert main(["create-login", "--seller", shop_id]) == 0
    first = issued_code(capsys)
    assert main(["create-login", "--seller", shop_id]) == 0
    second = issued_code(capsys)
    with session_scope() as s:
        users = s.exec(select(User)).all()
    assert [u.username for u in users] == ["seller2"]
    assert first != second
    assert verify_password(second, users[0].activation_code_hash)
    assert not verify_password(first, users[0].activation_code_hash)


def test_create_login_for_a_missing_shop_exits_2_with_nothing_on_stdout(db_url, capsys):
    assert main(["create-login", "--seller", "SHOP9999"]) == 2
    one_line_error(capsys, "SHOP9999")
    with session_scope() as s:
        assert s.exec(select(func.count()).select_from(User)).one() == 0


def test_passwords_are_argon2_and_verify_only_the_right_secret():
    hashed = hash_password("demo1234")
    assert hashed.startswith("$argon2")
    assert verify_password("demo1234", hashed)
    assert not verify_password("demo1235", hashed)
    assert not verify_password("demo1234", None)
    assert not verify_password("demo1234", "not a hash")


# --- help ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["init-db", "seed-demo", "create-login", "advance-days"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "usage: python -m app " + command in capsys.readouterr().out
