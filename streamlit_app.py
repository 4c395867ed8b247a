"""Microloan Factory (微贷工厂) — web entry point.

For now a single status page: the seller portal (sign-in gate and
st.navigation over pages/) is built on top of this by the portal work.
"""

import streamlit as st

from app.services.settings import current_business_date

st.set_page_config(page_title="Microloan Factory 微贷工厂", page_icon="💴", layout="wide")
st.title("Microloan Factory 微贷工厂")
st.caption("Working-capital loans for e-commerce sellers: order loans and credit loans.")
st.metric("Business date", current_business_date().isoformat())
