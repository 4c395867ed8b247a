"""Platform balance (issue #9 item 16): the balance, its movements, and a withdrawal to the
seller's settlement account through the confirm flow of the money pages."""

import streamlit as st

from app.services.lending.balance import balance_history, check_withdrawal, withdraw_balance
from components.draw_amount import amount_refused, draw_amount_input
from components.i18n import money, show, t
from components.money_action import confirm_and_run, last_result
from components.pages import seller_page
from components.tables import money_column, table

actor = seller_page("balance.title", "balance.caption")
FLOW = "balance_withdraw"
KINDS = ("settlement", "repayment_auto_debit", "balance_withdrawal")

done = last_result(FLOW)
if done is not None:
    st.success(t("balance.withdrawn", amount=money(done.amount), after=money(done.balance_after)), icon="🏦")

view = balance_history(actor, actor.seller_id)
st.metric(t("balance.now"), money(view.balance))

st.subheader(t("balance.movements"), anchor=False)
if not view.movements:
    st.info(t("balance.no_movements"))
else:
    records = [{"on": m.on, "what": t(f"balance.kind.{m.kind if m.kind in KINDS else 'other'}"),
                "loan": f"#{m.loan_id}" if m.loan_id else None, "in": m.amount_in or None,
                "out": m.amount_out or None, "after": m.balance_after} for m in view.movements]
    table(records, key="balance_movements", height=min(400, 38 + 35 * len(records)),
                 column_config={
                     "on": st.column_config.TextColumn(t("balance.col.date")),
                     "what": st.column_config.TextColumn(t("balance.col.what")),
                     "loan": st.column_config.TextColumn(t("balance.col.loan")),
                     "in": money_column(t("balance.col.in")), "out": money_column(t("balance.col.out")),
                     "after": money_column(t("balance.col.after"))})

st.subheader(t("balance.withdraw_title"), anchor=False)
if view.withdraw_block is not None:
    st.info(show(view.withdraw_block), icon="ℹ️")
    st.stop()
with st.columns([1, 2])[0]:
    amount = draw_amount_input(t("balance.amount"), "balance_amount", minimum=view.minimum,
                               available=view.balance)
if amount is None:
    st.stop()
check = check_withdrawal(actor, actor.seller_id, amount)
if not check.ok:
    amount_refused(check.refusal)
    st.stop()
confirm_and_run(
    FLOW, {"amount": str(check.amount)}, review_label=t("balance.review"), review_key="balance_review",
    title=t("balance.confirm_title"), confirm_label=t("balance.confirm"),
    details=lambda: st.markdown(t("balance.confirm_summary", amount=money(check.amount),
                                  after=money(check.balance_after))),
    call=lambda key, _: withdraw_balance(actor, amount=check.amount, idempotency_key=key),
    clear=("balance_amount",))
