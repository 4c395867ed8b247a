"""The back-office services (issue #10 item 5): who may use them, the product settings with
their checks and trail, new draws at new rates while open loans keep theirs, collections'
arrears and contact log, and the portfolio's NPL ratio and DPD distribution checked against
figures computed independently, loan by loan, from the loans table."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import col, select

from app.errors import ContactRefused, PermissionDenied, SettingRefused
from app.loans.state import days_past_due
from app.money import from_fen
from app.services.access.actor import ADMIN, RISK, Actor
from app.services.back_office.overview import staff_overview
from app.services.back_office.portfolio import portfolio
from app.services.credit.model_report import model_report_page
from app.services.credit.review import review_cases
from app.services.end_of_day.run import run_end_of_day
from app.services.end_of_day.status import eod_status
from app.services.lending.draws import draw_credit_loan
from app.services.lending.loan_views import credit_draw_quote
from app.services.risk_ops.collections import collections, contact_log, log_contact
from app.services.store import loan_store
from app.services.store.product_settings import (
    change_settings,
    effective_config,
    loanable_funds,
    product_settings,
)
from app.services.store.settings import business_date
from db.convert import rate_from_e8
from db.engine import session_scope
from db.models import Loan, SettingsChange
from tests.services.conftest import START, add_seller, staff_login, table_digests


def staff(role: str) -> Actor:
    return staff_login(f"{role}_user", role)


def draw(actor: Actor, shop_id: str, amount: str = "5000.00", months: int = 1, key: str = "k") -> int:
    return draw_credit_loan(actor, shop_id=shop_id, amount=amount, months=months, method="bullet",
                            idempotency_key=f"{key}-{actor.seller_id}-{amount}").id


READS = [collections, portfolio, model_report_page, eod_status, staff_overview, review_cases,
         product_settings, lambda a: contact_log(a, 1)]


# --- who may use them ---------------------------------------------------------------------------


@pytest.mark.parametrize("read", READS)
def test_a_seller_is_refused_every_back_office_read(book, read):
    with pytest.raises(PermissionDenied):
        read(book.seller)


def test_a_seller_cannot_log_a_contact_or_change_settings_whatever_ids_they_pass(book):
    own = draw(book.seller, book.shop_id)
    before = table_digests()
    for loan_id in (own, own + 1, 0, -1):
        with pytest.raises(PermissionDenied):
            log_contact(book.seller, loan_id, note="I called myself")
    with pytest.raises(PermissionDenied):
        change_settings(book.seller, {"credit_daily_rate": "0.0001"})
    assert table_digests() == before


def test_a_risk_officer_reads_the_back_office_but_cannot_see_or_change_settings(book):
    risk = staff(RISK)
    for read in READS[:-2]:
        read(risk)
    before = table_digests()
    with pytest.raises(PermissionDenied):
        product_settings(risk)
    with pytest.raises(PermissionDenied):
        change_settings(risk, {"credit_daily_rate": "0.0001"})
    assert table_digests() == before


# --- settings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "value"), [
    ("credit_daily_rate", "0"), ("credit_daily_rate", "0.0011"), ("credit_daily_rate", "-0.0005"),
    ("credit_daily_rate", "abc"), ("credit_daily_rate", "0.0000005"), ("order_daily_rate", "NaN"),
    ("order_daily_rate", "1e999999"), ("penalty_multiplier", "１.４"),
    ("band_cut_offs", "8e2, 750, 700, 650, 6e2x"),
    ("penalty_multiplier", "1.6"), ("penalty_multiplier", "1.2"), ("credit_term_months", "2, 3"),
    ("credit_term_months", ""), ("credit_term_months", "3, 3"), ("band_cut_offs", "800, 750, 760, 650, 600"),
    ("band_cut_offs", "800, 750, 700, 650"), ("band_cut_offs", "800, 750, 700, 650, 580"),
    ("credit_multiples", "3, 2.5, 2.6, 1.5, 1"), ("advance_rates", "1.1, 0.95, 0.9, 0.8, 0.7"),
    ("registered_capital", "0"), ("registered_capital", "lots"), ("bank_credit_lines", "800000000.01"),
    ("no_such_setting", "1"),
])
def test_a_value_out_of_range_is_refused_and_nothing_is_written(book, name, value):
    admin = staff(ADMIN)
    before = table_digests()
    with pytest.raises(SettingRefused):
        change_settings(admin, {name: value})
    assert table_digests() == before


def test_bank_lines_are_checked_against_the_new_capital_in_the_same_change(book):
    admin = staff(ADMIN)
    with pytest.raises(SettingRefused, match="more than 50 %"):
        change_settings(admin, {"registered_capital": "1000000", "bank_credit_lines": "600000"})
    change_settings(admin, {"registered_capital": "1000000", "bank_credit_lines": "500000"})
    with session_scope() as session:
        assert loanable_funds(session) == Decimal("1500000.00")


def test_every_change_is_in_the_trail_with_who_when_old_and_new(book):
    admin = staff(ADMIN)
    assert change_settings(admin, {"credit_daily_rate": "0.0006"}) == ()  # unchanged: no trail row
    change_settings(admin, {"credit_daily_rate": "0.0007", "band_cut_offs": "810,760,700,650,600"})
    change_settings(admin, {"credit_daily_rate": "0.00065"})
    trail = product_settings(admin).trail
    assert [(c.name, c.old_value, c.new_value, c.changed_by, c.business_date) for c in trail] == [
        ("credit_daily_rate", "0.0007", "0.00065", "admin_user", START),
        ("band_cut_offs", "800, 750, 700, 650, 600", "810, 760, 700, 650, 600", "admin_user", START),
        ("credit_daily_rate", "0.0006", "0.0007", "admin_user", START)]
    shown = {row.name: (row.value, row.default) for row in product_settings(admin).settings}
    assert shown["credit_daily_rate"] == ("0.00065", "0.0006")
    with session_scope() as session:
        assert [b.min_score for b in effective_config(session).bands] == [810, 760, 700, 650, 600]


def test_the_trail_is_append_only(book):
    change_settings(staff(ADMIN), {"penalty_multiplier": "1.4"})
    with pytest.raises(RuntimeError, match="append-only"), session_scope() as session:
        row = session.exec(select(SettingsChange)).one()
        row.new_value = "1.3"
        session.add(row)
    with pytest.raises(RuntimeError, match="append-only"), session_scope() as session:
        session.delete(session.exec(select(SettingsChange)).one())
    with session_scope() as session:
        assert session.exec(select(SettingsChange.new_value)).all() == ["1.4"]


def test_a_new_draw_uses_the_new_rate_while_an_open_loan_keeps_its_own(book):
    admin = staff(ADMIN)
    old = draw(book.seller, book.shop_id, "10000.00", months=3)
    change_settings(admin, {"credit_daily_rate": "0.0004", "penalty_multiplier": "1.3"})
    assert credit_draw_quote("10000.00", 3, "bullet").daily_rate == Decimal("0.0004")
    new = draw(book.other, book.other_shop_id, "10000.00", months=3)
    run_end_of_day(book.system, until=START + timedelta(days=10))
    with session_scope() as session:
        loans = {loan.id: loan for loan in session.exec(select(Loan).where(col(Loan.id).in_([old, new])))}
        rates = {i: (rate_from_e8(loan.daily_rate_e8), rate_from_e8(loan.penalty_rate_e8))
                 for i, loan in loans.items()}
        interest = {i: loan_store.get(session, i).state().installments[0].interest for i in loans}
    assert rates == {old: (Decimal("0.0006"), Decimal("0.0009")),
                     new: (Decimal("0.0004"), Decimal("0.00052"))}
    days = (loans[old].maturity_date - START).days
    assert interest == {old: Decimal("10000.00") * Decimal("0.0006") * days,
                        new: Decimal("10000.00") * Decimal("0.0004") * days}


def test_a_term_no_longer_offered_is_refused_for_a_new_draw(book):
    change_settings(staff(ADMIN), {"credit_term_months": "1, 3, 6"})
    before = table_digests()
    with pytest.raises(SettingRefused, match="1, 3, 6 months; you chose 12"):
        draw(book.seller, book.shop_id, months=12)
    assert table_digests() == before


# --- collections and the portfolio on a book with loans in three buckets ---------------------------


@pytest.fixture
def aged_book(book):
    """Seller 1: 5,000.00 drawn on START, never repaid (> 90 DPD by the end); seller 2: 8,000.00
    drawn on day 70 (1-30 DPD); seller 3: 2,000.00 drawn on the last day (current)."""
    first = draw(book.seller, book.shop_id, "5000.00")
    run_end_of_day(book.system, until=START + timedelta(days=69))
    second = draw(book.other, book.other_shop_id, "8000.00")
    run_end_of_day(book.system, until=START + timedelta(days=129))
    with session_scope() as session:
        third_seller, third_shop, _ = add_seller(session, 3, 5_000_000, "0.9")
    third = draw(third_seller, third_shop, "2000.00")
    return first, second, third


def engine_buckets(today: date) -> dict[str, tuple[int, Decimal]]:
    """Loans and outstanding per bucket, worked out here from each open loan's engine state."""
    edges = [(0, 0, "current"), (1, 30, "1-30"), (31, 60, "31-60"), (61, 90, "61-90"), (91, 10**6, ">90")]
    found = {label: (0, Decimal("0.00")) for _, _, label in edges}
    with session_scope() as session:
        for loan in session.exec(select(Loan).where(Loan.status == "open")):
            dpd = days_past_due(loan_store.get(session, loan.id).state(today), today)
            label = next(name for low, high, name in edges if low <= dpd <= high)
            count, amount = found[label]
            found[label] = (count + 1, amount + from_fen(loan.outstanding_fen))
    return found


