"""My limits — the seller's home (product §2.2)."""

from datetime import timedelta

import streamlit as st

from app.services.lending.borrowing import borrowing_status
from app.services.lending.loan_views import my_loans
from app.services.portal.home import home, notifications
from components.borrowing import borrowing_banner
from components.cards import limit_cards, payment_cards, seller_header
from components.decision import decision_outcome, decision_reasons
from components.i18n import day, money, show, t
from components.loans import loans_table
from components.pages import seller_page

actor = seller_page("home.title")
me = home(actor, actor.seller_id)
seller_header(me)

if me.blacklisted:
    st.error(t("home.blacklisted"), icon="⛔")
if me.non_performing_since is not None:
    st.error(t("home.non_performing_banner", amount=money(me.due_now), date=day(me.overdue_since),
               stopped=day(me.non_performing_since)), icon="🚨")
elif me.overdue_since is not None:
    st.error(t("home.due_now_banner", amount=money(me.due_now), date=day(me.overdue_since),
               days=me.days_past_due), icon="🚨")
BANNER_DAYS = 30  # warnings and recalls of the last month stay on top of the home page
for notice in notifications(actor, actor.seller_id):
    if notice.kind in ("warning", "recall") and notice.on > me.business_date - timedelta(days=BANNER_DAYS):
        st.warning(f"{notice.on.isoformat()} · {show(notice.message)}", icon="⚠️")
    elif notice.kind == "reminder" and notice.on == me.business_date:  # today's payment reminders
        st.info(show(notice.message), icon="⏰")

status = borrowing_status(actor, actor.seller_id)
borrowing_banner(status)  # why a product cannot be drawn now; its Draw link is not offered
limit_cards(me.limits)
payment_cards(me)

links = st.container(horizontal=True, gap="medium")  # wraps on a narrow page
if status.can_draw_credit:
    links.page_link("views/draw_credit.py", label=t("nav.draw_credit"), icon="💳", width="content")
if status.can_draw_order:
    links.page_link("views/draw_order.py", label=t("nav.draw_order"), icon="📦", width="content")
links.page_link("views/repay.py", label=t("nav.repay"), icon="💰", width="content")
links.page_link("views/apply.py", label=t("home.rerate_link"), icon="📝", width="content")

open_loans = [loan for loan in my_loans(actor, actor.seller_id) if loan.is_open]
if open_loans:
    st.subheader(t("home.open_loans"), anchor=False)
    loans_table(open_loans, key="home_loans", compact=True, open_on_click=True)

st.subheader(t("home.rating_title"), anchor=False)
if me.decision is None:
    st.info(t("home.no_reasons") if me.limits.rating else t("decision.missing"))
else:
    decision_outcome(me.decision)
    decision_reasons(me.decision)
