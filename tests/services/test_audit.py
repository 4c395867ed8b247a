"""The audit log (issue #8 item 14): sign-ins, money moves, decisions, settings and runs are
recorded with who, when and from which session, in the transaction of the change; the table
refuses UPDATE and DELETE; only an admin reads it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from app.errors import LimitExceeded, PermissionDenied, SignInFailed
from app.passwords import hash_password
from app.services.access import audit
from app.services.access.actor import ADMIN, RISK, SYSTEM_ACTOR, Actor
from app.services.access.audit import audit_log
from app.services.accounts.signin import sign_in
from app.services.credit.assessment import apply_for_credit
from app.services.credit.review import review_decision
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.draws import draw_credit_loan, draw_order_loan
from app.services.lending.repayment import repay
from app.services.store.settings import set_lender_funds
from db.engine import session_scope
from db.models import AuditEvent, User
from tests.services.test_assessment import manual_review_case

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def admin(book) -> Actor:
    with session_scope() as session:
        boss = User(username="boss", role=ADMIN, password_hash=hash_password("admin-pass"))
        session.add(boss)
        session.flush()
        return Actor(boss.id, ADMIN)


def events(admin: Actor, action: str | None = None) -> list[audit.AuditRow]:
    return list(reversed(audit_log(admin, action=action)))


def test_sign_ins_failures_and_the_lock_out_are_recorded_without_secrets(admin):
    actor = sign_in("boss", "admin-pass", now=NOW)
    for _ in range(5):
        with pytest.raises(SignInFailed):
            sign_in("boss", "wrong secret", now=NOW)
    with pytest.raises(SignInFailed):
        sign_in("nobody", "wrong secret", now=NOW)
    rows = [r for r in events(admin) if r.action in ("sign_in", "sign_in_failed", "locked_out")]
    assert [(r.action, r.username) for r in rows] == [
        ("sign_in", "boss"), *[("sign_in_failed", "boss")] * 4, ("locked_out", "boss"),
        ("sign_in_failed", "nobody")]
    assert (rows[0].session_id, rows[0].user_id, rows[0].role) == (actor.session_id, admin.user_id, ADMIN)
    assert rows[-1].user_id is None
    assert all(r.at.tzinfo is not None for r in rows)
    assert not any("secret" in str(r.details) or "admin-pass" in str(r.details) for r in rows)


def test_money_moves_decisions_reviews_settings_and_end_of_day_are_recorded(book, admin):
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="5000.00", months=3, method="bullet",
                            idempotency_key="a1")
    order_loan = draw_order_loan(book.seller, shop_id=book.shop_id, order_ids=book.order_ids[:2], amount=None,
                                 idempotency_key="a2")
    repay(book.seller, loan_id=loan.id, amount="100.00", idempotency_key="a3")
    apply_for_credit(book.seller, seller_id=book.seller_id)
    officer = Actor(admin.user_id, RISK)  # review as a staff member with a login
    review_decision(officer, manual_review_case(book.other.seller_id), approve=False, note="unverifiable")
    with session_scope() as session:
        set_lender_funds(session, registered_capital=Decimal("100000"), bank_credit_lines=Decimal("0"),
                         actor=admin)
    run_end_of_day(SYSTEM_ACTOR)
    rows = [(r.action, r.subject, r.username) for r in events(admin)]
    assert ("draw", f"loan {loan.id}", "seller1") in rows
    assert ("draw", f"loan {order_loan.id}", "seller1") in rows
    assert ("repayment", f"loan {loan.id}", "seller1") in rows
    assert ("decision", f"seller {book.seller_id}", "seller1") in rows
    assert any(action == "review" and who == "boss" for action, _, who in rows)
    assert ("setting_changed", "lender funds", "boss") in rows
    assert ("end_of_day", "2026-03-02", "system") in rows
    draw = events(admin, "draw")[0]
    assert draw.details == {"product": "credit", "method": "bullet", "amount": "5000.00"}


def test_a_refused_change_leaves_no_event(book, admin):
    before = len(events(admin))
    with pytest.raises(LimitExceeded):
        draw_credit_loan(book.seller, shop_id=book.shop_id, amount="999999.00", months=3, method="bullet",
                         idempotency_key="too-much")
    assert len(events(admin)) == before


def test_the_audit_table_refuses_updates_and_deletes(book, admin):
    sign_in_rows = len(events(admin))
    assert sign_in_rows > 0  # the book's settings were recorded
    for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"):
            with session_scope() as session:
                session.execute(sql(statement))
    with pytest.raises(DBAPIError, match="append-only"):
        with session_scope() as session:
            row = session.exec(select(AuditEvent)).first()
            session.delete(row)
    assert len(events(admin)) == sign_in_rows


def test_only_an_admin_reads_the_log_and_secrets_are_never_recorded(book, admin):
    for reader in (book.seller, Actor(None, RISK), SYSTEM_ACTOR):
        with pytest.raises(PermissionDenied):
            audit_log(reader)
    with pytest.raises(ValueError):
        audit.record_alone(admin, "sign_in", new_password="x")
    with pytest.raises(ValueError):
        audit.record_alone(admin, "activation", activation_code="x")
    audit.record_alone(admin, "correction", "loan 1", amount="1.00")
    latest = audit_log(admin, limit=1)
    assert [(r.action, r.subject, r.details) for r in latest] == [
        ("correction", "loan 1", {"amount": "1.00"})]
    with pytest.raises(AttributeError):
        latest[0].action = "x"
    assert audit_log(admin, action="no-such-action") == []
    assert (datetime.now(UTC) - latest[0].at) < timedelta(minutes=5)
