"""Issue #8 "Prove it": every service entry point and every CLI command, fuzzed with hostile input.

Each service gets arguments of the right type with hostile values (huge, negative and zero
ints, 2**63, NUL and other control characters, RTL marks, lone surrogates, 10,000-character
strings, full-width digits, "1e400", "NaN", "-0", floats for money, Decimal NaN / Infinity /
1e400) and of the wrong type (None, bytes, lists, dicts, bools, dates), mixed with valid
values so that the calls reach past their first check, and is called by an actor of every
role (the seller themself, another seller, risk, admin, system, an Actor with nonsense
fields). The outcome must be a typed refusal (`LendingError`, whose message renders in both
languages) that leaves every table's row count as it was, or — when the input happened to
be valid — a plain success; a valid write is counted and the counts are taken again.

Each test function works on one shared book (refusals change nothing, so the examples can
share it), seeded with loans, pledged orders, a manual-review case and staff logins. Rows
are counted in one query per example; at the end every table's contents (`table_digests()`)
must be as the last valid write (or audited refusal) left them, so a stray UPDATE shows.

The CLI is driven in-process (`app.cli.main(argv)`, with argparse's SystemExit caught): the
exit code must be 0, 1 or 2, a failure must be one line on stderr, and there must never be a
traceback.

The number of examples per entry is set for the `default` (and `ci`) profile so that the
module runs more than 10,000 generated cases; the `postgres` profile scales each down
(`examples()`), so the PostgreSQL pass stays short.
"""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from passlib.context import CryptContext
from sqlalchemy import func, select
from sqlmodel import SQLModel

import app.demo.time_travel
import app.services
from app import passwords
from app.cli import build_parser
from app.cli import main as cli_main
from app.cli.assess import SAFE_VERSION
from app.cli.books import REPORTS as BOOK_REPORTS
from app.cli.demo import MAX_DAYS
from app.config import RepaymentMethod
from app.demo.time_travel import advance_days
from app.errors import LendingError, UsageError
from app.ledger import ACCOUNT_KINDS
from app.services.access.actor import ADMIN, RISK, SELLER, SYSTEM, SYSTEM_ACTOR, Actor
from app.services.access.audit import audit_log
from app.services.access.inputs import is_id
from app.services.accounts import signin, web_sessions
from app.services.accounts.logins import create_seller_login, create_staff_login, normalise_code
from app.services.accounts.signin import activate, sign_in
from app.services.back_office.ecl import expected_credit_loss
from app.services.back_office.overview import staff_overview
from app.services.back_office.portfolio import portfolio, portfolio_version
from app.services.back_office.reports import REPORTS, report_table
from app.services.back_office.seller_360 import seller_360
from app.services.back_office.statements import (
    balance_sheet,
    classification_table,
    general_ledger,
    income_statement,
    journal,
    trial_balance,
)
from app.services.credit.assessment import (
    apply_for_credit,
    assess_all,
    assess_shop,
    latest_decision,
    prefill_application,
    preview_application,
)
from app.services.credit.model_report import model_report_page, model_report_version
from app.services.credit.review import review_cases, review_decision, review_queue
from app.services.end_of_day.close import close_month, closed_months, stored_statement
from app.services.end_of_day.reconcile import reconcile
from app.services.end_of_day.run import run_end_of_day
from app.services.end_of_day.status import eod_status
from app.services.feed.importer import import_feed, import_rejects, recent_imports
from app.services.feed.watch import watch_once
from app.services.lending.balance import balance_history, check_withdrawal, withdraw_balance
from app.services.lending.borrowing import borrowing_status, check_credit_amount, check_order_amount
from app.services.lending.draws import draw_credit_loan, draw_order_loan
from app.services.lending.loan_views import credit_draw_quote, loan_detail, my_loans, order_draw_quote
from app.services.lending.orders import refund_order, settle_order
from app.services.lending.repay_all import preview_repayment, repay_overdue
from app.services.lending.repayment import payoff_quote, preview_allocation, repay
from app.services.lending.seller_orders import order_backing, pledgeable_orders
from app.services.payouts.instructions import (
    ResultLine,
    apply_results,
    instructions,
    mark_sent,
    pending_instructions,
)
from app.services.portal.documents import (
    agreement_facts,
    loan_agreement_pdf,
    monthly_statement,
    payment_receipt_pdf,
    receipt,
    statement_csv,
    statement_months,
    statement_pdf,
)
from app.services.portal.home import home, home_page, notifications
from app.services.portal.notice_seen import mark_notifications_seen, unread, unread_count
from app.services.risk_ops.collections import collections, contact_log, log_contact
from app.services.risk_ops.corrections import (
    KINDS,
    approve_correction,
    corrections_queue,
    propose_correction,
    reject_correction,
    reversible_payment_id,
)
from app.services.risk_ops.recoveries import receive_after_write_off
from app.services.risk_ops.recovery import create_recovery_plan, recovery_candidates, recovery_plans
from app.services.risk_ops.reversal_preview import reversal_choice
from app.services.store.product_settings import (
    SETTINGS,
    change_settings,
    offered_credit_terms,
    product_settings,
)
from app.services.store.risk_records import monitoring_events
from app.services.store.settings import current_business_date
from db.engine import read_scope, session_scope
from db.models import User
from tests.services.conftest import START, Book, add_orders, table_digests
from tests.services.test_assessment import manual_review_case

# --- how many examples ----------------------------------------------------------------------------

PROFILE_EXAMPLES = settings().max_examples  # 60 in `default` and `ci`, 15 in `postgres`


def examples(n: int) -> int:
    """`n` under the default profile; scaled like the profile's examples under `postgres` (a quarter)."""
    return n if PROFILE_EXAMPLES >= 60 else max(5, n * PROFILE_EXAMPLES // 60)


FUZZ_SETTINGS = dict(deadline=None, database=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                            HealthCheck.data_too_large, HealthCheck.filter_too_much])

# --- hostile values -------------------------------------------------------------------------------

HUGE_INTS = (0, -1, 1, 2**31 - 1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64,
             10**100, -(10**100))
