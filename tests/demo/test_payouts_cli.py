"""`python -m app payouts export FILE` and `payouts confirm FILE` (issue 17 item 4): the batch file,
instructions marked sent once, a failed payout's draw cancelled, a result file applied twice."""

from __future__ import annotations

import csv

from app.services.end_of_day.reconcile import reconcile
from app.services.lending.draws import draw_credit_loan
from app.services.payouts.instructions import instructions
from db.engine import session_scope
from db.models import Loan
from tests.demo.conftest import run_cli
from tests.services.conftest import (
    book,  # noqa: F401  (the fixture)
    table_digests,
)


def test_export_then_confirm_with_a_failure_cancels_that_draw_and_twice_changes_nothing(
        book, db_url, tmp_path):  # noqa: F811  (the imported fixture)
    loans = [draw_credit_loan(book.seller, shop_id=book.shop_id, amount=amount, months=3, method="bullet",
                              idempotency_key=key) for amount, key in (("3000.00", "a"), ("1200.50", "b"))]
    batch = tmp_path / "batch.csv"
    exported = run_cli(db_url, "payouts", "export", str(batch))
    assert exported.returncode == 0, exported.stderr
    assert "exported 2 instructions" in exported.stdout
    with batch.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["instruction_id"], r["kind"], r["amount"], r["currency"]) for r in rows] == [
        (f"D-{loans[0].id}", "disbursement", "3000.00", "CNY"),
        (f"D-{loans[1].id}", "disbursement", "1200.50", "CNY")]
    assert run_cli(db_url, "payouts", "export", str(tmp_path / "again.csv")).stdout.startswith("exported 0")
    results = tmp_path / "results.csv"
    results.write_text(f"instruction_id,status,reason\nD-{loans[0].id},confirmed,\n"
                       f"D-{loans[1].id},failed,account frozen\n", encoding="utf-8")
    confirmed = run_cli(db_url, "payouts", "confirm", str(results))
    assert (confirmed.returncode, confirmed.stdout.strip()) == (
        0, "confirmed 1, failed 1, unchanged 0, draws cancelled 1")
    with session_scope() as s:
        assert [s.get(Loan, loan.id).status for loan in loans] == ["open", "closed"]
    assert reconcile().ok
    before = table_digests()
    twice = run_cli(db_url, "payouts", "confirm", str(results))
    assert twice.stdout.strip() == "confirmed 0, failed 0, unchanged 2, draws cancelled 0"
    assert table_digests() == before
    assert [r.status for r in instructions(book.system)] == ["confirmed", "failed"]


def test_a_result_file_naming_an_unknown_instruction_exits_1_and_changes_nothing(db_url, tmp_path):
    results = tmp_path / "results.csv"
    results.write_text("instruction_id,status,reason\nD-42,confirmed,\n", encoding="utf-8")
    before = table_digests()
    result = run_cli(db_url, "payouts", "confirm", str(results))
    assert result.returncode == 1
    assert "Line 2: there is no payment instruction D-42. Nothing was changed." in result.stdout
    assert table_digests() == before
