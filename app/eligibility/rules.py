"""The hard eligibility rules of rules §6.1, one small function each.

Each returns None when the seller passes, or an `Ineligible` reason a seller
can read. `check_eligibility` runs them all and reports every failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.dates import add_months
from app.eligibility.resident_id import InvalidResidentId, age_on, birth_date_of

MIN_AGE, MAX_AGE = 18, 62
MIN_TENURE_MONTHS = 6


@dataclass(frozen=True)
class Ineligible:
    code: str
    message: str


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
        return Ineligible("resident_id", f"Your resident ID number is not valid: {exc}.")
    age = age_on(born, facts.on)
    if not MIN_AGE <= age <= MAX_AGE:
        return Ineligible("age", f"Loans are for sellers aged {MIN_AGE} to {MAX_AGE}; you are {age}.")
    return None


def real_name(facts: EligibilityFacts) -> Ineligible | None:
    if facts.real_name_verified:
        return None
    return Ineligible("real_name", "Your payment account is not real-name verified yet.")


def tenure(facts: EligibilityFacts) -> Ineligible | None:
    eligible_from = add_months(facts.member_since, MIN_TENURE_MONTHS)
    if facts.on >= eligible_from:
        return None
    return Ineligible("tenure", f"Your shop must be open {MIN_TENURE_MONTHS} months; it opened on "
                                f"{facts.member_since.isoformat()}, so you can apply from "
                                f"{eligible_from.isoformat()}.")


def not_blacklisted(facts: EligibilityFacts) -> Ineligible | None:
    if not facts.blacklisted:
        return None
    return Ineligible("blacklisted", "New loans are closed to you after a default; ask a risk officer "
                                     "about credit recovery.")


def nothing_overdue(facts: EligibilityFacts) -> Ineligible | None:
    if not facts.has_overdue_loan:
        return None
    return Ineligible("overdue", "You have an overdue payment; repay it first.")


RULES = (resident_id_and_age, real_name, tenure, not_blacklisted, nothing_overdue)


def check_eligibility(facts: EligibilityFacts) -> list[Ineligible]:
    """Every failing rule, in a fixed order; empty when eligible."""
    return [reason for rule in RULES if (reason := rule(facts)) is not None]
