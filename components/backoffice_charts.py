"""Vega-Lite charts (Altair) of the back office (product §3, §6): the portfolio's DPD
distribution, draws per day, vintages and income, and the model report's scores, bad rates and PSI.

Amounts and shares become floats here, for plotting only; an amount a reader sees in a tooltip
is formatted from the Decimal. Every chart has a title and axis labels; money axes carry ¥ ticks,
shares % ticks; months and days are dates with a short tick format (2026-11, 11-28) that are
thinned out on a narrow page instead of cut ("2026-…"); the legend sits between the title and the
plot, clear of the axes and their titles (components/charts.py says why Vega-Lite).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import altair as alt
import streamlit as st

from app.scoring.report import BandRow
from app.scoring.stability import StabilityBin
from app.services.back_office.portfolio import BucketRow, IncomeRow, VintageRow
from components.charts import (
    ACCENT,
    DANGER,
    INTEREST_COLOUR,
    MUTED,
    PRINCIPAL_COLOUR,
    chart_of,
    draw,
    framed,
    legend,
    money_axis,
)
from components.i18n import band_name, money, t

SHARE_AXIS = {"format": ".1%", "tickCount": 5}
COUNT_AXIS = {"format": ",d", "tickMinStep": 1, "tickCount": 5}
# A tick a month (a day), thinned where labels would collide: never a label twice ("2026-10 2026-10").
MONTH_AXIS = {"format": "%Y-%m", "labelAngle": 0, "labelOverlap": "greedy",
              "tickCount": {"interval": "month", "step": 1}}
DAY_AXIS = {"format": "%m-%d", "labelAngle": 0, "labelOverlap": "greedy",
            "tickCount": {"interval": "day", "step": 1}}
# Every category keeps its label (a band or a score range without one cannot be read), turned
# where the labels are long or many; the DPD ranges are short enough to stand upright.
CATEGORY_AXIS = {"labelAngle": -45, "labelOverlap": False}
SHORT_CATEGORY_AXIS = {"labelAngle": 0, "labelOverlap": False}
HEIGHT = 300  # the plot; the title and legend come on top

CHART_WIDTH = 460  # two charts side by side on a desktop, one a row on a laptop with the sidebar or a phone

def _month(month: str) -> str:
    """"2026-11" → "2026-11-01", the month's bar on a date axis."""
    return date.fromisoformat(f"{month}-01").isoformat()


def _loans(n: int) -> str:
    return f"{n} {t('port.chart.loans_hover')}"


def bucket_name(bucket: str) -> str:
    return t("dpd.current") if bucket == "current" else t("dpd.bucket", bucket=bucket)


def _bucket_tick(bucket: str) -> str:
    """The range alone ("31-60"; the axis title says they are days past due): five full names
    ("31-60 days past due") do not fit side by side on a phone."""
    return t("dpd.current") if bucket == "current" else bucket


def dpd_figure(rows: Sequence[BucketRow]):
    colours = [ACCENT] + [INTEREST_COLOUR] * (len(rows) - 2) + [DANGER]
    values = [{"bucket": _bucket_tick(r.bucket), "name": bucket_name(r.bucket),
               "amount": float(r.outstanding), "shown": money(r.outstanding), "loans": _loans(r.loans),
               "colour": colour}
              for r, colour in zip(rows, colours, strict=False)]
    chart = chart_of(values).mark_bar().encode(
        x=alt.X("bucket:N", sort=[v["bucket"] for v in values], title=t("port.chart.dpd_x"),
                axis=alt.Axis(**SHORT_CATEGORY_AXIS)),
        y=alt.Y("amount:Q", axis=money_axis(t("port.chart.amount"), short=True)),
        color=alt.Color("colour:N", scale=None),
        tooltip=[alt.Tooltip("name:N", title=t("port.chart.dpd_x")),
                 alt.Tooltip("shown:N", title=t("port.chart.amount")), alt.Tooltip("loans:N", title=" ")],
    )
    return framed(chart, t("port.chart.dpd"), HEIGHT)


def draws_figure(days: Sequence[tuple]):
    values = [{"day": d.isoformat(), "loans": n} for d, n in days]
    chart = chart_of(values).mark_bar(color=PRINCIPAL_COLOUR).encode(
        x=alt.X("day:T", timeUnit="utcyearmonthdate", title=t("port.chart.day"), axis=alt.Axis(**DAY_AXIS)),
        y=alt.Y("loans:Q", title=t("port.chart.loans"), axis=alt.Axis(**COUNT_AXIS)),
        tooltip=[alt.Tooltip("day:N", title=t("port.chart.day")),
                 alt.Tooltip("loans:Q", title=t("port.chart.loans"))],
    )
    return framed(chart, t("port.chart.draws"), HEIGHT)


def _bad_rate(title: str, what: alt.Tooltip) -> dict:
    """The y axis and tooltip of a bad-rate chart (a share, and the loans it is of)."""
    return {"y": alt.Y("bad_rate:Q", title=title, axis=alt.Axis(**SHARE_AXIS)),
            "tooltip": [what, alt.Tooltip("bad_rate:Q", title=title, format=".1%"),
                        alt.Tooltip("loans:N", title=" ")]}


