"""The application's declared financials and questionnaire (rules §6.2 items 5-6).

`validate_application` turns what a seller typed into a `DeclaredFinancials`
or raises `InvalidApplication` listing every problem; `prefill` proposes the
figures the platform already knows, so the form takes under 3 minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from app.errors import LendingError
from app.money import ZERO, round_fen
from app.scoring.features import PlatformFeatures

QUESTIONNAIRE = (
    "I keep my business accounts separate from my personal money.",
    "I plan my stock at least a month ahead.",
    "When sales drop, I cut costs before I borrow.",
    "I know my profit margin on my best-selling products.",
    "I pay my suppliers on the agreed day.",
    "I would rather grow slowly than borrow heavily.",
)


class InvalidApplication(LendingError):
    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class TopCustomer:
    since: date
    sales_share_pct: Decimal


@dataclass(frozen=True)
class DeclaredFinancials:
    annual_sales: Decimal
    operating_cost: Decimal
    net_margin_pct: Decimal
    inventory: Decimal
    total_assets: Decimal
    total_liabilities: Decimal
    receivables: Decimal
    platform_share_pct: Decimal  # share of sales made on the platform
    top_customers: tuple[TopCustomer, ...] = ()
    questionnaire: tuple[int, ...] = ()  # answers 1-5, optional

    def snapshot(self) -> dict:
        return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in self.__dict__.items()
                if k not in ("top_customers", "questionnaire")} | {
            "top_customers": [{"since": c.since.isoformat(), "sales_share_pct": str(c.sales_share_pct)}
                              for c in self.top_customers],
            "questionnaire": list(self.questionnaire)}


MONEY_FIELDS = ("annual_sales", "operating_cost", "inventory", "total_assets", "total_liabilities",
                "receivables")
LABELS = {"annual_sales": "Annual sales", "operating_cost": "Operating cost", "inventory": "Inventory",
          "total_assets": "Total assets", "total_liabilities": "Total liabilities",
          "receivables": "Receivables", "net_margin_pct": "Net margin",
          "platform_share_pct": "Platform share"}


def _number(raw, label: str, problems: list[str]) -> Decimal:
    try:
        value = Decimal(str(raw).replace(",", "").strip())
        if not value.is_finite():
            raise InvalidOperation
        return value
    except (InvalidOperation, ValueError):
        problems.append(f"{label}: “{raw}” is not a number.")
        return ZERO


def validate_application(form: dict, today: date) -> DeclaredFinancials:
    """Check every field; report all problems at once."""
    problems: list[str] = []
    values = {name: _number(form.get(name, ""), LABELS[name], problems) for name in LABELS}
    for name in MONEY_FIELDS:
        if values[name] < 0:
            problems.append(f"{LABELS[name]} cannot be negative.")
        values[name] = round_fen(values[name])
    if not Decimal(-100) <= values["net_margin_pct"] <= 100:
        problems.append("Net margin is a percentage between -100 and 100.")
    if not 0 <= values["platform_share_pct"] <= 100:
        problems.append("Platform share is a percentage between 0 and 100.")
    customers = tuple(_customer(c, k, today, problems)
                      for k, c in enumerate(form.get("top_customers", ()), 1))
    if sum(c.sales_share_pct for c in customers) > 100:
        problems.append("The largest customers' shares add up to more than 100 %.")
    answers = tuple(form.get("questionnaire", ()))
    if any(a not in (1, 2, 3, 4, 5) for a in answers) or len(answers) not in (0, len(QUESTIONNAIRE)):
        problems.append(f"Answer all {len(QUESTIONNAIRE)} questionnaire questions with 1-5, or none.")
    if problems:
        raise InvalidApplication(problems)
    return DeclaredFinancials(**values, top_customers=customers, questionnaire=answers)


def _customer(raw: dict, k: int, today: date, problems: list[str]) -> TopCustomer:
    share = _number(raw.get("sales_share_pct", ""), f"Customer {k} share", problems)
    if not 0 <= share <= 100:
        problems.append(f"Customer {k} share is a percentage between 0 and 100.")
    since = raw.get("since")
    if not isinstance(since, date):
        problems.append(f"Customer {k}: give the date the relationship started.")
        since = today
    elif since > today:
        problems.append(f"Customer {k}: the relationship cannot start in the future ({since.isoformat()}).")
    return TopCustomer(since, share)


def prefill(features: PlatformFeatures) -> dict:
    """What the platform knows: yearly sales from the last 6 months, all on the platform."""
    annual = round_fen(features.average_monthly_sales * 12)
    return {"annual_sales": str(annual), "operating_cost": "", "net_margin_pct": "", "inventory": "",
            "total_assets": "", "total_liabilities": "", "receivables": "", "platform_share_pct": "100",
            "top_customers": [], "questionnaire": []}
