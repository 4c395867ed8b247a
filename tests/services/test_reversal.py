"""A payment reversal through the services (corrections, maker-checker) leaves the loan exactly as
a twin loan that never received the payment (rules §5), in the engine and in the ledger.

Each test draws the same loan twice, for two sellers: loan A receives the payment that is then
reversed, twin B never does; both live through the same end-of-day runs. After the reversal the
two stand alike — schedule, paid amounts, exact penalty, payoff today and on later dates — and so
do their ledger balances (principal, interest and penalty receivable, interest and penalty
income); `reconcile` is clean."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from app import ledger
from app.config import RepaymentMethod
from app.errors import CorrectionRefused
from app.loans.allocation import payoff_amount
from app.services.access.actor import ADMIN, RISK, SYSTEM_ACTOR, Actor
from app.services.end_of_day.reconcile import reconcile
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.draws import draw_credit_loan
from app.services.lending.loan_views import loan_detail
from app.services.lending.repayment import payoff_quote, repay
from app.services.risk_ops import monitoring
from app.services.risk_ops.corrections import approve_correction, propose_correction
from app.services.risk_ops.recovery import create_recovery_plan
from app.services.store import loan_store, postings
from app.services.store.settings import business_date, set_business_date, set_nightly_pre_approval
from db.convert import rate_to_e8
from db.engine import session_scope
from db.models import Loan, Payment, SellerLimit, User
from tests.services.conftest import add_seller
from tests.services.test_ledger_properties import fresh_database

D = Decimal
JAN31 = date(2026, 1, 31)
ACCOUNTS = (ledger.LOAN_PRINCIPAL, ledger.INTEREST_RECEIVABLE, ledger.PENALTY_RECEIVABLE,
            ledger.INTEREST_INCOME, ledger.PENALTY_INCOME)


def raise_limits(*seller_ids: int) -> None:
    with session_scope() as session:
        session.add_all([SellerLimit(seller_id=s, rating="AA", credit_limit_fen=100_000_000,
                                     advance_rate_e8=rate_to_e8(D("0.9")), decided_on=JAN31)
                         for s in seller_ids])


def officers() -> tuple[Actor, Actor]:
    with session_scope() as session:
        users = [User(username="risk1", role=RISK), User(username="admin1", role=ADMIN)]
        session.add_all(users)
        session.flush()
        return Actor(users[0].id, RISK), Actor(users[1].id, ADMIN)


def go_to(day: date) -> None:
    """End of day, day by day, until the business date is `day`."""
    run_end_of_day(SYSTEM_ACTOR, until=day - timedelta(days=1))
    with session_scope() as session:
        assert business_date(session) == day


def draw_twins(sellers: list[tuple[Actor, str]], amount: str, months: int, method: str) -> tuple[int, int]:
    return tuple(draw_credit_loan(actor, shop_id=shop, amount=amount, months=months, method=method,
                                  idempotency_key=f"draw-{actor.seller_id}").id for actor, shop in sellers)


def reverse_last_payment(loan_id: int, makers: tuple[Actor, Actor]) -> None:
    with session_scope() as session:
        payment_id = session.exec(select(Payment.id).where(Payment.loan_id == loan_id)
                                  .order_by(Payment.id.desc())).first()
    proposed = propose_correction(makers[0], kind="payment_reversal", loan_id=loan_id, payment_id=payment_id,
                                  reason="the bank returned the transfer")
    approve_correction(makers[1], proposed.id)


def assert_twins(a: int, b: int, later: list[date] = ()) -> None:
    """Loans a and b stand alike today and owe alike on the later dates; so do their ledgers."""
    with session_scope() as session:
        today = business_date(session)
        ra, rb = loan_store.get(session, a), loan_store.get(session, b)
        state_a, state_b = ra.state(today), rb.state(today)
        assert state_a == state_b
        assert [(r.period, r.due_date, r.status) for r in ra.installments] == [
            (r.period, r.due_date, r.status) for r in rb.installments]
        for field in ("status", "outstanding_fen", "dpd", "maturity_date", "non_performing_since",
                      "interest_recognised_fen", "penalty_recognised_fen"):
            assert getattr(ra.loan, field) == getattr(rb.loan, field), field
        for account in ACCOUNTS:
            assert (postings.balance_fen(session, account, loan_id=a)
                    == postings.balance_fen(session, account, loan_id=b)), account
        for t in [today, *later]:
            assert payoff_amount(state_a, t) == payoff_amount(state_b, t)
    report = reconcile()
    assert report.ok, report.problems


@pytest.fixture
def twins(db_url):
    with session_scope() as session:
        set_business_date(session, JAN31)
        set_nightly_pre_approval(session, False)
        a_actor, a_shop, a_id = add_seller(session, 1, 5_000_000, "0.9")
        b_actor, b_shop, b_id = add_seller(session, 2, 5_000_000, "0.9")
    raise_limits(a_id, b_id)
    return [(a_actor, a_shop), (b_actor, b_shop)], officers()


# --- the worked examples of issue 16 item 1, through the services -----------------------------------------


def test_a_late_installment_paid_then_reversed_six_days_later_owes_the_penalty_in_between(twins):
    sellers, makers = twins
    a, b = draw_twins(sellers, "12000", 3, "equal_principal")
    go_to(date(2026, 3, 6))
    # installment 1, due 02-28, 6 days late: 12,000 / 3 = 4,000.00 + 12,000 × 0.0006 × 28 = 201.60
    # + penalty 4,000 × 0.0009 × 6 = 21.60
    assert payoff_quote(sellers[0][0], a).due_now == D("4223.20")
    repay(sellers[0][0], loan_id=a, amount="4223.20", idempotency_key="late")
    go_to(date(2026, 3, 12))
    reverse_last_payment(a, makers)
    # on 03-12: penalty 4,000 × 0.0009 × 12 = 43.20, interest 201.60, principal 4,000.00, accrued
    # 8,000 × 0.0006 × 12 = 57.60, not yet due 8,000.00
    assert payoff_quote(sellers[0][0], a).payoff == D("12302.40")
    assert_twins(a, b, [date(2026, 3, 17)])
    # the loan page keeps the payment on record, marked reversed, and counts it nowhere: the same
    # schedule and chart as the twin's (which never received it)
    page_a, page_b = loan_detail(sellers[0][0], a), loan_detail(sellers[1][0], b)
    assert [(p.amount, p.reversed) for p in page_a.payments] == [(D("4223.20"), True)]
    assert page_b.payments == ()
    assert [(r.period, r.status, r.paid, r.remaining) for r in page_a.schedule] == [
        (r.period, r.status, r.paid, r.remaining) for r in page_b.schedule]
    assert [(p.on, p.outstanding, p.interest) for p in page_a.timeline] == [
        (p.on, p.outstanding, p.interest) for p in page_b.timeline]
    go_to(date(2026, 3, 17))
    # five more days: penalty 4,000 × 0.0009 × 17 = 61.20, accrued 8,000 × 0.0006 × 17 = 81.60
    assert payoff_quote(sellers[0][0], a).payoff == payoff_quote(sellers[1][0], b).payoff == D("12344.40")
    assert_twins(a, b)


def test_a_same_day_reversal_of_a_prepayment_restores_the_equal_installment_schedule(twins):
    sellers, makers = twins
    a, b = draw_twins(sellers, "60000", 12, "equal_installment")
    go_to(date(2026, 2, 17))
    for actor, loan_id in ((sellers[0][0], a), (sellers[1][0], b)):  # 60,000 × 0.0006 × 17 = 612.00
        repay(actor, loan_id=loan_id, amount="612.00", idempotency_key=f"interest-{loan_id}")
    repay(sellers[0][0], loan_id=a, amount="12345.67", idempotency_key="prepay")
    reverse_last_payment(a, makers)
    with session_scope() as session:
        state = loan_store.get(session, a).state()
    # A = 5,608.09: 4,600.09 + 1,008.00; 4,577.65 + 1,030.44; 4,693.29 + 914.80 (see the unit test)
    assert [i.principal for i in state.installments[:3]] == [D("4600.09"), D("4577.65"), D("4693.29")]
    assert_twins(a, b, [date(2026, 3, 29)])
    go_to(date(2026, 3, 29))
    # 120.06 penalty + 396.00 interest + 4,600.09 principal overdue, 963.96 accrued + 55,399.91
    assert payoff_quote(sellers[0][0], a).payoff == D("61480.02")
    assert_twins(a, b)


def test_a_twin_recalled_while_the_loan_stood_paid_is_recalled_by_the_reversal(twins):
    sellers, makers = twins
    a, b = draw_twins(sellers, "9000", 3, "equal_principal")
    go_to(date(2026, 2, 10))
    repay(sellers[0][0], loan_id=a, amount=payoff_quote(sellers[0][0], a).payoff, idempotency_key="payoff")
    go_to(date(2026, 2, 20))
    with session_scope() as session:  # both sellers recalled: A has nothing outstanding, B is recalled
        for actor, _ in sellers:
            monitoring.open_recall(session, actor.seller_id, date(2026, 2, 20), [])
        assert [r.due_date for r in loan_store.get(session, b).installments] == [date(2026, 2, 27)]
        assert len(loan_store.get(session, a).installments) == 3
    go_to(date(2026, 3, 2))
    reverse_last_payment(a, makers)
    with session_scope() as session:
        loan = session.get(Loan, a)
        assert (loan.status, loan.maturity_date) == ("open", date(2026, 2, 27))
    # 9,000.00 + 9,000 × 0.0006 × 27 = 145.80, overdue 3 days: 9,000 × 0.0009 × 3 = 24.30
    assert payoff_quote(sellers[0][0], a).payoff == D("9170.10")
    assert_twins(a, b, [date(2026, 4, 1)])


def test_a_loan_moved_onto_a_recovery_plan_refuses_a_reversal_and_the_plan_reverses_like_any_loan(twins):
    sellers, makers = twins
    (seller, shop), _ = sellers
    loan = draw_credit_loan(seller, shop_id=shop, amount="10000", months=1, method="bullet",
                            idempotency_key="d")
    repay(seller, loan_id=loan.id, amount="100", idempotency_key="part")  # the day's interest + 94.00
    with session_scope() as session:
        set_business_date(session, date(2026, 6, 1))
    go_to(date(2026, 6, 2))  # 2026-02-28 + 91: non-performing, the seller blacklisted
    plan = create_recovery_plan(makers[0], seller.seller_id, 6, "not malicious")
    with pytest.raises(CorrectionRefused) as refused:
        reverse_last_payment(loan.id, makers)
    assert refused.value.text.key == "correction.reversal_closed_as.recovery"  # the issue-19 guard names why
    with session_scope() as session:
        set_business_date(session, date(2026, 7, 2))  # the plan's first due date
    due = payoff_quote(seller, plan.loan_id).due_now
    repay(seller, loan_id=plan.loan_id, amount=due, idempotency_key="p1")
    with session_scope() as session:
        before = loan_store.get(session, plan.loan_id).state()
    go_to(date(2026, 7, 5))
    reverse_last_payment(plan.loan_id, makers)
    with session_scope() as session:
        after = loan_store.get(session, plan.loan_id).state()
    assert [i.principal_paid for i in after.installments] == [D("0")] * 6
    assert after.installments[0].principal == before.installments[0].principal
    assert reconcile().ok


# --- the property: random loans, random payments, the last one reversed -------------------------------------


PAYMENTS = st.lists(st.tuples(st.integers(0, 18), st.integers(1, 100)), min_size=1, max_size=3)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(method=st.sampled_from(list(RepaymentMethod)), months=st.sampled_from([1, 3]),
       fen=st.integers(10_000, 3_000_000), start=st.integers(0, 40), payments=PAYMENTS,
       wait=st.integers(0, 12), later=st.integers(1, 15))
def test_any_reversal_through_the_services_leaves_the_loan_as_its_twin(database_template, method, months, fen,
                                                                        start, payments, wait, later):
    """Loans A and B alike; the same payments (a share of the payoff) on the same days, the last
    one to A only; it is reversed `wait` days later; A and B compared then and `later` days on."""
    with fresh_database(database_template):
        first = JAN31 + timedelta(days=start)
        with session_scope() as session:
            set_business_date(session, first)
            set_nightly_pre_approval(session, False)
            sellers = [add_seller(session, n, 5_000_000, "0.9") for n in (1, 2)]
        makers = officers()
        a, b = draw_twins([(s[0], s[1]) for s in sellers], str(D(fen) / 100), months, method)
        day, reversible = first, False
        for k, (gap, share) in enumerate(payments):
            day += timedelta(days=gap)
            go_to(day)
            last = k == len(payments) - 1
            for (actor, _, _), loan_id in zip(sellers, (a,) if last else (a, b), strict=False):
                payoff = payoff_quote(actor, loan_id).payoff
                if payoff > 0:
                    amount = max(D("0.01"), (payoff * share / 100).quantize(D("0.01"), ROUND_DOWN))
                    repay(actor, loan_id=loan_id, amount=amount, idempotency_key=f"pay-{loan_id}-{k}")
                    reversible = last
        if not reversible:  # A was repaid before the last payment: nothing for B not to receive
            return
        go_to(day + timedelta(days=wait))
        reverse_last_payment(a, makers)
        assert_twins(a, b, [day + timedelta(days=wait + later)])
        go_to(day + timedelta(days=wait + later))
        assert_twins(a, b)
