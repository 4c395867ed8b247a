"""A year of lending history, played through the services (product §4).

Draws, repayments, refunds and order settlements of every seller are events in
one queue, processed in global date order. The business date jumps from one
event date to the next (`set_business_date`); the days a jump skips still run end
of day's book steps (`accrue_days`: overdue, days past due, non-performance and the
day's accrual), so interest is income on the day it is earned, never a catch-up
posted at the next end of day. The last `EOD_DAYS` days run the whole end of day
day by day (settlement, auto-debit and monitoring too).

Outcomes follow the hidden quality: each loan is repaid on time, late (one
installment `lag` days late: a few days, or more than 30 — a "bad" loan for
the credit model), or — for sellers whose business fails
(`SellerSpec.fails_on`) — not at all from the failure on. The chances of
lateness fall steeply with the loan's effective quality: the seller's hidden
quality, its health shock in the month of the draw (which its sales and
behaviour of the months before show) and a loan's own luck. A failing seller's
unsettled orders are refunded and what is left on its platform balance is
auto-debited on the due dates; after that nothing is paid, so a defaulted loan
is never touched again before end of day marks it non-performing.
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.config import LoanStatus, OrderStatus, RepaymentMethod
from app.dates import add_months, monthly_due_dates
from app.demo.platform import (
    AVERAGE,
    BLACKLISTED,
    DECLINING,
    HISTORY_MONTHS,
    ORDINARY,
    OVERDUE,
    STRONG,
    SellerSpec,
    buyer_name,
    seed_limit,
)
from app.errors import LendingError
from app.loans.allocation import amount_due
from app.loans.state import days_past_due
from app.money import ZERO, from_fen
from app.services.access.actor import SELLER, SYSTEM_ACTOR, Actor
from app.services.end_of_day.run import accrue_days, run_end_of_day
from app.services.lending.availability import has_overdue_loan, seller_limits
from app.services.lending.draws import draw_credit_loan, draw_order_loan
from app.services.lending.orders import refund_order, settle_order_in
from app.services.lending.repayment import auto_debit, payoff_quote, repay
from app.services.store import loan_store
from app.services.store.settings import business_date, set_business_date
from db.convert import rate_to_e8
from db.engine import session_scope
from db.models import Loan, LoanInstallment, Order, Seller, SellerLimit

EOD_DAYS = 10  # end of day runs day by day for the last 10 days before today
NON_PERFORMING_DPD = 90
MONTH_WEIGHTS = {1: 15, 3: 35, 6: 30, 9: 10, 12: 10}
METHOD_WEIGHTS = {RepaymentMethod.EQUAL_INSTALLMENT: 40, RepaymentMethod.EQUAL_PRINCIPAL: 25,
                  RepaymentMethod.INTEREST_ONLY: 20, RepaymentMethod.BULLET: 15}
PRIORITY = {"rate": 0, "settle": 1, "fail": 3, "repay": 4, "drain": 5,
            "draw_credit": 6, "draw_order": 7, "eod": 9}
ON_TIME_PROFILES = (STRONG, AVERAGE, DECLINING)


@dataclass(order=True)
class Event:
    day: date
    priority: int
    seq: int
    kind: str = field(compare=False)
    data: dict = field(compare=False, default_factory=dict)


@dataclass(frozen=True)
class CreditPlan:
    """A forced credit draw of a profile seller."""

    amount: int | None = None  # yuan; None: a share of what is available
    months: int | None = None
    method: RepaymentMethod | None = None
    outcome: str = "on_time"  # on_time / late / stop
    late_installment: int = 1
    lag: int = 0
    payoff_on: date | None = None  # early payoff date
    paid_installments: int = 0  # "stop": pays this many installments, then nothing
    spans_failure: bool = False  # a failing seller's last loan: still open when the business fails


HEALTH_POINTS = 6.0  # quality points a health shock of 1 sd is worth for a loan's risk
LOAN_LUCK_SD = 9.5  # a loan's own luck, in quality points
BAD_LAG_DAYS = (32, 80)  # a bad loan: one installment paid this many days late (never > 90)
MILD_LAG_DAYS = (1, 25)


def bad_probability(effective_quality: float) -> float:
    """Chance that a loan goes more than 30 days past due."""
    return 0.65 / (1 + math.exp((effective_quality - 35) / 5.5))


def mild_late_probability(effective_quality: float) -> float:
    """Chance that a loan is paid a few days late (and no more)."""
    return 0.30 / (1 + math.exp((effective_quality - 45) / 12))


def late_probability(quality: int) -> float:
    """Chance that a seller of this quality does not pay a loan on time."""
    return bad_probability(quality) + mild_late_probability(quality)


def loan_lateness(rng: random.Random, spec: SellerSpec, day: date) -> int:
    """Days late of the one late installment of a loan drawn on `day`; 0: on time."""
    effective = spec.quality + HEALTH_POINTS * spec.health_on(day) + rng.gauss(0, LOAN_LUCK_SD)
    bad = bad_probability(effective)
    draw = rng.random()
    if draw < bad:
        low, high = BAD_LAG_DAYS
        return min(high, low + int(rng.expovariate(1 / 14)))
    if draw < bad + mild_late_probability(effective):
        low, high = MILD_LAG_DAYS
        return min(high, low + int(rng.expovariate(1 / 6)))
    return 0


def due_dates(start: date, months: int, method: RepaymentMethod) -> list[date]:
    if method is RepaymentMethod.BULLET:
        return [add_months(start, months)]
    return monthly_due_dates(start, months)


class LoanHistory:
    def __init__(self, specs: list[SellerSpec], seed: int, today: date) -> None:
        self.specs = {spec.index: spec for spec in specs}
        self.seed, self.today = seed, today
        self.start = add_months(today, -HISTORY_MONTHS)
        self.window = today - timedelta(days=EOD_DAYS)
        self.queue: list[Event] = []
        self._seq = itertools.count()
        self._keys = itertools.count(1)
        self.failed: set[int] = set()
        self.closed: set[int] = set()  # loans known to be repaid in full
        self.rated: set[int] = set()
        self.stats: Counter[str] = Counter()

    # --- queue ---------------------------------------------------------------------------------

    def push(self, day: date, kind: str, **data) -> None:
        if day >= self.today:
            return  # beyond the seed: the platform's future
        heapq.heappush(self.queue, Event(day, PRIORITY[kind], next(self._seq), kind, data))

    def key(self) -> str:
        return f"demo-seed-{self.seed}-{next(self._keys)}"

    def actor(self, spec: SellerSpec) -> Actor:
        return Actor(spec.user_id, SELLER, spec.seller_id)

    def settle_later(self, order_id: int, confirm_on: date | None) -> None:
        """Orders confirmed before the end-of-day window settle here; later ones in end of day."""
        if confirm_on is not None and confirm_on < self.window:
            self.push(confirm_on, "settle", order=order_id)

    # --- the run -------------------------------------------------------------------------------

    def run(self) -> None:
        for months in range(0, HISTORY_MONTHS, 3):  # quarterly re-rating
            self.push(add_months(self.start, months), "rate")
        for offset in range(EOD_DAYS):
            self.push(self.window + timedelta(days=offset), "eod")
        for spec in self.specs.values():
            self._plan_profile(spec)
            if spec.fails_on is not None:
                self.push(spec.fails_on, "fail", seller=spec.index)
        handlers: dict[str, Callable[[Event], None]] = {
            "rate": self._rate, "fail": self._fail, "repay": self._repay,
            "drain": self._drain, "draw_credit": self._draw_credit, "draw_order": self._draw_order,
            "eod": self._eod,
        }
        current: date | None = None
        while self.queue:
            event = heapq.heappop(self.queue)
            if event.day != current:
                current = event.day
                self._start_day(current)
            if event.kind == "settle":
                self._settle_batch(event)
            else:
                handlers[event.kind](event)

    def _start_day(self, day: date) -> None:
        with session_scope() as session:
            if day < self.window or business_date(session) < self.window:
                accrue_days(session, business_date(session), day)  # each day skipped earns its interest
                set_business_date(session, day)
            elif business_date(session) != day:
                raise RuntimeError(f"demo history: business date {business_date(session)} ≠ {day}")
        if day == self.window:
            self._check_defaults_untouched(day)

    # --- ratings -------------------------------------------------------------------------------

    def _rate(self, event: Event) -> None:
        with session_scope() as session:
            for spec in self.specs.values():
                limit = seed_limit(spec, self.seed, event.day)
                if limit is None:
                    continue
                session.add(SellerLimit(seller_id=spec.seller_id, rating=limit.rating,
                                        credit_limit_fen=limit.credit_limit_fen,
                                        advance_rate_e8=rate_to_e8(limit.advance_rate),
                                        decided_on=event.day, source="seed"))
                if spec.index not in self.rated:
                    self.rated.add(spec.index)
                    self._start_activity(spec, event.day)

    def _start_activity(self, spec: SellerSpec, day: date) -> None:
        rng = random.Random(f"{self.seed}:activity:{spec.index}")
        if spec.borrows_orders:
            self.push(day + timedelta(days=rng.randint(1, round(spec.order_gap_days))), "draw_order",
                      seller=spec.index, random=True)
        if spec.borrows_credit:
            self.push(day + timedelta(days=rng.randint(1, round(spec.credit_gap_days))), "draw_credit",
                      seller=spec.index, random=True)
        if spec.fails_on is not None and spec.profile == ORDINARY:  # borrowing as the business fails
            desperate = spec.fails_on - timedelta(days=rng.randint(15, 60))
            if desperate > day:
                self.push(desperate, "draw_credit", seller=spec.index, plan=CreditPlan(spans_failure=True),
                          share=0.85)
            for _ in range(rng.randint(1, 2)):
                desperate = spec.fails_on - timedelta(days=rng.randint(3, 25))
                if desperate > day:
                    self.push(desperate, "draw_order", seller=spec.index, random=False, failing=True)

    # --- profiles (product §4) -------------------------------------------------------------------

    def _plan_profile(self, spec: SellerSpec) -> None:
        t = self.today
        method = RepaymentMethod
        plans: list[tuple[date, CreditPlan]] = []
        if spec.profile == STRONG:
            plans = [
                (t - timedelta(days=330), CreditPlan(150_000, 3, method.EQUAL_PRINCIPAL)),
                (t - timedelta(days=225), CreditPlan(250_000, 6, method.EQUAL_INSTALLMENT,
                                                     payoff_on=t - timedelta(days=110))),
                (t - timedelta(days=40), CreditPlan(200_000, 6, method.EQUAL_INSTALLMENT)),
            ]
            self.push(t - timedelta(days=4), "draw_order", seller=spec.index, random=False, orders=3)
        elif spec.profile == AVERAGE:
            plans = [
                (t - timedelta(days=300), CreditPlan(30_000, 3, method.EQUAL_INSTALLMENT)),
                (t - timedelta(days=190), CreditPlan(40_000, 3, method.BULLET, outcome="late", lag=6)),
                (t - timedelta(days=70), CreditPlan(60_000, 6, method.EQUAL_INSTALLMENT)),
            ]
        elif spec.profile == DECLINING:
            plans = [
                (t - timedelta(days=262), CreditPlan(80_000, 6, method.EQUAL_PRINCIPAL)),
                (t - timedelta(days=75), CreditPlan(100_000, 6, method.EQUAL_INSTALLMENT)),
            ]
        elif spec.profile == OVERDUE:
            overdue_draw = add_months(t - timedelta(days=14), -3)
            plans = [
                (t - timedelta(days=320), CreditPlan(25_000, 3, method.EQUAL_INSTALLMENT)),
                (t - timedelta(days=200), CreditPlan(20_000, 1, method.BULLET, outcome="late", lag=12)),
                (overdue_draw, CreditPlan(50_000, 6, method.EQUAL_INSTALLMENT, outcome="stop",
                                          paid_installments=2)),
            ]
        elif spec.profile == BLACKLISTED:
            plans = [
                (t - timedelta(days=330), CreditPlan(15_000, 3, method.EQUAL_INSTALLMENT)),
                (t - timedelta(days=215), CreditPlan(40_000, 3, method.EQUAL_PRINCIPAL)),
            ]
        for day, plan in plans:
            self.push(day, "draw_credit", seller=spec.index, plan=plan)

    # --- draws ---------------------------------------------------------------------------------

    def _still_trading(self, spec: SellerSpec, day: date) -> bool:
        return spec.fails_on is None or day < spec.fails_on

    def _paid_before_failure(self, spec: SellerSpec, day: date) -> bool:
        """A late payment of a seller whose business fails is made before the failure."""
        return spec.fails_on is None or day < spec.fails_on - timedelta(days=7)

    def _may_draw(self, session: Session, spec: SellerSpec, day: date) -> bool:
        if spec.index in self.failed or (spec.fails_on is not None and day >= spec.fails_on):
            return False
        has_limit = spec.index in self.rated  # rated once: it has a limit from then on
        return has_limit and not has_overdue_loan(session, spec.seller_id, day)

    def _open_loans(self, session: Session, spec: SellerSpec, product: str) -> int:
        return session.exec(select(func.count()).select_from(Loan).where(
            Loan.seller_id == spec.seller_id, Loan.status == LoanStatus.OPEN, Loan.product == product)).one()

    def _draw_credit(self, event: Event) -> None:
        spec = self.specs[event.data["seller"]]
        day = event.day
        rng = random.Random(f"{self.seed}:credit:{spec.index}:{day.isoformat()}:{event.seq}")
        is_random = event.data.get("random", False)
        if is_random and self._still_trading(spec, day):
            gap = max(7, round(rng.expovariate(1 / spec.credit_gap_days)))
            self.push(day + timedelta(days=gap), "draw_credit", seller=spec.index, random=True)
        random_terms = event.data.get("plan") is None
        plan: CreditPlan = event.data.get("plan") or CreditPlan()
        with session_scope() as session:
            if not self._may_draw(session, spec, day):
                return
            if plan.amount is None and self._open_loans(session, spec, "credit"):
                return
            available = seller_limits(session, spec.seller_id, day).credit_available
        share = Decimal(str(event.data.get("share") or round(rng.uniform(0.25, 0.9), 2)))
        wanted = Decimal(plan.amount) if plan.amount is not None else available * share
        amount = min(wanted, available) // 1000 * 1000
        if amount < 1000:
            self.stats["draws_skipped"] += 1
            return
        months, method = self._credit_terms(rng, spec, day, plan)
        if months is None:
            return
        try:
            loan = draw_credit_loan(self.actor(spec), shop_id=spec.shop_id, amount=str(amount), months=months,
                                    method=method, idempotency_key=self.key())
        except LendingError:
            self.stats["draws_refused"] += 1
            return
        self._plan_credit_repayments(rng, spec, loan.id, day, due_dates(day, months, method), plan,
                                     random_terms)

    def _credit_terms(self, rng: random.Random, spec: SellerSpec, day: date,
                      plan: CreditPlan) -> tuple[int | None, RepaymentMethod]:
        method = plan.method or rng.choices(list(METHOD_WEIGHTS), list(METHOD_WEIGHTS.values()))[0]
        if plan.months is not None:
            return plan.months, method
        months = list(MONTH_WEIGHTS)
        if plan.spans_failure and spec.fails_on is not None:  # still owing when the business fails
            months = [m for m in months if due_dates(day, m, method)[-1] >= spec.fails_on]
            if not months:
                return None, method
        return rng.choices(months, [MONTH_WEIGHTS[m] for m in months])[0], method

    def _plan_credit_repayments(self, rng: random.Random, spec: SellerSpec, loan_id: int, day: date,
                                dues: list[date], plan: CreditPlan, random_terms: bool) -> None:
        outcome, lag, late_k, payoff_on = plan.outcome, plan.lag, plan.late_installment, plan.payoff_on
        if random_terms and spec.profile not in ON_TIME_PROFILES:
            lateness, late_at = loan_lateness(rng, spec, day), rng.randint(1, len(dues))
            if lateness and self._paid_before_failure(spec, dues[late_at - 1] + timedelta(days=lateness)):
                outcome, lag, late_k = "late", lateness, late_at
            elif len(dues) > 1 and rng.random() < 0.15:
                payoff_on = day + timedelta(days=rng.randint(10, (dues[-1] - day).days - 1))
        if outcome == "stop":
            dues = dues[:plan.paid_installments]
        if outcome == "late":
            late_due = dues[late_k - 1]
            paid_on = late_due + timedelta(days=lag)
            dues = sorted([d for d in dues if not late_due <= d < paid_on] + [paid_on])
        for due in dues:
            if payoff_on is not None and due >= payoff_on:
                break
            self.push(due, "repay", seller=spec.index, loan=loan_id, mode="due")
        if payoff_on is not None:
            self.push(payoff_on, "repay", seller=spec.index, loan=loan_id, mode="payoff")

    def _draw_order(self, event: Event) -> None:
        spec = self.specs[event.data["seller"]]
        day = event.day
        rng = random.Random(f"{self.seed}:order:{spec.index}:{day.isoformat()}:{event.seq}")
        is_random = event.data.get("random", False)
        if is_random and self._still_trading(spec, day):
            gap = max(3, round(rng.expovariate(1 / spec.order_gap_days)))
            self.push(day + timedelta(days=gap), "draw_order", seller=spec.index, random=True)
        lag = loan_lateness(rng, spec, day) if spec.profile not in ON_TIME_PROFILES else 0
        if not self._paid_before_failure(spec, day + timedelta(days=33 + lag)):
            lag = 0  # the orders of a failing shop are refunded: the loan defaults, see `_fail`
        late = lag > 0
        count = event.data.get("orders") or rng.choices((1, 2), (65, 35))[0]
        orders = []
        for _ in range(count):
            amount_yuan = min(20_000.0, max(150.0, spec.order_value_yuan * math.exp(rng.gauss(1.2, 0.5))))
            if late:
                confirm_in = 30 + lag + rng.randint(0, 3)
            elif event.data.get("failing"):  # the buyers will not confirm: the shop fails first
                confirm_in = (spec.fails_on - day).days + rng.randint(1, 10)
            else:
                confirm_in = rng.randint(2, 20)
            orders.append(Order(shop_id=spec.shop_id, buyer=buyer_name(rng),
                                amount_fen=round(amount_yuan * 100), status=OrderStatus.SHIPPED.value,
                                paid_on=day - timedelta(days=rng.randint(1, 2)), shipped_on=day,
                                confirm_on=day + timedelta(days=confirm_in)))
        with session_scope() as session:
            if not self._may_draw(session, spec, day) or self._open_loans(session, spec, "order") >= 2:
                return
            session.add_all(orders)
            session.flush()
            pledged = [(o.id, o.confirm_on) for o in orders]
        for order_id, confirm_on in pledged:
            self.settle_later(order_id, confirm_on)
        try:
            loan = draw_order_loan(self.actor(spec), shop_id=spec.shop_id, order_ids=[i for i, _ in pledged],
                                   amount=None, idempotency_key=self.key())
        except LendingError:
            self.stats["draws_refused"] += 1
            return
        last_confirm = max(c for _, c in pledged)
        close_on = last_confirm if late else min(last_confirm + timedelta(days=rng.randint(0, 3)),
                                                 loan.maturity_date)
        self.push(close_on, "repay", seller=spec.index, loan=loan.id, mode="payoff")

    # --- repayments, settlements, refunds ------------------------------------------------------------

    def _repay(self, event: Event) -> None:
        spec = self.specs[event.data["seller"]]
        if spec.index in self.failed or event.data["loan"] in self.closed:
            return
        actor = self.actor(spec)
        quote = payoff_quote(actor, event.data["loan"])
        amount = quote.due_now if event.data["mode"] == "due" else quote.payoff
        if amount <= ZERO:
            return
        try:
            repay(actor, loan_id=event.data["loan"], amount=amount, idempotency_key=self.key())
        except LendingError:
            self.stats["repayments_refused"] += 1

    def _settle_batch(self, first: Event) -> None:
        """All settlements of the day, in one transaction (they are independent)."""
        ids = [first.data["order"]]
        while self.queue and self.queue[0].day == first.day and self.queue[0].kind == "settle":
            ids.append(heapq.heappop(self.queue).data["order"])
        with session_scope() as session:
            shipped = dict(session.exec(select(Order.id, Order.pledged_loan_id).where(
                col(Order.id).in_(ids), Order.status == OrderStatus.SHIPPED)).all())
            for order_id in sorted(shipped):
                settle_order_in(session, SYSTEM_ACTOR, order_id, first.day)
            loans = set(shipped.values()) - {None}
            if loans:  # order loans the proceeds repaid in full need no payoff any more
                closed = select(Loan.id).where(col(Loan.id).in_(loans), Loan.status == LoanStatus.CLOSED)
                self.closed.update(session.exec(closed).all())

    def _fail(self, event: Event) -> None:
        """The seller's business fails: buyers are refunded, nothing is repaid any more;
        what is on the platform balance is auto-debited on the coming due dates."""
        spec = self.specs[event.data["seller"]]
        self.failed.add(spec.index)
        with session_scope() as session:
            unsettled = col(Order.status).in_((OrderStatus.PAID, OrderStatus.SHIPPED))
            pending = session.exec(select(Order.id).where(Order.shop_id == spec.shop_id, unsettled)
                                   .order_by(Order.id)).all()
            dues = session.exec(select(LoanInstallment.due_date).distinct()
                                .join(Loan, col(Loan.id) == LoanInstallment.loan_id)
                                .where(Loan.seller_id == spec.seller_id, Loan.status == LoanStatus.OPEN,
                                       LoanInstallment.due_date >= event.day)).all()
        for order_id in pending:
            refund_order(SYSTEM_ACTOR, order_id)
        for due in sorted({event.day, *dues}):
            if due < self.window:
                self.push(due, "drain", seller=spec.index)

    def _drain(self, event: Event) -> None:
        """End of day's auto-debit for a failed seller, on a date the jump skips
        (never on a loan past 90 days: end of day has not marked it yet)."""
        spec = self.specs[event.data["seller"]]
        with session_scope() as session:
            seller = session.get(Seller, spec.seller_id)
            if seller.platform_balance_fen <= 0:
                return
            loans = session.exec(select(Loan).where(Loan.seller_id == spec.seller_id,
                                                    Loan.status == LoanStatus.OPEN).order_by(Loan.id)).all()
            for record in loan_store.records(session, loans):
                state = record.state()
                if days_past_due(state, event.day) <= NON_PERFORMING_DPD and amount_due(state, event.day) > 0:
                    auto_debit(session, record, event.day)

    def _eod(self, event: Event) -> None:
        run_end_of_day(SYSTEM_ACTOR, model_report=False)  # seed_demo stores today's once, at the end

    def _check_defaults_untouched(self, day: date) -> None:
        """End of day auto-debits before it marks non-performing loans: a seller
        with money on the platform and a loan past 90 days would pay interest
        beyond non-performance. The history is built so that this never happens."""
        with session_scope() as session:
            loans = session.exec(select(Loan).where(Loan.status == LoanStatus.OPEN)).all()
            for record in loan_store.records(session, loans):
                loan = record.loan
                if days_past_due(record.state(), day) > NON_PERFORMING_DPD:
                    balance = from_fen(session.get(Seller, loan.seller_id).platform_balance_fen)
                    if balance > 0:
                        raise RuntimeError(f"demo history: loan {loan.id} is past 90 days and its seller "
                                           f"still has {balance} on the platform")
