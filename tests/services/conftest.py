"""A small book for service tests: two sellers with shops, limits and shipped orders."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

import pytest
from sqlalchemy import inspect, select, text

from app.eligibility.resident_id import check_character
from app.services.access.actor import SELLER, SYSTEM_ACTOR, Actor
from app.services.store.settings import set_business_date, set_nightly_pre_approval
from db.convert import rate_to_e8
from db.engine import engine_for, read_scope, session_scope
from db.models import Order, Seller, SellerLimit, Shop, SQLModel, User

START = date(2026, 3, 2)


@dataclass(frozen=True)
class Book:
    seller: Actor
    shop_id: str
    seller_id: int
    other: Actor  # another seller, who must never see the first one's loans
    other_shop_id: str
    order_ids: list[int]  # shipped orders of shop_id, 1,000.00 each
    system: Actor = SYSTEM_ACTOR


def add_seller(session, n: int, credit_limit_fen: int, advance: str) -> tuple[Actor, str, int]:
    first17 = f"11010119900101{n:03d}"  # born 1990-01-01 in Beijing
    seller = Seller(name=f"Seller {n}", resident_id=first17 + check_character(first17),
                    real_name_verified=True)
    session.add(seller)
    session.flush()
    shop = Shop(id=f"SHOP{n:04d}", seller_id=seller.id, name=f"Shop {n}", category="apparel",
                member_since=date(2024, 1, 1))
    user = User(username=f"seller{n}", role=SELLER, seller_id=seller.id)
    limit = SellerLimit(seller_id=seller.id, rating="AA", credit_limit_fen=credit_limit_fen,
                        advance_rate_e8=rate_to_e8(Decimal(advance)), decided_on=START)
    session.add_all([shop, user, limit])
    session.flush()
    return Actor(user.id, SELLER, seller.id), shop.id, seller.id


def add_orders(session, shop_id: str, count: int, amount_fen: int = 100_000, confirm_in: int | None = None,
               shipped_on: date = START) -> list[int]:
    orders = [Order(shop_id=shop_id, buyer=f"buyer{k}", amount_fen=amount_fen, status="shipped",
                    paid_on=shipped_on - timedelta(days=1), shipped_on=shipped_on,
                    confirm_on=None if confirm_in is None else shipped_on + timedelta(days=confirm_in))
              for k in range(count)]
    session.add_all(orders)
    session.flush()
    return [o.id for o in orders]


@pytest.fixture
def book(db_url) -> Book:
    with session_scope() as session:
        set_business_date(session, START)
        set_nightly_pre_approval(session, False)  # keep the limits these tests set
        seller, shop_id, seller_id = add_seller(session, 1, 5_000_000, "0.9")  # credit limit 50,000.00
        other, other_shop, _ = add_seller(session, 2, 2_000_000, "0.8")
        order_ids = add_orders(session, shop_id, 10)
    yield Book(seller, shop_id, seller_id, other, other_shop, order_ids)
    engine_for(db_url).dispose()


NOT_BUSINESS = {"web_sessions"}  # a browser session: the signing in of a page under test, not what it did


class TableDigest(NamedTuple):
    """A table's contents: how many rows, and a sha256 of all of them."""

    rows: int
    sha256: str


def canonical(value: object) -> object:
    """One JSON form of a column value, however the database returned it: a bool stays a bool
    (never 1), a Decimal is its normalised text (1.10 and 1.1 agree), a datetime its ISO text in
    UTC. A type not named here fails, rather than being hashed by a repr nobody checked."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    raise TypeError(f"table_digests cannot hash a {type(value).__name__}: {value!r}")


def table_digests() -> dict[str, TableDigest]:
    """Every table of the database with its row count and a sha256 of its contents: each row as
    a JSON list of its columns' canonical values, the rows sorted (each holds its primary key, so
    no two are alike and the order the database returns them in does not matter).

    A request that must change nothing leaves this equal (`table_digests() == before`): a stray
    UPDATE changes a digest even when every count stays the same. Where a request rightly writes
    one table (an audited refusal), compare that table's `rows` and the rest: pop it from both.
    Browser sessions are left out (NOT_BUSINESS): an AppTest opens one for its reader before the
    page runs.
    """
    with read_scope() as session:
        connection = session.connection()
        digests = {}
        for name in sorted(set(inspect(connection).get_table_names()) - NOT_BUSINESS):
            table = SQLModel.metadata.tables.get(name)
            # Through the model's columns, so that SQLite's 0/1 and date text come back as bool and
            # date; a table the models do not name (alembic_version) as its columns are.
            query = text(f'SELECT * FROM "{name}"') if table is None else select(table)
            lines = sorted(json.dumps([canonical(v) for v in row]) for row in connection.execute(query))
            digests[name] = TableDigest(len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest())
        return digests


def staff_login(username: str, role: str) -> Actor:
    """A staff member with a login of their own (a staff actor always carries one, issue #19)."""
    with session_scope() as session:
        user = User(username=username, role=role)
        session.add(user)
        session.flush()
        return Actor(user.id, role)
