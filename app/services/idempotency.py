"""Idempotency keys for draws and repayments (rules §11).

The same key with the same request returns the first result and moves no
money; the same key with a different request is refused. A refused request
stores nothing, so its key stays free.
"""

from __future__ import annotations

import functools
import hashlib
import json

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.errors import IdempotencyConflict, LendingError
from app.i18n import text
from app.services.actor import Actor
from app.services.inputs import is_clean_text
from db.models import IdempotentRequest


def request_fingerprint(kind: str, request: dict) -> str:
    canonical = json.dumps({"kind": kind, **request}, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def check_key(key: str) -> str:
    key = (key or "").strip() if isinstance(key, str) else ""
    if not key or not is_clean_text(key, max_len=80):
        raise LendingError(text("request.key_invalid"))
    return key


def previous_request(session: Session, actor: Actor, key: str, kind: str,
                     fingerprint: str) -> IdempotentRequest | None:
    """The earlier request with this key, if it is the same request; else refuse."""
    row = session.get(IdempotentRequest, key)
    if row is None:
        return None
    if row.user_id != actor.user_id or row.kind != kind or row.request_hash != fingerprint:
        raise IdempotencyConflict(text("request.key_conflict"))
    return row


def remember_request(session: Session, actor: Actor, key: str, kind: str, fingerprint: str, *,
                     loan_id: int | None = None, payment_id: int | None = None) -> None:
    session.add(IdempotentRequest(key=key, user_id=actor.user_id, kind=kind, request_hash=fingerprint,
                                  loan_id=loan_id, payment_id=payment_id))


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
