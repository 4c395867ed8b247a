"""Microloan Factory (微贷工厂) — web entry point.

Sets the page, the session defaults and the sidebar (language, business date,
who is signed in), signs out an idle session, and routes with `st.navigation`:
the sign-in page until someone signs in, then the pages of their role.
"""

import streamlit as st

from app.services.actor import SELLER
from components.i18n import t
from components.session import current_actor, init_session, touch_or_expire
from components.sidebar import render_sidebar

st.set_page_config(page_title="Microloan Factory 微贷工厂", page_icon="💴", layout="wide")
init_session()
touch_or_expire()
render_sidebar()


def seller_pages() -> dict[str, list]:
    return {
        t("nav.section.account"): [
            st.Page("pages/home.py", title=t("nav.home"), icon="🏠", default=True),
            st.Page("pages/notifications.py", title=t("nav.notifications"), icon="🔔"),
            st.Page("pages/apply.py", title=t("nav.apply"), icon="📝"),
        ],
        t("nav.section.borrow"): [
            st.Page("pages/draw_order.py", title=t("nav.draw_order"), icon="📦"),
            st.Page("pages/draw_credit.py", title=t("nav.draw_credit"), icon="💳"),
        ],
        t("nav.section.loans"): [
            st.Page("pages/loans.py", title=t("nav.loans"), icon="📒"),
            st.Page("pages/repay.py", title=t("nav.repay"), icon="💰"),
            st.Page("pages/loan.py", title=t("loan.title"), icon="🔎", visibility="hidden"),
        ],
    }


def staff_pages() -> list:
    return [st.Page("pages/book.py", title=t("nav.book"), icon="📅", default=True)]


actor = current_actor()
if actor is None:
    pages = [st.Page("pages/sign_in.py", title=t("nav.sign_in"), icon="🔐", default=True)]
elif actor.role == SELLER:
    pages = seller_pages()
else:
    pages = staff_pages()
st.navigation(pages).run()
