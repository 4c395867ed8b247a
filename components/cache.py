"""Read models shared by every session of the server process (issue #16 item 16): a staff
aggregate is computed once per version of the data it reads, not on every visit.

`cached_read(name, version, read)` returns what `read()` returns, computed at most once per
`(name, version)` (Streamlit's `st.cache_data`: each caller gets its own copy). The page gets
`version` from its service, which checks who may read and names the data's state — for the
portfolio the business date, the last journal entry (every movement of money and every
accrual posts one), the last loan and the last settings change — so a new business date or a
write makes a new key and the next visit reads afresh; nobody is shown figures older than the
last write. Only staff aggregates are cached this way: a seller's own loans and limits are
always read afresh (after their own repayment they must see it).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

T = TypeVar("T")
KEPT = 16  # versions kept per name: old ones fall out as the data moves on


@st.cache_data(show_spinner=False, max_entries=KEPT)
def _cached(name: str, version: Hashable, _read: Callable[[], T]) -> T:
    return _read()


def cached_read(name: str, version: Hashable, read: Callable[[], T]) -> T:
    """`read()`, computed once per `(name, version)` in this server process."""
    return _cached(name, version, read)
