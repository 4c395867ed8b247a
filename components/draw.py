"""What a draw will cost and what its confirmation says (product §2.4, §2.5, §7).

The cost is shown three ways — daily rate, annualised rate, yuan — and the loan
agreement's key terms must be accepted with an "I agree" box before the draw.
"""

from __future__ import annotations

import streamlit as st

from app.agreements import agreement_version_on
from app.services.lending.loan_views import DrawQuote
from app.services.portal.home import Home
from components.cards import figure, figure_row
from components.i18n import day, labelled, method_name, money, product_name, rate, rate_parts, t


def cost_figures(quote: DrawQuote) -> None:
    """The cost three ways (daily rate, annualised rate, yuan), the first payment and the total (§7)."""
    installments = quote.schedule.installments
    per_day, per_year = rate_parts(quote.daily_rate)
    row = figure_row()
    figure(row, t("draw.rate"), per_day, per_year, help=t("draw.rate_help"))
    figure(row, t("draw.total_interest"), money(quote.total_interest), t("draw.if_on_schedule"))
    if len(installments) > 1:
        figure(row, t("draw.first_payment"), money(quote.first_payment),
               t("home.due_on", date=day(installments[0].due_date)), help=t("draw.first_payment_help"))
    else:
        earlier = "draw.or_earlier" if quote.product == "order" else "draw.or_earlier_credit"
        figure(row, t("draw.repay_by"), day(installments[0].due_date), t(earlier))
    figure(row, t("draw.total_repayment"), money(quote.schedule.total_repayment),
           t("draw.last_payment", date=day(installments[-1].due_date)))


def shop_choice(me: Home, key: str) -> str:
    """The shop drawing the loan: picked only when the seller has more than one."""
    shops = dict(me.shops)
    if len(shops) == 1:
        return next(iter(shops))
    names = labelled(shops, lambda s: f"{shops[s]} ({s})")
    return st.selectbox(t("draw.shop"), list(shops), key=key, format_func=names.get)


def agreement_terms(quote: DrawQuote, term: str) -> None:
    penalty = quote.penalty_rate
    terms = t("agreement.terms", product=product_name(quote.product), amount=money(quote.principal),
              rate=rate(quote.daily_rate), term=term, method=method_name(quote.method),
              interest=money(quote.total_interest), penalty=rate(penalty),
              maturity=day(quote.schedule.installments[-1].due_date), one_day=money(quote.one_day_interest))
    with st.container(border=True):
        st.markdown(f"**{t('agreement.title', version=agreement_version_on(quote.start))}**")
        st.markdown(terms)


def draw_details(quote: DrawQuote, term: str, *, key: str, note: str = "") -> bool:
    """Inside a draw's confirmation panel: what will happen, the agreement, and "I agree" (returned)."""
    installments = quote.schedule.installments
    summary = "draw.confirm_summary" if len(installments) > 1 else "draw.confirm_summary_once"
    st.markdown(t(summary, product=product_name(quote.product), amount=money(quote.principal),
                  rate=rate(quote.daily_rate), interest=money(quote.total_interest),
                  first=money(quote.first_payment), first_date=day(installments[0].due_date)))
    if note:
        st.caption(note)
    agreement_terms(quote, term)
    return st.checkbox(t("agreement.agree"), key=f"{key}_agree")
