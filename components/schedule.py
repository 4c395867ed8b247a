"""A repayment schedule as a dense table with currency columns, and its CSV download (rules §4)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.i18n import status_name, t
from components.tables import money_column

MONEY_FIELDS = ("principal", "interest", "total", "balance_after", "paid")


def _labels() -> dict[str, str]:
    return {"period": t("schedule.period"), "due_date": t("schedule.due_date"),
            "principal": t("schedule.principal"), "interest": t("schedule.interest"),
            "total": t("schedule.total"), "balance_after": t("schedule.balance_after"),
            "paid": t("schedule.paid"), "status": t("schedule.status")}


def _fields(rows: Sequence) -> list[str]:
    fields = ["period", "due_date", "principal", "interest", "total", "balance_after"]
    return fields + ["paid", "status"] if rows and hasattr(rows[0], "status") else fields


def schedule_frame(rows: Sequence) -> pd.DataFrame:
    """One row per installment; money as floats for display only (the CSV keeps exact text)."""
    fields = _fields(rows)
    data = [{f: (float(getattr(r, f)) if f in MONEY_FIELDS else getattr(r, f)) for f in fields} for r in rows]
    frame = pd.DataFrame(data, columns=fields)
    if "status" in frame:
        frame["status"] = frame["status"].map(status_name)
    if "due_date" in frame:
        frame["due_date"] = frame["due_date"].map(lambda d: d.isoformat())
    return frame


def schedule_csv(rows: Sequence) -> bytes:
    """Exact amounts (two decimals, no float), headers in the reader's language; BOM for spreadsheets."""
    fields, labels = _fields(rows), _labels()
    lines = [",".join(labels[f] for f in fields)]
    for r in rows:
        cells = []
        for f in fields:
            value = getattr(r, f)
            cells.append(value.isoformat() if f == "due_date" else status_name(value) if f == "status"
                         else f"{value:.2f}" if f in MONEY_FIELDS else str(value))
        lines.append(",".join(cells))
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def schedule_table(rows: Sequence, *, key: str, file_name: str = "schedule.csv",
                   height: int | None = None) -> None:
    labels = _labels()
    config = {f: money_column(labels[f]) for f in MONEY_FIELDS}
    config |= {f: st.column_config.TextColumn(labels[f]) for f in ("due_date", "status")}
    config["period"] = st.column_config.NumberColumn(labels["period"], format="%d", width="small")
    st.dataframe(schedule_frame(rows), hide_index=True, column_config=config, key=f"{key}_table",
                 height=height or "auto")
    st.download_button(t("schedule.download"), schedule_csv(rows), file_name=file_name, mime="text/csv",
                       key=f"{key}_csv", icon="⬇️")
