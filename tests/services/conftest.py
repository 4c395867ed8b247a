"""A small book for service tests: two sellers with shops, limits and shipped orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, inspect
from sqlmodel import select

from app.eligibility.resident_id import check_character
from app.services.access.actor import SELLER, SYSTEM_ACTOR, Actor
from app.services.store.settings import set_business_date, set_nightly_pre_approval
from db.convert import rate_to_e8
from db.engine import engine_for, get_engine, session_scope
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


def row_counts() -> dict[str, int]:
    """Rows in every table: a refused request must leave all of them unchanged (browser
    sessions aside: an AppTest opens one for its reader before the page runs)."""
    with session_scope() as session:
        tables = inspect(get_engine()).get_table_names()
        return {t: session.exec(select(func.count()).select_from(SQLModel.metadata.tables[t])).one()
                for t in tables if t in SQLModel.metadata.tables and t not in NOT_BUSINESS}
