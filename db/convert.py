"""Exact unit conversions between stored integers and Decimal values.

Rates are stored as integers of 1e-8, exact penalty as integers of 1e-10 yuan.
The mapping of loan rows to the engine's state lives in the loan repository
(`app.services.store.loan_store`).
"""

from __future__ import annotations

from decimal import Decimal

RATE_SCALE = 10**8  # rates stored as integers of 1e-8
PENALTY_SCALE = 10**10  # exact penalty stored as integers of 1e-10 yuan


def rate_from_e8(value: int) -> Decimal:
    return Decimal(value) / RATE_SCALE


def rate_to_e8(rate: Decimal) -> int:
    scaled = rate * RATE_SCALE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"rate {rate} has more than 8 decimals")
    return int(scaled)


def exact_to_e10(amount: Decimal) -> int:
    scaled = amount * PENALTY_SCALE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} has more than 10 decimals")
    return int(scaled)
