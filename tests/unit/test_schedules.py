"""Repayment schedules of the four methods (rules §2-§4), checked against hand calculations.

The golden loan: 10,000.00 credit at 0.0006/day drawn 2026-01-31 for 3 months, due
2026-02-28, 03-31, 04-30 (rules §3), i.e. periods of 28, 31 and 30 days, so
g_k = 0.0006 × days_k = 0.0168, 0.0186, 0.0180.
"""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

import numpy_financial as npf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.config import RepaymentMethod
from app.loans.terms import LoanTerms
from app.money import FEN
from app.schedules import Period, build_schedule, loan_periods, plan_installments
from app.schedules.equal_installment import level_amount

CREDIT_RATE = Decimal("0.0006")
ORDER_RATE = Decimal("0.0005")
P = Decimal("10000.00")
DRAWN = date(2026, 1, 31)


def rows(schedule):
    """(due date, principal, interest, total, balance after) per installment, as strings."""
    return [
        (str(i.due_date), str(i.principal), str(i.interest), str(i.total), str(i.balance_after))
        for i in schedule.installments
    ]


def thirty_day_periods(n, start=date(2026, 1, 1)):
    return [Period(start + timedelta(days=30 * k), start + timedelta(days=30 * (k + 1))) for k in range(n)]


def test_the_golden_loan_has_periods_of_28_31_and_30_days():
    periods = loan_periods(LoanTerms.of(RepaymentMethod.EQUAL_PRINCIPAL, months=3), DRAWN)
    assert [p.days for p in periods] == [28, 31, 30]
    assert [p.start for p in periods] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]


def test_a_bullet_charges_every_day_to_maturity_at_once():
    # One period 2026-01-31 → 2026-04-30 = 28 + 31 + 30 = 89 days; 10,000 × 0.0006 × 89 = 534.00.
    schedule = build_schedule(LoanTerms.of(RepaymentMethod.BULLET, months=3), P, CREDIT_RATE, DRAWN)
    assert rows(schedule) == [("2026-04-30", "10000.00", "534.00", "10534.00", "0.00")]


def test_interest_only_charges_each_month_its_actual_days_and_the_principal_last():
    # 10,000 × 0.0006 × 28 = 168.00; × 31 = 186.00; × 30 = 180.00; total 534.00 as for the bullet.
    schedule = build_schedule(LoanTerms.of(RepaymentMethod.INTEREST_ONLY, months=3), P, CREDIT_RATE, DRAWN)
    assert rows(schedule) == [
        ("2026-02-28", "0.00", "168.00", "168.00", "10000.00"),
        ("2026-03-31", "0.00", "186.00", "186.00", "10000.00"),
        ("2026-04-30", "10000.00", "180.00", "10180.00", "0.00"),
    ]
    assert schedule.total_interest == Decimal("534.00")


def test_equal_principal_pays_a_third_each_month_and_the_last_absorbs_the_rounding():
    # round(10,000 / 3) = 3,333.33 twice; the last 10,000 − 6,666.66 = 3,333.34.
    # Interest: 10,000 × 0.0168 = 168.00; 6,666.67 × 0.0186 = 124.000062 → 124.00;
    #           3,333.34 × 0.0180 = 60.00012 → 60.00.
    schedule = build_schedule(LoanTerms.of(RepaymentMethod.EQUAL_PRINCIPAL, months=3), P, CREDIT_RATE, DRAWN)
    assert rows(schedule) == [
        ("2026-02-28", "3333.33", "168.00", "3501.33", "6666.67"),
        ("2026-03-31", "3333.33", "124.00", "3457.33", "3333.34"),
        ("2026-04-30", "3333.34", "60.00", "3393.34", "0.00"),
    ]
    assert schedule.total_interest == Decimal("352.00")


def test_equal_principal_of_100_over_12_months_puts_the_remainder_in_the_last_installment():
    # round(100 / 12) = round(8.3333) = 8.33; 11 × 8.33 = 91.63; the last is 100 − 91.63 = 8.37.
    schedule = build_schedule(LoanTerms.of(RepaymentMethod.EQUAL_PRINCIPAL, months=12),
        Decimal("100.00"), CREDIT_RATE, DRAWN)
    parts = [i.principal for i in schedule.installments]
    assert parts == [Decimal("8.33")] * 11 + [Decimal("8.37")]


