"""Portfolio dashboard (product §3): outstanding, disbursed, loans, average ticket, loans per
day, NPL ratio beside the reference 0.72 %, DPD distribution, vintages, income, capacity used."""

import streamlit as st

from app.services.back_office.portfolio import REFERENCE_NPL_RATIO, portfolio, portfolio_version
from components.backoffice import share
from components.backoffice_charts import dpd_figure, draws_figure, income_figure, show, vintage_figure
from components.cache import cached_read
from components.cards import figure
from components.i18n import money, t
from components.pages import staff_page

actor = staff_page("port.title")
book = cached_read("portfolio", portfolio_version(actor), lambda: portfolio(actor))  # once per data version
st.caption(t("port.caption", date=book.today.isoformat()))

row = st.columns(3)  # the book's large amounts need a third of the width each
figure(row[0], t("port.outstanding"), money(book.outstanding))
figure(row[1], t("port.disbursed"), money(book.disbursed))
figure(row[2], t("port.interest"), money(book.interest_income),
       f"{t('port.penalty')} {money(book.penalty_income)} · {t('port.income_caption')}")
row = st.columns([1, 1.45, 0.9, 1.1, 1.2])  # widths so that ¥10,137.58 fits
figure(row[0], t("port.loans"), f"{book.loans:,}", t("port.loans_caption", open=f"{book.open_loans:,}"))
figure(row[1], t("port.average"), money(book.average_ticket))
figure(row[2], t("port.per_day"), f"{book.loans_per_day}", t("port.per_day_caption"))
figure(row[3], t("port.npl"), share(book.npl_ratio),
       t("port.npl_caption", reference=share(REFERENCE_NPL_RATIO), amount=money(book.npl_outstanding)),
       help=t("port.definitions_text").splitlines()[0].removeprefix("- "))
figure(row[4], t("port.capacity"), share(book.capacity_used, 4),
       t("port.capacity_caption", outstanding=money(book.outstanding), funds=money(book.loanable_funds)))

left, right = st.columns(2)
with left:
    show(dpd_figure(book.dpd), "port_dpd")
    show(vintage_figure(book.vintages), "port_vintage")
with right:
    show(draws_figure(book.daily_draws), "port_draws")
    show(income_figure(book.income), "port_income")
with st.expander(t("port.definitions")):
    st.markdown(t("port.definitions_text"))
