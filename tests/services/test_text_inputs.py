"""A NUL byte (or another control character) in free text is refused with a clear message
before it reaches the database (PostgreSQL's driver would raise on it), and changes no row
(issue #8 D)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from app.errors import ActivationFailed, LendingError, SignInFailed
from app.passwords import hash_password
from app.services.access.actor import RISK, Actor
from app.services.access.inputs import InvalidText, clean_text
from app.services.accounts import signin
from app.services.accounts.signin import activate, sign_in
from app.services.credit.review import review_decision
from app.services.lending.draws import draw_credit_loan, draw_order_loan
from app.services.lending.repayment import repay
from db.engine import session_scope
from db.models import User
from tests.services.conftest import table_digests

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def seller_login(book):
    with session_scope() as session:
        user = session.exec(select(User).where(User.username == "seller1")).one()
        user.password_hash = hash_password("correct horse")
        session.add(user)
    signin._unknown.clear()
    yield book
    signin._unknown.clear()


@pytest.mark.parametrize("username", ["seller1\x00", "\x00", "sel\x00ler1", "seller1\x00' OR 1=1"])
def test_a_username_with_a_nul_byte_is_a_wrong_sign_in(seller_login, username):
    before = table_digests()
    with pytest.raises(SignInFailed) as refused:
        sign_in(username, "correct horse", now=NOW)
    assert str(refused.value) == str(SignInFailed(signin.text("auth.failed")))
    after = table_digests()
    # the failed sign-in is audited (one row more); no other table changes
    assert after.pop("audit_events").rows == before.pop("audit_events").rows + 1
    assert after == before
    assert sign_in("seller1", "correct horse", now=NOW).seller_id == seller_login.seller_id  # not locked


def test_activation_with_a_nul_byte_is_refused_like_a_wrong_code(seller_login):
    before = table_digests()
    with pytest.raises(ActivationFailed):
        activate("seller1\x00", "ABCD-EFGH", "a new long password", now=NOW)
    after = table_digests()
    # the failed activation is audited (one row more, as `signin._failure` records every refusal);
    # no other table changes
    assert after.pop("audit_events").rows == before.pop("audit_events").rows + 1
    assert after == before


@pytest.mark.parametrize(("shop_id", "key"), [("SHOP0001\x00", "k1"), ("SHOP0001", "k\x00"),
                                               ("SHOP0001", "k\x1b[2J"), ("SHOP0001", "k" * 81)])
def test_draws_refuse_text_with_control_characters(book, shop_id, key):
    before = table_digests()
    with pytest.raises(LendingError) as refused:
        draw_credit_loan(book.seller, shop_id=shop_id, amount="5000.00", months=3, method="bullet",
                         idempotency_key=key)
    assert str(refused.value) and refused.value.render("zh")
    with pytest.raises(LendingError):
        draw_order_loan(book.seller, shop_id=shop_id, order_ids=book.order_ids[:2], amount=None,
                        idempotency_key=key)
    assert table_digests() == before


def test_a_repayment_key_with_a_nul_byte_is_refused(book):
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="5000.00", months=1, method="bullet",
                            idempotency_key="draw")
    before = table_digests()
    with pytest.raises(LendingError):
        repay(book.seller, loan_id=loan.id, amount="100.00", idempotency_key="pay\x00")
    assert table_digests() == before


def test_a_review_note_with_a_nul_byte_is_refused(book):
    before = table_digests()
    with pytest.raises(InvalidText):
        review_decision(Actor(user_id=1, role=RISK), 1, approve=True, note="fine\x00")
    assert table_digests() == before


def test_clean_text():
    assert clean_text("  SHOP0001 ", max_len=16) == "SHOP0001"
    assert clean_text("line one\nline two\tand tab", max_len=100)
    for bad in ["a\x00", "\x7f", "x" * 17, None, 7, b"bytes"]:
        with pytest.raises(InvalidText):
            clean_text(bad, max_len=16)
