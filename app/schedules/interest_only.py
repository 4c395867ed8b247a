"""Interest monthly, principal at maturity 按月付息到期还本 (rules §4.2)."""

from __future__ import annotations

from decimal import Decimal

from app.schedules.types import Period


def principal_parts(balance: Decimal, daily_rate: Decimal, periods: list[Period]) -> list[Decimal]:
    # The same shape as a bullet; the difference is that interest falls due
    # every month, which the shared interest rule already does per period.
    return [Decimal("0.00")] * (len(periods) - 1) + [balance]
