"""Bad feed records, drawn by Hypothesis: each is rejected with its field and reason, and nothing
but the import's own log changes (every business table's contents compared, not only counts)."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.eligibility.resident_id import check_character
from app.services.access.actor import SYSTEM_ACTOR
from app.services.feed.importer import import_feed, import_rejects
from db.engine import session_scope
from db.models import PlatformSeller, PlatformShop
from tests.services.conftest import START, table_digests
from tests.support.feed_records import order, seller, shop, write_jsonl

IMPORT_LOG = ("feed_imports", "feed_rejects")
DAY = date(2026, 3, 2)
_files = itertools.count(1)


@pytest.fixture
def base(book, tmp_path):
    """The book's seller and shop mapped as TB-S1 / TB-SHOP-1, and an order BASE already confirmed."""
    with session_scope() as s:
        s.add(PlatformSeller(platform_id="TB-S1", seller_id=book.seller_id, payment_account="alipay:1",
                             joined_on=START))
        s.add(PlatformShop(platform_id="TB-SHOP-1", shop_id=book.shop_id))
    summary = import_feed(SYSTEM_ACTOR, [write_jsonl(tmp_path / "base.jsonl", [
        order("BASE", "TB-SHOP-1", "confirmed", DAY, amount="500.00")])])
    assert summary.imported == 1
    return tmp_path


def three_decimals(n: int) -> tuple[dict, str, str]:
    amount = Decimal(n).scaleb(-3)
    return order("N1", "TB-SHOP-1", "placed", DAY, amount=str(amount)), "amount", "more than 2 decimals"


def not_positive(n: int) -> tuple[dict, str, str]:
    return order("N1", "TB-SHOP-1", "placed", DAY, amount=str(Decimal(n).scaleb(-2))), "amount", \
        "must be greater than zero"


def wrong_check_digit(args: tuple[int, str]) -> tuple[dict, str, str]:
    n, wrong = args
    first17 = f"11010119900101{n:03d}"
    digit = wrong if wrong != check_character(first17) else ("0" if wrong != "0" else "1")
    return seller("TB-S9", 9, DAY, resident_id=first17 + digit), "resident_id", "check digit is"


def refund_above(args: tuple[int, int]) -> tuple[dict, str, str]:
    fen, extra = args
    amount, refund = Decimal(fen).scaleb(-2), Decimal(fen + extra).scaleb(-2)
    return (order("N1", "TB-SHOP-1", "refunded", DAY, amount=str(amount), refund_amount=str(refund)),
            "refund_amount", "is more than the order's amount")


def unknown_shop(name: str) -> tuple[dict, str, str]:
    return order("N1", f"X{name}", "placed", DAY), "shop_id", "unknown shop"


def backward(status: str) -> tuple[dict, str, str]:
    return order("BASE", "TB-SHOP-1", status, DAY, amount="500.00"), "status", "moves backward"


def missing(field: str) -> tuple[dict, str, str]:
    record = order("N1", "TB-SHOP-1", "placed", DAY)
    del record[field]
    return record, field, "is missing"


def shop_of_unknown_seller(name: str) -> tuple[dict, str, str]:
    return shop("TB-SHOP-9", f"Z{name}", DAY), "seller_id", "unknown seller"


BAD = st.one_of(
    st.integers(1, 10**9).filter(lambda n: n % 10).map(three_decimals),
    st.integers(-10**9, 0).map(not_positive),
    st.tuples(st.integers(0, 999), st.sampled_from("0123456789X")).map(wrong_check_digit),
    st.tuples(st.integers(1, 10**8), st.integers(1, 10**6)).map(refund_above),
    st.text("abcdefXYZ019_-", min_size=1, max_size=20).map(unknown_shop),
    st.sampled_from(["placed", "shipped"]).map(backward),
    st.sampled_from(["event_id", "occurred_at", "order_id", "shop_id", "status", "amount", "version"])
    .map(missing),
    st.text("abc123", min_size=1, max_size=10).map(shop_of_unknown_seller),
)


def business_tables() -> dict:
    return {name: digest for name, digest in table_digests().items() if name not in IMPORT_LOG}


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bad=BAD)
def test_a_bad_record_is_rejected_with_its_reason_and_nothing_else_changes(base, bad):
    record, field, reason = bad
    before, rejects_before = business_tables(), table_digests()["feed_rejects"].rows
    summary = import_feed(SYSTEM_ACTOR, [write_jsonl(base / f"bad{next(_files)}.jsonl", [record])])
    assert (summary.read, summary.imported, summary.unchanged, summary.rejected) == (1, 0, 0, 1)
    [reject] = import_rejects(SYSTEM_ACTOR, summary.import_id)
    assert (reject.line, reject.field) == (1, field)
    assert reason in reject.reason
    assert business_tables() == before
    assert table_digests()["feed_rejects"].rows == rejects_before + 1


def test_a_bad_record_among_good_ones_leaves_the_good_ones_imported(base):
    good = [order("G1", "TB-SHOP-1", "placed", DAY), order("G2", "TB-SHOP-1", "shipped", DAY)]
    bad = order("G3", "TB-SHOP-1", "placed", DAY, amount="1.005")
    summary = import_feed(SYSTEM_ACTOR, [write_jsonl(base / "mixed.jsonl", [good[0], bad, good[1]])])
    assert (summary.imported, summary.rejected) == (2, 1)
    assert [(r.line, r.field) for r in import_rejects(SYSTEM_ACTOR, summary.import_id)] == [(2, "amount")]
