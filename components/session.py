"""Who is signed in, session defaults and the 30-minute idle sign-out (product §2.1)."""

from __future__ import annotations

import secrets
import time
from dataclasses import replace

import streamlit as st

from app.i18n import DEFAULT_LANGUAGE, LANGUAGES
from app.services.access.actor import ADMIN, RISK, SELLER, Actor
from components.i18n import LANG_KEY, language_from_query, t

IDLE_SECONDS = 30 * 60
ACTOR, USERNAME, LAST_ACTIVE, NOTICE = "actor", "username", "last_active", "signin_notice"
DEFAULTS = {ACTOR: None, USERNAME: None, LAST_ACTIVE: None, NOTICE: None}
# Per-journey state (pending confirmations, receipts) that a sign-out must forget.
JOURNEY_PREFIXES = ("draw_", "credit_", "order_", "repay_", "apply_", "loan_", "loans_", "home_", "notices_",
                    "advance_", "queue_", "coll_", "settings_")


def init_session() -> None:
    """Session defaults, once; the language from `?lang=en|zh` when the session starts."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    if st.session_state.get(LANG_KEY) not in LANGUAGES:
        st.session_state[LANG_KEY] = language_from_query() or DEFAULT_LANGUAGE


def current_actor() -> Actor | None:
    return st.session_state.get(ACTOR)


START_PAGES = {SELLER: "views/home.py", RISK: "views/overview.py", ADMIN: "views/overview.py"}


def require_actor(*roles: str) -> Actor:
    """The signed-in actor (of one of `roles`, if given).

    A signed-out reader gets the sign-in panel right here, and after signing in
    stays on this page; a reader of another role gets a pointer to their own start."""
    actor = current_actor()
    if actor is None:
        from components.sign_in import sign_in_panel

        sign_in_panel()
        st.stop()
    if roles and actor.role not in roles:
        st.info(t("nav.not_for_role"))
        st.page_link(START_PAGES.get(actor.role, "views/home.py"), label=t("nav.go_start"), icon="🏠")
        st.stop()
    return actor


def sign_in_as(actor: Actor, username: str) -> None:
    """Keep the signed-in actor, with the id of this portal session (for the audit log)."""
    if actor.session_id is None:
        actor = replace(actor, session_id=secrets.token_urlsafe(12))
    st.session_state[ACTOR] = actor
    st.session_state[USERNAME] = username
    st.session_state[LAST_ACTIVE] = time.time()
    st.session_state[NOTICE] = None


def sign_out(notice: str | None = None) -> None:
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(JOURNEY_PREFIXES):
            del st.session_state[key]
    st.session_state[ACTOR] = None
    st.session_state[USERNAME] = None
    st.session_state[LAST_ACTIVE] = None
    st.session_state[NOTICE] = notice


def touch_or_expire(now: float | None = None) -> None:
    """Sign out a session idle for 30 minutes; otherwise note this run as activity."""
    if current_actor() is None:
        return
    now = time.time() if now is None else now
    last = st.session_state.get(LAST_ACTIVE)
    if last is not None and now - last > IDLE_SECONDS:
        sign_out(notice="auth.idle_signed_out")
    else:
        st.session_state[LAST_ACTIVE] = now