NASTY_TEXT = (
    "", " ", "\t", "\n", "\r\n", "\x00", "a\x00b", "\x07", "\x7f", "\x1b[2J", "\u202e0001POHS", "\u200f",
    "\u200b", "\ufeff", "\ud800", "a\udcffb", "１２３４", "５０００.００", "٥٠٠٠", "1e400", "1E5", "NaN",
    "nan", "sNaN", "Infinity", "-Infinity", "-0", "+0", "0", "0.00", "-1", "-5000", "0.001", "1,2,3", "1_000",
    "¥", "¥-5", "9" * 400, "x" * 10_000, "SHOP0001\x00", "shop0001", " SHOP0001 ", "SHOP0001\n",
    "' OR 1=1 --", "%s%s%n", "{0}", "{amount}", "<script>alert(1)</script>", "../../etc/passwd",
    "2026-03-02", "2026-W10-1", "None", "null", "true", "[]", "{}", "🙂", "微贷工厂",
)
ints = st.one_of(st.integers(), st.sampled_from(HUGE_INTS))
texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(NASTY_TEXT),
    st.text(st.characters(categories=["Cc", "Cf", "Cs", "Zs", "Zl", "Nd", "No"]), max_size=12),
)
decimals = st.one_of(
    st.sampled_from([Decimal(v) for v in ("NaN", "-NaN", "sNaN", "Infinity", "-Infinity", "1e400", "-1e400",
                                          "1e-400", "-0", "0", "0.001", "100.005", "1E+3", "999999999999.99",
                                          "1000000000000", "-5000")]),
    st.decimals(allow_nan=True, allow_infinity=True),
)
floats = st.one_of(st.floats(), st.sampled_from([float("nan"), float("inf"), -0.0, 0.1, 5000.0, 1e308]))
wrong_types = st.one_of(
    st.none(), st.booleans(), st.binary(max_size=12), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), st.tuples(st.integers()),
    st.sets(st.integers(), max_size=2), st.dates(), st.datetimes(), st.complex_numbers(max_magnitude=10),
    st.just(object()), st.just(RepaymentMethod), st.just(b"\x00"),
)
anything = st.one_of(ints, texts, decimals, floats, wrong_types)


def arg(*valid) -> st.SearchStrategy:
    """A valid value about half the time (so calls get past their first check), else anything."""
    return st.one_of(st.sampled_from(valid), anything) if valid else anything


# --- the shared book --------------------------------------------------------------------------------


@dataclass(frozen=True)
class World:
    book: Book
    risk: Actor
    admin: Actor
    loan_id: int  # the seller's open credit loan
    order_loan_id: int  # the seller's open order loan, pledging two orders
    other_loan_id: int  # the other seller's credit loan
    decision_id: int  # a manual-review case of the seller
    other_seller_id: int
    order_ids: tuple[int, ...]  # the seller's orders (two pledged) and the other shop's

    @property
    def actors(self) -> tuple[Actor, ...]:
        return (self.book.seller, self.book.other, self.risk, self.admin, SYSTEM_ACTOR)

    @property
    def shops(self) -> tuple[str, ...]:
        return (self.book.shop_id, self.book.other_shop_id)

    @property
    def seller_ids(self) -> tuple[int, ...]:
        return (self.book.seller_id, self.other_seller_id)

    @property
    def loan_ids(self) -> tuple[int, ...]:
        return (self.loan_id, self.order_loan_id, self.other_loan_id)


PASSWORD, CODE = "correct horse", "ABCD-EFGH-JKMN"
FAST_ARGON2 = CryptContext(schemes=["argon2"], argon2__memory_cost=8, argon2__rounds=1,
                           argon2__parallelism=1)


@pytest.fixture
def world(book, monkeypatch) -> Iterator[World]:
    # Password hashing is not what is fuzzed here: the cheapest argon2 keeps sign-in examples fast.
    monkeypatch.setattr(passwords, "_context", FAST_ARGON2)
    # The throwaway hash (verified for unknown names) is cached: drop one made with the real argon2.
    signin._throwaway_hash.cache_clear()
    monkeypatch.setattr(signin, "_unknown", {})
    with session_scope() as s:
        risk, admin = User(username="risk", role=RISK), User(username="admin", role=ADMIN)
        s.add_all([risk, admin])
        seller1 = s.exec(select(User).where(User.username == "seller1")).scalar_one()
        seller1.password_hash = passwords.hash_password(PASSWORD)
        seller2 = s.exec(select(User).where(User.username == "seller2")).scalar_one()
        seller2.activation_code_hash = passwords.hash_password(normalise_code(CODE))
        s.add_all([seller1, seller2])
        s.flush()
        risk_actor, admin_actor = Actor(risk.id, RISK), Actor(admin.id, ADMIN)
        other_orders = add_orders(s, book.other_shop_id, 3)
        other_seller_id = book.other.seller_id
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="5000.00", months=3,
                            method="equal_installment", idempotency_key="seed-credit")
    order_loan = draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=book.order_ids[:2], amount=None,
                                 idempotency_key="seed-order")
    other_loan = draw_credit_loan(book.other, shop_id=book.other_shop_id, amount="3000.00", months=1,
                                  method="bullet", idempotency_key="seed-other")
    repay(book.seller, loan_id=loan.id, amount="10.00", idempotency_key="seed-repay")  # a receipt to read
    decision_id = manual_review_case(book.seller_id)
    yield World(book, risk_actor, admin_actor, loan.id, order_loan.id, other_loan.id, decision_id,
                 other_seller_id, (*book.order_ids, *other_orders))
    signin._throwaway_hash.cache_clear()  # not kept for later tests: it was made with FAST_ARGON2


def actors(w: World) -> st.SearchStrategy:
    roles = st.one_of(st.sampled_from([SELLER, RISK, ADMIN, SYSTEM, "", "SELLER", "Admin", " admin", "root",
                                       "seller\x00"]), texts, wrong_types)
    nonsense = st.builds(Actor, user_id=arg(None, *range(1, 6)), role=roles,
                         seller_id=arg(None, *w.seller_ids))
    return st.one_of(st.sampled_from(w.actors), nonsense)


# --- the row-count check ----------------------------------------------------------------------------

TABLES = sorted(SQLModel.metadata.tables.values(), key=lambda t: t.name)
COUNT_ALL = select(*[select(func.count()).select_from(t).scalar_subquery().label(t.name) for t in TABLES])


def table_counts() -> tuple[int, ...]:
    """Rows in every table, in one query."""
    with read_scope() as session:
        return tuple(session.exec(COUNT_ALL).one())


AUDIT_COLUMN = [t.name for t in TABLES].index("audit_events")


def _without_audit(counts: tuple[int, ...]) -> tuple[int, ...]:
    return counts[:AUDIT_COLUMN] + counts[AUDIT_COLUMN + 1:]


CASES: Counter[str] = Counter()  # generated cases run, by outcome


@pytest.fixture(scope="module", autouse=True)
def cases_run():
    """With `-s`, says how many cases the module ran and how long it took."""
    started = time.perf_counter()
    yield
    print(f"\ntest_fuzz: {sum(CASES.values())} generated cases ({dict(CASES)}) in "
          f"{time.perf_counter() - started:.0f} s, profile max_examples={PROFILE_EXAMPLES}")


