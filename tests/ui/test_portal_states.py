"""Issue #16, the seller portal as a seller finds it: a loan's real state on its page and in every
table, with "pay what is overdue" on the loan page (item 4); the Repay form after a payment (item 5);
one state, one message on My limits (item 7); notices (items 8, 9); the one-day minimum (item 10)."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import select

from app.services.lending.loan_views import my_loans
from db.engine import session_scope
from db.models import Payment
from tests.ui.conftest import actor_of, open_page
from tests.ui.test_pages import texts


def open_rows(username: str):
    actor = actor_of(username)
    return [loan for loan in my_loans(actor, actor.seller_id) if loan.is_open]


def metric(at, label: str) -> str:
    return next(m.value for m in at.main.metric if m.label == label)


# --- item 4: a non-performing loan reads as such, and its overdue is paid from its page ---------------


def test_a_non_performing_loan_shows_its_state_due_now_and_is_paid_from_its_page(demo_db):
    loan = next(loan for loan in open_rows("seller6") if loan.state == "non_performing")
    days = loan.days_past_due
    assert days > 90
    at = open_page("seller6", "loan", loan=str(loan.id))
    assert not at.exception
    assert metric(at, "Status") == f"Non-performing ({days} days late)"
    assert metric(at, "Due now") == f"¥{loan.due_now:,.2f}"
    assert "This loan is non-performing" in at.error[0].value and f"¥{loan.due_now:,.2f}" in at.error[0].value
    review = at.button(key="loan_pay_due_review")
    assert review.label == f"Pay what is overdue: ¥{loan.due_now:,.2f}"
    review.click().run()
    at.button(key="loan_pay_due_confirm").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(f"Paid ¥{loan.due_now:,.2f} on loan #{loan.id}")
    with session_scope() as session:
        paid = session.exec(select(Payment).where(Payment.loan_id == loan.id)
                            .order_by(Payment.id.desc())).first()
    assert Decimal(paid.amount_fen) / 100 == loan.due_now and paid.source == "manual"
    at.run()  # a rerun pays nothing more
    with session_scope() as session:
        assert session.exec(select(Payment.id).where(Payment.loan_id == loan.id)
                            .order_by(Payment.id.desc())).first() == paid.id
    assert not [b for b in at.button if b.key == "loan_pay_due_review"]  # nothing is overdue any more


def test_every_table_shows_the_state_in_the_readers_language(demo_db):
    late = next(loan for loan in open_rows("seller5") if loan.state == "overdue")
    for page in ("home", "loans"):
        at = open_page("seller5", page)
        states = dict(zip(at.dataframe[0].value["id"], at.dataframe[0].value["status"], strict=True))
        assert states[late.id] == f"Overdue {late.days_past_due} days", page
    npl = next(loan for loan in open_rows("seller6") if loan.state == "non_performing")
    at = open_page("seller6", "loans", lang="zh")
    states = dict(zip(at.dataframe[0].value["id"], at.dataframe[0].value["status"], strict=True))
    assert states[npl.id] == f"不良贷款（逾期 {npl.days_past_due} 天）"
    zh_state = f"不良贷款（逾期 {npl.days_past_due} 天）"
    assert any(zh_state in option for option in at.selectbox(key="loans_pick").options)
    at = open_page("seller6", "loan", lang="zh", loan=str(npl.id))
    assert metric(at, "状态") == f"不良贷款（逾期 {npl.days_past_due} 天）"
    assert "不良贷款" in at.error[0].value
    on_time = next(loan for loan in open_rows("demo") if loan.state == "open")
    at = open_page("demo", "loan", loan=str(on_time.id))
    assert metric(at, "Status") == "Open" and not [b for b in at.button if b.key == "loan_pay_due_review"]


# --- item 5: after a payment the Repay form starts afresh, on screen too ----------------------------------


def test_after_a_part_payment_the_form_shows_pay_it_off_with_the_new_payoff(demo_db):
    from app.services.lending.repayment import payoff_quote

    loan = next(loan for loan in open_rows("demo") if loan.product == "credit")
    at = open_page("demo", "repay", loan=str(loan.id))
    at.radio(key="repay_full").set_value(False).run()
    at.text_input(key="repay_amount").input("1,000.00").run()
    assert "How ¥1,000.00 will be used" in texts(at)
    at.button(key="repay_review").click().run()
    at.button(key="repay_confirm").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(f"Paid ¥1,000.00 on loan #{loan.id}")
    radio = at.radio(key="repay_full")
    # the browser is told the value (set_value), not left showing "Pay part" beside the payoff preview
    assert radio.value is True and radio.proto.set_value and radio.proto.raw_value == "Pay it off"
    assert not [f for f in at.text_input if f.key == "repay_amount"]
    payoff = payoff_quote(actor_of("demo"), loan.id).payoff
    assert f"How ¥{payoff:,.2f} will be used" in texts(at)
    assert metric(at, "Payoff today") == f"¥{payoff:,.2f}"
    at.radio(key="repay_full").set_value(False).run()  # a second part payment starts from an empty field
    assert at.text_input(key="repay_amount").value == "" and "will be used" not in texts(at)


# --- item 7: one standing, one message on My limits -----------------------------------------------------


def boxes(at) -> list[str]:
    return [e.value for kind in ("error", "warning", "success") for e in getattr(at.main, kind)]


def test_the_blacklisted_seller_is_told_once_and_offered_no_limit_to_raise(demo_db):
    for lang, closed, raise_title, room in (
            ("en", "closed to new loans after a default", "how to raise your limit", "room under the cap"),
            ("zh", "暂不能借新款", "提额", "距所有贷款总上限")):
        at = open_page("seller6", "home", lang=lang)
        assert not at.exception
        assert len(boxes(at)) == 1 and closed in boxes(at)[0]  # one message: closed, and what is owed
        assert "¥26,304.00" in boxes(at)[0] or "non-performing" in boxes(at)[0] or "不良" in boxes(at)[0]
        shown = texts(at)
        assert raise_title not in shown.lower() and room not in shown
        assert not at.success
        links = [link.proto.page for link in at.get("page_link")]
        assert "repay" in links and not {"draw_credit", "draw_order", "apply"} & set(links)


def test_the_frozen_seller_reads_the_warning_not_a_green_approved(demo_db):
    for lang, frozen in (("en", "frozen"), ("zh", "冻结")):
        at = open_page("seller4", "home", lang=lang)
        assert not at.exception
        assert not at.success  # no "Approved" beside the frozen limits
        assert len(boxes(at)) == 1 and frozen in at.warning[0].value
        captions = " ".join(c.value for c in at.main.caption)
        assert frozen in captions
        assert "room under the cap" not in captions and "距所有贷款总上限" not in captions
        assert "BBB" in at.info[0].value  # the rating, said plainly
        links = [link.proto.page for link in at.get("page_link")]
        assert not {"draw_credit", "draw_order"} & set(links)


def test_a_seller_in_good_standing_still_reads_approved_and_the_room(demo_db):
    at = open_page("demo", "home")
    assert at.success[0].value.startswith("Approved") and not at.error and not at.warning
    assert "room under the cap" in texts(at) and "How to raise your limit" in texts(at)


# --- items 8, 9: what the seller is told -------------------------------------------------------------------


def test_a_waiver_proposed_on_the_page_reaches_the_seller_with_the_catalogue_reason_only(demo_db):
    from app.services.risk_ops.corrections import approve_correction, corrections_queue

    loan = next(loan for loan in open_rows("seller5") if loan.state == "overdue")
    at = open_page("risk", "corrections")
    # the page is live, not a form (the reversal preview needs it): the amount box appears after a run
    at.selectbox(key="correction_kind").set_value("penalty_waiver").run()
    at.number_input(key="correction_loan").set_value(loan.id).run()
    at.text_input(key="correction_amount").input("1.00")
    at.selectbox(key="correction_seller_reason").set_value("first_late_payment")
    at.text_input(key="correction_reason").input("goodwill, first late payment")
    at.button(key="correction_propose").click().run()
    assert not at.exception and "proposed" in at.success[0].value
    at.run()  # the queue, above the form, lists it from the next run
    assert "it was your first late payment" in " ".join(map(str, at.dataframe[0].value["seller_reason"]))
    [proposed] = corrections_queue(actor_of("risk"))
    approve_correction(actor_of("admin"), proposed.id)
    for lang, says in (("en", "Reason: it was your first late payment."), ("zh", "原因：这是您的首次逾期。")):
        at = open_page("seller5", "notifications", lang=lang)
        shown = texts(at)
        assert says in shown and "goodwill" not in shown, lang


def test_notifications_list_loans_paid_out_and_payments_received(demo_db):
    at = open_page("demo", "notifications")
    shown = texts(at)
    assert "Loan paid out" in shown and "is paid out:" in shown
    assert "Payment received" in shown and "is received: penalty" in shown
    at = open_page("demo", "notifications", lang="zh")
    assert "贷款已发放" in texts(at) and "已转入您的支付账户" in texts(at) and "还款已到账" in texts(at)


# --- item 10: the one-day minimum, in the agreement and in the payoff preview -------------------------------


def test_a_same_day_payoff_says_why_a_day_of_interest_is_charged(demo_db):
    at = open_page("demo", "draw_credit")
    at.text_input(key="credit_amount").input("1,234").run()
    at.button(key="credit_review").click().run()
    assert "charged one day (¥0.74 on the whole amount)" in texts(at)  # the agreement's key terms
    at.checkbox(key="credit_draw_agree").check().run()
    at.button(key="credit_draw_confirm").click().run()
    assert not at.exception
    loan = max((row for row in open_rows("demo") if row.principal == Decimal("1234.00")),
               key=lambda row: row.id)
    at = open_page("demo", "repay", loan=str(loan.id))
    assert "How ¥1,234.74 will be used" in texts(at)
    assert "¥0.74 of the interest is one day's interest" in at.info[0].value
    at = open_page("demo", "repay", lang="zh", loan=str(loan.id))
    assert "其中 ¥0.74 为一天的利息" in texts(at)
