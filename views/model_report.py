"""Model report (product §3, §5): score distribution, approval and bad rate by rating band,
AUC and KS on the hold-out sellers, and the population stability of today's scores."""

import streamlit as st

from app.scoring.stability import SHIFTED, STABLE
from app.services.credit.model_report import model_report_page, model_report_version
from components.backoffice import share
from components.backoffice_charts import (
    CHART_WIDTH,
    band_bad_rate_figure,
    chart_row,
    score_distribution_figure,
    show,
    stability_figure,
)
from components.cache import cached_read
from components.cards import figure, figure_row
from components.i18n import band_name, t
from components.pages import staff_page
from components.tables import table

actor = staff_page("mr.title")
with st.spinner():  # stored by end of day; computed here only for inputs it has not seen
    page = cached_read("model_report", model_report_version(actor), lambda: model_report_page(actor))
report = page.report
st.caption(t("mr.caption", version=report.model_version, loans=report.loans, bads=report.bads))

holdout = t("mr.holdout_caption", loans=report.holdout_loans, bads=report.holdout_bads)
row = figure_row()
figure(row, t("mr.auc"), f"{report.holdout_auc:.3f}",
       f"{holdout} · {t('mr.train_caption', value=f'{report.train_auc:.3f}')}")
figure(row, t("mr.ks"), f"{report.holdout_ks:.3f}", t("mr.train_caption", value=f"{report.train_ks:.3f}"))
figure(row, t("mr.approval"), share(report.approval_rate, 1), t("mr.approval_caption"))
figure(row, t("mr.psi"), f"{page.psi:.3f}", t("mr.psi_caption", today=page.current_scores,
                                                fit=page.fit_scores), help=t("mr.psi_definition"))
reading = "mr.psi.stable" if page.psi < STABLE else "mr.psi.shift" if page.psi <= SHIFTED else "mr.psi.refit"
(st.success if page.psi < STABLE else st.warning)(t(reading, psi=f"{page.psi:.3f}"))

charts = chart_row()
show(score_distribution_figure(report.distribution), "mr_distribution", charts)
show(band_bad_rate_figure(report.bands), "mr_bands", charts)
show(stability_figure(page.stability), "mr_psi", charts)
with charts.container(width=CHART_WIDTH):
    records = [{"band": band_name(b.band), "loans": b.loans, "approved": b.approved, "bad": b.bad,
                "bad_rate": b.bad_rate} for b in report.bands]
    table(records, key="mr_bands_table", columns=["band", "loans", "approved", "bad", "bad_rate"],
          column_config={c: t(f"mr.col.{c}") for c in ("band", "loans", "bad")} | {
              "approved": st.column_config.CheckboxColumn(t("mr.col.approved")),
              "bad_rate": st.column_config.NumberColumn(t("mr.col.bad_rate"), format="percent")})
st.caption(t("mr.psi_definition"))
