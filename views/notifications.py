"""Notifications (product §2.8): the history, newest first — loans paid out, payments received,
reminders, overdue notices, settlements, limit changes with their reasons, warnings, recalls,
corrections. Opening the page marks them seen."""

import streamlit as st

from app.services.portal.home import notifications
from app.services.portal.notice_seen import mark_notifications_seen, unread
from components.i18n import label, labelled, show, t
from components.pages import seller_page

ICONS = {"reminder": "⏰", "overdue": "🚨", "limit": "📈", "warning": "⚠️", "recall": "📣", "settlement": "📦",
         "disbursed": "💸", "payment": "🧾", "correction": "✍️", "blacklist": "⛔", "recovery": "🩹"}
NEW = "notices_new"  # the keys that were unread when the page opened, kept across its own rerun

actor = seller_page("notices.title", "notices.history_caption")
items = notifications(actor, actor.seller_id)
if not items:
    st.info(t("notices.none"))
    st.stop()
fresh = {n.key for n in unread(actor, actor.seller_id, items)}
if fresh:
    st.session_state[NEW] = fresh
    mark_notifications_seen(actor, actor.seller_id)
    st.rerun()  # the sidebar's unread count goes to zero
new = st.session_state.get(NEW, set())

kinds = sorted({n.kind for n in items})
chosen = st.pills(t("notices.filter"), kinds, selection_mode="multi", default=kinds, key="notices_kinds",
                  format_func=labelled(kinds, lambda k: f"{ICONS.get(k, '•')} {label('notice.' + k, k)}").get)
for notice in items:
    if notice.kind not in chosen:
        continue
    with st.container(border=True):
        head, body = st.columns([1, 5])
        kind = label(f"notice.{notice.kind}", notice.kind)
        badge = f"  \n:blue-badge[{t('notices.new')}]" if notice.key in new else ""
        head.markdown(f"{ICONS.get(notice.kind, '•')} **{notice.on.isoformat()}**  \n{kind}{badge}")
        body.markdown(show(notice.message))
        for reason in notice.reasons:
            body.markdown(f"- {show(reason)}")
