"""The seller's home page and notifications (product §2.2, §2.8), as read models.

My limits says one thing about where the seller stands (issue #16 item 7): `Standing` is worked
out once, strongest first — blacklisted > recalled > warned (limits frozen) > overdue > cannot
borrow (the rating, the limits) > fine — and the page's top message, the caption under the
figures, how the rating decision is shown and whether "how to raise your limit" is offered all
come from it, so a blacklisted seller is not also told how much room is left under the cap and a
frozen one does not read a green "Approved"."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import col, select

from app.config import RECOVERY_PRODUCT, DecisionStatus, InstallmentStatus
from app.eligibility.resident_id import mask_resident_id
from app.errors import SellerNotFound
from app.i18n import Text, counted, text
from app.money import ZERO, format_cny, from_fen
from app.services.access.actor import Actor, require_own_seller
from app.services.access.inputs import checked_id
from app.services.credit.assessment import latest_decision
from app.services.lending.availability import Limits, limits_from, seller_facts
from app.services.lending.borrowing import Borrowing, borrowing_status
from app.services.lending.loan_views import LoanRow, loan_history, my_loans
from app.services.risk_ops.recovery import PlanStatus, RecoveryPlanView, seller_recovery
from app.services.store import loan_store, risk_records
from app.services.store.arrears import is_overdue
from app.services.store.correction_records import seller_reason_text
from app.services.store.decision_records import DecisionView
from app.services.store.risk_records import RiskEventView
from app.services.store.settings import business_date
from app.texts import CATALOGUE
from db.convert import rate_from_e8
from db.engine import read_scope
from db.models import CreditDecision, Event, Loan, Payment, RiskEvent, Seller, Shop

REMINDER_DAYS = 3  # payment reminders this many days before a due date (product §2.8)


@dataclass(frozen=True)
class Home:
    seller_name: str
    masked_resident_id: str
    masked_phone: str
    shops: tuple[tuple[str, str], ...]  # (shop id, name)
    business_date: date
    limits: Limits
    decision: DecisionView | None
    next_payment_date: date | None
    next_payment_amount: Decimal
    overdue_amount: Decimal  # due now on the loans that are overdue (the same figure as `due_now` then)
    blacklisted: bool
    risk_notice: RiskEventView | None = None  # the open warning or recall; `.notice`, `.reasons` (rules §9)
    recovery: RecoveryPlanView | None = None  # the latest recovery plan: progress, cap and its end date
    due_now: Decimal = ZERO  # Σ of every open loan's due now: overdue installments, penalty, due today
    overdue_since: date | None = None  # the oldest unpaid due date of any loan
    days_past_due: int = 0  # the worst loan's
    non_performing_since: date | None = None  # a loan is > 90 days past due: accruals stopped (rules §7)


def mask_phone(phone: str) -> str:
    """`138****5678` (product §2)."""
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 7 else phone


def home(actor: Actor, seller_id: int) -> Home:
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    require_own_seller(actor, seller_id)
    return _home(actor, seller_id, my_loans(actor, seller_id))


def _home(actor: Actor, seller_id: int, loans: list[LoanRow]) -> Home:
    with read_scope() as session:
        today = business_date(session)
        seller = session.get(Seller, seller_id)
        if seller is None:
            raise SellerNotFound(text("seller.not_found", seller_id=seller_id))
        shop_rows = session.exec(select(Shop).where(Shop.seller_id == seller_id).order_by(col(Shop.id))).all()
        shops = tuple((s.id, s.name) for s in shop_rows)
        facts = seller_facts(session, seller_id, today)
        limits = limits_from(session, facts, seller)
        event = None if facts.open_event_id is None else session.get(RiskEvent, facts.open_event_id)
        risk_notice = RiskEventView.of(event) if event else None
        recovery = seller_recovery(session, seller_id)
    next_date, next_amount = _next_payment(loans)
    overdue = [loan for loan in loans if loan.is_open and loan.days_past_due > 0]
    return Home(seller.name, mask_resident_id(seller.resident_id), mask_phone(seller.phone), shops, today,
                limits, latest_decision(actor, seller_id), next_date, next_amount,
                sum((loan.due_now for loan in overdue), ZERO), seller.blacklisted,
                risk_notice=risk_notice, recovery=recovery,
                due_now=sum((loan.due_now for loan in loans if loan.is_open), ZERO),
                overdue_since=min((loan.overdue_since for loan in overdue), default=None),
                days_past_due=max((loan.days_past_due for loan in overdue), default=0),
                non_performing_since=min((loan.non_performing_since for loan in overdue
                                          if loan.is_non_performing), default=None))


def _next_payment(loans: list[LoanRow]) -> tuple[date | None, Decimal]:
    dates = [loan.next_due_date for loan in loans if loan.next_due_date and loan.is_open]
    if not dates:
        return None, ZERO
    first = min(dates)
    return first, sum((loan.next_due_amount for loan in loans if loan.next_due_date == first), ZERO)


# --- one state, one message (issue #16 item 7) ------------------------------------------------------------

BLACKLISTED, RECALLED, WARNED, OVERDUE, CANNOT_BORROW, FINE = (
    "blacklisted", "recalled", "warned", "overdue", "cannot_borrow", "fine")


@dataclass(frozen=True)
class Standing:
    """Where the seller stands, strongest first, and everything My limits says about it."""

    state: str  # blacklisted / recalled / warned / overdue / cannot_borrow / fine
    message: Text | None  # the one message at the top of the page (None: nothing to say)
    reasons: tuple[Text, ...] = ()  # listed under it
    tone: str = "info"  # error / warning / info: how loud the message is
    limits_note: Text | None = None  # under the outstanding figure instead of the room under the cap

    @property
    def blocked(self) -> bool:
        """Anything but fine: the top message says why no loan can be drawn, so the rating decision
        is shown as a plain fact, not as a green "Approved" or a second list of the same reasons."""
        return self.state != FINE

    @property
    def tips(self) -> bool:
        """"How to raise your limit" has a point: not while the account is closed or recalled."""
        return self.state not in (BLACKLISTED, RECALLED)

    @property
    def can_draw(self) -> bool:
        return self.state == FINE


def standing_of(me: Home, borrowing: Borrowing) -> Standing:
    """The seller's one standing, from the home read model and why each product cannot be drawn."""
    owed = _owed_now(me)
    if me.blacklisted:
        plan = me.recovery if me.recovery and me.recovery.status == PlanStatus.ACTIVE else None
        progress = (text("risk.recovery.progress", paid=plan.installments_paid, months=plan.months,
                         streak=plan.on_time_streak, needed=plan.needed),) if plan else ()
        return Standing(BLACKLISTED, text("home.blacklisted"), (*progress, *owed), "error",
                        text("standing.note.blacklisted"))
    if me.risk_notice is not None:
        event = me.risk_notice
        recalled = event.kind == risk_records.RECALL
        note = (text("standing.note.recalled", due_on=event.due_on.isoformat()) if recalled else
                text("standing.note.warned", cure_until=event.cure_until.isoformat()))
        return Standing(RECALLED if recalled else WARNED, event.notice, (*event.reasons, *owed), "warning",
                        note)
    if owed:
        return Standing(OVERDUE, owed[0], (), "error", text("standing.note.overdue"))
    if not borrowing.can_borrow:
        return Standing(CANNOT_BORROW, text("borrow.cannot_title"), borrowing.reasons, "warning",
                        text("standing.note.cannot_borrow"))
    closed = ((text("borrow.cannot_credit"), borrowing.credit) if not borrowing.can_draw_credit else
              (text("borrow.cannot_order"), borrowing.order) if not borrowing.can_draw_order else (None, ()))
    if closed[0] is None and me.limits.rating and me.recovery and me.recovery.cap_until \
            and me.recovery.cap_until > me.business_date:
        closed = (text("risk.recovery.cap", cap_pct=me.recovery.cap_pct,
                       cap_until=me.recovery.cap_until.isoformat()), ())
    return Standing(FINE, closed[0], closed[1], "info")


