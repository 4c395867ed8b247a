"""Admin: the platform feed (issue 17) — recent imports with their counts, rejected records with
their reasons (CSV download), and payment instructions pending, sent and failed."""

import streamlit as st

from app.services.feed.importer import import_rejects, recent_imports
from app.services.payouts.instructions import instructions
from components.i18n import t
from components.pages import staff_page
from components.platform_feed import imports_table, instructions_table, rejects_csv, rejects_table

actor = staff_page("feed.title", admin_only=True)
st.caption(t("feed.caption"))

st.subheader(t("feed.imports"), anchor=False)
imports = recent_imports(actor)
if imports:
    imports_table(imports, key="feed_imports")
else:
    st.info(t("feed.imports.none"))

st.subheader(t("feed.rejects"), anchor=False)
rejects = import_rejects(actor, limit=1000)
if rejects:
    rejects_table(rejects, key="feed_rejects")
    st.download_button(t("feed.rejects.download"), rejects_csv(rejects), file_name="feed-rejects.csv",
                       mime="text/csv", key="feed_rejects_csv", icon="⬇️")
else:
    st.caption(t("feed.rejects.none"))

st.subheader(t("payout.title"), anchor=False)
statuses = ("pending", "sent", "failed")
rows = {status: instructions(actor, status) for status in statuses}
tabs = st.tabs([t(f"payout.tab.{s}", n=len(rows[s])) for s in statuses])
for tab, status in zip(tabs, statuses, strict=True):
    with tab:
        if rows[status]:
            instructions_table(rows[status], key=f"payout_{status}")
        else:
            st.caption(t("payout.none"))
