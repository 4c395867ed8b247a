"""`postings.held_postings`: end of day's engine batches write their payments, entries and
lines at the block's end (issue #11) — the same rows, linked the same way, as posting one
at a time; nothing if the block fails. On SQLite and, with `--db=postgres`, PostgreSQL
(ids from the sequence there)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlmodel import select

from app import ledger
from app.services.lending.draws import draw_credit_loan
from app.services.store import postings
from db.engine import session_scope
from db.models import JournalEntry, JournalLine, Payment
from tests.services.conftest import START, table_digests


def _payment_and_entries(session, loan_id: int, seller_id: int, n: int,
                         kind: str = "held") -> list[tuple[Payment, int]]:
    """`n` payments of 1.00 + k fen, each with its repayment entry (three lines)."""
    made = []
    for k in range(n):
        amount = Decimal("1.00") + Decimal(k) / 100
        payment = Payment(loan_id=loan_id, seller_id=seller_id, paid_on=START, source="manual",
                          amount_fen=100 + k, penalty_fen=0, interest_fen=0, principal_fen=100 + k)
        session.add(payment)
        if not postings.give_id(session, payment, Payment.__tablename__):
            session.flush()
        cent = Decimal("0.01")
        entry = postings.post_entry(session, business_date=START, kind=kind, loan_id=loan_id,
                                    payment_id=payment.id, lines=[
                                        ledger.debit(ledger.LENDER_FUNDS, amount),
                                        ledger.credit(ledger.INTEREST_RECEIVABLE, cent, loan_id=loan_id),
                                        ledger.credit(ledger.LOAN_PRINCIPAL, amount - cent, loan_id=loan_id)])
        made.append((payment, entry.id))
    return made


def _written(session, kind: str) -> list[tuple]:
    """(payment's amount, the entry's lines: account, debit, credit) of the entries of `kind`."""
    entries = session.exec(select(JournalEntry).where(JournalEntry.kind == kind)
                           .order_by(JournalEntry.id)).all()
    out = []
    for entry in entries:
        payment = session.get(Payment, entry.payment_id)
        lines = session.exec(select(JournalLine.account, JournalLine.debit_fen, JournalLine.credit_fen)
                             .where(JournalLine.entry_id == entry.id).order_by(JournalLine.account)).all()
        out.append((payment.amount_fen, [tuple(line) for line in lines]))
    return out


@pytest.fixture
def loan(book):
    return draw_credit_loan(book.seller, shop_id=book.shop_id, amount="1000", months=3, method="bullet",
                            idempotency_key="held-postings")


@pytest.mark.parametrize("n", [1, 40])  # 40: past the first block of sequence ids
def test_held_postings_write_what_posting_one_at_a_time_writes(book, loan, n):
    with session_scope() as session:
        highest = session.exec(select(func.max(JournalEntry.id))).one()
        with postings.held_postings(session):
            made = _payment_and_entries(session, loan.id, book.seller_id, n)
            assert session.exec(select(func.count()).select_from(JournalLine)  # held, not yet written
                                .where(JournalLine.entry_id.in_([e for _, e in made]))).one() == 0
    with session_scope() as session:
        _payment_and_entries(session, loan.id, book.seller_id, n, kind="one_at_a_time")
    with session_scope() as session:
        held, one_at_a_time = _written(session, "held"), _written(session, "one_at_a_time")
    entry_ids = [entry_id for _, entry_id in made]
    assert held == one_at_a_time
    assert len(held) == n and all(len(lines) == 3 for _, lines in held)
    assert entry_ids == sorted(set(entry_ids)) and entry_ids[0] > highest  # fresh, in posting order


def test_a_failed_batch_writes_nothing_and_holds_nothing_after(book, loan):
    before = table_digests()
    with pytest.raises(RuntimeError), session_scope() as session:
        with postings.held_postings(session):
            _payment_and_entries(session, loan.id, book.seller_id, 3)
            raise RuntimeError("the batch fails")
    assert table_digests() == before
    with session_scope() as session:
        with postings.held_postings(session):
            pass
        assert not postings.give_id(session, Payment(), Payment.__tablename__)  # outside: no ids given
