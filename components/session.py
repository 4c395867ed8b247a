"""Who is signed in, session defaults, a session that survives a reload, and the 30-minute idle
sign-out (product §2.1; issue #16 item 11).

Signing in opens a server-side session (`app.services.accounts.web_sessions`, which says why
its token travels in the URL and how it is signed) and puts its token in the page's URL as
`?session=…`; every run puts it back if a page change dropped it. A reload starts a new
Streamlit session with an empty `st.session_state`: `keep_session` finds the token in the URL
and signs the reader back in — before any page runs — if the server says the session is still
live; on every run of a signed-in session it asks the server again (which renews the session's
last-seen time), so a session idle for 30 minutes, or signed out in another tab, is signed out
here too. Signing out ends the server's session: its token, in an old URL, signs nobody in.

A pending confirmation survives the reload: while one is open, the journey (`JOURNEY_PREFIXES`
keys: the confirmation with its idempotency key, and the form values it was made from) is kept
with the server's session (`remember_journey`, after each run) and put back on a reload, so the
page shows the same confirmation with the same key. Only plain values are kept (text, numbers,
dates, Decimals, lists of them), and never a button's or a table selection's (a page cannot set
those); what is not kept — a receipt, the rows picked in a table — is shown afresh after a
reload, and a confirmation made from a table's rows is then dropped as changed (an order loan's
picked orders: pick them again).

Signing in, out and renewing write, and a component never names a service that writes: the
entry point hands the session store in with `provide_web_sessions` on every run.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import replace
from datetime import date
from decimal import Decimal
from types import ModuleType

import streamlit as st

from app.i18n import DEFAULT_LANGUAGE, LANGUAGES
from app.services.access.actor import ADMIN, RISK, SELLER, Actor
from components.i18n import LANG_KEY, language_from_query, t

QUERY = "session"  # the URL's query parameter that carries the session token
ACTOR, USERNAME, TOKEN, NOTICE = "actor", "username", "session_token", "signin_notice"
SAVED_JOURNEY = "session_saved_journey"  # what the server holds of the journey (JSON)
DEFAULTS = {ACTOR: None, USERNAME: None, TOKEN: None, NOTICE: None, SAVED_JOURNEY: "{}"}
# Per-journey state (pending confirmations, receipts) that a sign-out must forget.
JOURNEY_PREFIXES = ("draw_", "credit_", "order_", "repay_", "apply_", "loan_", "loans_", "home_", "notices_",
                    "advance_", "queue_", "coll_", "settings_")
PENDING_SUFFIX = "_pending"  # components.confirm's slot of a request waiting for confirmation
_store: dict[str, ModuleType] = {}


def provide_web_sessions(store: ModuleType) -> None:
    """The server-side session store (`app.services.accounts.web_sessions`, given by
    `streamlit_app.py`): `open_session`, `resume`, `end` and `save_journey`."""
    _store["sessions"] = store


def _sessions() -> ModuleType:
    if "sessions" not in _store:
        raise RuntimeError("components.session.provide_web_sessions was not called by the entry point")
    return _store["sessions"]


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
    """Keep the signed-in actor (with the id of this portal session, for the audit log), open
    the server's session and put its token in the URL."""
    if actor.session_id is None:
        actor = replace(actor, session_id=secrets.token_urlsafe(12))
    _signed_in(actor, username, _sessions().open_session(actor))
    st.session_state[NOTICE] = None


def _signed_in(actor: Actor, username: str, token: str, journey: dict | None = None) -> None:
    st.session_state[ACTOR] = actor
    st.session_state[USERNAME] = username
    st.session_state[TOKEN] = token
    st.session_state[SAVED_JOURNEY] = json.dumps(journey or {}, sort_keys=True)
    st.query_params[QUERY] = token


def sign_out(notice: str | None = None) -> None:
    """Forget the journey and who was signed in; the server's session ends (its token, in any
    URL, signs nobody in again)."""
    token = st.session_state.get(TOKEN)
    if token:
        _sessions().end(token)
    _forget(notice)


