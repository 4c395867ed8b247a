"""Admin: the audit log (issue #8 item 14) — who did what, when and from which session."""

import json

import streamlit as st

from app.services.access.actor import ADMIN
from app.services.access.audit import ACTIONS, audit_log
from components.i18n import label, labelled, show, t
from components.session import require_actor
from components.tables import table

actor = require_actor(ADMIN)
st.title(t("audit.title"))
st.caption(t("audit.caption"))
actions = labelled(["", *ACTIONS], lambda a: t(f"audit.action.{a}") if a else t("audit.all"))
action = st.selectbox(t("audit.filter"), list(actions), key="audit_action", format_func=actions.get)
rows = audit_log(actor, action=action or None)
if not rows:
    st.info(t("audit.none"))
    st.stop()
table([{t("audit.col.at"): r.at, t("audit.col.username"): r.username,
        t("audit.col.role"): label(f"role.{r.role}", r.role), t("audit.col.session"): r.session_id,
        t("audit.col.action"): label(f"audit.action.{r.action}", r.action),
        t("audit.col.subject"): show(r.what),
        t("audit.col.details"): json.dumps(r.details, ensure_ascii=False)} for r in rows], key="audit_table")
