"""`python -m app report …` and `python -m app close-month` (issue #18 §4-§5): the same figures as
the services, as CSV, JSON and XLSX; bad requests exit 2 with one line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.cli.books import REPORTS as CLI_REPORTS
from app.services.back_office.reports import REPORTS
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.draws import draw_credit_loan
from app.services.store.settings import set_business_date
from db.engine import session_scope


@pytest.fixture
def march(book):
    """A 10,000.00 one-month bullet drawn 03-02; end of day for 03-31 (interest 29 days × 6.00)."""
    draw_credit_loan(book.seller, shop_id=book.shop_id, amount="10000", months=1, method="bullet",
                     idempotency_key="d1")
    with session_scope() as session:
        set_business_date(session, date(2026, 3, 31))
    run_end_of_day(book.system)
    return book


def test_the_command_offers_the_services_reports():
    assert CLI_REPORTS == REPORTS


def test_the_trial_balance_as_csv_balances(march, capsys):
    assert main(["report", "trial-balance", "--on", "2026-03-31"]) == 0
    rows = {r["account"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    # interest 03-02 → 04-01: 10,000 × 0.0006 × 30 = 180.00; allowance 10,180.00 × 1 % = 101.80
    assert rows["loan_principal"]["debit"] == "10000.00"
    assert rows["interest_receivable"]["debit"] == "180.00"
    assert rows["interest_income"]["credit"] == "180.00"
    assert rows["loan_loss_allowance"]["credit"] == "101.80"
    assert rows["provision_expense"]["debit"] == "101.80"
    assert rows["total"]["debit"] == rows["total"]["credit"] == "10281.80"


def test_income_as_json_and_the_balance_sheet_as_xlsx(march, capsys, tmp_path):
    assert main(["report", "income", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json"]) == 0
    lines = {r["line"]: D(r["amount"]) for r in json.loads(capsys.readouterr().out)["rows"]}
    assert lines["interest_income"] == D("180.00") and lines["provision_expense"] == D("101.80")
    assert lines["net_income"] == D("78.20")  # 180.00 − 101.80
    target = tmp_path / "bs.xlsx"
    assert main(["report", "balance-sheet", "--on", "2026-03-31", "--format", "xlsx",
                 "--output", str(target)]) == 0
    sheet = load_workbook(target).active
    values = {(row[0], row[1]): row[2] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert D(str(values[("equity", "retained_earnings")])) == D("78.2")  # a spreadsheet number cell
    assert values[("assets", "total_assets")] == values[("total", "liabilities_and_equity")]


def test_classification_and_close_month(march, capsys):
    assert main(["report", "classification", "--on", "2026-03-31"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    first = rows[0]
    assert (first["category"], first["chinese"], first["loans"], first["balance"], first["allowance"]) == (
        "pass", "正常", "1", "10180.00", "101.80")
    assert main(["close-month", "--month", "2026-03"]) == 0
    assert "2026-03 closed through 2026-03-31" in capsys.readouterr().out
    assert main(["close-month", "--month", "2026-03"]) == 2
    assert "is closed already" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["report", "trial-balance"], ["report", "income", "--from", "2026-03-31",
                                                                  "--to", "2026-03-01"],
                                  ["report", "general-ledger", "--from", "2026-03-01", "--to", "2026-03-31"],
                                  ["report", "income", "--from", "2026-03-01", "--to", "2026-03-31",
                                   "--format", "xlsx"],
                                  ["close-month", "--month", "March"]])
def test_an_incomplete_request_exits_2_with_one_line(book, capsys, argv):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error" in err


def test_the_journal_of_a_day_and_a_closed_month_says_so(march, capsys):
    assert main(["report", "journal", "--from", "2026-03-31", "--to", "2026-03-31"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["kind"] for r in rows} == {"accrual", "provision"}  # the night of 03-31: 30 days' interest
    assert sum(D(r["debit"]) for r in rows) == sum(D(r["credit"]) for r in rows) == D("281.80")
    assert main(["close-month", "--month", "2026-03"]) == 0
    capsys.readouterr()
    assert main(["report", "trial-balance", "--on", "2026-03-31", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == (
        "Trial balance on 2026-03-31 — closed month (books closed through 2026-03-31)")
    assert main(["report", "trial-balance", "--on", "2026-04-01", "--format", "json"]) == 0
    assert "closed" not in json.loads(capsys.readouterr().out)["title"]
