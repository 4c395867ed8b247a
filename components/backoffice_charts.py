"""Plotly charts of the back office (product §3, §6): the portfolio's DPD distribution,
draws per day, vintages and income, and the model report's scores, bad rates and PSI.

Amounts and shares become floats here, for plotting only; every chart has a title and
axis labels; money axes carry ¥ ticks, shares % ticks.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

from app.scoring.report import BandRow
from app.scoring.stability import StabilityBin
from app.services.back_office.portfolio import BucketRow, IncomeRow, VintageRow
from components.charts import ACCENT, INTEREST_COLOUR, MUTED, PLOT_CONFIG, PRINCIPAL_COLOUR
from components.i18n import band_name, t

DANGER = "#cf222e"
MONEY_AXIS = {"tickprefix": "¥", "tickformat": ",.0f"}
SHARE_AXIS = {"tickformat": ".1%"}
COUNT_AXIS = {"tickformat": ",d"}


def _frame(fig: go.Figure, title: str, x_title: str, y_title: str, y_axis: dict,
           height: int = 320) -> go.Figure:
    fig.update_layout(title={"text": title, "x": 0, "xanchor": "left"}, height=height,
                      margin={"l": 10, "r": 10, "t": 50, "b": 40}, hovermode="x unified",
                      legend={"orientation": "h", "yanchor": "top", "y": -0.25, "xanchor": "left", "x": 0})
    fig.update_xaxes(title_text=x_title, type="category")
    fig.update_yaxes(title_text=y_title, rangemode="tozero", **y_axis)
    return fig


def bucket_name(bucket: str) -> str:
    return t("dpd.current") if bucket == "current" else t("dpd.bucket", bucket=bucket)


def dpd_figure(rows: Sequence[BucketRow]) -> go.Figure:
    colours = [ACCENT] + [INTEREST_COLOUR] * (len(rows) - 2) + [DANGER]
    fig = go.Figure(go.Bar(x=[bucket_name(r.bucket) for r in rows], y=[float(r.outstanding) for r in rows],
                           marker_color=colours, customdata=[r.loans for r in rows],
                           hovertemplate="¥%{y:,.2f} · %{customdata} " + t("port.chart.loans_hover")
                           + "<extra></extra>"))
    return _frame(fig, t("port.chart.dpd"), t("port.chart.dpd_x"), t("port.chart.amount"), MONEY_AXIS)


def draws_figure(days: Sequence[tuple]) -> go.Figure:
    fig = go.Figure(go.Bar(x=[d.isoformat() for d, _ in days], y=[n for _, n in days],
                           marker_color=PRINCIPAL_COLOUR, hovertemplate="%{y}<extra></extra>"))
    return _frame(fig, t("port.chart.draws"), t("port.chart.day"), t("port.chart.loans"), COUNT_AXIS)


def vintage_figure(rows: Sequence[VintageRow]) -> go.Figure:
    fig = go.Figure(go.Scatter(x=[r.month for r in rows], y=[float(r.bad_rate) for r in rows],
                               mode="lines+markers", line={"color": DANGER},
                               customdata=[r.loans for r in rows],
                               hovertemplate="%{y:.1%} · %{customdata} " + t("port.chart.loans_hover")
                               + "<extra></extra>"))
    return _frame(fig, t("port.chart.vintage"), t("port.chart.month"), t("port.chart.bad_rate"), SHARE_AXIS)


def income_figure(rows: Sequence[IncomeRow]) -> go.Figure:
    months = [r.month for r in rows]
    fig = go.Figure([
        go.Bar(name=t("port.interest"), x=months, y=[float(r.interest) for r in rows],
               marker_color=PRINCIPAL_COLOUR, hovertemplate="¥%{y:,.2f}"),
        go.Bar(name=t("port.penalty"), x=months, y=[float(r.penalty) for r in rows],
               marker_color=INTEREST_COLOUR, hovertemplate="¥%{y:,.2f}")])
    fig.update_layout(barmode="stack")
    return _frame(fig, t("port.chart.income"), t("port.chart.income_month"), t("port.chart.amount"),
                  MONEY_AXIS)


def score_distribution_figure(distribution: Sequence[tuple[int, int]]) -> go.Figure:
    fig = go.Figure(go.Bar(x=[f"{start}-{start + 49}" for start, _ in distribution],
                           y=[n for _, n in distribution], marker_color=PRINCIPAL_COLOUR,
                           hovertemplate="%{y}<extra></extra>"))
    return _frame(fig, t("mr.chart.distribution"), t("mr.chart.score"), t("mr.chart.loans"), COUNT_AXIS)


def band_bad_rate_figure(bands: Sequence[BandRow]) -> go.Figure:
    fig = go.Figure(go.Bar(x=[band_name(b.band) for b in bands], y=[float(b.bad_rate) for b in bands],
                           marker_color=[ACCENT if b.approved else MUTED for b in bands],
                           customdata=[b.loans for b in bands],
                           hovertemplate="%{y:.1%} · %{customdata} " + t("port.chart.loans_hover")
                           + "<extra></extra>"))
    return _frame(fig, t("mr.chart.bands"), t("mr.chart.band"), t("mr.chart.bad_rate"), SHARE_AXIS)


def stability_figure(bins: Sequence[StabilityBin]) -> go.Figure:
    labels = [b.label for b in bins]
    fig = go.Figure([
        go.Bar(name=t("mr.chart.fit"), x=labels, y=[float(b.expected) for b in bins], marker_color=MUTED,
               hovertemplate="%{y:.1%}"),
        go.Bar(name=t("mr.chart.today"), x=labels, y=[float(b.actual) for b in bins],
               marker_color=PRINCIPAL_COLOUR, hovertemplate="%{y:.1%}")])
    return _frame(fig, t("mr.chart.psi"), t("mr.chart.score"), t("mr.chart.share"), SHARE_AXIS)


def show(fig: go.Figure, key: str) -> None:
    st.plotly_chart(fig, key=key, config=PLOT_CONFIG)
