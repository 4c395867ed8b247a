"""`python -m app quote`: print the repayment schedule of a draw (product §5).

`quote_payload` is the pure part (inputs and product settings → JSON-ready dict); `run` turns
the command line into its inputs and refuses bad ones with a `UsageError` (exit 2). A quote
is at the rates and terms in force, as a draw today would get them: the product settings of
the database in `DATABASE_URL` (`product_settings.effective_config`), or the defaults of
`app/config.py` while there is no database yet. The help names the defaults and says so.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal

from app.config import DEFAULT_CONFIG, LendingConfig, Product, RepaymentMethod
from app.dates import add_months
from app.errors import InvalidTerm, SettingRefused, UsageError
from app.loans.terms import LoanTerms
from app.money import InvalidAmount, format_daily_rate, parse_amount, round_fen
from app.schedules import build_schedule

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MIN_DRAW, MAX_PRINCIPAL = DEFAULT_CONFIG.min_draw, DEFAULT_CONFIG.max_principal  # fixed (rules §2)


def _amount(value: Decimal) -> str:
    return str(round_fen(value))  # "9346.82": always two decimals


def _rate(value: Decimal) -> str:
    return f"{value.normalize():f}"  # "0.0006", "0.219": no exponent, no trailing zeros


def _pct(daily_rate: Decimal) -> str:
    return format_daily_rate(daily_rate).replace("%", "%%")  # argparse help is a %-format


def quote_payload(terms: LoanTerms, principal: Decimal, start: date, *, config: LendingConfig) -> dict:
    """The quote of product §5 for inputs that are already valid, at the rates of `config`."""
    daily_rate = config.daily_rate(terms.product)
    schedule = build_schedule(terms, principal, daily_rate, start)
    return {
        "product": terms.product.value,
        "method": terms.method.value,
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


def _check_maturity(start: date, terms: LoanTerms) -> None:
    try:  # a maturity after year 9999 cannot be represented
        add_months(start, terms.months) if terms.months else start + timedelta(days=terms.days)
    except (ValueError, OverflowError):
        raise UsageError(f"--start {start} is too late: the loan would mature after 9999-12-31.") from None


def _terms(product: Product, method: RepaymentMethod, months: int | None, days: int | None) -> LoanTerms:
    """The draw's terms (an order loan without --days runs the full term), or a UsageError
    with the refusal LoanTerms gives."""
    if product is Product.ORDER and days is None and months is None:
        return LoanTerms.order()
    try:
        return LoanTerms(product, method, months=months, days=days)
    except InvalidTerm as exc:
        raise UsageError(str(exc)) from None


def config_in_force() -> LendingConfig:
    """The product settings in force in the database of `DATABASE_URL`; the defaults while there
    is none (a SQLite file not created yet — it is not created here — or not initialised)."""
    from sqlalchemy import inspect

    from app.services.store.product_settings import effective_config
    from db.engine import check_database_url, database_url, read_scope, sqlite_path
    from db.models import Setting

    url = database_url()
    check_database_url(url)  # a mistyped URL: one line, exit 1, as for every command
    if url.startswith("sqlite") and not ((path := sqlite_path(url)) and path.is_file()):
        return DEFAULT_CONFIG
    with read_scope() as session:
        if not inspect(session.connection()).has_table(Setting.__tablename__):
            return DEFAULT_CONFIG
        return effective_config(session)


def run(args) -> int:
    from app.services.store.product_settings import check_offered_term

    product, method = Product(args.product), RepaymentMethod(args.method)
    try:
        principal = parse_amount(args.principal)
    except InvalidAmount as exc:
        raise UsageError(f"--principal: {exc}") from None
    if not MIN_DRAW <= principal <= MAX_PRINCIPAL:
        raise UsageError(f"--principal must be between {MIN_DRAW:,} and {MAX_PRINCIPAL:,}.")
    terms = _terms(product, method, args.months, args.days)
    start = _start_date(args.start)
    _check_maturity(start, terms)
    config = config_in_force()
    try:
        check_offered_term(config, terms)  # a term the settings no longer offer, as a draw would refuse
    except SettingRefused as exc:
        raise UsageError(str(exc)) from None
    payload = quote_payload(terms, principal, start, config=config)
    print(json.dumps(payload, indent=2))
    return 0


def register(subparsers) -> None:
    cfg = DEFAULT_CONFIG  # the help names the defaults; a quote is at the settings in force
    terms = ", ".join(map(str, cfg.credit_term_months))
    parser = subparsers.add_parser(
        "quote", help="print the repayment schedule of a draw as JSON",
        description="Print the repayment schedule of a draw as one JSON object (product §5), at "
                    "the daily rates and credit terms in force: the product settings an admin set "
                    "in the database of DATABASE_URL, or the defaults named below while there is "
                    "no database. Nothing is stored. Bad input exits 2 with a one-line message on "
                    "stderr.")
    parser.add_argument("--product", required=True, choices=[p.value for p in Product],
                        help=f"order: order loan at the rate in force (default "
                             f"{_pct(cfg.order_daily_rate)}), bullet, up to {cfg.order_term_days} days; "
                             f"credit: credit loan at the rate in force (default "
                             f"{_pct(cfg.credit_daily_rate)}), the terms offered (default {terms} months)")
    parser.add_argument("--method", required=True, choices=[m.value for m in RepaymentMethod],
                        help="repayment method (rules §4); order loans take bullet only")
    parser.add_argument("--principal", required=True, metavar="AMOUNT",
                        help=f"amount drawn in CNY, {cfg.min_draw:,} to {cfg.max_principal:,}, "
                             "at most 2 decimals (e.g. 10000 or 1,234.56)")
    term = parser.add_mutually_exclusive_group()
    term.add_argument("--months", type=int, metavar="N",
                      help=f"credit loans only: term in months, one of the terms offered "
                           f"(default {terms})")
    term.add_argument("--days", type=int, metavar="N",
                      help=f"order loans only: days until repaid, 1-{cfg.order_term_days} "
                           f"(default {cfg.order_term_days})")
    parser.add_argument("--start", required=True, metavar="YYYY-MM-DD", help="draw date (ISO)")
    parser.add_argument("--json", required=True, action="store_true",
                        help="required: JSON is the only output format, asked for explicitly so that "
                             "a table format can be added later without changing what scripts get")
    parser.set_defaults(func=run)
