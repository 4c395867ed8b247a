"""Issue #10 acceptance: on the demo platform after `advance-days 90`, the portfolio page's NPL
ratio and DPD distribution equal the same figures computed independently — here straight from
the loans' and installments' rows with rules §7's buckets written out by hand."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlmodel import select

from app.demo.time_travel import advance_days
from app.services.access.actor import Actor
from app.services.back_office.portfolio import portfolio
from db.engine import engine_for, session_scope
from db.models import User
from tests.demo.conftest import using

pytestmark = pytest.mark.slow


def by_hand_bucket(dpd: int) -> str:
    if dpd <= 0:
        return "current"
    return "1-30" if dpd <= 30 else "31-60" if dpd <= 60 else "61-90" if dpd <= 90 else ">90"


def open_loans_by_hand(today: date) -> list[tuple[int, int]]:
    """(days past due, outstanding fen) of every open loan, from the raw rows."""
    with session_scope() as session:
        loans = session.execute(text("SELECT id, outstanding_fen FROM loans WHERE status = 'open'")).all()
        unpaid = session.execute(text(
            "SELECT loan_id, MIN(due_date) FROM installments WHERE due_date < :t AND "
            "(principal_paid_fen < principal_fen OR interest_paid_fen < interest_fen) GROUP BY loan_id"),
            {"t": today}).all()
    oldest = {loan_id: date.fromisoformat(str(due)[:10]) for loan_id, due in unpaid}
    return [((today - oldest[i]).days if i in oldest else 0, fen) for i, fen in loans]


def test_npl_ratio_and_dpd_distribution_after_advance_days_90(demo_copy):
    with using(demo_copy):
        with session_scope() as session:
            admin = session.exec(select(User).where(User.username == "admin")).one()
        actor = Actor(admin.id, admin.role, None)
        advance_days(actor, 90)
        shown = portfolio(actor)
        rows = open_loans_by_hand(shown.today)
        engine_for(demo_copy).dispose()
    counts = Counter(by_hand_bucket(dpd) for dpd, _ in rows)
    fen = Counter()
    for dpd, outstanding in rows:
        fen[by_hand_bucket(dpd)] += outstanding
    assert {r.bucket: r.loans for r in shown.dpd} == {b: counts[b] for b in
                                                       ("current", "1-30", "31-60", "61-90", ">90")}
    assert {r.bucket: r.outstanding for r in shown.dpd} == {b: Decimal(fen[b]) / 100 for b in
                                                             ("current", "1-30", "31-60", "61-90", ">90")}
    total = sum(fen.values())
    assert total > 0 and fen[">90"] > 0  # the demo has non-performing loans to count
    assert shown.npl_ratio == Decimal(fen[">90"]) / Decimal(total)
