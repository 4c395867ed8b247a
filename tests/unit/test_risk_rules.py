"""Pure risk rules (rules §9): rating levels, recall, waiver, recovery schedule (reversal:
test_reversal.py) — figures worked by hand in the comments."""

from datetime import date
from decimal import Decimal as D

import pytest

from app.loans.allocation import apply_payment, payoff_amount
from app.loans.risk import recall, recovery_loan, total_penalty_owed, waive_penalty
from app.loans.state import new_loan, recognised_interest
from app.loans.terms import LoanTerms
from app.risk.rating_ladder import rating_level


def test_rating_levels_put_review_below_bb_and_decline_below_review():
    assert [rating_level("approved", b) for b in ("AAA", "AA", "A", "BBB", "BB")] == [0, 1, 2, 3, 4]
    assert rating_level("manual_review", "REVIEW") == 5
    assert rating_level("declined", "DECLINE") == rating_level("ineligible", "DECLINE") == 6


def loan_10k():
    # 10,000.00 at 0.06 %/day, equal principal over 3 months from 2026-01-10:
    # 3,333.33 + 186.00 (31 days) due 02-10, 3,333.33 + 112.00 due 03-10, 3,333.34 + 62.00 due 04-10.
    return new_loan(LoanTerms.credit("equal_principal", 3), D("10000"), D("0.0006"), D("0.0009"),
                    date(2026, 1, 10))


def test_recall_merges_everything_later_into_one_installment_with_interest_to_the_new_date():
    state, _ = apply_payment(loan_10k(), date(2026, 2, 10), D("3519.33"))  # installment 1 on time
    recalled, merged_away = recall(state, date(2026, 2, 20), date(2026, 2, 27))
    assert merged_away == [3]
    last = recalled.installments[-1]
    # 6,666.67 due 02-27; interest 6,666.67 × 0.0006 × 17 days (02-10 → 02-27) = 68.0000 → 68.00
    assert (last.period, last.due_date, last.principal, last.interest) == (2, date(2026, 2, 27), D("6666.67"),
                                                                           D("68.00"))
    assert payoff_amount(recalled, date(2026, 2, 27)) == D("6734.67")
    # nothing earned so far changes: interest recognised on the recall date is the same
    assert recognised_interest(recalled, date(2026, 2, 20)) == recognised_interest(state, date(2026, 2, 20))


def test_recall_keeps_what_falls_due_before_the_recall_date():
    recalled, merged_away = recall(loan_10k(), date(2026, 2, 5), date(2026, 2, 12))
    assert merged_away == [3]
    first, merged = recalled.installments
    assert (first.due_date, first.principal, first.interest) == (date(2026, 2, 10), D("3333.33"), D("186.00"))
    # 6,666.67 × 0.0006 × 2 days (02-10 → 02-12) = 8.00
    assert (merged.due_date, merged.principal, merged.interest) == (date(2026, 2, 12), D("6666.67"),
                                                                    D("8.00"))


def overdue_10k():
    # nothing paid: installment 1 (3,333.33) overdue from 02-11; on 03-02 (20 days) penalty
    # 3,333.33 × 0.0009 × 20 = 59.99994 → 60.00
    return loan_10k(), date(2026, 3, 2)


def test_waiving_penalty_lowers_it_by_exactly_the_amount_and_accrual_goes_on():
    state, on = overdue_10k()
    assert total_penalty_owed(state, on) == D("60.00")
    waived = waive_penalty(state, on, D("25.00"))
    assert total_penalty_owed(waived, on) == D("35.00")
    # ten days later: 35.00 + 3,333.33 × 0.0009 × 10 (29.99997) = 65.00, plus installment 2
    # (due 03-10) 2 days: 3,333.33 × 0.0009 × 2 = 6.00 → 71.00 (was 96.00 − 25.00)
    later = date(2026, 3, 12)
    assert total_penalty_owed(waived, later) == total_penalty_owed(state, later) - D("25.00") == D("71.00")
    with pytest.raises(ValueError):
        waive_penalty(state, on, D("60.01"))


def test_recovery_plan_is_equal_principal_without_interest():
    plan = recovery_loan(D("1000.00"), date(2026, 1, 31), 7)
    # round(1000 / 7) = 142.86 six times, the rest 142.84 last; due dates clamp to month ends
    assert [i.principal for i in plan.installments] == [D("142.86")] * 6 + [D("142.84")]
    assert [i.due_date for i in plan.installments][:2] == [date(2026, 2, 28), date(2026, 3, 31)]
    assert all(i.interest == 0 for i in plan.installments)
