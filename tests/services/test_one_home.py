"""Rules written once and read in two forms agree (issue 15 §3): the DPD bucket in Python and as the
portfolio's SQL CASE; an unpaid or overdue installment as SQL, as SQL text and on rows read."""

from __future__ import annotations

from datetime import timedelta
from itertools import product

from sqlalchemy import Integer, literal, text
from sqlmodel import select

from app.config import InstallmentStatus
from app.dpd import bucket_names, dpd_bucket
from app.services.back_office.portfolio import bucket_case
from app.services.lending.draws import draw_credit_loan
from app.services.store import arrears
from db.engine import session_scope
from db.models import LoanInstallment
from tests.services.conftest import START


def test_the_sql_bucket_of_every_dpd_is_the_one_dpd_bucket_gives(db_url):
    days = range(-2, 200)
    with session_scope() as session:
        in_sql = session.execute(select(*(bucket_case(literal(n, Integer)) for n in days))).one()
    assert list(in_sql) == [dpd_bucket(n) for n in days]
    assert set(in_sql) == set(bucket_names())


def test_unpaid_and_overdue_read_the_same_as_sql_as_sql_text_and_on_rows_read(book):
    """Every combination of status and amounts on installment 1 of an open loan, due before and
    after today: the expression, its text and the row predicates agree; nothing paid in full
    is unpaid, whatever its label."""
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="3000.00", months=3,
                            method="equal_principal", idempotency_key="one-home")
    statuses = [s.value for s in InstallmentStatus]
    seen = set()
    for status, principal_paid, interest_paid, due in product(statuses, (False, True), (False, True),
                                                              (START - timedelta(days=1), START)):
        with session_scope() as session:
            row = session.exec(select(LoanInstallment).where(LoanInstallment.loan_id == loan.id,
                                                             LoanInstallment.period == 1)).one()
            row.status, row.due_date = status, due
            row.principal_paid_fen = row.principal_fen if principal_paid else row.principal_fen - 1
            row.interest_paid_fen = row.interest_fen if interest_paid else 0
            session.add(row)
        with session_scope() as session:
            row = session.get(LoanInstallment, row.id)
            unpaid = bool(session.exec(select(arrears.unpaid_installment())
                                       .where(LoanInstallment.id == row.id)).one())
            as_text = bool(session.execute(text(
                f"SELECT {arrears.unpaid_installment_sql('i')} FROM installments i WHERE i.id = :id"),
                {"id": row.id}).scalar_one())
            overdue = row.id in session.exec(arrears.in_arrears(LoanInstallment.id, today=START)).all()
            seller_overdue = book.seller_id in session.exec(arrears.overdue_sellers(START)).all()
            assert unpaid == as_text == arrears.is_unpaid(row), (status, principal_paid, interest_paid)
            assert overdue == seller_overdue == arrears.is_overdue(row, START) == (unpaid and due < START)
            if principal_paid and interest_paid:
                assert not unpaid
            seen.add(unpaid)
    assert seen == {True, False}
