"""The audit log (issue #8 item 14): who did what, when, from which portal session.

`record` appends one event in the caller's transaction, so the event commits or
rolls back with the change it records; `record_alone` appends one in a short
transaction of its own (sign-in failures, and runs such as end of day that own
several transactions). Events are never updated or deleted: the table has a
trigger that refuses both (migration 0005). Details are JSON and must never
carry a secret: keys naming a password or a code are refused.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, func, insert
from sqlmodel import Session, col, select

from app.i18n import Text, text
from app.services.access.actor import ADMIN, SYSTEM, Actor, require_role
from app.services.access.inputs import clean_text, is_id
from db.engine import session_scope
from db.models import AuditEvent, User, now_utc

SECRET_WORDS = ("password", "code", "hash")
ACTIONS = ("sign_in", "sign_in_failed", "locked_out", "activation", "activation_failed",  # recorded today
           "login_issued", "draw", "repayment", "decision", "review", "setting_changed", "advance_days",
           "end_of_day", "write_off_recovery", "month_closed")


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user_id: int | None
    username: str
    role: str
    session_id: str | None
    action: str
    subject: str
    details: dict
    what: Text = field(default=None, compare=False)  # the subject in words ("Loan #12", "贷款 #12")

    def __post_init__(self) -> None:
        if self.what is None:
            object.__setattr__(self, "what", _subject_text(self.subject))


_NAMED = ("login", "loan", "decision", "seller")  # subjects written as "<kind> <id or name>"
_PLAIN = {"lender funds": "audit.subject.lender_funds",
          "nightly_pre_approval": "audit.subject.nightly_pre_approval"}


def _subject_text(subject: str) -> Text:
    """A stored subject in the reader's words: "login admin" → "Login admin" / "账号 admin",
    "loan 12" → "Loan #12", "3 days" → "3 days" / "3 天", the dates of an end-of-day run; any other
    subject as it was written."""
    kind, _, rest = subject.partition(" ")
    if kind in _NAMED and rest:
        return text(f"audit.subject.{kind}", value=rest)
    if subject in _PLAIN:
        return text(_PLAIN[subject])
    if days := re.fullmatch(r"(\d+) days?", subject):
        return text("audit.subject.days", n=days.group(1))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(, \d{4}-\d{2}-\d{2})*", subject):
        return text("audit.subject.dates", dates=subject)
    return text("audit.subject.as_is", subject=subject)


def _details_json(details: dict) -> str:
    secret = [key for key in details if any(word in key.lower() for word in SECRET_WORDS)]
    if secret:
        raise ValueError(f"audit details must not carry secrets: {secret}")
    return json.dumps(details, default=str, sort_keys=True, ensure_ascii=False)


def record(session: Session, actor: Actor, action: str, subject: str = "", *, username: str | None = None,
           **details) -> None:
    """Append an event in the caller's transaction (`username` only when the actor has no login).

    One INSERT that reads the login's username itself: every draw and repayment writes one."""
    values = {"at": now_utc(), "user_id": actor.user_id, "role": actor.role[:16],
              "session_id": actor.session_id, "action": action, "subject": subject[:100],
              "details": _details_json(details)}
    if username is None and actor.user_id is not None:
        session.execute(_INSERT_WITH_LOGIN_NAME, {**values, "login_id": actor.user_id})
        return
    if username is None:  # no login to read it from
        username = SYSTEM if actor.role == SYSTEM else ""
    session.execute(_INSERT, {**values, "username": username[:64]})


# Built once (a statement object keys itself for SQLAlchemy's cache once, not per event);
# the first reads the login's username itself.
_INSERT = insert(AuditEvent.__table__)
_INSERT_WITH_LOGIN_NAME = insert(AuditEvent.__table__).values(username=func.coalesce(
    select(func.substr(User.username, 1, 64)).where(User.id == bindparam("login_id")).scalar_subquery(), ""))


def record_alone(actor: Actor, action: str, subject: str = "", *, username: str | None = None,
                 **details) -> None:
    """Append an event in a short transaction of its own."""
    with session_scope() as session:
        record(session, actor, action, subject, username=username, **details)


def audit_log(actor: Actor, *, limit: int = 200, action: str | None = None) -> list[AuditRow]:
    """The latest events, newest first, optionally of one action (admins only)."""
    require_role(actor, ADMIN)
    limit = min(limit, 1000) if is_id(limit) else 200  # a page size from the page, never refused
    action = None if action is None else clean_text(action, max_len=64)
    query = select(AuditEvent)
    if action:
        query = query.where(AuditEvent.action == action)
    with session_scope() as session:
        rows = session.exec(query.order_by(col(AuditEvent.id).desc()).limit(limit)).all()
        return [AuditRow(r.id, r.at, r.user_id, r.username, r.role, r.session_id, r.action, r.subject,
                         json.loads(r.details or "{}")) for r in rows]
