"""One loan (product §2.7, §7): its state and what is due now, with "pay what is overdue" on the page
itself (issue #16 item 4); schedule, charts and CSV; payments; pledged orders and their settlement."""

import streamlit as st

from app.config import LoanStanding
from app.errors import LendingError
from app.services.lending.loan_views import loan_detail
from app.services.lending.repayment import repay
from app.services.portal.documents import loan_agreement_pdf
from components.cards import bare_figure, figure_row
from components.charts import loan_charts
from components.documents import document_button
from components.errors import show_refusal
from components.i18n import day, method_short, money, product_name, rate, t, tn
from components.loans import loan_state, payments_table, pledged_orders_table
from components.money_action import confirm_and_run, last_result
from components.pages import seller_page
from components.query import parse_id
from components.schedule import schedule_table

actor = seller_page(None)
PAY_DUE = "loan_pay_due"
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

paid = last_result(PAY_DUE)
if paid is not None and paid.loan_id == loan.id:
    st.success(t("loan.pay_due_paid", amount=money(paid.amount), id=paid.loan_id, date=day(paid.paid_on),
                 payment=paid.payment_id, penalty=money(paid.penalty), interest=money(paid.interest),
                 principal=money(paid.principal)), icon="🧾")

st.header(t("loan.heading", id=loan.id, product=product_name(loan.product), method=method_short(loan.method)),
          anchor=False)
st.caption(t("loan.facts", shop=loan.shop_id, start=day(loan.start_date), maturity=day(loan.maturity_date),
             rate=rate(loan.daily_rate), agreement=detail.agreement_version or "—"))
document_button(t("documents.agreement_pdf"), lambda lang: loan_agreement_pdf(actor, loan.id, lang),
                f"loan-{loan.id}-agreement.pdf", key="loan_agreement_pdf")
row = figure_row()  # money figures get the room they need, and wrap on a narrow page
bare_figure(row, t("loans.status"), loan_state(loan), wide=False)
bare_figure(row, t("loans.principal"), money(loan.principal))
bare_figure(row, t("loans.outstanding"), money(loan.outstanding))
if loan.is_open:
    bare_figure(row, t("loan.due_now_title"), money(loan.due_now), help=t("repay.due_now_help"))
bare_figure(row, t("repay.payoff"), money(detail.payoff_today), help=t("repay.payoff_help"))
bare_figure(row, t("loans.dpd"), loan.days_past_due, wide=False)
if loan.state == LoanStanding.NON_PERFORMING:
    st.error(t("loan.non_performing_banner", amount=money(loan.due_now), date=day(loan.overdue_since),
               stopped=day(loan.non_performing_since)), icon="🚨")
elif loan.state == LoanStanding.OVERDUE:
    st.error(tn("loan.overdue_banner", loan.days_past_due, amount=money(loan.due_now),
                date=day(loan.overdue_since), days=loan.days_past_due), icon="🚨")


def pay_due_summary() -> None:
    split = detail.due_now_split
    st.markdown(t("repay.confirm_summary", amount=money(loan.due_now), id=loan.id, rate=rate(loan.daily_rate),
                  principal=money(split.principal), interest=money(split.interest),
                  penalty=money(split.penalty)))


if loan.is_open and loan.due_now > 0:  # what is overdue (or due today), paid from this page
    confirm_and_run(
        PAY_DUE, {"loan": loan.id, "amount": str(loan.due_now)},
        review_label=t("loan.pay_due_review" if loan.days_past_due else "loan.pay_today_review",
                       amount=money(loan.due_now)),
        review_key=f"{PAY_DUE}_review", title=t("loan.pay_due_title", id=loan.id),
        confirm_label=t("loan.pay_due_confirm"), details=pay_due_summary, stop=False,
        call=lambda key, _: repay(actor, loan_id=loan.id, amount=loan.due_now, idempotency_key=key))
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
