"""What every page starts with: the signed-in seller or staff member, and a page title."""

from __future__ import annotations

import streamlit as st

from app.services.access.actor import ADMIN, RISK, SELLER, Actor
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


def staff_page(title_key: str, *, admin_only: bool = False) -> Actor:
    """The acting risk officer or admin (only an admin if `admin_only`), after the page's title.
    Anyone else (a seller, whatever the URL) stops here with a pointer to their own start."""
    actor = require_actor(ADMIN) if admin_only else require_actor(RISK, ADMIN)
    st.title(t(title_key))
    return actor
