"""Browser sessions that survive a reload (issue #16 item 11): a signed, opaque token that
names a server-side session, whose idle timeout is checked and renewed on every page run.

Why a token in the URL (`?session=…`, kept there by `components.session`) and not a cookie:
Streamlit can read cookies (`st.context.cookies`) but never set one, so a cookie needs a
third-party component whose JavaScript writes it from an iframe, after the page's first run
— a reload would show the sign-in panel for a moment, and AppTest cannot run it. A query
parameter is Streamlit's own means: the entry script reads it on the very first run of a
reloaded page and restores the session before any page runs (no flash, no JavaScript, testable
in AppTest and Playwright), and it needs no new dependency. The known cost of a token in a
URL is that it is as good as a password while it lives: it is in the browser's history and in
a link the user copies. So it lives briefly and is checked here, not trusted:

- the token is `<id>.<signature>`: 24 random bytes and an HMAC-SHA256 of them under the
  server's secret (`SESSION_SECRET` from the environment, or one made once and kept in the
  settings table); a token not signed by the server is refused without a database look-up;
- the database keeps only the SHA-256 of the id, so a copy of the database gives no token;
- the row says whose session it is, when it was last seen and whether it ended: a signed-out
  session (`end`) or one idle longer than `IDLE_SECONDS` is refused for good, whoever
  presents its token; every accepted use renews the last-seen time (at most one write per
  `RENEW_SECONDS`, so the idle timeout is enforced to within a minute);
- signing in always makes a new token (an old URL never resumes a new sign-in).

A session also keeps the seller's journey (`journey`): a pending confirmation and the form
values it was made from, so that a reload shows the same confirmation (`save_journey`).

Every function takes `now` (a timezone-aware datetime), by default `utc_now()`: tests move
the clock rather than wait.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from app.dates import as_utc
from app.errors import PermissionDenied
from app.i18n import text
from app.services.access.actor import Actor, require_well_formed
from app.services.store.settings import read_setting, write_setting
from db.engine import database_url, read_scope, session_scope
from db.models import User, WebSession

IDLE_SECONDS = 30 * 60  # product §2.1: signed out after 30 minutes without activity
RENEW_SECONDS = 60  # the last-seen time is written at most once a minute
FORGET_AFTER = timedelta(days=7)  # ended and expired rows are deleted after this long
SECRET_ENV, SECRET_SETTING = "SESSION_SECRET", "session_secret"
ID_BYTES, SIGNATURE_CHARS = 24, 43
TOKEN_SHAPE = re.compile(rf"[A-Za-z0-9_-]{{32}}\.[A-Za-z0-9_-]{{{SIGNATURE_CHARS}}}")  # base64url: id.sig
ENDED_SIGNED_OUT, ENDED_IDLE = "signed_out", "idle"


@dataclass(frozen=True)
class Resumed:
    """What a token names: who is signed in and their saved journey; or, when the session is
    not usable, no actor — `idle` says it ran out rather than was refused (forged, signed out)."""

    actor: Actor | None
    username: str = ""
    journey: dict = field(default_factory=dict)
    idle: bool = False


REFUSED, IDLE = Resumed(None), Resumed(None, idle=True)


class _Refused(Exception):
    pass


def utc_now() -> datetime:
    """The clock sessions are timed by (tests replace it, rather than wait)."""
    return datetime.now(UTC)


def _now(now: datetime | None) -> datetime:
    return as_utc(now or utc_now())


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; they are UTC."""
    return as_utc(moment)


@lru_cache(maxsize=8)
def _stored_secret(url: str) -> bytes:
    """The signing secret kept in the settings table of the database at `url`, made on first use."""
    with read_scope() as session:
        found = read_setting(session, SECRET_SETTING)
    if found is None:
        try:
            with session_scope() as session:
                write_setting(session, SECRET_SETTING, secrets.token_urlsafe(48))
        except IntegrityError:  # another process made it first: use theirs
            pass
        with read_scope() as session:
            found = read_setting(session, SECRET_SETTING)
    return found.encode()


def _secret() -> bytes:
    from_env = os.environ.get(SECRET_ENV, "")
    if from_env:
        if len(from_env) < 32:
            raise RuntimeError(f"{SECRET_ENV} must be at least 32 characters")
        return from_env.encode()
    return _stored_secret(database_url())


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _signature(session_id: str) -> str:
    return _b64(hmac.new(_secret(), session_id.encode(), hashlib.sha256).digest())


