"""Business dates and due dates (rules §3)."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime


def add_months(start: date, months: int) -> date:
    """`start + months`, the day clamped to the end of a shorter month.

    Always computed from the draw date, never chained: 2026-01-31 + 1 → 02-28,
    + 2 → 03-31.
    """
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def monthly_due_dates(start: date, months: int) -> list[date]:
    """Due dates of installments 1..months of a loan drawn on `start`."""
    return [add_months(start, k) for k in range(1, months + 1)]


def days_between(start: date, end: date) -> int:
    """Whole days from start to end (算头不算尾: the start counts, the end does not)."""
    return (end - start).days


def as_utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive one is taken as UTC (the database and the injected test clocks
    keep UTC), never as the machine's local time, which the C library cannot give for year 1."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
