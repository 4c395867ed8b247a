"""Limit stability (issue #9 item 9; docs/scoring.md "Limit stability"): when nightly
pre-approval may replace the decision in force.

A seller plans on the limit they see, so a nightly re-rating moves it only for a reason they
are told: a change of band or status, or a change of the credit limit by more than
`limit_change_min_share` (20 %) — and at most once every `limit_change_min_days` (7) days.
Hard rules act at once: a new decision that is INELIGIBLE (blacklist, overdue, tenure, age,
real name) replaces the one in force the same night, and so does the first decision after
one (the rule that closed the limit no longer holds). An application the seller confirms
does not come here: it always applies.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from app.config import DecisionStatus, LendingConfig


@dataclass(frozen=True)
class Outcome:
    """The parts of a decision the rule compares."""

    status: str
    band: str
    score: int
    credit_limit: Decimal
    decided_on: date


def same_outcome(a: Outcome, b: Outcome) -> bool:
    """Whether two decisions say the same, whatever their dates."""
    return (a.status, a.band, a.score, a.credit_limit) == (b.status, b.band, b.score, b.credit_limit)


def replaces_decision_in_force(in_force: Outcome | None, new: Outcome, cfg: LendingConfig) -> bool:
    """Whether nightly pre-approval writes `new` over the decision `in_force`."""
    if in_force is None:
        return True
    same = same_outcome(in_force, new)
    if DecisionStatus.INELIGIBLE in (in_force.status, new.status):
        return not same  # hard rules act at once, both ways
    if same:
        return False
    if (new.decided_on - in_force.decided_on).days < cfg.limit_change_min_days:
        return False
    if (in_force.status, in_force.band) != (new.status, new.band):
        return True
    old = in_force.credit_limit
    if old == 0:
        return new.credit_limit != 0
    return abs(new.credit_limit - old) > old * cfg.limit_change_min_share


def waits_for_its_day(in_force: Outcome | None, new: Outcome, cfg: LendingConfig) -> bool:
    """Whether `new`, held back now, would replace `in_force` once `limit_change_min_days`
    have passed since it (a change too small to matter never would)."""
    if in_force is None or replaces_decision_in_force(in_force, new, cfg):
        return False
    day = in_force.decided_on + timedelta(days=cfg.limit_change_min_days)
    return replaces_decision_in_force(in_force, replace(new, decided_on=max(day, new.decided_on)), cfg)
