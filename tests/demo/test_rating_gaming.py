"""Self-declared answers cannot buy a better rating on the demo platform
(rules §6.2 items 5-6; issue #8 item 13, "gaming the rating").

For every seller, the decision with the most favourable application anyone could
type — the pre-filled sales or sales typed just above them, low leverage, a
consistent margin, no large customer, every questionnaire answer 5 — is compared
with the decision on platform data alone."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from app.config import DEFAULT_CONFIG, DecisionStatus
from app.money import round_fen
from app.scoring.application import QUESTIONNAIRE, prefill, validate_application
from app.scoring.decision import Assessment, assess
from app.scoring.features import PlatformFeatures
from app.scoring.scorecard import load_scorecard
from app.scoring.self_declared import CAP_KEY
from app.services.access.actor import SELLER, Actor
from app.services.credit.assessment import apply_for_credit, eligibility_facts
from app.services.credit.features import platform_features
from app.services.store.settings import business_date
from db.engine import session_scope
from db.models import CreditDecision, User
from tests.demo.conftest import using

RANK = ("DECLINE", "REVIEW", "BB", "BBB", "A", "AA", "AAA")  # worst first


@dataclass(frozen=True)
class Outcome:
    seller_id: int
    eligible: bool
    plain: Assessment  # platform data only
    best: Assessment  # with the most favourable declarations
    form: dict  # those declarations, as typed

    @property
    def moved_up(self) -> bool:
        return RANK.index(self.best.band) > RANK.index(self.plain.band)

    @property
    def change(self) -> int:
        return self.best.score - self.plain.score


def favourable_forms(f: PlatformFeatures) -> list[dict]:
    """The declarations that score best: the pre-filled sales, and sales typed 1 % above them."""
    answers = [5] * len(QUESTIONNAIRE)
    prefilled = prefill(f)
    shown = Decimal(prefilled["annual_sales"].replace(",", ""))  # pre-filled as typed: 1,234.56 (issue #9)
    typed = str(round_fen(shown * Decimal("1.01")))
    forms = []
    for annual in (prefilled["annual_sales"], typed):
        sales = Decimal(annual.replace(",", ""))
        cost = str(round_fen(sales * Decimal("0.8")))
        forms.append({**prefilled, "annual_sales": annual, "operating_cost": cost, "net_margin_pct": "20",
                      "inventory": "0", "total_assets": str(max(sales, Decimal(1))),
                      "total_liabilities": "0", "receivables": "0", "top_customers": [],
                      "questionnaire": answers})
    return forms


def population(session: Session) -> list[Outcome]:
    """Every seller's decision without an application and with the best one, as of today."""
    today = business_date(session)
    features = platform_features(session, today)
    facts = eligibility_facts(session, today, list(features))
    card, cfg = load_scorecard(), DEFAULT_CONFIG
    result = []
    for seller_id in sorted(features):
        f, x = features[seller_id], facts[seller_id]
        plain = assess(card, cfg, x, f)
        applied = [(assess(card, cfg, x, f, validate_application(form, today)), form)
                   for form in favourable_forms(f)]
        best, form = max(applied, key=lambda pair: pair[0].score)
        result.append(Outcome(seller_id, plain.status != DecisionStatus.INELIGIBLE, plain, best, form))
    return result


@pytest.fixture(scope="module")
def outcomes(demo_db) -> list[Outcome]:
    with session_scope() as session:
        return population(session)


def test_the_best_declarations_never_move_a_seller_up_a_band_or_status(outcomes):
    assert len(outcomes) == 166
    moved = [(o.seller_id, o.plain.band, o.best.band) for o in outcomes if o.moved_up]
    assert moved == []
    assert all(o.best.status == o.plain.status for o in outcomes)


def test_the_best_declarations_still_raise_scores_within_their_band(outcomes):
    """Positive points are capped, not removed: the cap matters only near a band's top."""
    assert any(o.change > 0 for o in outcomes)
    assert capped(outcomes) and all(o.best.band == o.plain.band for o in capped(outcomes))


def capped(outcomes: list[Outcome]) -> list[Outcome]:
    return [o for o in outcomes if CAP_KEY in {c.key for c in o.best.contributions}]


def test_an_application_in_manual_review_stays_there_and_its_decision_stores_the_cap(outcomes, demo_copy):
    case = next(o for o in capped(outcomes) if o.plain.status == DecisionStatus.MANUAL_REVIEW)
    with using(demo_copy):
        with session_scope() as session:  # the seller's own login: an actor always carries one
            user_id = session.exec(select(User.id).where(User.seller_id == case.seller_id)).first()
        decision = apply_for_credit(Actor(user_id, SELLER, case.seller_id), seller_id=case.seller_id,
                                    form=case.form)
        with session_scope() as session:
            reasons = json.loads(session.get(CreditDecision, decision.id).reasons_json)
    assert (decision.status, decision.band, decision.credit_limit) == ("manual_review", "REVIEW", 0)
    assert Decimal(reasons["points"][CAP_KEY]) < 0
    assert Decimal(reasons["points"]["questionnaire"]) == 10
