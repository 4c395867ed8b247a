"""Signing in and activating a login (product §2.1).

`sign_in` checks a username and password and returns the `Actor` the portal acts
as. Its refusal never tells whether the username exists: an unknown username
costs the same argon2 verification, gets the same message and is locked after
the same number of failures (counted in memory, as there is no row to count in).
Five failures in a row lock a login for 15 minutes. `activate` sets the first
password with the one-time code printed by `create-login`; the code is then spent.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from app.errors import ActivationFailed, LoginLocked, PasswordTooWeak, SignInFailed
from app.i18n import text
from app.passwords import hash_password, verify_password
from app.services.actor import Actor
from app.services.inputs import is_clean_text
from app.services.logins import normalise_code
from app.services.settings import SHANGHAI
from db.engine import session_scope
from db.models import User

MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def normalise_username(username: str) -> str:
    """Lower case, no surrounding spaces; "" (no such login) for a name no login can have (a NUL byte)."""
    return (username or "").strip().lower() if is_clean_text(username or "", max_len=256) else ""


_dummy_hash: str | None = None
_unknown: dict[str, tuple[int, datetime | None]] = {}  # username → (failures, locked until)
_unknown_lock = threading.Lock()


def _spend_a_verification(password: str) -> None:
    """Verify against a throwaway hash, so an unknown username takes as long as a known one."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = hash_password("not-a-password")
    verify_password(password, _dummy_hash)


def sign_in(username: str, password: str, *, now: datetime | None = None) -> Actor:
    """The actor for a correct username and password; `SignInFailed` (or `LoginLocked`) otherwise."""
    moment = _now(now)
    name = normalise_username(username)
    with session_scope() as session:
        user = session.exec(select(User).where(User.username == name)).first() if name else None
        if user is None:
            _unknown_attempt(name, password, moment)
        locked_until = _aware(user.locked_until)
        if locked_until is not None and locked_until > moment:
            raise _locked(locked_until)
        if verify_password(password or "", user.password_hash):
            user.failed_attempts, user.locked_until = 0, None
            session.add(user)
            return Actor(user.id, user.role, user.seller_id)
        user.failed_attempts = (0 if locked_until is not None else user.failed_attempts) + 1
        user.locked_until = None
        if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
            user.failed_attempts, user.locked_until = 0, moment + timedelta(minutes=LOCK_MINUTES)
        session.add(user)
        error = _locked(user.locked_until) if user.locked_until else SignInFailed(text("auth.failed"))
    raise error  # after the commit: the failure is counted


def _unknown_attempt(name: str, password: str, moment: datetime) -> None:
    """The refusal a known login would get, for a username that does not exist."""
    with _unknown_lock:
        failures, locked_until = _unknown.get(name, (0, None))
    if locked_until is not None and locked_until > moment:
        raise _locked(locked_until)
    _spend_a_verification(password or "")
    failures = (0 if locked_until is not None else failures) + 1
    locked_until = None
    if failures >= MAX_FAILED_ATTEMPTS:
        failures, locked_until = 0, moment + timedelta(minutes=LOCK_MINUTES)
    with _unknown_lock:
        if len(_unknown) > 10_000:
            _unknown.clear()
        _unknown[name] = (failures, locked_until)
    raise _locked(locked_until) if locked_until else SignInFailed(text("auth.failed"))


def _locked(until: datetime) -> LoginLocked:
    local = until.astimezone(SHANGHAI)  # the time the seller reads on their clock (Asia/Shanghai)
    return LoginLocked(text("auth.locked", minutes=LOCK_MINUTES, until=local.strftime("%H:%M (UTC+8)")))


def activate(username: str, code: str, new_password: str, *, now: datetime | None = None) -> Actor:
    """Set the first password with the one-time activation code; the code is spent."""
    if len(new_password or "") < MIN_PASSWORD_LENGTH:
        raise PasswordTooWeak(text("auth.password_too_short", length=MIN_PASSWORD_LENGTH))
    moment = _now(now)
    name = normalise_username(username)
    with session_scope() as session:
        user = session.exec(select(User).where(User.username == name)).first() if name else None
        if user is None or not user.activation_code_hash:
            _spend_a_verification(code or "")
            raise ActivationFailed(text("auth.activation_failed"))
        locked_until = _aware(user.locked_until)
        if locked_until is not None and locked_until > moment:
            raise _locked(locked_until)
        if not verify_password(normalise_code(code or ""), user.activation_code_hash):
            user.failed_attempts += 1
            if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
                user.failed_attempts, user.locked_until = 0, moment + timedelta(minutes=LOCK_MINUTES)
            session.add(user)
            error = ActivationFailed(text("auth.activation_failed"))
        else:
            user.password_hash = hash_password(new_password)
            user.activation_code_hash, user.failed_attempts, user.locked_until = None, 0, None
            session.add(user)
            return Actor(user.id, user.role, user.seller_id)
    raise error