def test_the_portfolio_matches_figures_computed_from_the_loans_table(aged_book):
    risk = staff(RISK)
    book = portfolio(risk)
    assert book.today == START + timedelta(days=130)
    assert {b.bucket: (b.loans, b.outstanding) for b in book.dpd} == engine_buckets(book.today)
    assert [(b.bucket, b.loans) for b in book.dpd if b.loans] == [("current", 1), ("1-30", 1), (">90", 1)]
    assert book.outstanding == Decimal("15000.00")
    assert book.npl_ratio == Decimal("5000.00") / Decimal("15000.00")
    assert (book.loans, book.disbursed, book.average_ticket) == (3, Decimal("15000.00"), Decimal("5000.00"))
    assert book.interest_income > 0 and book.penalty_income > 0
    assert staff_overview(risk).in_collections == 2


def test_collections_show_the_engines_arrears_and_keep_a_contact_log(aged_book):
    first, second, _ = aged_book
    risk = staff(RISK)
    listed = collections(risk)
    assert [(r.loan_id, r.bucket) for r in listed.loans] == [(first, ">90"), (second, "1-30")]
    worst = listed.in_bucket(">90")[0]
    with session_scope() as session:
        today = business_date(session)
        state = loan_store.get(session, first).state(today)
    assert worst.days_late == days_past_due(state, today) == 130 - (date(2026, 4, 2) - START).days
    assert worst.overdue_principal == Decimal("5000.00")
    assert worst.overdue_interest == state.installments[0].interest_unpaid
    assert worst.penalty > 0
    assert worst.arrears == worst.overdue_principal + worst.overdue_interest + worst.penalty
    before = table_digests()
    for bad in ({"note": "  "}, {"note": "called", "promise_date": today - timedelta(days=1)},
                {"note": "called", "promise_date": today + timedelta(days=91)}):
        with pytest.raises(ContactRefused):
            log_contact(risk, first, **bad)
    assert table_digests() == before
    log_contact(risk, first, note="Seller will pay half on Friday", promise_date=today + timedelta(days=3))
    logged = [(c.note, c.by) for c in contact_log(risk, first)]
    assert logged == [("Seller will pay half on Friday", "risk_user")]
    assert collections(risk).in_bucket(">90")[0].last_contact.promise_date == today + timedelta(days=3)
