"""The sign-in and activation panel (product §2.1), shown wherever a signed-out reader lands.

Signing in and activating write (failed attempts, lock-outs, the new password), and a
component never names a service that writes (docs/architecture.md): the entry point
hands the two use cases in with `provide_sign_in` on every run, before any page runs.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app.errors import LendingError
from app.services.access.actor import Actor
from app.services.accounts.signin import MIN_PASSWORD_LENGTH
from components.errors import show_refusal
from components.i18n import t
from components.session import NOTICE, sign_in_as

SignIn = Callable[[str, str], Actor]  # (username, password) → the actor
Activate = Callable[[str, str, str], Actor]  # (username, one-time code, new password) → the actor
_services: dict[str, Callable[..., Actor]] = {}


def provide_sign_in(sign_in: SignIn, activate: Activate) -> None:
    """The sign-in and activation use cases the panel calls (given by `streamlit_app.py`)."""
    _services.update(sign_in=sign_in, activate=activate)


def _service(name: str) -> Callable[..., Actor]:
    if name not in _services:
        raise RuntimeError("components.sign_in.provide_sign_in was not called by the entry point")
    return _services[name]


def _signed_in(actor, username: str) -> None:
    sign_in_as(actor, username.strip().lower())
    st.rerun()


def _sign_in_form() -> None:
    with st.form("sign_in_form"):
        username = st.text_input(t("signin.username"), key="signin_username", autocomplete="username")
        password = st.text_input(t("signin.password"), type="password", key="signin_password",
                                 autocomplete="current-password")
        if st.form_submit_button(t("signin.submit"), type="primary", width="stretch"):
            try:
                actor = _service("sign_in")(username, password)
            except LendingError as err:
                show_refusal(err)
            else:
                _signed_in(actor, username)


def _activate_form() -> None:
    with st.form("activate_form"):
        st.caption(t("activate.help", length=MIN_PASSWORD_LENGTH))
        username = st.text_input(t("signin.username"), key="activate_username")
        code = st.text_input(t("activate.code"), key="activate_code", placeholder="K7QF-3MZP-W9RD")
        password = st.text_input(t("activate.new_password"), type="password", key="activate_password",
                                 autocomplete="new-password")
        repeated = st.text_input(t("activate.repeat_password"), type="password", key="activate_repeat",
                                 autocomplete="new-password")
        if st.form_submit_button(t("activate.submit"), type="primary", width="stretch"):
            if password != repeated:
                st.error(t("activate.mismatch"), icon="⚠️")
                return
            try:
                actor = _service("activate")(username, code, password)
            except LendingError as err:
                show_refusal(err)
            else:
                _signed_in(actor, username)


def sign_in_panel() -> None:
    _, middle, _ = st.columns([1, 1.3, 1])
    with middle:
        st.title(f"💴 {t('app.name')}", anchor=False)
        st.caption(t("app.tagline"))
        if st.session_state.get(NOTICE):
            st.info(t(st.session_state[NOTICE]))
        sign_in_tab, activate_tab = st.tabs([t("signin.tab"), t("activate.tab")])
        with sign_in_tab:
            _sign_in_form()
        with activate_tab:
            _activate_form()
