"""Plotly charts of a schedule and of the four repayment methods' cost (product §2.5, §2.7).

Amounts become floats here, for plotting only; every chart has a title, axis
labels and ¥ ticks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import plotly.graph_objects as go
import streamlit as st

from components.i18n import method_short, t

PRINCIPAL_COLOUR, INTEREST_COLOUR, ACCENT, MUTED = "#1f6feb", "#f0883e", "#0a7c4a", "#9aa4b2"
MONEY_HOVER = "¥%{y:,.2f}"
PLOT_CONFIG = {"displayModeBar": False}


# Title on top, the legend in a row under it (above the plot, so it never meets the tick labels,
# which Plotly turns when they do not fit and makes room for with `automargin`); the top margin
# holds the title and a legend that wraps onto two rows in a phone-wide chart.
TOP_MARGIN = 90  # the title, then a legend that may wrap onto two rows (a narrow chart, long names)
DATE_TICKS = 6  # at most this many date ticks: a year of monthly installments stays readable
DATE_FORMATS = [{"dtickrange": [None, "M1"], "value": "%Y-%m-%d"},  # days or weeks apart: the day
                {"dtickrange": ["M1", None], "value": "%Y-%m"}]  # a month or more apart: the month


def _layout(fig: go.Figure, title: str, x_title: str, y_title: str, height: int = 360) -> go.Figure:
    fig.update_layout(title={"text": title, "x": 0, "xanchor": "left", "yref": "container", "y": 0.98,
                             "yanchor": "top"},
                      height=height, margin={"l": 10, "r": 10, "t": TOP_MARGIN, "b": 10},
                      hovermode="x unified",
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0})
    fig.update_xaxes(title_text=x_title, automargin=True)
    fig.update_yaxes(title_text=y_title, tickprefix="¥", tickformat=",.0f", rangemode="tozero",
                     automargin=True)
    return fig


def paid_figure(rows: Sequence) -> go.Figure:
    """Each installment (and early payment) as paid and still to pay, stacked."""
    x = [f"{r.due_date.isoformat()}{' ⇡' if r.kind == 'prepayment' else ''}" for r in rows]
    fig = go.Figure([
        go.Bar(name=t("schedule.paid"), x=x, y=[float(r.paid) for r in rows], marker_color=ACCENT,
               hovertemplate=MONEY_HOVER),
        go.Bar(name=t("schedule.remaining"), x=x, y=[float(r.remaining) for r in rows],
               marker_color=PRINCIPAL_COLOUR, hovertemplate=MONEY_HOVER)])
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category")
    return _layout(fig, t("chart.paid_per_installment"), t("chart.due_date"), t("chart.amount"))


def _today_line(fig: go.Figure, today: date) -> None:
    """A dotted vertical line at today, labelled (what is left of it happened; right of it is planned)."""
    fig.add_shape(type="line", x0=today.isoformat(), x1=today.isoformat(), y0=0, y1=1, yref="paper",
                  line={"dash": "dot", "color": MUTED})
    fig.add_annotation(x=today.isoformat(), y=1, yref="paper", text=t("chart.today"), showarrow=False,
                       yanchor="top", xanchor="left", xshift=2)  # inside the plot: the legend is above it


def _actual_and_planned(points: Sequence, value, name: str, colour: str, today: date | None,
                        title: str, y_title: str) -> go.Figure:
    actual = [p for p in points if p.actual]
    planned = [p for p in points if not p.actual]
    if actual and planned:
        planned = [actual[-1], *planned]  # the planned line starts where today is
    traces = [go.Scatter(x=[p.on.isoformat() for p in actual], y=[float(value(p)) for p in actual],
                         mode="lines+markers", name=t("chart.actual", what=name), hovertemplate=MONEY_HOVER,
                         line={"shape": "hv", "color": colour})]
    if planned:
        traces.append(go.Scatter(x=[p.on.isoformat() for p in planned], y=[float(value(p)) for p in planned],
                                 mode="lines+markers", name=t("chart.planned", what=name),
                                 hovertemplate=MONEY_HOVER,
                                 line={"shape": "hv", "color": colour, "dash": "dash"}))
    fig = go.Figure(traces)
    fig.update_xaxes(type="date", tickformatstops=DATE_FORMATS, nticks=DATE_TICKS)
    if today is not None and planned:
        _today_line(fig, today)
    return _layout(fig, title, t("chart.date"), y_title)


def balance_figure(points: Sequence, today: date | None = None) -> go.Figure:
    """Outstanding principal: what happened up to today (solid), then what is planned (dashed)."""
    return _actual_and_planned(points, lambda p: p.outstanding, t("schedule.balance_after"), PRINCIPAL_COLOUR,
                               today, t("chart.balance"), t("chart.outstanding"))


def cumulative_interest_figure(points: Sequence, today: date | None = None) -> go.Figure:
    """Interest (with any penalty) paid so far, then what the plan adds."""
    return _actual_and_planned(points, lambda p: p.interest, t("chart.cumulative_interest"), INTEREST_COLOUR,
                               today, t("chart.cumulative_interest"), t("chart.interest_paid"))


CHART_WIDTH = 440  # px: two such charts side by side from ~1300 px up, one under the other below


def loan_charts(rows: Sequence, points: Sequence, *, today: date | None, key: str) -> None:
    """A loan's three charts: paid / still to pay per installment across the page, then outstanding
    principal and cumulative interest (each actual up to today and planned after it) side by side
    where there is room for both, one under the other where there is not."""
    st.plotly_chart(paid_figure(rows), key=f"{key}_parts", config=PLOT_CONFIG)
    row = st.container(horizontal=True, gap="medium")
    for name, fig in (("balance", balance_figure(points, today)),
                      ("interest", cumulative_interest_figure(points, today))):
        with row.container(width=CHART_WIDTH):
            st.plotly_chart(fig, key=f"{key}_{name}", config=PLOT_CONFIG)


def method_comparison_figure(method_interest: Sequence[tuple[str, Decimal]], chosen: str) -> go.Figure:
    """Total interest of each repayment method for the same amount and term."""
    names = [method_short(m) for m, _ in method_interest]
    values = [float(v) for _, v in method_interest]
    colours = [ACCENT if m == chosen else MUTED for m, _ in method_interest]
    fig = go.Figure(go.Bar(x=values, y=names, orientation="h", marker_color=colours,
                           text=[f"¥{v:,.2f}" for v in values], textposition="auto",
                           hovertemplate="¥%{x:,.2f}<extra></extra>"))
    fig.update_layout(title={"text": t("chart.methods"), "x": 0, "xanchor": "left"}, height=260,
                      margin={"l": 10, "r": 10, "t": 50, "b": 10}, showlegend=False)
    fig.update_xaxes(title_text=t("chart.total_interest"), tickprefix="¥", tickformat=",.0f",
                     rangemode="tozero", nticks=5, tickangle=0)
    fig.update_yaxes(title_text=t("chart.method"), autorange="reversed")
    return fig


def method_comparison_chart(method_interest: Sequence[tuple[str, Decimal]], chosen: str, *, key: str) -> None:
    st.plotly_chart(method_comparison_figure(method_interest, chosen), key=key, config=PLOT_CONFIG)
