"""Vega-Lite charts (Altair) of a schedule and of the four repayment methods' cost (product §2.5,
§2.7), and the pieces the back office's charts share.

Why Vega-Lite and not Plotly (issue 16 item 16): the browser loads a chart library's JavaScript on
the first chart it draws. Plotly's is 4.7 MB and took ~1.2 s to load and compile on this machine,
which alone put a loan page's or the portfolio's first visit over its 2 s goal; Vega-Lite's takes
~0.3 s. The charts are drawn as SVG, so the browser tests can read their titles, ticks and legend.

Amounts become floats here, for plotting only; what a reader sees of an amount (the ticks aside)
is formatted from the Decimal (`money`). Every chart has a title, axis labels and ¥ ticks; the
legend sits between the title and the plot, clear of the axes and their titles.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import altair as alt
import streamlit as st

from components.i18n import method_short, money, t

PRINCIPAL_COLOUR, INTEREST_COLOUR, ACCENT, MUTED = "#1f6feb", "#f0883e", "#0a7c4a", "#9aa4b2"
DANGER, INK = "#cf222e", "#1f2328"
# SVG: a handful of marks draw as fast as on a canvas, and the layout tests can read the text.
EMBED = {"embedOptions": {"renderer": "svg", "actions": False}}
TITLE_PX = 15
# Room around the drawing: Vega sizes a chart by its own estimate of the text's width, which the
# web font can exceed by a few px (a turned axis title, the last date tick).
PADDING = {"left": 6, "top": 4, "right": 12, "bottom": 4}
DATE_TICKS = 6  # at most this many date ticks: a year of monthly installments stays readable
CHART_WIDTH = 440  # px: two such charts side by side from ~1300 px up, one under the other below


def title_lines(title: str) -> list[str]:
    """A chart's title in lines that fit a phone's chart (a chart title never wraps by itself):
    about 38 characters, or 20 Chinese ones broken after a "：" or "，"."""
    if any(ord(c) >= 0x2E80 for c in title):
        if len(title) <= 20:
            return [title]
        cut = next((i + 1 for i, c in enumerate(title) if c in "：，" and i >= 3), 20)
        return [title[:cut], *title_lines(title[cut:])]
    return textwrap.wrap(title, 38) or [title]


def legend(*, lines: bool = False) -> alt.Legend:
    """Above the plot, under the title: never over an axis or its title. A legend does not wrap, so
    the long names of lines ("Balance after (planned)") go one under the other, drawn as strokes."""
    if lines:  # a stroke long enough (~22 px) to show the planned line's dashes
        return alt.Legend(orient="top", title=None, direction="vertical", labelLimit=0, symbolType="stroke",
                          symbolStrokeWidth=2, symbolSize=500)
    return alt.Legend(orient="top", title=None, direction="horizontal", labelLimit=0)


def money_axis(title: str, short: bool = False, **kwargs) -> alt.Axis:
    """¥ ticks: ¥12,000 — or, `short`, ¥40k and ¥1.2M, short enough for a phone's axis. Whole yuan
    apart at least, so a small loan's axis never reads ¥0 ¥1 ¥1 ¥2."""
    number = "~s" if short else ",.0f"
    return alt.Axis(title=title, labelExpr=f"'¥' + format(datum.value, '{number}')", tickCount=5,
                    tickMinStep=1, **kwargs)


def framed(chart, title: str, height: int):
    """The title (in lines that fit), the height, the width of the place it is drawn in."""
    return chart.properties(
        title=alt.TitleParams(text=title_lines(title), anchor="start", fontSize=TITLE_PX),
        height=height, width="container", usermeta=EMBED, padding=PADDING,
    )


def draw(chart, key: str) -> None:
    st.altair_chart(chart, key=key, width="stretch")


def chart_of(rows: list[dict]) -> alt.Chart:
    """A chart of a few dozen points, given inline (no DataFrame to build)."""
    return alt.Chart(alt.Data(values=rows))


def paid_figure(rows: Sequence):
    """Each installment (and early payment) as paid and still to pay, stacked."""
    labels = [f"{r.due_date.isoformat()}{' ⇡' if r.kind == 'prepayment' else ''}" for r in rows]
    parts = (t("schedule.paid"), t("schedule.remaining"))
    values = [{"due": label, "part": part, "stack": i, "amount": float(amount), "shown": money(amount)}
              for label, r in zip(labels, rows, strict=True)
              for i, (part, amount) in enumerate(zip(parts, (r.paid, r.remaining), strict=True))]
    chart = chart_of(values).mark_bar().encode(
        x=alt.X("due:N", sort=list(dict.fromkeys(labels)), title=t("chart.due_date"),
                axis=alt.Axis(labelAngle=-45, labelOverlap=False)),  # every installment keeps its date
        y=alt.Y("amount:Q", stack="zero", axis=money_axis(t("chart.amount"))),
        color=alt.Color("part:N", scale=alt.Scale(domain=list(parts), range=[ACCENT, PRINCIPAL_COLOUR]),
                        legend=legend()),
        order=alt.Order("stack:Q"),
        tooltip=[alt.Tooltip("due:N", title=t("chart.due_date")), alt.Tooltip("part:N", title=" "),
                 alt.Tooltip("shown:N", title=t("chart.amount"))],
    )
    return framed(chart, t("chart.paid_per_installment"), 360)


