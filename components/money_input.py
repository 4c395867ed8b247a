"""A money field: a text input parsed exactly (`app.money.parse_amount`) into a Decimal."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from app.errors import InvalidAmount
from app.money import parse_amount
from components.errors import show_refusal


def money_input(label: str, key: str, *, default: str = "", help: str | None = None,
                placeholder: str = "1,000.00") -> Decimal | None:
    """The amount typed, or None when the field is empty or wrong (the problem is shown under it)."""
    st.session_state.setdefault(key, default)
    raw = st.text_input(label, key=key, help=help, placeholder=placeholder)
    if not (raw or "").strip():
        return None
    try:
        return parse_amount(raw)
    except InvalidAmount as err:
        show_refusal(err)
        return None
