"""Credit recovery (product §3, rules §9): the plans and their progress, and a new plan."""

import streamlit as st

from app.errors import LendingError
from app.services.access.actor import ADMIN, RISK
from app.services.risk_ops.recovery import create_recovery_plan, recovery_candidates, recovery_plans
from components.backoffice import seller_link_column, seller_url
from components.errors import show_refusal
from components.i18n import labelled, money, t
from components.session import require_actor
from components.tables import money_column, table

actor = require_actor(RISK, ADMIN)
st.title(t("recovery_page.title"))
st.caption(t("recovery_page.caption"))

st.subheader(t("recovery_page.create"), anchor=False)
candidates = recovery_candidates(actor)
if not candidates:
    st.info(t("recovery_page.no_candidates"))
else:
    by_id = {c.seller_id: c for c in candidates}
    names = labelled(list(by_id), lambda sid: f"#{sid} {by_id[sid].seller_name} · "
                                              f"{money(by_id[sid].overdue_balance)}")
    with st.form("recovery_form"):
        seller_id = st.selectbox(t("recovery_page.seller"), list(names), format_func=names.get,
                                 key="recovery_seller")
        months = st.number_input(t("recovery_page.months"), min_value=1, max_value=12, value=6, step=1,
                                 key="recovery_months")
        note = st.text_input(t("recovery_page.note"), key="recovery_note")
        if st.form_submit_button(t("recovery_page.submit"), type="primary"):
            try:
                plan = create_recovery_plan(actor, int(seller_id), int(months), note)
                st.success(t("recovery_page.created", plan_id=plan.id, loan_id=plan.loan_id))
            except LendingError as err:
                show_refusal(err)

st.subheader(t("recovery_page.plans"), anchor=False)
plans = recovery_plans(actor)
if not plans:
    st.info(t("recovery_page.none"))
    st.stop()
rows = [{"seller": seller_url(p.seller_id, p.seller_name), "loan": f"#{p.loan_id}",
         "created_on": p.created_on, "months": p.months, "balance": p.balance,
         "waived": p.penalty_waived, "outstanding": p.outstanding,
         "paid": f"{p.installments_paid}/{p.months}",
         "streak": f"{p.on_time_streak}/{p.needed}", "lifted_on": p.lifted_on,
         "cap_until": p.cap_until} for p in plans]
config = {name: t(f"recovery_page.col.{name}") for name in rows[0]}
table(rows, key="recovery_table", column_config=config | {"seller": seller_link_column(config["seller"])} | {
    name: money_column(config[name]) for name in ("balance", "waived", "outstanding")})
