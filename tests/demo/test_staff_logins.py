"""Staff logins with a one-time code (`create-login --staff`), and demo logins that never
share a password hash (issue #8 item 11)."""

from __future__ import annotations

import re

import pytest
from sqlmodel import func, select

from app.cli import main
from app.passwords import verify_password
from app.services.accounts.logins import normalise_code
from app.services.accounts.signin import activate, sign_in
from db.engine import session_scope
from db.models import User
from tests.demo.test_cli_database import add_seller, one_line_error

CODE = re.compile(r"One-time activation code: ([A-Z0-9-]+)$", re.MULTILINE)


def issued(capsys) -> tuple[str, str]:
    out, err = capsys.readouterr()
    assert err == "" and CODE.search(out), (out, err)
    return out, CODE.search(out).group(1)


def test_create_login_staff_makes_a_risk_login_that_activates_with_its_code(db_url, capsys):
    assert main(["create-login", "--staff", " Wang.Risk ", "--role", "risk"]) == 0
    out, code = issued(capsys)
    assert "Login wang.risk (created) for role risk." in out
    with session_scope() as s:
        user = s.exec(select(User).where(User.username == "wang.risk")).one()
    assert (user.role, user.seller_id, user.password_hash) == ("risk", None, None)
    assert code not in user.activation_code_hash
    assert verify_password(normalise_code(code), user.activation_code_hash)
    actor = activate("wang.risk", code, "a long password")
    assert actor.role == "risk" and sign_in("wang.risk", "a long password") == actor


def test_create_login_staff_again_gives_a_new_code_and_never_takes_a_sellers_name(db_url, capsys):
    assert main(["create-login", "--staff", "boss", "--role", "admin"]) == 0
    _, first = issued(capsys)
    assert main(["create-login", "--staff", "boss", "--role", "admin"]) == 0
    out, second = issued(capsys)
    assert "(existing, new code)" in out and first != second
    add_seller(1, username="seller1")
    assert main(["create-login", "--staff", "seller1", "--role", "admin"]) == 2
    one_line_error(capsys, "taken by a seller login")
    assert main(["create-login", "--staff", "boss", "--role", "risk"]) == 2
    one_line_error(capsys, "taken by a admin login")
    with session_scope() as s:
        assert s.exec(select(func.count()).select_from(User)).one() == 2


def test_create_login_refuses_a_role_without_staff_or_staff_without_a_role(db_url, capsys):
    assert main(["create-login", "--staff", "x"]) == 2
    one_line_error(capsys, "--role goes with --staff")
    assert main(["create-login", "--seller", "SHOP0001", "--role", "risk"]) == 2
    one_line_error(capsys, "--role goes with --staff")
    with pytest.raises(SystemExit) as refused:  # argparse: not a staff role
        main(["create-login", "--staff", "x", "--role", "seller"])
    assert refused.value.code == 2


def test_no_two_demo_logins_share_a_password_hash(seeded_demo, demo_copy, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_copy)
    with session_scope() as s:
        hashes = s.exec(select(User.password_hash).where(User.password_hash.is_not(None))).all()
    assert len(hashes) == 8 and len(set(hashes)) == 8
