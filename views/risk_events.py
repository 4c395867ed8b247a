"""Monitoring events (product §3, rules §9): open warnings and recalls with their reasons and dates."""

import streamlit as st

from app.services.access.actor import ADMIN, RISK
from app.services.store.risk_records import STATUSES, monitoring_events
from components.backoffice import seller_link_column, seller_url
from components.i18n import label, labelled, show, t
from components.session import require_actor
from components.tables import table

actor = require_actor(RISK, ADMIN)
st.title(t("risk_page.title"))
st.caption(t("risk_page.caption"))
options = [*STATUSES, "all"]
names = labelled(options, lambda s: t("risk_page.all") if s == "all" else t(f"risk.status.{s}"))
status = st.selectbox(t("risk_page.status"), options, format_func=names.get, key="risk_status")
events = monitoring_events(actor, status=None if status == "all" else status)
if not events:
    st.info(t("risk_page.none"))
    st.stop()
rows = [{"seller": seller_url(e.seller_id, e.seller_name), "kind": label(f"risk.kind.{e.kind}", e.kind),
         "status": label(f"risk.status.{e.status}", e.status), "opened_on": e.opened_on,
         "cure_until": e.cure_until, "due_on": e.due_on,
         "reasons": "; ".join(show(r) for r in e.reasons)} for e in events]
config = {name: t(f"risk_page.col.{name}") for name in rows[0]}
table(rows, key="risk_table", column_config=config | {"seller": seller_link_column(config["seller"])})
