"""What every seller page starts with: the signed-in seller, and a page title."""

from __future__ import annotations

import streamlit as st

from app.services.actor import SELLER, Actor
from components.i18n import t
from components.session import require_actor


def seller_page(title_key: str | None, caption_key: str | None = None) -> Actor:
    """The acting seller (a page reached by anyone else stops), after the page's title."""
    actor = require_actor(SELLER)
    if title_key:
        st.title(t(title_key))
    if caption_key:
        st.caption(t(caption_key))
    return actor
