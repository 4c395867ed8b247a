"""The seeded demo's interest income is earned on the days it was earned (issue 16 item 3).

The demo history jumps the business date from one event to the next; it used to post no accrual
on the days it jumped over, so the first end of day of the last ten days caught a year of
unposted interest up in one entry (¥77,105.57 on 2026-11-18 in the full demo against some
¥2,100 a day), and the income chart showed a spike no business had.

Two checks on a small seeded demo (20 sellers), every day of its year:

* book level, from the ledger alone: a day's interest income is at most one day's interest on
  the principal the loans could have carried that day (drawn by its end, not repaid before it)
  at each loan's own rate, plus 0.02 a loan for rounding (a day's posting is the difference of
  two cumulative figures rounded to the fen, and on a due date an installment's rounded interest
  and the new period's rounded accrual both move: at most 0.005 + 0.005 + 0.005 + 0.005);
* loan by loan, exactly: the interest income a loan posts on day d is what the engine says it
  earned that day, recognised_interest at the start of d + 1 minus that at the start of d, its
  payments replayed from its draw (so nothing is posted on a later day, nor missed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import col, select

from app import ledger
from app.demo.seed import seed_demo
from app.loans.allocation import apply_payment, as_of
from app.loans.state import recognised_interest
from app.money import ZERO, from_fen
from app.services.end_of_day.reconcile import reconcile
from app.services.risk_ops.reversal import drawn_state
from app.services.store.settings import business_date
from db.convert import rate_from_e8
from db.engine import session_scope
from db.models import JournalEntry, JournalLine, Loan, Payment
from tests.demo.conftest import SEED, TODAY, drop_database, using

pytestmark = pytest.mark.slow
ROUNDING = Decimal("0.02")  # a loan's posting on one day against the exact day's interest (see above)


@pytest.fixture(scope="module")
def small_demo(database_template) -> Iterator[str]:
    url = database_template.clone()
    try:
        with using(url):
            seed_demo(SEED, today=TODAY, sellers=20)
            yield url
    finally:
        drop_database(database_template, url)


def income_by_loan_and_day() -> dict[tuple[int, date], Decimal]:
    """Interest income (credit − debit) of each loan on each business date, every entry kind."""
    with session_scope() as session:
        rows = session.exec(select(JournalLine.loan_id, JournalEntry.business_date,
                                   JournalLine.credit_fen - JournalLine.debit_fen)
                            .join(JournalEntry, col(JournalEntry.id) == JournalLine.entry_id)
                            .where(JournalLine.account == ledger.INTEREST_INCOME)).all()
    income: dict[tuple[int, date], Decimal] = defaultdict(lambda: ZERO)
    for loan_id, day, fen in rows:
        income[(loan_id, day)] += from_fen(fen)
    return income


def test_no_day_earns_more_than_a_day_of_interest_on_the_book(small_demo):
    with session_scope() as session:
        today = business_date(session)
        rates = {loan.id: rate_from_e8(loan.daily_rate_e8) for loan in session.exec(select(Loan)).all()}
        moves = session.exec(select(JournalLine.loan_id, JournalEntry.business_date, JournalLine.debit_fen,
                                    JournalLine.credit_fen)
                             .join(JournalEntry, col(JournalEntry.id) == JournalLine.entry_id)
                             .where(JournalLine.account == ledger.LOAN_PRINCIPAL)).all()
    drawn, repaid = defaultdict(list), defaultdict(list)
    for loan_id, day, debit, credit in moves:
        drawn[loan_id].append((day, from_fen(debit)))
        repaid[loan_id].append((day, from_fen(credit)))
    income = defaultdict(lambda: ZERO)
    for (_, day), amount in income_by_loan_and_day().items():
        income[day] += amount
    days = sorted(d for d in income if d < today)
    for day in days:
        bound = ZERO
        for loan_id, rate in rates.items():
            carried = (sum((a for d, a in drawn[loan_id] if d <= day), ZERO)
                       - sum((a for d, a in repaid[loan_id] if d < day), ZERO))
            if carried > 0:
                bound += carried * rate + ROUNDING
        assert income[day] <= bound, f"{day}: interest income {income[day]} above one day's {bound}"
    # each month's income a calendar day against the year's: the book grows through the year (the
    # last months run some 1.7 × the year's day), a catch-up month stood at 6.7 ×
    calendar = [days[0] + timedelta(days=k) for k in range((today - days[0]).days)]
    per_day = defaultdict(list)
    for day in calendar:
        per_day[day.strftime("%Y-%m")].append(income[day])
    averages = {month: sum(amounts, ZERO) / len(amounts) for month, amounts in per_day.items()}
    year = sum((income[day] for day in calendar), ZERO) / len(calendar)
    assert max(averages.values()) < Decimal("2.5") * year, (year, averages)
    assert len(days) > 300  # income on (nearly) every day of the year, not on a few catch-up days


def test_each_loan_posts_its_interest_on_the_day_it_is_earned(small_demo):
    income = income_by_loan_and_day()
    with session_scope() as session:
        today = business_date(session)
        loans = session.exec(select(Loan).order_by(Loan.id)).all()
        payments = defaultdict(list)
        for p in session.exec(select(Payment).order_by(col(Payment.paid_on), col(Payment.id))).all():
            payments[p.loan_id].append((p.paid_on, from_fen(p.amount_fen)))
        checked = 0
        for loan in loans:
            state, earned = drawn_state(loan), ZERO
            closed_on = loan.closed_on if loan.closed_on and loan.closed_on < today else None
            day = loan.start_date
            while day <= (closed_on or today - timedelta(days=1)):  # today's end of day is to come
                for paid_on, amount in payments[loan.id]:
                    if paid_on == day:
                        state, _ = apply_payment(as_of(state, day), day, amount)
                tomorrow = day + timedelta(days=1)
                if day == closed_on:  # charged with the payment that closed it; no end of day after
                    target = recognised_interest(state, day)
                else:  # what end of day accrues: interest earned by the start of tomorrow
                    target = recognised_interest(as_of(state, tomorrow), tomorrow)
                assert income[(loan.id, day)] == target - earned, (loan.id, day)
                earned, day, checked = target, tomorrow, checked + 1
        assert checked > 5_000
    assert reconcile().ok
