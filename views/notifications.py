"""Notifications (product §2.8): reminders, warnings, recalls, overdue notices, limit changes, reasons."""

import streamlit as st

from app.services.portal import notifications
from components.i18n import label, labelled, show, t
from components.pages import seller_page

ICONS = {"reminder": "⏰", "overdue": "🚨", "limit": "📈", "warning": "⚠️", "recall": "📣"}

actor = seller_page("notices.title", "notices.caption")
items = notifications(actor, actor.seller_id)
if not items:
    st.info(t("notices.none"))
    st.stop()

kinds = sorted({n.kind for n in items})
chosen = st.pills(t("notices.filter"), kinds, selection_mode="multi", default=kinds, key="notices_kinds",
                  format_func=labelled(kinds, lambda k: f"{ICONS.get(k, '•')} {label('notice.' + k, k)}").get)
for notice in items:
    if notice.kind not in chosen:
        continue
    with st.container(border=True):
        head, body = st.columns([1, 5])
        kind = label(f"notice.{notice.kind}", notice.kind)
        head.markdown(f"{ICONS.get(notice.kind, '•')} **{notice.on.isoformat()}**  \n{kind}")
        body.markdown(show(notice.message))
