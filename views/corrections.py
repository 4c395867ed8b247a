"""Corrections (rules §9, §11): propose, and approve or reject another officer's proposal."""

import streamlit as st

from app.errors import LendingError
from app.services.access.actor import ADMIN, RISK
from app.services.risk_ops.corrections import (
    KINDS,
    PAYMENT_REVERSAL,
    approve_correction,
    corrections_queue,
    propose_correction,
    reject_correction,
    reversible_payment_id,
)
from components.errors import show_refusal
from components.i18n import labelled, t
from components.session import require_actor
from components.tables import money_column, table

actor = require_actor(RISK, ADMIN)
st.title(t("corrections_page.title"))
st.caption(t("corrections_page.caption"))
kind_names = labelled(KINDS, lambda k: t(f"correction.kind.{k}"))


def run(call, success_key: str) -> None:
    try:
        done = call()
        st.success(t(success_key, correction_id=done.id))
    except LendingError as err:
        show_refusal(err)


st.subheader(t("corrections_page.queue"), anchor=False)
queue = corrections_queue(actor)
if not queue:
    st.info(t("corrections_page.none"))
else:
    rows = [{"id": c.id, "kind": kind_names[c.kind], "loan": f"#{c.loan_id}",
             "payment": f"#{c.payment_id}" if c.payment_id else None, "amount": c.amount,
             "reason": c.reason, "proposed_by": c.proposed_by, "proposed_on": c.proposed_on}
            for c in queue]
    config = {name: t(f"corrections_page.col.{name}") for name in rows[0]}
    table(rows, key="corrections_table", column_config=config | {
        "id": st.column_config.NumberColumn(config["id"], format="#%d"),
        "amount": money_column(config["amount"])})
    with st.form("decide_form"):
        chosen = st.selectbox(t("corrections_page.choose"), [c.id for c in queue], key="correction_id")
        note = st.text_input(t("corrections_page.note"), key="correction_note")
        approve, reject = st.columns(2)
        if approve.form_submit_button(t("corrections_page.approve"), type="primary"):
            run(lambda: approve_correction(actor, int(chosen), note), "corrections_page.approved")
        if reject.form_submit_button(t("corrections_page.reject")):
            run(lambda: reject_correction(actor, int(chosen), note), "corrections_page.rejected")

st.subheader(t("corrections_page.propose"), anchor=False)
with st.form("propose_form"):
    kind = st.selectbox(t("corrections_page.kind"), KINDS, format_func=kind_names.get, key="correction_kind")
    loan_id = st.number_input(t("corrections_page.loan"), min_value=1, step=1, key="correction_loan")
    amount = st.text_input(t("corrections_page.amount"), key="correction_amount")
    reason = st.text_input(t("corrections_page.reason"), key="correction_reason")
    if st.form_submit_button(t("corrections_page.submit"), type="primary"):
        def propose():
            payment_id = reversible_payment_id(actor, int(loan_id)) if kind == PAYMENT_REVERSAL else None
            return propose_correction(actor, kind=kind, loan_id=int(loan_id), reason=reason,
                                      payment_id=payment_id, amount=amount or None)
        run(propose, "corrections_page.proposed")
