"""Payoff and allocation of payments (rules §2, §3, §5), checked against hand calculations.

Credit loans charge d = 0.0006 a day and penalty 1.5 × d = 0.0009 a day (rules §2, §7);
interest counts the draw day and not the repayment day (算头不算尾), except that principal
repaid on its draw day is charged one day.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.config import RepaymentMethod
from app.loans.allocation import (
    DueKind,
    allocate,
    amount_due,
    apply_payment,
    dues,
    payoff_amount,
)
from app.loans.state import (
    LoanState,
    days_past_due,
    new_loan,
    outstanding_principal,
    penalty_owed,
    recognised_interest,
    recognised_penalty,
)
from app.loans.terms import LoanTerms
from app.money import round_fen
from app.schedules import build_schedule

D = Decimal
CREDIT = D("0.0006")
ORDER = D("0.0005")
BULLET = RepaymentMethod.BULLET
INTEREST_ONLY = RepaymentMethod.INTEREST_ONLY
EQUAL_PRINCIPAL = RepaymentMethod.EQUAL_PRINCIPAL
EQUAL_INSTALLMENT = RepaymentMethod.EQUAL_INSTALLMENT
PENALTY, OVERDUE_INTEREST, OVERDUE_PRINCIPAL = (
    DueKind.PENALTY, DueKind.OVERDUE_INTEREST, DueKind.OVERDUE_PRINCIPAL)
INTEREST_TODAY, PRINCIPAL_TODAY = DueKind.INTEREST_DUE_TODAY, DueKind.PRINCIPAL_DUE_TODAY
ACCRUED, PREPAID = DueKind.ACCRUED_INTEREST, DueKind.PREPAID_PRINCIPAL


def loan(method, principal, start, *, rate=CREDIT, months=None, days=None) -> LoanState:
    return new_loan(LoanTerms.of(method, months=months, days=days),
        D(principal), rate, rate * D("1.5"), start)


def pay(state: LoanState, on: date, amount) -> LoanState:
    return apply_payment(state, on, D(amount))[0]


def pay_all(state: LoanState, payments) -> LoanState:
    for on, amount in payments:
        state = pay(state, on, amount)
    return state


def parts(allocation):
    """(kind, installment, amount) of each allocated piece, in order."""
    return [(p.kind, p.period, p.amount) for p in allocation.parts]


def owed(state: LoanState, on: date):
    return [(d.kind, d.period, d.amount) for d in dues(state, on)]


def fully_paid(state: LoanState, on: date) -> bool:
    return all(i.principal_unpaid == 0 and i.interest_unpaid == 0 and penalty_owed(state, i, on) == 0
               for i in state.installments)


# --- Rules §2 worked example ----------------------------------------------------------------

DRAWN = date(2026, 1, 1)
DAY_5, DAY_10, DAY_15 = (DRAWN + timedelta(days=n) for n in (5, 10, 15))


def worked_example() -> LoanState:
    """10,000.00 credit loan, bullet over 1 month (due 2026-02-01), drawn 2026-01-01."""
    return loan(BULLET, "10000.00", DRAWN, months=1)


def test_a_10000_credit_loan_repaid_after_15_days_costs_90():
    # 10,000 × 0.0006 × 15 days = 90.00
    assert payoff_amount(worked_example(), DAY_15) == D("10090.00")
    allocation = allocate(worked_example(), DAY_15, D("10090.00"))
    assert parts(allocation) == [(ACCRUED, 1, D("90.00")), (PREPAID, 1, D("10000.00"))]


def test_repaying_2000_on_days_5_and_10_and_the_rest_on_day_15_costs_72():
    state = worked_example()
    # Day 5: 10,000 × 0.0006 × 5 = 30.00 interest, then 2,000.00 principal.
    state, first = apply_payment(state, DAY_5, D("2030.00"))
    assert parts(first) == [(ACCRUED, 1, D("30.00")), (PREPAID, 1, D("2000.00"))]
    # Day 10: 8,000 × 0.0006 × 5 = 24.00 interest, then 2,000.00 principal.
    state, second = apply_payment(state, DAY_10, D("2024.00"))
    assert parts(second) == [(ACCRUED, 1, D("24.00")), (PREPAID, 1, D("2000.00"))]
    # Day 15: 6,000 × 0.0006 × 5 = 18.00 interest + 6,000.00 principal = 6,018.00.
    assert payoff_amount(state, DAY_15) == D("6018.00")
    state, last = apply_payment(state, DAY_15, D("6018.00"))
    assert parts(last) == [(ACCRUED, 1, D("18.00")), (PREPAID, 1, D("6000.00"))]
    # 30.00 + 24.00 + 18.00 = 72.00 interest in all, and nothing is left.
    assert first.interest + second.interest + last.interest == D("72.00")
    assert payoff_amount(state, DAY_15) == 0
    assert payoff_amount(state, state.installments[-1].due_date) == 0


def test_a_payment_smaller_than_the_accrued_interest_pays_only_interest_and_the_accrual_keeps_running():
    # Day 10 accrued: 10,000 × 0.0006 × 10 = 60.00; a payment of 50.00 leaves 10.00 of it.
    state, allocation = apply_payment(worked_example(), DAY_10, D("50.00"))
    assert parts(allocation) == [(ACCRUED, 1, D("50.00"))]
    assert payoff_amount(state, DAY_10) == D("10010.00")
    # Day 15: 10,000 × 0.0006 × 15 = 90.00, less the 50.00 paid = 40.00 still owed.
    assert payoff_amount(state, DAY_15) == D("10040.00")


# --- Same-day repayment (rules §2: the one exception) ----------------------------------------

@pytest.mark.parametrize(("principal", "rate", "payoff"), [
    ("10000.00", CREDIT, "10006.00"),   # 10,000 × 0.0006 × 1 = 6.00
    ("12345.67", CREDIT, "12353.08"),   # 12,345.67 × 0.0006 = 7.407402 → 7.41
    ("12345.67", ORDER, "12351.84"),    # 12,345.67 × 0.0005 = 6.172835 → 6.17
    ("100.00", ORDER, "100.05"),        # 100 × 0.0005 = 0.05
])
def test_repaying_on_the_draw_date_costs_one_day(principal, rate, payoff):
    for method, term in ((BULLET, {"days": 30}), (EQUAL_INSTALLMENT, {"months": 12})):
        state = loan(method, principal, DRAWN, rate=rate, **term)
        assert payoff_amount(state, DRAWN) == D(payoff)


def test_a_partial_repayment_on_the_draw_date_collects_the_one_day_first():
    # Paying 3,000.00 on the draw day: one day on 10,000 = 6.00, then 2,994.00 principal.
    state, allocation = apply_payment(worked_example(), DRAWN, D("3000.00"))
    assert parts(allocation) == [(ACCRUED, 1, D("6.00")), (PREPAID, 1, D("2994.00"))]
    # The draw day is paid for: the rest owes no more interest that day.
    assert payoff_amount(state, DRAWN) == D("7006.00")
    assert payoff_amount(state, DRAWN + timedelta(days=1)) == D("7006.00")
    # Day 10: 7,006 × 0.0006 × 9 (days 1..9) = 37.8324 → 37.83.
    # In all 6.00 + 37.83 = 43.83 = 2,994 × 1 day + 7,006 × 10 days = 1.7964 + 42.036, rounded.
    assert payoff_amount(state, DAY_10) == D("7043.83")


def test_after_a_draw_day_payoff_nothing_more_is_owed():
    state = pay(worked_example(), DRAWN, "10006.00")
    for later in (DRAWN, DRAWN + timedelta(days=1), date(2026, 2, 1), date(2026, 6, 1)):
        assert payoff_amount(state, later) == 0
        assert amount_due(state, later) == 0
        assert days_past_due(state, later) == 0
    assert fully_paid(state, date(2026, 2, 1))


# --- Payoff = what a payment of that amount clears -------------------------------------------

JAN31 = date(2026, 1, 31)

PAYOFF_CASES = {
    "bullet on day 15": (
        lambda: loan(BULLET, "10000.00", DRAWN, months=1), [], DAY_15),
    "order loan on its draw date": (
        lambda: loan(BULLET, "8888.88", DRAWN, rate=ORDER, days=30), [], DRAWN),
    "order loan 9 days overdue": (
        lambda: loan(BULLET, "8888.88", DRAWN, rate=ORDER, days=30), [], date(2026, 2, 9)),
    "equal installment, two paid, mid-period": (
        lambda: loan(EQUAL_INSTALLMENT, "250000.00", JAN31, months=12),
        "schedule:2", date(2026, 5, 17)),
    "equal principal, three overdue with penalty": (
        lambda: loan(EQUAL_PRINCIPAL, "6000.00", JAN31, months=6), [], date(2026, 5, 10)),
    "equal principal, partly paid overdue": (
        lambda: loan(EQUAL_PRINCIPAL, "6000.00", JAN31, months=6),
        [(date(2026, 3, 20), "700.00"), (date(2026, 4, 2), "0.01")], date(2026, 4, 30)),
    "interest only, long after maturity": (
        lambda: loan(INTEREST_ONLY, "999999.99", JAN31, months=3),
        [(date(2026, 2, 28), "100.00")], date(2026, 7, 4)),
    "bullet, partial payments after maturity": (
        lambda: loan(BULLET, "10000.07", DRAWN, months=1),
        [(date(2026, 2, 11), "4275.56"), (date(2026, 2, 15), "33.33")], date(2026, 2, 21)),
    "equal installment on a due date, last one overdue": (
        lambda: loan(EQUAL_INSTALLMENT, "10000.00", JAN31, months=3), [], date(2026, 4, 30)),
}


def payoff_case(name):
    build, payments, on = PAYOFF_CASES[name]
    state = build()
    if payments and isinstance(payments, str):  # "schedule:k": the first k installments on time
        count = int(payments.split(":")[1])
        schedule = build_schedule(LoanTerms.of(state.method, months=len(state.installments)),
            state.principal, state.daily_rate, state.start_date)
        payments = [(row.due_date, row.total) for row in schedule.installments[:count]]
    return pay_all(state, payments), on


@pytest.mark.parametrize("name", PAYOFF_CASES)
def test_paying_the_payoff_amount_clears_exactly_the_quote(name):
    state, on = payoff_case(name)
    payoff = payoff_amount(state, on)
    allocation = allocate(state, on, payoff)
    assert allocation.total() == payoff
    assert parts(allocation) == owed(state, on)
    after, applied = apply_payment(state, on, payoff)
    assert applied == allocation
    assert payoff_amount(after, on) == 0
    assert fully_paid(after, on)
    assert outstanding_principal(after) == 0
    assert payoff_amount(after, on + timedelta(days=1)) == 0
    assert payoff_amount(after, on + timedelta(days=400)) == 0


@pytest.mark.parametrize("name", PAYOFF_CASES)
def test_a_payment_above_the_payoff_amount_is_refused(name):
    state, on = payoff_case(name)
    with pytest.raises(ValueError, match="payoff"):
        allocate(state, on, payoff_amount(state, on) + D("0.01"))
    with pytest.raises(ValueError, match="payoff"):
        apply_payment(state, on, payoff_amount(state, on) + D("0.01"))


def test_a_closed_loan_refuses_even_a_fen():
    state = pay(worked_example(), DAY_15, "10090.00")
    with pytest.raises(ValueError):
        allocate(state, DAY_15, D("0.01"))


# --- Allocation order (rules §5) ---------------------------------------------------------------
# Equal principal 6,000.00 drawn 2026-01-31 for 6 months, nothing paid: 1,000.00 principal a month,
# due 02-28, 03-31, 04-30, 05-31, 06-30, 07-31. Interest (rules §4.3):
#   1: 6,000 × 0.0006 × 28 = 100.80   2: 5,000 × 0.0006 × 31 = 93.00   3: 4,000 × 0.0006 × 30 = 72.00


def six_month_equal_principal() -> LoanState:
    return loan(EQUAL_PRINCIPAL, "6000.00", JAN31, months=6)


APR30, MAY10 = date(2026, 4, 30), date(2026, 5, 10)


def test_on_a_due_date_the_dues_come_in_allocation_order():
    # 2026-04-30: installments 1, 2 overdue, 3 due today.
    # Penalty: 1,000 × 0.0009 × 61 (from 02-28) = 54.90; 1,000 × 0.0009 × 30 (from 03-31) = 27.00.
    # Interest on installment 4 from 04-30 to 04-30: 0 days, nothing.
    assert owed(six_month_equal_principal(), APR30) == [
        (PENALTY, 1, D("54.90")), (PENALTY, 2, D("27.00")),
        (OVERDUE_INTEREST, 1, D("100.80")), (OVERDUE_INTEREST, 2, D("93.00")),
        (OVERDUE_PRINCIPAL, 1, D("1000.00")), (OVERDUE_PRINCIPAL, 2, D("1000.00")),
        (INTEREST_TODAY, 3, D("72.00")), (PRINCIPAL_TODAY, 3, D("1000.00")),
        (PREPAID, 4, D("3000.00")),
    ]
    # 81.90 + 193.80 + 2,000 + 1,072.00 + 3,000 = 6,347.70; due now (no prepayment) 3,347.70.
    assert payoff_amount(six_month_equal_principal(), APR30) == D("6347.70")
    assert amount_due(six_month_equal_principal(), APR30) == D("3347.70")


def test_mid_period_the_accrued_interest_comes_after_the_overdue_and_before_the_prepayment():
    # 2026-05-10: installments 1-3 overdue (72, 40 and 10 days): penalty 63.90, 36.00, 9.00.
    # Accrued on the 3,000 not yet due since 04-30: 3,000 × 0.0006 × 10 = 18.00.
    assert owed(six_month_equal_principal(), MAY10) == [
        (PENALTY, 1, D("63.90")), (PENALTY, 2, D("36.00")), (PENALTY, 3, D("9.00")),
        (OVERDUE_INTEREST, 1, D("100.80")), (OVERDUE_INTEREST, 2, D("93.00")),
        (OVERDUE_INTEREST, 3, D("72.00")),
        (OVERDUE_PRINCIPAL, 1, D("1000.00")), (OVERDUE_PRINCIPAL, 2, D("1000.00")),
        (OVERDUE_PRINCIPAL, 3, D("1000.00")),
        (ACCRUED, 4, D("18.00")), (PREPAID, 4, D("3000.00")),
    ]
    # 108.90 + 265.80 + 3,000 + 18.00 = 3,392.70 clears all but the prepayment; 107.30 is prepaid.
    allocation = allocate(six_month_equal_principal(), MAY10, D("3500.00"))
    assert parts(allocation)[-2:] == [(ACCRUED, 4, D("18.00")), (PREPAID, 4, D("107.30"))]


@pytest.mark.parametrize(("amount", "expected"), [
    # Smaller than the oldest penalty: penalty only.
    ("50.00", [(PENALTY, 1, "50.00")]),
    # 54.90 + 27.00 of penalty, then 18.10 of the oldest overdue interest.
    ("100.00", [(PENALTY, 1, "54.90"), (PENALTY, 2, "27.00"), (OVERDUE_INTEREST, 1, "18.10")]),
    # 81.90 + 193.80 = 275.70; the rest 1,224.30 to overdue principal, oldest first.
    ("1500.00", [(PENALTY, 1, "54.90"), (PENALTY, 2, "27.00"),
                 (OVERDUE_INTEREST, 1, "100.80"), (OVERDUE_INTEREST, 2, "93.00"),
                 (OVERDUE_PRINCIPAL, 1, "1000.00"), (OVERDUE_PRINCIPAL, 2, "224.30")]),
    # 2,275.70 clears the overdue; 74.30 left: today's interest 72.00, then 2.30 of its principal.
    ("2350.00", [(PENALTY, 1, "54.90"), (PENALTY, 2, "27.00"),
                 (OVERDUE_INTEREST, 1, "100.80"), (OVERDUE_INTEREST, 2, "93.00"),
                 (OVERDUE_PRINCIPAL, 1, "1000.00"), (OVERDUE_PRINCIPAL, 2, "1000.00"),
                 (INTEREST_TODAY, 3, "72.00"), (PRINCIPAL_TODAY, 3, "2.30")]),
    # 3,347.70 clears everything due; 152.30 is a prepayment.
    ("3500.00", [(PENALTY, 1, "54.90"), (PENALTY, 2, "27.00"),
                 (OVERDUE_INTEREST, 1, "100.80"), (OVERDUE_INTEREST, 2, "93.00"),
                 (OVERDUE_PRINCIPAL, 1, "1000.00"), (OVERDUE_PRINCIPAL, 2, "1000.00"),
                 (INTEREST_TODAY, 3, "72.00"), (PRINCIPAL_TODAY, 3, "1000.00"),
                 (PREPAID, 4, "152.30")]),
])
def test_a_partial_payment_stops_at_the_right_place(amount, expected):
    allocation = allocate(six_month_equal_principal(), APR30, D(amount))
    assert parts(allocation) == [(kind, period, D(value)) for kind, period, value in expected]
    assert allocation.total() == D(amount)


def test_what_a_partial_payment_leaves_is_the_rest_of_the_same_list():
    state = six_month_equal_principal()
    after = pay(state, APR30, "1500.00")
    # 6,347.70 − 1,500.00 = 4,847.70; the next dollar goes to installment 2's principal (775.70 left).
    assert payoff_amount(after, APR30) == D("4847.70")
    assert owed(after, APR30)[0] == (OVERDUE_PRINCIPAL, 2, D("775.70"))


# --- Due dates (rules §3) ----------------------------------------------------------------------

def due_dates(state: LoanState):
    return [str(i.due_date) for i in state.installments]


def test_a_loan_drawn_on_the_31st_is_due_on_the_last_day_of_shorter_months():
    state = loan(EQUAL_PRINCIPAL, "3000.00", JAN31, months=3)
    assert due_dates(state) == ["2026-02-28", "2026-03-31", "2026-04-30"]
    # Periods run due to due with their actual days: 28, 31, 30.
    assert [(i.due_date - i.start_date).days for i in state.installments] == [28, 31, 30]


def test_due_dates_are_counted_from_the_draw_date_not_chained():
    state = loan(EQUAL_INSTALLMENT, "6000.00", JAN31, months=6)
    assert due_dates(state) == ["2026-02-28", "2026-03-31", "2026-04-30",
                                "2026-05-31", "2026-06-30", "2026-07-31"]


def test_in_a_leap_year_the_31_january_loan_is_due_on_29_february():
    state = loan(INTEREST_ONLY, "3000.00", date(2028, 1, 31), months=3)
    assert due_dates(state) == ["2028-02-29", "2028-03-31", "2028-04-30"]
    # 3,000 × 0.0006 × 29 = 52.20 for the leap February.
    assert state.installments[0].interest == D("52.20")


def test_a_bullet_over_months_is_due_on_the_last_monthly_date():
    assert due_dates(loan(BULLET, "1000.00", JAN31, months=1)) == ["2026-02-28"]
    assert due_dates(loan(BULLET, "1000.00", date(2027, 11, 30), months=3)) == ["2028-02-29"]


# --- Paying exactly the schedule on each due date -----------------------------------------------

SCHEDULE_LOANS = [
    (method, principal, start, months)
    for method in RepaymentMethod
    for principal, start, months in (("10000.00", JAN31, 3), ("123456.78", date(2027, 8, 31), 12))
]


@pytest.mark.parametrize(("method", "principal", "start", "months"), SCHEDULE_LOANS)
def test_paying_each_installment_on_its_due_date_pays_exactly_the_schedule(method, principal, start, months):
    schedule = build_schedule(LoanTerms.of(method, months=months), D(principal), CREDIT, start)
    state = loan(method, principal, start, months=months)
    for row in schedule.installments:
        assert amount_due(state, row.due_date) == row.total
        state, allocation = apply_payment(state, row.due_date, row.total)
        assert allocation.interest == row.interest
        assert allocation.principal == row.principal
        assert allocation.penalty == 0
        assert outstanding_principal(state) == row.balance_after
        assert days_past_due(state, row.due_date + timedelta(days=1)) == 0
    last = schedule.installments[-1].due_date
    assert payoff_amount(state, last) == 0
    assert payoff_amount(state, last + timedelta(days=1)) == 0
    assert fully_paid(state, last)


def test_an_order_loan_repaid_at_30_days_pays_its_schedule():
    # 8,888.88 × 0.0005 × 30 = 133.3332 → 133.33.
    state = loan(BULLET, "8888.88", DRAWN, rate=ORDER, days=30)
    assert str(state.installments[0].due_date) == "2026-01-31"
    assert amount_due(state, date(2026, 1, 31)) == D("9022.21")
    assert payoff_amount(pay(state, date(2026, 1, 31), "9022.21"), date(2026, 1, 31)) == 0


@pytest.mark.parametrize(("method", "principal", "start", "months"), SCHEDULE_LOANS)
def test_interest_recognised_on_each_due_date_is_the_interest_due_so_far(method, principal, start, months):
    schedule = build_schedule(LoanTerms.of(method, months=months), D(principal), CREDIT, start)
    unpaid = loan(method, principal, start, months=months)
    paid = unpaid
    assert recognised_interest(unpaid, start) == 0
    due_so_far = D("0.00")
    for row in schedule.installments:
        due_so_far += row.interest
        # Whether or not it has been paid, the interest due so far has been earned.
        assert recognised_interest(unpaid, row.due_date) == due_so_far
        assert recognised_interest(paid, row.due_date) == due_so_far
        paid = pay(paid, row.due_date, row.total)
        assert recognised_interest(paid, row.due_date) == due_so_far


def test_interest_recognised_mid_period_is_the_accrual_so_far():
    # Worked example: day 10, 10,000 × 0.0006 × 10 = 60.00; after paying 2,030.00 on day 5,
    # 30.00 collected + 8,000 × 0.0006 × 5 = 24.00 → 54.00.
    assert recognised_interest(worked_example(), DAY_10) == D("60.00")
    assert recognised_interest(pay(worked_example(), DAY_5, "2030.00"), DAY_10) == D("54.00")


# --- Property: random loans and payments ---------------------------------------------------------

@st.composite
def loans_and_payments(draw):
    method = draw(st.sampled_from(list(RepaymentMethod)))
    principal = D(draw(st.integers(10_000, 100_000_000))) / 100  # 100.00 .. 1,000,000.00
    months = draw(st.sampled_from([1, 3, 6, 9, 12]))
    start = draw(st.dates(date(2024, 1, 1), date(2030, 12, 31)))
    steps = draw(st.lists(st.tuples(st.integers(1, 120), st.integers(1, 1000)), max_size=8))
    first_gap = draw(st.integers(0, 40))
    steps = [(first_gap, steps[0][1]), *steps[1:]] if steps else []
    final_gap = draw(st.integers(0, 120))
    return loan(method, str(principal), start, months=months), steps, final_gap


@given(loans_and_payments())
def test_random_payments_keep_the_loan_consistent(case):
    state, steps, final_gap = case
    principal = state.principal
    on = state.start_date
    principal_paid = interest_paid = penalty_paid = D("0.00")
    for gap, thousandths in steps:
        on += timedelta(days=gap)
        payoff = payoff_amount(state, on)
        assert payoff >= 0
        if payoff == 0:
            break
        amount = min(payoff, max(D("0.01"), round_fen(payoff * thousandths / 1000)))
        state, allocation = apply_payment(state, on, amount)
        assert allocation.total() == amount
        principal_paid += allocation.principal
        interest_paid += allocation.interest
        penalty_paid += allocation.penalty
        # Principal parts always sum to P; nothing unpaid is negative.
        assert sum(i.principal for i in state.installments) == principal
        for inst in state.installments:
            assert inst.principal_unpaid >= 0 and inst.interest_unpaid >= 0
            assert inst.principal >= 0 and inst.interest >= 0
            assert penalty_owed(state, inst, on) >= 0
        assert principal_paid == principal - outstanding_principal(state)
        # A payment takes exactly its amount off the same day's payoff.
        assert payoff_amount(state, on) == payoff - amount
        assert payoff_amount(state, on + timedelta(days=1)) >= 0
    on += timedelta(days=final_gap)
    payoff = payoff_amount(state, on)
    if payoff:
        state, allocation = apply_payment(state, on, payoff)
        interest_paid += allocation.interest
        penalty_paid += allocation.penalty
    assert payoff_amount(state, on) == 0
    assert outstanding_principal(state) == 0
    assert fully_paid(state, on)
    assert sum(i.principal for i in state.installments) == principal
    # What the ledger recognised as earned (rules §8) is exactly what was charged and paid.
    for later in (on + timedelta(days=1), on + timedelta(days=90)):
        assert payoff_amount(state, later) == 0
        assert recognised_interest(state, later) == interest_paid
        assert recognised_penalty(state, later) == penalty_paid
