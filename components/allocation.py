"""How a payment is (or was) split, in allocation order (rules §5)."""

from __future__ import annotations

import streamlit as st

from app.loans.allocation import Allocation
from components.cards import bare_figure, figure_row
from components.i18n import money, t
from components.tables import money_column, table


def allocation_preview(allocation: Allocation, *, key: str) -> None:
    row = figure_row()
    bare_figure(row, t("allocation.penalty"), money(allocation.penalty))
    bare_figure(row, t("allocation.interest"), money(allocation.interest))
    bare_figure(row, t("allocation.principal"), money(allocation.principal))
    records = [{"item": t(f"due.{part.kind.value}"), "period": part.period, "amount": part.amount}
               for part in allocation.parts]
    table(records, key=key, columns=["item", "period", "amount"], column_config={
        "item": st.column_config.TextColumn(t("allocation.item")),
        "period": st.column_config.NumberColumn(t("schedule.period"), format="%d"),
        "amount": money_column(t("allocation.amount"))})
