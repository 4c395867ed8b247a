"""A payment's reversal leaves the loan exactly as a twin that never received the payment (rules §5):
the two worked examples of issue 16 with figures checked by hand, and the property over random
loans and lives. The twin is lived here step by step through the engine's primitives, as the
services live a loan (`as_of`, then `apply_payment` / `waive_penalty` / `recall`), independently
of `app.loans.history.rebuild`. Credit loans: d = 0.0006 a day, penalty 0.0009."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.config import RepaymentMethod
from app.loans.allocation import amount_due, apply_payment, as_of, dues, payoff_amount
from app.loans.history import Paid, Recalled, Waived, rebuild, reverse_payment
from app.loans.risk import recall, total_penalty_owed, waive_penalty
from app.loans.state import LoanState, days_past_due, new_loan, recognised_interest, recognised_penalty
from app.loans.terms import LoanTerms

D = Decimal
CREDIT, ORDER = D("0.0006"), D("0.0005")
JAN31 = date(2026, 1, 31)  # due 02-28, 03-31, 04-30, …


def credit_loan(method: str, principal: str, months: int, start: date = JAN31) -> LoanState:
    return new_loan(LoanTerms.credit(method, months), D(principal), CREDIT, CREDIT * D("1.5"), start)


def reversed_on(initial: LoanState, events: list, index: int, on: date) -> LoanState:
    """The reversal of events[index] on `on`, the loan having lived `events` (lived here)."""
    return reverse_payment(initial, events, index, on, as_of(live(initial, events), on))


def live(initial: LoanState, events: list) -> LoanState:
    """The loan after `events`, each taken on the loan as it stands on its day — what the
    services do (a recall recalls only a loan still open); written out apart from `rebuild`."""
    state = initial
    for event in events:
        current = as_of(state, event.on)
        if isinstance(event, Paid):
            state, _ = apply_payment(current, event.on, event.amount)
        elif isinstance(event, Waived):
            state = waive_penalty(current, event.on, event.amount)
        elif payoff_amount(current, event.on) > 0:
            state, _ = recall(current, event.on, event.due_on)
    return state


# --- issue 16, item 1: the worked examples ------------------------------------------------------------


def test_a_late_installment_paid_then_reversed_owes_the_penalty_of_the_days_in_between():
    # 12,000.00 equal principal over 3 months drawn 01-31: installment 1 is 4,000.00 principal
    # + 12,000 × 0.0006 × 28 = 201.60 interest, due 02-28. Paid 6 days late on 03-06:
    # penalty 4,000 × 0.0009 × 6 = 21.60, so 4,223.20; reversed 6 days later, on 03-12.
    initial = credit_loan("equal_principal", "12000", 3)
    paid = Paid(date(2026, 3, 6), D("4223.20"))
    assert amount_due(initial, paid.on) == paid.amount
    back = reversed_on(initial, [paid], 0, date(2026, 3, 12))
    # The twin never paid: on 03-17 (17 days after 02-28) it owes penalty 4,000 × 0.0009 × 17 = 61.20,
    # interest 201.60, principal 4,000.00, accrued 8,000 × 0.0006 × 17 = 81.60 and 8,000.00 not yet
    # due: 12,344.40 (the old reversal said 12,322.80: no penalty for the 6 days the payment stood).
    assert payoff_amount(back, date(2026, 3, 17)) == payoff_amount(initial, date(2026, 3, 17))
    assert payoff_amount(back, date(2026, 3, 17)) == D("12344.40")
    # on the reversal day itself: penalty 4,000 × 0.0009 × 12 = 43.20, accrued 8,000 × 0.0006 × 12 = 57.60
    assert payoff_amount(back, date(2026, 3, 12)) == D("43.20") + D("201.60") + D("4000") + D("57.60") + D(
        "8000")
    assert recognised_penalty(back, date(2026, 3, 12)) == D("43.20")
    assert back == as_of(initial, date(2026, 3, 12))


def test_a_same_day_reversal_of_an_equal_installment_prepayment_restores_the_schedule_to_the_fen():
    # 60,000.00 over 12 months drawn 01-31. Level amount A = 5,608.09: installment 1 interest
    # 60,000 × 0.0006 × 28 = 1,008.00, principal 4,600.09; installment 2 on 55,399.91 × 0.0006 × 31
    # = 1,030.438… → 1,030.44, principal 4,577.65; installment 3 on 50,822.26 × 0.0006 × 30 = 914.80,
    # principal 4,693.29.
    initial = credit_loan("equal_installment", "60000", 12)
    assert [i.principal for i in initial.installments[:3]] == [D("4600.09"), D("4577.65"), D("4693.29")]
    assert [i.interest for i in initial.installments[:3]] == [D("1008.00"), D("1030.44"), D("914.80")]
    # Day 17 (02-17): 612.00 = 60,000 × 0.0006 × 17, the interest so far; then 12,345.67 prepaid.
    day17 = date(2026, 2, 17)
    events = [Paid(day17, D("612.00")), Paid(day17, D("12345.67"))]
    assert live(initial, events).installments[1].principal < D("4577.65")  # re-sized by the prepayment
    back = reversed_on(initial, events, 1, day17)
    assert [i.principal for i in back.installments[:3]] == [D("4600.09"), D("4577.65"), D("4693.29")]
    # the twin paid only the 612.00: installment 1 still charges 1,008.00, 612.00 of it paid early
    assert (back.installments[0].interest, back.installments[0].interest_paid) == (D("1008.00"), D("612.00"))
    # On 03-29, 29 days after 02-28 with installment 1 unpaid: penalty 4,600.09 × 0.0009 × 29
    # = 120.062… → 120.06, its interest 1,008.00 − 612.00 = 396.00 and principal 4,600.09, accrued
    # 55,399.91 × 0.0006 × 29 = 963.958… → 963.96 and 55,399.91 not yet due: 61,480.02 (the old
    # reversal said 61,484.86).
    on = date(2026, 3, 29)
    assert payoff_amount(back, on) == D("120.06") + D("396.00") + D("4600.09") + D("963.96") + D("55399.91")
    assert back == live(initial, events[:1])


def test_an_installment_paid_on_time_and_reversed_later_is_overdue_from_its_due_date():
    # 10,000.00 equal principal over 3 months from 01-10: installment 1 = 3,333.33 + 186.00 due 02-10,
    # paid on time, reversed on 02-15: overdue since 02-11, penalty 3,333.33 × 0.0009 × 5 = 15.00.
    initial = credit_loan("equal_principal", "10000", 3, date(2026, 1, 10))
    back = reversed_on(initial, [Paid(date(2026, 2, 10), D("3519.33"))], 0, date(2026, 2, 15))
    assert amount_due(back, date(2026, 2, 15)) == D("3519.33") + D("15.00")
    assert days_past_due(back, date(2026, 2, 15)) == 5


def test_a_reversed_prepayment_owes_the_interest_of_the_days_in_between():
    # 5,060.00 on 01-20 (60.00 interest for 10 days, 5,000.00 prepaid), reversed on 01-25:
    # 10,000 × 0.0006 × 15 days since 01-10 = 90.00 owed with the principal.
    initial = credit_loan("equal_principal", "10000", 3, date(2026, 1, 10))
    back = reversed_on(initial, [Paid(date(2026, 1, 20), D("5060.00"))], 0, date(2026, 1, 25))
    assert payoff_amount(back, date(2026, 1, 25)) == D("10090.00")


def test_the_latest_of_several_payments_comes_off_and_a_waiver_after_it_stays():
    # Installment 1 (3,519.33 due 02-10) paid 20 days late with 2,000.00 on 03-02, then 4.00 of
    # penalty waived on 03-05 and the payment reversed on 03-10: the twin had the same waiver.
    initial = credit_loan("equal_principal", "10000", 3, date(2026, 1, 10))
    events = [Paid(date(2026, 3, 2), D("2000.00")), Waived(date(2026, 3, 5), D("4.00"))]
    back = reversed_on(initial, events, 0, date(2026, 3, 10))
    twin = as_of(live(initial, events[1:]), date(2026, 3, 10))
    assert back == twin
    # 28 days late on 03-10: 3,333.33 × 0.0009 × 28 = 83.99999… → 84.00 − 4.00 waived; installment 2
    # (3,333.33 due 03-10) is due today, no penalty yet
    assert total_penalty_owed(back, date(2026, 3, 10)) == D("80.00")


def test_a_loan_its_events_do_not_rebuild_is_refused():
    initial = credit_loan("equal_principal", "10000", 3, date(2026, 1, 10))
    paid = Paid(date(2026, 2, 10), D("3519.33"))
    stored = as_of(live(initial, [paid]), date(2026, 3, 20))
    assert reverse_payment(initial, [paid], 0, date(2026, 3, 20), stored) == as_of(initial, date(2026, 3, 20))
    changed = replace(stored, paid_through=date(2026, 1, 11))  # changed by something the events do not tell
    with pytest.raises(ValueError):
        reverse_payment(initial, [paid], 0, date(2026, 3, 20), changed)
    with pytest.raises(ValueError):  # only a payment is reversed
        reverse_payment(initial, [Waived(date(2026, 2, 20), D("1.00"))], 0, date(2026, 3, 20), initial)


# --- the property: random loans, random lives, any payment reversed ---------------------------------


@st.composite
def loans(draw) -> LoanState:
    start = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 75)))  # 01-31, 02-28, 03-01, 03-31 …
    principal = D(draw(st.integers(10_000, 100_000_000))) / 100  # 100.00 to 1,000,000.00
    if draw(st.integers(0, 4)) == 0:
        return new_loan(LoanTerms.order(draw(st.integers(1, 30))), principal, ORDER, ORDER * D("1.5"), start)
    method, months = draw(st.sampled_from(list(RepaymentMethod))), draw(st.sampled_from([1, 3, 6, 9, 12]))
    terms = LoanTerms.credit(method, months)
    return new_loan(terms, principal, CREDIT, CREDIT * D("1.5"), start)


STEPS = st.lists(st.tuples(
    st.integers(0, 45),  # days after the previous step
    st.sampled_from(["share", "due", "fen", "waive", "recall"]),
    st.integers(1, 100),  # a share of the payoff or of the penalty owed (%), or fen
), min_size=1, max_size=8)


def lived(initial: LoanState, steps) -> list:
    """The events of a random life: payments of a share of the payoff, of what is due or of a few
    fen; waivers of a share of the penalty owed; recalls falling due 7 days later."""
    events, state, on = [], initial, initial.start_date
    for gap, kind, x in steps:
        on += timedelta(days=gap)
        current = as_of(state, on)
        payoff = payoff_amount(current, on)
        if payoff == 0:
            break
        if kind == "waive":
            amount = (total_penalty_owed(current, on) * x / 100).quantize(D("0.01"), ROUND_DOWN)
            event = Waived(on, amount) if amount > 0 else None
        elif kind == "recall":
            event = Recalled(on, on + timedelta(days=7))
        else:
            amount = {"share": max(D("0.01"), (payoff * x / 100).quantize(D("0.01"), ROUND_DOWN)),
                      "due": amount_due(current, on), "fen": min(payoff, D(x) / 100)}[kind]
            event = Paid(on, amount) if amount > 0 else None
        if event is not None:
            events.append(event)
            state = live(initial, events)
    return events


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(initial=loans(), steps=STEPS, pick=st.integers(0, 100), later=st.integers(0, 60))
def test_a_reversed_payment_leaves_the_loan_as_its_twin_that_never_received_it(initial, steps, pick, later):
    events = lived(initial, steps)
    payments = [k for k, e in enumerate(events) if isinstance(e, Paid)]
    assume(payments)
    index = payments[pick % len(payments)]
    on = events[-1].on + timedelta(days=later)  # the reversal day: the day of the last event or later
    stored = as_of(live(initial, events), on)
    assert rebuild(initial, events, on) == stored  # the loan's events rebuild it as the services left it
    others = events[:index] + events[index + 1:]
    try:
        twin = as_of(live(initial, others), on)
    except ValueError:  # an earlier payment reversed: a later one would not fit the twin (no twin)
        assume(False)
    back = reverse_payment(initial, events, index, on, stored)
    assert back == twin  # schedule, paid amounts, exact penalty, paid-through, non-performance …
    maturity = twin.installments[-1].due_date
    for t in sorted({on, on + timedelta(days=1), on + timedelta(days=17), maturity,
                     maturity + timedelta(days=40)}):
        assert [(d.kind, d.period, d.amount) for d in dues(back, t)] == [(d.kind, d.period, d.amount)
                                                                          for d in dues(twin, t)]
        assert payoff_amount(back, t) == payoff_amount(twin, t)
        assert (recognised_interest(back, t), recognised_penalty(back, t)) == (recognised_interest(twin, t),
                                                                               recognised_penalty(twin, t))
