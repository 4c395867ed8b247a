"""The lender's books (issue #18): the nightly five-category classification 五级分类 with its floors,
the loan-loss allowance 贷款损失准备 (rules §13), write-offs against it and recoveries as income,
and the month-end close. Every test ends with a clean `reconcile()`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from sqlmodel import col, select

from app import ledger
from app.errors import CloseRefused, CorrectionRefused, PeriodClosed, PermissionDenied
from app.i18n import text
from app.services.access.actor import ADMIN, RISK
from app.services.access.audit import audit_log
from app.services.back_office.statements import classification_table, trial_balance
from app.services.end_of_day.close import close_month, stored_statement
from app.services.end_of_day.reconcile import reconcile
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.draws import draw_credit_loan
from app.services.risk_ops.corrections import approve_correction, propose_correction
from app.services.risk_ops.recoveries import receive_after_write_off
from app.services.risk_ops.recovery import create_recovery_plan
from app.services.store import postings
from app.services.store.product_settings import change_settings, product_settings
from app.services.store.settings import set_business_date
from db.engine import session_scope
from db.models import ClassificationTotal, JournalEntry, JournalLine, LoanClassification, RecoveryPlan
from tests.services.conftest import START, staff_login, table_digests
from tests.services.test_risk_ops import add_sales, windows

PASS, SPECIAL_MENTION, SUBSTANDARD, DOUBTFUL, LOSS = range(5)


def assert_reconciled():
    report = reconcile()
    assert report.ok, report.problems


def draw(actor, shop_id, amount="10000", key="d1", months=1, method="bullet"):
    return draw_credit_loan(actor, shop_id=shop_id, amount=amount, months=months, method=method,
                            idempotency_key=key)


def classes(night: date) -> dict[int, tuple[int, int, int]]:
    """loan id → (category, dpd, balance in fen) kept for `night`."""
    with session_scope() as session:
        rows = session.exec(select(LoanClassification).where(LoanClassification.business_date == night))
        return {r.loan_id: (r.category, r.dpd, r.balance_fen) for r in rows}


def totals(night: date) -> dict[int, tuple[int, int, int, int]]:
    """category → (loans, balance fen, rate bp, required fen) of `night`."""
    with session_scope() as session:
        rows = session.exec(select(ClassificationTotal).where(ClassificationTotal.business_date == night))
        return {r.category: (r.loans, r.balance_fen, r.rate_bp, r.required_fen) for r in rows}


def allowance_fen() -> int:
    """The allowance held (a credit balance), in fen."""
    with session_scope() as session:
        return -postings.balance_fen(session, ledger.LOAN_LOSS_ALLOWANCE)


def provision_lines(night: date) -> list[tuple[str, int, int]]:
    with session_scope() as session:
        query = (select(JournalLine.account, JournalLine.debit_fen, JournalLine.credit_fen)
                 .join(JournalEntry, col(JournalEntry.id) == JournalLine.entry_id)
                 .where(JournalEntry.kind == "provision", JournalEntry.business_date == night)
                 .order_by(JournalLine.id))
        return [tuple(row) for row in session.exec(query)]


def default(book) -> int:
    """A 1-month bullet of 10,000.00 drawn 03-02, due 04-02, never paid; end of day for 06-29 and
    06-30 (DPD 90 on 07-01: 关注, not yet non-performing)."""
    loan = draw(book.seller, book.shop_id)
    with session_scope() as session:
        set_business_date(session, date(2026, 6, 29))
    run_end_of_day(book.system, until=date(2026, 6, 30))
    return loan.id


def test_every_open_loan_is_classified_each_night_and_the_allowance_posted(book):
    mine = draw(book.seller, book.shop_id)
    theirs = draw(book.other, book.other_shop_id, amount="5000", key="o1")
    run_end_of_day(book.system)  # 03-02
    # one day's interest each: 10,000 × 0.0006 = 6.00 and 5,000 × 0.0006 = 3.00; both 0 DPD: 正常
    assert classes(START) == {mine.id: (PASS, 0, 1_000_600), theirs.id: (PASS, 0, 500_300)}
    # required: 15,009.00 × 1 % = 150.09; the other categories hold nothing
    assert totals(START) == {PASS: (2, 1_500_900, 100, 15_009), SPECIAL_MENTION: (0, 0, 200, 0),
                             SUBSTANDARD: (0, 0, 2_500, 0), DOUBTFUL: (0, 0, 5_000, 0),
                             LOSS: (0, 0, 10_000, 0)}
    assert provision_lines(START) == [(ledger.PROVISION_EXPENSE, 15_009, 0),
                                      (ledger.LOAN_LOSS_ALLOWANCE, 0, 15_009)]
    run_end_of_day(book.system)  # 03-03: 3 more (6.00 + 3.00 → 15,018.00 × 1 % = 150.18): 0.09 more
    assert provision_lines(date(2026, 3, 3)) == [(ledger.PROVISION_EXPENSE, 9, 0),
                                                 (ledger.LOAN_LOSS_ALLOWANCE, 0, 9)]
    assert allowance_fen() == 15_018
    assert_reconciled()


def test_a_seller_under_warning_has_its_current_loans_at_least_special_mention(book):
    loan = draw(book.seller, book.shop_id)
    (r0, r1), (p0, p1) = windows(date(2026, 3, 3))
    add_sales(book.shop_id, p0, p1, "100.00")
    add_sales(book.shop_id, r0, r1, "40.00")  # sales down 60 %: monitoring warns for 03-03
    run_end_of_day(book.system)
    assert classes(START)[loan.id] == (SPECIAL_MENTION, 0, 1_000_600)
    # 10,006.00 × 2 % = 200.12
    assert totals(START)[SPECIAL_MENTION] == (1, 1_000_600, 200, 20_012)
    assert allowance_fen() == 20_012
    assert_reconciled()


def test_days_past_due_move_a_loan_through_the_categories_and_a_recovery_plan_keeps_substandard(book):
    loan_id = default(book)
    assert classes(date(2026, 6, 30))[loan_id][:2] == (SPECIAL_MENTION, 90)
    run_end_of_day(book.system)  # 07-01 → 91 DPD: 次级, non-performing, blacklisted
    category, dpd, balance = classes(date(2026, 7, 1))[loan_id]
    assert (category, dpd) == (SUBSTANDARD, 91)
    assert allowance_fen() == (balance * 25 + 50) // 100  # 25 %, half-up to the fen
    plan_loan = create_recovery_plan(staff_login("risk1", RISK), book.seller_id, 6, "not malicious").loan_id
    run_end_of_day(book.system)  # 07-02: the recovery loan is current, but restructured: 次级
    night = classes(date(2026, 7, 2))
    assert loan_id not in night  # closed onto the plan
    assert night[plan_loan][:2] == (SUBSTANDARD, 0)
    with session_scope() as session:  # once the plan's streak lifts it, DPD alone decides
        plan = session.exec(select(RecoveryPlan)).one()
        plan.lifted_on = date(2026, 7, 3)
        session.add(plan)
    run_end_of_day(book.system)
    assert classes(date(2026, 7, 3))[plan_loan][:2] == (PASS, 0)
    assert_reconciled()


def test_the_admin_changes_thresholds_and_rates_in_the_settings_trail(book):
    admin = staff_login("admin1", ADMIN)
    loan = draw(book.seller, book.shop_id)
    with session_scope() as session:
        set_business_date(session, date(2026, 4, 12))
    run_end_of_day(book.system)  # the night of 04-12 counts DPD as of 04-13: 11 days past 04-02
    assert classes(date(2026, 4, 12))[loan.id][:2] == (SPECIAL_MENTION, 11)
    change_settings(admin, {"classification_dpd": "0, 5, 30, 60", "allowance_rates": "1, 2, 20, 50, 100"})
    trail = {(r.name, r.old_value, r.new_value) for r in product_settings(admin).trail}
    assert trail == {("classification_dpd", "0, 90, 180, 360", "0, 5, 30, 60"),
                     ("allowance_rates", "1, 2, 25, 50, 100", "1, 2, 20, 50, 100")}
    run_end_of_day(book.system)  # 04-13: 12 DPD > 5: 次级 at 20 %
    category, dpd, balance = classes(date(2026, 4, 13))[loan.id]
    assert (category, dpd) == (SUBSTANDARD, 12)
    assert totals(date(2026, 4, 13))[SUBSTANDARD][2:] == (2_000, (balance * 20 + 50) // 100)
    assert_reconciled()


@pytest.mark.parametrize("raw", ["0, 90, 90, 360", "1, 2, 3", "0, 90, 180, x"])
def test_thresholds_that_do_not_rise_are_refused(book, raw):
    from app.errors import SettingRefused

    admin = staff_login("admin1", ADMIN)
    before = table_digests()
    with pytest.raises(SettingRefused) as refused:
        change_settings(admin, {"classification_dpd": raw})
    assert refused.value.render("zh")  # both languages
    assert table_digests() == before


def test_a_write_off_uses_the_allowance_first_and_money_recovered_later_is_income(book):
    loan_id = default(book)
    run_end_of_day(book.system)  # 07-01: 次级, 25 %
    held = allowance_fen()
    maker, checker = staff_login("risk1", RISK), staff_login("admin1", ADMIN)
    proposed = propose_correction(maker, kind="write_off", loan_id=loan_id, reason="uncollectable")
    written_off = approve_correction(checker, proposed.id).amount
    with session_scope() as session:
        used = postings.balance_fen(session, ledger.LOAN_LOSS_ALLOWANCE, loan_id=loan_id)
        loss = postings.balance_fen(session, ledger.LOAN_LOSS, loan_id=loan_id)
    assert used == held and used + loss == int(written_off * 100)
    assert allowance_fen() == 0
    with pytest.raises(CorrectionRefused):
        receive_after_write_off(maker, loan_id, written_off + D("0.01"), "too much")
    assert receive_after_write_off(maker, loan_id, "500.00", "collection agency") == written_off - D("500.00")
    with session_scope() as session:
        assert postings.balance_fen(session, ledger.RECOVERY_INCOME, loan_id=loan_id) == -50_000
    run_end_of_day(book.system)  # nothing open: the allowance stays at 0
    assert allowance_fen() == 0
    assert_reconciled()


def test_a_recovery_on_a_loan_not_written_off_is_refused_and_sellers_cannot_book_one(book):
    loan = draw(book.seller, book.shop_id)
    risk = staff_login("risk1", RISK)
    before = table_digests()
    with pytest.raises(CorrectionRefused) as refused:
        receive_after_write_off(risk, loan.id, "1.00", "x")
    assert "not written off" in str(refused.value) and "未核销" in refused.value.render("zh")
    with pytest.raises(PermissionDenied):
        receive_after_write_off(book.seller, loan.id, "1.00", "x")
    assert table_digests() == before


def test_reconcile_finds_an_allowance_apart_from_the_required(book):
    draw(book.seller, book.shop_id)
    run_end_of_day(book.system)  # 10,006.00 × 1 % = 100.06 required and held
    with session_scope() as session:  # a stray 0.01 more, dated that night
        postings.post_entry(session, business_date=START, kind="stray",
                            lines=ledger.provision_lines(D("100.06"), D("100.07")))
    assert reconcile().problems == [f"loan-loss allowance 10007 ≠ required 10006 fen on {START}"]


# --- month-end close ---------------------------------------------------------------------------------


def through_march(book) -> None:
    draw(book.seller, book.shop_id)
    with session_scope() as session:
        set_business_date(session, date(2026, 3, 31))


def test_a_month_closes_only_after_its_last_end_of_day_and_only_once(book):
    admin = staff_login("admin1", ADMIN)
    through_march(book)
    before = table_digests()
    with pytest.raises(CloseRefused) as early:
        close_month(admin, "2026-03")
    assert str(early.value) == ("2026-03 cannot be closed yet: end of day has not run for its last day, "
                                "2026-03-31.")
    assert table_digests() == before
    run_end_of_day(book.system)  # 03-31
    closed = close_month(admin, "2026-03")
    assert (closed.month, closed.closed_through) == ("2026-03", date(2026, 3, 31))
    stored = {b.account: b.closing for b in stored_statement(admin, "2026-03")}
    shown = trial_balance(admin, date(2026, 3, 31))
    assert stored == {r.account: r.debit - r.credit for r in shown.rows}
    assert shown.total_debit == shown.total_credit
    assert [e.action for e in audit_log(admin) if e.action == "month_closed"] == ["month_closed"]
    before = table_digests()
    with pytest.raises(CloseRefused) as twice:
        close_month(admin, "2026-03")
    assert twice.value.render("zh") == "2026-03 已结账，每月只结账一次。"
    with pytest.raises(CloseRefused, match="Close 2026-04 first"):
        close_month(admin, "2026-05")
    risk = staff_login("risk1", RISK)
    before = table_digests()
    with pytest.raises(PermissionDenied):
        close_month(risk, "2026-04")
    assert table_digests() == before
    assert_reconciled()


def test_nothing_posts_into_a_closed_month_whatever_the_path(book):
    admin = staff_login("admin1", ADMIN)
    through_march(book)
    run_end_of_day(book.system)
    close_month(admin, "2026-03")
    before = table_digests()
    with pytest.raises(PeriodClosed) as refused, session_scope() as session:
        postings.post_entry(session, business_date=date(2026, 3, 15), kind="correction",
                            lines=ledger.provision_lines(D("0"), D("1.00")))
    assert str(refused.value) == text("close.posting_refused", date="2026-03-15",
                                      closed_through="2026-03-31").render("en")
    assert "已结账至 2026-03-31" in refused.value.render("zh")
    assert table_digests() == before
    with session_scope() as session:  # a business date put back into the closed month by mistake
        set_business_date(session, date(2026, 3, 31))
    before = table_digests()
    with pytest.raises(PeriodClosed):
        draw(book.seller, book.shop_id, amount="1000", key="d2")
    assert table_digests() == before
    with session_scope() as session:
        set_business_date(session, date(2026, 4, 1))
    draw(book.seller, book.shop_id, amount="1000", key="d3")  # the open period posts as ever
    assert_reconciled()


def test_the_classification_table_shows_coverage_and_provision_ratio(book):
    admin = staff_login("admin1", ADMIN)
    default(book)
    run_end_of_day(book.system)  # 07-01: one 次级 loan
    table = classification_table(admin, date(2026, 7, 1))
    assert table.night == date(2026, 7, 1)
    point = table.point
    # everything is non-performing at 25 %: coverage 25 % (< 150 %), provision ratio 25 % (≥ 2.5 %)
    assert point.loans == point.non_performing and point.allowance == table.rows[SUBSTANDARD].allowance
    assert (point.coverage, point.provision_ratio) == (D("0.2500"), D("0.2500"))
    assert [p.night for p in table.trend] == [date(2026, 6, 30), date(2026, 7, 1)]
    assert_reconciled()


# --- funding cost ------------------------------------------------------------------------------------


def test_bank_lines_drawn_beyond_capital_cost_interest_every_night(book):
    from app.services.back_office.statements import income_statement
    from app.services.store.settings import set_lender_funds

    admin = staff_login("admin1", ADMIN)
    with session_scope() as session:
        set_lender_funds(session, registered_capital=D("10000.00"), bank_credit_lines=D("5000.00"))
    draw(book.seller, book.shop_id)  # 10,000.00: the capital is used up
    run_end_of_day(book.system)  # 03-02: nothing drawn on the bank lines, nothing posted
    draw(book.other, book.other_shop_id, amount="3000", key="o1")  # 3,000.00 of the bank lines
    run_end_of_day(book.system)  # 03-03: 3,000.00 × 0.012 %/day = 0.36
    change_settings(admin, {"bank_line_daily_rate": "0.0002"})
    run_end_of_day(book.system)  # 03-04: 3,000.00 × 0.02 %/day = 0.60
    with session_scope() as session:
        query = (select(JournalEntry.business_date, JournalLine.debit_fen)
                 .join(JournalEntry, col(JournalEntry.id) == JournalLine.entry_id)
                 .where(JournalLine.account == ledger.FUNDING_EXPENSE).order_by(JournalEntry.business_date))
        assert [tuple(r) for r in session.exec(query)] == [(date(2026, 3, 3), 36), (date(2026, 3, 4), 60)]
    income = income_statement(admin, START, date(2026, 3, 4))
    # interest: 10,000 × 0.0006 × 3 days = 18.00 and 3,000 × 0.0006 × 2 days = 3.60; funding 0.96
    assert income.income[ledger.INTEREST_INCOME] == D("21.60")
    assert income.expenses[ledger.FUNDING_EXPENSE] == D("0.96")
    assert income.net_interest_income == D("20.64")
    assert_reconciled()


# --- the IFRS 9 style view ---------------------------------------------------------------------------


def test_the_expected_credit_loss_view_stages_loans_and_takes_pd_from_realised_outcomes(book):
    from app.services.back_office.ecl import expected_credit_loss
    from app.services.lending.repayment import payoff_quote, repay

    a = draw(book.seller, book.shop_id)  # 10,000.00, due 04-02, never paid: defaults
    b = draw(book.other, book.other_shop_id, amount="5000", key="o1")  # repaid on its due date
    with session_scope() as session:
        set_business_date(session, date(2026, 4, 2))
    repay(book.other, loan_id=b.id, amount=payoff_quote(book.other, b.id).payoff, idempotency_key="r1")
    with session_scope() as session:
        set_business_date(session, date(2026, 7, 1))
    c = draw(book.other, book.other_shop_id, amount="2000", key="o2")
    run_end_of_day(book.system)  # 07-01: A is 91 days past due
    view = expected_credit_loss(staff_login("risk1", RISK))
    # band AA (both sellers): realised A (defaulted: ever > 90) and B (repaid): PD₁ = 1 / 2;
    # of those ever > 30 DPD (A only) 1 defaulted: PD₂ = 1 / 1
    assert [(x.band, x.realised, x.pd_stage1, x.pd_stage2) for x in view.bands] == [
        ("AA", 2, D("0.5000"), D("1.0000")), ("all", 2, D("0.5000"), D("1.0000"))]
    # stage 3: A, EAD 11,005.00 × PD 1 × LGD 0.45 = 4,952.25;
    # stage 1: C, EAD 2,000 + 1 day's 1.20 = 2,001.20 × 0.5 × 0.45 = 450.27
    assert [(r.stage, r.loans, r.ead, r.ecl) for r in view.stages] == [
        (1, 1, D("2001.20"), D("450.27")), (2, 0, D("0.00"), D("0.00")), (3, 1, D("11005.00"), D("4952.25"))]
    assert view.total_ecl == D("5402.52") and view.night == date(2026, 7, 1)
    assert {a.id, c.id} == set(classes(date(2026, 7, 1)))
