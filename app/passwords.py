"""Password and activation-code hashing with argon2 (passlib, package libpass)."""

from __future__ import annotations

from passlib.context import CryptContext

_context = CryptContext(schemes=["argon2"], deprecated="auto")


def hash_password(secret: str) -> str:
    """An argon2 hash of `secret` (salted: two hashes of one secret differ)."""
    return _context.hash(secret)


def verify_password(secret: str, hashed: str | None) -> bool:
    """True if `secret` matches `hashed`; False for no hash or a malformed one."""
    if not hashed:
        return False
    try:
        return _context.verify(secret, hashed)
    except (ValueError, TypeError):
        return False
