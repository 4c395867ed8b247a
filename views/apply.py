"""Apply / re-rate (product §2.3): a pre-filled form, a decision within a second, with reasons."""

import streamlit as st

from app.errors import InvalidApplication, LendingError
from app.scoring.application import QUESTIONNAIRE
from app.services.assessment import apply_for_credit, prefill_application
from components.decision import decision_panel
from components.i18n import error_text, labelled, show, t
from components.pages import seller_page

actor = seller_page("apply.title", "apply.caption")
RESULT = "apply_result"
FIELDS = (("annual_sales", "¥"), ("operating_cost", "¥"), ("net_margin_pct", "%"), ("inventory", "¥"),
          ("total_assets", "¥"), ("total_liabilities", "¥"), ("receivables", "¥"),
          ("platform_share_pct", "%"))

if "apply_prefill" not in st.session_state:
    st.session_state["apply_prefill"] = prefill_application(actor, actor.seller_id)
prefill = st.session_state["apply_prefill"]
outcome = st.container()  # the decision shows above the form, where the seller looks first

with st.form("apply_form"):
    st.markdown(f"**{t('apply.financials')}**")
    form: dict = {}
    columns = st.columns(4)
    for k, (name, unit) in enumerate(FIELDS):
        st.session_state.setdefault(f"apply_{name}", str(prefill.get(name, "")))
        form[name] = columns[k % 4].text_input(f"{t('apply.field.' + name)} ({unit})", key=f"apply_{name}")
    st.markdown(f"**{t('apply.customers')}**")
    customers = []
    for k, column in enumerate(st.columns(2), start=1):
        with column:
            share = st.text_input(t("apply.customer_share", n=k), key=f"apply_customer{k}_share")
            since = st.date_input(t("apply.customer_since", n=k), value=None, key=f"apply_customer{k}_since")
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
    submit = st.form_submit_button(t("apply.submit"), type="primary")

rerate = st.button(t("apply.rerate"), key="apply_rerate", help=t("apply.rerate_help"))

if submit or rerate:
    try:
        st.session_state[RESULT] = apply_for_credit(actor, seller_id=actor.seller_id,
                                                    form=form if submit else None)
    except InvalidApplication as err:
        st.session_state.pop(RESULT, None)
        st.error(t("apply.invalid"), icon="⚠️")
        for problem in err.problems:
            st.markdown(f"- {show(problem)}")
    except LendingError as err:
        st.error(error_text(err), icon="⚠️")

if st.session_state.get(RESULT) is not None:
    with outcome:
        st.subheader(t("apply.decision"), anchor=False)
        decision_panel(st.session_state[RESULT])
        st.divider()
