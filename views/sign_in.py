"""Sign in, or activate a login with its one-time code (product §2.1)."""

import streamlit as st

from components.i18n import t
from components.session import START_PAGES, current_actor
from components.sign_in import sign_in_panel

actor = current_actor()
if actor is None:
    sign_in_panel()
else:  # signed in already (an old link to this page)
    st.page_link(START_PAGES.get(actor.role, "views/home.py"), label=t("nav.go_start"), icon="🏠")
