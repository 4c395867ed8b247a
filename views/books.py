"""The lender's books (issue #18 §4-§5): trial balance, income statement, balance sheet, loan
classification with coverage and provision ratio, general ledger — each on a date or over a period,
shown and downloaded as CSV or XLSX; the admin closes a month here."""

from datetime import date

import streamlit as st

from app.errors import LendingError
from app.report_files import render
from app.services.access.actor import ADMIN
from app.services.back_office.reports import DATED, REPORTS, report_table
from app.services.end_of_day.close import close_month, closed_months
from app.services.store.settings import current_business_date
from components.books import ACCOUNTS, report_frame
from components.errors import show_refusal
from components.i18n import t
from components.pages import staff_page

actor = staff_page("books.title")
st.caption(t("books.caption"))
today = current_business_date()
name = st.selectbox(t("books.report"), REPORTS, format_func=lambda n: t(f"books.report.{n}"),
                    key="books_report")
left, middle, right = st.columns(3)
on = start = end = account = None
if name == "ecl":
    st.caption(t("books.ecl_caption"))
elif name not in DATED:
    start = left.date_input(t("books.from"), value=today.replace(day=1), key="books_from")
    end = middle.date_input(t("books.to"), value=today, key="books_to")
    if name == "general-ledger":
        account = right.selectbox(t("books.account"), ACCOUNTS, format_func=lambda a: t(f"books.value.{a}"),
                                  key="books_account")
else:
    on = left.date_input(t("books.on"), value=today, key="books_on")

try:
    report = report_table(actor, name, on=on, start=start, end=end, account=account)
except LendingError as err:
    show_refusal(err)
    st.stop()
st.subheader(report.title, anchor=False)
report_frame(report, key="books_table")
csv_col, xlsx_col = st.columns(2)
csv_col.download_button(t("books.download_csv"), lambda: render(report, "csv"), file_name=f"{name}.csv",
                        mime="text/csv", key="books_csv", icon="⬇️")
xlsx_col.download_button(t("books.download_xlsx"), lambda: render(report, "xlsx"), file_name=f"{name}.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         key="books_xlsx", icon="⬇️")

closed = closed_months(actor)
if closed:
    st.caption(t("books.closed_months", months=", ".join(m.month for m in closed),
                 through=closed[0].closed_through.isoformat()))
if actor.role == ADMIN:
    with st.form("close_form"):
        st.subheader(t("books.close_title"), anchor=False)
        st.caption(t("books.close_help"))
        last_month = (today.replace(day=1) - date.resolution).strftime("%Y-%m")
        month = st.text_input(t("books.month"), value=last_month, key="books_month")
        if st.form_submit_button(t("books.close"), type="primary"):
            try:
                done = close_month(actor, month)
                st.success(t("books.closed", month=done.month, through=done.closed_through.isoformat()))
            except LendingError as err:
                show_refusal(err)
