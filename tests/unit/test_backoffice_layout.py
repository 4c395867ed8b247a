"""The back office's layout rules that need no browser (issue 16 item 13): a card is as wide as
its figure, a chart title fits a phone in lines, months and days are date axes with short ticks
and the legend sits above the plot. The browser check is tests/e2e/test_layout.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.services.back_office.portfolio import IncomeRow, VintageRow
from components import backoffice_charts as charts
from components.cards import CARD_WIDTH, FIGURE_CHAR_PX, card_width
from components.charts import title_lines


@pytest.mark.parametrize(("value", "wider"), [("¥1,234,567.89", False), ("4.35%", False),
                                              ("¥12,499,060.15", True), ("¥1,600,000,000.00", True)])
def test_a_card_is_as_wide_as_its_figure(value, wider):
    assert (card_width(value) > CARD_WIDTH) is wider
    assert card_width(value) >= len(value) * FIGURE_CHAR_PX + 34  # the figure and the card's padding
    assert card_width(value) <= 358 or len(value) > 15  # a phone's page: up to eight-digit amounts fit


@pytest.mark.parametrize("title", ["Vintages: share ever more than 30 days past due, by draw month",
                                   "账龄分析：按放款月份，曾逾期超过 30 天的占比",
                                   "Loans drawn per day (last 90 days)"])
def test_a_chart_title_is_broken_into_lines_that_fit_a_phone(title):
    lines = title_lines(title)
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")
    assert all(len(line) <= (20 if any(ord(c) > 0x2E80 for c in line) else 38) for line in lines)


def test_month_and_day_axes_are_dates_and_the_legend_sits_above_the_plot():
    income = charts.income_figure([IncomeRow("2026-10", Decimal("1.00"), Decimal("2.00")),
                                   IncomeRow("2026-11", Decimal("3.00"), Decimal("0.00"))])
    vintage = charts.vintage_figure([VintageRow("2026-11", 3, 1, Decimal("100.00"))])
    draws = charts.draws_figure([(date(2026, 11, 27), 3), (date(2026, 11, 28), 5)])
    for figure, tick in ((income, "%Y-%m"), (vintage, "%Y-%m"), (draws, "%m-%d")):
        spec = figure.to_dict()
        x = spec["encoding"]["x"]
        assert x["type"] == "temporal" and x["axis"]["format"] == tick
    legend = income.to_dict()["encoding"]["color"]["legend"]
    assert legend["orient"] == "top"  # between the title and the plot: never over an axis
    rows = income.to_dict()["data"]["values"]
    assert [(r["month"], r["kind"], r["shown"]) for r in rows] == [
        ("2026-10-01", "Interest income", "¥1.00"), ("2026-10-01", "Penalty income", "¥2.00"),
        ("2026-11-01", "Interest income", "¥3.00"), ("2026-11-01", "Penalty income", "¥0.00")]
