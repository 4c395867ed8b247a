"""Plotly charts of a schedule and of the four repayment methods' cost (product §2.5, §2.7).

Amounts become floats here, for plotting only; every chart has a title, axis
labels and ¥ ticks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from itertools import accumulate

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


def installments_figure(rows: Sequence) -> go.Figure:
    """Principal and interest of each installment, stacked."""
    x = [r.due_date.isoformat() for r in rows]
    fig = go.Figure([
        go.Bar(name=t("schedule.principal"), x=x, y=[float(r.principal) for r in rows],
               marker_color=PRINCIPAL_COLOUR, hovertemplate=MONEY_HOVER),
        go.Bar(name=t("schedule.interest"), x=x, y=[float(r.interest) for r in rows],
               marker_color=INTEREST_COLOUR, hovertemplate=MONEY_HOVER)])
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category")
    return _layout(fig, t("chart.installments"), t("chart.due_date"), t("chart.amount"))


def balance_figure(rows: Sequence, start: date, principal: Decimal) -> go.Figure:
    """Outstanding principal after each installment, from the draw date."""
    x = [start.isoformat()] + [r.due_date.isoformat() for r in rows]
    y = [float(principal)] + [float(r.balance_after) for r in rows]
    fig = go.Figure(go.Scatter(x=x, y=y, mode="lines+markers", name=t("schedule.balance_after"),
                               line={"shape": "hv", "color": PRINCIPAL_COLOUR}, hovertemplate=MONEY_HOVER))
    fig.update_xaxes(tickformat="%Y-%m-%d")
    return _layout(fig, t("chart.balance"), t("chart.date"), t("chart.outstanding"))


def cumulative_interest_figure(rows: Sequence) -> go.Figure:
    x = [r.due_date.isoformat() for r in rows]
    y = list(accumulate(float(r.interest) for r in rows))
    fig = go.Figure(go.Scatter(x=x, y=y, mode="lines+markers", fill="tozeroy", hovertemplate=MONEY_HOVER,
                               line={"color": INTEREST_COLOUR}, name=t("chart.cumulative_interest")))
    fig.update_xaxes(type="category")
    return _layout(fig, t("chart.cumulative_interest"), t("chart.due_date"), t("chart.interest_paid"))


def schedule_charts(rows: Sequence, *, start: date, principal: Decimal, key: str) -> None:
    """The three charts of a schedule, side by side."""
    figures = {"parts": installments_figure(rows), "balance": balance_figure(rows, start, principal),
               "interest": cumulative_interest_figure(rows)}
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
