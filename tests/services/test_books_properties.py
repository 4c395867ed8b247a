"""Property (issue #18 "Done when"): after any sequence of draws, repayments, end of days (with
jumps of the business date, so loans fall past due and non-performing), write-offs and recoveries,
the trial balance sums to zero, the allowance equals the required amount as of the last end of
day (`reconcile`), and the statements of consecutive periods chain: each account's closing
balance is the next period's opening balance, and retained earnings grow by each period's net
income."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from app.config import RepaymentMethod
from app.errors import LendingError
from app.services.access.actor import ADMIN, RISK, SYSTEM_ACTOR
from app.services.back_office.statements import balance_sheet_of, income_statement_of, trial_balance_of
from app.services.end_of_day.reconcile import reconcile
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.draws import draw_credit_loan
from app.services.lending.repayment import payoff_quote, repay
from app.services.risk_ops.corrections import approve_correction, propose_correction
from app.services.risk_ops.recoveries import receive_after_write_off
from app.services.store.postings import net_by_account
from app.services.store.settings import business_date, set_business_date, set_nightly_pre_approval
from db.engine import read_scope, session_scope
from db.models import Loan
from tests.services.conftest import START, add_seller, staff_login, table_digests
from tests.services.test_ledger_properties import fresh_database

operations = st.lists(st.one_of(
    st.tuples(st.just("credit"), st.integers(10_000, 2_000_000), st.sampled_from([1, 3]),
              st.sampled_from(list(RepaymentMethod))),
    st.tuples(st.just("repay"), st.integers(0, 9), st.integers(1, 100)),
    st.tuples(st.just("eod"), st.integers(1, 20)),
    st.tuples(st.just("jump"), st.integers(20, 150)),
    st.tuples(st.just("write_off"), st.integers(0, 9)),
    st.tuples(st.just("recover"), st.integers(0, 9), st.integers(1, 500_000)),
), min_size=1, max_size=10)


def apply(step, sellers, staff, n: int) -> None:
    kind = step[0]
    with session_scope() as s:
        today = business_date(s)
        open_loans = s.exec(select(Loan.id, Loan.seller_id).where(Loan.status == "open")
                            .order_by(Loan.id)).all()
        written_off = s.exec(select(Loan.id).where(Loan.closed_as == "written_off").order_by(Loan.id)).all()
    key = f"k{n}"
    if kind == "credit":
        seller, shop_id = sellers[n % len(sellers)]
        draw_credit_loan(seller, shop_id=shop_id, amount=Decimal(step[1]) / 100, months=step[2],
                         method=step[3], idempotency_key=key)
    elif kind == "repay" and open_loans:
        loan_id, seller_id = open_loans[step[1] % len(open_loans)]
        seller = next(actor for actor, _ in sellers if actor.seller_id == seller_id)
        payoff = payoff_quote(seller, loan_id).payoff
        amount = max(Decimal("0.01"), (payoff * step[2] / 100).quantize(Decimal("0.01")))
        repay(seller, loan_id=loan_id, amount=amount, idempotency_key=key)
    elif kind == "eod":
        run_end_of_day(SYSTEM_ACTOR, until=today + timedelta(days=step[1] - 1))
    elif kind == "jump":
        with session_scope() as s:
            set_business_date(s, today + timedelta(days=step[1]))
        run_end_of_day(SYSTEM_ACTOR)
    elif kind == "write_off" and open_loans:
        maker, checker = staff
        loan_id = open_loans[step[1] % len(open_loans)][0]
        proposed = propose_correction(maker, kind="write_off", loan_id=loan_id, reason="uncollectable")
        approve_correction(checker, proposed.id)
    elif kind == "recover" and written_off:
        loan_id = written_off[step[1] % len(written_off)]
        receive_after_write_off(staff[0], loan_id, Decimal(step[2]) / 100, "agency")


def assert_statements_chain(dates) -> None:
    """Trial balance zero and the balance sheet's identity on each date; between consecutive dates,
    opening + movement = closing for every account, and retained earnings grow by the net income."""
    with read_scope() as s:
        for day in dates:
            tb = trial_balance_of(s, day)
            assert tb.total_debit == tb.total_credit
            sheet = balance_sheet_of(s, day)
            assert sheet.total_assets == sheet.total_liabilities_and_equity
        for first, last in zip(dates, dates[1:], strict=False):
            opening, closing = net_by_account(s, through=first), net_by_account(s, through=last)
            moved = net_by_account(s, through=last, since=first + timedelta(days=1))
            for account in set(opening) | set(closing) | set(moved):
                assert opening.get(account, 0) + moved.get(account, 0) == closing.get(account, 0), account
            income = income_statement_of(s, first + timedelta(days=1), last)
            assert (balance_sheet_of(s, first).retained_earnings + income.net_income
                    == balance_sheet_of(s, last).retained_earnings)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=operations)
def test_any_sequence_keeps_the_books_balanced_provisioned_and_chained(database_template, steps):
    with fresh_database(database_template):
        with session_scope() as s:
            set_business_date(s, START)
            set_nightly_pre_approval(s, False)
            sellers = [add_seller(s, n, 5_000_000, "0.9")[:2] for n in (1, 2)]
        staff = (staff_login("risk1", RISK), staff_login("admin1", ADMIN))
        dates = [START - timedelta(days=1)]
        for n, step in enumerate(steps):
            before = table_digests()
            try:
                apply(step, sellers, staff, n)
                event(f"{step[0]} applied")
            except LendingError:
                assert table_digests() == before  # a refusal changes nothing
            report = reconcile()  # allowance = required as of the last end of day, among the rest
            assert report.ok, (step, report.problems)
            with session_scope() as s:
                dates.append(max(dates[-1], business_date(s)))
        assert_statements_chain(sorted(set(dates)))
