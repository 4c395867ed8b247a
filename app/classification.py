"""Five-category loan classification 五级分类 and the loan-loss allowance 贷款损失准备 (rules §13).

Pure: the categories, the category of a days-past-due figure with its floors, and the required
allowance of a category. The thresholds and rates are `LendingConfig.classification_dpd` and
`allowance_rates` (admin settings: the services pass the `effective_config` in force). End of
day classifies the whole book with the SQL CASE built from the same `category_bounds`
(`app.services.end_of_day.classify_sql`).
"""

from __future__ import annotations

import enum
from decimal import Decimal

from app.config import LendingConfig
from app.money import round_fen


class Category(enum.IntEnum):
    """Worse is higher; a floor is a minimum category."""

    PASS = 0  # 正常
    SPECIAL_MENTION = 1  # 关注
    SUBSTANDARD = 2  # 次级
    DOUBTFUL = 3  # 可疑
    LOSS = 4  # 损失

    @property
    def code(self) -> str:
        return self.name.lower()


CHINESE = {Category.PASS: "正常", Category.SPECIAL_MENTION: "关注", Category.SUBSTANDARD: "次级",
           Category.DOUBTFUL: "可疑", Category.LOSS: "损失"}
NON_PERFORMING = (Category.SUBSTANDARD, Category.DOUBTFUL, Category.LOSS)  # 不良: 次级 + 可疑 + 损失
WARNED_FLOOR = Category.SPECIAL_MENTION  # a seller under warning or recall
RESTRUCTURED_FLOOR = Category.SUBSTANDARD  # a recovery-plan loan until its on-time streak lifts it
COVERAGE_MINIMUM = Decimal("1.50")  # 拨备覆盖率 ≥ 150 %
PROVISION_RATIO_MINIMUM = Decimal("0.025")  # 贷款拨备率 ≥ 2.5 %


def category_bounds(cfg: LendingConfig) -> tuple[tuple[int, Category], ...]:
    """(the highest DPD in it, category) of every category but 损失, in order."""
    return tuple(zip(cfg.classification_dpd, list(Category)[:4], strict=True))


def category_of(dpd: int, cfg: LendingConfig, floor: Category = Category.PASS) -> Category:
    """The category of a loan `dpd` days past due, never better than `floor`."""
    by_dpd = next((category for high, category in category_bounds(cfg) if dpd <= high), Category.LOSS)
    return max(by_dpd, floor)


def required_allowance(balance: Decimal, category: Category, cfg: LendingConfig) -> Decimal:
    """The allowance a category's balance requires: balance × rate, half-up to the fen."""
    return round_fen(balance * cfg.allowance_rates[category])


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator ÷ denominator to 4 places (a share: 1.5000 = 150 %); None when nothing to divide by."""
    if not denominator:
        return None
    return (numerator / denominator).quantize(Decimal("0.0001"))
