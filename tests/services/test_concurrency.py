"""Two identical requests at the same moment draw or pay once (rules §11)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlmodel import func, select

from app.services.lending.draws import draw_credit_loan
from app.services.lending.repayment import repay
from db.engine import session_scope
from db.models import Loan, Payment


def twice_at_once(call):
    with ThreadPoolExecutor(max_workers=2) as pool:
        return [f.result() for f in [pool.submit(call), pool.submit(call)]]


def test_a_double_clicked_draw_makes_one_loan(book):
    def draw():
        return draw_credit_loan(book.seller, shop_id=book.shop_id, amount="5000.00", months=3,
                                method="equal_principal", idempotency_key="dbl")

    results = twice_at_once(draw)
    assert results[0].id == results[1].id
    with session_scope() as s:
        assert s.exec(select(func.count()).select_from(Loan)).one() == 1


def test_a_double_clicked_repayment_pays_once(book):
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="5000.00", months=1, method="bullet",
                            idempotency_key="d")
    results = twice_at_once(lambda: repay(book.seller, loan_id=loan.id, amount="1000.00",
                                          idempotency_key="p"))
    assert results[0] == results[1]
    with session_scope() as s:
        assert s.exec(select(func.count()).select_from(Payment)).one() == 1
