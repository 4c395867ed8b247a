"""The Books page (issue #18 §4-§5): risk officers and admins read the statements in either
language; only the admin has the month-end close; a seller never reaches it."""

from __future__ import annotations

from tests.ui.conftest import open_page


def test_the_admin_reads_a_balanced_trial_balance_and_the_classification(demo_db):
    at = open_page("admin", "books")
    assert not at.exception and at.title[0].value == "Books"
    frame = at.dataframe[0].value
    total = frame[frame["account"] == "Total"]  # cells in words; the headers' labels are display only
    assert len(total) == 1 and total["debit"].iloc[0] == total["credit"].iloc[0]
    assert "Loan principal" in set(frame["account"])
    at.selectbox(key="books_report").set_value("classification").run()
    assert not at.exception
    categories = at.dataframe[0].value["category"].tolist()
    assert categories[:5] == ["Pass", "Special mention", "Substandard", "Doubtful", "Loss"]
    assert at.text_input(key="books_month")  # the admin's close form
    assert any("Closed months: 2026-10." in c.value for c in at.caption)  # the demo closed last month


def test_income_needs_a_period_and_says_so_when_it_is_backwards(demo_db):
    at = open_page("admin", "books")
    at.selectbox(key="books_report").set_value("income").run()
    assert not at.exception and "Net income" in set(at.dataframe[0].value["line"])
    at.date_input(key="books_from").set_value(at.date_input(key="books_to").value.replace(year=2030)).run()
    assert not at.exception and "ends before it starts" in at.error[0].value


def test_a_risk_officer_reads_it_in_chinese_without_the_close(demo_db):
    at = open_page("risk", "books", lang="zh")
    assert not at.exception and at.title[0].value == "账簿"
    assert {"贷款本金", "合计"} <= set(at.dataframe[0].value["account"])
    assert not at.text_input


def test_a_seller_cannot_reach_the_books(demo_db):
    at = open_page("demo", "books")
    assert not at.exception and "not part of your role" in at.info[0].value
    assert not at.dataframe


def test_the_expected_credit_loss_view_and_the_journal(demo_db):
    at = open_page("risk", "books")
    at.selectbox(key="books_report").set_value("ecl").run()
    assert not at.exception and not at.error
    frame = at.dataframe[0].value
    assert list(frame["row"][:4]) == ["Stage", "Stage", "Stage", "Total"]
    assert frame["ecl"].iloc[3] > 0  # the demo has defaulted loans: stage 3 is not empty
    at.selectbox(key="books_report").set_value("journal").run()
    assert not at.exception and len(at.dataframe[0].value) > 0