class Fuzz:
    """Calls an entry point and checks its outcome; a valid write moves the expected counts on."""

    def __init__(self, writes: bool):
        self.writes = writes
        self.counts = table_counts()
        self.expected = table_digests()
        self.refused = self.valid = 0

    def call(self, func: Callable, kwargs: dict, refusals: tuple[type[Exception], ...] = (LendingError,),
             audits_refusals: bool = False) -> None:
        try:
            func(**kwargs)
        except refusals as refusal:
            self.refused += 1
            CASES["service refused"] += 1
            if isinstance(refusal, LendingError):
                assert refusal.render("en") and refusal.render("zh"), "a refusal must say why"
            else:
                assert str(refusal), "a refusal must say why"
            # The audit log may grow (one event an attempt), no other table; and a known login's
            # failure counter (users.failed_attempts, locked_until) is rightly updated: the contents
            # are taken again.
            if audits_refusals:
                now = table_counts()
                assert _without_audit(now) == _without_audit(self.counts), "a refusal changed the database"
                self.counts, self.expected = now, table_digests()
                return
            assert table_counts() == self.counts, "a refusal changed the database"
            return
        self.valid += 1
        CASES["service valid"] += 1
        if self.writes:  # the input happened to be valid: the write is expected
            self.counts, self.expected = table_counts(), table_digests()
        else:
            assert table_counts() == self.counts, "a read-only service wrote"

    def finish(self) -> None:
        assert table_digests() == self.expected
        assert reconcile().ok, reconcile().problems  # whatever was written, the ledger is whole


# --- the service table ------------------------------------------------------------------------------

Arguments = Callable[[World], st.SearchStrategy]


@dataclass(frozen=True)
class Entry:
    func: Callable
    arguments: Arguments  # the keyword arguments, for the shared book
    writes: bool
    n: int  # examples under the default profile
    refusals: tuple[type[Exception], ...] = (LendingError,)  # what counts as a typed refusal
    audits_refusals: bool = False  # a refusal appends to the audit log (sign-in failures), nothing else

    @property
    def name(self) -> str:
        return self.func.__name__


def keys() -> st.SearchStrategy:
    return st.one_of(st.uuids().map(str), st.sampled_from(["seed-credit", "seed-order", "k"]), anything)


def amounts(*valid) -> st.SearchStrategy:
    return arg("5000.00", "100", "1,000.50", Decimal("250.00"), 300, *valid)


def id_lists(ids) -> st.SearchStrategy:
    return st.one_of(st.lists(st.sampled_from(ids), max_size=4), st.lists(anything, max_size=3), anything)


def application_forms() -> st.SearchStrategy:
    fields = ("annual_sales", "operating_cost", "net_margin_pct", "inventory", "total_assets",
              "total_liabilities", "receivables", "platform_share_pct")
    customers = st.one_of(st.lists(st.fixed_dictionaries({}, optional={
        "since": arg(date(2020, 1, 1), date(2030, 1, 1)), "sales_share_pct": arg("10", "60")})), anything)
    form = st.fixed_dictionaries({}, optional={
        **{name: arg("100000", "20", "0", "1,000.50") for name in fields},
        "top_customers": customers, "questionnaire": st.one_of(st.lists(arg(1, 3, 5), max_size=7), anything),
        "unexpected": anything})
    return st.one_of(st.none(), form, st.dictionaries(anything.filter(_hashable), anything, max_size=3),
                     anything)


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def eod_until(w: World, actor: Actor) -> st.SearchStrategy:
    # A valid `until` (or none) would run end of day: staff get only past dates, which run nothing.
    past = st.dates(max_value=START - timedelta(days=1))
    invalid = st.one_of(texts, ints, decimals, floats, st.datetimes(), st.binary(max_size=4),
                        st.lists(st.integers(), max_size=2))
    if actor.role in (ADMIN, SYSTEM):
        return st.one_of(past, invalid)
    return st.one_of(st.none(), st.dates(), invalid)


def eod_arguments(w: World) -> st.SearchStrategy:
    return actors(w).flatmap(lambda a: st.fixed_dictionaries({"actor": st.just(a), "until": eod_until(w, a)}))


def advance_arguments(w: World) -> st.SearchStrategy:
    # A valid N simulates days of platform activity: the admin gets only numbers of days that are not.
    invalid_n = st.one_of(st.integers(max_value=0), st.integers(min_value=MAX_DAYS + 1), st.sampled_from(
        [2**63, -(2**63)]), texts, decimals, floats, wrong_types.filter(lambda v: not isinstance(v, bool)))

    def for_actor(a: Actor):
        n = invalid_n if a.role == ADMIN else arg(1, 3)
        return st.fixed_dictionaries({"actor": st.just(a), "n": n}, optional={"seed": arg(7, 0)})

    return actors(w).flatmap(for_actor)


def months_of(w: World) -> st.SearchStrategy:
    """A statement's month: a date near the book's, far past or future, a datetime, or not a date."""
    return st.one_of(st.sampled_from([START, START.replace(day=1), date(1, 1, 1), date(9999, 12, 31)]),
                     st.dates(), st.datetimes(), texts, ints, wrong_types)


def langs() -> st.SearchStrategy:
    return arg("en", "zh", "fr", "ZH")


def payment_ids() -> st.SearchStrategy:
    return arg(1, 2, 3, 4)


def now_values() -> st.SearchStrategy:
    # `now` is the clock, injected by tests; only datetimes (naive or aware) and None are in its contract,
    # with room for the lockout window after it (a clock a day short of year 10000 cannot add 15 minutes).
    latest = datetime(9999, 12, 30)
    return st.one_of(st.none(), st.datetimes(max_value=latest),
                     st.datetimes(max_value=latest, timezones=st.just(UTC)))


