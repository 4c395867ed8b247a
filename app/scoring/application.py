"""The application's declared financials and questionnaire (rules §6.2 items 5-6).

`validate_application` turns what a seller typed into a `DeclaredFinancials`
or raises `InvalidApplication` listing every problem; `prefill` proposes the
figures the platform already knows, so the form takes under 3 minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from app.errors import InvalidApplication
from app.i18n import Text, text
from app.money import ZERO, round_fen
from app.scoring.features import PlatformFeatures

QUESTIONNAIRE: tuple[Text, ...] = (
    text("questionnaire.separate_accounts"),
    text("questionnaire.plan_stock"),
    text("questionnaire.cut_costs"),
    text("questionnaire.know_margin"),
    text("questionnaire.pay_suppliers"),
    text("questionnaire.grow_slowly"),
)


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
# Each field's name in a seller's words; its problems have their own catalogue
# entries, "application.<field>.not_a_number" / ".negative" / ".range".
LABELS: dict[str, Text] = {name: text(f"application.field.{name}") for name in (
    "annual_sales", "operating_cost", "inventory", "total_assets", "total_liabilities", "receivables",
    "net_margin_pct", "platform_share_pct")}


MAX_FIGURE = Decimal(10) ** 15  # larger declared figures are typing mistakes (and overflow the fen)


def _number(raw, not_a_number: str, problems: list[Text], **params) -> Decimal:
    """`raw` as a Decimal, or zero with the problem `not_a_number` (a catalogue key) noted."""
    shown = str(raw).strip()
    shown = shown if len(shown) <= 24 else shown[:24] + "…"
    try:
        value = Decimal(str(raw).replace(",", "").strip())
        if not value.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        problems.append(text(not_a_number, raw=shown, **params))
        return ZERO
    if abs(value) > MAX_FIGURE:
        problems.append(text("application.figure_too_large", raw=shown, max=f"{MAX_FIGURE:,}"))
        return ZERO
    return value


def validate_application(form: dict, today: date) -> DeclaredFinancials:
    """Check every field; report all problems at once."""
    if not _well_formed(form):
        raise InvalidApplication([text("application.form_invalid")])
    problems: list[Text] = []
    values = {name: _number(form.get(name, ""), f"application.{name}.not_a_number", problems)
              for name in LABELS}
    for name in MONEY_FIELDS:
        if values[name] < 0:
            problems.append(text(f"application.{name}.negative"))
        values[name] = round_fen(values[name])
    if not Decimal(-100) <= values["net_margin_pct"] <= 100:
        problems.append(text("application.net_margin_pct.range"))
    if not 0 <= values["platform_share_pct"] <= 100:
        problems.append(text("application.platform_share_pct.range"))
    customers = tuple(_customer(c, k, today, problems)
                      for k, c in enumerate(form.get("top_customers", ()), 1))
    if sum(c.sales_share_pct for c in customers) > 100:
        problems.append(text("application.customers.total_share"))
    answers = tuple(form.get("questionnaire", ()))
    if any(a not in (1, 2, 3, 4, 5) for a in answers) or len(answers) not in (0, len(QUESTIONNAIRE)):
        problems.append(text("application.questionnaire.incomplete", count=len(QUESTIONNAIRE)))
    if problems:
        raise InvalidApplication(problems)
    return DeclaredFinancials(**values, top_customers=customers, questionnaire=answers)


def _well_formed(form) -> bool:
    """A form as the page sends it: a dict, whose customers are a list of dicts and whose answers a list."""
    if not isinstance(form, dict):
        return False
    customers, answers = form.get("top_customers", ()), form.get("questionnaire", ())
    return (isinstance(customers, (list, tuple)) and all(isinstance(c, dict) for c in customers)
            and isinstance(answers, (list, tuple)))


def _customer(raw: dict, k: int, today: date, problems: list[Text]) -> TopCustomer:
    share = _number(raw.get("sales_share_pct", ""), "application.customer_share.not_a_number", problems, k=k)
    if not 0 <= share <= 100:
        problems.append(text("application.customer_share.range", k=k))
    since = raw.get("since")
    if not isinstance(since, date) or isinstance(since, datetime):
        problems.append(text("application.customer_since.missing", k=k))
        since = today
    elif since > today:
        problems.append(text("application.customer_since.future", k=k, since=since.isoformat()))
    return TopCustomer(since, share)


def prefilled_sales(features: PlatformFeatures) -> tuple[Decimal, Decimal]:
    """The annual sales and platform share (%) the form is pre-filled with: yearly sales
    from the last 6 months, all on the platform."""
    return round_fen(features.average_monthly_sales * 12), Decimal(100)


UNKNOWN_TO_PLATFORM = ("operating_cost", "net_margin_pct", "inventory", "total_assets", "total_liabilities")


def prefill(features: PlatformFeatures, *, receivables: Decimal | None = None,
            top_customers: tuple[TopCustomer, ...] = ()) -> dict:
    """What the platform knows, formatted as a person types it (`1,234.56`, dates as dates):
    the yearly sales and their platform share (`prefilled_sales`), the receivables it holds for
    the seller (shipped orders not yet settled and the platform balance) and the two largest
    buyers on the platform with their share of sales and first order. `unknown` lists the fields
    only the seller can fill in (costs, margin, stock, assets, liabilities)."""
    annual, share = prefilled_sales(features)
    form = {name: "" for name in UNKNOWN_TO_PLATFORM}
    form.update({"annual_sales": f"{annual:,.2f}", "platform_share_pct": f"{share:f}",
                 "receivables": "" if receivables is None else f"{receivables:,.2f}",
                 "top_customers": [{"sales_share_pct": f"{c.sales_share_pct:f}", "since": c.since}
                                   for c in top_customers],
                 "questionnaire": [], "unknown": list(UNKNOWN_TO_PLATFORM)})
    return form
