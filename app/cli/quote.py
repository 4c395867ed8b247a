"""`python -m app quote`: print the repayment schedule of a draw (product §5).

`quote_payload` is the pure part (inputs → JSON-ready dict); `run` turns the
command line into its inputs and refuses bad ones with a `UsageError` (exit 2).
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal

from app.config import DEFAULT_CONFIG, LendingConfig, Product, RepaymentMethod
from app.dates import add_months
from app.errors import UsageError
from app.money import InvalidAmount, format_daily_rate, parse_amount, round_fen
from app.schedules import build_schedule

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _amount(value: Decimal) -> str:
    return str(round_fen(value))  # "9346.82": always two decimals


def _rate(value: Decimal) -> str:
    return f"{value.normalize():f}"  # "0.0006", "0.219": no exponent, no trailing zeros


def _pct(daily_rate: Decimal) -> str:
    return format_daily_rate(daily_rate).replace("%", "%%")  # argparse help is a %-format


def quote_payload(product: Product, method: RepaymentMethod, principal: Decimal, start: date, *,
                  months: int | None = None, days: int | None = None,
                  config: LendingConfig = DEFAULT_CONFIG) -> dict:
    """The quote of product §5 for inputs that are already valid."""
    daily_rate = config.daily_rate(product)
    schedule = build_schedule(method, principal, daily_rate, start, months=months, days=days)
    return {
        "product": product.value,
        "method": method.value,
        "principal": _amount(principal),
        "daily_rate": _rate(daily_rate),
        "annual_rate": _rate(config.annual_rate(daily_rate)),
        "installments": [
            {
                "period": row.period,
                "due_date": row.due_date.isoformat(),
                "principal": _amount(row.principal),
                "interest": _amount(row.interest),
                "total": _amount(row.total),
                "balance_after": _amount(row.balance_after),
            }
            for row in schedule.installments
        ],
        "total_interest": _amount(schedule.total_interest),
        "total_repayment": _amount(schedule.total_repayment),
    }


def _start_date(text: str) -> date:
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--start {text!r} is not a date YYYY-MM-DD (e.g. 2026-01-31).") from None


def _check_maturity(start: date, months: int | None, days: int | None) -> None:
    try:  # a maturity after year 9999 cannot be represented
        add_months(start, months) if months else start + timedelta(days=days)
    except (ValueError, OverflowError):
        raise UsageError(f"--start {start} is too late: the loan would mature after 9999-12-31.") from None


def _term(product: Product, method: RepaymentMethod, months: int | None, days: int | None,
          config: LendingConfig) -> tuple[int | None, int | None]:
    """(months, days) for the product, or a UsageError saying what is allowed."""
    if product is Product.ORDER:
        if method is not RepaymentMethod.BULLET:
            raise UsageError("order loans are repaid by --method bullet only.")
        if months is not None:
            raise UsageError("order loans take --days, not --months.")
        days = config.order_term_days if days is None else days
        if not 1 <= days <= config.order_term_days:
            raise UsageError(f"--days must be 1 to {config.order_term_days} for an order loan.")
        return None, days
    terms = ", ".join(map(str, config.credit_term_months))
    if days is not None:
        raise UsageError(f"credit loans take --months ({terms}), not --days.")
    if months not in config.credit_term_months:
        raise UsageError(f"credit loans need --months, one of {terms}.")
    return months, None


def run(args, config: LendingConfig = DEFAULT_CONFIG) -> int:
    product, method = Product(args.product), RepaymentMethod(args.method)
    try:
        principal = parse_amount(args.principal)
    except InvalidAmount as exc:
        raise UsageError(f"--principal: {exc}") from None
    if not config.min_draw <= principal <= config.max_principal:
        raise UsageError(f"--principal must be between {config.min_draw:,} and {config.max_principal:,}.")
    months, days = _term(product, method, args.months, args.days, config)
    start = _start_date(args.start)
    _check_maturity(start, months, days)
    payload = quote_payload(product, method, principal, start, months=months, days=days, config=config)
    print(json.dumps(payload, indent=2))
    return 0


def register(subparsers) -> None:
    cfg = DEFAULT_CONFIG
    terms = ", ".join(map(str, cfg.credit_term_months))
    parser = subparsers.add_parser(
        "quote", help="print the repayment schedule of a draw as JSON",
        description="Print the repayment schedule of a draw as one JSON object (product §5). "
                    "Nothing is stored. Bad input exits 2 with a one-line message on stderr.")
    parser.add_argument("--product", required=True, choices=[p.value for p in Product],
                        help=f"order: order loan at {_pct(cfg.order_daily_rate)}, bullet, up to "
                             f"{cfg.order_term_days} days; credit: credit loan at "
                             f"{_pct(cfg.credit_daily_rate)}, {terms} months")
    parser.add_argument("--method", required=True, choices=[m.value for m in RepaymentMethod],
                        help="repayment method (rules §4); order loans take bullet only")
    parser.add_argument("--principal", required=True, metavar="AMOUNT",
                        help=f"amount drawn in CNY, {cfg.min_draw:,} to {cfg.max_principal:,}, "
                             "at most 2 decimals (e.g. 10000 or 1,234.56)")
    term = parser.add_mutually_exclusive_group()
    term.add_argument("--months", type=int, metavar="N",
                      help=f"credit loans only: term in months, one of {terms}")
    term.add_argument("--days", type=int, metavar="N",
                      help=f"order loans only: days until repaid, 1-{cfg.order_term_days} "
                           f"(default {cfg.order_term_days})")
    parser.add_argument("--start", required=True, metavar="YYYY-MM-DD", help="draw date (ISO)")
    parser.add_argument("--json", required=True, action="store_true",
                        help="required: JSON is the only output format, asked for explicitly so that "
                             "a table format can be added later without changing what scripts get")
    parser.set_defaults(func=run)