SERVICES: tuple[Entry, ...] = (
    Entry(draw_credit_loan, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "shop_id": arg(*w.shops, "shop0001", " SHOP0001 ", "SHOP9999"),
        "amount": amounts(), "months": arg(1, 3, 6, 9, 12), "method": arg(*RepaymentMethod, "bullet"),
        "idempotency_key": keys()}, optional={"agreement_accepted": arg(True, False)}), True, 600),
    Entry(draw_order_loan, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "shop_id": arg(*w.shops), "order_ids": id_lists(w.order_ids),
        "amount": st.one_of(st.none(), amounts()), "idempotency_key": keys()},
        optional={"agreement_accepted": arg(True, False)}), True, 600),
    Entry(repay, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "loan_id": arg(*w.loan_ids), "amount": amounts("0.01", "10.00"),
        "idempotency_key": keys()}), True, 600),
    Entry(payoff_quote, lambda w: st.fixed_dictionaries({"actor": actors(w), "loan_id": arg(*w.loan_ids)}),
          False, 300),
    Entry(preview_allocation, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "loan_id": arg(*w.loan_ids), "amount": amounts("0.01")}), False, 400),
    Entry(settle_order, lambda w: st.fixed_dictionaries({"actor": actors(w), "order_id": arg(*w.order_ids)}),
          True, 300),
    Entry(refund_order, lambda w: st.fixed_dictionaries({"actor": actors(w), "order_id": arg(*w.order_ids)}),
          True, 300),
    Entry(run_end_of_day, eod_arguments, True, 300),
    Entry(apply_for_credit, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids)}, optional={"form": application_forms()}),
        True, 400),
    Entry(assess_shop, lambda w: st.fixed_dictionaries({"actor": actors(w), "shop_id": arg(*w.shops)}),
          True, 300),
    Entry(prefill_application, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids)}), False, 200),
    Entry(latest_decision, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids)}), False, 200),
    Entry(assess_all, lambda w: st.fixed_dictionaries({"actor": actors(w)}), True, 100),
    Entry(review_queue, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 100),
    Entry(review_decision, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "decision_id": arg(w.decision_id, 1), "approve": arg(True, False),
        "note": arg("checked the bank statements", "ok")},
        optional={"credit_limit": st.one_of(st.none(), amounts("40000"))}), True, 400),
    Entry(sign_in, lambda w: st.fixed_dictionaries({
        "username": arg("seller1", "SELLER1 ", "risk", "nobody"), "password": arg(PASSWORD, "wrong")},
        optional={"now": now_values()}), True, 400, audits_refusals=True),
    Entry(activate, lambda w: st.fixed_dictionaries({
        "username": arg("seller2", "seller1", "nobody"), "code": arg(CODE, "abcd efgh jkmn", "WRONG"),
        "new_password": arg("a long new password", "short")}, optional={"now": now_values()}), True, 400,
        audits_refusals=True),
    Entry(create_seller_login, lambda w: st.fixed_dictionaries({"shop_id": arg(*w.shops, "shop0002")}),
          True, 300),
    Entry(my_loans, lambda w: st.fixed_dictionaries({"actor": actors(w), "seller_id": arg(*w.seller_ids)}),
          False, 200),
    Entry(loan_detail, lambda w: st.fixed_dictionaries({"actor": actors(w), "loan_id": arg(*w.loan_ids)}),
          False, 300),
    Entry(home, lambda w: st.fixed_dictionaries({"actor": actors(w), "seller_id": arg(*w.seller_ids)}),
          False, 200),
    Entry(notifications, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids)}), False, 200),
    Entry(home_page, lambda w: st.fixed_dictionaries({"actor": actors(w), "seller_id": arg(*w.seller_ids)}),
          False, 200),
    Entry(credit_draw_quote, lambda w: st.fixed_dictionaries({
        "amount": amounts(), "months": arg(1, 3, 6, 9, 12), "method": arg(*RepaymentMethod)}), False, 500),
    Entry(order_draw_quote, lambda w: st.fixed_dictionaries({"amount": amounts()}), False, 300),
    Entry(pledgeable_orders, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids)}, optional={"shop_id": arg(None, *w.shops)}),
        False, 300),
    Entry(order_backing, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids), "order_ids": id_lists(w.order_ids)},
        optional={"shop_id": arg(None, *w.shops)}), False, 400),
    Entry(advance_days, advance_arguments, True, 300),
    # --- the back office (risk officers and admins)
    Entry(staff_overview, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 60),
    Entry(review_cases, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 60),
    Entry(eod_status, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 60),
    Entry(portfolio, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 60),
    Entry(seller_360, lambda w: st.fixed_dictionaries({"actor": actors(w), "seller_id": arg(*w.seller_ids)}),
          False, 200),
    Entry(model_report_page, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 40),
    Entry(portfolio_version, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 60),
    Entry(model_report_version, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 60),
    # --- browser sessions (resume, end and save_journey answer any token: test_web_sessions.py)
    Entry(web_sessions.open_session, lambda w: st.fixed_dictionaries({"actor": actors(w)}), True, 100),
    Entry(collections, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 60),
    Entry(contact_log, lambda w: st.fixed_dictionaries({"actor": actors(w), "loan_id": arg(*w.loan_ids)}),
          False, 200),
    Entry(log_contact, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "loan_id": arg(*w.loan_ids), "note": arg("called, will pay friday", "")},
        optional={"promise_date": st.one_of(st.none(), st.dates(), anything)}), True, 400),
    Entry(audit_log, lambda w: st.fixed_dictionaries({"actor": actors(w)}, optional={
        "limit": arg(1, 50, 1000), "action": arg(None, "sign_in", "draw")}), False, 300),
    Entry(monitoring_events, lambda w: st.fixed_dictionaries({"actor": actors(w)}, optional={
        "status": arg(None, "open", "closed"), "limit": arg(1, 500)}), False, 300),
    Entry(product_settings, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 60),
    Entry(change_settings, lambda w: st.fixed_dictionaries({"actor": actors(w), "values": st.one_of(
        st.dictionaries(st.one_of(st.sampled_from(list(SETTINGS)), texts),
                        arg("0.0005", "1.5", "3, 6, 9, 12", "10000000", "0", "-1"), max_size=3),
        st.dictionaries(anything.filter(_hashable), anything, max_size=2),
        anything)}), True, 400),
    Entry(recovery_candidates, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 60),
    Entry(recovery_plans, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 60),
    Entry(create_recovery_plan, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids), "months": arg(1, 6, 12, 13),
        "note": arg("non-malicious: flood", "")}), True, 400),
    Entry(corrections_queue, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 60),
    Entry(reversible_payment_id, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "loan_id": arg(*w.loan_ids)}), False, 200),
    Entry(reversal_choice, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "loan_id": arg(*w.loan_ids)}), False, 200),
    Entry(propose_correction, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "kind": arg(*KINDS), "loan_id": arg(*w.loan_ids),
        "reason": arg("posted twice", "")}, optional={
        "payment_id": arg(None, 1, 2), "amount": st.one_of(st.none(), amounts("0.01")),
        "seller_reason": arg("other", "goodwill", "uncollectable", "no such reason")}), True, 400),
    Entry(approve_correction, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "correction_id": arg(1, 2)}, optional={"note": arg("", "checked")}), True, 200),
    Entry(reject_correction, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "correction_id": arg(1, 2)}, optional={"note": arg("", "no")}), True, 200),
    # --- the portal's second pass
    Entry(preview_repayment, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "loan_id": arg(*w.loan_ids), "amount": amounts("0.01")}), False, 300),
    Entry(repay_overdue, lambda w: st.fixed_dictionaries({
        # one loan at a time: a refusal after a first loan was paid keeps that payment (documented);
        # several keys only when none is an id (all refused before the first payment)
        "actor": actors(w), "amounts": st.one_of(
            st.dictionaries(arg(*w.loan_ids).filter(_hashable), amounts("0.01", "10.00"), max_size=1),
            st.dictionaries(anything.filter(lambda k: _hashable(k) and not is_id(k)), anything, max_size=3),
            anything),
        "idempotency_key": keys()}), True, 400),
    Entry(unread, lambda w: st.fixed_dictionaries({"actor": actors(w), "seller_id": arg(*w.seller_ids)},
                                                  optional={"items": st.none()}), False, 150),
    Entry(unread_count, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids)}), False, 150),
    Entry(mark_notifications_seen, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids)}), True, 200),
    # a provisioning function of the command line: its refusal of a bad role or name is a UsageError
    Entry(create_staff_login, lambda w: st.fixed_dictionaries({
        "username": arg("risk2", "risk", "seller1", " Admin2 "),
        "role": arg("risk", "admin", "seller", "ADMIN")}),
        True, 200, (LendingError, UsageError)),
    # --- the portal's third pass: the application preview, why not borrow, the balance, documents
    Entry(preview_application, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids), "form": application_forms()}), False, 200),
    Entry(borrowing_status, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids)}), False, 150),
    Entry(check_credit_amount, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids), "amount": amounts("0.01", "40000")}),
        False, 200),
    Entry(check_order_amount, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids), "order_ids": id_lists(w.order_ids),
        "amount": st.one_of(st.none(), amounts())}, optional={"shop_id": arg(None, *w.shops)}), False, 200),
    Entry(balance_history, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids)}), False, 150),
    Entry(check_withdrawal, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids), "amount": amounts("0.01")}), False, 200),
    Entry(withdraw_balance, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "amount": amounts("0.01", "10.00"), "idempotency_key": keys()}), True, 200),
    Entry(agreement_facts, lambda w: st.fixed_dictionaries({"actor": actors(w), "loan_id": arg(*w.loan_ids)}),
          False, 100),
    Entry(loan_agreement_pdf, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "loan_id": arg(*w.loan_ids)}, optional={"lang": langs()}), False, 20),
    Entry(receipt, lambda w: st.fixed_dictionaries({"actor": actors(w), "payment_id": payment_ids()}),
          False, 100),
    Entry(payment_receipt_pdf, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "payment_id": payment_ids()}, optional={"lang": langs()}), False, 20),
    Entry(statement_months, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids)}), False, 100),
    Entry(monthly_statement, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids), "month": months_of(w)}), False, 150),
    Entry(statement_csv, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids), "month": months_of(w)},
        optional={"lang": langs()}), False, 60),
    Entry(statement_pdf, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "seller_id": arg(*w.seller_ids), "month": months_of(w)},
        optional={"lang": langs()}), False, 20),
    Entry(trial_balance, lambda w: st.fixed_dictionaries({"actor": actors(w), "on": months_of(w)}),
          False, 100),
    Entry(balance_sheet, lambda w: st.fixed_dictionaries({"actor": actors(w), "on": months_of(w)}),
          False, 100),
    Entry(classification_table, lambda w: st.fixed_dictionaries({"actor": actors(w), "on": months_of(w)}),
          False, 100),
    Entry(income_statement, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "start": months_of(w), "end": months_of(w)}), False, 100),
    Entry(journal, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "start": months_of(w), "end": months_of(w)}), False, 60),
    Entry(general_ledger, lambda w: st.fixed_dictionaries({
        "actor": actors(w), "account": arg(*ACCOUNT_KINDS), "start": months_of(w), "end": months_of(w)}),
        False, 100),
    Entry(report_table, lambda w: st.fixed_dictionaries(
        {"actor": actors(w), "name": arg(*REPORTS)},
        optional={"on": months_of(w), "start": months_of(w), "end": months_of(w),
                  "account": arg(*ACCOUNT_KINDS)}),
        False, 200),
    Entry(expected_credit_loss, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 40),
    Entry(close_month, lambda w: st.fixed_dictionaries({  # end of day never ran here: always refused
        "actor": actors(w), "month": st.one_of(months_of(w), arg("2026-02", "2026-03"))}), True, 150),
    Entry(closed_months, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 40),
    Entry(stored_statement, lambda w: st.fixed_dictionaries({"actor": actors(w), "month": months_of(w)}),
          False, 60),
    Entry(receive_after_write_off, lambda w: st.fixed_dictionaries({  # nothing is written off here
        "actor": actors(w), "loan_id": arg(*w.loan_ids), "amount": amounts("1.00"), "reason": arg("agency")}),
        True, 150),
    Entry(offered_credit_terms, lambda w: st.just({}), False, 5),
    Entry(reconcile, lambda w: st.just({}), False, 5),  # no arguments: it must simply run
    Entry(current_business_date, lambda w: st.just({}), False, 5),
    # --- the platform feed and payment instructions (issue 17): only files that do not exist, so a
    # valid call never imports (tests/services/test_feed_import.py imports real files)
    Entry(import_feed, lambda w: st.fixed_dictionaries({"actor": actors(w), "paths": st.one_of(
        st.lists(arg("/nonexistent/feed.jsonl", "", "no such.csv"), max_size=3), anything)},
        optional={"batch": arg(1, 500), "source": arg("feed", None)}), False, 300),
    Entry(import_rejects, lambda w: st.fixed_dictionaries({"actor": actors(w)}, optional={
        "import_id": arg(None, 1, 2), "limit": arg(1, 100)}), False, 200),
    Entry(recent_imports, lambda w: st.fixed_dictionaries({"actor": actors(w)}, optional={
        "limit": arg(1, 50)}), False, 200),
    Entry(watch_once, lambda w: st.fixed_dictionaries({"actor": actors(w), "folder": arg(
        "/nonexistent/drop", "", __file__), "batch": arg(1, 500)}), False, 200),
    Entry(pending_instructions, lambda w: st.fixed_dictionaries({"actor": actors(w)}), False, 60),
    Entry(instructions, lambda w: st.fixed_dictionaries({"actor": actors(w)}, optional={
        "status": arg(None, "pending", "sent", "failed"), "limit": arg(None, 1, 200)}), False, 200),
    Entry(mark_sent, lambda w: st.fixed_dictionaries({"actor": actors(w), "ids": st.one_of(
        st.lists(arg(f"D-{w.loan_id}", f"C-{w.loan_id}", "D-999999"), max_size=3), anything),
        "batch": arg("batch-1.csv", "")}), True, 200),
    Entry(apply_results, lambda w: st.fixed_dictionaries({"actor": actors(w), "lines": st.one_of(
        st.lists(st.builds(ResultLine, line=arg(2, 3), instruction_id=arg(f"D-{w.order_loan_id}", "D-999999"),
                           status=arg("confirmed", "failed", "paid"), reason=arg("", "account closed")),
                 max_size=3), anything)}), True, 300),
)

