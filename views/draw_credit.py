"""Draw a credit loan (product §2.5): amount, term, method; live schedule, method comparison; confirm."""

import streamlit as st

from app.config import RepaymentMethod
from app.errors import LendingError
from app.services.lending.borrowing import borrowing_status, check_credit_amount
from app.services.lending.draws import draw_credit_loan
from app.services.lending.loan_views import credit_draw_quote
from app.services.portal.documents import loan_agreement_pdf
from app.services.portal.home import home
from app.services.store.product_settings import offered_credit_terms
from components.borrowing import cannot_borrow
from components.charts import method_comparison_chart
from components.documents import document_button
from components.draw import cost_figures, draw_details, shop_choice
from components.draw_amount import amount_refused, draw_amount_input
from components.errors import show_refusal
from components.i18n import day, labelled, method_short, money, t
from components.money_action import confirm_and_run, last_result
from components.pages import seller_page
from components.schedule import schedule_table

actor = seller_page("credit.title", "credit.caption")
FLOW = "credit_draw"
me = home(actor, actor.seller_id)

done = last_result(FLOW)
if done is not None:
    st.success(t("credit.drawn", id=done.id, amount=money(done.principal), date=day(done.maturity_date)),
               icon="🎉")
    st.page_link("views/loan.py", label=t("draw.open_new_loan", id=done.id), icon="🔎",
                 query_params={"loan": str(done.id)})
    st.page_link("views/loans.py", label=t("credit.see_loans"), icon="📒")
    document_button(t("documents.agreement_pdf"), lambda lang: loan_agreement_pdf(actor, done.id, lang),
                    f"loan-{done.id}-agreement.pdf", key="credit_agreement_pdf")

available = me.limits.credit_available
st.metric(t("limits.credit_available"), money(available),
          help=t("limits.credit_caption", limit=money(me.limits.credit_limit),
                 outstanding=money(me.limits.credit_outstanding)))

status = borrowing_status(actor, actor.seller_id)
if not status.can_draw_credit:
    cannot_borrow(status.credit, t("borrow.cannot_credit"))
    st.stop()

shop = shop_choice(me, "credit_shop")
amount_col, term_col, method_col = st.columns([1, 1, 3])  # stacked on a phone
with amount_col:
    amount = draw_amount_input(t("credit.amount"), "credit_amount", minimum=status.minimum,
                               available=status.credit_available,
                               help=t("credit.amount_help", available=money(available)))
terms = labelled(offered_credit_terms(), lambda m: t("credit.months", n=m))
months = term_col.selectbox(t("credit.term"), list(terms), index=min(2, len(terms) - 1), key="credit_months",
                            format_func=terms.get)
methods = labelled([m.value for m in RepaymentMethod], method_short)
method = method_col.radio(t("credit.method"), list(methods), key="credit_method", format_func=methods.get,
                          horizontal=True, index=3, captions=[t(f"method_help.{m}") for m in methods])

if amount is None:
    st.info(t("credit.enter_amount"))
    st.stop()
check = check_credit_amount(actor, actor.seller_id, amount)
if not check.ok:  # no preview and no agreement for an amount that cannot be drawn
    amount_refused(check.refusal)
    st.stop()
try:
    quote = credit_draw_quote(amount, months, method)
except LendingError as err:
    show_refusal(err)
    st.stop()

cost_figures(quote)
st.markdown(f"**{t('credit.preview')}**")  # the table and the chart each get the page's width
schedule_table(quote.schedule.installments, key="credit_preview", file_name="credit-schedule.csv")
method_comparison_chart(quote.method_interest, quote.method, key="credit_methods")

request = {"shop": shop, "amount": str(amount), "months": months, "method": method}
confirm_and_run(
    FLOW, request, review_label=t("draw.review"), review_key="credit_review", title=t("draw.confirm_title"),
    confirm_label=t("draw.confirm"),
    details=lambda: draw_details(quote, t("credit.months", n=months), key=FLOW),
    call=lambda key, agreed: draw_credit_loan(actor, shop_id=shop, amount=amount, months=months,
                                              method=method, idempotency_key=key, agreement_accepted=agreed),
    clear=("credit_amount",), ready=bool, not_ready=t("draw.agree_first"))