def _owed_now(me: Home) -> tuple[Text, ...]:
    """What is owed now on overdue loans, as the top message says it (nothing when nothing is overdue)."""
    if me.overdue_since is None:
        return ()
    if me.non_performing_since is not None:
        return (text("home.non_performing_banner", amount=format_cny(me.due_now),
                     date=me.overdue_since.isoformat(), stopped=me.non_performing_since.isoformat()),)
    return (text("home.due_now_banner", amount=format_cny(me.due_now), date=me.overdue_since.isoformat(),
                 days=me.days_past_due),)


@dataclass(frozen=True)
class HomePage:
    """Everything My limits shows: the home read model, the standing it speaks from, why each product
    cannot be drawn (its links), the open loans and today's payment reminders."""

    me: Home
    standing: Standing
    borrowing: Borrowing
    open_loans: tuple[LoanRow, ...]
    reminders: tuple[Text, ...]


def home_page(actor: Actor, seller_id: int) -> HomePage:
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    require_own_seller(actor, seller_id)
    loans = my_loans(actor, seller_id)
    me = _home(actor, seller_id, loans)
    borrowing = borrowing_status(actor, seller_id)
    reminders = tuple(n.message for n in _loan_notices(loans, me.business_date) if n.kind == "reminder")
    return HomePage(me, standing_of(me, borrowing), borrowing, tuple(loan for loan in loans if loan.is_open),
                    reminders)