def vintage_figure(rows: Sequence[VintageRow]):
    values = [{"month": _month(r.month), "label": r.month, "bad_rate": float(r.bad_rate),
               "loans": _loans(r.loans)} for r in rows]
    chart = chart_of(values).mark_line(point=alt.OverlayMarkDef(color=DANGER), color=DANGER).encode(
        x=alt.X("month:T", scale=alt.Scale(type="utc"), title=t("port.chart.month"),
                axis=alt.Axis(**MONTH_AXIS)),
        **_bad_rate(t("port.chart.bad_rate"), alt.Tooltip("label:N", title=t("port.chart.month"))),
    )
    return framed(chart, t("port.chart.vintage"), HEIGHT)


def income_figure(rows: Sequence[IncomeRow]):
    kinds = (t("port.interest"), t("port.penalty"))
    values = [{"month": _month(r.month), "label": r.month, "kind": kind, "stack": i, "amount": float(amount),
               "shown": money(amount)}
              for r in rows
              for i, (kind, amount) in enumerate(zip(kinds, (r.interest, r.penalty), strict=True))]
    chart = chart_of(values).mark_bar().encode(
        x=alt.X("month:T", timeUnit="utcyearmonth", title=t("port.chart.income_month"),
                axis=alt.Axis(**MONTH_AXIS)),
        y=alt.Y("amount:Q", stack="zero", axis=money_axis(t("port.chart.amount"), short=True)),
        color=alt.Color("kind:N", legend=legend(),
                        scale=alt.Scale(domain=list(kinds), range=[PRINCIPAL_COLOUR, INTEREST_COLOUR])),
        order=alt.Order("stack:Q"),
        tooltip=[alt.Tooltip("label:N", title=t("port.chart.income_month")), alt.Tooltip("kind:N", title=" "),
                 alt.Tooltip("shown:N", title=t("port.chart.amount"))],
    )
    return framed(chart, t("port.chart.income"), HEIGHT)


def score_distribution_figure(distribution: Sequence[tuple[int, int]]):
    values = [{"scores": f"{start}-{start + 49}", "loans": n} for start, n in distribution]
    chart = chart_of(values).mark_bar(color=PRINCIPAL_COLOUR).encode(
        x=alt.X("scores:N", sort=[v["scores"] for v in values], title=t("mr.chart.score"),
                axis=alt.Axis(**CATEGORY_AXIS)),
        y=alt.Y("loans:Q", title=t("mr.chart.loans"), axis=alt.Axis(**COUNT_AXIS)),
        tooltip=[alt.Tooltip("scores:N", title=t("mr.chart.score")),
                 alt.Tooltip("loans:Q", title=t("mr.chart.loans"))],
    )
    return framed(chart, t("mr.chart.distribution"), HEIGHT)


def band_bad_rate_figure(bands: Sequence[BandRow]):
    values = [{"band": band_name(b.band), "bad_rate": float(b.bad_rate), "loans": _loans(b.loans),
               "colour": ACCENT if b.approved else MUTED} for b in bands]
    chart = chart_of(values).mark_bar().encode(
        x=alt.X("band:N", sort=[v["band"] for v in values], title=t("mr.chart.band"),
                axis=alt.Axis(**CATEGORY_AXIS)),
        color=alt.Color("colour:N", scale=None),
        **_bad_rate(t("mr.chart.bad_rate"), alt.Tooltip("band:N", title=t("mr.chart.band"))),
    )
    return framed(chart, t("mr.chart.bands"), HEIGHT)


def stability_figure(bins: Sequence[StabilityBin]):
    """Each score bin's share at fit time and today, side by side."""
    kinds = (t("mr.chart.fit"), t("mr.chart.today"))
    values = [{"scores": b.label, "kind": kind, "share": float(share)}
              for b in bins for kind, share in zip(kinds, (b.expected, b.actual), strict=True)]
    chart = chart_of(values).mark_bar().encode(
        x=alt.X("scores:N", sort=list(dict.fromkeys(b.label for b in bins)), title=t("mr.chart.score"),
                axis=alt.Axis(**CATEGORY_AXIS)),
        xOffset=alt.XOffset("kind:N", sort=list(kinds)),
        y=alt.Y("share:Q", title=t("mr.chart.share"), axis=alt.Axis(**SHARE_AXIS)),
        color=alt.Color("kind:N", scale=alt.Scale(domain=list(kinds), range=[MUTED, PRINCIPAL_COLOUR]),
                        legend=legend()),
        tooltip=[alt.Tooltip("scores:N", title=t("mr.chart.score")), alt.Tooltip("kind:N", title=" "),
                 alt.Tooltip("share:Q", title=t("mr.chart.share"), format=".1%")],
    )
    return framed(chart, t("mr.chart.psi"), HEIGHT)


def chart_row():
    """A row of charts that wraps: two side by side on a desktop, one a row when narrower."""
    return st.container(horizontal=True, gap="medium")


def show(chart, key: str, row=None) -> None:
    """The chart, in `row` (see `chart_row`) at CHART_WIDTH, or as wide as where it is."""
    if row is None:
        draw(chart, key)
        return
    with row.container(width=CHART_WIDTH):
        draw(chart, key)
