"""Signing in and activating a login (product §2.1; issue #8 items 3, 4 and 11).

`sign_in` checks a username and password and returns the `Actor` the portal acts
as. Five failures in a row lock a login for 15 minutes; a success resets the count.

Counting cannot be beaten by parallel guesses: every attempt is first *reserved*,
one atomic `UPDATE users SET failed_attempts = failed_attempts + 1 … WHERE
username = :u AND (locked_until IS NULL OR locked_until <= now) RETURNING …`
that counts it as a failure before its password is looked at; the reservation
that reaches the fifth failure sets the lock in the same statement. However many
guesses arrive together, at most five are checked; the rest are refused as locked
without a check. The password is verified outside any transaction (argon2 takes
~150 ms, and no connection — on SQLite, no write lock — is held meanwhile). A
success then resets the count in a second short transaction (lifting the lock
only if its own reservation set it: a login locked meanwhile stays locked); a
failure keeps the count its reservation added. A crash between the two leaves
the attempt counted as a failure.

Argon2 runs in at most `HASHING_SLOTS` threads of the process at once; a sign-in
or activation that cannot get a slot within `HASHING_WAIT_SECONDS` is refused
with `SignInBusy` before anything is counted.

No refusal tells whether a username exists: an unknown username, and a login not
activated yet (no password), cost the same argon2 verification as a wrong
password, get the same message and are locked after the same number of failures.
An unknown username has no row to count in: it is counted the same way in memory,
per process (a restart forgets it; at most 10,000 names are kept).

`activate` sets the first password with the one-time code printed by
`create-login`. The code is checked like a password (same reservation, counter
and lock) and spent by a conditional update, so two activations racing with one
code set one password. Successes, failures and lock-outs go to the audit log.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import case, literal, null, or_, update
from sqlmodel import col, select

from app.dates import as_utc
from app.errors import ActivationFailed, LendingError, LoginLocked, PasswordTooWeak, SignInBusy, SignInFailed
from app.i18n import text
from app.passwords import hash_password, verify_password
from app.services.access import audit
from app.services.access.actor import Actor
from app.services.access.inputs import clean_text, is_clean_text
from app.services.accounts.logins import normalise_code
from app.services.store.settings import SHANGHAI
from db.engine import session_scope
from db.models import User

MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8
HASHING_SLOTS = 4  # argon2 verifications or hashes at once in this process
HASHING_WAIT_SECONDS = 3.0
MAX_UNKNOWN_NAMES = 10_000
UNKNOWN = Actor(user_id=None, role="")

_hashing = threading.BoundedSemaphore(HASHING_SLOTS)
_unknown: dict[str, tuple[int, datetime | None]] = {}  # username → (failures, locked until)
_unknown_lock = threading.Lock()


def _now(now: datetime | None) -> datetime:
    return datetime.now(UTC) if now is None else as_utc(now)


def normalise_username(username: str) -> str:
    """Lower case, no surrounding spaces; "" (no such login) for a name no login can have (a NUL byte)."""
    return (username or "").strip().lower() if is_clean_text(username or "", max_len=256) else ""


@contextmanager
def hashing_slot() -> Iterator[None]:
    """One of the process's argon2 slots; `SignInBusy` when none frees up in time."""
    if not _hashing.acquire(timeout=HASHING_WAIT_SECONDS):
        raise SignInBusy(text("auth.busy"))
    try:
        yield
    finally:
        _hashing.release()


@dataclass(frozen=True)
class Attempt:
    """One attempt at a login's secret, reserved: counted as a failure until it proves right."""

    actor: Actor | None  # None: the username does not exist
    secret_hash: str | None = None  # what the secret is checked against (None: nothing matches)
    locks_until: datetime | None = None  # this attempt is the fifth failure: the lock it set
    refused_until: datetime | None = None  # the login is locked: not counted, never checked


@cache
def _throwaway_hash() -> str:
    return hash_password("not-a-password")


def _verify(secret: str, hashed: str | None) -> bool:
    """argon2 verification; with no hash to match, one against a throwaway hash (same cost)."""
    if not hashed:
        verify_password(secret, _throwaway_hash())
        return False
    return verify_password(secret, hashed)


def _count_one_failure(name: str, moment: datetime):
    """The reservation: one more failure (a new count after a lock ran out), the lock at the fifth."""
    locked_until = col(User.locked_until)
    count = case((locked_until.is_(None), User.failed_attempts + 1), else_=1)
    lock = literal(moment + timedelta(minutes=LOCK_MINUTES), User.__table__.c.locked_until.type)
    return (update(User)
            .where(col(User.username) == name, or_(locked_until.is_(None), locked_until <= moment))
            .values(failed_attempts=count,
                    locked_until=case((count >= MAX_FAILED_ATTEMPTS, lock), else_=null())))


