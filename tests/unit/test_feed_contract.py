"""The feed's contract (issue 17 item 1): each rule of a record, in plain words, and docs/feed.md as
the models render it."""

from __future__ import annotations

import gzip
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.feed.contract import OrderRecord, SellerRecord
from app.feed.doc import render
from app.feed.reader import feed_files, parse_record, read_lines
from tests.support.feed_records import SAMPLES, order, resident_id, seller, shop

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_feed_doc_is_the_one_the_models_render():
    assert (ROOT / "docs" / "feed.md").read_text(encoding="utf-8") == render(), \
        "docs/feed.md is stale: run `.venv/bin/python -m app.feed.doc > docs/feed.md`"


def test_the_doc_names_every_field_of_every_record_type():
    doc = render()
    for field in ("resident_id", "payment_account", "refund_amount", "gmv", "shop_rating", "occurred_at"):
        assert f"| `{field}` |" in doc


def problems(record: dict) -> list[tuple[str, str]]:
    line = parse_record("f.jsonl", 7, record)
    assert line.record is None, "expected a reject"
    return [(p.field, p.reason) for p in line.problems]


def test_a_valid_record_of_each_type_parses_with_exact_amounts():
    parsed = parse_record("f", 1, order("O1", "S1", "placed", date(2026, 3, 2), amount="12.3")).record
    assert isinstance(parsed, OrderRecord) and parsed.amount == Decimal("12.30")
    assert parsed.platform_day == date(2026, 3, 2)
    assert isinstance(parse_record("f", 1, seller("S1", 1, date(2026, 3, 2))).record, SellerRecord)
    assert parse_record("f", 1, shop("SH", "S1", date(2026, 3, 2))).record is not None


@pytest.mark.parametrize(("amount", "reason"), [
    ("12.345", "12.345 has more than 2 decimals (amounts are in whole fen)"),
    ("0", "0.00 must be greater than zero"),
    ("-5.00", "-5.00 must be greater than zero"),
    ("ten", "“ten” is not an amount like 1234.56"),
    (12.5, "must be written exactly (as text like \"12.30\" or a JSON number), not as a float"),
])
def test_an_order_amount_must_be_positive_whole_fen_and_exact(amount, reason):
    assert problems(order("O1", "S1", "placed", date(2026, 3, 2), amount=amount)) == [("amount", reason)]


def test_a_resident_id_with_a_wrong_check_digit_is_rejected_with_the_right_one():
    good = resident_id(5)
    wrong = "0" if good[-1] != "0" else "1"
    [(field, reason)] = problems(seller("S1", 5, date(2026, 3, 2), resident_id=good[:17] + wrong))
    assert field == "resident_id"
    assert reason == f"check digit is {wrong} but the first 17 digits give {good[-1]} (GB 11643)"


def test_a_refund_above_the_order_or_without_its_amount_is_rejected():
    above = order("O1", "S1", "refunded", date(2026, 3, 2), amount="100.00", refund_amount="100.01")
    assert problems(above) == [("refund_amount", "100.01 is more than the order's amount 100.00")]
    assert problems(order("O1", "S1", "refunded", date(2026, 3, 2))) == [
        ("refund_amount", "is required when the status is refunded")]


def test_schema_problems_read_in_plain_words():
    record = order("O1", "S1", "returned", date(2026, 3, 2), colour="red")
    del record["shop_id"]
    record["occurred_at"] = "2026-03-02T10:00:00"
    assert dict(problems(record)) == {
        "occurred_at": "needs a UTC offset, e.g. 2026-03-02T10:15:00+08:00",
        "shop_id": "is missing",
        "status": "Input should be 'placed', 'shipped', 'confirmed', 'settled' or 'refunded'",
        "colour": "is not a field of this record type"}
    assert problems({**order("O1", "S1", "placed", date(2026, 3, 2)), "version": 2}) == [
        ("version", "version 2 is not known; this contract is version 1")]
    assert problems({"type": "invoice"}) == [
        ("type", "“invoice” is not a record type (one of seller, shop, order, daily_sales, behaviour)")]


def test_the_reader_streams_json_lines_csv_and_gzip_with_their_line_numbers(tmp_path):
    lines = [line for path in feed_files([SAMPLES]) for line in read_lines(path)]
    assert len(lines) == 16 and all(line.record is not None for line in lines)
    assert [(Path(line.file).name, line.line) for line in lines[2:4]] == [
        ("02_shops.csv", 2), ("02_shops.csv", 3)]
    bad = tmp_path / "bad.jsonl.gz"
    with gzip.open(bad, "wt") as handle:
        handle.write(json.dumps(order("O1", "S1", "placed", date(2026, 3, 2))) + "\n\n{not json\n")
    read = list(read_lines(bad))
    assert [(line.line, line.record is None) for line in read] == [(1, False), (3, True)]
    assert read[1].problems[0].reason.startswith("not a JSON object")
