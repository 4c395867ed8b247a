"""Prepayment (rules §5): due dates stay, the remaining installments are re-sized by the loan's
method from the new balance B′, and the current period's interest runs on B′ from the prepayment
date. Credit loans, d = 0.0006 a day; loans drawn 2026-01-31 are due 02-28, 03-31, 04-30, ...
"""

from datetime import date, timedelta
from decimal import Decimal, localcontext

import pytest

from app.config import RepaymentMethod
from app.loans.allocation import DueKind, amount_due, apply_payment, payoff_amount
from app.loans.state import LoanState, new_loan, outstanding_principal, recognised_interest
from app.loans.terms import LoanTerms
from app.money import round_fen
from app.schedules import build_schedule

D = Decimal
CREDIT = D("0.0006")
JAN31 = date(2026, 1, 31)
FEB28, MAR10, MAR15, MAR31, APR30 = (date(2026, 2, 28), date(2026, 3, 10), date(2026, 3, 15),
                                     date(2026, 3, 31), date(2026, 4, 30))


def loan(method, principal, start=JAN31, months=3) -> LoanState:
    return new_loan(LoanTerms.of(method, months=months), D(principal), CREDIT, CREDIT * D("1.5"), start)


def pay(state: LoanState, on: date, amount) -> LoanState:
    return apply_payment(state, on, D(amount))[0]


def still_due(state: LoanState):
    """(due date, principal unpaid, interest unpaid) of each installment not fully paid."""
    return [(str(i.due_date), i.principal_unpaid, i.interest_unpaid) for i in state.installments
            if i.principal_unpaid or i.interest_unpaid]


def principal_parts_sum_to_the_loan(state: LoanState) -> bool:
    return sum(i.principal for i in state.installments) == state.principal


def pay_each_due_date(state: LoanState, until: date | None = None):
    """Pay what is due on each due date (before `until`, if given); the amounts and the final state."""
    paid = []
    for inst in state.installments:
        if until is not None and inst.due_date >= until:
            break
        due = amount_due(state, inst.due_date)
        if due:
            state = pay(state, inst.due_date, due)
            paid.append(due)
    return paid, state


def level_amount_by_hand(balance: Decimal, days: list[int]) -> Decimal:
    """Rules §4.4, written out here: A = B · Π(1+g_k) / Σ_j Π_{k>j}(1+g_k), g_k = d × days_k."""
    with localcontext() as ctx:
        ctx.prec = 60
        g = [CREDIT * n for n in days]
        numerator = balance
        for gk in g:
            numerator *= 1 + gk
        denominator = D(0)
        for j in range(len(g)):
            tail = D(1)
            for gk in g[j + 1:]:
                tail *= 1 + gk
            denominator += tail
        return round_fen(numerator / denominator)


# --- Equal principal ------------------------------------------------------------------------------

def test_an_equal_principal_prepayment_spreads_the_new_balance_evenly_over_the_remaining_installments():
    # 6,000.00 over 6 months: installment 1 = 1,000.00 + 6,000 × 0.0006 × 28 = 1,100.80, paid on time.
    state = pay(loan(RepaymentMethod.EQUAL_PRINCIPAL, "6000.00", months=6), FEB28, "1100.80")
    # 03-15: accrued 5,000 × 0.0006 × 15 = 45.00, then 2,000.01 prepaid → B′ = 2,999.99.
    state, allocation = apply_payment(state, MAR15, D("2045.01"))
    assert [(p.kind, p.amount) for p in allocation.parts] == [
        (DueKind.ACCRUED_INTEREST, D("45.00")), (DueKind.PREPAID_PRINCIPAL, D("2000.01"))]
    # n′ = 5: round(2,999.99 / 5) = round(599.998) = 600.00 × 4, the last 2,999.99 − 2,400 = 599.99.
    # Interest, on the balance each period carries:
    #   2: 45.00 collected + 2,999.99 × 0.0006 × 16 (03-15 → 03-31) = 28.799904 → 28.80
    #   3: 2,399.99 × 0.0006 × 30 = 43.19982 → 43.20     4: 1,799.99 × 0.0006 × 31 = 33.479814 → 33.48
    #   5: 1,199.99 × 0.0006 × 30 = 21.59982 → 21.60      6: 599.99 × 0.0006 × 31 = 11.159814 → 11.16
    assert still_due(state) == [
        ("2026-03-31", D("600.00"), D("28.80")),
        ("2026-04-30", D("600.00"), D("43.20")),
        ("2026-05-31", D("600.00"), D("33.48")),
        ("2026-06-30", D("600.00"), D("21.60")),
        ("2026-07-31", D("599.99"), D("11.16")),
    ]
    assert state.installments[1].interest == D("73.80")
    assert principal_parts_sum_to_the_loan(state)
    paid, state = pay_each_due_date(state)
    assert paid == [D("628.80"), D("643.20"), D("633.48"), D("621.60"), D("611.15")]
    assert payoff_amount(state, date(2026, 7, 31)) == 0


