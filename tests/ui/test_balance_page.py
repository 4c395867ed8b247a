"""The platform balance page (issue #9 item 16) on the seeded demo platform."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import select

from app import ledger
from app.services.end_of_day.reconcile import reconcile
from db.engine import session_scope
from db.models import JournalLine, Seller
from tests.ui.conftest import actor_of, open_page


def balance_of(username: str) -> Decimal:
    with session_scope() as session:
        return Decimal(session.get(Seller, actor_of(username).seller_id).platform_balance_fen) / 100


def test_the_balance_its_movements_and_a_withdrawal(demo_db):
    balance = balance_of("demo")
    assert balance > 1, "the demo seller has settled orders"
    seller_id = actor_of("demo").seller_id
    with session_scope() as session:
        lines = session.exec(select(JournalLine).where(JournalLine.account == ledger.SELLER_BALANCE,
                                                       JournalLine.seller_id == seller_id)).all()
    at = open_page("demo", "balance")
    assert not at.exception
    assert at.metric[0].value == f"¥{balance:,.2f}"
    table = at.dataframe[0].value
    assert len(table) == len(lines)
    assert Decimal(str(table["after"].iloc[0])).quantize(Decimal("0.01")) == balance  # newest first

    at.text_input(key="balance_amount").input(f"{balance + Decimal('0.01'):,.2f}").run()
    assert "more than your platform balance" in at.error[0].value
    assert "balance_review" not in [b.key for b in at.button]

    at.text_input(key="balance_amount").input("1.00").run()
    at.button(key="balance_review").click().run()
    at.button(key="balance_withdraw_confirm").click().run()
    assert not at.exception
    assert f"¥1.00 is withdrawn to your settlement account. Your platform balance is ¥{balance - 1:,.2f}." \
        in at.success[0].value
    assert balance_of("demo") == balance - 1
    report = reconcile()
    assert report.ok, report.problems[:5]


def test_an_overdue_seller_cannot_withdraw(demo_db):
    at = open_page("seller5", "balance")
    assert not at.exception
    assert "nothing can be withdrawn until it is repaid" in at.info[-1].value
    assert not at.text_input
