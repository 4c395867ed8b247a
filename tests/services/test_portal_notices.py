"""What the seller is told (issue #16): a correction's notice gives a catalogue reason in the
seller's language while the officers' note stays internal (item 8); "loan paid out" and "payment
received" notices beside the existing ones (item 9); the one-day minimum said where it is charged
(item 10). The book is the small one of tests/services/conftest.py (0.06 %/day credit loans)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import pytest
from sqlmodel import select

from app.errors import CorrectionRefused
from app.i18n import Text, render, text
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.loan_views import loan_detail, my_loans
from app.services.lending.repayment import repay
from app.services.portal.home import notifications
from app.services.risk_ops.corrections import SELLER_REASONS, approve_correction, propose_correction
from app.services.store.risk_records import record_event
from app.services.store.settings import set_business_date
from db.engine import session_scope
from db.models import Correction, Event
from tests.services.test_risk_ops import assert_reconciled, default, draw, staff

NOTE = "goodwill, first late payment — 客户经理王某批准"  # an officer's free-text note


def correction_notices(book) -> list:
    return [n for n in notifications(book.seller, book.seller_id) if n.kind == "correction"]


def shown(notice) -> tuple[str, str]:
    return render(notice.message, "en"), render(notice.message, "zh")


# --- item 8: the seller reads a catalogue reason; the note stays with the officers -----------------------


def test_a_waiver_notice_gives_the_catalogue_reason_in_both_languages_never_the_note(book):
    loan = draw(book, months=1, method="bullet")
    with session_scope() as session:
        set_business_date(session, date(2026, 4, 11))
    run_end_of_day(book.system)  # 04-12: 90.00 of penalty
    maker, checker = staff("risk1"), staff("risk2")
    proposed = propose_correction(maker, kind="penalty_waiver", loan_id=loan.id, reason=NOTE, amount="30",
                                  seller_reason="first_late_payment")
    assert (proposed.reason, proposed.seller_reason) == (NOTE, "first_late_payment")  # officers see both
    approve_correction(checker, proposed.id, "checked")
    [notice] = correction_notices(book)
    en, zh = shown(notice)
    assert en == (f"Penalty interest of ¥30.00 on loan #{loan.id} was waived. "
                  "Reason: it was your first late payment.")
    assert zh == f"贷款 #{loan.id} 的罚息 ¥30.00 已减免。原因：这是您的首次逾期。"
    with session_scope() as session:  # not even the stored event holds the note
        stored = session.exec(select(Event.message).where(Event.kind == "correction")).one()
    assert "goodwill" not in stored and "王某" not in stored
    [seen] = loan_detail(book.seller, loan.id).corrections  # the seller's read model: no note, no names
    assert seen.kind == "penalty_waiver" and seen.amount == D("30.00") and not hasattr(seen, "proposed_by")
    assert render(seen.reason, "zh") == "这是您的首次逾期" and "goodwill" not in repr(seen)
    assert_reconciled()


def test_a_reversal_notice_uses_the_catalogue(book):
    loan = draw(book)
    with session_scope() as session:
        set_business_date(session, date(2026, 3, 12))
    payment = repay(book.seller, loan_id=loan.id, amount="1000", idempotency_key="p")
    maker, checker = staff("risk1"), staff("risk2")
    reversal = propose_correction(maker, kind="payment_reversal", loan_id=loan.id, payment_id=payment.id,
                                  reason="bank returned the transfer, ticket 4411",
                                  seller_reason="payment_returned")
    approve_correction(checker, reversal.id)
    en, zh = shown(correction_notices(book)[0])
    assert "returned by the bank or payment provider" in en and "ticket" not in en
    assert "被银行或支付机构退回" in zh and "ticket" not in zh


def test_a_write_off_notice_uses_the_catalogue_and_the_loan_reads_written_off(book):
    loan_id = default(book)
    run_end_of_day(book.system)  # non-performing
    maker, checker = staff("risk1"), staff("risk2")
    write_off = propose_correction(maker, kind="write_off", loan_id=loan_id, reason="skip-traced, no assets",
                                   seller_reason="uncollectable")
    approve_correction(checker, write_off.id)
    en, zh = shown(correction_notices(book)[0])
    assert "written off" in en and "assessed as not recoverable" in en and "skip" not in en
    assert "已核销" in zh and "无法收回" in zh
    rows = {row.id: row for row in my_loans(book.seller, book.seller_id)}
    assert (rows[loan_id].state, render(rows[loan_id].state_text, "zh")) == ("written_off", "已核销")
    assert_reconciled()


@pytest.mark.parametrize("seller_reason", ["goodwill", "nonsense", None, 7, ""])
def test_a_reason_not_in_the_kinds_catalogue_is_refused(book, seller_reason):
    loan = default(book)
    maker = staff("risk1")
    with pytest.raises(CorrectionRefused) as refused:
        propose_correction(maker, kind="write_off", loan_id=loan, reason="note", seller_reason=seller_reason)
    assert "Write-off" in str(refused.value) and "核销" in refused.value.render("zh")
    with session_scope() as session:
        assert not session.exec(select(Correction)).all()


def test_every_kind_offers_other_and_every_reason_reads_in_both_languages():
    for kind, reasons in SELLER_REASONS.items():
        assert "other" in reasons, kind
        for code in reasons:
            reason = text(f"correction.seller_reason.{code}")
            assert render(reason, "en") and render(reason, "zh") != render(reason, "en")


def test_a_notice_recorded_with_the_note_before_the_catalogue_reads_other(book):
    loan = draw(book)
    with session_scope() as session:  # as approve_correction recorded it before issue #16
        record_event(session, book.seller_id, date(2026, 3, 2), "correction", Text(
            "risk.event.correction.penalty_waiver", {"loan_id": loan.id, "payment_id": "", "amount": "¥5.00",
                                                     "reason": NOTE}), loan_id=loan.id)
    en, zh = shown(correction_notices(book)[0])
    assert "goodwill" not in en and "王某" not in zh
    assert en.endswith("Reason: a review of your account.") and zh.endswith("原因：对您账户的审核。")


def test_a_nested_reason_survives_json():
    message = text("risk.event.correction.write_off", loan_id=1, payment_id="", amount="¥1.00",
                   reason=text("correction.seller_reason.hardship"))
    again = Text.from_json(json.loads(json.dumps(message.to_json())))
    assert again == message and render(again, "zh").endswith("原因：暂时性经营困难。")


# --- item 9: "loan paid out" and "payment received" beside the other notices ------------------------------


def test_a_draw_a_payment_an_auto_debit_and_the_payoff_are_each_a_notice(book):
    from app.services.lending.repayment import payoff_quote
    from db.models import Payment, Seller

    loan = draw(book, amount="3000", months=3)  # equal principal 1,000.00 a month, drawn 03-02
    first_due = loan_detail(book.seller, loan.id).schedule[0].due_date
    with session_scope() as session:
        session.get(Seller, book.seller_id).platform_balance_fen = 500_000  # auto-debit takes from it
    with session_scope() as session:
        set_business_date(session, date(2026, 3, 12))
    repay(book.seller, loan_id=loan.id, amount="500", idempotency_key="part")
    run_end_of_day(book.system, until=first_due)  # installment 1 collected from the balance
    repay(book.seller, loan_id=loan.id, amount=payoff_quote(book.seller, loan.id).payoff,
          idempotency_key="payoff")
    with session_scope() as session:
        payments = session.exec(select(Payment).where(Payment.loan_id == loan.id).order_by(Payment.id)).all()
    assert [p.source for p in payments] == ["manual", "auto_debit", "manual"]
    notices = {n.key: n for n in notifications(book.seller, book.seller_id)}

    paid_out = notices[f"disbursed:{loan.id}"]
    assert (paid_out.kind, paid_out.on) == ("disbursed", date(2026, 3, 2))
    en, zh = shown(paid_out)
    assert en.startswith(f"Loan #{loan.id} is paid out: ¥3,000.00 (Credit loan, shop {book.shop_id})")
    assert zh.startswith(f"贷款 #{loan.id} 已发放：¥3,000.00（信用贷款") and "转入您的支付账户" in zh

    part, debit, payoff = (notices[f"payment:{p.id}"] for p in payments)
    assert {part.kind, debit.kind, payoff.kind} == {"payment"}
    assert (part.on, debit.on) == (date(2026, 3, 12), payments[1].paid_on)
    en, zh = shown(part)
    assert en.startswith(f"Payment #{payments[0].id} of ¥500.00 on loan #{loan.id} is received")
    assert "interest ¥18.00" in en and "已到账" in zh  # 3,000.00 × 0.06 % × 10 days
    en, zh = shown(debit)
    assert "collected from your platform balance" in en and "平台余额中扣收" in zh
    en, zh = shown(payoff)
    assert en.endswith("The loan is repaid in full and closed.") and zh.endswith("该贷款已全部还清并结清。")
    assert "closed" not in shown(part)[0]


# --- item 10: the one-day minimum is said where it is charged ---------------------------------------------


def test_a_same_day_payoff_preview_says_the_interest_is_the_one_day_minimum(book):
    from app.loans.allocation import apply_payment
    from app.loans.state import minimum_day_interest
    from app.services.lending.repay_all import preview_repayment
    from app.services.lending.repayment import payoff_quote
    from app.services.store import loan_store

    loan = draw(book, amount="1234", months=1, method="bullet")  # drawn today, 2026-03-02
    payoff = payoff_quote(book.seller, loan.id).payoff
    assert payoff == D("1234.74")  # 1,234.00 × 0.06 % × 1 day = 0.7404 → 0.74
    preview = preview_repayment(book.seller, loan.id, payoff)
    assert preview.allocation.interest == D("0.74") and preview.minimum_day_interest == D("0.74")
    part = preview_repayment(book.seller, loan.id, "0.50")  # a payment that collects only part of it
    assert part.minimum_day_interest == D("0.50")
    with session_scope() as session:  # the same loan a day later: the day ran, no minimum any more
        state = loan_store.get(session, loan.id).state(date(2026, 3, 2))
    assert minimum_day_interest(state, date(2026, 3, 3)) == 0
    collected, _ = apply_payment(state, date(2026, 3, 2), D("0.74"))  # the day's interest already paid
    assert minimum_day_interest(collected, date(2026, 3, 2)) == 0
    with session_scope() as session:
        set_business_date(session, date(2026, 3, 3))
    assert preview_repayment(book.seller, loan.id, "100").minimum_day_interest == 0


def test_the_agreement_states_the_one_day_minimum_with_its_amount(book):
    import io

    from pypdf import PdfReader

    from app.services.portal.documents import loan_agreement_pdf

    loan = draw(book, amount="12000", months=3)
    for lang, says in (("en", "charged one day (¥7.20 on the whole amount)"), ("zh", "按一天计息")):
        data = loan_agreement_pdf(book.seller, loan.id, lang)
        text_ = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
        assert says in text_, lang
    assert "¥7.20" in text_