def test_equal_installment_pays_a_level_amount_on_actual_day_periods():
    # Π(1+g_k) = 1.0168 × 1.0186 × 1.018 = 1.03571248 × 1.018 = 1.05435530464
    # Σ_j Π_{k>j}(1+g_k) = 1 + 1.018 + 1.0186 × 1.018 = 1 + 1.018 + 1.0369348 = 3.0549348
    # A = 10,000 × 1.05435530464 / 3.0549348 = 3,451.3185… → 3,451.32
    # 1: interest 168.00, principal 3,451.32 − 168.00 = 3,283.32, balance 6,716.68
    # 2: interest 6,716.68 × 0.0186 = 124.930248 → 124.93, principal 3,326.39, balance 3,390.29
    # 3: interest 3,390.29 × 0.018 = 61.02522 → 61.03, principal 3,390.29, total 3,451.32 (= A here)
    periods = loan_periods(LoanTerms.of(RepaymentMethod.EQUAL_INSTALLMENT, months=3), DRAWN)
    assert level_amount(P, CREDIT_RATE, periods) == Decimal("3451.32")
    schedule = build_schedule(LoanTerms.of(RepaymentMethod.EQUAL_INSTALLMENT, months=3),
        P, CREDIT_RATE, DRAWN)
    assert rows(schedule) == [
        ("2026-02-28", "3283.32", "168.00", "3451.32", "6716.68"),
        ("2026-03-31", "3326.39", "124.93", "3451.32", "3390.29"),
        ("2026-04-30", "3390.29", "61.03", "3451.32", "0.00"),
    ]
    assert schedule.total_interest == Decimal("353.96")
    assert schedule.total_repayment == Decimal("10353.96")


def test_a_leap_year_draw_on_january_31_is_first_due_on_february_29():
    # Periods 2028-01-31 → 02-29 (29 days), → 03-31 (31), → 04-30 (30): g = 0.0174, 0.0186, 0.018.
    # Π(1+g) = 1.0174 × 1.0186 × 1.018 = 1.03632364 × 1.018 = 1.05497746552; Σ as above = 3.0549348
    # A = 10,549.7746552 / 3.0549348 = 3,453.355… → 3,453.36
    # 1: interest 10,000 × 0.0174 = 174.00, principal 3,279.36, balance 6,720.64
    # 2: interest 6,720.64 × 0.0186 = 125.003904 → 125.00, principal 3,328.36, balance 3,392.28
    # 3: interest 3,392.28 × 0.018 = 61.06104 → 61.06; the last pays 3,392.28 + 61.06 = 3,453.34,
    #    two fen under A: rounding, absorbed by the last installment.
    schedule = build_schedule(LoanTerms.of(RepaymentMethod.EQUAL_INSTALLMENT, months=3),
        P, CREDIT_RATE, date(2028, 1, 31))
    assert rows(schedule) == [
        ("2028-02-29", "3279.36", "174.00", "3453.36", "6720.64"),
        ("2028-03-31", "3328.36", "125.00", "3453.36", "3392.28"),
        ("2028-04-30", "3392.28", "61.06", "3453.34", "0.00"),
    ]
    # Interest-only over the same periods: 10,000 × 0.0006 × 29 = 174.00, then 186.00 and 180.00.
    interest_only = build_schedule(LoanTerms.of(RepaymentMethod.INTEREST_ONLY, months=3),
        P, CREDIT_RATE, date(2028, 1, 31))
    assert [str(i.interest) for i in interest_only.installments] == ["174.00", "186.00", "180.00"]


def test_the_worked_example_of_rules_2_costs_90_for_15_days():
    # 10,000.00 × 0.0006 × 15 days = 90.00 (the draw day counts, the repayment day does not).
    schedule = build_schedule(LoanTerms.of(RepaymentMethod.BULLET, days=15), P, CREDIT_RATE, DRAWN)
    assert rows(schedule) == [("2026-02-15", "10000.00", "90.00", "10090.00", "0.00")]
    [row] = plan_installments(RepaymentMethod.BULLET, P, CREDIT_RATE, [Period(DRAWN, DRAWN + timedelta(15))])
    assert row.interest == Decimal("90.00")


def test_an_order_loan_runs_30_days_by_default_at_the_order_rate():
    # 10,000 × 0.0005 × 30 = 150.00, due 2026-01-31 + 30 days = 2026-03-02.
    schedule = build_schedule(LoanTerms.of(RepaymentMethod.BULLET, days=30), P, ORDER_RATE, DRAWN)
    assert rows(schedule) == [("2026-03-02", "10000.00", "150.00", "10150.00", "0.00")]


