"""Self-declared answers confirm but do not lift a rating (rules §6.2 items 5-6;
issue #8 item 13): both sides of every cut-off, and negatives still lower."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from app.config import DEFAULT_CONFIG, DecisionStatus
from app.i18n import translate
from app.scoring.application import validate_application
from app.scoring.decision import assess
from app.scoring.self_declared import CAP_KEY, band_top
from tests.unit.test_scorecard import FORM, TODAY, facts_ok, features, score_of

# Typed sales that agree with the platform (+10), every questionnaire answer 5 (+10),
# low leverage, a consistent margin, a small largest customer: +20, the most there is.
BEST = {**FORM, "annual_sales": "630000", "operating_cost": "504000", "platform_share_pct": "95",
        "questionnaire": [5] * 6}
CUTOFFS = (580, 600, 650, 700, 750, 800)  # manual review, BB, BBB, A, AA, AAA
WIDE = (580, 650, 700, 750, 800)  # the cut-offs with more than 21 points below them in one band (not BB's)


def rated(score: int, form: dict | None = None):
    """The decision for a seller whose platform data alone score `score` (exactly score + 0.27 points)."""
    declared = validate_application(form, TODAY) if form is not None else None
    return assess(score_of(score), DEFAULT_CONFIG, facts_ok(), features(), declared)


def cap_points(result) -> D:
    return next((c.points for c in result.contributions if c.key == CAP_KEY), D(0))


def test_the_best_answers_are_worth_twenty_points_where_nothing_caps_them():
    assert rated(620, BEST).score == rated(620).score + 20 == 640
    assert cap_points(rated(620, BEST)) == 0


@pytest.mark.parametrize("cutoff", CUTOFFS)
def test_a_seller_just_below_a_cutoff_with_the_best_answers_stays_below_it(cutoff):
    plain, best = rated(cutoff - 1), rated(cutoff - 1, BEST)
    assert (best.score, best.band, best.status) == (cutoff - 1, plain.band, plain.status)
    assert cap_points(best) == D(-20)  # no room left in the band: every declared point is taken back


@pytest.mark.parametrize("cutoff", WIDE)
def test_a_seller_twenty_two_below_a_cutoff_gets_all_twenty_points(cutoff):
    best = rated(cutoff - 22, BEST)  # 0.27 + 20 = 20.27 points: one below the top of the band
    assert best.score == cutoff - 2 and cap_points(best) == 0


@pytest.mark.parametrize("cutoff", WIDE)
def test_a_seller_twenty_one_below_a_cutoff_is_capped_at_the_top_of_the_band(cutoff):
    plain, best = rated(cutoff - 21), rated(cutoff - 21, BEST)
    assert (best.score, best.band, best.status) == (cutoff - 1, plain.band, plain.status)
    assert cap_points(best).quantize(D("0.01")) == D("-0.27")


@pytest.mark.parametrize("cutoff", (600, 650, 700, 750, 800))
def test_a_seller_at_a_cutoff_keeps_the_answers_points_within_the_band(cutoff):
    best = rated(cutoff, BEST)
    assert best.score == cutoff + 20 and best.band == rated(cutoff).band and cap_points(best) == 0


def test_manual_review_is_twenty_points_wide_so_its_floor_is_capped_at_599():
    best = rated(580, BEST)
    assert (best.score, best.status, best.band) == (599, DecisionStatus.MANUAL_REVIEW, "REVIEW")


def test_the_best_answers_never_take_a_declined_or_review_seller_to_approved():
    for score in range(560, 600):
        assert rated(score, BEST).status == rated(score).status


def test_the_top_band_is_capped_at_the_maximum_score():
    assert rated(945, BEST).score == 950 and rated(960, BEST).score == 950


def test_inconsistent_declarations_still_lower_a_seller_at_the_top_of_its_band():
    inflated = {**BEST, "annual_sales": "1500000", "operating_cost": "1200000", "platform_share_pct": "100"}
    # −80 × ln(1,500,000 / 600,000) = −73.30; the questionnaire's +10 is taken back by the cap
    result = rated(699, inflated)
    assert result.score == 699 - 73 and result.band == "BB"
    assert "declared_sales" in [c.key for c in result.reasons_down]


def test_poor_questionnaire_answers_still_lower_the_score():
    assert rated(699, {**BEST, "questionnaire": [1] * 6}).score == 699 - 10 + 0  # sales' +10 capped
    assert rated(620, {**BEST, "questionnaire": [1] * 6}).score == 620 - 10 + 10


def test_the_cap_is_a_stored_reason_that_reads_in_english_and_chinese():
    best = rated(649, BEST)
    cap = next(c for c in best.contributions if c.key == CAP_KEY)
    assert cap in best.reasons_down
    assert cap.text.params == {"capped": "20", "points": "20"}
    english, chinese = (translate(cap.text.key, lang, **cap.text.params) for lang in ("en", "zh"))
    assert "20 of their 20 points are not counted" in english
    assert "其 20 分中有 20 分不计入" in chinese


@pytest.mark.parametrize(("score", "top"), [
    (350, 579), (579, 579), (580, 599), (599, 599), (600, 649), (649, 649), (650, 699), (799, 799),
    (800, 950), (950, 950),
])
def test_the_top_of_a_band_is_one_below_the_next_cutoff(score, top):
    assert band_top(DEFAULT_CONFIG, score) == top


def test_the_distance_below_the_cutoff_is_configurable():
    scoring = replace(DEFAULT_CONFIG.scoring, self_declared_margin_below_cutoff=5)
    wider = replace(DEFAULT_CONFIG, scoring=scoring)
    assert band_top(wider, 600) == 645