def _forget(notice: str | None) -> None:
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(JOURNEY_PREFIXES):
            del st.session_state[key]
    st.session_state[ACTOR] = None
    st.session_state[USERNAME] = None
    st.session_state[TOKEN] = None
    st.session_state[SAVED_JOURNEY] = "{}"
    st.session_state[NOTICE] = notice
    if QUERY in st.query_params:
        del st.query_params[QUERY]


def _notice(resumed) -> str:
    return "auth.idle_signed_out" if resumed.idle else "auth.session_ended"


def keep_session() -> None:
    """Before any page runs: sign back in from the URL's token after a reload; otherwise check
    the signed-in session with the server (renewing it), and sign out one that has ended."""
    token = st.session_state.get(TOKEN)
    if current_actor() is None:
        token = st.query_params.get(QUERY)
        if not token:
            return
        resumed = _sessions().resume(token)
        if resumed.actor is None:
            _forget(_notice(resumed))
            return
        _signed_in(resumed.actor, resumed.username, token, resumed.journey)
        _restore(resumed.journey)
        return
    resumed = _sessions().resume(token)
    if resumed.actor is None:
        _forget(_notice(resumed))
    elif st.query_params.get(QUERY) != token:
        st.query_params[QUERY] = token  # a page change dropped it: the URL keeps the session


# --- the journey kept with the session ---------------------------------------------------------

# The kinds of widget whose value a page may set before the widget is drawn: not buttons and other
# triggers, nor a table's selection (a dict), nor uploads.
_SETTABLE = ("bool_value", "int_value", "double_value", "string_value", "string_array_value",
             "int_array_value", "double_array_value")


def _settable(key: str, value) -> bool:
    """Whether `key`'s value can be put back before its widget is drawn: any value that is no
    widget's (the pending confirmation), or a plain value of a settable widget. Streamlit does
    not say a widget's kind in its public API; its session state knows it. Should that ever
    change, only values that cannot be a button's or a table's (no True/False, no dict) are kept."""
    try:
        from streamlit.runtime.state import get_session_state

        state = get_session_state()._state
        widget_id = state.get_widget_id_from_key(key)
        metadata = state.get_widget_metadata(widget_id) if widget_id else None
    except Exception:
        return not isinstance(value, bool | dict)
    return metadata is None or (metadata.value_type in _SETTABLE and not isinstance(value, dict))


def _encode(value):
    """A plain value as JSON (Decimals, dates and tuples tagged); `ValueError` for anything else."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, tuple):
        return {"$tuple": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) and not k.startswith("$") for k in value):
        return {k: _encode(v) for k, v in value.items()}
    raise ValueError(f"not a plain value: {type(value).__name__}")


def _decode(value):
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if "$decimal" in value:
            return Decimal(value["$decimal"])
        if "$date" in value:
            return date.fromisoformat(value["$date"])
        if "$tuple" in value:
            return tuple(_decode(v) for v in value["$tuple"])
        return {k: _decode(v) for k, v in value.items()}
    return value


def journey() -> dict:
    """What a reload should find again: nothing while no confirmation is pending; otherwise every
    plain journey value that is not a button's."""
    keys = [k for k in st.session_state.keys() if isinstance(k, str) and k.startswith(JOURNEY_PREFIXES)]
    if not any(k.endswith(PENDING_SUFFIX) for k in keys):
        return {}
    kept = {}
    for key in keys:
        value = st.session_state[key]
        try:
            encoded = _encode(value)
        except ValueError:
            continue
        if _settable(key, value):
            kept[key] = encoded
    return kept


def remember_journey() -> None:
    """After a run: keep the journey with the server's session when it changed (a confirmation
    opened, changed or closed); nothing is written while none is pending."""
    token = st.session_state.get(TOKEN)
    if current_actor() is None or not token:
        return
    kept = json.dumps(journey(), sort_keys=True)
    if kept != st.session_state.get(SAVED_JOURNEY):
        _sessions().save_journey(token, json.loads(kept))
        st.session_state[SAVED_JOURNEY] = kept


def _restore(kept: dict) -> None:
    for key, value in kept.items():
        if isinstance(key, str) and key.startswith(JOURNEY_PREFIXES):
            st.session_state[key] = _decode(value)
