"""The demo platform's sellers and their trading data, as plain data (no database).

Every seller is a `SellerSpec`: identity, shop, a hidden `quality` (0-100) and
the parameters of its sales process. From a spec come 18 months of daily sales
(trend, seasonality, a weekly pattern and noise), monthly behaviour metrics,
recent orders, and the temporary seed rating and limits of rules §6.3. All
randomness comes from `random.Random` instances seeded from the demo seed, so
the same seed and `today` always give the same platform.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from app.config import DEFAULT_CONFIG, RatingBand
from app.dates import add_months
from app.demo.identity import REGIONS, random_birth, random_mobile, resident_id

SALES_MONTHS = 18  # months of daily sales history
HISTORY_MONTHS = 12  # loans are drawn during the last 12 months
RECENT_ORDER_DAYS = 45  # Order rows are kept for the last ~45 days

# Profiles of product §4: (profile, login). Shop SHOP0001 is the strong seller, and so on.
STRONG, AVERAGE, NEW_SHOP, DECLINING, OVERDUE, BLACKLISTED, ORDINARY = (
    "strong", "average", "new_shop", "declining", "overdue", "blacklisted", "ordinary")
PROFILE_LOGINS = (
    (STRONG, "demo"),
    (AVERAGE, "seller2"),
    (NEW_SHOP, "seller3"),
    (DECLINING, "seller4"),
    (OVERDUE, "seller5"),
    (BLACKLISTED, "seller6"),
)
DEMO_SELLER_PASSWORD = "demo1234"
STAFF_LOGINS = (("risk", "risk", "risk1234"), ("admin", "admin", "admin1234"))  # username, role, password
ORDINARY_SELLERS = 60

CATEGORIES = ("apparel", "electronics", "home", "food", "beauty", "toys")
AVERAGE_ORDER_YUAN = {"apparel": 160, "electronics": 650, "home": 220, "food": 90, "beauty": 180, "toys": 140}
REFUND_FACTOR = {"apparel": 1.8, "electronics": 1.0, "home": 1.0, "food": 0.4, "beauty": 0.8, "toys": 0.9}
SHOP_WORDS = {
    "apparel": ("服饰", "衣橱", "女装", "潮牌"),
    "electronics": ("数码", "电器", "3C馆", "科技"),
    "home": ("家居", "生活馆", "家纺", "厨具"),
    "food": ("食品", "零食铺", "茶行", "特产"),
    "beauty": ("美妆", "护肤", "香氛", "彩妆"),
    "toys": ("玩具", "童趣", "积木", "模型"),
}
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑"
            "梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢")
GIVEN = "伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平刚桂英华玉萍红鹏辉晓峰宇浩凯婷雪琳欣怡子涵博文思远佳俊"

MONTH_FACTOR = {1: 0.95, 2: 0.75, 3: 0.95, 4: 0.95, 5: 1.0, 6: 1.15, 7: 0.9, 8: 0.9, 9: 1.0, 10: 1.0,
                11: 1.35, 12: 1.1}
CATEGORY_MONTH = {"food": {1: 1.45, 2: 0.9, 9: 1.2}, "toys": {6: 1.2, 12: 1.3}, "apparel": {3: 1.1, 10: 1.1},
                  "electronics": {6: 1.2, 11: 1.15}, "beauty": {2: 0.9, 3: 1.15}}
WEEKDAY_FACTOR = (0.97, 0.96, 0.97, 0.98, 1.0, 1.06, 1.08)


@dataclass
class SellerSpec:
    index: int  # 1-based; shop id SHOP{index:04d}
    profile: str
    quality: int  # hidden 0-100
    name: str
    resident_id: str
    phone: str
    real_name_verified: bool
    category: str
    shop_name: str
    member_since: date
    certified: bool
    monthly_base_yuan: float  # typical monthly sales at the start of the history
    growth: float  # sales factor per year
    volatility: float
    refund_rate: float
    dispute_rate: float
    repeat_share: float
    order_value_yuan: float
    score_offset: float  # the seller's persistent deviation from the quality-implied score
    login: str | None = None
    fails_on: date | None = None  # ordinary sellers whose business fails (their loans default)
    borrows_orders: bool = False  # random order-loan activity
    borrows_credit: bool = False  # random credit-loan activity
    order_gap_days: float = 45.0
    credit_gap_days: float = 90.0
    seller_id: int | None = None
    user_id: int | None = None
    sales: dict[date, SalesDay] = field(default_factory=dict, repr=False)

    @property
    def shop_id(self) -> str:
        return f"SHOP{self.index:04d}"

    @property
    def username(self) -> str:
        return self.login or self.shop_id.lower()

    def sales_start(self, today: date) -> date:
        return max(add_months(today, -SALES_MONTHS), self.member_since)

    def tenure_ok(self, on: date) -> bool:
        """Shop open at least 6 months (rules §6.1)."""
        return add_months(self.member_since, 6) <= on


@dataclass(frozen=True)
class SalesDay:
    sales_fen: int
    refunds_fen: int
    orders: int
    buyers: int
    repeat_buyers: int
    disputes: int


# --- building the specs -------------------------------------------------------------------


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _person(rng: random.Random, index: int, today: date) -> tuple[str, str, str]:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    birth = random_birth(rng, today, 25, 55)
    rid = resident_id(rng.choice(REGIONS), birth, (index * 7 + 1) % 1000)
    return name, rid, random_mobile(rng)


def build_specs(seed: int, today: date) -> list[SellerSpec]:
    """The six profile sellers of product §4 and the ordinary ones."""
    specs: list[SellerSpec] = []
    history_start = add_months(today, -HISTORY_MONTHS)
    for index, (profile, login) in enumerate(PROFILE_LOGINS, start=1):
        specs.append(_profile_spec(random.Random(f"{seed}:spec:{index}"), index, profile, login, today))
    for index in range(len(PROFILE_LOGINS) + 1, len(PROFILE_LOGINS) + ORDINARY_SELLERS + 1):
        specs.append(_ordinary_spec(random.Random(f"{seed}:spec:{index}"), index, today, history_start))
    return specs


def _base_spec(rng: random.Random, index: int, profile: str, quality: int, category: str,
               member_since: date, today: date) -> SellerSpec:
    name, rid, phone = _person(rng, index, today)
    word = rng.choice(SHOP_WORDS[category])
    shop_name = f"{name[1:] or name}{word}"
    q = quality / 100
    return SellerSpec(
        index=index, profile=profile, quality=quality, name=name, resident_id=rid, phone=phone,
        real_name_verified=True, category=category, shop_name=shop_name, member_since=member_since,
        certified=rng.random() < 0.2 + 0.6 * q,
        monthly_base_yuan=math.exp(rng.gauss(math.log(40_000) + (quality - 60) / 40, 0.6)),
        growth=math.exp(rng.gauss(0.05 + (quality - 60) / 150, 0.12)),
        volatility=0.10 + (1 - q) * 0.22,
        refund_rate=(0.012 + (1 - q) * 0.07) * REFUND_FACTOR[category],
        dispute_rate=0.0004 + (1 - q) * 0.008,
        repeat_share=0.08 + q * 0.35,
        order_value_yuan=AVERAGE_ORDER_YUAN[category] * math.exp(rng.gauss(0, 0.25)),
        score_offset=rng.gauss(0, 14),
    )


def _profile_spec(rng: random.Random, index: int, profile: str, login: str, today: date) -> SellerSpec:
    # quality, category, tenure in days, monthly sales base, growth per year
    settings = {
        STRONG: (92, "electronics", 3 * 365 + 200, 190_000, 1.45),
        AVERAGE: (66, "apparel", 2 * 365 + 40, 45_000, 1.03),
        NEW_SHOP: (70, "beauty", 92, 30_000, 1.0),
        DECLINING: (60, "home", 2 * 365 + 150, 70_000, 1.05),
        OVERDUE: (44, "toys", 2 * 365 + 10, 35_000, 0.98),
        BLACKLISTED: (30, "food", 2 * 365 + 90, 28_000, 0.95),
    }
    quality, category, tenure, base, growth = settings[profile]
    spec = _base_spec(rng, index, profile, quality, category, today - timedelta(days=tenure), today)
    spec.login = login
    spec.monthly_base_yuan, spec.growth, spec.score_offset = base, growth, 0.0
    spec.certified = profile in (STRONG, AVERAGE, DECLINING)
    if profile == STRONG:
        spec.borrows_orders, spec.order_gap_days = True, 20.0
    elif profile in (AVERAGE, DECLINING):
        spec.borrows_orders, spec.order_gap_days = True, 45.0
    elif profile == BLACKLISTED:
        spec.fails_on = today - timedelta(days=160)
    return spec


def _ordinary_spec(rng: random.Random, index: int, today: date, history_start: date) -> SellerSpec:
    quality = round(_clamp(rng.gauss(62, 18), 18, 98))
    category = rng.choice(CATEGORIES)
    if rng.random() < 0.06:  # a few recent shops, not yet eligible
        tenure = rng.randint(100, 175)
    else:
        tenure = round(min(6 * 365, 240 + rng.expovariate(1 / 800)))
    spec = _base_spec(rng, index, ORDINARY, quality, category, today - timedelta(days=tenure), today)
    spec.real_name_verified = rng.random() < 0.95
    q = quality / 100
    spec.borrows_orders = rng.random() < 0.45 + 0.4 * q
    spec.borrows_credit = rng.random() < 0.6 + 0.3 * q
    spec.order_gap_days = 12 + 40 * (1 - q) + rng.uniform(0, 15)
    spec.credit_gap_days = 45 + rng.uniform(0, 60)
    fail_probability = _clamp(1.8 * math.exp(-(quality - 35) / 12), 0.0, 0.6)
    if rng.random() < fail_probability:
        first = max(history_start + timedelta(days=75), spec.member_since + timedelta(days=240))
        # most failures are old enough to have turned non-performing (> 90 days) by today
        last = today - timedelta(days=100 if rng.random() < 0.75 else 30)
        if first < last:
            spec.fails_on = first + timedelta(days=rng.randrange((last - first).days))
            spec.borrows_credit = True  # businesses that fail have usually borrowed
    return spec


# --- daily sales ----------------------------------------------------------------------------------


def _season(category: str, day: date) -> float:
    factor = MONTH_FACTOR[day.month] * CATEGORY_MONTH.get(category, {}).get(day.month, 1.0)
    if day.month == 6 and 16 <= day.day <= 20:
        factor *= 2.4 if day.day == 18 else 1.4  # 618
    elif day.month == 11 and day.day <= 12:
        factor *= 5.0 if day.day == 11 else 1.25  # Double 11 and its pre-sales
    elif day.month == 12 and day.day == 12:
        factor *= 2.0  # Double 12
    return factor


def _profile_factor(spec: SellerSpec, day: date, today: date) -> float:
    """Shape imposed by the profile: ramps, declines and failures."""
    factor = 1.0
    if spec.profile == NEW_SHOP or (day - spec.member_since).days < 90:
        factor *= 0.3 + 0.7 * min(1.0, (day - spec.member_since).days / 75)
    if spec.profile == DECLINING:
        start, floor_day = today - timedelta(days=92), today - timedelta(days=60)
        if floor_day > day >= start:
            factor *= 1.0 - 0.75 * (day - start).days / (floor_day - start).days
        elif day >= floor_day:
            factor *= 0.25 - 0.15 * (day - floor_day).days / 60
    if spec.fails_on is not None:
        days_to_fail = (spec.fails_on - day).days
        if 0 < days_to_fail <= 75:
            factor *= 1.0 - 0.75 * (75 - days_to_fail) / 75
        elif days_to_fail <= 0:
            factor *= max(0.03, 0.25 - 0.2 * (-days_to_fail) / 30)
    return factor


def generate_sales(spec: SellerSpec, seed: int, today: date) -> dict[date, SalesDay]:
    """Daily sales from the start of the history (or the shop's opening) to yesterday."""
    rng = random.Random(f"{seed}:sales:{spec.index}")
    start = spec.sales_start(today)
    history_start = add_months(today, -SALES_MONTHS)
    daily_base = spec.monthly_base_yuan / 30
    momentum = 0.0
    days: dict[date, SalesDay] = {}
    day = start
    while day < today:
        years = (day - history_start).days / 365
        momentum = 0.92 * momentum + rng.gauss(0, spec.volatility * 0.25)
        level = (daily_base * spec.growth ** years * _season(spec.category, day)
                 * WEEKDAY_FACTOR[day.weekday()] * _profile_factor(spec, day, today)
                 * math.exp(momentum + rng.gauss(0, spec.volatility)))
        orders = poisson(rng, level / spec.order_value_yuan)
        if orders == 0:
            days[day] = SalesDay(0, 0, 0, 0, 0, 0)
            day += timedelta(days=1)
            continue
        sales_fen = round(orders * spec.order_value_yuan * math.exp(rng.gauss(0, 0.08)) * 100)
        refund_rate = spec.refund_rate * (3.0 if spec.fails_on and day >= spec.fails_on - timedelta(days=45)
                                          else 1.0)
        refunds_fen = min(sales_fen, round(sales_fen * refund_rate * math.exp(rng.gauss(0, 0.5))))
        buyers = max(1, round(orders * rng.uniform(0.86, 0.99)))
        repeat = min(buyers, poisson(rng, buyers * spec.repeat_share))
        disputes = poisson(rng, orders * spec.dispute_rate)
        days[day] = SalesDay(sales_fen, refunds_fen, orders, buyers, repeat, disputes)
        day += timedelta(days=1)
    return days


def month_start(day: date) -> date:
    return day.replace(day=1)


def complete_months(on: date, count: int) -> list[date]:
    """First days of the `count` complete calendar months before `on`, oldest first."""
    first = month_start(on)
    return [add_months(first, -k) for k in range(count, 0, -1)]


def net_monthly_sales_fen(spec: SellerSpec, on: date, months: int = 6) -> int:
    """Average monthly platform sales net of refunds over the last `months`
    complete calendar months before `on` (rules §6.3), in fen."""
    starts = complete_months(on, months)
    first, end = starts[0], month_start(on)
    total = sum(d.sales_fen - d.refunds_fen for day, d in spec.sales.items() if first <= day < end)
    return total // months


# --- behaviour metrics ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthMetrics:
    month: date
    login_days: int
    ad_spend_fen: int
    community_posts: int
    favourites: int
    reviews: int
    positive_reviews: int
    shop_rating_x100: int
    complaints: int


def generate_behaviour(spec: SellerSpec, seed: int, today: date) -> list[MonthMetrics]:
    """One row per complete month of the shop's sales history."""
    rng = random.Random(f"{seed}:behaviour:{spec.index}")
    rows = []
    month = month_start(spec.sales_start(today))
    while add_months(month, 1) <= month_start(today):
        nxt = add_months(month, 1)
        days = [d for day, d in spec.sales.items() if month <= day < nxt]
        failing = spec.fails_on is not None and month >= month_start(spec.fails_on - timedelta(days=60))
        rows.append(month_metrics(rng, spec.quality, month, sum(d.sales_fen for d in days),
                                  sum(d.orders for d in days), failing=failing))
        month = nxt
    return rows


def month_metrics(rng: random.Random, quality: int, month: date, sales_fen: int, orders: int, *,
                  failing: bool = False) -> MonthMetrics:
    """Behaviour of a month with these sales, for a seller of this hidden quality."""
    q = quality / 100
    length = (add_months(month, 1) - month).days
    active = length * (0.45 + 0.5 * q) * (0.6 if failing else 1.0)
    login_days = round(_clamp(active + rng.gauss(0, 2), 0, length))
    reviews = round(orders * rng.uniform(0.3, 0.5))
    positive_share = _clamp(0.80 + 0.19 * q + rng.gauss(0, 0.01) - (0.08 if failing else 0), 0.5, 0.998)
    return MonthMetrics(
        month=month, login_days=login_days,
        ad_spend_fen=round(sales_fen * (0.008 + 0.03 * q) * math.exp(rng.gauss(0, 0.3))),
        community_posts=poisson(rng, 0.5 + 6 * q),
        favourites=poisson(rng, orders * 0.25),
        reviews=reviews, positive_reviews=round(reviews * positive_share),
        shop_rating_x100=round(_clamp(430 + 65 * q + rng.gauss(0, 4) - (15 if failing else 0), 400, 500)),
        complaints=poisson(rng, orders * (0.004 - 0.0035 * q) * (2 if failing else 1)),
    )


# --- the temporary seed rating and limits (rules §6.2 bands, §6.3) -----------------------------

PROFILE_RATINGS = {STRONG: "AAA", AVERAGE: "A", NEW_SHOP: "AA", DECLINING: "A", OVERDUE: "BBB",
                   BLACKLISTED: "BB"}


@dataclass(frozen=True)
class SeedLimit:
    rating: str
    credit_limit_fen: int
    advance_rate: Decimal


def seed_score(spec: SellerSpec, seed: int, on: date) -> int:
    """A stand-in score 350-950 from the hidden quality (the real scorecard comes later)."""
    noise = random.Random(f"{seed}:score:{spec.index}:{on.isoformat()}").gauss(0, 8)
    return round(_clamp(410 + 5 * spec.quality + spec.score_offset + noise, 350, 950))


def band_for(spec: SellerSpec, seed: int, on: date) -> RatingBand | None:
    bands = {band.name: band for band in DEFAULT_CONFIG.bands}
    if spec.profile in PROFILE_RATINGS:
        return bands[PROFILE_RATINGS[spec.profile]]
    score = seed_score(spec, seed, on)
    return next((band for band in DEFAULT_CONFIG.bands if score >= band.min_score), None)


def seed_limit(spec: SellerSpec, seed: int, on: date) -> SeedLimit | None:
    """The rating and limits a seller gets on `on`, or None when not eligible
    (tenure, real name, failed business, or a score below BB)."""
    if not spec.tenure_ok(on) or not spec.real_name_verified:
        return None
    if spec.fails_on is not None and on >= spec.fails_on:
        return None
    band = band_for(spec, seed, on)
    if band is None:
        return None
    cfg = DEFAULT_CONFIG
    average = Decimal(net_monthly_sales_fen(spec, on)) / 100
    credit = (average * band.credit_multiple / cfg.credit_limit_step).to_integral_value(ROUND_DOWN)
    credit = min(credit * cfg.credit_limit_step, cfg.product_limit_cap)
    return SeedLimit(band.name, int(credit * 100), band.advance_rate)


# --- recent orders ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderSpec:
    """An order as it stands on `today` (rules §5: paid → shipped → settled, or refunded)."""

    shop_id: str
    buyer: str
    amount_fen: int
    status: str
    paid_on: date
    shipped_on: date | None
    confirm_on: date | None
    refunded_on: date | None


def buyer_name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)}**{rng.randrange(100, 1000)}"