# --- Interest only and bullet: the principal at maturity falls to B′ ------------------------------

def test_an_interest_only_prepayment_lowers_the_principal_due_at_maturity():
    # 10,000.00 over 3 months: installment 1 = 10,000 × 0.0006 × 28 = 168.00, paid on time.
    state = pay(loan(RepaymentMethod.INTEREST_ONLY, "10000.00"), FEB28, "168.00")
    # 03-10: accrued 10,000 × 0.0006 × 10 = 60.00, then 4,000.00 prepaid → B′ = 6,000.00.
    state = pay(state, MAR10, "4060.00")
    # 2: 60.00 + 6,000 × 0.0006 × 21 (03-10 → 03-31) = 75.60;  3: 6,000 × 0.0006 × 30 = 108.00 + 6,000.
    assert still_due(state) == [
        ("2026-03-31", D("0.00"), D("75.60")),
        ("2026-04-30", D("6000.00"), D("108.00")),
    ]
    assert principal_parts_sum_to_the_loan(state)
    paid, state = pay_each_due_date(state)
    assert paid == [D("75.60"), D("6108.00")]
    assert payoff_amount(state, APR30) == 0


def test_a_bullet_prepayment_lowers_the_principal_and_the_interest_at_maturity():
    # 10,000.00 drawn 2026-01-01 for 3 months, due 2026-04-01.
    state = loan(RepaymentMethod.BULLET, "10000.00", start=date(2026, 1, 1))
    # 01-21: accrued 10,000 × 0.0006 × 20 = 120.00, then 3,000.00 prepaid → B′ = 7,000.00.
    state = pay(state, date(2026, 1, 21), "3120.00")
    # At maturity: 7,000 × 0.0006 × 70 (01-21 → 04-01) = 294.00 + 7,000.00.
    assert still_due(state) == [("2026-04-01", D("7000.00"), D("294.00"))]
    assert amount_due(state, date(2026, 4, 1)) == D("7294.00")
    assert state.installments[0].interest == D("414.00")  # 120.00 + 294.00
    assert principal_parts_sum_to_the_loan(state)


def test_a_second_bullet_prepayment_lowers_it_again():
    state = loan(RepaymentMethod.BULLET, "10000.00", start=date(2026, 1, 1))
    state = pay(state, date(2026, 1, 21), "3120.00")
    # 02-10: accrued 7,000 × 0.0006 × 20 = 84.00, then 2,000.00 → B″ = 5,000.00;
    # maturity: 5,000 × 0.0006 × 50 (02-10 → 04-01) = 150.00.
    state = pay(state, date(2026, 2, 10), "2084.00")
    assert still_due(state) == [("2026-04-01", D("5000.00"), D("150.00"))]
    assert principal_parts_sum_to_the_loan(state)


# --- Equal installment: a new level amount A′ over the remaining periods --------------------------

