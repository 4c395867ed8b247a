"""Repay (product §2.6): pick a loan, see today's payoff, pay all or part with a preview; receipt.
Everything overdue on every loan can be paid in one go."""

import streamlit as st

from app.errors import LendingError
from app.services.lending.loan_views import my_loans
from app.services.lending.repay_all import preview_repayment, repay_overdue
from app.services.lending.repayment import payoff_quote, repay
from app.services.portal.documents import payment_receipt_pdf
from app.services.portal.home import home
from components import confirm
from components.allocation import allocation_preview
from components.cards import bare_figure, figure, figure_row
from components.documents import document_button
from components.errors import show_refusal
from components.i18n import day, labelled, money, product_name, rate, rate_parts, t, tn
from components.loans import loan_state
from components.money_action import confirm_and_run, last_result
from components.money_input import money_input
from components.pages import seller_page
from components.query import parse_id
from components.schedule import schedule_table

actor = seller_page("repay.title", "repay.caption")
FLOW, ALL_FLOW = "repay", "repay_all"

receipt = last_result(FLOW)
if receipt is not None:
    with st.container(border=True):
        st.success(t("repay.receipt", amount=money(receipt.amount), id=receipt.loan_id,
                     date=day(receipt.paid_on), payment=receipt.payment_id), icon="🧾")
        document_button(t("documents.receipt_pdf"), lambda lang: payment_receipt_pdf(actor, receipt.id, lang),
                        f"receipt-{receipt.id}.pdf", key="repay_receipt_pdf")
        row = figure_row()
        bare_figure(row, t("allocation.penalty"), money(receipt.penalty))
        bare_figure(row, t("allocation.interest"), money(receipt.interest))
        bare_figure(row, t("allocation.principal"), money(receipt.principal))
        available = home(actor, actor.seller_id).limits.credit_available
        bare_figure(row, t("limits.credit_available"), money(available))
        if receipt.loan_closed:
            st.info(t("repay.closed", id=receipt.loan_id), icon="✅")
            st.page_link("views/loan.py", label=t("repay.see_loan", id=receipt.loan_id), icon="🔎",
                         query_params={"loan": str(receipt.loan_id)})
    if receipt.loan_closed:  # the receipt stays on screen until the reader moves on
        if st.button(t("repay.another"), key="repay_another", icon="💰"):
            confirm.forget_result(FLOW)
            st.rerun()
        st.stop()

paid_all = last_result(ALL_FLOW)
if paid_all is not None:
    st.success(tn("repay.pay_overdue_done", len(paid_all.payments), amount=money(paid_all.amount),
                  payments=", ".join(t("repay.loan_amount", id=p.loan_id, amount=money(p.amount))
                                     for p in paid_all.payments)), icon="🧾")

loans = {loan.id: loan for loan in my_loans(actor, actor.seller_id) if loan.is_open}
if not loans:
    st.info(t("repay.no_loans"))
    st.stop()

overdue = {loan.id: loan for loan in loans.values() if loan.days_past_due > 0 and loan.due_now > 0}
if overdue:
    with st.container(border=True):
        st.subheader(t("repay.pay_overdue_title"), anchor=False)
        total = money(home(actor, actor.seller_id).due_now)
        listed = ", ".join(t("repay.loan_amount", id=i, amount=money(loan.due_now))
                           for i, loan in overdue.items())
        st.caption(tn("repay.pay_overdue_caption", len(overdue), amount=total, loans=listed))
        amounts = {i: loan.due_now for i, loan in overdue.items()}
        confirm_and_run(
            ALL_FLOW, {str(i): str(a) for i, a in amounts.items()},
            review_label=t("repay.pay_overdue_review"),
            review_key="repay_all_review", title=t("repay.pay_overdue_confirm_title"),
            confirm_label=t("repay.pay_overdue_confirm"),
            details=lambda: st.markdown(t("repay.pay_overdue_summary", amount=total, loans=listed)),
            call=lambda key, _: repay_overdue(actor, amounts=amounts, idempotency_key=key), stop=False)