# Public functions of app/services that are not entry points (each with the reason). Functions that
# take the caller's `session` or `connection` are building blocks inside a service's transaction and
# are left out by signature (`_takes_a_session`).
NOT_ENTRY_POINTS = {
    **{f"app.services.access.arguments.{name}": "an argument check of the feed's and payouts' services, "
       "fuzzed through them" for name in ("whole_number", "clean", "paths", "folder")},
    "app.services.feed.apply.backward_reason": "the text of a reject, built from a status the importer read",
    "app.services.feed.apply.status_of": "maps an order row read inside an import",
    "app.services.feed.watch.waiting_files": "lists the folder watch_once was given, after its checks",
    "app.services.feed.watch.watch": "the loop of `feed watch`: watch_once again and again",
    "app.services.store.outbox.collection_id": "an instruction id made from a payment's id",
    "app.services.store.outbox.disbursement_id": "an instruction id made from a loan's id",
    "app.services.access.actor.require_own_seller": "permission check, exercised through every service",
    "app.services.access.actor.require_seller_self": "permission check, exercised through the draws",
    "app.services.access.actor.require_seller": "permission check, exercised through repay",
    "app.services.access.actor.require_role": "permission check, exercised through the staff services",
    "app.services.store.idempotency.once_per_key": "a decorator of the keyed services",
    "app.services.access.inputs.clean_text": "the text guard itself (tests/services/test_text_inputs.py)",
    "app.services.back_office.statements.checked_date": "the statements' date guard, fuzzed through them",
    "app.services.back_office.statements.checked_period": "the statements' period guard, fuzzed through them",
    "app.services.access.inputs.is_clean_text": "the text guard itself (tests/services/test_text_inputs.py)",
    "app.services.access.inputs.is_id": "the id guard itself, fuzzed through every service taking an id",
    "app.services.access.inputs.checked_id": "the id guard itself, fuzzed through every service taking an id",
    "app.services.access.inputs.shown": "quotes an argument back in a refusal",
    "app.services.accounts.logins.new_activation_code": "takes nothing; called by create_seller_login",
    "app.services.accounts.logins.normalise_code": "pure helper of activate, fuzzed through it",
    "app.services.accounts.signin.normalise_username":
        "pure helper of sign_in and activate, fuzzed through them",
    "app.services.portal.home.mask_phone": "formats a stored phone number, never input",
    "app.services.portal.home.standing_of": "derives My limits' standing from read models home_page built",
    "app.services.store.correction_records.reversed_payment_ids": "an SQL subquery, no input",
    "app.services.store.correction_records.seller_reason_text":
        "names a stored catalogue reason (propose_correction checks the input)",
    "app.services.lending.loan_views.schedule_rows": "maps an engine state read inside a service",
    "app.services.lending.loan_views.loan_row": "maps a loan record read inside a service",
    "app.services.store.arrears.unpaid_installment": "an SQL fragment",
    "app.services.store.arrears.unpaid_installment_sql": "an SQL fragment",
    "app.services.store.arrears.overdue_installment": "an SQL fragment",
    "app.services.store.arrears.due_installment": "an SQL fragment",
    "app.services.store.arrears.due_installment_sql": "an SQL fragment",
    "app.services.store.arrears.in_arrears": "an SQL query for a date read inside a service",
    "app.services.store.arrears.overdue_sellers": "an SQL query for a date read inside a service",
    "app.services.store.arrears.overdue_loans": "an SQL query for a date read inside a service",
    "app.services.store.arrears.is_unpaid": "reads an installment row read inside a service",
    "app.services.store.arrears.is_overdue": "reads an installment row read inside a service",
    "app.services.lending.orders.confirmed_order": "an SQL fragment",
    "app.services.lending.orders.confirmed_order_sql": "an SQL fragment",
    "app.services.back_office.portfolio.bucket_case": "an SQL fragment",
    "app.services.store.loan_store.loan_state": "maps rows read inside a service",
    "app.services.store.loan_store.new_installment_rows": "maps a new state inside a draw",
    "app.services.lending.availability.check_draw_amount": "checks amounts the draws already parsed",
    "app.services.lending.availability.latest_limit_query":
        "an SQL query for a seller id read inside a service",
    "app.services.store.risk_records.open_event_query": "an SQL query for a seller id read inside a service",
    "app.services.store.risk_records.reentry_plan_query":
        "an SQL query for a seller id read inside a service",
    "app.services.store.decision_records.unchanged": "compares a stored decision with a new one",
    "app.services.access.audit.record_alone": "appends an event its caller composed (sign-in), never input",
    "app.services.lending.loan_views.loan_history":
        "replays a loan record and payments read inside a service",
    "app.services.lending.loan_views.timeline": "maps an engine state read inside a service",
    "app.services.store.locks.is_conflict": "classifies a database exception, never input",
    "app.services.store.locks.retry_on_conflict": "a decorator of the services that own their transaction",
    "app.services.end_of_day.collect.settle_confirmed_orders": "a step of run_end_of_day (a date it read)",
    "app.services.end_of_day.collect.auto_debit_due": "a step of run_end_of_day (a date it read)",
    "app.services.end_of_day.lock.exclusive_run": "the run lock of run_end_of_day; takes nothing",
    "app.services.end_of_day.lock.lock_path": "names a SQLite file's lock file, never input",
    "app.services.access.actor.require_well_formed":
        "the actor check itself, exercised through every service",
    "app.services.credit.rating_inputs.version_of": "digests the scorecard and settings inside pre-approval",
    "app.services.risk_ops.monitoring.rating_query": "an SQL query for end of day's monitoring",
    "app.services.risk_ops.monitoring.sales_query": "an SQL query for end of day's monitoring",
    "app.services.store.product_settings.check_config": "checks a configuration built inside change_settings",
    "app.services.store.product_settings.check_offered_term":
        "checks terms the draws and quotes already parsed",
    "app.services.risk_ops.recovery.needed_on_time": "pure helper of a plan's months, already checked",
    "app.services.risk_ops.reversal.drawn_state": "maps a loan row read inside a service (a reversal)",
    "app.services.store.risk_records.reason_text": "maps a stored reason to a catalogue text",
    "app.services.store.risk_records.sales_reason": "builds a reason from figures end of day computed",
    "app.services.accounts.web_sessions.utc_now": "the sessions' clock; takes nothing",
    **{f"app.services.accounts.web_sessions.{name}": "takes any token and refuses by answering, not raising: "
       "fuzzed in tests/services/test_web_sessions.py" for name in ("resume", "end", "save_journey")},
    "app.services.credit.model_report.store_model_report":
        "a step of run_end_of_day and the demo's seed and time travel; takes nothing",
    "app.services.accounts.signin.hashing_slot":
        "the argon2 slot of sign_in and activate, fuzzed through them",
    "app.services.lending.seller_orders.checked_order_choice": "the argument check of order_backing and "
                                                       "check_order_amount, fuzzed through both",
}
# Functions that take an actor but are not entry points: internal helpers given trusted values.
INTERNAL_WITH_ACTOR = {"app.services.access.audit.record_alone",
                       "app.services.feed.watch.watch",  # calls the fuzzed watch_once with its arguments
                       "app.services.lending.seller_orders.checked_order_choice"}


