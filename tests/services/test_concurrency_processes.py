"""Many PROCESSES at once against one database: limits, caps, capacity, idempotency,
lock order and end of day hold (rules §2, §5, §8, §10, §11; issue #8); the back office's
money paths and settings beside them (issue #19: h-l).

Each scenario releases 32 worker processes together (tests/support/concurrency.py),
then checks the books: every journal entry balances, `reconcile()` is clean, and
no limit, cap or capacity is exceeded. Runs on SQLite and on PostgreSQL
(`-m db --db=postgres`); locking is only really tested on PostgreSQL.
"""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from app.config import DEFAULT_CONFIG
from app.money import from_fen
from app.services.access.actor import ADMIN, RISK, SYSTEM_ACTOR, Actor
from app.services.end_of_day.reconcile import reconcile
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.availability import outstanding_by_product
from app.services.lending.draws import draw_credit_loan, draw_order_loan
from app.services.lending.orders import settle_order
from app.services.lending.repayment import repay
from app.services.risk_ops.corrections import approve_correction, propose_correction, reject_correction
from app.services.risk_ops.recovery import create_recovery_plan
from app.services.store.product_settings import SETTINGS, change_settings, effective_config, loanable_funds
from app.services.store.settings import book_outstanding, business_date, set_business_date, set_lender_funds
from db.engine import engine_for, session_scope
from db.models import Correction, JournalLine, Loan, Order, Payment, Seller, SettingsChange, User
from tests.services.conftest import START, add_orders, add_seller
from tests.support.concurrency import kinds, run_together

# `processes`: scripts/test.sh runs these in a pytest process of their own (no xdist), so the
# 32 workers start from a clean interpreter whatever ran before them in the same session.
pytestmark = [pytest.mark.slow, pytest.mark.processes]
WORKERS = 32


# --- what a worker process runs (module level: picklable by reference) -----------------------

def credit_draw(actor, shop_id, amount, key, months=3, method="equal_principal") -> int:
    return draw_credit_loan(actor, shop_id=shop_id, amount=amount, months=months, method=method,
                            idempotency_key=key).id


def order_draw(actor, shop_id, order_ids, amount, key) -> int:
    return draw_order_loan(actor, shop_id=shop_id, order_ids=order_ids, amount=amount, idempotency_key=key).id


def repayment(actor, loan_id, amount, key) -> int:
    return repay(actor, loan_id=loan_id, amount=amount, idempotency_key=key).payment_id


def settlement(order_id) -> str:
    return str(settle_order(SYSTEM_ACTOR, order_id).to_loan)


def end_of_day() -> int:
    return len(run_end_of_day(SYSTEM_ACTOR))


def propose(actor, **kwargs) -> int:
    return propose_correction(actor, **kwargs).id


def approve(actor, correction_id) -> str:
    return approve_correction(actor, correction_id).status


def reject(actor, correction_id) -> str:
    return reject_correction(actor, correction_id).status


def recovery_plan(actor, seller_id) -> int:
    return create_recovery_plan(actor, seller_id, 6, "not malicious").loan_id


def set_values(actor, values) -> int:
    return len(change_settings(actor, values))


def after(seconds, call, **kwargs):
    time.sleep(seconds)
    return call(**kwargs)


# --- set-up and checks ------------------------------------------------------------------------

@pytest.fixture
def market(db_url):
    """A fresh database on START, nightly re-rating off; yields `sellers(n, limit_fen, advance)`."""
    from app.services.store.settings import set_business_date, set_nightly_pre_approval

    with session_scope() as session:
        set_business_date(session, START)
        set_nightly_pre_approval(session, False)
    numbers = iter(range(1, 1000))

    def sellers(count: int, credit_limit_fen: int, advance: str = "0.9") -> list[tuple]:
        with session_scope() as session:
            return [add_seller(session, next(numbers), credit_limit_fen, advance) for _ in range(count)]

    yield sellers
    engine_for(db_url).dispose()


def assert_books_clean() -> None:
    report = reconcile()
    assert report.ok, report.problems[:10]
    with session_scope() as session:
        unbalanced = session.exec(select(JournalLine.entry_id).group_by(JournalLine.entry_id).having(
            func.sum(JournalLine.debit_fen) != func.sum(JournalLine.credit_fen))).all()
        assert unbalanced == []
        assert book_outstanding(session) <= loanable_funds(session)
        for seller in session.exec(select(Seller)).all():
            totals = outstanding_by_product(session, seller.id)
            assert sum(totals.values()) <= DEFAULT_CONFIG.max_principal
            assert all(t <= DEFAULT_CONFIG.product_limit_cap for t in totals.values())


