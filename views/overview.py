"""Staff start page (product §3): the work waiting — the review queue and the loans in
collections per days-past-due bucket — with links to the pages that do it."""

import streamlit as st

from app.services.back_office.overview import staff_overview
from components.backoffice_charts import bucket_name
from components.cards import figure, figure_row
from components.i18n import money, t
from components.pages import staff_page

actor = staff_page("overview.title")
overview = staff_overview(actor)
st.caption(t("overview.caption", date=overview.today.isoformat()))

row = figure_row()
figure(row, t("overview.review_queue"), str(overview.review_queue), t("overview.review_caption"))
figure(row, t("overview.in_collections"), str(overview.in_collections), t("overview.collections_caption"))
row = figure_row()
for bucket in overview.buckets:
    figure(row, bucket_name(bucket.bucket), str(bucket.loans),
           t("overview.bucket_caption", outstanding=money(bucket.outstanding)))

st.page_link("views/review_queue.py", label=t("overview.go_review"), icon="🧾")
st.page_link("views/collections.py", label=t("overview.go_collections"), icon="📞")
st.page_link("views/portfolio.py", label=t("overview.go_portfolio"), icon="📊")
