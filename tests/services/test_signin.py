"""Signing in and activating a login (product §2.1): no hint whether a username exists,
five failures lock a login for 15 minutes, the one-time code sets the first password."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from app.errors import ActivationFailed, LoginLocked, PasswordTooWeak, SignInFailed
from app.passwords import hash_password
from app.services import signin
from app.services.actor import ADMIN, SELLER
from app.services.logins import create_seller_login
from app.services.signin import activate, sign_in
from db.engine import session_scope
from db.models import User

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def forget_unknown_usernames():
    """Failures of unknown usernames are counted in memory, per process."""
    signin._unknown.clear()
    yield
    signin._unknown.clear()


@pytest.fixture
def logins(book):
    """seller1 with password "correct horse"; an admin "boss"."""
    with session_scope() as session:
        user = session.exec(select(User).where(User.username == "seller1")).one()
        user.password_hash = hash_password("correct horse")
        session.add(user)
        session.add(User(username="boss", role=ADMIN, password_hash=hash_password("admin-pass")))
    return book


def user_row(username: str) -> User:
    with session_scope() as session:
        return session.exec(select(User).where(User.username == username)).one()


def message_of(call) -> str:
    with pytest.raises(SignInFailed) as caught:
        call()
    return caught.value.render("en")


def test_the_right_password_signs_the_seller_in_as_themself(logins):
    actor = sign_in(" Seller1 ", "correct horse", now=NOW)
    assert (actor.role, actor.seller_id) == (SELLER, logins.seller_id)
    assert sign_in("boss", "admin-pass", now=NOW).role == ADMIN


def test_a_wrong_password_and_an_unknown_username_get_the_same_message(logins):
    wrong_password = message_of(lambda: sign_in("seller1", "wrong password", now=NOW))
    unknown_user = message_of(lambda: sign_in("nobody-here", "wrong password", now=NOW))
    assert wrong_password == unknown_user
    assert "username or password" in wrong_password
    assert message_of(lambda: sign_in("seller1", "", now=NOW)) == wrong_password


def test_five_failures_lock_the_login_for_15_minutes_even_for_the_right_password(logins):
    for _ in range(4):
        with pytest.raises(SignInFailed) as caught:
            sign_in("seller1", "nope", now=NOW)
        assert not isinstance(caught.value, LoginLocked)
    assert user_row("seller1").failed_attempts == 4
    with pytest.raises(LoginLocked):
        sign_in("seller1", "nope", now=NOW)
    locked_until = user_row("seller1").locked_until
    assert locked_until == NOW + timedelta(minutes=15) and locked_until.tzinfo is not None
    with pytest.raises(LoginLocked) as caught:
        sign_in("seller1", "correct horse", now=NOW + timedelta(minutes=14, seconds=59))
    assert "15 minutes" in caught.value.render("en") and "15 分钟" in caught.value.render("zh")
    actor = sign_in("seller1", "correct horse", now=NOW + timedelta(minutes=15, seconds=1))
    assert actor.seller_id == logins.seller_id
    row = user_row("seller1")
    assert (row.failed_attempts, row.locked_until) == (0, None)


def test_a_success_resets_the_count_of_failures(logins):
    for _ in range(4):
        with pytest.raises(SignInFailed):
            sign_in("seller1", "nope", now=NOW)
    sign_in("seller1", "correct horse", now=NOW)
    for _ in range(4):
        with pytest.raises(SignInFailed) as caught:
            sign_in("seller1", "nope", now=NOW)
        assert not isinstance(caught.value, LoginLocked)


def test_an_unknown_username_is_locked_after_five_failures_too(logins):
    known, unknown = [], []
    for _ in range(5):
        known.append(message_of(lambda: sign_in("seller2", "nope", now=NOW)))
        unknown.append(message_of(lambda: sign_in("ghost", "nope", now=NOW)))
    # seller2 has no password yet: it fails like any other login, and locks like one
    assert [m.split(" (until")[0] for m in known] == [m.split(" (until")[0] for m in unknown]
    assert "locked" in unknown[-1]


def test_activation_sets_the_password_once_with_the_one_time_code(logins):
    issued = create_seller_login(logins.other_shop_id)  # seller2's login gets a code
    with pytest.raises(PasswordTooWeak):
        activate(issued.username, issued.code, "short")
    with pytest.raises(ActivationFailed):
        activate(issued.username, "AAAA-BBBB-CCCC", "a long password")
    actor = activate(issued.username, issued.code.lower().replace("-", " - "), "a long password", now=NOW)
    assert actor.role == SELLER and actor.seller_id is not None
    assert sign_in(issued.username, "a long password", now=NOW) == actor
    with pytest.raises(ActivationFailed):  # the code is spent
        activate(issued.username, issued.code, "another long password")
    with pytest.raises(ActivationFailed):  # same message for a username that does not exist
        activate("ghost", issued.code, "another long password")


def test_every_sign_in_message_exists_in_both_languages(logins):
    error = pytest.raises(SignInFailed, sign_in, "seller1", "nope", now=NOW).value
    assert error.render("zh") != error.render("en") and "用户名或密码" in error.render("zh")
