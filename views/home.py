"""My limits — the seller's home (product §2.2). One standing, one message (issue #16 item 7): what the
page says at the top, under the figures and about the rating all comes from `home_page().standing`."""

import streamlit as st

from app.services.portal.home import home_page
from components.borrowing import standing_message
from components.cards import limit_cards, payment_cards, seller_header
from components.decision import decision_outcome, decision_reasons
from components.i18n import show, t
from components.loans import loans_table
from components.pages import seller_page

actor = seller_page("home.title")
page = home_page(actor, actor.seller_id)
me, standing, borrowing = page.me, page.standing, page.borrowing
seller_header(me)

standing_message(standing)
for reminder in page.reminders:  # today's payment reminders
    st.info(show(reminder), icon="⏰")

limit_cards(me.limits, note=show(standing.limits_note) if standing.limits_note else None)
payment_cards(me)

links = st.container(horizontal=True, gap="medium")  # wraps on a narrow page
if standing.can_draw and borrowing.can_draw_credit:
    links.page_link("views/draw_credit.py", label=t("nav.draw_credit"), icon="💳", width="content")
if standing.can_draw and borrowing.can_draw_order:
    links.page_link("views/draw_order.py", label=t("nav.draw_order"), icon="📦", width="content")
links.page_link("views/repay.py", label=t("nav.repay"), icon="💰", width="content")
if standing.tips:  # a re-rating cannot reopen a closed or recalled account
    links.page_link("views/apply.py", label=t("home.rerate_link"), icon="📝", width="content")

if page.open_loans:
    st.subheader(t("home.open_loans"), anchor=False)
    loans_table(page.open_loans, key="home_loans", compact=True, open_on_click=True)

st.subheader(t("home.rating_title" if standing.tips else "home.rating_only_title"), anchor=False)
if me.decision is None:
    st.info(t("home.no_reasons") if me.limits.rating else t("decision.missing"))
else:
    decision_outcome(me.decision, blocked=standing.blocked)
    decision_reasons(me.decision, tips=standing.tips)
