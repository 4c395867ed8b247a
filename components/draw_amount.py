"""The amount field of a draw (issue #9 item 6): the minimum and what is available now beside
it, a "Max" button that fills in the most that can be drawn, and the typed text parsed
exactly (`components.money_input`, `app.money.parse_amount`)."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from components.i18n import money, show, t
from components.money_input import money_input


def _fill(key: str, value: str) -> None:
    st.session_state[key] = value  # a callback runs before the field is drawn again


def draw_amount_input(label: str, key: str, *, minimum: Decimal, available: Decimal, help: str | None = None,
                      placeholder: str = "1,000.00") -> Decimal | None:
    """The amount typed (None when empty or not an amount; the problem is shown under the field)."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        amount = money_input(label, key, help=help, placeholder=placeholder)
        st.button(t("amount.max"), key=f"{key}_max", on_click=_fill, args=(key, f"{available:,.2f}"),
                  help=t("amount.max_help", available=money(available)), disabled=available < minimum)
    st.caption(t("amount.bounds", minimum=money(minimum), available=money(available)))
    return amount


def amount_refused(refusal) -> None:
    """Why the amount typed cannot be drawn now, under the field (no preview, no agreement)."""
    st.error(show(refusal), icon="⚠️")
