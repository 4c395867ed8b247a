"""The seller portal's pages after issue #9, through AppTest on copies of the seeded demo:
the order-loan card's figures, Repay's form and receipt, the link to a new loan, the loan
page's schedule and the notifications' unread count. Figures are checked against values
read straight from the database, not against the functions that render them."""

from __future__ import annotations

import re
from decimal import ROUND_FLOOR, Decimal

from sqlmodel import col, select

from db.engine import read_scope
from db.models import Loan, Order, Shop
from tests.demo.conftest import using
from tests.ui.conftest import actor_of, open_page


def money_in(text: str) -> list[Decimal]:
    return [Decimal(m.replace(",", "")) for m in re.findall(r"¥([\d,]+\.\d\d)", text)]


def test_the_order_card_says_what_each_number_is(demo_db):
    actor = actor_of("demo")
    with read_scope() as s:  # shipped, unsettled, unpledged orders of the seller's shops
        pledgeable = s.exec(select(Order.amount_fen).join(Shop, col(Shop.id) == Order.shop_id)
                            .where(Shop.seller_id == actor.seller_id, Order.status == "shipped",
                                   col(Order.pledged_loan_id).is_(None))).all()
        lent = s.exec(select(Loan.outstanding_fen).where(
            Loan.seller_id == actor.seller_id, Loan.product == "order", Loan.status == "open")).all()
    orders = Decimal(sum(pledgeable)) / 100
    limit = (orders * Decimal("0.95")).quantize(Decimal("0.01"), ROUND_FLOOR)  # AA: 95 %
    page = open_page("demo", "home")
    caption = next(c.value for c in page.caption if "pledgeable orders" in c.value)
    assert money_in(caption) == [orders, limit, Decimal(sum(lent)) / 100]
    assert "× 95% advance rate" in caption and "already lent on other orders" in caption


def test_a_partial_payment_clears_the_form_and_the_list_shows_the_new_outstanding(demo_copy):
    with using(demo_copy):
        loan = next(loan for loan in my_open("demo") if loan.product == "credit")
        at = open_page("demo", "repay", loan=str(loan.id))
        at.radio(key="repay_full").set_value(False).run()
        at.text_input(key="repay_amount").input("1000").run()
        after = at.dataframe[1].value  # the schedule after this payment, re-sized
        assert "early" in " ".join(map(str, after.iloc[:, 0]))
        at.button(key="repay_review").click().run()
        at.button(key="repay_confirm").click().run()
        assert not at.exception
        assert f"Paid ¥1,000.00 on loan #{loan.id}" in at.success[0].value
        assert at.radio(key="repay_full").value is True  # the form starts again: "Pay it off", no amount
        assert "repay_amount" not in [w.key for w in at.text_input]
        with read_scope() as s:
            outstanding = Decimal(s.get(Loan, loan.id).outstanding_fen) / 100
        label = at.selectbox(key="repay_loan").format_func(at.selectbox(key="repay_loan").value)
        assert f"outstanding ¥{outstanding:,.2f}" in label and outstanding < loan.outstanding_fen / 100


def test_after_a_payoff_the_receipt_stays_until_the_reader_moves_on(demo_copy):
    with using(demo_copy):
        loans = my_open("demo")
        loan = next(loan for loan in loans if loan.product == "credit")
        at = open_page("demo", "repay", loan=str(loan.id))
        at.button(key="repay_review").click().run()
        at.button(key="repay_confirm").click().run()
        assert f"Loan #{loan.id} is repaid in full and closed" in at.info[0].value
        assert not at.selectbox  # no other loan preselected for paying off
        at.run()
        assert f"Loan #{loan.id} is repaid in full" in at.info[0].value
        at.button(key="repay_another").click().run()
        assert at.selectbox(key="repay_loan").value != loan.id


def test_the_success_message_after_a_draw_links_to_the_new_loan(demo_copy):
    with using(demo_copy):
        at = open_page("demo", "draw_credit")
        at.text_input(key="credit_amount").input("5000").run()
        at.button(key="credit_review").click().run()
        at.checkbox(key="credit_draw_agree").check().run()
        at.button(key="credit_draw_confirm").click().run()
        newest = my_open("demo")[-1]
        assert f"Loan #{newest.id}" in at.success[0].value
        links = [link.proto for link in at.get("page_link")]
        assert any(p.label == f"Open loan #{newest.id}" and p.query_string == f"loan={newest.id}"
                   for p in links)
        with read_scope() as s:
            assert s.get(Loan, newest.id).agreement_version == "2026-11"


def test_the_loan_page_marks_today_and_the_overdue_installment(demo_db):
    loan = my_open("seller5")[0]
    page = open_page("seller5", "loan", loan=str(loan.id))
    table = page.dataframe[0].value
    statuses = list(table.iloc[:, -1])
    assert "◀ today" in statuses and "Overdue" in statuses
    today_at = statuses.index("◀ today")
    assert all(s in ("Paid", "Overdue", "Paid early") for s in statuses[:today_at])
    assert all(s in ("Scheduled", "Partly paid") for s in statuses[today_at + 1:])


def test_the_unread_count_is_in_the_sidebar_until_notifications_are_opened(demo_copy):
    with using(demo_copy):
        at = open_page("seller5", "home")
        titles = nav_titles(at)
        assert re.search(r"Notifications · \d+ new", titles)
        at = open_page("seller5", "notifications")
        assert not at.exception and "new" in " ".join(m.value for m in at.markdown)
        assert not re.search(r"Notifications · \d+ new", nav_titles(at))


def nav_titles(at) -> str:
    """The page titles the sidebar navigation lists (the pages `st.navigation` registered)."""
    return " ".join(str(info.get("page_name", "")) for info in at._registered_pages.values())


def my_open(username: str) -> list[Loan]:
    actor = actor_of(username)
    with read_scope() as s:
        return list(s.exec(select(Loan).where(Loan.seller_id == actor.seller_id, Loan.status == "open")
                           .order_by(col(Loan.id))).all())
