"""Apply / re-rate (product §2.3): a form pre-filled from platform data; the decision shown first
as a preview (nothing stored), applied only when the seller confirms it (issue #9 item 9) — a
re-rate on platform data only too (issue #16 item 6)."""

import streamlit as st

from app.errors import InvalidApplication, LendingError
from app.scoring.application import QUESTIONNAIRE
from app.services.credit.assessment import apply_for_credit, prefill_application, preview_application
from components.decision import decision_panel
from components.errors import show_refusal
from components.i18n import labelled, money, percent, show, t
from components.pages import seller_page

actor = seller_page("apply.title", "apply.caption")
RESULT, PREVIEW = "apply_result", "apply_preview"
FIELDS = (("annual_sales", "¥"), ("operating_cost", "¥"), ("net_margin_pct", "%"), ("inventory", "¥"),
          ("total_assets", "¥"), ("total_liabilities", "¥"), ("receivables", "¥"),
          ("platform_share_pct", "%"))

if "apply_prefill" not in st.session_state:
    st.session_state["apply_prefill"] = prefill_application(actor, actor.seller_id)
prefill = st.session_state["apply_prefill"]
outcome = st.container()  # the decision shows above the form, where the seller looks first

with st.form("apply_form"):
    st.markdown(f"**{t('apply.financials')}**")
    unknown = ", ".join(t(f"apply.field.{name}") for name in prefill["unknown"])
    st.caption(t("apply.prefill_note", fields=unknown))
    form: dict = {}
    columns = st.columns(4)
    for k, (name, unit) in enumerate(FIELDS):
        st.session_state.setdefault(f"apply_{name}", str(prefill.get(name, "")))
        form[name] = columns[k % 4].text_input(f"{t('apply.field.' + name)} ({unit})", key=f"apply_{name}")
    st.markdown(f"**{t('apply.customers')}**")
    known = prefill.get("top_customers", [])
    customers = []
    for k, column in enumerate(st.columns(2), start=1):
        default = known[k - 1] if k <= len(known) else {"sales_share_pct": "", "since": None}
        st.session_state.setdefault(f"apply_customer{k}_share", default["sales_share_pct"])
        st.session_state.setdefault(f"apply_customer{k}_since", default["since"])
        with column:
            share = st.text_input(t("apply.customer_share", n=k), key=f"apply_customer{k}_share")
            since = st.date_input(t("apply.customer_since", n=k), key=f"apply_customer{k}_since",
                                  format="YYYY-MM-DD")
            if (share or "").strip() or since is not None:
                customers.append({"sales_share_pct": share, "since": since})
    form["top_customers"] = customers
    with st.expander(t("apply.questionnaire"), expanded=False):
        answer = st.checkbox(t("apply.questionnaire_answer"), key="apply_questionnaire_on")
        scale = {1: t("apply.scale1"), 3: t("apply.scale3"), 5: t("apply.scale5")}
        answers = [st.select_slider(show(q), options=[1, 2, 3, 4, 5], value=3, key=f"apply_q{k}",
                                    format_func=labelled(range(1, 6), lambda v: scale.get(v, str(v))).get)
                   for k, q in enumerate(QUESTIONNAIRE)]
    form["questionnaire"] = answers if answer else []
    submit = st.form_submit_button(t("apply.preview_submit"), type="primary")

rerate = st.button(t("apply.rerate"), key="apply_rerate", help=t("apply.rerate_help"))

if submit:  # decide without storing: the seller sees the outcome before anything changes
    st.session_state.pop(RESULT, None)
    try:
        st.session_state[PREVIEW] = (form, preview_application(actor, actor.seller_id, form))
    except InvalidApplication as err:
        st.session_state.pop(PREVIEW, None)
        st.error(t("apply.invalid"), icon="⚠️")
        for problem in err.problems:
            st.markdown(f"- {show(problem)}")
    except LendingError as err:
        show_refusal(err)
if rerate:  # platform data only: previewed and confirmed like the declared figures (issue #16 item 6)
    st.session_state.pop(RESULT, None)
    try:
        st.session_state[PREVIEW] = (None, preview_application(actor, actor.seller_id, None))
    except LendingError as err:
        st.session_state.pop(PREVIEW, None)
        show_refusal(err)

pending = st.session_state.get(PREVIEW)
if pending is not None:
    sent, preview = pending
    with outcome, st.container(border=True):
        st.subheader(t("apply.preview_title"), anchor=False)
        st.info(t("apply.preview_note", current=money(preview.current_credit_limit),
                  new=money(preview.decision.credit_limit),
                  current_rate=percent(preview.current_advance_rate),
                  new_rate=percent(preview.decision.advance_rate)), icon="🔍")
        decision_panel(preview.decision)
        with st.container(horizontal=True):
            confirmed = st.button(t("apply.confirm"), key="apply_confirm", type="primary", icon="✅")
            dropped = st.button(t("apply.discard"), key="apply_discard")
    if dropped:
        st.session_state.pop(PREVIEW, None)
        st.rerun()
    if confirmed:  # an application the seller confirms always applies
        try:
            st.session_state[RESULT] = apply_for_credit(actor, seller_id=actor.seller_id, form=sent)
        except InvalidApplication as err:
            st.error(t("apply.invalid"), icon="⚠️")
            for problem in err.problems:
                st.markdown(f"- {show(problem)}")
        except LendingError as err:
            show_refusal(err)
        else:
            st.session_state.pop(PREVIEW, None)
            st.rerun()

if st.session_state.get(RESULT) is not None:
    with outcome:
        st.subheader(t("apply.decision"), anchor=False)
        decision_panel(st.session_state[RESULT])
        st.divider()
