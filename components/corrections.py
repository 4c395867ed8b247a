"""A payment reversal before it is proposed (issue 16 item 12): the loan's payments to choose
from, and what the reversal of the chosen one would do. Read models in, Streamlit out."""

from __future__ import annotations

import streamlit as st

from app.services.risk_ops.reversal_preview import (
    REVERSIBLE,
    ReversalChoice,
    ReversalEffect,
    ReversiblePayment,
)
from components.backoffice import seller_page_link
from components.cards import figure, figure_row
from components.i18n import label, labelled, money, t
from components.tables import money_column, table

MONEY = ("amount", "penalty", "interest", "principal")


def reversal_payments_table(choice: ReversalChoice, *, key: str) -> None:
    """The loan's payments, newest first, each with what may be done with it."""
    st.caption(t("reversal.payments", loan_id=choice.loan_id, seller_id=choice.seller_id,
                 seller=choice.seller_name))
    seller_page_link(choice.seller_id, choice.seller_name)
    records = [{"id": p.id, "paid_on": p.paid_on, "source": label(f"source_staff.{p.source}", p.source),
                "amount": p.amount, "penalty": p.penalty, "interest": p.interest, "principal": p.principal,
                "status": t(f"reversal.status.{p.status}")} for p in choice.payments]
    config = {c: t(f"reversal.col.{c}") for c in ("paid_on", "source", "status")}
    config |= {c: money_column(t(f"reversal.col.{c}")) for c in MONEY}
    config["id"] = st.column_config.NumberColumn(t("reversal.col.id"), format="#%d")
    table(records, key=key, column_config=config, height=min(300, 38 + 35 * len(records)))


def pick_payment(choice: ReversalChoice, *, key: str) -> ReversiblePayment:
    """The payment to reverse, chosen from the loan's list (the one that can be reversed first)."""
    def describe(payment_id: int) -> str:
        payment = choice.payment(payment_id)
        return t("reversal.option", id=payment.id, date=payment.paid_on.isoformat(),
                 amount=money(payment.amount), source=label(f"source_staff.{payment.source}", payment.source),
                 status=t(f"reversal.status.{payment.status}"))

    options = labelled([p.id for p in choice.payments], describe)
    default = next((n for n, p in enumerate(choice.payments) if p.status == REVERSIBLE), 0)
    picked = st.selectbox(t("reversal.pick"), list(options), index=default, format_func=options.get, key=key)
    return choice.payment(picked)


def reversal_effect(effect: ReversalEffect, today) -> None:
    """Owed again, and the loan's payoff, outstanding principal, due now and days past due after."""
    st.markdown(t("reversal.effect", id=effect.payment_id, date=today.isoformat()))
    row = figure_row()
    figure(row, t("reversal.owed_again"), money(effect.penalty + effect.interest + effect.principal),
           t("reversal.owed_again_caption", penalty=money(effect.penalty), interest=money(effect.interest),
             principal=money(effect.principal)))
    before, after = effect.before, effect.after
    figure(row, t("reversal.payoff"), money(after.payoff), t("reversal.before", value=money(before.payoff)))
    figure(row, t("reversal.outstanding"), money(after.outstanding),
           t("reversal.before", value=money(before.outstanding)))
    figure(row, t("reversal.due_now"), money(after.due_now),
           t("reversal.before", value=money(before.due_now)))
    figure(row, t("reversal.dpd"), str(after.days_past_due),
           t("reversal.before", value=str(before.days_past_due)))
    st.caption(t(f"reversal.refund.{effect.refund_to}", amount=money(effect.amount)))
    if effect.reopens:
        st.caption(t("reversal.reopens"))
