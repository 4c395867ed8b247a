"""Why a seller cannot borrow now (issue #9 item 7), with where to go next."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from app.i18n import Text
from components.i18n import show, t

OVERDUE = "draw.blocked.overdue"


def cannot_borrow(reasons: Iterable[Text], title: str, *, links: bool = True) -> None:
    """The reasons as a list under `title`; links to repay (when overdue), My limits and Apply."""
    reasons = list(reasons)
    lines = "\n".join(f"- {show(r)}" for r in reasons)
    st.warning(f"**{title}**\n\n{lines}", icon="🚫")
    if not links:
        return
    with st.container(horizontal=True):
        if any(isinstance(r, Text) and r.key == OVERDUE for r in reasons):
            st.page_link("views/repay.py", label=t("borrow.repay_link"), icon="💰")
        st.page_link("views/home.py", label=t("borrow.see_limits"), icon="🏠")
        st.page_link("views/apply.py", label=t("borrow.apply_link"), icon="📝")


TONES = {"error": (st.error, "🚨"), "warning": (st.warning, "⚠️"), "info": (st.info, "ℹ️")}


def standing_message(standing) -> None:
    """My limits' one message about where the seller stands, with its reasons under it (nothing when
    there is nothing to say). `standing` is `app.services.portal.home.Standing`."""
    if standing.message is None:
        return
    box, icon = TONES.get(standing.tone, TONES["info"])
    lines = "".join(f"\n- {show(reason)}" for reason in standing.reasons)
    box(f"{show(standing.message)}\n{lines}" if lines else show(standing.message), icon=icon)
