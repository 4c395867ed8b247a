"""`init-db`, `seed-demo` and `create-login` (product §5)."""

from __future__ import annotations

import argparse
import time
from datetime import date

from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from app.errors import UsageError

SEED_HELP = "random seed of the demo platform (default 7); the same seed and date give the same data"


def register(subparsers) -> None:
    init = subparsers.add_parser(
        "init-db", help="create or migrate the database at DATABASE_URL",
        description="Create the database at DATABASE_URL (default: a SQLite file under data/) or migrate it "
                    "to the latest schema with Alembic. Safe to run again.")
    init.set_defaults(func=run_init_db)

    seed = subparsers.add_parser(
        "seed-demo", help="build the demo platform (product §4) in an empty database",
        description="Build the deterministic demo platform of product §4 in the (migrated) database at "
                    "DATABASE_URL: sellers with 18 months of sales, orders, a year of loans with realised "
                    "outcomes, and the demo logins. Refuses (exit 2) when the database already has sellers. "
                    "`python -m app.demo.check` prints the loans' outcomes by seller quality.")
    seed.add_argument("--seed", type=int, default=7, metavar="N", help=SEED_HELP)
    seed.add_argument("--if-empty", action="store_true",
                      help="when the database already has sellers, do nothing and exit 0")
    seed.add_argument("--today", metavar="YYYY-MM-DD",
                      help="the business date the demo ends on (default: today in Asia/Shanghai)")
    seed.set_defaults(func=run_seed_demo)

    login = subparsers.add_parser(
        "create-login", help="create a seller login and print its one-time activation code",
        description="Create the login of the seller behind a shop (username: the shop id in lower case) — or "
                    "give the seller's existing login a new code — and print a one-time activation code, "
                    "with which the seller sets a password on the sign-in page.")
    login.add_argument("--seller", required=True, metavar="SHOP_ID", help="the seller's shop, e.g. SHOP0007")
    login.set_defaults(func=run_create_login)


def safe_url(url: str) -> str:
    """The URL with any password masked."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a parsable URL: show it as given (it cannot hold a password we know of)
        return url


def run_init_db(args: argparse.Namespace) -> int:
    from db.engine import database_url
    from db.migrations_runner import upgrade

    url = database_url()
    upgrade(url)
    print(f"Database at {safe_url(url)} is migrated to the latest schema.")
    return 0


def _require_schema() -> None:
    from db.engine import database_url, get_engine

    if not inspect(get_engine()).has_table("sellers"):
        raise UsageError(f"the database at {safe_url(database_url())} has no tables yet; run init-db first")


EARLIEST_TODAY, LATEST_TODAY = date(2000, 1, 1), date(2999, 12, 31)  # the demo simulates years around it


def _parse_today(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--today {text!r} is not a date YYYY-MM-DD") from None
    if not EARLIEST_TODAY <= value <= LATEST_TODAY:
        raise UsageError(f"--today {text} is out of range: the demo needs a date from {EARLIEST_TODAY} "
                         f"to {LATEST_TODAY}")
    return value


def run_seed_demo(args: argparse.Namespace) -> int:
    from app.demo.seed import database_has_sellers, seed_demo

    today = _parse_today(args.today)
    _require_schema()
    if database_has_sellers():
        if args.if_empty:
            print("The database already has sellers; nothing seeded.")
            return 0
        raise UsageError("the database already has sellers; seed the demo into an empty database "
                         "(or pass --if-empty to skip quietly)")
    started = time.perf_counter()
    summary = seed_demo(args.seed, today=today)
    outcomes = summary.loans_by_outcome
    print(f"Seeded the demo (seed {summary.seed}) up to {summary.business_date} in "
          f"{time.perf_counter() - started:.1f} s: {summary.sellers} sellers, {summary.orders} orders, "
          f"{summary.loans} loans ({outcomes['on_time']} repaid on time, {outcomes['late']} late, "
          f"{outcomes['defaulted']} defaulted, {outcomes['open'] + outcomes['overdue']} open; "
          f"{summary.bad_loans} of {summary.realised_loans} realised ever > 30 days past due); "
          f"logins demo and seller2-seller6 (password demo1234), risk/risk1234, admin/admin1234.")
    return 0


def run_create_login(args: argparse.Namespace) -> int:
    from app.errors import LendingError
    from app.services.logins import create_seller_login

    _require_schema()
    try:
        issued = create_seller_login(args.seller)
    except LendingError as exc:
        raise UsageError(str(exc)) from None
    state = "created" if issued.created else "existing, new code"
    print(f"Login {issued.username} ({state}) for shop {args.seller.strip().upper()}.")
    print(f"One-time activation code: {issued.code}")
    return 0
