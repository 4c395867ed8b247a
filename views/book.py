"""End-of-day status (product §3, §4; rules §8): the business date, the latest end-of-day runs
and, for the admin, the demo "advance N days" control with the days' results."""

from datetime import timedelta

import streamlit as st

from app.demo.time_travel import advance_days
from app.errors import LendingError
from app.services.access.actor import ADMIN, require_role
from app.services.end_of_day.run import run_end_of_day
from app.services.end_of_day.status import eod_status
from app.services.store.settings import current_business_date
from components.backoffice import eod_runs_table
from components.cards import bare_figure, figure_row
from components.errors import show_refusal
from components.i18n import day, t, tn
from components.pages import staff_page
from components.tables import money_column, table

RESULT = "advance_result"
COUNTS = ("day", "placed", "shipped", "settled", "refunded", "repayments", "auto_debits", "new_loans",
          "overdue", "npl")

actor = staff_page("book.title")
status = eod_status(actor)
row = figure_row()
bare_figure(row, t("book.business_date"), status.business_date.isoformat(), wide=False)
bare_figure(row, t("eod.last_completed"), day(status.last_completed), wide=False)
st.caption(t("book.caption"))
with st.expander(t("eod.runs"), expanded=actor.role != ADMIN):
    eod_runs_table(status.runs, key="eod_runs")
if actor.role != ADMIN:
    st.info(t("book.admin_only"))
    st.stop()


def simulate(days: int) -> list[dict]:
    """Demo time travel: a day of platform activity, then end of day, `days` times."""
    return [{"day": r.day.isoformat(), "placed": r.orders_placed, "shipped": r.orders_shipped,
             "settled": r.orders_settled, "refunded": r.orders_refunded, "repayments": r.repayments,
             "repaid": r.repaid, "auto_debits": r.auto_debits, "new_loans": r.new_loans,
             "lent": r.lent, "overdue": r.newly_overdue, "npl": r.newly_non_performing}
            for r in advance_days(actor, days)]


def end_of_day_only(days: int) -> list[dict]:
    until = current_business_date() + timedelta(days=days - 1)
    return [{"day": r.business_date.isoformat(), "settled": r.orders_settled, "auto_debits": r.auto_debits,
             "overdue": r.newly_overdue, "npl": r.newly_non_performing}
            for r in run_end_of_day(actor, until=until)]


with st.form("advance_form"):
    st.subheader(t("book.advance_title"), anchor=False)
    st.caption(t("book.advance_help"))
    days = st.columns([1, 3])[0].number_input(t("book.days"), min_value=1, max_value=30, value=1, step=1,
                                              key="advance_days")
    with_activity = st.checkbox(t("book.simulate"), value=True, key="advance_simulate")
    go = st.form_submit_button(t("book.advance"), type="primary", icon="⏩")

if go:
    try:
        require_role(actor, ADMIN)
        with st.spinner(tn("book.running", int(days))):
            st.session_state[RESULT] = simulate(int(days)) if with_activity else end_of_day_only(int(days))
        st.rerun()
    except LendingError as err:
        show_refusal(err)

if st.session_state.get(RESULT):
    st.success(tn("book.advanced", len(st.session_state[RESULT]),
                  date=current_business_date().isoformat()))
    # narrow count columns, so the whole table fits the page without a horizontal scroll
    config = {name: st.column_config.NumberColumn(t(f"book.col.{name}"), width="small", format="%d")
              for name in COUNTS if name != "day"}
    config["day"] = st.column_config.TextColumn(t("book.col.day"), width="small")
    config |= {"repaid": money_column(t("book.col.repaid")), "lent": money_column(t("book.col.lent"))}
    table(st.session_state[RESULT], key="advance_table", column_config=config)
