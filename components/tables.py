"""Dense tables with currency columns: Decimal amounts become floats here, for display only."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pandas as pd
import streamlit as st

MONEY_FORMAT = "¥%,.2f"


def money_column(label: str) -> st.column_config.NumberColumn:
    return st.column_config.NumberColumn(label, format=MONEY_FORMAT)


def money_frame(records: Iterable[dict], columns: list[str] | None = None) -> pd.DataFrame:
    """A DataFrame of `records` with every Decimal as a float (formatted by `money_column`)."""
    rows = [{k: float(v) if isinstance(v, Decimal) else v for k, v in record.items()} for record in records]
    return pd.DataFrame(rows, columns=columns)
