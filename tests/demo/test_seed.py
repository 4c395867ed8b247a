"""The demo seed (product §4): deterministic, every profile present, and a ledger
that reconciles after the seed and after `advance-days`.

The tests read one copy of the demo seeded once (`demo_db`, see conftest.py);
the same seed built through the `seed-demo` command in a subprocess checks
determinism, and the tests that move the platform forward do so on copies.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from statistics import mean

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from app.config import DEFAULT_CONFIG
from app.dates import add_months
from app.demo.platform import ORDINARY_SELLERS, PROFILE_LOGINS
from app.demo.seed import SeedSummary, loan_outcome
from app.demo.simulate import simulate_days
from app.eligibility.resident_id import age_on, birth_date_of
from app.passwords import verify_password
from app.services.end_of_day.reconcile import reconcile
from app.services.lending.availability import has_overdue_loan
from app.services.store.product_settings import loanable_funds
from app.services.store.settings import business_date
from db.engine import session_scope
from db.models import (
    BehaviourMetric,
    DailySales,
    DemoSellerProfile,
    EodRun,
    JournalLine,
    Loan,
    LoanInstallment,
    Order,
    Payment,
    Seller,
    SellerLimit,
    Shop,
    User,
)
from tests.demo.conftest import TODAY, SeededDemo, copy_database, drop_database, run_cli, start_cli, using


@dataclass(frozen=True)
class Seeded:
    url: str
    summary: SeedSummary


def fingerprint() -> dict:
    """What the same seed must reproduce: people, trade, loans, ledger."""
    with session_scope() as s:
        def rows(query):
            return [tuple(row) for row in s.exec(query).all()]

        return {
            "business_date": business_date(s),
            "sellers": rows(select(Seller.name, Seller.resident_id, Seller.phone, DemoSellerProfile.profile,
                                   DemoSellerProfile.quality, Seller.real_name_verified, Seller.blacklisted,
                                   Seller.platform_balance_fen)
                            .join(DemoSellerProfile, col(DemoSellerProfile.seller_id) == Seller.id)
                            .order_by(Seller.id)),
            "shops": rows(select(Shop.id, Shop.name, Shop.category, Shop.member_since).order_by(Shop.id)),
            "users": rows(select(User.username, User.role, User.seller_id).order_by(User.id)),
            "sales": rows(select(DailySales.shop_id, func.count(), func.sum(DailySales.sales_fen),
                                 func.sum(DailySales.refunds_fen), func.sum(DailySales.order_count))
                          .group_by(DailySales.shop_id).order_by(DailySales.shop_id)),
            "behaviour": rows(select(func.count(), func.sum(BehaviourMetric.ad_spend_fen),
                                     func.sum(BehaviourMetric.login_days))),
            "orders": rows(select(Order.shop_id, Order.status, Order.amount_fen, Order.paid_on,
                                  Order.confirm_on, Order.pledged_loan_id).order_by(Order.id)),
            "limits": rows(select(SellerLimit.seller_id, SellerLimit.rating, SellerLimit.credit_limit_fen,
                                  SellerLimit.advance_rate_e8, SellerLimit.decided_on)
                            .order_by(SellerLimit.id)),
            "loans": rows(select(Loan.seller_id, Loan.product, Loan.method, Loan.principal_fen,
                                 Loan.start_date, Loan.status, Loan.outstanding_fen, Loan.dpd, Loan.max_dpd,
                                 Loan.non_performing_since, Loan.interest_recognised_fen).order_by(Loan.id)),
            "payments": rows(select(Payment.loan_id, Payment.paid_on, Payment.source, Payment.amount_fen)
                             .order_by(Payment.id)),
            "ledger": rows(select(JournalLine.account, func.sum(JournalLine.debit_fen),
                                  func.sum(JournalLine.credit_fen))
                           .group_by(JournalLine.account).order_by(JournalLine.account)),
        }


@pytest.fixture(scope="module")
def seeded(demo_db: str, seeded_demo: SeededDemo) -> Seeded:
    """The module's copy of the seeded demo (DATABASE_URL points at it) and the seed's summary."""
    return Seeded(demo_db, seeded_demo.summary)


@pytest.fixture(scope="module")
def seeded_by_cli(database_template, seeded_demo: SeededDemo) -> Iterator[str]:
    """A copy of the same seed built through `python -m app seed-demo` in a subprocess."""
    assert seeded_demo.cli_url is not None and seeded_demo.cli_result is not None
    returncode, stdout, stderr = seeded_demo.cli_result
    assert returncode == 0, stderr
    assert len(stdout.strip().splitlines()) == 1
    url = copy_database(database_template, seeded_demo.cli_url)
    yield url
    drop_database(database_template, url)


def seller_of(profile: str) -> Seller:
    with session_scope() as s:
        return s.exec(select(Seller).join(DemoSellerProfile, col(DemoSellerProfile.seller_id) == Seller.id)
                      .where(DemoSellerProfile.profile == profile)).one()


def net_sales(shop_id: str, start: date, end: date) -> int:
    with session_scope() as s:
        return int(s.exec(select(func.coalesce(func.sum(DailySales.sales_fen - DailySales.refunds_fen), 0))
                          .where(DailySales.shop_id == shop_id, DailySales.day >= start,
                                 DailySales.day < end)).one())


def shop_of(seller: Seller) -> Shop:
    with session_scope() as s:
        return s.exec(select(Shop).where(Shop.seller_id == seller.id)).one()


# --- determinism and the ledger ------------------------------------------------------------------


@pytest.mark.slow
def test_the_same_seed_builds_the_same_platform(seeded, seeded_by_cli):
    by_function = fingerprint()
    with using(seeded_by_cli):
        by_cli = fingerprint()
    assert by_function["loans"]  # not trivially equal
    for part in by_function:
        assert by_cli[part] == by_function[part], part


def test_the_ledger_reconciles_after_the_seed(seeded):
    report = reconcile()
    assert report.ok, report.problems[:10]
    assert report.loans_checked == seeded.summary.loans


def test_the_business_date_is_today_and_the_lender_has_its_default_capital(seeded):
    with session_scope() as s:
        assert business_date(s) == TODAY
        assert loanable_funds(s) == DEFAULT_CONFIG.registered_capital + DEFAULT_CONFIG.bank_credit_lines
        eod_days = s.exec(select(EodRun.business_date).where(EodRun.status == "completed")).all()
    assert max(eod_days) == TODAY - timedelta(days=1)  # statuses are current as of today


def test_the_summary_counts_what_is_in_the_database(seeded):
    summary = seeded.summary
    with session_scope() as s:
        sellers = len(PROFILE_LOGINS) + ORDINARY_SELLERS
        assert summary.sellers == s.exec(select(func.count()).select_from(Seller)).one() == sellers
        assert summary.orders == s.exec(select(func.count()).select_from(Order)).one()
        assert summary.loans == s.exec(select(func.count()).select_from(Loan)).one()
        assert summary.bad_loans == s.exec(select(func.count()).select_from(Loan)
                                           .where(col(Loan.max_dpd) > 30)).one()
        assert summary.realised_loans == s.exec(select(func.count()).select_from(Loan).where(
            (Loan.status == "closed") | (col(Loan.max_dpd) > 30))).one()
    assert sum(summary.loans_by_outcome.values()) == summary.loans
    assert summary.business_date == TODAY
    assert f"{sellers} sellers" in summary.line()


# --- sellers, shops, trade -----------------------------------------------------------------------------


def test_sellers_have_valid_resident_ids_aged_25_to_55_and_phone_numbers(seeded):
    with session_scope() as s:
        sellers = s.exec(select(Seller)).all()
        qualities = s.exec(select(DemoSellerProfile.quality)).all()
    assert len({seller.resident_id for seller in sellers}) == len(sellers)
    for seller in sellers:
        assert 25 <= age_on(birth_date_of(seller.resident_id), TODAY) <= 55
        assert len(seller.phone) == 11 and seller.phone.startswith("1")
    assert len(qualities) == len(sellers) and all(0 <= quality <= 100 for quality in qualities)
    assert sum(seller.real_name_verified for seller in sellers) >= 0.9 * len(sellers)


def test_every_seller_has_a_shop_and_a_seller_login_without_password(seeded):
    with session_scope() as s:
        shops = s.exec(select(Shop).order_by(Shop.id)).all()
        users = {u.seller_id: u for u in s.exec(select(User).where(User.role == "seller")).all()}
        sellers = s.exec(select(func.count()).select_from(Seller)).one()
    assert [shop.id for shop in shops] == [f"SHOP{i:04d}" for i in range(1, sellers + 1)]
    assert {shop.category for shop in shops} <= {"apparel", "electronics", "home", "food", "beauty", "toys"}
    demo = {login.shop_id: login for login in seeded.summary.logins if login.shop_id}
    for shop in shops:
        user = users[shop.seller_id]
        expected = demo[shop.id].username if shop.id in demo else shop.id.lower()
        assert user.username == expected
        assert (user.password_hash is not None) == (shop.id in demo)


def test_the_demo_logins_sign_in_with_their_documented_passwords(seeded):
    logins = {login.username: login for login in seeded.summary.logins}
    names = ("demo", "seller2", "seller3", "seller4", "seller5", "seller6")
    assert [logins[name].profile for name in names] == [
        "strong", "average", "new_shop", "declining", "overdue", "blacklisted"]
    with session_scope() as s:
        for login in seeded.summary.logins:
            user = s.exec(select(User).where(User.username == login.username)).one()
            assert user.role == login.role
            assert verify_password(login.password, user.password_hash)
        demo = s.exec(select(User).where(User.username == "demo")).one()
        assert not verify_password("demo12345", demo.password_hash)
    assert (logins["risk"].password, logins["admin"].password) == ("risk1234", "admin1234")
    assert logins["demo"].password == "demo1234"


def test_eighteen_months_of_daily_sales_up_to_yesterday(seeded):
    start = add_months(TODAY, -18)
    with session_scope() as s:
        first, last = s.exec(select(func.min(DailySales.day), func.max(DailySales.day))).one()
        strong_days = s.exec(select(func.count()).select_from(DailySales)
                             .where(DailySales.shop_id == "SHOP0001")).one()
        repeat_ok = s.exec(select(func.count()).select_from(DailySales).where(
            col(DailySales.repeat_buyer_count) > col(DailySales.buyer_count))).one()
        months = s.exec(select(func.count()).select_from(BehaviourMetric)
                        .where(BehaviourMetric.shop_id == "SHOP0001")).one()
    assert (first, last) == (start, TODAY - timedelta(days=1))
    assert strong_days == (TODAY - start).days
    assert repeat_ok == 0
    assert months == 18  # monthly behaviour metrics of every complete month


def test_orders_in_every_state(seeded):
    with session_scope() as s:
        statuses = dict(s.exec(select(Order.status, func.count()).group_by(Order.status)).all())
        future = s.exec(select(func.count()).select_from(Order).where(
            Order.status == "shipped", col(Order.confirm_on) >= TODAY)).one()
        stale = s.exec(select(func.count()).select_from(Order).where(
            Order.status == "shipped", col(Order.confirm_on) < TODAY)).one()
        oldest_paid = s.exec(select(func.min(Order.paid_on)).where(Order.status == "paid")).one()
    assert {"paid", "shipped", "settled", "refunded"} <= set(statuses)
    assert future > 0
    assert stale == 0  # every order whose buyer confirmed has settled
    assert oldest_paid >= TODAY - timedelta(days=50)


def test_todays_limits_come_from_rating_decisions_and_follow_the_bands(seeded):
    bands = {band.name: band for band in DEFAULT_CONFIG.bands}
    with session_scope() as s:
        limits = s.exec(select(SellerLimit).where(SellerLimit.decided_on == TODAY,
                                                  SellerLimit.credit_limit_fen > 0)).all()
    assert len(limits) == seeded.summary.sellers_with_limits >= 30
    assert {limit.source for limit in limits} == {"pre_approval"}
    first = add_months(TODAY.replace(day=1), -6)
    for limit in limits:
        band = bands[limit.rating]
        assert limit.advance_rate_e8 == int(band.advance_rate * 10**8)
        with session_scope() as s:
            shop = s.exec(select(Shop).where(Shop.seller_id == limit.seller_id)).one()
        average = Decimal(net_sales(shop.id, first, TODAY.replace(day=1)) // 6) / 100
        expected = min((average * band.credit_multiple / 1000).to_integral_value(ROUND_DOWN) * 1000,
                       Decimal(1_000_000))
        assert limit.credit_limit_fen == int(expected * 100)
        assert limit.credit_limit_fen % 100_000 == 0 and limit.credit_limit_fen <= 100_000_000


# --- the profiles of product §4 ------------------------------------------------------------------------


def test_the_strong_seller_is_rated_highly_with_years_of_rising_sales(seeded):
    seller = seller_of("strong")
    shop = shop_of(seller)
    assert shop.id == "SHOP0001"
    assert shop.member_since <= add_months(TODAY, -36)
    with session_scope() as s:
        limit = s.exec(select(SellerLimit).where(SellerLimit.seller_id == seller.id)
                       .order_by(col(SellerLimit.id).desc())).first()
        loans = s.exec(select(Loan).where(Loan.seller_id == seller.id)).all()
        outcomes = {loan_outcome(loan) for loan in loans}
    assert limit.rating in ("AA", "AAA") and limit.decided_on == TODAY
    recent = net_sales(shop.id, add_months(TODAY, -6), TODAY)
    early = net_sales(shop.id, add_months(TODAY, -18), add_months(TODAY, -12))
    assert recent > 1.3 * early
    assert outcomes <= {"on_time", "open"} and "open" in outcomes  # a clean record and a loan running now


def test_the_average_seller_has_a_middling_rating(seeded):
    seller = seller_of("average")
    with session_scope() as s:
        limit = s.exec(select(SellerLimit).where(SellerLimit.seller_id == seller.id,
                                                 SellerLimit.decided_on == TODAY)).one()
    assert limit.rating in ("A", "BBB")
    assert not seller.blacklisted


def test_the_new_shop_is_three_months_old_and_has_no_limit(seeded):
    seller = seller_of("new_shop")
    shop = shop_of(seller)
    assert add_months(TODAY, -6) < shop.member_since <= add_months(TODAY, -3)
    with session_scope() as s:
        in_force = s.exec(select(SellerLimit).where(SellerLimit.seller_id == seller.id)).all()
        assert [(limit.source, limit.credit_limit_fen) for limit in in_force] == [("pre_approval", 0)]
        assert s.exec(select(func.count()).select_from(Loan).where(Loan.seller_id == seller.id)).one() == 0


def test_the_declining_sellers_last_three_months_are_well_below_the_three_before(seeded):
    shop = shop_of(seller_of("declining"))
    last = net_sales(shop.id, TODAY - timedelta(days=90), TODAY)
    before = net_sales(shop.id, TODAY - timedelta(days=180), TODAY - timedelta(days=90))
    assert last < 0.6 * before
    last_30 = net_sales(shop.id, TODAY - timedelta(days=30), TODAY) / 30
    prior_90 = net_sales(shop.id, TODAY - timedelta(days=120), TODAY - timedelta(days=30)) / 90
    assert last_30 <= 0.5 * prior_90  # a monitoring warning once monitoring exists (rules §9)


def test_the_overdue_borrower_has_an_installment_past_due(seeded):
    seller = seller_of("overdue")
    with session_scope() as s:
        assert has_overdue_loan(s, seller.id, TODAY)
        loan = s.exec(select(Loan).where(Loan.seller_id == seller.id, Loan.status == "open")).one()
        overdue = s.exec(select(LoanInstallment).where(LoanInstallment.loan_id == loan.id,
                                                       LoanInstallment.status == "overdue")).all()
    assert loan.product == "credit"
    assert 1 <= loan.dpd <= 30 and loan.non_performing_since is None
    assert overdue and all(i.due_date < TODAY for i in overdue)
    assert not seller.blacklisted


def test_the_blacklisted_defaulter_has_a_non_performing_loan(seeded):
    seller = seller_of("blacklisted")
    assert seller.blacklisted and seller.blacklisted_on is not None
    with session_scope() as s:
        loans = s.exec(select(Loan).where(Loan.seller_id == seller.id, Loan.status == "open")).all()
    assert any(loan.dpd > 90 and loan.non_performing_since is not None for loan in loans)


def test_another_defaulter_is_on_a_recovery_plan(seeded):
    with session_scope() as s:
        recovered = s.exec(select(Loan).where(Loan.closed_as == "recovery")).all()
        plans = s.exec(select(Loan).where(Loan.product == "recovery", Loan.status == "open")).all()
    assert recovered and all(loan.max_dpd > 90 for loan in recovered)  # rules §9: defaulted loans only
    assert len(plans) == 1 and plans[0].seller_id == recovered[0].seller_id != seller_of("blacklisted").id


def test_past_loans_have_realised_outcomes_that_follow_quality(seeded):
    outcomes = seeded.summary.loans_by_outcome
    assert seeded.summary.past_loans >= 900
    assert outcomes["on_time"] >= 600 and outcomes["late"] >= 100 and outcomes["defaulted"] >= 5
    with session_scope() as s:
        rows = s.exec(select(Loan, DemoSellerProfile.quality)
                      .join(DemoSellerProfile, col(DemoSellerProfile.seller_id) == Loan.seller_id)).all()
        products = {loan.product for loan, _ in rows}
        non_performing_sellers = s.exec(select(Loan.seller_id).where(
            col(Loan.non_performing_since).is_not(None))).all()
        blacklisted = set(s.exec(select(Seller.id).where(col(Seller.blacklisted))).all())
    by_outcome: dict[str, list[int]] = {}
    for loan, quality in rows:
        by_outcome.setdefault(loan_outcome(loan), []).append(quality)
    assert mean(by_outcome["defaulted"]) < mean(by_outcome["late"]) < mean(by_outcome["on_time"])
    assert products == {"order", "credit", "recovery"}
    assert set(non_performing_sellers) == blacklisted  # > 90 DPD → blacklisted (rules §9)


# --- time travel -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_advance_days_is_deterministic_and_the_ledger_still_reconciles(demo_copy, database_template,
                                                                        seeded_demo):
    """Two copies of the demo move forward five days, one through the function and one
    through the command (at the same time); the second then goes on to 30 days."""
    other = copy_database(database_template, seeded_demo.url)
    try:
        process = start_cli(other, "advance-days", "5", "--seed", "3")
        with using(demo_copy):
            reports = simulate_days(5, 3)
            assert [r.day for r in reports] == [TODAY + timedelta(days=k) for k in range(5)]
            assert sum(r.orders_settled for r in reports) > 0 and sum(r.orders_placed for r in reports) > 0
            by_function = fingerprint()
            assert by_function["business_date"] == TODAY + timedelta(days=5)
            assert reconcile().ok
        stdout, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
        assert f"business date now {TODAY + timedelta(days=5)}" in stdout
        with using(other):
            by_cli = fingerprint()
        for part in by_function:
            assert by_cli[part] == by_function[part], part

        result = run_cli(other, "advance-days", "25", "--seed", "3")
        assert result.returncode == 0, result.stderr
        assert f"business date now {TODAY + timedelta(days=30)}" in result.stdout
        with using(other):
            report = reconcile()
            assert report.ok, report.problems[:10]
            seller = seller_of("overdue")
            with session_scope() as s:
                assert has_overdue_loan(s, seller.id, TODAY + timedelta(days=30))  # it stays overdue
    finally:
        drop_database(database_template, other)