def _takes_a_session(func) -> bool:
    return bool({"session", "connection"} & set(inspect.signature(func).parameters))


def public_service_functions() -> dict[str, Callable]:
    found = {}
    modules = [importlib.import_module(info.name)
               for info in pkgutil.walk_packages(app.services.__path__, "app.services.")]
    for module in [*modules, app.demo.time_travel]:  # the demo's one service entry
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if (function.__module__ == module.__name__ and not name.startswith("_")
                    and not _takes_a_session(function)):
                found[f"{module.__name__}.{name}"] = function
    return found


def test_every_service_entry_point_is_fuzzed_or_excluded_with_a_reason():
    fuzzed = {f"{e.func.__module__}.{e.name}" for e in SERVICES}
    public = public_service_functions()
    missing = sorted(set(public) - fuzzed - set(NOT_ENTRY_POINTS))
    assert not missing, f"{missing}: add them to SERVICES (or to NOT_ENTRY_POINTS, with a reason)"
    assert not (set(NOT_ENTRY_POINTS) | fuzzed) - set(public), "a listed function no longer exists"
    with_actor = {n for n, f in public.items() if "actor" in inspect.signature(f).parameters}
    actor_helpers = {n for n in NOT_ENTRY_POINTS if n.startswith("app.services.access.actor.")}
    assert with_actor - fuzzed <= actor_helpers | INTERNAL_WITH_ACTOR