def test_an_equal_installment_prepayment_sets_a_new_level_amount_from_the_prepayment_date():
    schedule = build_schedule(LoanTerms.of(RepaymentMethod.EQUAL_INSTALLMENT, months=3),
        D("10000.00"), CREDIT, JAN31)
    first = schedule.installments[0]
    state = pay(loan(RepaymentMethod.EQUAL_INSTALLMENT, "10000.00"), FEB28, first.total)
    balance = first.balance_after
    assert balance == D("6716.68")
    # 03-10: accrued 6,716.68 × 0.0006 × 10 = 40.30008 → 40.30; the rest of 3,000.00 is prepaid.
    state, allocation = apply_payment(state, MAR10, D("3000.00"))
    assert allocation.interest == D("40.30")
    assert allocation.principal == D("2959.70")
    new_balance = balance - D("2959.70")  # B′ = 3,756.98
    # Remaining periods: 03-10 → 03-31 (21 days), 03-31 → 04-30 (30 days).
    # A′ = 3,756.98 × 1.0126 × 1.018 / (1.018 + 1) = 3,872.7952... / 2.018 = 1,919.13
    level = level_amount_by_hand(new_balance, [21, 30])
    assert level == D("1919.13")
    # 2: interest 3,756.98 × 0.0126 = 47.337948 → 47.34, principal 1,919.13 − 47.34 = 1,871.79;
    # 3: the last, 3,756.98 − 1,871.79 = 1,885.19 + 1,885.19 × 0.018 = 33.93342 → 33.93.
    assert still_due(state) == [
        ("2026-03-31", D("1871.79"), D("47.34")),
        ("2026-04-30", D("1885.19"), D("33.93")),
    ]
    assert state.installments[1].interest == D("87.64")  # 40.30 collected + 47.34
    assert principal_parts_sum_to_the_loan(state)
    paid, state = pay_each_due_date(state)
    assert paid == [level, D("1919.12")]  # the last differs from A′ by rounding only
    assert payoff_amount(state, APR30) == 0


@pytest.mark.parametrize(("paid_on_time", "prepaid_on", "payment"), [
    (0, date(2026, 2, 3), "5000.00"),
    (2, date(2026, 4, 17), "40000.00"),
    (5, date(2026, 7, 1), "12345.67"),
    (11, date(2027, 1, 20), "1000.00"),   # in the last period: A′ = B′ × (1 + g)
    (3, date(2026, 4, 30), "20000.00"),   # on a due date, after paying it: the periods are unchanged
])
def test_the_new_level_amount_is_the_rules_formula_over_the_remaining_periods(paid_on_time, prepaid_on,
                                                                            payment):
    principal = D("250000.00")
    schedule = build_schedule(LoanTerms.of(RepaymentMethod.EQUAL_INSTALLMENT, months=12),
        principal, CREDIT, JAN31)
    state = loan(RepaymentMethod.EQUAL_INSTALLMENT, "250000.00", months=12)
    for row in schedule.installments[:paid_on_time]:
        state = pay(state, row.due_date, row.total)
    state, allocation = apply_payment(state, prepaid_on, D(payment))
    assert allocation.principal > 0 and allocation.penalty == 0
    balance = outstanding_principal(state)
    remaining = [i for i in state.installments if i.due_date > prepaid_on]
    starts = [prepaid_on] + [i.start_date for i in remaining[1:]]
    days = [(i.due_date - start).days for i, start in zip(remaining, starts, strict=True)]
    level = level_amount_by_hand(balance, days)
    # Every remaining installment but the last now asks A′ (interest on B′ from the prepayment date
    # plus principal A′ − interest); the last asks the rest of the balance plus its interest.
    asked = [i.principal_unpaid + i.interest_unpaid for i in remaining]
    assert asked[:-1] == [level] * (len(remaining) - 1)
    assert abs(asked[-1] - level) <= D("0.05")
    first_interest = round_fen(balance * CREDIT * days[0])
    assert remaining[0].interest_unpaid == first_interest
    assert sum(i.principal_unpaid for i in remaining) == balance
    assert principal_parts_sum_to_the_loan(state)
    paid, state = pay_each_due_date(state)
    assert paid == asked
    assert payoff_amount(state, remaining[-1].due_date) == 0


