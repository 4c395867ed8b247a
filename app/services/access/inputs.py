"""Guards for free text that reaches the database (issue #8 D).

PostgreSQL (psycopg) refuses a NUL byte in a string, and SQLite would store it; neither
should surface as a crash. Services pass every free-text argument through `clean_text`
at their entry, which refuses NUL and other control characters and overlong values with a
typed `InvalidText` the UI shows as it stands, before anything is read or written.
Ids go through `checked_id`: anything but a whole number that fits an INTEGER names no row,
and is refused as not found before it reaches a query (issue #8 "Prove it").
"""

from __future__ import annotations

import re

from app.errors import LendingError
from app.i18n import text

# Tab, newline and carriage return are fine; lone surrogates cannot be encoded for the database.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
MAX_ID = 2**31 - 1  # ids are INTEGERs (int4 on PostgreSQL): a larger number, a bool, str, float… names no row


class InvalidText(LendingError, ValueError):
    """A text argument with a NUL or another control character, or too long."""


def is_clean_text(value: object, *, max_len: int) -> bool:
    return isinstance(value, str) and len(value.strip()) <= max_len and not _CONTROL.search(value)


def clean_text(value: object, *, max_len: int) -> str:
    """`value` stripped of surrounding spaces; `InvalidText` if it is not clean text of at most `max_len`."""
    if not is_clean_text(value, max_len=max_len):
        raise InvalidText(text("input.invalid_text", max_len=str(max_len)))
    return value.strip()


def is_id(value: object) -> bool:
    """A whole number that can be a row's id: not a bool, a numeric string or a float."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def checked_id(value: object, error: type[LendingError], key: str, name: str) -> int:
    """`value` if it can be an id; else `error` with the catalogue text `key`, whose `{name}` shows it."""
    if not is_id(value):
        raise error(text(key, **{name: shown(value)}))
    return value


def shown(value: object) -> str:
    """An argument as a refusal quotes it back: short, without control characters."""
    quoted = _CONTROL.sub("?", str(value).strip())
    return quoted if len(quoted) <= 24 else quoted[:24] + "…"
