"""The scorecard, bands, limits and reasons as pure functions (rules §6.2, §6.3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from app.config import DEFAULT_CONFIG, DecisionStatus
from app.eligibility.rules import EligibilityFacts
from app.errors import InvalidApplication
from app.scoring.application import validate_application
from app.scoring.decision import assess, credit_limit_for
from app.scoring.features import PlatformFeatures
from app.scoring.scorecard import FactorWeight, Scorecard, load_scorecard, parse_scorecard
from app.scoring.transforms import FACTORS, factor_values
from tests.unit.test_eligibility import with_check_digit

APPROVED, MANUAL_REVIEW = DecisionStatus.APPROVED, DecisionStatus.MANUAL_REVIEW
DECLINED, INELIGIBLE = DecisionStatus.DECLINED, DecisionStatus.INELIGIBLE

TODAY = date(2026, 11, 28)


def features(monthly="50000", refunds="1500", gross="300000", **overrides) -> PlatformFeatures:
    base = dict(seller_id=1, as_of=TODAY, category="electronics", monthly_sales=(D(monthly),) * 6,
                orders=1200, buyers=1100, repeat_buyers=350, refunds=D(refunds), gross_sales=D(gross),
                disputes=3,
                tenure_months=48, real_name_verified=True, certified=True, login_days_per_month=D(25),
                ad_spend=D(9000), community_posts_per_month=D(4), favourites=300, reviews=800,
                positive_reviews=770, shop_rating=D("4.8"), complaints=2, loans_repaid_on_time=0,
                loans_repaid_late=0, loans_defaulted=0)
    return PlatformFeatures(**{**base, **overrides})


def refund_only_card(anchor: str = "700") -> Scorecard:
    """A card where only the refund rate counts: −1 log-odds per 1 % above a 3 % mean."""
    factors = tuple(FactorWeight(f.name, D(0), D(0), D(1)) for f in FACTORS if f.name != "refund_rate")
    refund = FactorWeight("refund_rate", D(-1), D("0.03"), D("0.01"))
    return Scorecard("test-1", D(19).ln(), (*factors, refund), D(anchor), D(19), D(40))


def facts_ok() -> EligibilityFacts:
    resident_id = with_check_digit("33010619900615123")
    return EligibilityFacts(TODAY, resident_id, True, date(2020, 1, 1), False, False)


def test_a_typical_seller_scores_the_anchor_and_each_factor_moves_it_by_its_points():
    card = refund_only_card()
    # refund rate 1,500 / 300,000 = 0.5 %: z = (0.005 − 0.03) / 0.01 = −2.5, weight −1 → +2.5 log-odds
    # points = 40 / ln 2 × 2.5 = 144.27; electronics has no industry points
    result = assess(card, DEFAULT_CONFIG, facts_ok(), features())
    assert result.score == 700 + 144
    assert result.reasons_up[0].key == "refund_rate"
    assert "0.5 %" in str(result.reasons_up[0].text) and "3.0 %" in str(result.reasons_up[0].text)


def test_a_high_refund_rate_is_named_as_a_reason_down_with_the_sellers_numbers():
    result = assess(refund_only_card(), DEFAULT_CONFIG, facts_ok(), features(refunds="23400"))  # 7.8 %
    assert result.reasons_down[0].key == "refund_rate"
    assert "7.8 %" in str(result.reasons_down[0].text) and "above" in str(result.reasons_down[0].text)
    assert any("lower refund rate" in str(tip) for tip in result.tips)


def test_the_same_data_and_model_version_give_the_same_score_and_reasons():
    card = load_scorecard()
    first = assess(card, DEFAULT_CONFIG, facts_ok(), features())
    again = assess(parse_scorecard(card.to_json()), DEFAULT_CONFIG, facts_ok(), features())
    assert first == again


def score_of(target: int) -> Scorecard:
    """A card that scores exactly `target` for features() (refund points are +144.27)."""
    return refund_only_card(anchor=str(target - 144))


@pytest.mark.parametrize(("score", "status", "band", "limit"), [
    (579, DECLINED, "DECLINE", "0"), (580, MANUAL_REVIEW, "REVIEW", "0"), (599, MANUAL_REVIEW, "REVIEW", "0"),
    (600, APPROVED, "BB", "50000"), (650, APPROVED, "BBB", "75000"), (700, APPROVED, "A", "100000"),
    (750, APPROVED, "AA", "125000"), (799, APPROVED, "AA", "125000"), (800, APPROVED, "AAA", "150000"),
])
def test_scores_map_to_bands_limits_and_manual_review(score, status, band, limit):
    result = assess(score_of(score), DEFAULT_CONFIG, facts_ok(), features())
    assert (result.score, result.status, result.band) == (score, status, band)
    assert result.credit_limit == D(limit)  # 50,000 a month × the band's multiple
    if status == MANUAL_REVIEW:
        assert result.proposed_credit_limit == D("50000")  # BB's limits if an officer approves


def test_credit_limits_round_down_to_a_thousand_and_stop_at_one_million():
    aa = DEFAULT_CONFIG.bands[1]
    assert credit_limit_for(DEFAULT_CONFIG, aa, D("12345.67")) == D("30000")  # 30,864.17 → 30,000
    assert credit_limit_for(DEFAULT_CONFIG, aa, D("399999.99")) == D("999000")  # 999,999.98 → 999,000
    assert credit_limit_for(DEFAULT_CONFIG, aa, D("500000")) == D("1000000")  # 1,250,000 capped


def test_an_ineligible_seller_gets_no_limits_whatever_the_score():
    result = assess(score_of(820), DEFAULT_CONFIG, replace(facts_ok(), blacklisted=True), features())
    assert result.status == INELIGIBLE and result.credit_limit == 0 and result.advance_rate == 0
    assert [r.code for r in result.ineligible] == ["blacklisted"]


def test_on_time_repayments_raise_the_score_and_defaults_lower_it():
    card = refund_only_card()
    base = assess(card, DEFAULT_CONFIG, facts_ok(), features()).score
    assert assess(card, DEFAULT_CONFIG, facts_ok(), features(loans_repaid_on_time=2)).score == base + 20
    assert assess(card, DEFAULT_CONFIG, facts_ok(), features(loans_repaid_on_time=9)).score == base + 30
    assert assess(card, DEFAULT_CONFIG, facts_ok(), features(loans_defaulted=1)).score == base - 120


FORM = {"annual_sales": "600000", "operating_cost": "480000", "net_margin_pct": "20", "inventory": "50000",
        "total_assets": "400000", "total_liabilities": "100000", "receivables": "20000",
        "platform_share_pct": "100", "top_customers": [{"since": date(2022, 1, 1), "sales_share_pct": "10"}],
        "questionnaire": [4, 4, 4, 4, 4, 4]}


def test_typed_sales_that_match_the_platform_raise_the_score_and_inflated_ones_lower_it():
    card = refund_only_card()
    plain = assess(card, DEFAULT_CONFIG, facts_ok(), features()).score
    typed = {**FORM, "annual_sales": "630000", "operating_cost": "504000", "platform_share_pct": "95"}
    honest = assess(card, DEFAULT_CONFIG, facts_ok(), features(), validate_application(typed, TODAY))
    # 630,000 × 95 % = 598,500 against 50,000 × 12 = 600,000 seen: +10, questionnaire mean 4: +5
    assert honest.score == plain + 15
    # the pre-filled figures sent back unchanged (600,000, 100 %) are free: only the questionnaire's +5
    prefilled = assess(card, DEFAULT_CONFIG, facts_ok(), features(), validate_application(FORM, TODAY))
    assert prefilled.score == plain + 5
    assert next(c.points for c in prefilled.contributions if c.key == "declared_sales") == 0
    inflated = assess(card, DEFAULT_CONFIG, facts_ok(), features(),
                      validate_application({**FORM, "annual_sales": "1500000", "operating_cost": "1200000"},
                                           TODAY))
    # declared 1,500,000 vs 600,000 seen: −80 × ln(2.5) = −73.30, then +5 for the questionnaire
    assert inflated.score == plain - 73 + 5
    assert any(c.key == "declared_sales" for c in inflated.reasons_down)
    assert "¥600,000.00" in str(next(c.text for c in inflated.reasons_down if c.key == "declared_sales"))


def test_an_application_with_bad_figures_lists_every_problem():
    bad = {**FORM, "inventory": "-1", "platform_share_pct": "120", "net_margin_pct": "abc",
           "top_customers": [{"since": date(2027, 1, 1), "sales_share_pct": "60"},
                             {"since": date(2020, 1, 1), "sales_share_pct": "50"}],
           "questionnaire": [1, 9]}
    with pytest.raises(InvalidApplication) as refused:
        validate_application(bad, TODAY)
    problems = " ".join(str(p) for p in refused.value.problems)
    for expected in ("Inventory cannot be negative", "Platform share", "Net margin", "in the future",
                     "more than 100 %", "questionnaire"):
        assert expected in problems


def test_factor_values_are_exact_decimals():
    values = factor_values(features())
    assert values["refund_rate"] == D("0.005")
    assert values["positive_review_rate"] == D(770) / D(800)
