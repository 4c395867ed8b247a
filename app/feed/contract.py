"""The platform feed's contract (issue 17, rules §14): one pydantic model per record type.

A record is one JSON object (a line of a JSON Lines file) or one CSV row. Every record has
`type`, `version`, `event_id` (the platform's, unique across the feed) and `occurred_at`
(ISO 8601 with its UTC offset), and names things by the platform's own ids; the importer
(`app.services.feed.importer`) maps them to ours. docs/feed.md is generated from these
models (`app.feed.doc.render`) and a test checks the committed file equals it.

Pure code: the checks here need no database (amounts, the resident ID's check digit, a
refund above its order); the ones that do (an unknown shop, a status moving backward) are
the importer's.
"""

from __future__ import annotations

import enum
from datetime import date, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal, get_args

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from app.eligibility.resident_id import CHECK_CHARACTERS, WEIGHTS

VERSION = 1
PLATFORM_TZ = timezone(timedelta(hours=8))  # the platform's day: China Standard Time


def _exact_decimal(value: object) -> object:
    """Amounts arrive as text ("12.30") or exact numbers; a binary float is refused, since it
    may already have lost a fen."""
    if isinstance(value, float):
        raise ValueError("must be written exactly (as text like \"12.30\" or a JSON number), not as a float")
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"“{value}” is not an amount like 1234.56") from None
    return value


def _fen(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("is not a finite amount")
    if value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise ValueError(f"{value} has more than 2 decimals (amounts are in whole fen)")
    return value.quantize(Decimal("0.01"))


def _positive(value: Decimal) -> Decimal:
    if value <= 0:
        raise ValueError(f"{value} must be greater than zero")
    return value


def _not_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueError(f"{value} must not be negative")
    return value


Amount = Annotated[Decimal, BeforeValidator(_exact_decimal), AfterValidator(_fen), AfterValidator(_positive)]
"""CNY, more than zero, at most 2 decimals."""
Figure = Annotated[Decimal, BeforeValidator(_exact_decimal), AfterValidator(_fen),
                   AfterValidator(_not_negative)]
"""CNY, zero or more, at most 2 decimals (a day's sales may be nothing)."""
Count = Annotated[int, Field(ge=0)]
PlatformId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]


def _resident_id(value: str) -> str:
    """An 18-character mainland resident ID whose 18th character is its GB 11643 (ISO 7064
    MOD 11-2) check character."""
    value = value.strip().upper()
    if len(value) != 18 or not value[:17].isdigit():
        raise ValueError("must be 18 characters: 17 digits and a check character (a digit or X)")
    total = sum(int(digit) * weight for digit, weight in zip(value[:17], WEIGHTS, strict=True))
    expected = CHECK_CHARACTERS[total % 11]
    if value[17] != expected:
        raise ValueError(f"check digit is {value[17]} but the first 17 digits give {expected} (GB 11643)")
    return value


ResidentId = Annotated[str, AfterValidator(_resident_id)]


def _version(value: int) -> int:
    if value != VERSION:
        raise ValueError(f"version {value} is not known; this contract is version {VERSION}")
    return value


Version = Annotated[int, AfterValidator(_version)]


class FeedRecord(BaseModel):
    """What every record carries."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    version: Version = Field(description="the record format's version; this contract is version 1")
    event_id: PlatformId = Field(description="the platform's id of this event, unique across the feed; "
                                             "a record whose event_id was applied before changes nothing")
    occurred_at: AwareDatetime = Field(description="when it happened on the platform, ISO 8601 with its "
                                                   "offset, e.g. 2026-03-02T10:15:00+08:00")

    @property
    def platform_day(self) -> date:
        """The day it happened on the platform's clock (China Standard Time)."""
        return self.occurred_at.astimezone(PLATFORM_TZ).date()


class SellerRecord(FeedRecord):
    """A seller (the person behind shops) was registered or changed."""

    type: Literal["seller"]
    seller_id: PlatformId = Field(description="the platform's seller id")
    name: str = Field(min_length=1, max_length=100, description="the seller's real name")
    resident_id: ResidentId = Field(description="18-character mainland resident ID; its check digit "
                                                "(GB 11643, ISO 7064 MOD 11-2) must be right")
    real_name_verified: bool = Field(description="the payment account is real-name verified (true/false)")
    payment_account: str = Field(min_length=1, max_length=64,
                                 description="the seller's payment (Alipay) account, where money is paid out")
    joined_on: date = Field(description="the day the seller joined the platform")


class ShopRecord(FeedRecord):
    """A shop was opened or changed."""

    type: Literal["shop"]
    shop_id: PlatformId = Field(description="the platform's shop id")
    seller_id: PlatformId = Field(description="the platform's id of the shop's seller (sent before)")
    name: str = Field(min_length=1, max_length=100, description="the shop's name")
    opened_on: date = Field(description="the day the shop opened")
    category: str = Field(min_length=1, max_length=32, description="the shop's main category")