def date_axis(title: str, dates: Sequence[date]) -> alt.Axis:
    """Days (2026-11-28) when the dates lie within two months, months (2026-11) when further apart."""
    months = bool(dates) and (max(dates) - min(dates)).days > 62
    return alt.Axis(title=title, format="%Y-%m" if months else "%Y-%m-%d",
                    tickCount={"interval": "month", "step": 1} if months else DATE_TICKS,
                    labelOverlap="greedy", labelAngle=0)


def _today_rule(today: date):
    """A dotted vertical line at today, labelled (what is left of it happened; right of it is planned)."""
    marker = chart_of([{"on": today.isoformat(), "label": t("chart.today")}])
    x = alt.X("on:T")
    rule = marker.mark_rule(strokeDash=[2, 2], color=MUTED).encode(x=x)
    label = marker.mark_text(align="left", baseline="top", dx=3, y=2, color=INK).encode(
        x=x, text="label:N")
    return rule + label


def _actual_and_planned(points: Sequence, value, name: str, colour: str, today: date | None,
                        title: str, y_title: str):
    actual = [p for p in points if p.actual]
    planned = [p for p in points if not p.actual]
    if actual and planned:
        planned = [actual[-1], *planned]  # the planned line starts where today is
    series = [t("chart.actual", what=name)] + ([t("chart.planned", what=name)] if planned else [])
    values = [{"on": p.on.isoformat(), "series": label, "value": float(value(p)), "shown": money(value(p))}
              for label, part in zip(series, (actual, planned), strict=False) for p in part]
    line = chart_of(values).mark_line(interpolate="step-after", point=True).encode(
        x=alt.X("on:T", scale=alt.Scale(type="utc"), axis=date_axis(t("chart.date"), [p.on for p in points])),
        y=alt.Y("value:Q", axis=money_axis(y_title)),
        color=alt.Color("series:N", scale=alt.Scale(domain=series, range=[colour] * len(series)),
                        legend=legend(lines=True)),
        strokeDash=alt.StrokeDash("series:N", legend=legend(lines=True),
                                  scale=alt.Scale(domain=series, range=[[1, 0], [6, 4]][:len(series)])),
        tooltip=[alt.Tooltip("on:N", title=t("chart.date")), alt.Tooltip("shown:N", title=y_title)],
    )
    chart = line + _today_rule(today) if today is not None and planned else line
    return framed(chart, title, 360)


def balance_figure(points: Sequence, today: date | None = None):
    """Outstanding principal: what happened up to today (solid), then what is planned (dashed)."""
    return _actual_and_planned(points, lambda p: p.outstanding, t("schedule.balance_after"), PRINCIPAL_COLOUR,
                               today, t("chart.balance"), t("chart.outstanding"))


def cumulative_interest_figure(points: Sequence, today: date | None = None):
    """Interest (with any penalty) paid so far, then what the plan adds."""
    return _actual_and_planned(points, lambda p: p.interest, t("chart.cumulative_interest"), INTEREST_COLOUR,
                               today, t("chart.cumulative_interest"), t("chart.interest_paid"))


def loan_charts(rows: Sequence, points: Sequence, *, today: date | None, key: str) -> None:
    """A loan's three charts: paid / still to pay per installment across the page, then outstanding
    principal and cumulative interest (each actual up to today and planned after it) side by side
    where there is room for both, one under the other where there is not."""
    draw(paid_figure(rows), f"{key}_parts")
    row = st.container(horizontal=True, gap="medium")
    for name, chart in (("balance", balance_figure(points, today)),
                        ("interest", cumulative_interest_figure(points, today))):
        with row.container(width=CHART_WIDTH):
            draw(chart, f"{key}_{name}")


def method_comparison_figure(method_interest: Sequence[tuple[str, Decimal]], chosen: str):
    """Total interest of each repayment method for the same amount and term, the chosen one marked."""
    # The amount sits inside the bar's end (the longest bar would push it past the plot's edge
    # outside), white on the chosen method's green, dark on the others' grey (contrast).
    values = [{"method": method_short(m), "interest": float(v), "shown": money(v),
               "colour": ACCENT if m == chosen else MUTED, "ink": "white" if m == chosen else INK}
              for m, v in method_interest]
    base = chart_of(values).encode(
        y=alt.Y("method:N", sort=[v["method"] for v in values], title=t("chart.method")),
        x=alt.X("interest:Q", axis=money_axis(t("chart.total_interest"), labelAngle=0)),
        tooltip=[alt.Tooltip("method:N", title=t("chart.method")),
                 alt.Tooltip("shown:N", title=t("chart.total_interest"))],
    )
    bars = base.mark_bar().encode(color=alt.Color("colour:N", scale=None))
    amounts = base.mark_text(align="right", dx=-4).encode(text="shown:N",
                                                          color=alt.Color("ink:N", scale=None))
    return framed(bars + amounts, t("chart.methods"), 220)


def method_comparison_chart(method_interest: Sequence[tuple[str, Decimal]], chosen: str, *, key: str) -> None:
    draw(method_comparison_figure(method_interest, chosen), key)