# --- Any prepayment keeps the due dates and the principal sum ----------------------------------------

@pytest.mark.parametrize("method", list(RepaymentMethod))
@pytest.mark.parametrize("payments", [
    [(date(2026, 2, 10), "777.77")],
    [(date(2026, 2, 10), "777.77"), (date(2026, 3, 20), "5000.00"), (date(2026, 6, 1), "0.01")],
    [(JAN31, "3000.00"), (date(2026, 5, 5), "9999.99")],
])
def test_prepayments_keep_the_due_dates_and_the_principal_parts_sum_to_the_loan(method, payments):
    state = loan(method, "30000.00", months=9)
    due_dates = [i.due_date for i in state.installments]
    for on, amount in payments:
        # Every installment is paid on its due date, so each payment here is paid early.
        _, state = pay_each_due_date(state, until=on + timedelta(days=1))
        state, allocation = apply_payment(state, on, D(amount))
        assert allocation.total() == D(amount)
        assert [i.due_date for i in state.installments] == due_dates
        assert principal_parts_sum_to_the_loan(state)
        assert all(i.principal_unpaid >= 0 and i.interest_unpaid >= 0 for i in state.installments)
    _, state = pay_each_due_date(state)
    assert payoff_amount(state, due_dates[-1]) == 0
    assert payoff_amount(state, due_dates[-1] + timedelta(days=1)) == 0


def test_interest_recognised_after_a_prepayment_is_still_the_interest_due_so_far():
    state = pay(loan(RepaymentMethod.EQUAL_PRINCIPAL, "6000.00", months=6), FEB28, "1100.80")
    state = pay(state, MAR15, "2045.01")
    # 100.80 + (45.00 + 28.80) = 174.60 on 03-31; + 43.20 = 217.80 on 04-30.
    assert recognised_interest(state, MAR31) == D("174.60")
    assert recognised_interest(state, APR30) == D("217.80")
    # Mid-period after the prepayment: 100.80 + 45.00 + 2,999.99 × 0.0006 × 5 (= 8.999970 → 9.00).
    assert recognised_interest(state, date(2026, 3, 20)) == D("154.80")


def test_a_prepayment_leaving_a_few_fen_never_makes_an_installment_negative():
    # 6,000.00 equal principal over 6 months; on 02-10 pay 6,000 × 0.0006 × 10 = 36.00 of interest
    # and 5,999.91 of principal, leaving B′ = 0.09 over n′ = 6 installments.
    state = pay(loan(RepaymentMethod.EQUAL_PRINCIPAL, "6000.00", months=6), date(2026, 2, 10), "6035.91")
    assert outstanding_principal(state) == D("0.09")
    # round(0.09 / 6) = round(0.015) = 0.02, × 5 = 0.10 > 0.09: the rule's remainder would be −0.01.
    # By hand the six parts must be ≥ 0 and sum to 0.09 (the interest on them rounds to 0.00),
    # so paying what is due on each date repays exactly 0.09 and leaves nothing.
    assert all(i.principal_unpaid >= 0 for i in state.installments)
    paid, state = pay_each_due_date(state)
    assert sum(paid) == D("0.09")
    assert outstanding_principal(state) == 0


def test_the_payoff_of_a_loan_with_a_few_fen_left_is_exactly_what_is_owed():
    state = pay(loan(RepaymentMethod.EQUAL_PRINCIPAL, "6000.00", months=6), date(2026, 2, 10), "6035.91")
    # 07-05: installments 1-5 are overdue; the penalty on a few fen rounds to 0.00
    # (0.02 × 0.0009 × 127 days = 0.002286), their interest (on 0.09) rounded to 0.00 too.
    # Owed: the 0.09 of principal and nothing else.
    on = date(2026, 7, 5)
    assert payoff_amount(state, on) == D("0.09")
    assert outstanding_principal(pay(state, on, payoff_amount(state, on))) == 0
