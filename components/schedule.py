"""A repayment schedule as a dense table with currency columns, and its CSV download (rules §4)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st

from components.i18n import status_name, t
from components.tables import money_column, table

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
    return value


def schedule_records(rows: Sequence, today: date | None = None) -> list[dict]:
    """One record per installment (and early payment), money as Decimal. With `today`, a marker
    row sits between what is past and what is ahead: its amounts are missing (blank cells).
    A period column that holds a text (an early payment, the marker) is text throughout."""
    fields = _fields(rows)
    data = [{f: _cell(r, f) for f in fields} for r in rows]
    if today is not None and rows:
        at = next((i for i, r in enumerate(rows) if r.due_date > today), len(rows))
        data.insert(at, {"period": "▶", "due_date": today, "status": TODAY})
    texts = any(isinstance(d.get("period"), str) for d in data)
    for d in data:
        if texts:
            d["period"] = str(d["period"])
        if "status" in d:
            d["status"] = t("schedule.today") if d["status"] == TODAY else status_name(d["status"])
    return data


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
    records = schedule_records(rows, today)
    config = {f: money_column(labels[f]) for f in MONEY_FIELDS}
    config |= {f: st.column_config.TextColumn(labels[f]) for f in ("due_date", "status")}
    config["period"] = (st.column_config.TextColumn(labels["period"])
                        if records and isinstance(records[0]["period"], str)
                        else st.column_config.NumberColumn(labels["period"], format="%d", width="small"))
    table(records, key=f"{key}_table", columns=_fields(rows), column_config=config, width="stretch",
          height=height or "auto")
    st.download_button(t("schedule.download"), schedule_csv(rows), file_name=file_name, mime="text/csv",
                       key=f"{key}_csv", icon="⬇️")