def measured(label: str, outcomes) -> None:
    """What a round gave, for the reader of `pytest -s` (the asserts decide pass or fail)."""
    print(f"\n{label}: {dict(kinds(outcomes))}")


def no_errors(outcomes) -> None:
    errors = [o.value for o in outcomes if o.kind == "error"]
    assert errors == [], errors[:3]


def count(model) -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(model)).one()


# --- scenarios --------------------------------------------------------------------------------

def test_a_lender_capacity_holds_across_32_sellers_drawing_at_once(market):
    people = market(WORKERS, 10_000_000)  # credit limit 100,000.00 each
    with session_scope() as session:
        set_lender_funds(session, registered_capital=Decimal("300000.00"), bank_credit_lines=Decimal("0"))
    outcomes = run_together(_url(), [(credit_draw, {"actor": a, "shop_id": s, "amount": "50000.00",
                                                            "key": f"cap-{n}"}) for a, s, n in people])
    no_errors(outcomes)
    assert kinds(outcomes) == {"ok": 6, "LenderCapacityExceeded": WORKERS - 6}
    with session_scope() as session:
        assert book_outstanding(session) == Decimal("300000.00")
    assert_books_clean()


def test_b_one_sellers_credit_limit_holds_against_32_draws(market):
    [(actor, shop, seller_id)] = market(1, 5_000_000)  # 50,000.00
    outcomes = run_together(_url(), [(credit_draw, {"actor": actor, "shop_id": shop, "amount": "5000.00",
                                                    "key": f"lim-{k}"}) for k in range(WORKERS)])
    no_errors(outcomes)
    assert kinds(outcomes) == {"ok": 10, "LimitExceeded": WORKERS - 10}
    with session_scope() as session:
        assert sum(outstanding_by_product(session, seller_id).values()) == Decimal("50000.00")
    assert_books_clean()


