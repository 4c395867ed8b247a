"""Sign in, or activate a login with its one-time code (product §2.1)."""

import streamlit as st

from app.auth.signin import MIN_PASSWORD_LENGTH, activate, sign_in
from app.errors import LendingError
from components.i18n import error_text, t
from components.session import NOTICE, sign_in_as

_, middle, _ = st.columns([1, 1.3, 1])
with middle:
    st.title(f"💴 {t('app.name')}")
    st.caption(t("app.tagline"))
    if st.session_state.get(NOTICE):
        st.info(t(st.session_state[NOTICE]))
    sign_in_tab, activate_tab = st.tabs([t("signin.tab"), t("activate.tab")])

    with sign_in_tab, st.form("sign_in_form"):
        username = st.text_input(t("signin.username"), key="signin_username", autocomplete="username")
        password = st.text_input(t("signin.password"), type="password", key="signin_password",
                                 autocomplete="current-password")
        if st.form_submit_button(t("signin.submit"), type="primary", width="stretch"):
            try:
                actor = sign_in(username, password)
            except LendingError as err:
                st.error(error_text(err), icon="⚠️")
            else:
                sign_in_as(actor, username.strip().lower())
                st.rerun()

    with activate_tab, st.form("activate_form"):
        st.caption(t("activate.help", length=MIN_PASSWORD_LENGTH))
        act_username = st.text_input(t("signin.username"), key="activate_username")
        code = st.text_input(t("activate.code"), key="activate_code", placeholder="K7QF-3MZP-W9RD")
        new_password = st.text_input(t("activate.new_password"), type="password", key="activate_password",
                                     autocomplete="new-password")
        repeated = st.text_input(t("activate.repeat_password"), type="password", key="activate_repeat",
                                 autocomplete="new-password")
        if st.form_submit_button(t("activate.submit"), type="primary", width="stretch"):
            if new_password != repeated:
                st.error(t("activate.mismatch"), icon="⚠️")
            else:
                try:
                    actor = activate(act_username, code, new_password)
                except LendingError as err:
                    st.error(error_text(err), icon="⚠️")
                else:
                    sign_in_as(actor, act_username.strip().lower())
                    st.rerun()
