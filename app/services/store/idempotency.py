"""Idempotency keys for draws and repayments (rules §11).

The same key with the same request returns the first result and moves no
money; the same key with a different request is refused. A refused request
stores nothing, so its key stays free.

Every keyed service runs the same prologue through `KeyedRequest`:

    request = KeyedRequest.of(actor, key, "repayment", {...})
    with session_scope() as session:
        if (earlier := request.earlier(session)) is not None: return <its result>
        ...take the seller or loan lock...
        if (earlier := request.earlier(session)) is not None: return <its result>
        ...act..., then request.remember(session, loan_id=...)

The second look-up matters on PostgreSQL: a twin request with the same key
may have committed while this one waited for the lock.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.errors import IdempotencyConflict, LendingError
from app.i18n import text
from app.services.access.actor import Actor, require_well_formed
from app.services.access.inputs import is_clean_text
from db.models import IdempotentRequest


@dataclass(frozen=True)
class KeyedRequest:
    actor: Actor
    key: str
    kind: str
    fingerprint: str

    @classmethod
    def of(cls, actor: Actor, key: str, kind: str, request: dict) -> KeyedRequest:
        """Check the actor and the key and fingerprint the request (nothing is read or written
        yet): the key is looked up before the service's own permission check."""
        require_well_formed(actor)
        return cls(actor, _checked_key(key), kind, _fingerprint(kind, request))

    def earlier(self, session: Session) -> IdempotentRequest | None:
        """The same request seen before with this key, or None; a different one is refused."""
        row = session.get(IdempotentRequest, self.key, populate_existing=True)
        if row is None:
            return None
        if row.user_id != self.actor.user_id or row.kind != self.kind or row.request_hash != self.fingerprint:
            raise IdempotencyConflict(text("request.key_conflict"))
        return row

    def remember(self, session: Session, *, loan_id: int | None = None,
                 payment_id: int | None = None) -> None:
        session.add(IdempotentRequest(key=self.key, user_id=self.actor.user_id, kind=self.kind,
                                      request_hash=self.fingerprint, loan_id=loan_id, payment_id=payment_id))


def _fingerprint(kind: str, request: dict) -> str:
    canonical = json.dumps({"kind": kind, **request}, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _checked_key(key: str) -> str:
    key = (key or "").strip() if isinstance(key, str) else ""
    if not key or not is_clean_text(key, max_len=80):
        raise LendingError(text("request.key_invalid"))
    return key


def once_per_key(service):
    """Run an idempotency-keyed service; if a concurrent request with the same key
    committed first (the key's primary key collides), run again to return its result."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        try:
            return service(*args, **kwargs)
        except IntegrityError:
            return service(*args, **kwargs)

    return wrapper
