"""One loan (product §2.7, §7): schedule, charts and CSV; payments; pledged orders and their settlement."""

import streamlit as st

from app.errors import LendingError
from app.services.lending.loan_views import loan_detail
from app.services.portal.documents import loan_agreement_pdf
from components.cards import bare_figure, figure_row
from components.charts import loan_charts
from components.documents import document_button
from components.errors import show_refusal
from components.i18n import day, method_short, money, product_name, rate, status_name, t
from components.loans import payments_table, pledged_orders_table
from components.pages import seller_page
from components.query import parse_id
from components.schedule import schedule_table

actor = seller_page(None)
st.page_link("views/loans.py", label=t("loan.back"), icon="⬅️")
wanted = st.query_params.get("loan") or st.session_state.get("loans_pick")
if wanted is None:
    st.info(t("loan.pick"))
    st.stop()
if parse_id(wanted) is None:
    st.error(t("loan.no_such"), icon="⚠️")
    st.stop()
try:
    detail = loan_detail(actor, parse_id(wanted))
except LendingError as err:
    show_refusal(err)
    st.stop()
loan = detail.loan

st.header(t("loan.heading", id=loan.id, product=product_name(loan.product), method=method_short(loan.method)),
          anchor=False)
st.caption(t("loan.facts", shop=loan.shop_id, start=day(loan.start_date), maturity=day(loan.maturity_date),
             rate=rate(loan.daily_rate), agreement=detail.agreement_version or "—"))
document_button(t("documents.agreement_pdf"), lambda lang: loan_agreement_pdf(actor, loan.id, lang),
                f"loan-{loan.id}-agreement.pdf", key="loan_agreement_pdf")
row = figure_row()  # money figures get the room they need, and wrap on a narrow page
bare_figure(row, t("loans.principal"), money(loan.principal))
bare_figure(row, t("loans.outstanding"), money(loan.outstanding))
bare_figure(row, t("repay.payoff"), money(detail.payoff_today), help=t("repay.payoff_help"))
bare_figure(row, t("loans.status"), status_name(loan.status), wide=False)
bare_figure(row, t("loans.dpd"), loan.days_past_due, wide=False)
if loan.is_open:
    st.page_link("views/repay.py", label=t("loan.repay_this"), icon="💰", query_params={"loan": str(loan.id)})

today = detail.today if loan.is_open else None  # a closed loan has no "ahead"
loan_charts(detail.schedule, detail.timeline, today=today, key=f"loan{loan.id}")
st.markdown(f"**{t('loan.schedule')}**")
st.caption(t("loan.schedule_caption"))
schedule_table(detail.schedule, key=f"loan{loan.id}_schedule", file_name=f"loan-{loan.id}-schedule.csv",
               today=today)

st.markdown(f"**{t('loan.payments')}**")
payments_table(detail.payments, key=f"loan{loan.id}_payments")
if detail.pledged_orders:
    st.markdown(f"**{t('loan.pledged')}**")
    pledged_orders_table(detail.pledged_orders, key=f"loan{loan.id}_orders")
