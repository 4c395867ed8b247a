"""Overdue, penalty interest, days past due and non-performing loans (rules §7).

Credit loans: d = 0.0006 a day, penalty 1.5 × d = 0.0009 a day on the unpaid principal U of an
overdue installment, for (t − due).days days, piece by piece as U changes, rounded when charged.
"""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.config import RepaymentMethod
from app.loans.allocation import DueKind, allocate, amount_due, apply_payment, dues, payoff_amount, reproject
from app.loans.state import (
    LoanState,
    accrued_interest_owed,
    days_past_due,
    is_overdue,
    new_loan,
    penalty_owed,
    recognised_penalty,
)
from app.loans.terms import LoanTerms

D = Decimal
CREDIT = D("0.0006")
PENALTY_RATE = CREDIT * D("1.5")  # 0.0009
DRAWN = date(2026, 1, 1)
DUE = date(2026, 2, 1)  # a 1-month bullet drawn 2026-01-01
JAN31 = date(2026, 1, 31)


def loan(method, principal, start, months) -> LoanState:
    return new_loan(LoanTerms.of(method, months=months), D(principal), CREDIT, PENALTY_RATE, start)


def bullet(principal="10000.00") -> LoanState:
    return loan(RepaymentMethod.BULLET, principal, DRAWN, 1)


def six_month_equal_principal() -> LoanState:
    """6,000.00 drawn 2026-01-31: 1,000.00 principal due 02-28, 03-31, 04-30, 05-31, 06-30, 07-31;
    interest 100.80, 93.00, 72.00, 55.80, 36.00, 18.60 (5,000 × 0.0006 × 31 = 93.00, ...)."""
    return loan(RepaymentMethod.EQUAL_PRINCIPAL, "6000.00", JAN31, 6)


def pay(state: LoanState, on: date, amount) -> LoanState:
    return apply_payment(state, on, D(amount))[0]


def day(n: int) -> date:
    """The bullet's due date + n days."""
    return DUE + timedelta(days=n)


def penalty(state: LoanState, on: date, period: int = 1) -> Decimal:
    return penalty_owed(state, state.installments[period - 1], on)


def kinds(state: LoanState, on: date):
    return {d.kind for d in dues(state, on)}


# --- Overdue from the day after the due date -------------------------------------------------

def test_an_installment_unpaid_on_its_due_date_is_not_yet_overdue_that_day():
    state = bullet()
    assert days_past_due(state, DUE) == 0
    assert not is_overdue(state, DUE)
    assert penalty(state, DUE) == 0
    # 10,000 × 0.0006 × 31 = 186.00 interest, plus the principal, due today.
    assert amount_due(state, DUE) == D("10186.00")
    assert kinds(state, DUE) == {DueKind.INTEREST_DUE_TODAY, DueKind.PRINCIPAL_DUE_TODAY}


def test_it_is_overdue_from_the_next_day_with_one_day_of_penalty():
    state = bullet()
    assert days_past_due(state, day(1)) == 1
    assert is_overdue(state, day(1))
    # 10,000 × 0.0009 × 1 = 9.00
    assert penalty(state, day(1)) == D("9.00")
    assert kinds(state, day(1)) == {DueKind.PENALTY, DueKind.OVERDUE_INTEREST, DueKind.OVERDUE_PRINCIPAL}


@pytest.mark.parametrize(("principal", "expected"), [
    ("10000.00", "90.00"),   # 10,000 × 0.0006 × 1.5 × 10 = 90.00
    ("12345.67", "111.11"),  # 12,345.67 × 0.0009 × 10 = 111.11103 → 111.11
    ("5555.55", "50.00"),    # 5,555.55 × 0.0009 × 10 = 49.99995 → 50.00
    ("100.00", "0.90"),
])
def test_ten_days_after_the_due_date_the_penalty_is_ten_days_of_one_and_a_half_times_the_rate(
        principal, expected):
    state = bullet(principal)
    assert penalty(state, day(10)) == D(expected)
    assert recognised_penalty(state, day(10)) == D(expected)


def test_overdue_principal_earns_penalty_instead_of_interest_and_no_interest_is_charged_on_interest():
    state = bullet()
    # 30 days late: interest stays 186.00 (no interest on it, no more interest on the principal);
    # penalty 10,000 × 0.0009 × 30 = 270.00. Payoff 10,000 + 186 + 270 = 10,456.00.
    assert [(d.kind, d.amount) for d in dues(state, day(30))] == [
        (DueKind.PENALTY, D("270.00")),
        (DueKind.OVERDUE_INTEREST, D("186.00")),
        (DueKind.OVERDUE_PRINCIPAL, D("10000.00")),
    ]
    assert payoff_amount(state, day(30)) == D("10456.00")