def loan_label(loan_id: int) -> str:
    loan = loans[loan_id]
    return t("repay.loan_option", id=loan.id, product=product_name(loan.product), state=loan_state(loan),
             outstanding=money(loan.outstanding), due=day(loan.next_due_date))


wanted = st.query_params.get("loan")
ids = list(loans)
if wanted and (parse_id(wanted) is None or (receipt is None and parse_id(wanted) not in loans)):
    st.warning(t("loan.no_such"), icon="⚠️")
index = ids.index(parse_id(wanted)) if parse_id(wanted) in loans else 0
loan_id = st.selectbox(t("repay.loan"), ids, index=index, key="repay_loan",
                       format_func=labelled(ids, loan_label).get)
loan = loans[loan_id]
quote = payoff_quote(actor, loan_id)
per_day, per_year = rate_parts(loan.daily_rate)
row = figure_row()
figure(row, t("repay.payoff"), money(quote.payoff), t("repay.payoff_caption"),
       help=t("repay.payoff_help"))
figure(row, t("repay.due_now"), money(quote.due_now), t("home.due_now_caption"),
       help=t("repay.due_now_help"))
figure(row, t("repay.outstanding"), money(loan.outstanding),
       t("loan.next_due", date=day(loan.next_due_date)) if loan.next_due_date else t("loan.next_due_none"))
figure(row, t("draw.rate"), per_day, per_year)
if loan.is_non_performing:
    st.error(t("repay.non_performing", date=day(loan.overdue_since), stopped=day(loan.non_performing_since)),
             icon="🚨")
elif loan.days_past_due:
    st.error(tn("repay.overdue_since", loan.days_past_due, days=loan.days_past_due,
                date=day(loan.overdue_since)), icon="🚨")

# The form's fields start from session state, so that clearing them after a payment (`clear=` below)
# shows the browser the fresh form too: a radio left to its own default would keep showing
# "Pay part" while the page computed the payoff (issue #16 item 5).
st.session_state.setdefault("repay_full", True)
full = st.radio(t("repay.how_much"), [True, False], key="repay_full", horizontal=True,
                format_func={True: t("repay.full"), False: t("repay.part")}.get)
if full:
    amount = quote.payoff
else:
    with st.columns([1, 2])[0]:
        amount = money_input(t("repay.amount"), "repay_amount", help=t("repay.amount_help"))
if amount is None:
    st.stop()
try:
    preview = preview_repayment(actor, loan_id, amount)
except LendingError as err:
    show_refusal(err)
    st.stop()
allocation = preview.allocation
st.markdown(f"**{t('repay.preview', amount=money(amount))}**")
allocation_preview(allocation, key="repay_allocation")
if preview.minimum_day_interest > 0:  # a same-day payment: say why a day's interest is charged (rules §2)
    st.info(t("repay.minimum_day", amount=money(preview.minimum_day_interest)), icon="ℹ️")
if not full:
    st.markdown(f"**{t('repay.schedule_after')}**")
    st.caption(t("repay.schedule_after_caption"))
    schedule_table(preview.schedule_after, key="repay_after", file_name=f"loan-{loan_id}-after-payment.csv")


def payment_summary() -> None:
    st.markdown(t("repay.confirm_summary", amount=money(amount), id=loan_id, rate=rate(loan.daily_rate),
                  principal=money(allocation.principal), interest=money(allocation.interest),
                  penalty=money(allocation.penalty)))


confirm_and_run(
    FLOW, {"loan": loan_id, "amount": str(amount)}, review_label=t("repay.review"), review_key="repay_review",
    title=t("repay.confirm_title"), confirm_label=t("repay.confirm"), details=payment_summary,
    call=lambda key, _: repay(actor, loan_id=loan_id, amount=amount, idempotency_key=key),
    clear=("repay_amount", "repay_full"))