def recent_orders(spec: SellerSpec, seed: int, today: date) -> Iterator[OrderSpec]:
    """Escrow orders of the last ~45 days (a sample of the shop's trade: the
    orders order loans can be drawn against), in every state."""
    if spec.profile == BLACKLISTED:
        return
    rng = random.Random(f"{seed}:orders:{spec.index}")
    start = max(today - timedelta(days=RECENT_ORDER_DAYS), spec.member_since)
    last_day = today - timedelta(days=1)
    day = start
    while day <= last_day:
        sales = spec.sales.get(day)
        rate = 0.0 if sales is None else _clamp(sales.orders * 0.03, 0.0, 1.2)
        if spec.fails_on is not None and day >= spec.fails_on:
            rate = 0.0
        for _ in range(poisson(rng, rate)):
            yield _order_on(spec, rng, day, last_day)
        day += timedelta(days=1)


def _order_on(spec: SellerSpec, rng: random.Random, day: date, last_day: date) -> OrderSpec:
    amount = round(spec.order_value_yuan * math.exp(rng.gauss(0.3, 0.5)) * 100)
    amount = max(amount, 990)
    ship_lag = rng.choices((0, 1, 2, 3), (40, 40, 15, 5))[0]
    shipped = day + timedelta(days=ship_lag)
    confirm = shipped + timedelta(days=rng.randint(3, 14))
    refund_day = day + timedelta(days=rng.randint(1, ship_lag + 6))
    buyer = buyer_name(rng)
    refunded = rng.random() < spec.refund_rate * 1.5 and refund_day <= last_day
    if spec.profile == OVERDUE:  # buyers cancel, nothing ships: the shop has stalled
        if day <= last_day - timedelta(days=3):
            return OrderSpec(spec.shop_id, buyer, amount, "refunded", day, None, None,
                             day + timedelta(days=rng.randint(1, 3)))
        return OrderSpec(spec.shop_id, buyer, amount, "paid", day, None, None, None)
    if spec.fails_on is not None and confirm >= spec.fails_on:
        refunded, refund_day = True, spec.fails_on
    if refunded:
        shipped_on = shipped if shipped <= refund_day else None
        return OrderSpec(spec.shop_id, buyer, amount, "refunded", day, shipped_on, None, refund_day)
    if shipped > last_day:
        return OrderSpec(spec.shop_id, buyer, amount, "paid", day, None, None, None)
    return OrderSpec(spec.shop_id, buyer, amount, "shipped", day, shipped, confirm, None)
