"""Sessions that survive a reload (issue #16 item 11): a token the server signed names a live
session; a forged token, a signed-out session and an idle one are refused; the clock is
injected, never waited for."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from app.services.accounts import web_sessions
from app.services.accounts.web_sessions import (
    IDLE_SECONDS,
    RENEW_SECONDS,
    end,
    open_session,
    resume,
    save_journey,
)
from db.engine import session_scope
from db.models import WebSession

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def later(seconds: float) -> datetime:
    return NOW + timedelta(seconds=seconds)


@pytest.fixture
def token(book) -> str:
    return open_session(book.seller, now=NOW)


def test_a_token_names_its_seller_until_the_idle_timeout_which_each_use_pushes_on(book, token):
    assert resume(token, now=later(60)).actor == book.seller
    assert resume(token, now=later(60 + IDLE_SECONDS - 1)).actor == book.seller  # renewed at 60 s
    again = resume(token, now=later(60 + 2 * IDLE_SECONDS - 2))
    assert again.actor == book.seller and not again.idle


def test_an_idle_session_is_ended_for_good(book, token):
    gone = resume(token, now=later(IDLE_SECONDS + 1))
    assert gone.actor is None and gone.idle
    assert resume(token, now=later(2)).actor is None  # even with a clock that went back
    with session_scope() as session:
        assert session.exec(select(WebSession.ended_why)).one() == "idle"


def test_renewing_writes_at_most_once_a_minute(book, token):
    resume(token, now=later(RENEW_SECONDS - 1))
    with session_scope() as session:
        assert session.exec(select(WebSession.last_seen_at)).one().replace(tzinfo=UTC) == NOW
    resume(token, now=later(RENEW_SECONDS))
    with session_scope() as session:
        assert session.exec(select(WebSession.last_seen_at)).one().replace(tzinfo=UTC) == later(RENEW_SECONDS)


def test_a_signed_out_token_signs_nobody_in(book, token):
    end(token, now=later(5))
    gone = resume(token, now=later(6))
    assert gone.actor is None and not gone.idle


def test_signing_in_again_makes_a_new_token(book, token):
    assert open_session(book.seller, now=NOW) != token


@pytest.mark.parametrize("forge", [
    lambda t: t.split(".")[0] + "." + "A" * 43,  # the right id, a made-up signature
    lambda t: "A" * 32 + "." + t.split(".")[1],  # another id under this signature
    lambda t: t.split(".")[0],  # no signature
    lambda t: t + ".x", lambda t: "", lambda t: None, lambda t: ["list"], lambda t: "é" * 300,
])
def test_a_forged_token_is_refused(book, token, forge):
    assert resume(forge(token), now=later(1)).actor is None


def test_a_token_signed_under_another_secret_is_refused(book, token, monkeypatch):
    monkeypatch.setenv(web_sessions.SECRET_ENV, "x" * 40)
    other = open_session(book.seller, now=NOW)
    assert resume(other, now=later(1)).actor == book.seller
    monkeypatch.setenv(web_sessions.SECRET_ENV, "y" * 40)
    assert resume(other, now=later(2)).actor is None


def test_the_database_never_holds_the_token(book, token):
    with session_scope() as session:
        row = session.exec(select(WebSession)).one()
    assert row.id == hashlib.sha256(token.split(".")[0].encode()).hexdigest()
    assert token.split(".")[0] not in repr(row.model_dump())


def test_the_journey_is_kept_with_a_live_session_only(book, token):
    save_journey(token, {"repay_pending": {"request": {"loan": 3}, "key": "k"}})
    assert resume(token, now=later(1)).journey == {"repay_pending": {"request": {"loan": 3}, "key": "k"}}
    end(token, now=later(2))
    save_journey(token, {"repay_pending": {}})
    with session_scope() as session:
        assert "loan" in session.exec(select(WebSession.journey)).one()


def test_the_default_clock_is_the_one_tests_replace(book, monkeypatch):
    monkeypatch.setattr(web_sessions, "utc_now", lambda: NOW)
    token = open_session(book.seller)
    monkeypatch.setattr(web_sessions, "utc_now", lambda: later(IDLE_SECONDS + 1))
    assert resume(token).idle


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=st.one_of(st.text(max_size=120), st.binary(max_size=40), st.integers(), st.none(),
                       st.lists(st.text(max_size=5), max_size=3),
                       st.from_regex(r"[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{43}", fullmatch=True)))
def test_any_token_that_was_not_issued_is_refused_and_changes_nothing(book, token):
    issued = open_session(book.seller, now=NOW)
    with session_scope() as session:
        before = session.exec(select(WebSession)).all()
    assert resume(token, now=later(1)).actor is None
    end(token, now=later(1))
    save_journey(token, {"repay_pending": {"key": "x"}})
    with session_scope() as session:
        assert session.exec(select(WebSession)).all() == before
    assert resume(issued, now=later(2)).actor == book.seller
