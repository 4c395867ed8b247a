"""Admin: the audit log (issue #8 item 14) — who did what, when and from which session."""

import json

import streamlit as st

from app.services.access.actor import ADMIN
from app.services.access.audit import ACTIONS, audit_log
from components.i18n import t
from components.session import require_actor
from components.tables import table

actor = require_actor(ADMIN)
st.title(t("audit.title"))
st.caption(t("audit.caption"))
action = st.selectbox(t("audit.filter"), ["", *ACTIONS], key="audit_action",
                      format_func=lambda a: a or t("audit.all"))
rows = audit_log(actor, action=action or None)
if not rows:
    st.info(t("audit.none"))
    st.stop()
table([{t("audit.col.at"): r.at, t("audit.col.username"): r.username,
        t("audit.col.role"): r.role, t("audit.col.session"): r.session_id,
        t("audit.col.action"): r.action, t("audit.col.subject"): r.subject,
        t("audit.col.details"): json.dumps(r.details, ensure_ascii=False)} for r in rows], key="audit_table")
