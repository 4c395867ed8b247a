"""A repayment schedule as a dense table with currency columns, and its CSV download (rules §4)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
import streamlit as st

from components.i18n import status_name, t
from components.tables import money_column

MONEY_FIELDS = ("principal", "interest", "total", "balance_after", "paid", "remaining")
TODAY = "today"  # the marker row's status


def _labels() -> dict[str, str]:
    return {"period": t("schedule.period"), "due_date": t("schedule.due_date"),
            "principal": t("schedule.principal"), "interest": t("schedule.interest"),
            "total": t("schedule.total"), "balance_after": t("schedule.balance_after"),
            "paid": t("schedule.paid"), "status": t("schedule.status"), "remaining": t("schedule.remaining")}


def _fields(rows: Sequence) -> list[str]:
    fields = ["period", "due_date", "principal", "interest", "total", "balance_after"]
    if rows and hasattr(rows[0], "remaining"):
        return fields + ["paid", "remaining", "status"]
    return fields + ["paid", "status"] if rows and hasattr(rows[0], "status") else fields


def _cell(row, field: str):
    value = getattr(row, field)
    if field == "period" and getattr(row, "kind", "installment") == "prepayment":
        return t("schedule.prepayment", period=value)  # an early payment, into installment `value`
    return float(value) if field in MONEY_FIELDS else value


def schedule_frame(rows: Sequence, today: date | None = None) -> pd.DataFrame:
    """One row per installment (and early payment); money as floats for display only (the CSV keeps
    exact text). With `today`, a marker row sits between what is past and what is ahead."""
    fields = _fields(rows)
    data = [{f: _cell(r, f) for f in fields} for r in rows]
    if today is not None and rows:
        at = next((i for i, r in enumerate(rows) if r.due_date > today), len(rows))
        data.insert(at, {"period": "▶", "due_date": today, "status": TODAY})
    if any(isinstance(d.get("period"), str) for d in data):
        for d in data:
            d["period"] = str(d["period"])
    frame = pd.DataFrame(data, columns=fields)
    if "status" in frame:
        frame["status"] = frame["status"].map(lambda s: t("schedule.today") if s == TODAY else status_name(s))
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
                         else f"{value:.2f}" if f in MONEY_FIELDS else str(_cell(r, f)))
        lines.append(",".join(cells))
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def schedule_table(rows: Sequence, *, key: str, file_name: str = "schedule.csv",
                   height: int | None = None, today: date | None = None) -> None:
    labels = _labels()
    config = {f: money_column(labels[f]) for f in MONEY_FIELDS}
    config |= {f: st.column_config.TextColumn(labels[f]) for f in ("due_date", "status")}
    frame = schedule_frame(rows, today)
    config["period"] = (st.column_config.TextColumn(labels["period"]) if frame["period"].dtype == object
                        else st.column_config.NumberColumn(labels["period"], format="%d", width="small"))
    st.dataframe(frame, hide_index=True, column_config=config, key=f"{key}_table",
                 height=height or "auto")
    st.download_button(t("schedule.download"), schedule_csv(rows), file_name=file_name, mime="text/csv",
                       key=f"{key}_csv", icon="⬇️")
