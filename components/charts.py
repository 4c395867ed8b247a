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


def _layout(fig: go.Figure, title: str, x_title: str, y_title: str, height: int = 320) -> go.Figure:
    fig.update_layout(title={"text": title, "x": 0, "xanchor": "left"}, height=height,
                      margin={"l": 10, "r": 10, "t": 50, "b": 40}, hovermode="x unified",
                      # below the plot: above it, the legend ran into the title in narrow columns
                      legend={"orientation": "h", "yanchor": "top", "y": -0.5, "xanchor": "left", "x": 0})
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title, tickprefix="¥", tickformat=",.0f", rangemode="tozero")
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
                       yanchor="bottom")


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
    fig.update_xaxes(tickformat="%Y-%m-%d", type="date")
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


def loan_charts(rows: Sequence, points: Sequence, *, today: date | None, key: str) -> None:
    """A loan's three charts side by side: paid / still to pay per installment, outstanding principal
    and cumulative interest, each actual up to today and planned after it."""
    figures = {"parts": paid_figure(rows), "balance": balance_figure(points, today),
               "interest": cumulative_interest_figure(points, today)}
    for column, (name, fig) in zip(st.columns(3), figures.items(), strict=True):
        with column:
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
