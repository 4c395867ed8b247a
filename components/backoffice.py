"""Back-office tables and figures (product §3): collections, the contact log, the settings
trail and the end-of-day runs. Read models in, Streamlit out; no service is called here."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pandas as pd
import streamlit as st

from app.services.end_of_day.status import EodRunRow
from app.services.risk_ops.collections import ArrearsRow, ContactRow
from app.services.store.product_settings import SettingsChangeRow
from components.i18n import current_language, label, md, product_name, t
from components.tables import money_column, table

ARREARS_MONEY = ("overdue_principal", "overdue_interest", "penalty", "arrears", "outstanding")
SELLER_PAGE = "views/seller_360.py"  # its url path is seller_360


def seller_url(seller_id: int, name: str) -> str:
    """A table cell linking to the seller's 360° page (`seller_link_column`): `seller_360?seller=12`
    in the reader's language; the text after '#' (never sent to the server) is what the cell shows."""
    return f"seller_360?seller={seller_id}&lang={current_language()}#{seller_id} {name}"


def seller_link_column(label: str, **kwargs) -> st.column_config.LinkColumn:
    """A seller column whose cells (`seller_url`) open the seller's 360° page and read "#12 Name"."""
    return st.column_config.LinkColumn(label, display_text=r"(#.*)$", **kwargs)


def seller_page_link(seller_id: int, name: str) -> None:
    """A link to the seller's 360° page, in this browser tab (the session stays signed in)."""
    st.page_link(SELLER_PAGE, label=t("seller360.open", name=f"#{seller_id} {name}"), icon="🪪",
                 query_params={"seller": str(seller_id)})


def share(value: Decimal, places: int = 2) -> str:
    """A share as a percent with fixed decimals: 0.0072 → 0.72%."""
    return f"{value * 100:.{places}f}%"


def arrears_records(rows: Sequence[ArrearsRow]) -> list[dict]:
    return [{"loan": r.loan_id, "seller": r.seller_name, "shop": f"{r.shop_name} ({r.shop_id})",
             "product": product_name(r.product), "days_late": r.days_late,
             "overdue_principal": r.overdue_principal, "overdue_interest": r.overdue_interest,
             "penalty": r.penalty, "arrears": r.arrears, "outstanding": r.outstanding,
             "last_contact": r.last_contact.business_date.isoformat() if r.last_contact else "",
             "promise": r.last_contact.promise_date.isoformat()
             if r.last_contact and r.last_contact.promise_date else ""} for r in rows]


def arrears_csv(rows: Sequence[ArrearsRow]) -> bytes:
    """The bucket as CSV: the same columns as the table, amounts as plain numbers."""
    frame = pd.DataFrame(arrears_records(rows))  # Decimal amounts: exact text, never floats
    if not frame.empty:
        frame = frame.rename(columns={c: t(f"coll.col.{c}") for c in frame.columns})
    return frame.to_csv(index=False).encode("utf-8-sig")  # with a BOM, so Excel reads the Chinese


def arrears_table(rows: Sequence[ArrearsRow], key: str) -> None:
    """The bucket's loans; the seller column opens the seller's 360° page."""
    config = {c: t(f"coll.col.{c}")
              for c in ("loan", "shop", "product", "days_late", "last_contact", "promise")}
    config |= {c: money_column(t(f"coll.col.{c}")) for c in ARREARS_MONEY}
    config["seller"] = seller_link_column(t("coll.col.seller"))
    records = [{**record, "seller": seller_url(row.seller_id, row.seller_name)}
               for record, row in zip(arrears_records(rows), rows, strict=True)]
    table(records, key=key, column_config=config)


def contact_table(rows: Sequence[ContactRow], key: str) -> None:
    if not rows:
        st.caption(t("coll.no_contacts"))
        return
    records = [{"date": r.business_date.isoformat(), "by": r.by, "note": r.note,
                "promise": r.promise_date.isoformat() if r.promise_date else ""} for r in rows]
    table(records, key=key, column_config={c: t(f"coll.col.{c}") for c in ("date", "by", "note", "promise")})


def settings_trail_table(rows: Sequence[SettingsChangeRow], key: str) -> None:
    if not rows:
        st.caption(t("settings.trail_empty"))
        return
    records = [{"when": r.changed_at.strftime("%Y-%m-%d %H:%M:%S"),
                "business_date": r.business_date.isoformat(),
                "who": r.changed_by, "setting": t(f"settings.name.{r.name}"), "old": r.old_value,
                "new": r.new_value} for r in rows]
    table(records, key=key, column_config={c: t(f"settings.col.{c}") for c in records[0]})


def eod_runs_table(rows: Sequence[EodRunRow], key: str) -> None:
    if not rows:
        st.caption(t("eod.no_runs"))
        return
    stamp = "%Y-%m-%d %H:%M:%S"
    records = [{"date": r.business_date.isoformat(), "status": label(f"eod.status.{r.status}", r.status),
                "steps": r.steps_done, "started": r.started_at.strftime(stamp),
                "finished": r.finished_at.strftime(stamp) if r.finished_at else ""} for r in rows]
    table(records, key=key, column_config={c: t(f"eod.col.{c}") for c in records[0]})


def seller_line(name: str, seller_id: int, shops: Sequence[tuple[str, str]]) -> str:
    listed = ", ".join(f"{md(shop_name)} ({shop_id})" for shop_id, shop_name in shops)
    return t("queue.seller", name=md(name), seller_id=seller_id, shops=listed or "—")
