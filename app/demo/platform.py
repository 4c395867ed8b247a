"""The demo platform's sellers and their trading data, as plain data (no database).

Every seller is a `SellerSpec`: identity, shop, a hidden `quality` (0-100) and
the parameters of its sales process and behaviour. From a spec come 18 months
of daily sales (trend, seasonality, a weekly pattern and noise), monthly
behaviour metrics, recent orders, and the temporary seed rating and limits of
rules §6.3. All randomness comes from `random.Random` instances seeded from the
demo seed, so the same seed and `today` always give the same platform.

How quality shows (so that a credit model has something real to learn, and
no more): each observable parameter of an ordinary seller is its
quality-implied value times (or plus) a persistent personal deviation of the
same order as the quality effect — refund rate, disputes and complaints per
order, positive-review share, shop rating, repeat buyers, sales volatility and
trend, login regularity. On top, a monthly `health` shock (AR(1), mean 0, sd 1)
moves sales, refunds, disputes, complaints, reviews and logins together, and
the risk of the loans drawn in that month (`app.demo.history`). No single
observable is a near-perfect proxy of quality; together they rank sellers
roughly as well as the hidden quality itself does.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from statistics import NormalDist

from app.config import DEFAULT_CONFIG, OrderStatus, RatingBand
from app.dates import add_months
from app.demo.identity import REGIONS, random_birth, random_mobile, resident_id
from app.money import to_fen
from app.scoring import decision as rating

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
ORDINARY_SELLERS = 160

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

QUALITY_MEAN, QUALITY_SD = 52, 21  # hidden quality of the ordinary sellers
SCORE_OFFSET_SD = 25  # the seed rating's persistent error (the history's lender scored roughly)
FAILING_SCORE = 625  # at least the seed score (before its noise) of the sellers whose business fails
HEALTH_PERSISTENCE = 0.75  # month-to-month correlation of a seller's health shock


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
    traits: BehaviourTraits
    login: str | None = None
    fails_on: date | None = None  # ordinary sellers whose business fails (their loans default)
    borrows_orders: bool = False  # random order-loan activity
    borrows_credit: bool = False  # random credit-loan activity
    order_gap_days: float = 45.0
    credit_gap_days: float = 90.0
    seller_id: int | None = None
    user_id: int | None = None
    sales: dict[date, SalesDay] = field(default_factory=dict, repr=False)
    health: dict[date, float] = field(default_factory=dict, repr=False)  # month start → shock

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

    def health_on(self, day: date) -> float:
        """The seller's shock of that month: > 0 a good patch, < 0 a bad one."""
        return self.health.get(month_start(day), 0.0)


@dataclass(frozen=True)
class BehaviourTraits:
    """A shop's typical month of platform behaviour (product §4, rules §6.2 groups 3-4)."""

    login_share: float  # share of the month's days with a login
    login_spread: float  # month-to-month spread of the login days
    positive_share: float  # positive reviews / reviews
    rating_x100: float  # shop rating × 100 (stars 4.00-5.00)
    complaint_rate: float  # complaints per order
    posts_per_month: float  # community posts
    ad_share: float  # advertising spend / sales


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


def build_specs(seed: int, today: date, ordinary: int = ORDINARY_SELLERS) -> list[SellerSpec]:
    """The six profile sellers of product §4 and `ordinary` ordinary ones."""
    specs: list[SellerSpec] = []
    history_start = add_months(today, -HISTORY_MONTHS)
    for index, (profile, login) in enumerate(PROFILE_LOGINS, start=1):
        specs.append(_profile_spec(random.Random(f"{seed}:spec:{index}"), index, profile, login, today))
    for index, quality in enumerate(ordinary_qualities(seed, ordinary), start=len(PROFILE_LOGINS) + 1):
        spec = _ordinary_spec(random.Random(f"{seed}:spec:{index}"), index, quality, today, history_start)
        spec.health = generate_health(random.Random(f"{seed}:health:{index}"), today)
        specs.append(spec)
    return specs


def generate_health(rng: random.Random, today: date) -> dict[date, float]:
    """Monthly shocks of a seller, AR(1) with sd 1: good and bad patches that last a few months."""
    month = month_start(add_months(today, -SALES_MONTHS))
    shock, shocks = rng.gauss(0, 1), {}
    while month <= month_start(today):
        shocks[month] = shock
        shock = HEALTH_PERSISTENCE * shock + rng.gauss(0, math.sqrt(1 - HEALTH_PERSISTENCE ** 2))
        month = add_months(month, 1)
    return shocks


