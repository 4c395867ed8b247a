"""Signing in and activating a login (product §2.1): no hint whether a username exists,
five failures lock a login for 15 minutes, the one-time code sets the first password;
parallel guesses cannot beat the lock, and argon2 never runs inside a transaction
(issue #8 items 3, 4, 11)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from app.errors import ActivationFailed, LoginLocked, PasswordTooWeak, SignInBusy, SignInFailed
from app.passwords import hash_password
from app.services.access.actor import ADMIN, SELLER, Actor
from app.services.accounts import signin
from app.services.accounts.logins import create_seller_login
from app.services.accounts.signin import activate, sign_in
from app.services.lending.draws import draw_credit_loan
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


# --- parallel guesses, argon2 outside transactions (issue #8 items 3, 4, 11) --------------------


@pytest.fixture
def checked(monkeypatch):
    """The secrets verified with argon2 against a stored hash (None: against the throwaway hash).
    Slots are waited for as long as it takes here: these tests are about counting, not load."""
    monkeypatch.setattr(signin, "HASHING_WAIT_SECONDS", 120)
    seen, lock, verify = [], threading.Lock(), signin._verify

    def spy(secret, hashed):
        with lock:
            seen.append(secret if hashed else None)
        return verify(secret, hashed)

    monkeypatch.setattr(signin, "_verify", spy)
    return seen


def all_at_once(calls) -> list:
    """Run the calls in threads released together; each result, or the exception it raised."""
    start = threading.Barrier(len(calls))

    def run(call):
        start.wait()
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 — the test looks at which exceptions came back
            return exc

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_32_parallel_wrong_guesses_check_five_and_lock_the_login(logins, checked):
    outcomes = all_at_once([lambda k=k: sign_in("seller1", f"guess {k}", now=NOW) for k in range(32)])
    assert all(isinstance(o, SignInFailed) for o in outcomes), outcomes
    assert sum(not isinstance(o, LoginLocked) for o in outcomes) == 4
    assert len(checked) == 5  # never a sixth guess: the fifth reservation set the lock
    row = user_row("seller1")
    assert (row.failed_attempts, row.locked_until) == (5, NOW + timedelta(minutes=15))
    with pytest.raises(LoginLocked):
        sign_in("seller1", "correct horse", now=NOW + timedelta(minutes=1))


def test_the_right_password_among_32_wrong_ones_never_lets_more_than_five_guesses_through(logins, checked):
    calls = [lambda k=k: sign_in("seller1", f"guess {k}", now=NOW) for k in range(32)]
    calls.insert(16, lambda: sign_in("seller1", "correct horse", now=NOW))
    outcomes = all_at_once(calls)
    assert all(isinstance(o, Actor | SignInFailed) for o in outcomes), outcomes
    signed_in = [o for o in outcomes if isinstance(o, Actor)]
    wrong_checked = [s for s in checked if s != "correct horse"]
    row = user_row("seller1")
    if not signed_in:  # the right one came after the fifth reservation: refused unchecked
        assert len(wrong_checked) == 5 and row.locked_until is not None and row.failed_attempts == 5
    else:  # it was among the first five; a success resets the count like a sequential one
        assert len(wrong_checked) <= 2 * 5 - 1


def test_parallel_activations_with_one_code_set_one_password(logins):
    issued = create_seller_login(logins.other_shop_id)
    outcomes = all_at_once([lambda k=k: activate(issued.username, issued.code, f"password {k}", now=NOW)
                            for k in range(4)])
    assert sum(isinstance(o, Actor) for o in outcomes) == 1
    assert all(isinstance(o, Actor | ActivationFailed) for o in outcomes), outcomes
    assert user_row(issued.username).activation_code_hash is None


def test_a_login_without_a_password_costs_the_same_argon2_verification(logins, checked):
    """seller2 has no password yet: its refusal must take as long as a wrong password's (item 11)."""
    timings = {}
    for name in ("seller2", "seller1", "ghost"):
        started = time.perf_counter()
        with pytest.raises(SignInFailed):
            sign_in(name, "nope", now=NOW)
        timings[name] = time.perf_counter() - started
    assert checked == [None, "nope", None]  # one argon2 verification each, real or throwaway
    print("sign-in refusal times (s):", {k: round(v, 3) for k, v in timings.items()})


def test_a_sign_in_with_no_free_hashing_slot_is_busy_and_counts_nothing(logins, monkeypatch):
    monkeypatch.setattr(signin, "HASHING_WAIT_SECONDS", 0.05)
    taken = [signin._hashing.acquire(timeout=5) for _ in range(signin.HASHING_SLOTS)]
    try:
        with pytest.raises(SignInBusy) as busy:
            sign_in("seller1", "correct horse", now=NOW)
        with pytest.raises(SignInBusy):
            activate("seller1", "AAAA-BBBB-CCCC", "a long password", now=NOW)
    finally:
        for _ in taken:
            signin._hashing.release()
    assert busy.value.render("en") == "Sign-in is busy; please try again in a moment."
    assert busy.value.render("zh") == "登录繁忙，请稍后再试。"
    assert user_row("seller1").failed_attempts == 0
    assert sign_in("seller1", "correct horse", now=NOW).seller_id == logins.seller_id


def test_64_parallel_sign_ins_do_not_stall_another_sellers_draw(logins):
    with session_scope() as session:
        user = session.exec(select(User).where(User.username == "seller2")).one()
        user.password_hash = hash_password("seller two pass")
        session.add(user)
    tries = [("seller2", "seller two pass"), ("boss", "admin-pass"), ("ghost", "whatever"), ("boss", "nope")]
    calls = [lambda k=k: sign_in(*tries[k % 4]) for k in range(64)]
    drawn = {}

    def draw():
        time.sleep(0.3)  # the sign-ins are under way
        started = time.perf_counter()
        drawn["loan"] = draw_credit_loan(logins.seller, shop_id=logins.shop_id, amount="1000.00", months=1,
                                         method="bullet", idempotency_key="during-sign-ins")
        drawn["seconds"] = time.perf_counter() - started
        return drawn["loan"]

    started = time.perf_counter()
    outcomes = all_at_once([*calls, draw])
    elapsed = time.perf_counter() - started
    unexpected = [o for o in outcomes[:-1] if not isinstance(o, Actor | SignInFailed | SignInBusy)]
    assert unexpected == []
    assert outcomes[-1] is drawn["loan"] and drawn["loan"].id is not None
    counts = {kind.__name__: sum(type(o) is kind for o in outcomes[:-1])
              for kind in (Actor, SignInFailed, LoginLocked, SignInBusy)}
    print(f"64 sign-ins in {elapsed:.2f} s: {counts}; the other seller's draw took {drawn['seconds']:.3f} s")
