"""Microloan Factory (微贷工厂) — web entry point.

Sets the page, the session defaults and the sidebar (language, business date,
who is signed in), signs out an idle session, and routes with `st.navigation`.
Every page is always registered, so a sign-in or sign-out never asks for a page
that has gone; the signed-in role decides which are listed. The start page (sign-in,
the seller's My limits, the staff's Overview) always has the url path `start`, so signing
in or out on it lands on the new start page; on any other page a signed-out reader
gets the sign-in panel in place (`components.session.require_actor`). This file is where
the sign-in panel gets its two use cases and the session its store (components never name a
service that writes). A signed-in session survives a reload: its token rides in the URL
(`components.session`, `app.services.accounts.web_sessions`), and a pending confirmation is
kept with it after each run.
"""

import importlib
import os
import sys
import threading
import time

import streamlit as st

from app.services.access.actor import ADMIN, SELLER
from app.services.accounts import web_sessions
from app.services.accounts.signin import activate, sign_in
from app.services.portal.notice_seen import unread_count
from components.errors import run_page
from components.i18n import t
from components.session import (
    current_actor,
    init_session,
    keep_session,
    provide_web_sessions,
    remember_journey,
)
from components.sidebar import render_sidebar
from components.sign_in import provide_sign_in

WARM_MODULES = ("components.tables", "components.charts", "components.loans", "components.schedule",
                "components.allocation", "app.services.lending.loan_views",
                "app.services.lending.availability",
                "app.services.credit.assessment", "app.services.back_office.portfolio",
                "app.services.back_office.reports", "components.backoffice_charts", "components.books")


def _import_page_modules() -> None:
    for name in WARM_MODULES:
        importlib.import_module(name)
    _first_chart_and_table()


def _first_chart_and_table() -> None:
    """What the first chart and the first table of a process cost, paid here: Altair loads and
    checks against the Vega-Lite schema on the first chart's spec, pandas and Arrow on the first
    table's conversion."""
    import altair as alt
    import pandas as pd
    from streamlit.dataframe_util import convert_anything_to_arrow_bytes

    from components.charts import framed, legend, money_axis

    values = alt.Data(values=[{"x": "a", "y": 1.0, "k": "p"}])
    chart = alt.Chart(values).mark_bar().encode(x=alt.X("x:N", sort=["a"]),
                                                y=alt.Y("y:Q", axis=money_axis("")),
                                                color=alt.Color("k:N", legend=legend()))
    framed(chart + alt.Chart(values).mark_line(interpolate="step-after", point=True).encode(x="x:N", y="y:Q"),
           "", 100).to_dict()
    convert_anything_to_arrow_bytes(pd.DataFrame({"a": [1], "b": ["x"]}))


@st.cache_resource(show_spinner=False)
def warm_up() -> threading.Thread:
    """Once per server process, in the background: import what the later pages need (pandas,
    altair, the services) and make a first chart and table, so the first page does not wait
    for them and the next ones find them loaded. The engine and the text catalogue are warmed
    by the first page itself."""
    thread = threading.Thread(target=_import_page_modules, name="warm-up", daemon=True)
    thread.start()
    return thread


STARTED = time.perf_counter()
PAGE_TIMES = os.environ.get("PAGE_TIMES") == "1"  # bench/pages.py: how long each run took on the server
st.set_page_config(page_title="Microloan Factory 微贷工厂", page_icon="💴", layout="wide")
warm_up()
provide_sign_in(sign_in, activate)
provide_web_sessions(web_sessions)
init_session()
keep_session()
render_sidebar()

SIGN_IN = ("views/sign_in.py", "nav.sign_in", "🔐")
SELLER_SECTIONS = {
    "nav.section.account": [("views/home.py", "nav.home", "🏠"),
                            ("views/notifications.py", "nav.notifications", "🔔"),
                            ("views/apply.py", "nav.apply", "📝"),
                            ("views/balance.py", "nav.balance", "👛")],
    "nav.section.borrow": [("views/draw_order.py", "nav.draw_order", "📦"),
                           ("views/draw_credit.py", "nav.draw_credit", "💳")],
    "nav.section.loans": [("views/loans.py", "nav.loans", "📒"), ("views/repay.py", "nav.repay", "💰"),
                          ("views/documents.py", "nav.documents", "📄")],
}
HIDDEN = [("views/loan.py", "loan.title", "🔎")]  # reached from My loans, never listed
BACK_OFFICE = [("views/overview.py", "nav.overview", "🧭"),
               ("views/review_queue.py", "nav.review_queue", "🧾"),
               ("views/collections.py", "nav.collections", "📞"),
               ("views/seller_360.py", "nav.seller_360", "🪪"),  # ?seller=ID: linked from tables of sellers
               ("views/risk_events.py", "nav.risk_events", "⚠️"),
               ("views/recovery.py", "nav.recovery", "🩹"),
               ("views/corrections.py", "nav.corrections", "✍️"),
               ("views/portfolio.py", "nav.portfolio", "📊"),
               ("views/model_report.py", "nav.model_report", "📈"),
               ("views/book.py", "nav.book", "📅"),
               ("views/books.py", "nav.books", "🧮")]  # risk officers and admins
ADMIN_ONLY = [("views/settings.py", "nav.settings", "⚙️"), ("views/audit.py", "nav.audit", "📜"),
              ("views/platform_feed.py", "nav.platform_feed", "🔌")]
STAFF = BACK_OFFICE + ADMIN_ONLY


NOTICES = "views/notifications.py"


def page(spec: tuple[str, str, str], *, default: bool = False, listed: bool = True,
         unread: int = 0) -> st.Page:
    path, title, icon = spec
    shown = f"{t(title)} · {t('notices.unread', n=unread)}" if path == NOTICES and unread else t(title)
    return st.Page(path, title=shown, icon=icon, default=default, url_path="start" if default else None,
                   visibility="visible" if listed else "hidden")


def navigation() -> dict[str, list[st.Page]]:
    actor = current_actor()
    role = None if actor is None else actor.role
    seller_specs = [spec for specs in SELLER_SECTIONS.values() for spec in specs]
    if role is None:
        listed, default = {"": [SIGN_IN]}, SIGN_IN
    elif role == SELLER:
        listed = {t(section): specs for section, specs in SELLER_SECTIONS.items()}
        default = seller_specs[0]
    else:
        listed = {t("nav.section.backoffice"): STAFF if role == ADMIN else BACK_OFFICE}
        default = BACK_OFFICE[0]
    shown = {spec for specs in listed.values() for spec in specs}
    unlisted = [spec for spec in [SIGN_IN, *seller_specs, *HIDDEN, *STAFF] if spec not in shown]
    unread = unread_count(actor, actor.seller_id) if role == SELLER else 0  # the sidebar shows it
    sections = {name: [page(spec, default=spec == default, unread=unread) for spec in specs]
                for name, specs in listed.items()}
    sections.setdefault("", []).extend(page(spec, listed=False) for spec in unlisted)
    return sections


current = None
try:
    # expanded: every page listed; by default Streamlit hides all but the first 10 behind
    # "View more", and the admin's menu is longer than that
    current = st.navigation(navigation(), expanded=True)
    run_page(current)
finally:  # also when the page stops or reruns (a confirmation just opened)
    remember_journey()
    if PAGE_TIMES:
        path, spent = getattr(current, "url_path", "") or "start", (time.perf_counter() - STARTED) * 1000
        print(f"page-time {path} {spent:.0f} ms", file=sys.stderr, flush=True)