def _reserve(name: str, moment: datetime, secret) -> Attempt:
    """Count this attempt before its `secret` column is checked (one short transaction)."""
    if not name:
        return _reserve_unknown(name, moment)
    with session_scope() as session:
        stmt = _count_one_failure(name, moment).returning(User.id, User.role, User.seller_id, secret,
                                                          User.locked_until)
        row = session.execute(stmt, execution_options={"synchronize_session": False}).first()
        locked = None if row else session.exec(select(User).where(User.username == name)).first()
    if row is not None:
        return Attempt(Actor(row[0], row[1], row[2]), row[3], locks_until=row[4])
    if locked is None:
        return _reserve_unknown(name, moment)
    return Attempt(Actor(locked.id, locked.role, locked.seller_id), refused_until=locked.locked_until)


def _reserve_unknown(name: str, moment: datetime) -> Attempt:
    """The same reservation for a username that does not exist, counted in memory."""
    with _unknown_lock:
        failures, until = _unknown.get(name, (0, None))
        if until is not None and until > moment:
            return Attempt(None, refused_until=until)
        failures = 1 if until is not None else failures + 1
        until = moment + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILED_ATTEMPTS else None
        if len(_unknown) >= MAX_UNKNOWN_NAMES:
            _unknown.clear()
        _unknown[name] = (failures, until)
    return Attempt(None, locks_until=until)


def _failure(attempt: Attempt, name: str, action: str, error: LendingError) -> LendingError:
    """Audit a refused attempt (its reservation already counted it) and return the error to raise."""
    until = attempt.refused_until or attempt.locks_until
    details = {"reason": "locked"} if attempt.refused_until else {}
    audit.record_alone(attempt.actor or UNKNOWN, "locked_out" if attempt.locks_until else action,
                       f"login {name}", username=name, **details)
    return _locked(until) if until else error


def _reset(attempt: Attempt, **changes):
    """The success: count reset (and any `changes`), unless the login was locked meanwhile by others."""
    mine = attempt.locks_until is not None  # this very attempt set the lock: its success lifts it
    unlocked = or_(col(User.locked_until).is_(None), literal(mine))
    return (update(User).where(col(User.id) == attempt.actor.user_id, unlocked)
            .values(failed_attempts=0, locked_until=None, **changes))


def _locked(until: datetime) -> LoginLocked:
    local = until.astimezone(SHANGHAI)  # the time the seller reads on their clock (Asia/Shanghai)
    return LoginLocked(text("auth.locked", minutes=LOCK_MINUTES, until=local.strftime("%H:%M (UTC+8)")))


def sign_in(username: str, password: str, *, now: datetime | None = None) -> Actor:
    """The actor (with a new portal session id) for a correct username and password;
    `SignInFailed` (or `LoginLocked`) otherwise, `SignInBusy` when too many sign-ins run at once."""
    moment, name = _now(now), normalise_username(username)
    with hashing_slot():
        attempt = _reserve(name, moment, User.password_hash)
        right = attempt.refused_until is None and _verify(password or "", attempt.secret_hash)
    if not right:
        raise _failure(attempt, name, "sign_in_failed", SignInFailed(text("auth.failed")))
    actor = Actor(attempt.actor.user_id, attempt.actor.role, attempt.actor.seller_id,
                  session_id=secrets.token_urlsafe(12))
    with session_scope() as session:
        session.execute(_reset(attempt), execution_options={"synchronize_session": False})
        audit.record(session, actor, "sign_in", f"login {name}", username=name)
    return actor


def activate(username: str, code: str, new_password: str, *, now: datetime | None = None) -> Actor:
    """Set the first password with the one-time activation code; the code is spent."""
    clean_text(new_password, max_len=1024)  # a password that can be typed (and hashed)
    code = code if isinstance(code, str) else ""
    if len(new_password or "") < MIN_PASSWORD_LENGTH:
        raise PasswordTooWeak(text("auth.password_too_short", length=MIN_PASSWORD_LENGTH))
    moment, name = _now(now), normalise_username(username)
    with hashing_slot():
        attempt = _reserve(name, moment, User.activation_code_hash)
        right = attempt.refused_until is None and _verify(normalise_code(code or ""), attempt.secret_hash)
        new_hash = hash_password(new_password) if right else None
    if right and (actor := _spend_code(attempt, name, new_hash)) is not None:
        return actor
    raise _failure(attempt, name, "activation_failed", ActivationFailed(text("auth.activation_failed")))


def _spend_code(attempt: Attempt, name: str, new_hash: str) -> Actor | None:
    """Set the password if the code is still unspent (a racing twin may have spent it); the actor."""
    actor = Actor(attempt.actor.user_id, attempt.actor.role, attempt.actor.seller_id,
                  session_id=secrets.token_urlsafe(12))
    with session_scope() as session:
        spend = _reset(attempt, password_hash=new_hash, activation_code_hash=None).where(
            col(User.activation_code_hash) == attempt.secret_hash)
        if session.execute(spend, execution_options={"synchronize_session": False}).rowcount != 1:
            return None
        audit.record(session, actor, "activation", f"login {name}", username=name)
    return actor

