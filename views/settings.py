"""Product settings (admin only; product §3): rates, credit terms, rating bands, capital and
bank lines, with the trail of every change. New draws and ratings use them; open loans keep
their own terms."""

import streamlit as st

from app.errors import LendingError
from app.services.store.product_settings import change_settings, product_settings
from components.backoffice import settings_trail_table
from components.errors import show_refusal
from components.i18n import t
from components.pages import staff_page

GROUPS = {"settings.group.rates": ("order_daily_rate", "credit_daily_rate", "penalty_multiplier"),
          "settings.group.terms": ("credit_term_months",),
          "settings.group.bands": ("band_cut_offs", "credit_multiples", "advance_rates"),
          "settings.group.funds": ("registered_capital", "bank_credit_lines")}
SAVED = "settings_saved"

actor = staff_page("settings.title", admin_only=True)
st.caption(t("settings.caption"))
if (saved := st.session_state.pop(SAVED, None)) is not None:
    st.success(t("settings.saved", n=saved) if saved else t("settings.unchanged"), icon="✅")
current = product_settings(actor)
rows = {row.name: row for row in current.settings}

with st.form("settings_form"):
    values = {}
    for group, names in GROUPS.items():
        st.markdown(f"**{t(group)}**")
        for column, name in zip(st.columns(len(names)), names, strict=True):
            values[name] = column.text_input(t(f"settings.name.{name}"), value=rows[name].value,
                                             key=f"settings_{name}", help=t(f"settings.help.{name}"))
            column.caption(t("settings.default", value=rows[name].default))
    save = st.form_submit_button(t("settings.save"), type="primary", icon="💾")
if save:
    try:
        st.session_state[SAVED] = len(change_settings(actor, values))
        st.rerun()
    except LendingError as err:
        show_refusal(err)

st.subheader(t("settings.trail"), anchor=False)
settings_trail_table(current.trail, key="settings_trail")
