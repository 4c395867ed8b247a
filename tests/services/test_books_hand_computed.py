"""A hand-computed example of the books (issue #18 "Done when"), checked to the fen: three loans in
three categories, the thresholds and rates changed once, a write-off and a recovery.

Rates: credit 0.06 %/day (6.00 a day on 10,000.00), penalty 1.5 × = 0.09 %/day, on the unpaid
principal from the day after the due date; accruals stop when a loan turns non-performing
(oldest due + 91 days). A night's classification counts DPD as of the next business date.

    A  seller 1   10,000.00  bullet, drawn 03-02, due 04-02, never paid
    B  seller 2    5,000.00  bullet, drawn 05-01, due 06-01, never paid
    C  seller 3    2,000.00  bullet, drawn 06-15, due 07-15

End of day runs only for 07-01, 07-02 and 07-03 (the business date is moved between draws), so
the first night posts every accrual so far.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from app import ledger
from app.services.access.actor import ADMIN, RISK
from app.services.back_office.statements import (
    balance_sheet,
    classification_table,
    income_statement,
    trial_balance,
)
from app.services.end_of_day.reconcile import reconcile
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.draws import draw_credit_loan
from app.services.risk_ops.corrections import approve_correction, propose_correction
from app.services.risk_ops.recoveries import receive_after_write_off
from app.services.store import postings
from app.services.store.product_settings import change_settings
from app.services.store.settings import set_business_date
from db.engine import session_scope
from tests.services.conftest import add_seller, staff_login
from tests.services.test_books import PASS, SPECIAL_MENTION, SUBSTANDARD, classes, provision_lines, totals

JULY_1, JULY_2, JULY_3 = date(2026, 7, 1), date(2026, 7, 2), date(2026, 7, 3)


def bullet(actor, shop_id: str, amount: str, key: str) -> int:
    return draw_credit_loan(actor, shop_id=shop_id, amount=amount, months=1, method="bullet",
                            idempotency_key=key).id


def move_to(day: date) -> None:
    with session_scope() as session:
        set_business_date(session, day)


def allowance() -> D:
    with session_scope() as session:
        return -D(postings.balance_fen(session, ledger.LOAN_LOSS_ALLOWANCE)) / 100


def test_three_loans_a_settings_change_a_write_off_and_a_recovery_to_the_fen(book):
    admin, risk = staff_login("admin1", ADMIN), staff_login("risk1", RISK)
    a = bullet(book.seller, book.shop_id, "10000", "a")  # 03-02
    move_to(date(2026, 5, 1))
    b = bullet(book.other, book.other_shop_id, "5000", "b")
    move_to(date(2026, 6, 15))
    with session_scope() as session:
        third, third_shop, _ = add_seller(session, 3, 1_000_000, "0.9")
    c = bullet(third, third_shop, "2000", "c")
    move_to(JULY_1)

    # --- night of 07-01 (DPD as of 07-02), default thresholds 0 / 90 / 180 / 360 ---
    run_end_of_day(book.system)
    # A: interest 31 days (03-02 → 04-02) × 6.00 = 186.00; penalty 91 days (04-02 → 07-02, when it
    #    turns non-performing) × 9.00 = 819.00; 10,000 + 186 + 819 = 11,005.00; DPD 91: 次级
    # B: interest 31 days × 3.00 = 93.00; penalty 31 days (06-01 → 07-02) × 4.50 = 139.50;
    #    5,232.50; DPD 31: 关注
    # C: interest 17 days (06-15 → 07-02) × 1.20 = 20.40; 2,020.40; DPD 0: 正常
    assert classes(JULY_1) == {a: (SUBSTANDARD, 91, 1_100_500), b: (SPECIAL_MENTION, 31, 523_250),
                               c: (PASS, 0, 202_040)}
    # required: 2,020.40 × 1 % = 20.204 → 20.20; 5,232.50 × 2 % = 104.65; 11,005.00 × 25 % = 2,751.25
    # total 2,876.10, all of it provision expense (the allowance held nothing)
    assert {k: v[3] for k, v in totals(JULY_1).items()} == {0: 2_020, 1: 10_465, 2: 275_125, 3: 0, 4: 0}
    assert provision_lines(JULY_1) == [(ledger.PROVISION_EXPENSE, 287_610, 0),
                                       (ledger.LOAN_LOSS_ALLOWANCE, 0, 287_610)]

    # --- the admin tightens the thresholds to 0 / 30 / 60 / 90 and the rates to 1 / 5 / 30 / 60 / 100 ---
    change_settings(admin, {"classification_dpd": "0, 30, 60, 90", "allowance_rates": "1, 5, 30, 60, 100"})
    run_end_of_day(book.system)  # night of 07-02, DPD as of 07-03
    # A: accruals stopped on 07-02: still 11,005.00; DPD 92 > 90: 损失, 100 % = 11,005.00
    # B: penalty 32 days × 4.50 = 144.00; 5,237.00; DPD 32: 次级 (31-60), 30 % = 1,571.10
    # C: interest 18 days × 1.20 = 21.60; 2,021.60; 正常, 1 % = 20.216 → 20.22
    # required 11,005.00 + 1,571.10 + 20.22 = 12,596.32; provision 12,596.32 − 2,876.10 = 9,720.22
    assert {k: v[3] for k, v in totals(JULY_2).items()} == {0: 2_022, 1: 0, 2: 157_110, 3: 0, 4: 1_100_500}
    assert provision_lines(JULY_2) == [(ledger.PROVISION_EXPENSE, 972_022, 0),
                                       (ledger.LOAN_LOSS_ALLOWANCE, 0, 972_022)]
    assert allowance() == D("12596.32")

    # --- 07-03: A is written off (the allowance first: all 11,005.00 of it), then 1,000.00 recovered ---
    proposed = propose_correction(risk, kind="write_off", loan_id=a, reason="uncollectable")
    assert approve_correction(admin, proposed.id).amount == D("11005.00")
    assert allowance() == D("1591.32")  # 12,596.32 − 11,005.00; nothing went to the loss account
    assert receive_after_write_off(risk, a, "1000.00", "collection agency") == D("10005.00")
    run_end_of_day(book.system)  # night of 07-03, DPD as of 07-04
    # B: penalty 33 days × 4.50 = 148.50; 5,241.50; DPD 33: 次级, 30 % = 1,572.45
    # C: interest 19 days × 1.20 = 22.80; 2,022.80; 1 % = 20.228 → 20.23
    # required 1,592.68; the allowance held 1,591.32: 1.36 more
    assert provision_lines(JULY_3) == [(ledger.PROVISION_EXPENSE, 136, 0),
                                       (ledger.LOAN_LOSS_ALLOWANCE, 0, 136)]
    assert allowance() == D("1592.68")

    # --- the statements ---
    income = income_statement(admin, JULY_1, JULY_3)
    # interest 186.00 + 93.00 + 22.80 = 301.80; penalty 819.00 + 148.50 = 967.50; recovery 1,000.00;
    # provision 2,876.10 + 9,720.22 + 1.36 = 12,597.68; loss 0; net 2,269.30 − 12,597.68 = −10,328.38
    assert income.income == {ledger.INTEREST_INCOME: D("301.80"), ledger.PENALTY_INCOME: D("967.50"),
                             ledger.RECOVERY_INCOME: D("1000.00")}
    assert income.expenses == {ledger.FUNDING_EXPENSE: D("0.00"),  # capital is not used up: no bank line
                               ledger.PROVISION_EXPENSE: D("12597.68"), ledger.LOAN_LOSS: D("0.00")}
    assert (income.net_interest_income, income.net_income) == (D("1269.30"), D("-10328.38"))
    sheet = balance_sheet(admin, JULY_3)
    # cash −10,000 − 5,000 − 2,000 + 1,000 = −16,000.00 (no capital is booked); principal 7,000.00;
    # interest 93.00 + 22.80 = 115.80; penalty 148.50; allowance −1,592.68: total −10,328.38
    assert sheet.assets == {ledger.LENDER_FUNDS: D("-16000.00"), ledger.LOAN_PRINCIPAL: D("7000.00"),
                            ledger.INTEREST_RECEIVABLE: D("115.80"), ledger.PENALTY_RECEIVABLE: D("148.50"),
                            ledger.LOAN_LOSS_ALLOWANCE: D("-1592.68")}
    assert sheet.total_assets == sheet.retained_earnings == D("-10328.38")
    assert sheet.total_liabilities_and_equity == D("-10328.38")
    tb = trial_balance(admin, JULY_3)
    assert tb.total_debit == tb.total_credit
    table = classification_table(admin, JULY_3)
    # loans 5,241.50 + 2,022.80 = 7,264.30; NPL (次级 and worse) 5,241.50;
    # coverage 1,592.68 ÷ 5,241.50 = 0.30386 → 30.39 % (< 150 %); provision ratio ÷ 7,264.30 = 21.92 %
    point = table.point
    assert (point.loans, point.non_performing, point.allowance) == (D("7264.30"), D("5241.50"), D("1592.68"))
    assert (point.coverage, point.provision_ratio) == (D("0.3039"), D("0.2192"))
    report = reconcile()
    assert report.ok, report.problems
