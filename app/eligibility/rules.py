"""The hard eligibility rules of rules §6.1, one small function each.

Each returns None when the seller passes, or an `Ineligible` reason a seller
can read (a catalogue `Text`). `check_eligibility` runs them all and reports
every failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.dates import add_months
from app.eligibility.resident_id import age_on, birth_date_of
from app.errors import InvalidResidentId
from app.i18n import Text, text

MIN_AGE, MAX_AGE = 18, 62
MIN_TENURE_MONTHS = 6


@dataclass(frozen=True)
class Ineligible:
    code: str
    message: Text


@dataclass(frozen=True)
class EligibilityFacts:
    """What the rules look at, gathered by the assessment service."""

    on: date
    resident_id: str
    real_name_verified: bool
    member_since: date  # the earliest of the seller's shops
    blacklisted: bool
    has_overdue_loan: bool


def resident_id_and_age(facts: EligibilityFacts) -> Ineligible | None:
    try:
        born = birth_date_of(facts.resident_id)
    except InvalidResidentId as exc:
        # "resident_id.length" → "eligibility.resident_id.length": the same reason as a sentence
        return Ineligible("resident_id", text(f"eligibility.{exc.reason.key}", **exc.reason.params))
    age = age_on(born, facts.on)
    if not MIN_AGE <= age <= MAX_AGE:
        return Ineligible("age", text("eligibility.age", min_age=MIN_AGE, max_age=MAX_AGE, age=age))
    return None


def real_name(facts: EligibilityFacts) -> Ineligible | None:
    if facts.real_name_verified:
        return None
    return Ineligible("real_name", text("eligibility.real_name"))


def tenure(facts: EligibilityFacts) -> Ineligible | None:
    eligible_from = add_months(facts.member_since, MIN_TENURE_MONTHS)
    if facts.on >= eligible_from:
        return None
    return Ineligible("tenure", text("eligibility.tenure", months=MIN_TENURE_MONTHS,
                                     opened=facts.member_since.isoformat(),
                                     eligible_from=eligible_from.isoformat()))


def not_blacklisted(facts: EligibilityFacts) -> Ineligible | None:
    if not facts.blacklisted:
        return None
    return Ineligible("blacklisted", text("eligibility.blacklisted"))


def nothing_overdue(facts: EligibilityFacts) -> Ineligible | None:
    if not facts.has_overdue_loan:
        return None
    return Ineligible("overdue", text("eligibility.overdue"))


RULES = (resident_id_and_age, real_name, tenure, not_blacklisted, nothing_overdue)


def check_eligibility(facts: EligibilityFacts) -> list[Ineligible]:
    """Every failing rule, in a fixed order; empty when eligible."""
    return [reason for rule in RULES if (reason := rule(facts)) is not None]