@dataclass(frozen=True)
class Notification:
    on: date
    kind: str  # reminder / overdue / limit / settlement / warning / recall / blacklist / recovery / …
    message: Text  # a catalogue text; recorded events store theirs as JSON (key and params)
    key: str = ""  # names the notice for good (what "seen" remembers)
    reasons: tuple[Text, ...] = ()  # why (a limit change: what moved and the rating's reasons)


def notifications(actor: Actor, seller_id: int) -> list[Notification]:
    """Reminders and overdue notices from the loans; limit changes from the decisions;
    warnings, recalls and the rest from the recorded events. Newest first."""
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    require_own_seller(actor, seller_id)
    loans = my_loans(actor, seller_id)
    with read_scope() as session:
        today = business_date(session)
        events = session.exec(select(Event).where(Event.seller_id == seller_id)).all()
        decisions = session.exec(select(CreditDecision).where(CreditDecision.seller_id == seller_id)
                                 .order_by(col(CreditDecision.id))).all()
        history = _loan_history_notices(session, seller_id, today)
    items = [Notification(e.business_date, e.kind, _seller_safe(Text.from_json(json.loads(e.message))),
                          f"event:{e.id}") for e in events]
    items += _loan_notices(loans, today)
    items += _limit_changes(decisions)
    items += history
    return sorted(items, key=lambda n: n.on, reverse=True)  # stable: today's state before the history


def _seller_safe(message: Text) -> Text:
    """A correction notice recorded before issue #16 carried the officers' free-text note as its
    reason; the seller reads the catalogue's "other" reason in their language instead."""
    legacy = not isinstance(message.params.get("reason"), Text)
    if message.key.startswith("risk.event.correction.") and legacy:
        return Text(message.key, {**message.params, "reason": seller_reason_text("other")})
    return message


def _loan_notices(loans: list[LoanRow], today: date) -> list[Notification]:
    notices = []
    for loan in loans:
        if loan.is_non_performing:
            notices.append(Notification(today, "overdue", text(
                "notification.non_performing", loan_id=loan.id, since=loan.overdue_since.isoformat(),
                amount=format_cny(loan.due_now), stopped=loan.non_performing_since.isoformat()),
                f"npl:{loan.id}:{today}"))
        elif loan.days_past_due > 0:
            notices.append(Notification(today, "overdue", text(
                counted("notification.overdue_now", loan.days_past_due), loan_id=loan.id,
                days=loan.days_past_due, since=loan.overdue_since.isoformat(),
                amount=format_cny(loan.due_now)), f"overdue:{loan.id}:{today}"))
        if loan.next_due_date and today <= loan.next_due_date <= today + timedelta(days=REMINDER_DAYS):
            notices.append(Notification(today, "reminder", text(
                "notification.reminder", loan_id=loan.id, amount=format_cny(loan.next_due_amount),
                due_date=loan.next_due_date.isoformat()), f"reminder:{loan.id}:{loan.next_due_date}"))
    return notices


def _limit_changes(decisions: list[CreditDecision]) -> list[Notification]:
    """Every change of the credit limit or the order advance rate, with what moved and why."""
    notices = []
    for before, after in zip(decisions, decisions[1:], strict=False):
        credit_changed = before.credit_limit_fen != after.credit_limit_fen
        if not credit_changed and before.advance_rate_e8 == after.advance_rate_e8:
            continue
        old, new = from_fen(before.credit_limit_fen), from_fen(after.credit_limit_fen)
        message = (text("notification.limit_changed", old=format_cny(old), new=format_cny(new),
                        band=_band(after.band), score=after.score) if credit_changed else
                   text("notification.advance_rate_changed", old=_percent(before.advance_rate_e8),
                        new=_percent(after.advance_rate_e8), band=_band(after.band), score=after.score))
        notices.append(Notification(after.decided_on, "limit", message, f"limit:{after.id}",
                                    _limit_reasons(before, after, up=new >= old)))
    return notices