def test_overdue_interest_alone_earns_no_penalty():
    # Interest only, 10,000.00 drawn 2026-01-31: 10,000 × 0.0006 × 28 = 168.00 due 02-28, unpaid.
    state = loan(RepaymentMethod.INTEREST_ONLY, "10000.00", JAN31, 3)
    on = date(2026, 3, 20)
    assert days_past_due(state, on) == 20
    assert penalty(state, on) == 0  # U = 0: no principal was due
    # The not-yet-due interest runs on 10,000 only, not on 10,168: 10,000 × 0.0006 × 20 = 120.00.
    assert accrued_interest_owed(state, on) == D("120.00")
    assert payoff_amount(state, on) == D("10288.00")  # 168 + 120 + 10,000


def test_each_overdue_installment_has_its_own_penalty():
    state = six_month_equal_principal()
    on = date(2026, 4, 15)
    # 1: 1,000 × 0.0009 × 46 (from 02-28) = 41.40; 2: 1,000 × 0.0009 × 15 (from 03-31) = 13.50.
    assert penalty(state, on, 1) == D("41.40")
    assert penalty(state, on, 2) == D("13.50")
    assert penalty(state, on, 3) == 0
    assert recognised_penalty(state, on) == D("54.90")


def test_an_installment_short_by_one_fen_is_overdue():
    state = six_month_equal_principal()
    state = pay(state, date(2026, 2, 28), "1100.79")  # 1,000.00 + 100.80 − 0.01
    assert days_past_due(state, date(2026, 2, 28)) == 0
    assert days_past_due(state, date(2026, 3, 1)) == 1
    assert [(d.kind, d.period, d.amount) for d in dues(state, date(2026, 3, 1))][:1] == [
        (DueKind.OVERDUE_PRINCIPAL, 1, D("0.01"))]
    # Penalty 0.01 × 0.0009 × 11 = 0.000099 → 0.00, but exactly accrued.
    assert penalty(state, date(2026, 3, 11)) == 0


# --- Penalty piece by piece as U changes --------------------------------------------------------

def test_a_partial_payment_of_overdue_principal_changes_the_penalty_from_that_day():
    # Bullet 10,000.07: interest 10,000.07 × 0.0006 × 31 = 186.001302 → 186.00.
    state = bullet("10000.07")
    # Due + 10: penalty U1 × pr × 10 = 10,000.07 × 0.0009 × 10 = 90.000630 → 90.00.
    assert penalty(state, day(10)) == D("90.00")
    # Pay 90.00 penalty + 186.00 interest + 3,999.56 principal: U2 = 6,000.51.
    state, allocation = apply_payment(state, day(10), D("4275.56"))
    assert allocation.penalty == D("90.00") and allocation.principal == D("3999.56")
    assert state.installments[0].principal_unpaid == D("6000.51")
    # 10 more days on U2: 6,000.51 × 0.0009 × 10 = 54.004590.
    # Rounded once: 90.000630 + 54.004590 = 144.005220 → 144.01, so 144.01 − 90.00 = 54.01 is owed
    # (rounding the pieces apart would have given 90.00 + 54.00).
    assert penalty(state, day(20)) == D("54.01")
    assert recognised_penalty(state, day(20)) == D("144.01")
    assert payoff_amount(state, day(20)) == D("6054.52")  # 54.01 + 6,000.51


def test_penalty_pieces_add_up_over_several_partial_payments():
    state = bullet("10000.00")
    # Day 5: penalty 10,000 × 0.0009 × 5 = 45.00; 45 + 186 + 1,000 → U = 9,000.00.
    state = pay(state, day(5), "1231.00")
    # Day 12: 9,000 × 0.0009 × 7 = 56.70; 56.70 + 2,000 → U = 7,000.00.
    state = pay(state, day(12), "2056.70")
    # Day 20: 7,000 × 0.0009 × 8 = 50.40 owed; in all 45.00 + 56.70 + 50.40 = 152.10.
    assert penalty(state, day(20)) == D("50.40")
    assert recognised_penalty(state, day(20)) == D("152.10")


def test_a_payment_that_pays_only_penalty_does_not_change_u():
    state = bullet("10000.00")
    state = pay(state, day(5), "20.00")  # of 45.00
    # Day 10: 10,000 × 0.0009 × 10 = 90.00, less 20.00 paid.
    assert penalty(state, day(10)) == D("70.00")


def test_penalty_on_an_installment_partly_paid_on_its_due_date_runs_on_the_rest():
    state = six_month_equal_principal()
    # On 02-28 pay the interest 100.80 and 400.00 of the principal: U = 600.00 from the next day.
    state = pay(state, date(2026, 2, 28), "500.80")
    # 03-10: 600 × 0.0009 × 10 = 5.40
    assert penalty(state, date(2026, 3, 10)) == D("5.40")


# --- Days past due ------------------------------------------------------------------------------

def test_days_past_due_counts_from_the_oldest_unpaid_due_date():
    state = six_month_equal_principal()
    assert days_past_due(state, date(2026, 2, 27)) == 0
    assert days_past_due(state, date(2026, 2, 28)) == 0
    assert days_past_due(state, date(2026, 3, 1)) == 1
    # 03-31: installment 2 is due today, installment 1 is 31 days late.
    assert days_past_due(state, date(2026, 3, 31)) == 31
    assert days_past_due(state, date(2026, 4, 15)) == 46


