"""Guards for free text that reaches the database (issue #8 D).

PostgreSQL (psycopg) refuses a NUL byte in a string, and SQLite would store it; neither
should surface as a crash. Services pass every free-text argument through `clean_text`
at their entry, which refuses NUL and other control characters and overlong values with a
typed `InvalidText` the UI shows as it stands, before anything is read or written.
"""

from __future__ import annotations

import re

from app.errors import LendingError
from app.i18n import text

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab, newline and carriage return are fine


class InvalidText(LendingError, ValueError):
    """A text argument with a NUL or another control character, or too long."""


def is_clean_text(value: object, *, max_len: int) -> bool:
    return isinstance(value, str) and len(value.strip()) <= max_len and not _CONTROL.search(value)


def clean_text(value: object, *, max_len: int) -> str:
    """`value` stripped of surrounding spaces; `InvalidText` if it is not clean text of at most `max_len`."""
    if not is_clean_text(value, max_len=max_len):
        raise InvalidText(text("input.invalid_text", max_len=str(max_len)))
    return value.strip()
