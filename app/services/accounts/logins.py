"""Provisioning logins (product §2.1, §5 `create-login`): sellers' and staff's.

The platform creates a login and hands out a one-time activation code; its
owner sets a password with it on the sign-in page. Only an argon2 hash of the
code is stored; it is computed before the transaction opens.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlmodel import select

from app.errors import NotFound, UsageError
from app.i18n import text
from app.passwords import hash_password
from app.services.access import audit
from app.services.access.actor import ADMIN, RISK, SYSTEM_ACTOR
from app.services.access.inputs import clean_text
from db.engine import session_scope
from db.models import Shop, User

# No 0/O, 1/I/L: the code is read off a screen and typed.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS, CODE_GROUP_LENGTH = 3, 4


@dataclass(frozen=True)
class IssuedLogin:
    username: str
    code: str  # shown once, never stored in clear
    created: bool  # False: the seller already had a login; it got a new code


def new_activation_code() -> str:
    """A random code like `K7QF-3MZP-W9RD` (about 59 bits)."""
    groups = ("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
              for _ in range(CODE_GROUPS))
    return "-".join(groups)


def normalise_code(text: str) -> str:
    """What a person typed, as the code is hashed: upper case, no spaces."""
    return "".join(text.split()).upper()


def create_seller_login(shop_id: str) -> IssuedLogin:
    """Create the login of the seller behind `shop_id` (username = the shop id
    in lower case), or give the seller's existing login a new activation code.

    Returns the one-time code; raises NotFound when there is no such shop.
    """
    shop_id = clean_text(shop_id, max_len=64).upper()
    code = new_activation_code()
    code_hash = hash_password(normalise_code(code))
    with session_scope() as session:
        shop = session.get(Shop, shop_id)
        if shop is None:
            raise NotFound(text("shop.not_found", shop_id=shop_id))
        user = session.exec(select(User).where(User.seller_id == shop.seller_id, User.role == "seller")
                            .order_by(User.id)).first()
        created = user is None
        if user is None:
            username = shop_id.lower()
            if session.exec(select(User).where(User.username == username)).first() is not None:
                raise NotFound(text("login.username_taken", username=username))
            user = User(username=username, role="seller", seller_id=shop.seller_id)
        return _issue(session, user, code, code_hash, created)


STAFF_ROLES = (RISK, ADMIN)


def create_staff_login(username: str, role: str) -> IssuedLogin:
    """Create a risk officer's or admin's login, or give an existing one of that role a new
    activation code. Raises UsageError for another role, or a username a login of another
    role (a seller's, say) already has."""
    username, role = clean_text(username, max_len=256).lower(), clean_text(role, max_len=16).lower()
    if role not in STAFF_ROLES or not username or len(username) > 64:
        raise UsageError(f"a staff login needs a username (at most 64 characters) and a role of "
                         f"{', '.join(STAFF_ROLES)}; got {username!r}, {role!r}")
    code = new_activation_code()
    code_hash = hash_password(normalise_code(code))
    with session_scope() as session:
        user = session.exec(select(User).where(User.username == username)).first()
        if user is not None and user.role != role:
            raise UsageError(f"the username {username} is taken by a {user.role} login")
        return _issue(session, user or User(username=username, role=role), code, code_hash, user is None)


def _issue(session, user: User, code: str, code_hash: str, created: bool) -> IssuedLogin:
    """Give `user` the new code (and a clean slate of failures); audited, without the code."""
    user.activation_code_hash = code_hash
    user.failed_attempts = 0
    user.locked_until = None
    session.add(user)
    session.flush()
    audit.record(session, SYSTEM_ACTOR, "login_issued", f"login {user.username}", role=user.role,
                 created=created)
    return IssuedLogin(user.username, code, created)
