"""The admin's "Platform feed" page (issue 17): recent imports with their counts, rejects with
their reasons and a CSV of them, payment instructions by status; in Chinese too; admins only."""

from __future__ import annotations

from datetime import date

from app.services.access.actor import ADMIN, SYSTEM_ACTOR
from app.services.feed.importer import import_feed
from app.services.lending.draws import draw_credit_loan
from app.services.payouts.instructions import ResultLine, apply_results, mark_sent
from tests.services.conftest import book, staff_login  # noqa: F401  (book: the fixture)
from tests.support.feed_records import SAMPLES, order, write_jsonl
from tests.ui.conftest import open_page


def a_feed_and_instructions(book, tmp_path) -> list[int]:  # noqa: F811
    staff_login("admin", ADMIN)
    import_feed(SYSTEM_ACTOR, [SAMPLES])
    bad = order("Z1", "TB-SHOP-1", "placed", date(2026, 3, 2), amount="1.234")
    import_feed(SYSTEM_ACTOR, [write_jsonl(tmp_path / "bad.jsonl", [bad])])
    loans = [draw_credit_loan(book.seller, shop_id=book.shop_id, amount=amount, months=3, method="bullet",
                              idempotency_key=key).id for amount, key in (("1000.00", "a"), ("2000.00", "b"),
                                                                          ("3000.00", "c"))]
    mark_sent(SYSTEM_ACTOR, [f"D-{loans[1]}", f"D-{loans[2]}"], "batch-1.csv")
    apply_results(SYSTEM_ACTOR, [ResultLine(2, f"D-{loans[2]}", "failed", "account frozen")])
    return loans


def test_the_admin_sees_imports_rejects_and_instructions(book, tmp_path):  # noqa: F811
    loans = a_feed_and_instructions(book, tmp_path)
    at = open_page("admin", "platform_feed")
    assert not at.exception and at.title[0].value == "Platform feed"
    imports, rejects, pending, sent, failed = (frame.value for frame in at.dataframe)
    assert list(imports["Read"]) == [1, 16] and list(imports["Rejected"]) == [1, 0]
    assert list(rejects["Field"]) == ["amount"]
    assert rejects["Reason"][0] == "1.234 has more than 2 decimals (amounts are in whole fen)"
    assert list(pending["Instruction"]) == [f"D-{loans[0]}"] and list(pending["Amount"]) == [1000.0]
    assert list(sent["Instruction"]) == [f"D-{loans[1]}"] and list(sent["Batch file"]) == ["batch-1.csv"]
    assert list(failed["Failure reason"]) == ["account frozen"]
    assert list(failed["Kind"]) == ["Payout to the seller"]
    assert len(at.get("download_button")) == 1


def test_the_page_speaks_chinese(book, tmp_path):  # noqa: F811
    a_feed_and_instructions(book, tmp_path)
    at = open_page("admin", "platform_feed", lang="zh")
    assert not at.exception and at.title[0].value == "平台数据"
    assert "原因" in at.dataframe[1].value.columns
    assert [tab.label for tab in at.tabs] == ["待发送（1）", "已发送（1）", "失败（1）"]


def test_a_seller_cannot_reach_the_platform_feed(book):  # noqa: F811
    at = open_page("seller1", "platform_feed")
    assert not at.exception and "not part of your role" in at.info[0].value
    assert not at.dataframe
