"""Review queue (rules §6.2): a manual-review decision's data and reasons; approve (at most
the BB limit) or decline with a note. The seller's limits change at once."""

import streamlit as st

from app.config import DecisionStatus
from app.errors import LendingError
from app.services.credit.review import review_cases, review_decision
from components.backoffice import seller_line, seller_page_link
from components.decision import decision_facts, decision_reasons
from components.errors import show_refusal
from components.i18n import day, labelled, money, t
from components.pages import staff_page

DONE = "queue_done"

actor = staff_page("queue.title")
st.caption(t("queue.caption"))
if (done := st.session_state.pop(DONE, None)) is not None:
    st.success(t("queue.approved", id=done.id, band=done.band, limit=money(done.credit_limit))
               if done.status == DecisionStatus.APPROVED else t("queue.declined", id=done.id), icon="✅")

cases = {case.decision.id: case for case in review_cases(actor)}
if not cases:
    st.info(t("queue.empty"))
    st.stop()
st.caption(t("queue.waiting", n=len(cases)))
options = labelled(cases, lambda i: t("queue.option", id=i, seller=cases[i].seller_name,
                                      score=cases[i].decision.score, date=day(cases[i].decision.decided_on)))
chosen = cases[st.selectbox(t("queue.pick"), list(options), format_func=options.get, key="queue_pick")]
decision = chosen.decision

st.markdown(seller_line(chosen.seller_name, decision.seller_id, chosen.shops))
seller_page_link(decision.seller_id, chosen.seller_name)
decision_facts(decision)
decision_reasons(decision, staff=True)

with st.container(border=True):
    # the text as typed goes to the service, which parses it: a mistyped limit is refused, never
    # replaced by the BB limit
    limit = st.text_input(t("queue.limit"), key=f"queue_limit_{decision.id}", placeholder="1,000.00",
                          help=t("queue.limit_help", limit=money(decision.proposed_credit_limit)))
    note = st.text_area(t("queue.note"), key=f"queue_note_{decision.id}", max_chars=500)
    approve_col, decline_col, _ = st.columns([1, 1, 4])
    approve = approve_col.button(t("queue.approve"), type="primary", key="queue_approve", icon="✅")
    decline = decline_col.button(t("queue.decline"), key="queue_decline", icon="⛔")

if approve or decline:
    try:
        st.session_state[DONE] = review_decision(actor, decision.id, approve=approve, note=note,
                                                 credit_limit=limit.strip() or None if approve else None)
        st.rerun()
    except LendingError as err:
        show_refusal(err)
