"""Every table of the portal and the back office, with typed columns (issue 16 item 15).

A column is one type: numbers (money as Decimal, counts as int) or text. `typed_frame`
makes the DataFrame: a number column stays numeric, its missing values (None, NaN) missing;
a text column is strings, a missing one "". A column that mixes a number with a text ("—"
in a money column) is refused here, as a programming error, instead of reaching the browser
as an Arrow conversion failure and a red cell. `table` shows it with missing values as
blanks (st.dataframe's `placeholder=""`, never "None"); it is the one place that calls
st.dataframe (tests/unit/test_tables.py checks). Decimal amounts become floats here, for
display only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import streamlit as st

MONEY_FORMAT = "¥%,.2f"
BLANK = ""  # what a missing value shows


def money_column(label: str, **kwargs) -> st.column_config.NumberColumn:
    return st.column_config.NumberColumn(label, format=MONEY_FORMAT, **kwargs)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA \
        or (isinstance(value, Decimal) and value.is_nan())


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _as_text(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def numeric_columns(column_config: Mapping | None) -> set[str]:
    """The columns `column_config` shows as numbers (NumberColumn, money_column, ProgressColumn)."""
    found = set()
    for name, config in (column_config or {}).items():
        kind = config.get("type_config", {}).get("type") if isinstance(config, dict) else None
        if kind in ("number", "progress"):
            found.add(name)
    return found


def typed_frame(records: Iterable[Mapping] | pd.DataFrame, columns: Sequence[str] | None = None, *,
                numeric: Iterable[str] = ()) -> pd.DataFrame:
    """`records` as a DataFrame of typed columns (see the module's docstring). `numeric` names the
    columns that are numbers even when every value is missing (a money column of blanks)."""
    rows = records.to_dict("records") if isinstance(records, pd.DataFrame) else [dict(r) for r in records]
    if columns is None:
        columns = list(records.columns) if isinstance(records, pd.DataFrame) else \
            list(dict.fromkeys(key for row in rows for key in row))
    numeric = set(numeric)
    data = {}
    for name in columns:
        values = [None if _missing(v) else v for v in (row.get(name) for row in rows)]
        present = [v for v in values if v is not None]
        if present and all(isinstance(v, bool) for v in present):
            data[name] = pd.Series(values, dtype="boolean")
        elif name in numeric or any(_is_number(v) for v in present):
            wrong = [v for v in present if not _is_number(v)]
            if wrong:
                raise TypeError(f"column {name!r} mixes numbers with {wrong[0]!r}: give it None for a blank")
            whole = all(isinstance(v, int) for v in present)
            data[name] = pd.Series(values if whole else [None if v is None else float(v) for v in values],
                                   dtype="Int64" if whole else "Float64")
        else:
            data[name] = pd.Series([BLANK if v is None else _as_text(v) for v in values], dtype=object)
    return pd.DataFrame(data, columns=list(columns))


def table(records: Iterable[Mapping] | pd.DataFrame, *, key: str, column_config: Mapping | None = None,
          columns: Sequence[str] | None = None, width="stretch", **kwargs):
    """A read-only table of typed columns, blanks for missing values; returns st.dataframe's result
    (the selection, with `on_select`)."""
    frame = typed_frame(records, columns, numeric=numeric_columns(column_config))
    return st.dataframe(frame, hide_index=True, key=key, column_config=column_config, width=width,
                        placeholder=BLANK, **kwargs)


def money_frame(records: Iterable[Mapping], columns: list[str] | None = None) -> pd.DataFrame:
    """The records as typed columns (Decimal amounts as floats, formatted by `money_column`)."""
    return typed_frame(records, columns)
