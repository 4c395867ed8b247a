"""How a payment is (or was) split, in allocation order (rules §5)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.loans.allocation import Allocation
from components.i18n import money, t
from components.tables import MONEY_FORMAT


def allocation_preview(allocation: Allocation, *, key: str) -> None:
    penalty, interest, principal = st.columns(3)
    penalty.metric(t("allocation.penalty"), money(allocation.penalty))
    interest.metric(t("allocation.interest"), money(allocation.interest))
    principal.metric(t("allocation.principal"), money(allocation.principal))
    frame = pd.DataFrame([{"item": t(f"due.{part.kind.value}"), "period": part.period,
                           "amount": float(part.amount)} for part in allocation.parts],
                         columns=["item", "period", "amount"])
    st.dataframe(frame, hide_index=True, key=key, column_config={
        "item": st.column_config.TextColumn(t("allocation.item")),
        "period": st.column_config.NumberColumn(t("schedule.period"), format="%d"),
        "amount": st.column_config.NumberColumn(t("allocation.amount"), format=MONEY_FORMAT)})