@pytest.mark.parametrize("entry", SERVICES, ids=lambda e: e.name)
def test_a_service_refuses_hostile_input_with_a_typed_error_and_changes_nothing(world, entry):
    fuzz = Fuzz(entry.writes)

    @settings(max_examples=examples(entry.n), **FUZZ_SETTINGS)
    @given(data=st.data())
    def call(data):
        fuzz.call(entry.func, data.draw(entry.arguments(world), label="arguments"), entry.refusals,
                  entry.audits_refusals)

    call()
    fuzz.finish()
    assert fuzz.refused or entry.n <= 5, "nothing was refused: the strategies do not reach this service"


# --- the command line -------------------------------------------------------------------------------


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli_main(argv)
        except SystemExit as exc:  # argparse: --help, or bad arguments
            code = 0 if exc.code is None else exc.code
    return code, out.getvalue(), err.getvalue()


def check_cli(fuzz: Fuzz, argv: list[str], *, writes: bool) -> int:
    code, out, err = run_cli(argv)
    CASES[f"cli exit {code}"] += 1
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err + out
    if code == 0:
        assert err == "", err
    else:
        lines = err.rstrip("\n").split("\n")
        assert len(lines) == 1 and lines[0].startswith("python -m app"), err
    if writes and code == 0:
        fuzz.counts, fuzz.expected = table_counts(), table_digests()
        fuzz.valid += 1
    else:
        assert table_counts() == fuzz.counts, (argv, code, err)
        fuzz.refused += code != 0
    return code


tokens = st.one_of(texts.filter(lambda t: "\x00" not in t and not _is_surrogate(t)), st.sampled_from(
    ["--json", "--all", "--force", "--if-empty", "--help", "-h", "--", "-", "--seed", "--months", "--days",
     "--until", "--version", "--seller", "--today", "--product=credit", "--bogus"]),
    ints.map(str))  # a real argv holds neither NUL nor (on a UTF-8 system) lone surrogates


def _is_surrogate(t: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in t)


def option(name: str, values: st.SearchStrategy) -> st.SearchStrategy:
    """Absent, `--name VALUE`, `--name=VALUE`, a bare `--name` or `--name=--` (argparse gives [])."""
    return st.one_of(st.just([]), values.map(lambda v: [name, v]), values.map(lambda v: [f"{name}={v}"]),
                     st.sampled_from([[name], [f"{name}=--"]]))


def argv(command: str, *parts: st.SearchStrategy, extra: bool = True) -> st.SearchStrategy:
    """`command` with `parts`, and (if `extra`) stray tokens after them. Commands guarded against a
    valid heavy run get no stray tokens: `--v 0` would be `--version 0` (argparse takes prefixes)."""
    extra = st.one_of(st.just([]), st.lists(tokens, min_size=1, max_size=2)) if extra else st.just([])
    return st.tuples(*parts, extra).map(lambda ps: [command, *(t for p in ps for t in p)])


report_dates = st.one_of(st.dates().map(date.isoformat), st.sampled_from(["2026-03-02", "0001-01-01"]),
                         tokens)


def _not_a_day_count(token: str) -> bool:
    try:
        return not 1 <= int(token) <= MAX_DAYS
    except ValueError:
        return True


def _not_a_date_to_run(token: str) -> bool:
    """`eod --until` would run nothing: not a date argparse takes, or a date before the book's."""
    try:
        return len(token) != 10 or date.fromisoformat(token) < START
    except ValueError:
        return True


def _not_a_safe_version(token: str) -> bool:
    return not SAFE_VERSION.fullmatch(token) or ".." in token


def quote_argv(w: World) -> st.SearchStrategy:
    return argv("quote", option("--product", arg("credit", "order").map(str)),
                option("--method", st.one_of(st.sampled_from([m.value for m in RepaymentMethod]), tokens)),
                option("--principal", st.one_of(st.sampled_from(["5000", "1,234.56", "100"]), tokens)),
                st.one_of(option("--months", st.one_of(st.sampled_from(["1", "3", "12"]), tokens)),
                          option("--days", st.one_of(st.sampled_from(["1", "30"]), tokens))),
                option("--start", st.one_of(st.sampled_from(["2026-01-31", "9999-12-01", "0001-01-01"]),
                                            tokens)),
                st.sampled_from([["--json"], [], ["--json", "--json"]]))


def backup_paths(directory: Path) -> st.SearchStrategy:
    names = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"]), min_size=1,
                    max_size=30)
    return st.one_of(names.map(lambda n: str(directory / "new" / n)),  # a new file: a valid backup
                     st.sampled_from([str(directory / "existing.db"), str(directory),
                                      str(directory / "no" / "x"), "", ".", "/",
                                      str(directory / "new" / "bad\x00name"), "-"]),
                     names)  # relative: the test runs in a temporary folder


def restore_paths(directory: Path) -> st.SearchStrategy:
    # Only sources that are not a backup, or a backup without --force (the database exists): a
    # restore that succeeds would replace the book.
    return st.sampled_from([str(directory / f) for f in ("text.txt", "empty.db", "header.db", "plain.db",
                                                          "missing.db", "a\x00b.db")]
                           + [str(directory), "", "/", "-"])


