"""`python -m app quote` (product §5), run as a separate process from the repository root; the
bad-input table runs the same `main` in this process (a process costs a second here, issue 15 §4),
and one of its rows runs as a process too."""

import io
import json
import os
import re
import subprocess
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.config import RepaymentMethod
from app.loans.terms import LoanTerms
from app.schedules import build_schedule

REPO_ROOT = Path(__file__).resolve().parents[2]
AMOUNT = re.compile(r"-?\d+\.\d\d")
KEYS = {
    "product",
    "method",
    "principal",
    "daily_rate",
    "annual_rate",
    "installments",
    "total_interest",
    "total_repayment",
}
ROW_KEYS = {"period", "due_date", "principal", "interest", "total", "balance_after"}


NO_DATABASE = Path(tempfile.gettempdir()) / "microloan-quote-tests" / "none.db"  # never created


def quote(*args, database: Path = NO_DATABASE):
    """The command, on a database that does not exist: the default product settings."""
    return subprocess.run(
        [sys.executable, "-m", "app", "quote", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
    )


def quote_in_process(*args) -> subprocess.CompletedProcess:
    """`quote(*args)` through the command line's `main` in this process, its output captured."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(out), redirect_stderr(err):
        patch.setenv("DATABASE_URL", f"sqlite:///{NO_DATABASE}")
        try:
            code = cli_main(["quote", *args])
        except SystemExit as exc:  # argparse: bad arguments
            code = 0 if exc.code is None else exc.code
    return subprocess.CompletedProcess(["quote", *args], code, out.getvalue(), err.getvalue())


def credit(principal="10000", months="3", method="equal_installment", start="2026-01-31"):
    return [
        "--product",
        "credit",
        "--method",
        method,
        "--principal",
        principal,
        "--months",
        months,
        "--start",
        start,
        "--json",
    ]


def order(principal="10000", days="15", method="bullet", start="2026-01-31"):
    return [
        "--product",
        "order",
        "--method",
        method,
        "--principal",
        principal,
        "--days",
        days,
        "--start",
        start,
        "--json",
    ]


def test_a_credit_quote_is_one_json_object_with_the_schedule_of_the_engine():
    result = quote(*credit(principal="10,000.00", months="6"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    payload = json.loads(result.stdout)
    assert set(payload) == KEYS
    assert payload["product"] == "credit"
    assert payload["method"] == "equal_installment"
    assert payload["principal"] == "10000.00"
    assert payload["daily_rate"] == "0.0006"
    assert payload["annual_rate"] == "0.219"  # 0.0006 × 365
    expected = build_schedule(LoanTerms.of(RepaymentMethod.EQUAL_INSTALLMENT, months=6),
        Decimal("10000.00"), Decimal("0.0006"), date(2026, 1, 31))
    assert len(payload["installments"]) == 6
    for row, installment in zip(payload["installments"], expected.installments, strict=True):
        assert set(row) == ROW_KEYS
        assert all(AMOUNT.fullmatch(row[key]) for key in ("principal", "interest", "total", "balance_after"))
        assert row["period"] == installment.period
        assert row["due_date"] == installment.due_date.isoformat()
        assert [Decimal(row[key]) for key in ("principal", "interest", "total", "balance_after")] == [
            installment.principal,
            installment.interest,
            installment.total,
            installment.balance_after,
        ]
    assert [row["due_date"] for row in payload["installments"]] == [
        "2026-02-28",
        "2026-03-31",
        "2026-04-30",
        "2026-05-31",
        "2026-06-30",
        "2026-07-31",
    ]
    assert payload["total_interest"] == str(expected.total_interest)
    assert payload["total_repayment"] == str(expected.total_repayment)
    assert payload["installments"][-1]["balance_after"] == "0.00"


def test_the_golden_three_month_credit_quote_matches_the_hand_calculation():
    # See test_schedules: A = 3,451.32 for 10,000 drawn 2026-01-31, interest 168.00 + 124.93 + 61.03.
    payload = json.loads(quote(*credit()).stdout)
    assert [row["total"] for row in payload["installments"]] == ["3451.32"] * 3
    assert payload["total_interest"] == "353.96"
    assert payload["total_repayment"] == "10353.96"


def test_an_order_quote_for_15_days_costs_75():
    # 10,000 × 0.0005 × 15 = 75.00, due 2026-01-31 + 15 days = 2026-02-15.
    result = quote(*order())
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["daily_rate"] == "0.0005"
    assert payload["annual_rate"] == "0.1825"  # 0.0005 × 365
    assert payload["installments"] == [
        {
            "period": 1,
            "due_date": "2026-02-15",
            "principal": "10000.00",
            "interest": "75.00",
            "total": "10075.00",
            "balance_after": "0.00",
        }
    ]
    assert payload["total_interest"] == "75.00"
    assert payload["total_repayment"] == "10075.00"


def test_an_order_quote_without_days_runs_the_full_30_days():
    # 10,000 × 0.0005 × 30 = 150.00, due 2026-03-02.
    args = [arg for arg in order() if arg not in ("--days", "15")]
    payload = json.loads(quote(*args).stdout)
    assert payload["installments"][0]["due_date"] == "2026-03-02"
    assert payload["total_interest"] == "150.00"


def without(args, *flags):
    """args with each flag in `flags` and its value removed."""
    out, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in flags:
            skip = arg != "--json"
        else:
            out.append(arg)
    return out


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(credit(principal="99.99"), id="principal below the 100.00 minimum"),
        pytest.param(credit(principal="1000000.01"), id="principal above 1,000,000.00"),
        pytest.param(credit(principal="1.234"), id="three decimals"),
        pytest.param(credit(principal="abc"), id="not a number"),
        pytest.param(credit(principal="-5"), id="negative principal"),
        pytest.param(credit(principal="NaN"), id="NaN principal"),
        pytest.param(credit(principal="1e30"), id="principal too large for a Decimal in fen"),
        pytest.param(credit(months="2"), id="a 2-month credit loan"),
        pytest.param(credit(months="three"), id="months not a number"),
        pytest.param(order(days="31"), id="an order loan of 31 days"),
        pytest.param(order(days="0"), id="an order loan of 0 days"),
        pytest.param(without(order(), "--days") + ["--months", "1"], id="an order loan with months"),
        pytest.param(without(credit(), "--months") + ["--days", "15"], id="a credit loan with days"),
        pytest.param(without(credit(), "--months"), id="a credit loan without months"),
        pytest.param(credit() + ["--days", "15"], id="both months and days"),
        pytest.param(credit(start="2026-02-30"), id="a date that does not exist"),
        pytest.param(credit(start="20260131"), id="a date not in YYYY-MM-DD"),
        pytest.param(credit(start="9999-12-01"), id="a maturity after year 9999"),
        pytest.param(order(method="equal_installment"), id="an order loan by equal installments"),
        pytest.param(credit(method="balloon"), id="an unknown method"),
        pytest.param(["--product", "mortgage", *credit()[2:]], id="an unknown product"),
        pytest.param(without(credit(), "--json"), id="without --json"),
        pytest.param(without(credit(), "--start"), id="without a start date"),
        pytest.param([], id="no arguments at all"),
    ],
)
def test_bad_input_exits_2_with_one_line_on_stderr_and_nothing_on_stdout(args):
    result = quote_in_process(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() != ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_bad_input_in_a_process_of_its_own_exits_2_with_one_line():
    """The table above in-process; here the whole program, with nothing printed at start-up."""
    result = quote(*credit(principal="99.99"))
    assert (result.returncode, result.stdout) == (2, "")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not NO_DATABASE.exists()


def test_help_explains_every_argument():
    result = quote("--help")
    assert result.returncode == 0
    for flag in ("--product", "--method", "--principal", "--months", "--days", "--start", "--json"):
        assert flag in result.stdout
    assert "required: JSON is the only output format" in " ".join(result.stdout.split())


def test_without_a_database_a_quote_is_at_the_default_rates_and_creates_none(tmp_path):
    database = tmp_path / "microloan.db"
    result = quote(*credit(), database=database)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["daily_rate"] == "0.0006"
    assert not database.exists()
