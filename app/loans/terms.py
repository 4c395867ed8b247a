"""`LoanTerms`: what a draw is (product, repayment method, term), checked when built (rules §2).

Every place that takes a term — the draws, the draw quotes, the `quote`
command, the schedule builder and `new_loan` — takes a `LoanTerms`, so the
term rules are written once, here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.config import DEFAULT_CONFIG, LendingConfig, Product, RepaymentMethod
from app.errors import InvalidTerm
from app.i18n import text
from app.schedules.types import Period


@dataclass(frozen=True)
class LoanTerms:
    """An order loan runs `days` (1 to 30) by bullet; a credit loan runs `months`
    (1, 3, 6, 9 or 12) by any of the four methods. Refused terms raise `InvalidTerm`."""

    product: Product
    method: RepaymentMethod
    months: int | None = None
    days: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "product", _product(self.product))
        object.__setattr__(self, "method", _method(self.method))
        _check(self, DEFAULT_CONFIG)

    @classmethod
    def of(cls, method: RepaymentMethod | str, *, months: int | None = None,
           days: int | None = None) -> LoanTerms:
        """Terms in days are an order loan's, terms in months a credit loan's."""
        product = Product.ORDER if days is not None and months is None else Product.CREDIT
        return cls(product, method, months=months, days=days)

    @classmethod
    def credit(cls, method: RepaymentMethod | str, months: int) -> LoanTerms:
        return cls(Product.CREDIT, method, months=months)

    @classmethod
    def order(cls, days: int | None = None) -> LoanTerms:
        """An order loan: bullet, the full 30 days unless `days` is given."""
        return cls(Product.ORDER, RepaymentMethod.BULLET, days=DEFAULT_CONFIG.order_term_days
                   if days is None else days)

    def periods(self, start: date) -> list[Period]:
        """The interest periods of a loan on these terms drawn on `start` (rules §3)."""
        from app.schedules import loan_periods

        return loan_periods(self, start)


def _product(value: Product | str) -> Product:
    try:
        return Product(value)
    except ValueError:
        names = ", ".join(p.value for p in Product)
        raise InvalidTerm(text("draw.product.unknown", product=str(value), names=names)) from None


def _method(value: RepaymentMethod | str) -> RepaymentMethod:
    try:
        return RepaymentMethod(value)
    except ValueError:
        names = ", ".join(m.value for m in RepaymentMethod)
        raise InvalidTerm(text("draw.method.unknown", method=str(value), names=names)) from None


def _check(terms: LoanTerms, cfg: LendingConfig) -> None:
    if terms.product is Product.ORDER:
        if terms.method is not RepaymentMethod.BULLET:
            raise InvalidTerm(text("draw.term.order_method"))
        if terms.months is not None or not _is_int(terms.days) or not 1 <= terms.days <= cfg.order_term_days:
            raise InvalidTerm(text("draw.term.order_days", max_days=cfg.order_term_days))
        return
    if terms.days is not None or not _is_int(terms.months) or terms.months not in cfg.credit_term_months:
        months = ", ".join(map(str, cfg.credit_term_months))
        raise InvalidTerm(text("draw.term.credit_months", terms=months,
                               months="—" if terms.months is None else str(terms.months)))


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
