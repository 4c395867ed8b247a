"""Plotly charts of the back office (product §3, §6): the portfolio's DPD distribution,
draws per day, vintages and income, and the model report's scores, bad rates and PSI.

Amounts and shares become floats here, for plotting only; every chart has a title and
axis labels; money axes carry ¥ ticks, shares % ticks; months and days are dates with a short
tick format (2026-11, 11-28) that plotly thins out on a narrow page instead of cutting them
("2026-…"); the legend sits between the title and the plot, clear of the axes and their titles.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date

import plotly.graph_objects as go
import streamlit as st

from app.scoring.report import BandRow
from app.scoring.stability import StabilityBin
from app.services.back_office.portfolio import BucketRow, IncomeRow, VintageRow
from components.charts import ACCENT, INTEREST_COLOUR, MUTED, PLOT_CONFIG, PRINCIPAL_COLOUR
from components.i18n import band_name, t

DANGER = "#cf222e"
MONEY_AXIS = {"tickprefix": "¥", "tickformat": "~s"}  # ¥40k, ¥1.2M: short enough for a phone's axis
SHARE_AXIS = {"tickformat": ".1%"}
COUNT_AXIS = {"tickformat": ",d"}
CATEGORY_AXIS = {"type": "category"}
MONTH_AXIS = {"type": "date", "tickformat": "%Y-%m", "ticklabelmode": "period", "nticks": 8}
DAY_AXIS = {"type": "date", "tickformat": "%m-%d", "nticks": 8}


CHART_WIDTH = 460  # two charts side by side on a desktop, one a row on a laptop with the sidebar or a phone
TITLE_LINE_PX = 20


def _title_lines(title: str) -> list[str]:
    """A chart's title in lines that fit a phone's chart (plotly never wraps a title): about 38
    characters, or 20 Chinese ones broken after a "：" or "，"."""
    if any(ord(c) >= 0x2E80 for c in title):
        if len(title) <= 20:
            return [title]
        cut = next((i + 1 for i, c in enumerate(title) if c in "：，" and i >= 3), 20)
        return [title[:cut], *_title_lines(title[cut:])]
    return textwrap.wrap(title, 38) or [title]


def _frame(fig: go.Figure, title: str, x_title: str, y_title: str, y_axis: dict,
           height: int = 340, x_axis: dict = CATEGORY_AXIS) -> go.Figure:
    lines = _title_lines(title)
    extra = TITLE_LINE_PX * (len(lines) - 1)
    fig.update_layout(title={"text": "<br>".join(lines), "x": 0, "xanchor": "left", "y": 0.98,
                             "yanchor": "top", "yref": "container", "font": {"size": 15}},
                      height=height + extra, margin={"l": 10, "r": 10, "t": 76 + extra, "b": 40},
                      hovermode="x unified",
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "xanchor": "left", "x": 0})
    fig.update_xaxes(title_text=x_title, automargin=True, **x_axis)
    fig.update_yaxes(title_text=y_title, rangemode="tozero", automargin=True, **y_axis)
    return fig


def _month(month: str) -> date:
    """"2026-11" → 2026-11-01, the month's bar on a date axis."""
    return date.fromisoformat(f"{month}-01")


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
    fig = go.Figure(go.Bar(x=[d for d, _ in days], y=[n for _, n in days], marker_color=PRINCIPAL_COLOUR,
                           hovertemplate="%{x|%Y-%m-%d} · %{y}<extra></extra>"))
    return _frame(fig, t("port.chart.draws"), t("port.chart.day"), t("port.chart.loans"), COUNT_AXIS,
                  x_axis=DAY_AXIS)


def vintage_figure(rows: Sequence[VintageRow]) -> go.Figure:
    fig = go.Figure(go.Scatter(x=[_month(r.month) for r in rows], y=[float(r.bad_rate) for r in rows],
                               mode="lines+markers", line={"color": DANGER},
                               customdata=[r.loans for r in rows],
                               hovertemplate="%{y:.1%} · %{customdata} " + t("port.chart.loans_hover")
                               + "<extra></extra>"))
    return _frame(fig, t("port.chart.vintage"), t("port.chart.month"), t("port.chart.bad_rate"), SHARE_AXIS,
                  x_axis=MONTH_AXIS)


def income_figure(rows: Sequence[IncomeRow]) -> go.Figure:
    months = [_month(r.month) for r in rows]
    monthly = {"xperiod": "M1", "xperiodalignment": "middle"}
    fig = go.Figure([
        go.Bar(name=t("port.interest"), x=months, y=[float(r.interest) for r in rows],
               marker_color=PRINCIPAL_COLOUR, hovertemplate="¥%{y:,.2f}", **monthly),
        go.Bar(name=t("port.penalty"), x=months, y=[float(r.penalty) for r in rows],
               marker_color=INTEREST_COLOUR, hovertemplate="¥%{y:,.2f}", **monthly)])
    fig.update_layout(barmode="stack")
    return _frame(fig, t("port.chart.income"), t("port.chart.income_month"), t("port.chart.amount"),
                  MONEY_AXIS, x_axis=MONTH_AXIS)


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


def chart_row():
    """A row of charts that wraps: two side by side on a desktop, one a row when narrower."""
    return st.container(horizontal=True, gap="medium")


def show(fig: go.Figure, key: str, row=None) -> None:
    """The chart, in `row` (see `chart_row`) at CHART_WIDTH, or as wide as where it is."""
    if row is None:
        st.plotly_chart(fig, key=key, config=PLOT_CONFIG)
        return
    with row.container(width=CHART_WIDTH):
        st.plotly_chart(fig, key=key, config=PLOT_CONFIG)
