"""Corrections (rules §9, §11): propose, and approve or reject another officer's proposal.

A payment reversal is proposed on a payment the officer picks from the loan's list, with what
its reversal would do shown first (issue 16 item 12). A proposal or a decision is kept for the
next run and the page runs again, so the queue above always shows it."""

import streamlit as st

from app.errors import LendingError
from app.services.access.actor import ADMIN, RISK
from app.services.risk_ops.corrections import (
    KINDS,
    PAYMENT_REVERSAL,
    PENALTY_WAIVER,
    SELLER_REASONS,
    approve_correction,
    corrections_queue,
    propose_correction,
    reject_correction,
)
from app.services.risk_ops.reversal_preview import REVERSIBLE, reversal_choice
from components.corrections import pick_payment, reversal_effect, reversal_payments_table
from components.errors import show_refusal
from components.i18n import labelled, show, t
from components.session import require_actor
from components.tables import money_column, table

DONE = "corrections_done"  # (success text key, correction id) of the last proposal or decision

actor = require_actor(RISK, ADMIN)
st.title(t("corrections_page.title"))
st.caption(t("corrections_page.caption"))
kind_names = labelled(KINDS, lambda k: t(f"correction.kind.{k}"))
SELLER_REASON_CODES = list(dict.fromkeys(code for kind in KINDS for code in SELLER_REASONS[kind]))
reason_names = labelled(SELLER_REASON_CODES, lambda code: " · ".join(
    [t(f"correction.seller_reason.{code}"),
     *(kind_names[k] for k in KINDS if code in SELLER_REASONS[k] and code != "other")]))


def run(call, success_key: str) -> None:
    """The service call; its result is shown after the page runs again (the queue then has it)."""
    try:
        done = call()
    except LendingError as err:
        show_refusal(err)
        return
    st.session_state[DONE] = (success_key, done.id)
    st.rerun()


if (done := st.session_state.pop(DONE, None)) is not None:
    st.success(t(done[0], correction_id=done[1]), icon="✅")

st.subheader(t("corrections_page.queue"), anchor=False)
queue = corrections_queue(actor)
if not queue:
    st.info(t("corrections_page.none"))
else:
    rows = [{"id": c.id, "kind": kind_names[c.kind], "loan": f"#{c.loan_id}",
             "payment": f"#{c.payment_id}" if c.payment_id else None, "amount": c.amount,
             "seller_reason": t(f"correction.seller_reason.{c.seller_reason}"),
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
kind = st.selectbox(t("corrections_page.kind"), KINDS, format_func=kind_names.get, key="correction_kind")
loan_id = st.number_input(t("corrections_page.loan"), min_value=1, step=1, value=None, key="correction_loan")
payment_id, ready = None, loan_id is not None
if kind == PAYMENT_REVERSAL and loan_id is not None:
    try:
        choice = reversal_choice(actor, int(loan_id))
    except LendingError as err:
        show_refusal(err)
        choice, ready = None, False
    if choice is not None and not choice.payments:
        st.info(t("reversal.no_payments", loan_id=choice.loan_id))
        ready = False
    elif choice is not None:
        reversal_payments_table(choice, key=f"reversal_payments_{choice.loan_id}")
        picked = pick_payment(choice, key=f"correction_payment_{choice.loan_id}")
        payment_id = picked.id
        if choice.blocked is not None:
            st.warning(show(choice.blocked), icon="⏳")
            ready = False
        if picked.status == REVERSIBLE and choice.effect is not None:
            reversal_effect(choice.effect, choice.today)
        else:
            latest = next((p.id for p in choice.payments if p.status == REVERSIBLE), "—")
            st.info(t(f"reversal.{picked.status}", id=picked.id, latest=latest), icon="ℹ️")
            ready = False
amount = None
if kind == PENALTY_WAIVER:
    amount = st.text_input(t("corrections_page.amount"), key="correction_amount")
seller_reason = st.selectbox(t("corrections_page.seller_reason"), SELLER_REASON_CODES,
                             format_func=reason_names.get, key="correction_seller_reason",
                             help=t("corrections_page.seller_reason_help"))
reason = st.text_input(t("corrections_page.reason"), key="correction_reason")
if st.button(t("corrections_page.submit"), type="primary", key="correction_propose", disabled=not ready):
    run(lambda: propose_correction(actor, kind=kind, loan_id=int(loan_id), reason=reason,
                                   payment_id=payment_id, amount=amount or None, seller_reason=seller_reason),
        "corrections_page.proposed")