class FeedOrderStatus(str, enum.Enum):
    """An order's status event on the platform (its own words, not `OrderStatus`'s: the product
    keeps "confirmed" as a shipped order with a confirm date)."""

    PLACED = "placed"
    SHIPPED = "shipped"
    CONFIRMED = "confirmed"
    SETTLED = "settled"
    REFUNDED = "refunded"


ORDER_STATUSES = tuple(status.value for status in FeedOrderStatus)
# A Literal for the schema docs/feed.md is rendered from; it must name the enum's values.
OrderStatusName = Literal["placed", "shipped", "confirmed", "settled", "refunded"]
assert get_args(OrderStatusName) == ORDER_STATUSES


class OrderRecord(FeedRecord):
    """One status event of an order: placed (the buyer paid), shipped (发货), confirmed (确认收货,
    the buyer received it), settled (结算, the money paid to the seller), refunded (full or
    partial)."""

    type: Literal["order"]
    order_id: PlatformId = Field(description="the platform's order id")
    shop_id: PlatformId = Field(description="the platform's id of the shop that sold it (sent before)")
    status: OrderStatusName = Field(description="placed, shipped, confirmed, settled or refunded")
    amount: Amount = Field(description="the order's amount in CNY: more than 0, at most 2 decimals; "
                                       "the same in every event of the order")
    refund_amount: Figure | None = Field(default=None, description="refunded only, and there required: the "
                                         "amount refunded, more than 0 and at most the order's amount")
    buyer: str = Field(default="", max_length=64, description="the buyer's platform nickname (optional)")

    @model_validator(mode="after")
    def _refund(self) -> OrderRecord:
        if self.status == FeedOrderStatus.REFUNDED:
            if self.refund_amount is None:
                raise ValueError("refund_amount: is required when the status is refunded")
            if self.refund_amount <= 0:
                raise ValueError(f"refund_amount: {self.refund_amount} must be greater than zero")
            if self.refund_amount > self.amount:
                raise ValueError(f"refund_amount: {self.refund_amount} is more than the order's "
                                 f"amount {self.amount}")
        elif self.refund_amount is not None:
            raise ValueError("refund_amount: is only given when the status is refunded")
        return self


class DailySalesRecord(FeedRecord):
    """A shop's figures for one day (a later event for the same shop and day replaces them)."""

    type: Literal["daily_sales"]
    shop_id: PlatformId = Field(description="the platform's shop id (sent before)")
    day: date = Field(description="the day the figures are for")
    gmv: Figure = Field(description="gross merchandise value of the day, CNY, at most 2 decimals")
    orders: Count = Field(description="orders placed that day")
    refunds: Figure = Field(description="amount refunded that day, CNY, at most 2 decimals")
    buyers: Count = Field(default=0, description="distinct buyers")
    repeat_buyers: Count = Field(default=0, description="buyers who had bought before")
    disputes: Count = Field(default=0, description="disputes opened that day")


class BehaviourRecord(FeedRecord):
    """A shop's platform behaviour for one month, the metrics the scorecard reads (rules §6.2);
    a later event for the same shop and month replaces them."""

    type: Literal["behaviour"]
    shop_id: PlatformId = Field(description="the platform's shop id (sent before)")
    month: date = Field(description="the month, as its first day (2026-03-01)")
    login_days: int = Field(ge=0, le=31, description="days the seller logged in")
    ad_spend: Figure = Field(description="advertising spend, CNY")
    community_posts: Count = Field(description="posts in the seller community")
    favourites: Count = Field(description="times buyers saved the shop")
    reviews: Count = Field(description="buyer reviews")
    positive_reviews: Count = Field(description="positive buyer reviews (at most reviews)")
    shop_rating: Decimal = Field(ge=0, le=5, decimal_places=2,
                                 description="the shop's rating, 0.00 to 5.00 stars")
    complaints: Count = Field(description="buyer complaints")

    @model_validator(mode="after")
    def _consistent(self) -> BehaviourRecord:
        if self.month.day != 1:
            raise ValueError(f"month: {self.month} is not the first day of a month")
        if self.positive_reviews > self.reviews:
            raise ValueError(f"positive_reviews: {self.positive_reviews} is more than "
                             f"reviews ({self.reviews})")
        return self


RECORD_TYPES: dict[str, type[FeedRecord]] = {
    "seller": SellerRecord, "shop": ShopRecord, "order": OrderRecord,
    "daily_sales": DailySalesRecord, "behaviour": BehaviourRecord,
}
