"""Money as exact Decimal (rules §1).

Amounts are built from strings, ints or Decimals only; a float near money is a
bug, so `to_money` refuses it. Rounding is half-up to the fen (0.01), done only
where an amount is charged, stored or shown.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from app.config import DEFAULT_CONFIG
from app.errors import InvalidAmount  # noqa: F401  (raised by parse_amount; imported from here too)
from app.i18n import text as catalogue_text

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def to_money(value: Decimal | int | str) -> Decimal:
    """An exact Decimal from str/int/Decimal; floats are refused."""
    if isinstance(value, float):
        raise TypeError("money must not be a float; pass a str or Decimal")
    if isinstance(value, bool):
        raise TypeError("money must not be a bool")
    return value if isinstance(value, Decimal) else Decimal(value)


def round_fen(amount: Decimal) -> Decimal:
    """Round half-up to 0.01 (分)."""
    return to_money(amount).quantize(FEN, rounding=ROUND_HALF_UP)


def interest_for(balance: Decimal, daily_rate: Decimal, days: int) -> Decimal:
    """Interest on `balance` for `days` at `daily_rate`, charged: round(B × d × days) (rules §2, §4)."""
    return round_fen(balance * daily_rate * days)


def floor_to(amount: Decimal, step: Decimal) -> Decimal:
    """Round down to a multiple of `step` (e.g. limits to 1,000 or to the fen)."""
    return (to_money(amount) / step).to_integral_value(rounding=ROUND_DOWN) * step


def to_fen(amount: Decimal) -> int:
    """Integer fen for storage; the amount must already be whole fen."""
    fen = to_money(amount) * 100
    if fen != fen.to_integral_value():
        raise ValueError(f"{amount} is not a whole number of fen")
    return int(fen)


def from_fen(fen: int) -> Decimal:
    """Decimal yuan from stored integer fen."""
    return (Decimal(int(fen)) / 100).quantize(FEN)


MAX_AMOUNT = Decimal("999999999999.99")  # under a trillion yuan: its fen fit a BIGINT with room to spare
# ASCII digits only, optionally grouped by thousands with commas: 1234.5, 1,234.56 (not 1_000, １０００,
# 1e5 or 1,2,3).
_AMOUNT = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|[+-]?\.[0-9]+")


def parse_amount(text: str | Decimal | int) -> Decimal:
    """Parse an amount a person typed: positive, at most 2 decimals.

    Accepts "1,234.56" (commas only as thousands separators) and "¥1234.5"; refuses
    floats, anything but ASCII digits (1_000, full-width １０００, 1e5, NaN, Infinity),
    zero, negatives, more than two decimals and amounts above `MAX_AMOUNT` with
    `InvalidAmount`.
    """
    if isinstance(text, float):
        raise InvalidAmount(catalogue_text("amount.float"))
    if isinstance(text, bool):
        raise InvalidAmount(catalogue_text("amount.not_a_number", value=str(text)))
    shown = _shown(str(text))
    if isinstance(text, (Decimal, int)):
        if isinstance(text, Decimal) and not text.is_finite():
            raise InvalidAmount(catalogue_text("amount.not_a_number", value=shown))
        amount = Decimal(text)
    else:
        raw = str(text).strip().replace("，", ",").removeprefix("¥").removeprefix("￥").strip()
        if len(raw) > 100 or not _AMOUNT.fullmatch(raw):
            raise InvalidAmount(catalogue_text("amount.not_a_number", value=shown))
        amount = Decimal(raw.replace(",", ""))
    if amount <= 0:
        raise InvalidAmount(catalogue_text("amount.not_positive"))
    if amount > MAX_AMOUNT:
        raise InvalidAmount(catalogue_text("amount.too_large", value=shown))
    whole_fen = amount.quantize(FEN, rounding=ROUND_DOWN)
    if amount != whole_fen:
        raise InvalidAmount(catalogue_text("amount.too_many_decimals"))
    return whole_fen


def _shown(text: str) -> str:
    """What the person typed, short enough to quote back in a message."""
    text = text.strip()
    return text if len(text) <= 24 else text[:24] + "…"


def format_cny(amount: Decimal) -> str:
    """Display form `¥1,234.56` (negative as `-¥1,234.56`)."""
    value = round_fen(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}¥{abs(value):,.2f}"


def rate_percents(daily_rate: Decimal) -> dict[str, str]:
    """The daily rate and its annualised rate (`LendingConfig.annual_rate`) as percent
    numbers, for either language: `{"day": "0.05", "year": "18.25"}`."""
    day = (daily_rate * 100).normalize()
    year = (DEFAULT_CONFIG.annual_rate(daily_rate) * 100).normalize()
    return {"day": f"{day:f}", "year": f"{year:f}"}


def format_daily_rate(daily_rate: Decimal) -> str:
    """`0.05%/day (18.25%/yr)` (rules §1)."""
    return "{day}%/day ({year}%/yr)".format(**rate_percents(daily_rate))
