"""Who is acting: every service call is checked against it (product §1)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.errors import PermissionDenied
from app.i18n import text
from app.services.access.inputs import is_id

SELLER, RISK, ADMIN, SYSTEM = "seller", "risk", "admin", "system"


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    role: str
    seller_id: int | None = None
    # The portal session acting (for the audit log); not part of who the actor is.
    session_id: str | None = field(default=None, compare=False)

    @property
    def is_staff(self) -> bool:
        return self.role in (RISK, ADMIN, SYSTEM)


SYSTEM_ACTOR = Actor(user_id=None, role=SYSTEM)


def require_well_formed(actor: Actor) -> None:
    """An actor as sign-in makes them: a known role, ids that are ids (or None); a person
    carries their login's id (a seller their seller's too); only the system acts with
    neither (issue #19: a forged `Actor(None, "risk")` approved a correction)."""
    if not (isinstance(actor, Actor) and isinstance(actor.role, str)
            and actor.role in (SELLER, RISK, ADMIN, SYSTEM)
            and all(v is None or is_id(v) for v in (actor.user_id, actor.seller_id))
            and _carries_its_ids(actor)):
        raise PermissionDenied(text("access.denied"))


def _carries_its_ids(actor: Actor) -> bool:
    if actor.role == SYSTEM:
        return actor.user_id is None and actor.seller_id is None
    if actor.role == SELLER:
        return actor.user_id is not None and actor.seller_id is not None
    return actor.user_id is not None  # staff (a staff login that names a seller is still staff)


def require_own_seller(actor: Actor, seller_id: int) -> None:
    """A seller acts only for themself; staff may read any seller."""
    require_well_formed(actor)
    if actor.role == SELLER and actor.seller_id == seller_id:
        return
    if actor.role != SELLER and actor.is_staff:
        return
    raise PermissionDenied(text("access.own_only"))


def require_seller_self(actor: Actor, seller_id: int) -> None:
    """Money-moving seller actions (draws): only the seller themself."""
    require_well_formed(actor)
    if actor.role != SELLER or actor.seller_id != seller_id:
        raise PermissionDenied(text("access.seller_draws_only"))


def require_seller(actor: Actor, refusal: str = "access.seller_repays_only") -> None:
    """Repaying (or, with its own `refusal`, withdrawing) is the seller's own act: staff read
    any loan but never pay on one (staff corrections go through the back office). Which loans
    are the seller's is checked on loading."""
    require_well_formed(actor)
    if actor.role != SELLER or actor.seller_id is None:
        raise PermissionDenied(text(refusal))


def require_role(actor: Actor, *roles: str) -> None:
    require_well_formed(actor)
    if actor.role not in roles:
        raise PermissionDenied(text("access.denied"))