def _base_spec(rng: random.Random, index: int, profile: str, quality: int, category: str,
               member_since: date, today: date, *, personal: bool = True) -> SellerSpec:
    """A seller of this quality; `personal`: with its own deviations from what the
    quality implies (ordinary sellers), else exactly typical (the profiles)."""
    name, rid, phone = _person(rng, index, today)
    word = rng.choice(SHOP_WORDS[category])
    shop_name = f"{name[1:] or name}{word}"
    q = quality / 100
    spread = 1.0 if personal else 0.0

    def dev(sd: float) -> float:
        return spread * rng.gauss(0, sd)

    traits = BehaviourTraits(
        login_share=_clamp(0.42 + 0.48 * q + dev(0.13), 0.12, 0.98),
        login_spread=(1.2 + 4.5 * (1 - q)) * math.exp(dev(0.4)),
        positive_share=_clamp(0.85 + 0.13 * q + dev(0.034), 0.6, 0.995),
        rating_x100=_clamp(445 + 48 * q + dev(13), 405, 498),
        complaint_rate=(0.0006 + 0.0045 * (1 - q)) * math.exp(dev(0.5)),
        posts_per_month=(0.5 + 6 * q) * math.exp(dev(0.7)),
        ad_share=(0.008 + 0.03 * q) * math.exp(dev(0.45)),
    )
    return SellerSpec(
        index=index, profile=profile, quality=quality, name=name, resident_id=rid, phone=phone,
        real_name_verified=True, category=category, shop_name=shop_name, member_since=member_since,
        certified=rng.random() < 0.2 + 0.6 * q,
        monthly_base_yuan=math.exp(rng.gauss(math.log(40_000) + (quality - 60) / 80, 0.6)),
        growth=math.exp(rng.gauss(0.05 + (quality - 60) / 80, 0.15)),
        volatility=(0.10 + 0.22 * (1 - q)) * math.exp(dev(0.25)),
        refund_rate=(0.010 + 0.055 * (1 - q)) * REFUND_FACTOR[category] * math.exp(dev(0.45)),
        dispute_rate=(0.0004 + 0.007 * (1 - q)) * math.exp(dev(0.5)),
        repeat_share=min(0.6, (0.10 + 0.30 * q) * math.exp(dev(0.35))),
        order_value_yuan=AVERAGE_ORDER_YUAN[category] * math.exp(rng.gauss(0, 0.25)),
        score_offset=rng.gauss(0, SCORE_OFFSET_SD),
        traits=traits,
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
    spec = _base_spec(rng, index, profile, quality, category, today - timedelta(days=tenure), today,
                      personal=False)
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


def fail_probability(quality: int) -> float:
    """Chance that an ordinary seller's business fails during the history (its loans default)."""
    return 0.3 / (1 + math.exp((quality - 36) / 6))


def ordinary_qualities(seed: int, count: int = ORDINARY_SELLERS) -> list[int]:
    """The hidden qualities of `count` ordinary sellers, in shop order: a stratified
    sample of N(QUALITY_MEAN, QUALITY_SD), so that every seed has the same mix."""
    rng = random.Random(f"{seed}:qualities")
    normal = NormalDist(QUALITY_MEAN, QUALITY_SD)
    qualities = [round(_clamp(normal.inv_cdf((k + rng.random()) / count), 8, 98))
                 for k in range(count)]
    rng.shuffle(qualities)
    return qualities


def _ordinary_spec(rng: random.Random, index: int, quality: int, today: date,
                   history_start: date) -> SellerSpec:
    category = rng.choice(CATEGORIES)
    if rng.random() < 0.06:  # a few recent shops, not yet eligible
        tenure = rng.randint(100, 175)
    else:
        tenure = round(min(6 * 365, 240 + rng.expovariate(1 / 800)))
    spec = _base_spec(rng, index, ORDINARY, quality, category, today - timedelta(days=tenure), today)
    spec.real_name_verified = rng.random() < 0.95
    # the weaker sellers need the cash more: they borrow at least as readily, and more often
    q = quality / 100
    spec.borrows_orders = rng.random() < 0.7
    spec.borrows_credit = rng.random() < 0.75
    spec.order_gap_days = 5 + 20 * q + rng.uniform(0, 10)
    spec.credit_gap_days = 45 + rng.uniform(0, 60)
    if rng.random() < fail_probability(quality):
        first = max(history_start + timedelta(days=75), spec.member_since + timedelta(days=240))
        # most failures are old enough to have turned non-performing (> 90 days) by today
        last = today - timedelta(days=100 if rng.random() < 0.75 else 30)
        if first < last:
            spec.fails_on = first + timedelta(days=rng.randrange((last - first).days))
            # businesses that fail have usually borrowed: the history's lender rated them well enough
            spec.borrows_credit, spec.real_name_verified = True, True
            spec.score_offset = max(spec.score_offset, FAILING_SCORE - seed_score_base(quality))
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
        health = spec.health_on(day)
        momentum = 0.95 * momentum + rng.gauss(0, spec.volatility * 0.4)
        level = (daily_base * spec.growth ** years * _season(spec.category, day)
                 * WEEKDAY_FACTOR[day.weekday()] * _profile_factor(spec, day, today)
                 * math.exp(momentum + rng.gauss(0, spec.volatility) + 0.2 * health))
        orders = poisson(rng, level / spec.order_value_yuan)
        if orders == 0:
            days[day] = SalesDay(0, 0, 0, 0, 0, 0)
            day += timedelta(days=1)
            continue
        sales_fen = round(orders * spec.order_value_yuan * math.exp(rng.gauss(0, 0.08)) * 100)
        refund_rate = spec.refund_rate * math.exp(-0.3 * health) * (
            3.0 if spec.fails_on and day >= spec.fails_on - timedelta(days=45) else 1.0)
        refunds_fen = min(sales_fen, round(sales_fen * refund_rate * math.exp(rng.gauss(0, 0.5))))
        buyers = max(1, round(orders * rng.uniform(0.86, 0.99)))
        repeat = min(buyers, poisson(rng, buyers * min(0.9, spec.repeat_share * math.exp(0.1 * health))))
        disputes = poisson(rng, orders * spec.dispute_rate * math.exp(-0.35 * health))
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
        rows.append(month_metrics(rng, spec.traits, month, sum(d.sales_fen for d in days),
                                  sum(d.orders for d in days), health=spec.health_on(month), failing=failing))
        month = nxt
    return rows


def month_metrics(rng: random.Random, traits: BehaviourTraits, month: date, sales_fen: int, orders: int, *,
                  health: float = 0.0, failing: bool = False) -> MonthMetrics:
    """Behaviour of a month with these sales, for a shop with these traits, in a
    month of this health shock (a failing shop neglects its shop and buyers)."""
    length = (add_months(month, 1) - month).days
    active = length * traits.login_share * (0.6 if failing else 1.0) + 1.5 * health
    login_days = round(_clamp(active + rng.gauss(0, traits.login_spread), 0, length))
    reviews = round(orders * rng.uniform(0.3, 0.5))
    positive_share = _clamp(traits.positive_share + 0.012 * health + rng.gauss(0, 0.012)
                            - (0.08 if failing else 0), 0.5, 0.998)
    rating = traits.rating_x100 + 5 * health + rng.gauss(0, 4) - (15 if failing else 0)
    return MonthMetrics(
        month=month, login_days=login_days,
        ad_spend_fen=round(sales_fen * traits.ad_share * math.exp(rng.gauss(0, 0.3))),
        community_posts=poisson(rng, traits.posts_per_month * math.exp(0.2 * health)),
        favourites=poisson(rng, orders * 0.25),
        reviews=reviews, positive_reviews=round(reviews * positive_share),
        shop_rating_x100=round(_clamp(rating, 400, 500)),
        complaints=poisson(rng, orders * traits.complaint_rate * math.exp(-0.35 * health)
                           * (2 if failing else 1)),
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
    """The seed history's stand-in score 350-950, from the hidden quality."""
    noise = random.Random(f"{seed}:score:{spec.index}:{on.isoformat()}").gauss(0, 8)
    return round(_clamp(seed_score_base(spec.quality) + spec.score_offset + noise, 350, 950))


def seed_score_base(quality: int) -> float:
    """The stand-in score a seller of this quality gets before its own error and the noise:
    the history's lender lent, at BB, to some sellers far weaker than it thought."""
    return 530 + 3 * quality


def band_for(spec: SellerSpec, seed: int, on: date) -> RatingBand | None:
    bands = {band.name: band for band in DEFAULT_CONFIG.bands}
    if spec.profile in PROFILE_RATINGS:
        return bands[PROFILE_RATINGS[spec.profile]]
    return rating.band_for(DEFAULT_CONFIG, seed_score(spec, seed, on))


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
    average = Decimal(net_monthly_sales_fen(spec, on)) / 100
    credit = rating.credit_limit_for(DEFAULT_CONFIG, band, average)
    return SeedLimit(band.name, to_fen(credit), band.advance_rate)


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
    # orders a day at most: each one settles through the services, which takes its time in the seed
    cap = 1.2 if spec.profile != ORDINARY else 0.35
    start = max(today - timedelta(days=RECENT_ORDER_DAYS), spec.member_since)
    last_day = today - timedelta(days=1)
    day = start
    while day <= last_day:
        sales = spec.sales.get(day)
        rate = 0.0 if sales is None else _clamp(sales.orders * 0.03, 0.0, cap)
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
            return OrderSpec(spec.shop_id, buyer, amount, OrderStatus.REFUNDED.value, day, None, None,
                             day + timedelta(days=rng.randint(1, 3)))
        return OrderSpec(spec.shop_id, buyer, amount, OrderStatus.PAID.value, day, None, None, None)
    if spec.fails_on is not None and confirm >= spec.fails_on:
        refunded, refund_day = True, spec.fails_on
    if refunded:
        shipped_on = shipped if shipped <= refund_day else None
        return OrderSpec(spec.shop_id, buyer, amount, OrderStatus.REFUNDED.value, day, shipped_on, None,
                         refund_day)
    if shipped > last_day:
        return OrderSpec(spec.shop_id, buyer, amount, OrderStatus.PAID.value, day, None, None, None)
    return OrderSpec(spec.shop_id, buyer, amount, OrderStatus.SHIPPED.value, day, shipped, confirm, None)