CLI: dict[str, Callable[[World, Path], st.SearchStrategy]] = {
    "quote": lambda w, d: quote_argv(w),
    "assess": lambda w, d: argv("assess", st.one_of(option("--seller", arg(*w.shops, "shop0001").map(str)),
                                                    st.just(["--all"]), st.just([])),
                                st.sampled_from([[], ["--json"]])),
    "create-login": lambda w, d: argv("create-login", option("--seller", st.one_of(st.sampled_from(w.shops),
                                                                                   tokens))),
    # eod without --until, or with a date from the business date on, would run end of day
    "eod": lambda w, d: argv("eod", st.one_of(
        tokens.filter(_not_a_date_to_run).map(lambda t: [f"--until={t}"]),
        st.dates(max_value=START - timedelta(days=1)).map(lambda v: ["--until", v.isoformat()])),
        extra=False),
    "reconcile": lambda w, d: argv("reconcile"),
    "model-report": lambda w, d: argv("model-report"),
    # fit-model with a valid version (or none) would write app/scoring/models/VERSION.json
    "fit-model": lambda w, d: argv("fit-model", st.one_of(tokens, st.sampled_from(
        ["../evil", "a/b", "x" * 33, ".hidden", "a..b", "mlf score", "mlf-score-1.json/.."])).filter(
        _not_a_safe_version).map(lambda v: [f"--version={v}"]), extra=False),
    # a valid N would simulate days of platform activity
    "advance-days": lambda w, d: argv("advance-days", st.one_of(tokens, ints.map(str)).filter(
        _not_a_day_count).map(lambda n: ["--", n]), option("--seed", tokens), extra=False),
    # the book has sellers, so seed-demo never seeds: it refuses, or does nothing with --if-empty
    "seed-demo": lambda w, d: argv("seed-demo", option("--seed", tokens), option("--today", tokens),
                                   st.sampled_from([[], ["--if-empty"]]), extra=False),
    # init-db only with extra arguments (a valid run migrates: the last check runs it once)
    "init-db": lambda w, d: st.lists(tokens, min_size=1, max_size=3).map(lambda ts: ["init-db", *ts]),
    "backup": lambda w, d: argv("backup", st.sampled_from([[], ["--force"]]),
                                backup_paths(d).map(lambda p: ["--", p]), extra=False),
    "report": lambda w, d: argv("report", st.one_of(st.sampled_from(BOOK_REPORTS), tokens).map(lambda n: [n]),
                                option("--on", report_dates), option("--from", report_dates),
                                option("--to", report_dates),
                                option("--account", arg(*ACCOUNT_KINDS).map(str)),
                                option("--format", st.one_of(st.sampled_from(["csv", "json", "xlsx"]),
                                                             tokens)),
                                st.sampled_from([[], ["--output", "report.out"], ["--output", "/"],
                                                 ["--output", "no/such/folder/x"]])),
    # end of day never ran here: a close is always refused
    "close-month": lambda w, d: argv("close-month", option("--month", st.one_of(
        st.sampled_from(["2026-02", "2026-03", "1999-12", "3000-01", "2026-13"]), tokens))),
    "restore": lambda w, d: argv("restore", st.sampled_from([[], ["--force"]]),
                                 restore_paths(d).map(lambda p: ["--", p]), extra=False),
    # feed: files that are no feed (a valid import is tests/demo/test_feed_cli.py); watch always --once
    "feed": lambda w, d: st.one_of(
        argv("feed", st.sampled_from([["import"], []]), st.lists(feed_paths(d), max_size=2),
             option("--batch", st.one_of(st.sampled_from(["1", "0", "-5"]), tokens))),
        argv("feed", st.just(["watch", "--once"]), st.lists(feed_paths(d, tokens_too=False), max_size=1),
             option("--batch", st.sampled_from(["1", "0", "x", "-"])), extra=False)),
    "payouts": lambda w, d: argv("payouts", st.one_of(st.sampled_from([["export"], ["confirm"], []]),
                                                      st.lists(tokens, max_size=1)),
                                 st.lists(feed_paths(d), max_size=2)),
}


def feed_paths(directory: Path, *, tokens_too: bool = True) -> st.SearchStrategy:
    """Paths that are no feed to import. `feed watch` gets only these, never a random token: "/"
    would have it make done/ and failed/ at the root."""
    known = st.sampled_from([str(directory / f) for f in ("text.txt", "empty.db", "header.db", "plain.db",
                                                          "missing.jsonl", "new", "new/batch.csv")]
                            + ["", ".", "-"])
    return st.one_of(tokens, known) if tokens_too else known


CLI_EXAMPLES = {"quote": 550, "assess": 300, "create-login": 200, "eod": 200, "reconcile": 20,
                "model-report": 20, "fit-model": 200, "advance-days": 200, "seed-demo": 100, "init-db": 60,
                "backup": 150, "restore": 150, "feed": 200, "payouts": 150, "report": 300, "close-month": 100}
UNKNOWN_EXAMPLES = 200  # argv with no known command
# valid runs that write rows (payouts: marks sent)
CLI_WRITES = {"assess", "create-login", "payouts", "close-month"}


def test_every_command_is_fuzzed():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert set(commands) == set(CLI) == set(CLI_EXAMPLES)


@pytest.fixture
def files(world, tmp_path, monkeypatch) -> Path:
    """A folder with a backup of the book, and files that are not one; the test runs in it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "new").mkdir()
    (tmp_path / "text.txt").write_text("not a database")
    (tmp_path / "empty.db").write_bytes(b"")
    (tmp_path / "header.db").write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    import sqlite3

    sqlite3.connect(tmp_path / "plain.db").execute("CREATE TABLE t (x)").connection.close()
    run_cli(["backup", str(tmp_path / "existing.db")])  # on PostgreSQL, refused: the file stays missing
    return tmp_path


@pytest.mark.parametrize("command", sorted(CLI))
def test_a_command_refuses_hostile_arguments_with_one_line_and_no_traceback(world, files, command):
    fuzz = Fuzz(writes=command in CLI_WRITES)

    @settings(max_examples=examples(CLI_EXAMPLES[command]), **FUZZ_SETTINGS)
    @given(args=CLI[command](world, files))
    def call(args):
        check_cli(fuzz, args, writes=command in CLI_WRITES)

    call()
    if command == "init-db":
        assert check_cli(fuzz, ["init-db"], writes=False) == 0
    fuzz.finish()
    assert fuzz.refused


def test_fit_model_without_realised_loans_is_refused_and_writes_no_model(world):
    from app.scoring.scorecard import MODELS

    fuzz = Fuzz(writes=False)
    assert check_cli(fuzz, ["fit-model", "--version", "fuzz-never-written"], writes=False) == 2
    assert not (MODELS / "fuzz-never-written.json").exists()


def test_an_unknown_command_or_option_is_one_line(world):
    fuzz = Fuzz(writes=False)

    @settings(max_examples=examples(UNKNOWN_EXAMPLES), **FUZZ_SETTINGS)
    @given(args=st.lists(tokens, max_size=4).filter(lambda ts: not set(ts) & set(CLI)))
    def call(args):
        assert check_cli(fuzz, args, writes=False) in (0, 2)

    call()
    fuzz.finish()


def test_the_module_runs_ten_thousand_cases_in_the_default_profile():
    total = sum(e.n for e in SERVICES) + sum(CLI_EXAMPLES.values()) + UNKNOWN_EXAMPLES + 2
    assert total >= 10_000, total
