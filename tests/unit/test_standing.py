"""My limits speaks from one standing, strongest first (issue #16 item 7): blacklisted > recalled >
warned (limits frozen) > overdue > cannot borrow > fine; each with its one message."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from app.i18n import render, text
from app.services.lending.availability import Limits
from app.services.lending.borrowing import Borrowing
from app.services.portal.home import Home, Standing, standing_of
from app.services.store.risk_records import RiskEventView

TODAY = date(2026, 11, 28)
LIMITS = Limits(rating="BBB", credit_limit=D("102000.00"), advance_rate=D("0.8"), order_limit=D("0.00"),
                credit_outstanding=D("67871.36"), order_outstanding=D("0.00"), combined_room=D("932128.64"),
                capacity_room=D("1000000000.00"))
FINE = Home("Seller", "3702**********0294", "177****8208", (("SHOP0004", "Shop"),), TODAY, LIMITS, None,
            None, D("0.00"), D("0.00"), False)
CAN = Borrowing((), (), D("34128.64"), D("100.00"))
CLOSED = (text("draw.blocked.blacklisted"),)
BLOCKED = Borrowing(CLOSED, CLOSED, D("0"), D("100"))
WARNING = RiskEventView(1, 4, "", "warning", "open", date(2026, 11, 19), date(2026, 12, 3), None, None,
                        (text("risk.reason.rating_drop", bands=2, before="A", now="BB"),), ())
RECALL = replace(WARNING, kind="recall", cure_until=None, due_on=date(2026, 12, 5))
OVERDUE = replace(FINE, overdue_since=date(2026, 11, 14), days_past_due=14, due_now=D("8981.20"),
                  overdue_amount=D("8981.20"))


def said(standing: Standing) -> str:
    return "\n".join(render(t, lang) for lang in ("en", "zh")
                     for t in (standing.message, *standing.reasons, standing.limits_note) if t is not None)


def test_blacklisted_outranks_everything_and_offers_no_way_to_raise_the_limit():
    standing = standing_of(replace(OVERDUE, blacklisted=True, risk_notice=WARNING), BLOCKED)
    assert (standing.state, standing.tone, standing.tips) == ("blacklisted", "error", False)
    assert not standing.can_draw
    assert standing.message.key == "home.blacklisted"
    assert [r.key for r in standing.reasons] == ["home.due_now_banner"]  # what is owed, in the same box
    assert standing.limits_note.key == "standing.note.blacklisted" and standing.blocked
    assert "room under the cap" not in said(standing) and "Risk warning" not in said(standing)


def test_a_warning_freezes_and_says_so_once_with_its_reasons_and_what_is_owed():
    standing = standing_of(replace(OVERDUE, risk_notice=WARNING), BLOCKED)
    assert (standing.state, standing.tone, standing.tips) == ("warned", "warning", True)
    assert standing.message == WARNING.notice
    assert [r.key for r in standing.reasons] == ["risk.reason.rating_drop", "home.due_now_banner"]
    assert "2026-12-03" in render(standing.limits_note) and "2026-12-03" in render(standing.limits_note, "zh")


def test_a_recall_outranks_a_warning_and_hides_the_tips():
    standing = standing_of(replace(FINE, risk_notice=RECALL), BLOCKED)
    assert (standing.state, standing.tips) == ("recalled", False)
    assert "2026-12-05" in render(standing.message) and "2026-12-05" in render(standing.limits_note, "zh")


def test_overdue_alone_is_the_due_now_message():
    overdue = (text("draw.blocked.overdue"),)
    standing = standing_of(OVERDUE, Borrowing(overdue, overdue, D("0"), D("100")))
    assert (standing.state, standing.tone, standing.reasons) == ("overdue", "error", ())
    assert standing.message.key == "home.due_now_banner" and "¥8,981.20" in render(standing.message, "zh")


def test_a_rating_that_closes_both_products_is_the_message_and_a_fine_seller_gets_none():
    declined = Borrowing((text("borrow.why.declined", score=529),), (text("borrow.why.declined", score=529),),
                         D("0"), D("100"))
    standing = standing_of(FINE, declined)
    assert (standing.state, standing.blocked, standing.tips) == ("cannot_borrow", True, True)
    assert [r.key for r in standing.reasons] == ["borrow.why.declined"]
    fine = standing_of(FINE, CAN)
    assert (fine.state, fine.message, fine.limits_note, fine.blocked, fine.can_draw) == (
        "fine", None, None, False, True)
    credit_used = Borrowing((text("borrow.why.no_credit_limit"),), (), D("0"), D("100"))
    partly = standing_of(FINE, credit_used)
    assert (partly.state, partly.message.key, partly.tone) == ("fine", "borrow.cannot_credit", "info")