def _percent(rate_e8: int) -> str:
    return f"{(rate_from_e8(rate_e8) * 100).normalize():f}%"


def _limit_reasons(before: CreditDecision, after: CreditDecision, *, up: bool) -> tuple[Text, ...]:
    """What moved between two decisions, then the new decision's own reasons (rules §6.2)."""
    reasons = []
    if before.band != after.band or before.score != after.score:
        reasons.append(text("notification.reason.rating", old_band=_band(before.band),
                            new_band=_band(after.band), old_score=before.score, new_score=after.score))
    if after.status != DecisionStatus.APPROVED:
        reasons.append(text(f"notification.reason.status.{after.status}"
                            if f"notification.reason.status.{after.status}" in CATALOGUE
                            else "notification.reason.status.other"))
    sales_before, sales_after = before.average_monthly_sales_fen, after.average_monthly_sales_fen
    if sales_before != sales_after and sales_after:
        reasons.append(text("notification.reason.sales",
                            old=format_cny(from_fen(sales_before)), new=format_cny(from_fen(sales_after))))
    view = DecisionView.of(after)
    reasons += view.ineligible
    reasons += (view.reasons_up if up else view.reasons_down)[:3]
    return tuple(reasons)


def _loan_history_notices(session, seller_id: int, today: date) -> list[Notification]:
    """From the loans' history: each loan paid out, each installment that became overdue (the day
    after its due date), each payment received — by the seller, by auto-debit from the platform
    balance, or from an order settlement that repaid an order loan."""
    loans = session.exec(select(Loan).where(Loan.seller_id == seller_id)).all()
    payments = session.exec(select(Payment).where(Payment.seller_id == seller_id)
                            .order_by(col(Payment.id))).all()
    by_loan: dict[int, list[Payment]] = {}
    for payment in payments:
        by_loan.setdefault(payment.loan_id, []).append(payment)
    notices = []
    for record in loan_store.records(session, loans):
        loan, paid = record.loan, by_loan.get(record.loan.id, [])
        if loan.product != RECOVERY_PRODUCT:  # a recovery plan moves what was owed; nothing is paid out
            notices.append(Notification(loan.start_date, "disbursed", text(
                "notification.disbursed", loan_id=loan.id, product=text(f"product.{loan.product}"),
                amount=format_cny(from_fen(loan.principal_fen)), shop=loan.shop_id,
                maturity=loan.maturity_date.isoformat()), f"disbursed:{loan.id}"))
        late = loan.max_dpd > 0 or loan.dpd > 0 or any(is_overdue(r, today) for r in record.installments)
        history = loan_history(record, paid) if late else None  # never late: nothing became overdue
        for row in record.installments if late else ():
            became = history.overdue_from(row.period, row.due_date, today) if history else (
                row.due_date + timedelta(days=1) if row.status == InstallmentStatus.OVERDUE else None)
            if became is not None and became <= today:
                notices.append(Notification(became, "overdue", text(
                    "notification.became_overdue", loan_id=loan.id, period=row.period,
                    due_date=row.due_date.isoformat(), amount=format_cny(from_fen(row.principal_fen
                                                                                  + row.interest_fen))),
                    f"became_overdue:{loan.id}:{row.period}"))
        for payment in paid:
            closed = loan.closed_on == payment.paid_on and payment is paid[-1]
            if payment.source == "settlement" and payment.order_id is not None:
                notices.append(Notification(payment.paid_on, "settlement", text(
                    "notification.settled_closed" if closed else "notification.settled", loan_id=loan.id,
                    order_id=payment.order_id, amount=format_cny(from_fen(payment.amount_fen))),
                    f"settlement:{payment.id}"))
                continue
            how = "auto_debited" if payment.source == "auto_debit" else "payment_received"
            notices.append(Notification(payment.paid_on, "payment", text(
                f"notification.{how}_closed" if closed else f"notification.{how}", loan_id=loan.id,
                payment_id=payment.id, amount=format_cny(from_fen(payment.amount_fen)),
                penalty=format_cny(from_fen(payment.penalty_fen)),
                interest=format_cny(from_fen(payment.interest_fen)),
                principal=format_cny(from_fen(payment.principal_fen))), f"payment:{payment.id}"))
    return notices


def _band(band: str) -> Text:
    """A band as the reader's language names it (未通过, 人工审核); AAA … BB read the same in both."""
    return text(f"band.{band}") if f"band.{band}" in CATALOGUE else text("band.as_is", band=band)
