"""Which notifications a user has seen (issue #9 item 11): a per-user "last seen" mark.

Every notice dated before the mark's day counts as seen, and those of that day whose keys
the mark lists; anything newer (or of that day and not listed) is unread.
"""

from __future__ import annotations

import json

from app.errors import PermissionDenied, SellerNotFound
from app.i18n import text
from app.services.access.actor import Actor, require_own_seller
from app.services.access.inputs import checked_id
from app.services.portal.home import Notification, notifications
from app.services.store.settings import business_date
from db.engine import read_scope, session_scope
from db.models import NotificationSeen


def unread(actor: Actor, seller_id: int, items: list[Notification] | None = None) -> list[Notification]:
    """The notices `actor` has not seen yet, newest first."""
    items = notifications(actor, seller_id) if items is None else items
    if actor.user_id is None:  # the system has no login, so no mark: nothing is seen
        return list(items)
    with read_scope() as session:
        mark = session.get(NotificationSeen, actor.user_id)
        if mark is None:
            return list(items)
        seen_on, keys = mark.seen_on, set(json.loads(mark.seen_keys))
    return [n for n in items if n.on > seen_on or (n.on == seen_on and n.key not in keys)]


def unread_count(actor: Actor, seller_id: int) -> int:
    return len(unread(actor, seller_id))


def mark_notifications_seen(actor: Actor, seller_id: int) -> None:
    """Everything shown up to now is seen: the mark moves to today, with today's notices' keys."""
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    require_own_seller(actor, seller_id)
    if actor.user_id is None:  # the mark is a login's (the system has none)
        raise PermissionDenied(text("access.denied"))
    items = notifications(actor, seller_id)
    with session_scope() as session:
        today = business_date(session)
        keys = sorted({n.key for n in items if n.on >= today})
        mark = session.get(NotificationSeen, actor.user_id) or NotificationSeen(user_id=actor.user_id,
                                                                               seen_on=today)
        mark.seen_on, mark.seen_keys = today, json.dumps(keys)
        session.add(mark)