def _row_id(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _checked_id(token: object) -> str:
    """The id part of a token the server signed; `_Refused` for anything else."""
    if not isinstance(token, str) or not TOKEN_SHAPE.fullmatch(token):
        raise _Refused()
    session_id, signature = token.split(".")
    if not hmac.compare_digest(signature, _signature(session_id)):
        raise _Refused()
    return session_id


def open_session(actor: Actor, *, now: datetime | None = None) -> str:
    """A new server-side session for a signed-in actor (one with a login); the token that names it."""
    require_well_formed(actor)
    if actor.user_id is None:
        raise PermissionDenied(text("access.denied"))
    moment = _now(now)
    session_id = _b64(secrets.token_bytes(ID_BYTES))
    with session_scope() as session:
        session.execute(delete(WebSession).where(col(WebSession.last_seen_at) < moment - FORGET_AFTER))
        session.add(WebSession(id=_row_id(session_id), user_id=actor.user_id,
                               audit_session=actor.session_id or "", created_at=moment, last_seen_at=moment))
    return f"{session_id}.{_signature(session_id)}"


def resume(token: object, *, now: datetime | None = None, idle_seconds: int = IDLE_SECONDS) -> Resumed:
    """The signed-in actor a token names, its last-seen time renewed; `REFUSED` when the token
    is forged or its session was signed out, `IDLE` when it was idle longer than `idle_seconds`
    (it then ends for good)."""
    try:
        row_id = _row_id(_checked_id(token))
    except _Refused:
        return REFUSED
    moment = _now(now)
    with read_scope() as session:
        found = session.exec(select(WebSession, User).join(User, col(User.id) == WebSession.user_id)
                             .where(WebSession.id == row_id)).first()
    if found is None or found[0].ended_at is not None:
        return IDLE if found is not None and found[0].ended_why == ENDED_IDLE else REFUSED
    row, user = found
    seen = _aware(row.last_seen_at)
    if moment - seen > timedelta(seconds=idle_seconds):
        _end(row_id, ENDED_IDLE, moment)
        return IDLE
    if moment - seen >= timedelta(seconds=RENEW_SECONDS) and not _renew(row_id, moment, idle_seconds):
        return REFUSED  # ended meanwhile (signed out in another tab)
    actor = Actor(user.id, user.role, user.seller_id, session_id=row.audit_session or None)
    return Resumed(actor, user.username, json.loads(row.journey or "{}"))


def _renew(row_id: str, moment: datetime, idle_seconds: int) -> bool:
    """Move the last-seen time on, only while the session is live (one conditional UPDATE)."""
    with session_scope() as session:
        renewed = session.execute(
            update(WebSession).where(col(WebSession.id) == row_id, col(WebSession.ended_at).is_(None),
                                     col(WebSession.last_seen_at) >= moment - timedelta(seconds=idle_seconds))
            .values(last_seen_at=moment), execution_options={"synchronize_session": False})
        return renewed.rowcount == 1


def _update_live(row_id: str, **values) -> int:
    """Change a session that has not ended; how many rows changed (0 or 1)."""
    with session_scope() as session:
        live = update(WebSession).where(col(WebSession.id) == row_id, col(WebSession.ended_at).is_(None))
        done = session.execute(live.values(**values), execution_options={"synchronize_session": False})
        return done.rowcount


def _end(row_id: str, why: str, moment: datetime) -> None:
    _update_live(row_id, ended_at=moment, ended_why=why)


def end(token: object, *, now: datetime | None = None) -> None:
    """Sign out: the session ends, and its token is refused from now on (a forged one: nothing)."""
    try:
        row_id = _row_id(_checked_id(token))
    except _Refused:
        return
    _end(row_id, ENDED_SIGNED_OUT, _now(now))


def save_journey(token: object, journey: dict) -> None:
    """Keep the seller's pending confirmation and its form values with a live session (plain
    JSON values only: `components.session` encodes them)."""
    try:
        row_id = _row_id(_checked_id(token))
    except _Refused:
        return
    _update_live(row_id, journey=json.dumps(journey, sort_keys=True))
