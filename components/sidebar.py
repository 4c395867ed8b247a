"""The sidebar every page shares: brand, business date, language switch, who is signed in."""

from __future__ import annotations

import streamlit as st

from app.i18n import LANGUAGES
from app.services.store.settings import current_business_date
from components.i18n import LANG_KEY, md, t
from components.session import USERNAME, current_actor, sign_out

LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}


def render_sidebar() -> None:
    with st.sidebar:
        brand = st.container()
        # First, so that every text below (and the pages) is in the chosen language.
        st.radio("Language 语言", LANGUAGES, key=LANG_KEY, format_func=LANGUAGE_NAMES.get, horizontal=True,
                 label_visibility="collapsed")
        if st.query_params.get("lang") != st.session_state[LANG_KEY]:
            st.query_params["lang"] = st.session_state[LANG_KEY]  # the URL follows the switch
        brand.markdown(f"### 💴 {t('app.name')}")
        brand.caption(t("app.tagline"))
        st.markdown(t("sidebar.business_date", date=current_business_date().isoformat()))
        actor = current_actor()
        if actor is not None:
            st.divider()
            st.markdown(t("sidebar.signed_in_as", user=md(st.session_state.get(USERNAME) or ""),
                          role=t(f"role.{actor.role}")))
            if st.button(t("sidebar.sign_out"), key="sign_out", icon="🚪", width="stretch"):
                sign_out()
                st.rerun()
