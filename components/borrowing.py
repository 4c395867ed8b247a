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


def borrowing_banner(status) -> None:
    """On My limits: why either product cannot be drawn now (one box when both are closed for
    the same reasons). `status` is `app.services.lending.borrowing.Borrowing`."""
    if not status.can_borrow and status.credit == status.order:
        cannot_borrow(status.credit, t("borrow.cannot_title"), links=False)
        return
    if not status.can_draw_credit:
        cannot_borrow(status.credit, t("borrow.cannot_credit"), links=False)
    if not status.can_draw_order:
        cannot_borrow(status.order, t("borrow.cannot_order"), links=False)
