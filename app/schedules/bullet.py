"""Bullet 到期一次还本付息 (rules §4.1): all principal at the last due date."""

from __future__ import annotations

from decimal import Decimal

from app.schedules.types import Period


def principal_parts(balance: Decimal, daily_rate: Decimal, periods: list[Period]) -> list[Decimal]:
    return [Decimal("0.00")] * (len(periods) - 1) + [balance]
