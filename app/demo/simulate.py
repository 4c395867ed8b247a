"""`advance-days`: demo time travel (product §4, §5).

Each simulated day, on the current business date: buyers pay for new orders and
sellers ship them (the buyer confirms receipt some days later, so the order
settles in end of day); a few orders are refunded; the day's sales are
recorded (and, on the first of a month, the behaviour metrics of the month
before, in line with the shop's last three months); sellers repay what falls
due — on time as a rule, late as their hidden quality says; the overdue
borrower and blacklisted sellers pay nothing — and sellers with limits
sometimes draw (order loans against shipped orders, credit loans). Then end
of day runs for the date. Money moves only through the services.
Deterministic for a given seed and business date.

Crash-safe and resumable, day by day (app/demo/days.py): a rerun after a kill
finishes the interrupted run and gives the same platform as a run that was
never interrupted. Each step of a day is recorded when it is done. Placing and
shipping orders, and the day's sales, are one transaction each, recorded in
that transaction. Refunds, repayments and draws are one service transaction
per action, so they replay idempotently: each action's randomness comes from
(seed, day, the order, loan or shop it acts on), never from how many actions
came before it; refunds look at the orders refunded today as well as the open
ones; every repayment and draw carries a deterministic idempotency key
(`sim-{day}-repay-{loan}`, `sim-{day}-draw-{shop}`), and an action whose key
is already used is not made again. End of day is resumable by itself.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from statistics import mean, pstdev

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.config import LoanStatus, OrderStatus, Product, RepaymentMethod
from app.crash_points import CrashPoint, crash_point
from app.dates import add_months
from app.demo.days import STEPS, day_closed, finish_day, plan_days, record_step, record_step_alone, steps_done
from app.demo.history import METHOD_WEIGHTS, MONTH_WEIGHTS, late_probability
from app.demo.platform import (
    BLACKLISTED,
    NEW_SHOP,
    OVERDUE,
    WEEKDAY_FACTOR,
    BehaviourTraits,
    buyer_name,
    month_metrics,
    poisson,
)
from app.demo.speed import fast_sqlite_writes
from app.errors import LendingError
from app.money import ZERO
from app.services.access.actor import SELLER, SYSTEM_ACTOR, Actor
from app.services.credit.model_report import store_model_report
from app.services.end_of_day.run import EodReport, run_end_of_day
from app.services.lending.availability import eligible_orders, has_overdue_loan, latest_limit, seller_limits
from app.services.lending.draws import draw_credit_loan, draw_order_loan
from app.services.lending.orders import refund_order
from app.services.lending.repayment import payoff_quote, repay
from app.services.store.arrears import due_installment
from app.services.store.settings import business_date
from db.engine import session_scope
from db.models import (
    BehaviourMetric,
    DailySales,
    DemoSellerProfile,
    IdempotentRequest,
    Loan,
    LoanInstallment,
    Order,
    Seller,
    Shop,
    User,
)

ON_TIME_PROFILES = ("strong", "average", "declining")
NEVER_PAYS = (OVERDUE, BLACKLISTED)
SALES_WINDOW_DAYS = 28
TYPICAL_TRAITS = BehaviourTraits(login_share=0.7, login_spread=3.0, positive_share=0.92, rating_x100=470,
                                 complaint_rate=0.002, posts_per_month=3.0, ad_share=0.02)


@dataclass(frozen=True)
class DayReport:
    day: date
    orders_placed: int
    orders_shipped: int
    orders_refunded: int
    orders_settled: int
    repayments: int  # by sellers, on the day
    repaid: Decimal
    auto_debits: int  # collected in end of day from platform balances
    new_loans: int
    lent: Decimal
    newly_overdue: int
    newly_non_performing: int
    resumed: bool = False  # finishes an interrupted day: the counts are of what this run did


@dataclass(frozen=True)
class ShopState:
    shop_id: str
    seller_id: int
    user_id: int | None
    profile: str
    quality: int
    blacklisted: bool
    sales_per_day: float  # yuan, average of the last 28 days
    orders_per_day: float
    refund_share: float
    repeat_share: float
    dispute_rate: float

    @property
    def order_value(self) -> float:
        return self.sales_per_day / self.orders_per_day if self.orders_per_day else 150.0

    @property
    def trading(self) -> bool:
        """Blacklisted and overdue-profile shops have stalled: nothing ships."""
        return not self.blacklisted and self.profile not in NEVER_PAYS

    def actor(self) -> Actor:
        return Actor(self.user_id, SELLER, self.seller_id)


def simulate_days(n: int, seed: int = 7) -> list[DayReport]:
    """Simulate `n` days of platform activity from the current business date,
    each closed by end of day; one report per day. When an earlier run with the
    same `n` and `seed` was interrupted, finish that run instead (another `n` or
    seed is refused with `TimeTravelInterrupted`)."""
    if n < 0:
        raise ValueError("the number of days cannot be negative")
    if n == 0:
        return []
    days, resuming = plan_days(n, seed)
    crash_point(CrashPoint.DEMO_DAYS_PLANNED)  # tests only (app/crash_points.py)
    reports = []
    with fast_sqlite_writes():
        for day in days:
            report = _simulate_day(seed, day, resuming and day == days[0])
            if report is not None:
                reports.append(report)
            crash_point(CrashPoint.DEMO_DAY_DONE)
    if reports:
        store_model_report()  # the back office's model report of the new business date
    return reports


def _simulate_day(seed: int, today: date, resumed: bool) -> DayReport | None:
    """Simulate the steps of `today` not done yet and close it; None when it was already closed."""
    with session_scope() as session:
        closed, current = day_closed(session, today), business_date(session)
        shops = [] if closed else _shop_states(session, today)
    if closed:
        finish_day(today)
        return None
    if current != today:
        raise RuntimeError(f"demo time travel: the business date is {current}, not {today}")
    day, done = _Day(seed, today, shops), steps_done(today)
    counts = {step: _run_step(day, step) for step in STEPS if step not in done}
    eod = run_end_of_day(SYSTEM_ACTOR, model_report=False)[0]  # simulate_days stores the last day's
    finish_day(today)
    return _report(today, counts, eod, resumed=resumed or bool(done))


def _run_step(day: _Day, step: str) -> object:
    """Run one step of the day (it records itself as done)."""
    result = getattr(day, step)()
    crash_point(CrashPoint.DEMO_STEP_DONE)  # tests only (app/crash_points.py)
    return result


def _report(today: date, counts: dict[str, tuple], eod: EodReport, *, resumed: bool) -> DayReport:
    placed, shipped = counts.get("trade", (0, 0))
    repayments, repaid = counts.get("repayments", (0, ZERO))
    new_loans, lent = counts.get("draws", (0, ZERO))
    return DayReport(today, placed, shipped, counts.get("refunds", 0), eod.orders_settled, repayments, repaid,
                     eod.auto_debits, new_loans, lent, eod.newly_overdue, eod.newly_non_performing, resumed)


def recent_traits(session: Session, month: date, months: int = 3) -> dict[str, BehaviourTraits]:
    """Each shop's behaviour as its last `months` months before `month` show it:
    a shop goes on behaving as it has (its hidden traits are not in the database)."""
    since = add_months(month, -months)
    rows: dict[str, list[BehaviourMetric]] = defaultdict(list)
    for row in session.exec(select(BehaviourMetric).where(BehaviourMetric.month >= since,
                                                          BehaviourMetric.month < month)
                            .order_by(BehaviourMetric.shop_id, BehaviourMetric.month)).all():
        rows[row.shop_id].append(row)
    trade = {shop_id: (int(sales or 0), int(orders or 0)) for shop_id, sales, orders in session.exec(
        select(DailySales.shop_id, func.sum(DailySales.sales_fen), func.sum(DailySales.order_count))
        .where(DailySales.day >= since, DailySales.day < month).group_by(DailySales.shop_id)).all()}
    traits = {}
    for shop_id, history in rows.items():
        sales, orders = trade.get(shop_id, (0, 0))
        days = sum((add_months(r.month, 1) - r.month).days for r in history)
        logins = [r.login_days for r in history]
        reviews = sum(r.reviews for r in history)
        traits[shop_id] = BehaviourTraits(
            login_share=sum(logins) / days,
            login_spread=max(1.0, pstdev(logins)) if len(logins) > 1 else TYPICAL_TRAITS.login_spread,
            positive_share=(sum(r.positive_reviews for r in history) / reviews if reviews
                            else TYPICAL_TRAITS.positive_share),
            rating_x100=mean(r.shop_rating_x100 for r in history),
            complaint_rate=(sum(r.complaints for r in history) / orders if orders
                            else TYPICAL_TRAITS.complaint_rate),
            posts_per_month=mean(r.community_posts for r in history),
            ad_share=sum(r.ad_spend_fen for r in history) / sales if sales else TYPICAL_TRAITS.ad_share)
    return traits


def _shop_states(session: Session, today: date) -> list[ShopState]:
    since = today - timedelta(days=SALES_WINDOW_DAYS)
    totals = {row[0]: row[1:] for row in session.exec(
        select(DailySales.shop_id, func.sum(DailySales.sales_fen), func.sum(DailySales.refunds_fen),
               func.sum(DailySales.order_count), func.sum(DailySales.buyer_count),
               func.sum(DailySales.repeat_buyer_count), func.sum(DailySales.dispute_count))
        .where(DailySales.day >= since, DailySales.day < today).group_by(DailySales.shop_id)).all()}
    users = dict(session.exec(select(User.seller_id, func.min(User.id)).where(User.role == SELLER)
                              .group_by(User.seller_id)).all())
    states = []
    query = (select(Shop, Seller, DemoSellerProfile).join(Seller, col(Seller.id) == Shop.seller_id)
             .outerjoin(DemoSellerProfile, col(DemoSellerProfile.seller_id) == Seller.id).order_by(Shop.id))
    for shop, seller, demo in session.exec(query).all():
        demo = demo or DemoSellerProfile(seller_id=seller.id)
        sums = totals.get(shop.id, (0,) * 6)
        sales, refunds, orders, buyers, repeat, disputes = (int(v or 0) for v in sums)
        states.append(ShopState(
            shop_id=shop.id, seller_id=seller.id, user_id=users.get(seller.id), profile=demo.profile,
            quality=demo.quality, blacklisted=seller.blacklisted,
            sales_per_day=sales / 100 / SALES_WINDOW_DAYS, orders_per_day=orders / SALES_WINDOW_DAYS,
            refund_share=refunds / sales if sales else 0.02, repeat_share=repeat / buyers if buyers else 0.2,
            dispute_rate=disputes / orders if orders else 0.002))
    return states


class _Day:
    def __init__(self, seed: int, today: date, shops: list[ShopState]) -> None:
        self.seed, self.today, self.shops = seed, today, shops
        self.by_seller: dict[int, ShopState] = {}
        for shop in shops:
            self.by_seller.setdefault(shop.seller_id, shop)

    def rng(self, purpose: str) -> random.Random:
        return random.Random(f"{self.seed}:{self.today.isoformat()}:{purpose}")

    def key(self, action: str) -> str:
        """The idempotency key of one simulated action of the day, e.g. `sim-2026-11-28-repay-17`."""
        return f"sim-{self.today.isoformat()}-{action}"

    @staticmethod
    def already_made(key: str) -> bool:
        """Whether a request with this key was made (by an interrupted run of this day)."""
        with session_scope() as session:
            return session.get(IdempotentRequest, key) is not None

    # --- orders ----------------------------------------------------------------------------------

    def trade(self) -> tuple[int, int]:
        """New orders are paid; paid orders ship, the buyer confirming 3-14 days later."""
        rng = self.rng("orders")
        placed = shipped = 0
        with session_scope() as session:
            waiting = defaultdict(list)
            unshipped = select(Order).where(Order.status == OrderStatus.PAID, Order.paid_on < self.today)
            for order in session.exec(unshipped.order_by(Order.id)).all():
                waiting[order.shop_id].append(order)
            for shop in self.shops:
                if shop.trading:
                    for order in waiting[shop.shop_id]:
                        if rng.random() < 0.75:
                            self._ship(order, rng)
                            session.add(order)
                            shipped += 1
                if shop.blacklisted:
                    continue
                for _ in range(poisson(rng, min(1.2, shop.orders_per_day * 0.03))):
                    amount = max(990, round(shop.order_value * math.exp(rng.gauss(0.3, 0.5)) * 100))
                    order = Order(shop_id=shop.shop_id, buyer=buyer_name(rng), amount_fen=amount,
                                  status=OrderStatus.PAID.value, paid_on=self.today)
                    if shop.trading and rng.random() < 0.4:
                        self._ship(order, rng)
                        shipped += 1
                    session.add(order)
                    placed += 1
            record_step(session, self.today, "trade")
        return placed, shipped

    def _ship(self, order: Order, rng: random.Random) -> None:
        order.status, order.shipped_on = OrderStatus.SHIPPED.value, self.today
        order.confirm_on = self.today + timedelta(days=rng.randint(3, 14))

    def refunds(self) -> int:
        """A few buyers ask for their money back; stalled shops' buyers cancel.
        The orders looked at are those open at the start of the step: the open
        ones and those refunded today (by an interrupted run of this step)."""
        rng = self.rng("refunds")
        with session_scope() as session:
            refunded_today = (Order.status == OrderStatus.REFUNDED) & (Order.refunded_on == self.today)
            candidates = session.exec(
                select(Order.id, Order.shop_id, Order.status)
                .where(col(Order.status).in_((OrderStatus.PAID, OrderStatus.SHIPPED)) | refunded_today,
                       col(Order.paid_on) < self.today)
                .order_by(Order.id)).all()
        shops = {shop.shop_id: shop for shop in self.shops}
        refunded = 0
        for order_id, shop_id, status in candidates:
            shop = shops[shop_id]
            chance = 0.4 if not shop.trading else min(0.05, shop.refund_share / 8)
            if rng.random() < chance and (status == OrderStatus.REFUNDED or self._refund(order_id)):
                refunded += 1
        record_step_alone(self.today, "refunds")
        return refunded

    @staticmethod
    def _refund(order_id: int) -> bool:
        try:
            refund_order(SYSTEM_ACTOR, order_id)
        except LendingError:
            return False
        return True

    def sales(self) -> None:
        """The day's sales row of every shop, around its last four weeks."""
        rng = self.rng("sales")
        with session_scope() as session:
            done = set(session.exec(select(DailySales.shop_id).where(DailySales.day == self.today)).all())
            for shop in self.shops:
                if shop.shop_id in done:
                    continue
                factor = WEEKDAY_FACTOR[self.today.weekday()] * math.exp(rng.gauss(0, 0.15))
                orders = poisson(rng, shop.orders_per_day * factor)
                sales = round(orders * shop.order_value * math.exp(rng.gauss(0, 0.08)) * 100) if orders else 0
                buyers = max(1, round(orders * rng.uniform(0.86, 0.99))) if orders else 0
                session.add(DailySales(
                    shop_id=shop.shop_id, day=self.today, sales_fen=sales,
                    refunds_fen=min(sales, round(sales * shop.refund_share * math.exp(rng.gauss(0, 0.5)))),
                    order_count=orders, buyer_count=buyers,
                    repeat_buyer_count=min(buyers, poisson(rng, buyers * shop.repeat_share)),
                    dispute_count=poisson(rng, orders * shop.dispute_rate)))
            if self.today.day == 1:
                self._close_month(session)
            record_step(session, self.today, "sales")

    def _close_month(self, session: Session) -> None:
        """Behaviour metrics of the month that just ended."""
        rng = self.rng("behaviour")
        month = add_months(self.today, -1)
        done = set(session.exec(select(BehaviourMetric.shop_id).where(BehaviourMetric.month == month)).all())
        totals = {row[0]: row[1:] for row in session.exec(
            select(DailySales.shop_id, func.sum(DailySales.sales_fen), func.sum(DailySales.order_count))
            .where(DailySales.day >= month, DailySales.day < self.today).group_by(DailySales.shop_id)).all()}
        recent = recent_traits(session, month)
        for shop in self.shops:
            if shop.shop_id in done or shop.shop_id not in totals:
                continue
            sales, orders = (int(v or 0) for v in totals[shop.shop_id])
            traits = recent.get(shop.shop_id, TYPICAL_TRAITS)
            m = month_metrics(rng, traits, month, sales, orders, failing=not shop.trading)
            session.add(BehaviourMetric(shop_id=shop.shop_id, month=m.month, login_days=m.login_days,
                                        ad_spend_fen=m.ad_spend_fen, community_posts=m.community_posts,
                                        favourites=m.favourites, reviews=m.reviews,
                                        positive_reviews=m.positive_reviews,
                                        shop_rating_x100=m.shop_rating_x100, complaints=m.complaints))

    # --- repayments and draws --------------------------------------------------------------------------

    def repayments(self) -> tuple[int, Decimal]:
        """Sellers pay what falls due today, and sometimes what is overdue (a loan
        repaid by an interrupted run of this step has nothing due any more)."""
        with session_scope() as session:
            loans = session.exec(
                select(Loan.id, Loan.seller_id, func.min(LoanInstallment.due_date))
                .join(LoanInstallment, col(LoanInstallment.loan_id) == Loan.id)
                .where(col(Loan.non_performing_since).is_(None), due_installment(self.today))
                .group_by(Loan.id, Loan.seller_id).order_by(Loan.id)).all()
        count, total = 0, ZERO
        for loan_id, seller_id, oldest_due in loans:
            paid = self._repay(loan_id, self.by_seller.get(seller_id), oldest_due)
            if paid is not None:
                count, total = count + 1, total + paid
        record_step_alone(self.today, "repayments")
        return count, total

    def _repay(self, loan_id: int, shop: ShopState | None, oldest_due: date) -> Decimal | None:
        if shop is None or shop.blacklisted or shop.profile in NEVER_PAYS:
            return None
        on_time = 1.0 if shop.profile in ON_TIME_PROFILES else 1 - late_probability(shop.quality)
        chance = on_time if oldest_due == self.today else 0.1 + 0.3 * shop.quality / 100
        key = self.key(f"repay-{loan_id}")
        if self.rng(f"repay:{loan_id}").random() >= chance or self.already_made(key):
            return None
        quote = payoff_quote(shop.actor(), loan_id)
        if quote.due_now <= ZERO:
            return None
        try:
            repay(shop.actor(), loan_id=loan_id, amount=quote.due_now, idempotency_key=key)
        except LendingError:
            return None
        return quote.due_now

    def draws(self) -> tuple[int, Decimal]:
        """Sellers with limits draw now and then: order loans against shipped
        orders, or a credit loan when they have none open (a shop that drew in an
        interrupted run of this step does not draw again)."""
        count, total = 0, ZERO
        for shop in self.shops:
            if not shop.trading or shop.profile == NEW_SHOP or self.by_seller[shop.seller_id] is not shop:
                continue
            rng = self.rng(f"draw:{shop.shop_id}")
            q = shop.quality / 100
            wants_order = rng.random() < 1 / (12 + 40 * (1 - q))
            wants_credit = rng.random() < 1 / 90
            if not (wants_order or wants_credit) or self.already_made(self.key(f"draw-{shop.shop_id}")):
                continue
            loan = self._draw(shop, rng, wants_order, wants_credit)
            if loan is not None:
                count, total = count + 1, total + loan
        record_step_alone(self.today, "draws")
        return count, total

    def _draw(self, shop: ShopState, rng: random.Random, wants_order: bool,
              wants_credit: bool) -> Decimal | None:
        with session_scope() as session:
            if latest_limit(session, shop.seller_id) is None:
                return None
            if has_overdue_loan(session, shop.seller_id, self.today):
                return None
            limits = seller_limits(session, shop.seller_id, self.today)
            orders = [o.id for o in eligible_orders(session, shop.seller_id, self.today, shop.shop_id)]
            open_credit = session.exec(select(func.count()).select_from(Loan).where(
                Loan.seller_id == shop.seller_id, Loan.status == LoanStatus.OPEN,
                Loan.product == Product.CREDIT)).one()
        try:
            if wants_order and orders:
                chosen = sorted(rng.sample(orders, rng.randint(1, len(orders))))
                loan = draw_order_loan(shop.actor(), shop_id=shop.shop_id, order_ids=chosen, amount=None,
                                       idempotency_key=self.key(f"draw-{shop.shop_id}"))
                return loan.principal
            if wants_credit and not open_credit:
                share = Decimal(str(round(rng.uniform(0.25, 0.9), 2)))
                amount = limits.credit_available * share // 1000 * 1000
                if amount < 1000:
                    return None
                months = rng.choices(list(MONTH_WEIGHTS), list(MONTH_WEIGHTS.values()))[0]
                method: RepaymentMethod = rng.choices(list(METHOD_WEIGHTS),
                                                      list(METHOD_WEIGHTS.values()))[0]
                loan = draw_credit_loan(shop.actor(), shop_id=shop.shop_id, amount=str(amount), months=months,
                                        method=method, idempotency_key=self.key(f"draw-{shop.shop_id}"))
                return loan.principal
        except LendingError:
            return None
        return None

