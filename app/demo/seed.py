"""`seed-demo`: the deterministic demo platform of product §4.

Builds, in the (migrated, empty) database at DATABASE_URL: the sellers of
`app.demo.platform` with their shops, 18 months of daily sales, monthly
behaviour metrics and ~45 days of orders; a year of loans played through the
services (`app.demo.history`), so the ledger reconciles; seed ratings and
limits (rules §6.3, temporary until the credit assessment replaces them);
and the demo logins. The business date ends on `today`. End of day's nightly
pre-approval is off while the history runs (its lender rated with the seed
rating; the demo does not depend on the scorecard fitted to it) and back as it
was afterwards.

The same `seed`, `today` and number of sellers always give the same platform.

Interrupted at any point (killed, Ctrl-C), the seed leaves no half-built demo
that passes for a complete one: see `app.demo.seed_safety` (a copy of a SQLite
file replaces it only when complete; elsewhere a completion marker, and an
interrupted seed is wiped and seeded again).
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from app.config import BAD_DPD, DEFAULT_CONFIG, LoanStatus, OrderStatus
from app.crash_points import CrashPoint, crash_point
from app.demo.history import LoanHistory
from app.demo.platform import (
    DEMO_SELLER_PASSWORD,
    ORDINARY_SELLERS,
    PROFILE_LOGINS,
    STAFF_LOGINS,
    SellerSpec,
    build_specs,
    generate_behaviour,
    generate_sales,
    recent_orders,
)
from app.demo.seed_safety import COMPLETE, STARTED, SeedTarget, built_aside, check_target, mark_seed, wipe
from app.demo.speed import fast_sqlite_writes
from app.passwords import hash_password
from app.services.access.actor import SELLER
from app.services.credit.assessment import pre_approve
from app.services.credit.model_report import store_model_report
from app.services.store.settings import (
    SHANGHAI,
    nightly_pre_approval,
    set_business_date,
    set_lender_funds,
    set_nightly_pre_approval,
)
from db.engine import get_engine, session_scope
from db.models import (
    BehaviourMetric,
    DailySales,
    DemoSellerProfile,
    Loan,
    Order,
    Seller,
    SellerLimit,
    Shop,
    User,
)

OUTCOMES = ("on_time", "late", "defaulted", "open", "overdue")
DEFAULT_SELLERS = len(PROFILE_LOGINS) + ORDINARY_SELLERS


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    profile: str | None = None
    shop_id: str | None = None


@dataclass(frozen=True)
class SeedSummary:
    seed: int
    business_date: date
    sellers: int
    shops: int
    daily_sales_rows: int
    behaviour_rows: int
    orders: int
    orders_by_status: dict[str, int]
    loans: int
    loans_by_outcome: dict[str, int]  # on_time / late / defaulted (past loans), open / overdue
    realised_loans: int  # closed, or ever more than 30 days past due: the credit model's outcomes
    bad_loans: int  # ever more than 30 days past due (Loan.max_dpd > 30)
    sellers_with_limits: int
    blacklisted_sellers: int
    logins: tuple[DemoLogin, ...]

    @property
    def past_loans(self) -> int:
        return sum(self.loans_by_outcome[k] for k in ("on_time", "late", "defaulted"))

    def line(self) -> str:
        o = self.loans_by_outcome
        logins = ", ".join(f"{login.username}/{login.password}" for login in self.logins)
        return (f"Seeded demo (seed {self.seed}), business date {self.business_date}: "
                f"{self.sellers} sellers, {self.daily_sales_rows} daily sales rows, {self.orders} orders, "
                f"{self.loans} loans "
                f"({o['on_time']} repaid on time, {o['late']} late, {o['defaulted']} defaulted, "
                f"{o['open']} open, {o['overdue']} overdue); {self.bad_loans} of {self.realised_loans} "
                f"realised loans more than {BAD_DPD} days past due; logins {logins}")


def default_today() -> date:
    return datetime.now(SHANGHAI).date()


def seed_demo(seed: int = 7, *, today: date | None = None, sellers: int = DEFAULT_SELLERS) -> SeedSummary:
    """Build the demo platform of product §4, with `sellers` sellers (the six
    profile sellers and ordinary ones), in the empty database at DATABASE_URL,
    or again over an interrupted seed. A complete demo, or a database with users
    or sellers that is not a demo, is refused (`DemoAlreadySeeded`)."""
    today = today or default_today()
    if sellers < len(PROFILE_LOGINS):
        raise ValueError(f"the demo has at least {len(PROFILE_LOGINS)} sellers")
    target = check_target()
    restart_ids = target is SeedTarget.EMPTY and get_engine().dialect.name == "postgresql"
    with built_aside():
        if target is SeedTarget.INTERRUPTED or restart_ids:
            wipe()  # on PostgreSQL also restarts the ids that a killed attempt's rolled-back inserts used
        summary = _build(seed, today, sellers - len(PROFILE_LOGINS))
    crash_point(CrashPoint.SEED_INSTALLED)  # tests only (app/crash_points.py)
    return summary


def _build(seed: int, today: date, ordinary: int) -> SeedSummary:
    specs = build_specs(seed, today, ordinary)
    for spec in specs:
        spec.sales = generate_sales(spec, seed, today)
    with fast_sqlite_writes(journal_in_memory=True):  # SQLite: a copy, thrown away if interrupted
        history = LoanHistory(specs, seed, today)
        with session_scope() as session:
            mark_seed(session, STARTED)
            set_lender_funds(session, registered_capital=DEFAULT_CONFIG.registered_capital,
                             bank_credit_lines=DEFAULT_CONFIG.bank_credit_lines)
            set_business_date(session, history.start)
            pre_approval = nightly_pre_approval(session)
            set_nightly_pre_approval(session, False)  # the history's lender rates with the seed rating
            _add_people(session, specs)
            _add_sales(session, specs, seed, today)
            for order_id, confirm_on in _add_recent_orders(session, specs, seed, today):
                history.settle_later(order_id, confirm_on)
        crash_point(CrashPoint.SEED_STARTED)  # tests only (app/crash_points.py)
        history.run()
        crash_point(CrashPoint.SEED_HISTORY_PLAYED)
        with session_scope() as session:
            _blacklist_defaulters(session)
            pre_approve(session, today)  # the limits in force now come from real rating decisions
            _add_logins(session)
            set_nightly_pre_approval(session, pre_approval)  # from today on, end of day re-rates
        _start_recovery_plan()
        _close_last_month(today)
        store_model_report()  # the back office's model report of today, as end of day stores it
        crash_point(CrashPoint.SEED_BUILT)
        with session_scope() as session:
            mark_seed(session, COMPLETE)  # the very last write: an interrupted seed never reads as done
            summary = _summary(session, seed, today)
        crash_point(CrashPoint.SEED_COMPLETE)
        return summary


def _add_people(session: Session, specs: list[SellerSpec]) -> None:
    for spec in specs:
        seller = Seller(name=spec.name, resident_id=spec.resident_id, phone=spec.phone,
                        real_name_verified=spec.real_name_verified)
        session.add(seller)
        session.flush()
        spec.seller_id = seller.id
        session.add(DemoSellerProfile(seller_id=seller.id, profile=spec.profile, quality=spec.quality))
        session.add(Shop(id=spec.shop_id, seller_id=seller.id, name=spec.shop_name, category=spec.category,
                         member_since=spec.member_since, certified=spec.certified))
        user = User(username=spec.username, role=SELLER, seller_id=seller.id)
        session.add(user)
        session.flush()
        spec.user_id = user.id
    for username, role, _password in STAFF_LOGINS:
        session.add(User(username=username, role=role))
    session.flush()


def _chunks(rows: list[dict], size: int = 5000):
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _add_sales(session: Session, specs: list[SellerSpec], seed: int, today: date) -> None:
    sales = [dict(shop_id=spec.shop_id, day=day, sales_fen=d.sales_fen, refunds_fen=d.refunds_fen,
                  order_count=d.orders, buyer_count=d.buyers, repeat_buyer_count=d.repeat_buyers,
                  dispute_count=d.disputes)
             for spec in specs for day, d in sorted(spec.sales.items())]
    connection = session.connection()  # Core inserts of plain rows: executemany, no ORM objects
    for chunk in _chunks(sales):
        connection.execute(insert(DailySales.__table__), chunk)
    metrics = [dict(shop_id=spec.shop_id, month=m.month, login_days=m.login_days, ad_spend_fen=m.ad_spend_fen,
                    community_posts=m.community_posts, favourites=m.favourites, reviews=m.reviews,
                    positive_reviews=m.positive_reviews, shop_rating_x100=m.shop_rating_x100,
                    complaints=m.complaints)
               for spec in specs for m in generate_behaviour(spec, seed, today)]
    for chunk in _chunks(metrics):
        connection.execute(insert(BehaviourMetric.__table__), chunk)


def _add_recent_orders(session: Session, specs: list[SellerSpec], seed: int,
                       today: date) -> list[tuple[int, date]]:
    """Insert the recent orders; returns (id, confirm_on) of those still to settle."""
    orders = [Order(shop_id=o.shop_id, buyer=o.buyer, amount_fen=o.amount_fen, status=o.status,
                    paid_on=o.paid_on, shipped_on=o.shipped_on, confirm_on=o.confirm_on,
                    refunded_on=o.refunded_on)
              for spec in specs for o in recent_orders(spec, seed, today)]
    orders.sort(key=lambda o: (o.paid_on, o.shop_id))
    session.add_all(orders)
    session.flush()
    return [(o.id, o.confirm_on) for o in orders if o.status == OrderStatus.SHIPPED and o.confirm_on < today]


def _blacklist_defaulters(session: Session) -> None:
    """DPD > 90 → non-performing → blacklisted (rules §9); set here directly
    until monitoring does it."""
    rows = session.exec(select(Loan.seller_id, func.min(Loan.non_performing_since))
                        .where(col(Loan.non_performing_since).is_not(None)).group_by(Loan.seller_id)).all()
    for seller_id, since in rows:
        seller = session.get(Seller, seller_id)
        seller.blacklisted, seller.blacklisted_on = True, since
        session.add(seller)


def _start_recovery_plan() -> None:
    """Product §4: a blacklisted defaulter has a credit-recovery plan in progress, made by the
    demo risk officer through the service (rules §9). It is one of the ordinary defaulters,
    so the documented defaulter seller6 still shows a non-performing loan; seller6 only when
    no other defaulter has one."""
    from app.errors import RecoveryRefused
    from app.services.access.actor import RISK, Actor
    from app.services.risk_ops.recovery import create_recovery_plan

    with session_scope() as session:
        officer = session.exec(select(User).where(User.role == RISK).order_by(col(User.id))).first()
        rows = session.exec(
            select(Loan.seller_id, DemoSellerProfile.profile)
            .join(DemoSellerProfile, col(DemoSellerProfile.seller_id) == Loan.seller_id)
            .where(Loan.status == LoanStatus.OPEN, col(Loan.non_performing_since).is_not(None))).all()
    defaulters = sorted({(profile == "blacklisted", seller_id) for seller_id, profile in rows})
    if officer is None or not defaulters:
        return
    try:
        create_recovery_plan(Actor(officer.id, RISK), defaulters[0][1], 12,
                             "demo: the shop's supplier failed; the default is not malicious")
    except RecoveryRefused:
        return  # this seed left the defaulter without a non-performing loan


def _close_last_month(today: date) -> None:
    """Issue #18 §6: the demo's books show a closed month — the one before today's, whose last day
    the history's end of days have passed (its statements stored, nothing may post into it)."""
    from app.services.access.actor import SYSTEM_ACTOR
    from app.services.end_of_day.close import close_month

    close_month(SYSTEM_ACTOR, (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m"))


def demo_logins() -> tuple[DemoLogin, ...]:
    """The demo logins of product §4: username, password, role, profile and shop."""
    shops = {profile: f"SHOP{index:04d}" for index, (profile, _login) in enumerate(PROFILE_LOGINS, start=1)}
    sellers = tuple(DemoLogin(login, DEMO_SELLER_PASSWORD, SELLER, profile, shops[profile])
                    for profile, login in PROFILE_LOGINS)
    staff = tuple(DemoLogin(username, password, role) for username, role, password in STAFF_LOGINS)
    return sellers + staff


def _add_logins(session: Session) -> None:
    """The documented demo logins get their passwords, each hashed with its own salt (two logins
    never share a hash); the other demo sellers have no password (activation only)."""
    logins = demo_logins()
    with ThreadPoolExecutor(max_workers=2) as pool:  # argon2 releases the GIL: ~1 s for 8 logins
        hashes = list(pool.map(hash_password, [login.password for login in logins]))
    for login, hashed in zip(logins, hashes, strict=True):
        user = session.exec(select(User).where(User.username == login.username)).one()
        user.password_hash = hashed
        session.add(user)


def loan_outcome(loan: Loan) -> str:
    """on_time / late / defaulted for realised loans; open / overdue otherwise.
    Defaulted: ever more than 90 days past due (non-performing)."""
    if loan.non_performing_since is not None or loan.max_dpd > DEFAULT_CONFIG.non_performing_dpd:
        return "defaulted"
    if loan.status == LoanStatus.CLOSED:
        return "late" if loan.max_dpd > 0 else "on_time"
    return "overdue" if loan.dpd > 0 else "open"


def _summary(session: Session, seed: int, today: date) -> SeedSummary:
    def count(model) -> int:
        return session.exec(select(func.count()).select_from(model)).one()

    loans = session.exec(select(Loan)).all()
    outcomes = Counter({key: 0 for key in OUTCOMES})
    outcomes.update(loan_outcome(loan) for loan in loans)
    bad = sum(loan.max_dpd > BAD_DPD for loan in loans)
    realised = sum(loan.status == LoanStatus.CLOSED or loan.max_dpd > BAD_DPD for loan in loans)
    statuses = dict(session.exec(select(Order.status, func.count()).group_by(Order.status)).all())
    limits = session.exec(select(func.count(func.distinct(SellerLimit.seller_id)))
                          .where(SellerLimit.decided_on == today, SellerLimit.credit_limit_fen > 0)).one()
    blacklisted = session.exec(select(func.count()).select_from(Seller).where(col(Seller.blacklisted))).one()
    return SeedSummary(seed=seed, business_date=today, sellers=count(Seller), shops=count(Shop),
                       daily_sales_rows=count(DailySales), behaviour_rows=count(BehaviourMetric),
                       orders=count(Order), orders_by_status=statuses, loans=len(loans),
                       loans_by_outcome=dict(outcomes), realised_loans=realised, bad_loans=bad,
                       sellers_with_limits=limits,
                       blacklisted_sellers=blacklisted, logins=demo_logins())
