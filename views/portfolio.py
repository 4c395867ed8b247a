"""Portfolio dashboard (product §3): outstanding, disbursed, loans, average ticket, loans per
day, NPL ratio beside the reference 0.72 %, DPD distribution, vintages, income, capacity used."""

import streamlit as st

from app.services.back_office.portfolio import REFERENCE_NPL_RATIO, portfolio, portfolio_version
from app.services.back_office.reports import report_table
from components.backoffice import share
from components.backoffice_charts import (
    chart_row,
    dpd_figure,
    draws_figure,
    income_figure,
    show,
    vintage_figure,
)
from components.books import report_frame
from components.cache import cached_read
from components.cards import figure, figure_row
from components.i18n import money, t
from components.pages import staff_page

actor = staff_page("port.title")
book = cached_read("portfolio", portfolio_version(actor), lambda: portfolio(actor))  # once per data version
st.caption(t("port.caption", date=book.today.isoformat()))

row = figure_row()  # cards as wide as their figures, wrapping onto the next line on a narrow page
figure(row, t("port.outstanding"), money(book.outstanding))
figure(row, t("port.disbursed"), money(book.disbursed))
figure(row, t("port.interest"), money(book.interest_income),
       f"{t('port.penalty')} {money(book.penalty_income)} · {t('port.income_caption')}")
figure(row, t("port.loans"), f"{book.loans:,}", t("port.loans_caption", open=f"{book.open_loans:,}"))
figure(row, t("port.average"), money(book.average_ticket))
figure(row, t("port.per_day"), f"{book.loans_per_day}", t("port.per_day_caption"))
figure(row, t("port.npl"), share(book.npl_ratio),
       t("port.npl_caption", reference=share(REFERENCE_NPL_RATIO), amount=money(book.npl_outstanding)),
       help=t("port.definitions_text").splitlines()[0].removeprefix("- "))
figure(row, t("port.capacity"), share(book.capacity_used, 2),
       t("port.capacity_caption", outstanding=money(book.outstanding), funds=money(book.loanable_funds)))

charts = chart_row()
show(dpd_figure(book.dpd), "port_dpd", charts)
show(draws_figure(book.daily_draws), "port_draws", charts)
show(vintage_figure(book.vintages), "port_vintage", charts)
show(income_figure(book.income), "port_income", charts)
# The IFRS 9 style view beside the regulatory figures (issue #18 §2); the Books page has it too.
with st.expander(t("books.report.ecl")):
    st.caption(t("books.ecl_caption"))
    # Read afresh, not cached: it reads each seller's band in force, which a daytime credit decision
    # changes without posting anything (the portfolio's version would not move). 3-40 ms on the demo.
    ecl = report_table(actor, "ecl")
    report_frame(ecl, key="port_ecl")
with st.expander(t("port.definitions")):
    st.markdown(t("port.definitions_text"))