def test_paying_the_oldest_installment_moves_days_past_due_to_the_next_one():
    state = six_month_equal_principal()
    # 03-31: penalty 1,000 × 0.0009 × 31 = 27.90, then 100.80 + 1,000.00 of installment 1.
    state = pay(state, date(2026, 3, 31), "1128.70")
    assert days_past_due(state, date(2026, 3, 31)) == 0  # installment 2 is due today
    assert days_past_due(state, date(2026, 4, 1)) == 1
    assert days_past_due(state, date(2026, 4, 10)) == 10


def test_a_loan_paid_on_time_is_never_past_due():
    state = six_month_equal_principal()
    state = pay(state, date(2026, 2, 28), "1100.80")
    assert days_past_due(state, date(2026, 3, 30)) == 0
    assert days_past_due(state, date(2026, 3, 31)) == 0


# --- Non-performing: accruals stop, what accrued stays owed -------------------------------------

def test_a_non_performing_bullet_stops_accruing_penalty_from_that_date():
    # Due 02-01; > 90 DPD from 02-01 + 91 = 05-03.
    since = DUE + timedelta(days=91)
    state = reproject(replace(bullet(), non_performing_since=since), since)
    # Penalty 10,000 × 0.0009 × 91 = 819.00; then it stays. 10,000 + 186 + 819 = 11,005.00.
    for on in (since, since + timedelta(days=1), date(2026, 8, 1), date(2027, 5, 3)):
        assert penalty(state, on) == D("819.00")
        assert payoff_amount(state, on) == D("11005.00")
    # Before it, the penalty still runs: day 90 = 10,000 × 0.0009 × 90 = 810.00.
    assert penalty(state, day(90)) == D("810.00")


def test_a_non_performing_loan_stops_charging_interest_on_later_installments():
    # Equal principal 6,000 unpaid; oldest due 02-28; non-performing from 02-28 + 91 = 05-30.
    since = date(2026, 5, 30)
    state = reproject(replace(six_month_equal_principal(), non_performing_since=since), since)
    # Installment 4 (04-30 → 05-31) charges 3,000 × 0.0006 × 30 (to 05-30) = 54.00, not 55.80;
    # installments 5 and 6 charge nothing. What fell due before stays: 100.80, 93.00, 72.00.
    assert [i.interest for i in state.installments] == [
        D("100.80"), D("93.00"), D("72.00"), D("54.00"), D("0.00"), D("0.00")]
    # Penalties to 05-30, 1,000 × 0.0009 × 91, 60 and 30 days: 81.90 + 54.00 + 27.00 = 162.90;
    # installment 4 falls due after: none.
    # Payoff 6,000 + 319.80 interest + 162.90 penalty = 6,482.70, on that day and ever after.
    for on in (since, date(2026, 6, 15), date(2026, 9, 30), date(2027, 12, 31)):
        assert payoff_amount(state, on) == D("6482.70")
        assert recognised_penalty(state, on) == D("162.90")
    # The day before: accrued 3,000 × 0.0006 × 29 = 52.20; penalty 81.00 + 53.10 + 26.10 = 160.20.
    before = since - timedelta(days=1)
    assert accrued_interest_owed(state, before) == D("52.20")
    assert payoff_amount(state, before) == D("6000.00") + D("265.80") + D("52.20") + D("160.20")


def test_a_payment_on_a_non_performing_loan_does_not_restart_the_accruals():
    since = date(2026, 5, 30)
    state = reproject(replace(six_month_equal_principal(), non_performing_since=since), since)
    paid_on = date(2026, 7, 1)
    state, allocation = apply_payment(state, paid_on, D("2000.00"))
    # 162.90 penalty, 265.80 + 54.00 overdue interest (installment 4 fell due 05-31), then principal.
    assert allocation.penalty == D("162.90")
    assert allocation.interest == D("319.80")
    assert allocation.principal == D("1517.30")
    for on in (paid_on, date(2026, 12, 31)):
        assert payoff_amount(state, on) == D("4482.70")


def test_re_projecting_a_non_performing_loan_late_still_stops_interest_at_its_date():
    # Same loan marked non-performing from 05-30 but re-projected only on 08-31 (as end of day does
    # when the book jumps forward: mark_non_performing back-dates the date, _stop_accruals re-projects
    # on `tomorrow`). Rules §7: nothing accrues after 05-30, so installment 4 charges 54.00 and 5, 6
    # nothing, exactly as when re-projected on the day: payoff 6,482.70.
    since = date(2026, 5, 30)
    state = reproject(replace(six_month_equal_principal(), non_performing_since=since), date(2026, 8, 31))
    assert [i.interest for i in state.installments][3:] == [D("54.00"), D("0.00"), D("0.00")]
    assert payoff_amount(state, date(2026, 9, 30)) == D("6482.70")


def test_allocation_on_a_non_performing_loan_clears_its_payoff():
    since = DUE + timedelta(days=91)
    state = reproject(replace(bullet(), non_performing_since=since), since)
    on = date(2026, 10, 1)
    assert allocate(state, on, D("11005.00")).total() == D("11005.00")
    assert payoff_amount(pay(state, on, "11005.00"), on) == 0
