"""`init-db`, `seed-demo` and `create-login` (product §5; staff logins: issue #8 item 11)."""

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
                    "outcomes, and the demo logins. Refuses (exit 2) a database with users or sellers that "
                    "is not the demo. An interrupted seed is seeded again from scratch. "
                    "`python -m app.demo.check` prints the loans' outcomes by seller quality.")
    seed.add_argument("--seed", type=int, default=7, metavar="N", help=SEED_HELP)
    seed.add_argument("--if-empty", action="store_true",
                      help="when the database already holds the demo, do nothing and exit 0")
    seed.add_argument("--sellers", type=int, default=166, metavar="N",
                      help="number of sellers, the six profile sellers included (default 166; fewer: faster)")
    seed.add_argument("--today", metavar="YYYY-MM-DD",
                      help="the business date the demo ends on (default: today in Asia/Shanghai)")
    seed.set_defaults(func=run_seed_demo)

    login = subparsers.add_parser(
        "create-login", help="create a seller or staff login and print its one-time activation code",
        description="Create the login of the seller behind a shop (username: the shop id in lower case), "
                    "or a staff login with --staff USERNAME --role risk|admin — or give an existing login a "
                    "new code — and print a one-time activation code, with which its owner sets a password "
                    "on the sign-in page.")
    who = login.add_mutually_exclusive_group(required=True)
    who.add_argument("--seller", metavar="SHOP_ID", help="the seller's shop, e.g. SHOP0007")
    who.add_argument("--staff", metavar="USERNAME", help="a staff login's username, e.g. wang.risk")
    login.add_argument("--role", choices=("risk", "admin"), help="the staff login's role (with --staff)")
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
    from app.demo.seed import seed_demo
    from app.demo.seed_safety import SeedTarget, refusal, seed_target

    today = _parse_today(args.today)
    if not 6 <= args.sellers <= 5000:
        raise UsageError(f"--sellers must be between 6 and 5000; you gave {args.sellers}")
    _require_schema()
    target = seed_target()
    if target is SeedTarget.SEEDED and args.if_empty:
        print("The database already holds the demo; nothing seeded.")
        return 0
    if target in (SeedTarget.SEEDED, SeedTarget.NOT_DEMO):
        raise UsageError(refusal(target))
    if target is SeedTarget.INTERRUPTED:
        print("The database holds an interrupted demo seed: it is emptied and seeded again.")
    started = time.perf_counter()
    summary = seed_demo(args.seed, today=today, sellers=args.sellers)
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
    from app.services.accounts.logins import create_seller_login, create_staff_login

    if (args.staff is None) != (args.role is None):
        raise UsageError("--role goes with --staff (and only with it)")
    _require_schema()
    try:
        if args.staff is None:
            issued = create_seller_login(args.seller)
        else:
            issued = create_staff_login(args.staff, args.role)
    except LendingError as exc:
        raise UsageError(str(exc)) from None
    state = "created" if issued.created else "existing, new code"
    owner = f"shop {args.seller.strip().upper()}" if args.staff is None else f"role {args.role}"
    print(f"Login {issued.username} ({state}) for {owner}.")
    print(f"One-time activation code: {issued.code}")
    return 0