@pytest.mark.parametrize(
    ("principal", "n"),
    [("10000.00", 3), ("10000.00", 12), ("100.00", 1), ("1000000.00", 12), ("123456.78", 6), ("5000.00", 9)],
)
def test_equal_installment_on_equal_periods_is_the_textbook_annuity(principal, n):
    # 30-day periods: g = 0.0006 × 30 = 0.018 each, so A = P·g(1+g)^n / ((1+g)^n − 1),
    # which numpy_financial.pmt computes (in floats, converted here through str and rounded).
    # E.g. 10,000 over 3: 10,000 × 0.018 × 1.054977832 / 0.054977832 = 3,454.0469 → 3,454.05.
    expected = Decimal(str(-npf.pmt(0.018, n, float(principal)))).quantize(FEN, rounding=ROUND_HALF_UP)
    periods = thirty_day_periods(n)
    assert level_amount(Decimal(principal), CREDIT_RATE, periods) == expected
    installments = plan_installments(
        RepaymentMethod.EQUAL_INSTALLMENT, Decimal(principal), CREDIT_RATE, periods
    )
    assert all(i.total == expected for i in installments[:-1])
    assert installments[-1].balance_after == Decimal("0.00")


def test_the_annuity_of_10000_over_3_equal_periods_is_3454_05():
    # (1.018)^3 = 1.054977832; 10,000 × 0.018 × 1.054977832 / 0.054977832 = 3,454.0469 → 3,454.05
    assert level_amount(P, CREDIT_RATE, thirty_day_periods(3)) == Decimal("3454.05")


@pytest.mark.parametrize(
    "start", [date(2026, 1, 31), date(2027, 8, 31), date(2028, 2, 29), date(2026, 5, 15)]
)
@pytest.mark.parametrize("months", [1, 3, 6, 9, 12])
@pytest.mark.parametrize("principal", ["100.00", "12345.67", "1000000.00"])
def test_equal_installment_on_calendar_months_ends_within_a_few_fen_of_the_level_amount(
    start, months, principal
):
    principal = Decimal(principal)
    periods = loan_periods(LoanTerms.of(RepaymentMethod.EQUAL_INSTALLMENT, months=months), start)
    amount = level_amount(principal, CREDIT_RATE, periods)
    installments = build_schedule(LoanTerms.of(RepaymentMethod.EQUAL_INSTALLMENT, months=months),
        principal, CREDIT_RATE, start).installments
    assert all(i.total == amount for i in installments[:-1])
    # Each earlier installment moves the final balance by at most 1 fen (½ from rounding A, ½ from
    # rounding its interest), grown by at most 1.0186^11 ≈ 1.22 until maturity; the last adds ½ fen.
    assert abs(installments[-1].total - amount) <= Decimal("0.0125") * months
    assert installments[-1].balance_after == Decimal("0.00")


METHODS = list(RepaymentMethod)


@st.composite
def loans(draw):
    principal = Decimal(draw(st.integers(min_value=10_000, max_value=100_000_000))) / 100
    method = draw(st.sampled_from(METHODS))
    start = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
    rate = draw(st.sampled_from([ORDER_RATE, CREDIT_RATE]))
    if method is RepaymentMethod.BULLET and draw(st.booleans()):
        return method, principal, rate, start, {"days": draw(st.integers(1, 30))}
    return method, principal, rate, start, {"months": draw(st.sampled_from([1, 3, 6, 9, 12]))}


@given(loans())
def test_every_schedule_repays_exactly_the_principal_and_never_goes_backwards(loan):
    method, principal, rate, start, term = loan
    schedule = build_schedule(LoanTerms.of(method, **term), principal, rate, start)
    installments = schedule.installments
    assert sum(i.principal for i in installments) == principal
    assert installments[-1].balance_after == Decimal("0.00")
    assert all(i.principal >= 0 and i.interest >= 0 for i in installments)
    balances = [principal] + [i.balance_after for i in installments]
    assert all(later <= earlier for earlier, later in pairwise(balances))
    assert all(i.total == i.principal + i.interest for i in installments)
    assert all(
        i.principal == i.principal.quantize(FEN) and i.interest == i.interest.quantize(FEN)
        for i in installments
    )
    assert [i.period for i in installments] == list(range(1, len(installments) + 1))
    assert schedule.total_repayment == principal + schedule.total_interest