def test_c_the_combined_cap_holds_across_both_products(market):
    [(actor, shop, seller_id)] = market(1, 100_000_000, advance="1.0")  # credit limit 1,000,000.00
    with session_scope() as session:
        orders = add_orders(session, shop, WORKERS // 2, amount_fen=10_000_000)  # 100,000.00 each
    calls = [(credit_draw, {"actor": actor, "shop_id": shop, "amount": "100000.00", "key": f"c-{k}"})
             for k in range(WORKERS // 2)]
    calls += [(order_draw, {"actor": actor, "shop_id": shop, "order_ids": [o], "amount": "100000.00",
                            "key": f"o-{o}"}) for o in orders]
    outcomes = run_together(_url(), calls)
    no_errors(outcomes)
    outcome_kinds = kinds(outcomes)  # the product limit is named when it binds too (all 10 were credit)
    assert outcome_kinds["ok"] == 10 and set(outcome_kinds) <= {"ok", "CombinedCapExceeded", "LimitExceeded"}
    with session_scope() as session:
        assert sum(outstanding_by_product(session, seller_id).values()) == DEFAULT_CONFIG.max_principal
    assert_books_clean()


def test_d_32_partial_repayments_of_one_loan_never_pay_more_than_was_owed(market):
    [(actor, shop, _)] = market(1, 5_000_000)
    loan_id = credit_draw(actor, shop, "10000.00", "loan", months=1, method="bullet")
    # payoff today 10,006.00 (one day's interest); 32 × 500.00 = 16,000.00 is offered
    outcomes = run_together(_url(), [(repayment, {"actor": actor, "loan_id": loan_id, "amount": "500.00",
                                                  "key": f"pay-{k}"}) for k in range(WORKERS)])
    no_errors(outcomes)
    assert kinds(outcomes) == {"ok": 20, "PaymentExceedsPayoff": WORKERS - 20}
    with session_scope() as session:
        paid = sum(p.amount_fen for p in session.exec(select(Payment)).all())
        assert paid == 1_000_000 <= 1_000_600
        assert session.get(Loan, loan_id).outstanding_fen == 600  # interest left: no principal
    assert_books_clean()


def test_e_the_same_key_from_32_processes_draws_once_and_pays_once(market):
    [(actor, shop, _)] = market(1, 5_000_000)
    draws = run_together(_url(), [(credit_draw, {"actor": actor, "shop_id": shop, "amount": "30000.00",
                                                 "key": "same-draw"})] * WORKERS)
    no_errors(draws)
    assert len({o.value for o in draws}) == 1 and count(Loan) == 1
    loan_id = draws[0].value
    with session_scope() as session:
        payoff = from_fen(session.get(Loan, loan_id).outstanding_fen) + Decimal("18.00")  # one day at 0.06 %
    pays = run_together(_url(), [(repayment, {"actor": actor, "loan_id": loan_id, "amount": str(payoff),
                                              "key": "same-payoff"})] * WORKERS)
    no_errors(pays)
    assert len({o.value for o in pays}) == 1 and kinds(pays) == {"ok": WORKERS}
    assert count(Payment) == 1
    assert_books_clean()


def test_f_settlements_and_order_draws_of_one_seller_never_deadlock_out(market):
    [(actor, shop, _)] = market(1, 5_000_000)
    with session_scope() as session:
        contested = add_orders(session, shop, WORKERS // 2)
    calls = []
    for order_id in contested:  # one process settles the order, another pledges it
        calls.append((settlement, {"order_id": order_id}))
        calls.append((order_draw, {"actor": actor, "shop_id": shop, "order_ids": [order_id], "amount": None,
                                   "key": f"draw-{order_id}"}))
    outcomes = run_together(_url(), calls)
    no_errors(outcomes)
    assert set(kinds(outcomes)) <= {"ok", "OrderNotEligible"}
    with session_scope() as session:
        for order_id in contested:
            assert session.get(Order, order_id).status == "settled"
        for loan in session.exec(select(Loan)).all():  # drawn before its order settled: repaid by it
            assert loan.status == "closed" or loan.outstanding_fen == 0
    assert_books_clean()


def test_g_end_of_day_with_draws_and_repayments_committing_during_it(market):
    people = market(WORKERS // 2, 5_000_000)
    loans = [credit_draw(a, s, "20000.00", f"old-{n}") for a, s, n in people]
    calls = [(end_of_day, {})]
    for k, ((actor, shop, _), loan_id) in enumerate(zip(people, loans, strict=True)):
        delay = 0.02 * k
        calls.append((after, {"seconds": delay, "call": repayment, "actor": actor, "loan_id": loan_id,
                              "amount": "1000.00", "key": f"pay-{k}"}))
        if k < WORKERS // 2 - 1:
            calls.append((after, {"seconds": delay, "call": credit_draw, "actor": actor, "shop_id": shop,
                                  "amount": "1000.00", "key": f"new-{k}"}))
    outcomes = run_together(_url(), calls)
    no_errors(outcomes)
    assert kinds(outcomes) == {"ok": WORKERS}
    with session_scope() as session:
        assert business_date(session) == START.fromordinal(START.toordinal() + 1)
    assert_books_clean()
    run_end_of_day(SYSTEM_ACTOR)  # the next night accrues every loan on from where it stands
    assert_books_clean()


# --- the back office beside money moving (issue #19) -------------------------------------------

def staff(role: str, count: int = 1) -> list[Actor]:
    """`count` staff logins of `role`, each with a user id of its own."""
    with session_scope() as session:
        first = session.exec(select(func.count()).select_from(User)).one()
        users = [User(username=f"{role}{first + k}", role=role) for k in range(count)]
        session.add_all(users)
        session.flush()
        return [Actor(user.id, role) for user in users]


def default_all(people: list[tuple], amount: str = "10000.00") -> list[int]:
    """A 1-month bullet each, drawn on START and never repaid; end of day from 06-29 to 07-01:
    on 07-02 every loan is 91 days past due (non-performing) and its seller blacklisted."""
    loans = [credit_draw(a, s, amount, f"default-{n}", months=1, method="bullet") for a, s, n in people]
    with session_scope() as session:
        set_business_date(session, date(2026, 6, 29))
    run_end_of_day(SYSTEM_ACTOR, until=date(2026, 7, 1))
    with session_scope() as session:
        assert all(session.get(Seller, seller_id).blacklisted for _, _, seller_id in people)
    return loans


def today() -> date:
    with session_scope() as session:
        return business_date(session)


def test_h_end_of_day_while_corrections_are_approved_and_recovery_plans_are_made(market):
    """Item 2: every money path holds the business day, then reads the date — so a reversal or
    a plan commits wholly before the night's accruals or wholly on the new date."""
    defaulters = market(8, 5_000_000)
    default_all(defaulters)
    payers = market(WORKERS - 1 - len(defaulters), 5_000_000)
    loans = [credit_draw(a, s, "10000.00", f"pay-{n}", months=3) for a, s, n in payers]
    run_end_of_day(SYSTEM_ACTOR)  # a day of interest on the new loans
    maker, checker = staff(RISK, 2)
    proposals = []
    for (actor, _, n), loan_id in zip(payers, loans, strict=True):
        payment_id = repayment(actor, loan_id, "2000.00", f"part-{n}")
        proposals.append(propose(maker, kind="payment_reversal", loan_id=loan_id, payment_id=payment_id,
                                 reason="the bank returned the transfer"))
    night = today()
    calls = [(end_of_day, {})]  # the others spread over its run, as in test_g
    calls += [(after, {"seconds": 0.03 * k, "call": recovery_plan, "actor": maker, "seller_id": seller_id})
              for k, (_, _, seller_id) in enumerate(defaulters)]
    calls += [(after, {"seconds": 0.01 * k, "call": approve, "actor": checker, "correction_id": c})
              for k, c in enumerate(proposals)]
    outcomes = run_together(_url(), calls)
    measured("end of day + 8 plans + 23 approvals", outcomes)
    no_errors(outcomes)
    assert kinds(outcomes) == {"ok": WORKERS}
    assert today() == date.fromordinal(night.toordinal() + 1)
    assert_books_clean()
    run_end_of_day(SYSTEM_ACTOR)  # the next night accrues every loan on from where it stands
    assert_books_clean()


def test_i_one_pending_correction_per_loan_and_one_decision_per_correction(market):
    """Item 3: 32 proposals of a waiver on one loan at once (16 the same officer's, 16 from 16
    officers) leave one pending; 16 approvals and 16 rejections of it at once, one decision."""
    [loan_id] = default_all(market(1, 5_000_000))  # penalty owed: 10,000 × 0.0009 × 91 days = 819.00
    officers = staff(RISK, WORKERS // 2 + 1)
    same = {"kind": "penalty_waiver", "loan_id": loan_id, "amount": "50.00", "reason": "goodwill"}
    calls = [(propose, {"actor": officers[0], **same})] * (WORKERS // 2)
    calls += [(propose, {"actor": officer, **same}) for officer in officers[1:]]
    outcomes = run_together(_url(), calls)
    measured("32 proposals of one waiver", outcomes)
    no_errors(outcomes)
    assert kinds(outcomes) == {"ok": 1, "CorrectionRefused": WORKERS - 1}
    [correction_id] = [o.value for o in outcomes if o.kind == "ok"]
    checkers = staff(ADMIN, WORKERS)
    calls = [(approve if k % 2 else reject, {"actor": checker, "correction_id": correction_id})
             for k, checker in enumerate(checkers)]
    decisions = run_together(_url(), calls)
    measured("16 approvals + 16 rejections of it", decisions)
    no_errors(decisions)
    assert kinds(decisions) == {"ok": 1, "CorrectionRefused": WORKERS - 1}
    with session_scope() as session:
        rows = session.exec(select(Correction)).all()
        waived = sum(c.amount_fen for c in rows if c.status == "approved")
    assert len(rows) == 1 and waived in (0, 5_000)
    assert_books_clean()


def test_j_approvals_while_the_seller_repays_never_deadlock_out(market):
    """Item 4: reversals of order proceeds (refunded onto the seller's balance) approved while
    the seller repays the same loans: one lock order, so no deadlock escapes; a reversal whose
    payment is no longer the latest is refused (re-checked at approval)."""
    [(actor, shop, _)] = market(1, 5_000_000)
    with session_scope() as session:
        orders = add_orders(session, shop, WORKERS)
    loans = [order_draw(actor, shop, orders[k:k + 2], None, f"o-{k}") for k in range(0, WORKERS, 2)]
    for k in range(0, WORKERS, 2):
        settlement(orders[k])  # 1,000.00 of the 1,800.00 loan paid from the proceeds
    maker, checker = staff(RISK, 2)
    proposals = []
    with session_scope() as session:
        payments = {p.loan_id: p.id for p in session.exec(select(Payment)).all()}
    for loan_id in loans:
        proposals.append(propose(maker, kind="payment_reversal", loan_id=loan_id,
                                 payment_id=payments[loan_id], reason="the buyer's payment was charged back"))
    calls = []
    for loan_id, correction_id in zip(loans, proposals, strict=True):
        calls.append((approve, {"actor": checker, "correction_id": correction_id}))
        calls.append((repayment, {"actor": actor, "loan_id": loan_id, "amount": "100.00",
                                  "key": f"r-{loan_id}"}))
    outcomes = run_together(_url(), calls)
    measured("16 approvals", outcomes[0::2])
    measured("16 repayments", outcomes[1::2])
    no_errors(outcomes)
    assert set(kinds(outcomes)) <= {"ok", "CorrectionRefused"}
    assert [o.kind for o in outcomes[1::2]] == ["ok"] * (WORKERS // 2)  # every repayment went through
    assert_books_clean()


def chained(name: str) -> list[tuple[str, str]]:
    """The trail of one setting, oldest first, as (old, new) pairs."""
    with session_scope() as session:
        rows = session.exec(select(SettingsChange).where(SettingsChange.name == name)
                            .order_by(col(SettingsChange.id))).all()
        return [(r.old_value, r.new_value) for r in rows]


def assert_trail_chains(name: str) -> None:
    """Each row's old value is the previous row's new value; the first starts from the default,
    the last is the value in force (the default when there is no row)."""
    spec = SETTINGS[name]
    default = spec.show(spec.read(DEFAULT_CONFIG))
    trail = chained(name)
    links = [(default, default), *trail]  # (old, new) of "no change yet", then every change
    broken = [(a, b) for a, b in zip(links, links[1:], strict=False) if b[0] != a[1]]
    assert broken == [], broken[:3]
    with session_scope() as session:
        assert spec.show(spec.read(effective_config(session))) == links[-1][1]


def test_k_32_admins_setting_never_set_values_at_once_leave_a_chained_trail(market):
    """Item 5: the first change of a setting inserts its row; 16 admins at once on each of two
    settings: every change applies, one after the other, and the trail chains."""
    admins = staff(ADMIN, WORKERS)
    half = WORKERS // 2
    calls = [(set_values, {"actor": a, "values": {"penalty_multiplier": f"1.{30 + k}"}})
             for k, a in enumerate(admins[:half])]
    calls += [(set_values, {"actor": a, "values": {"credit_daily_rate": f"0.000{k + 10}"}})
              for k, a in enumerate(admins[half:])]
    outcomes = run_together(_url(), calls)
    measured("32 first changes of two settings", outcomes)
    no_errors(outcomes)
    assert kinds(outcomes) == {"ok": WORKERS}
    assert [o.value for o in outcomes] == [1] * WORKERS
    for name in ("penalty_multiplier", "credit_daily_rate"):
        assert len(chained(name)) == half
        assert_trail_chains(name)
    assert_books_clean()


def test_l_capital_lowered_while_bank_lines_are_raised_never_breaks_the_50_percent_rule(market):
    """Item 5: write skew. Each change alone is allowed; capital 600,000 with lines of 400,000 or
    more is not (rules §10: lines at most 50 % of capital). Checked inside the same lock."""
    admins = staff(ADMIN, WORKERS + 1)
    set_values(admins[-1], {"registered_capital": "1000000.00", "bank_credit_lines": "0"})
    half = WORKERS // 2
    calls = [(set_values, {"actor": a, "values": {"registered_capital": f"{600000 + k}.00"}})
             for k, a in enumerate(admins[:half])]
    calls += [(set_values, {"actor": a, "values": {"bank_credit_lines": f"{400000 + k}.00"}})
              for k, a in enumerate(admins[half:WORKERS])]
    outcomes = run_together(_url(), calls)
    measured("16 capital changes", outcomes[:half])
    measured("16 bank-line changes", outcomes[half:])
    no_errors(outcomes)
    assert set(kinds(outcomes)) <= {"ok", "SettingRefused"} and kinds(outcomes)["ok"] >= 1
    with session_scope() as session:
        cfg = effective_config(session)
    assert cfg.bank_credit_lines <= cfg.registered_capital * cfg.bank_lines_max_share
    for name in ("registered_capital", "bank_credit_lines"):
        assert_trail_chains(name)
    assert_books_clean()


def _url() -> str:
    import os

    return os.environ["DATABASE_URL"]
