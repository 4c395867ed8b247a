"""The credit rating on the demo platform lands where a lender expects (rules §6, product §4)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from app.config import DEFAULT_CONFIG
from app.scoring.decision import assess
from app.scoring.scorecard import load_scorecard
from app.services.credit.assessment import eligibility_facts
from app.services.credit.features import platform_features
from app.services.credit.model_report import model_report
from app.services.store.decision_records import latest_decision_row
from app.services.store.settings import business_date
from db.engine import session_scope
from db.models import Shop
from tests.demo.conftest import run_cli


def rate(shop_id: str, days_ago: int = 0):
    """The assessment of a shop's seller as of today − days_ago, without storing it."""
    with session_scope() as session:
        seller_id = session.get(Shop, shop_id).seller_id
        on = business_date(session) - timedelta(days=days_ago)
        features = platform_features(session, on, [seller_id])[seller_id]
        facts = eligibility_facts(session, on, [seller_id])[seller_id]
        return assess(load_scorecard(), DEFAULT_CONFIG, facts, features)


def test_the_strong_seller_is_rated_aa_or_aaa(demo_db):
    result = rate("SHOP0001")
    assert result.eligible and result.band in ("AA", "AAA") and result.credit_limit > 0


def test_the_new_shop_is_ineligible_because_of_tenure(demo_db):
    result = rate("SHOP0003")
    assert [r.code for r in result.ineligible] == ["tenure"]
    assert result.credit_limit == 0


def test_the_blacklisted_seller_is_ineligible(demo_db):
    result = rate("SHOP0006")
    assert "blacklisted" in [r.code for r in result.ineligible] and result.credit_limit == 0


def test_the_declining_seller_is_rated_lower_than_six_months_ago(demo_db):
    assert rate("SHOP0004").score < rate("SHOP0004", days_ago=182).score


def test_a_qualifying_seller_has_an_offer_without_applying(demo_db):
    with session_scope() as session:
        decision = latest_decision_row(session, session.get(Shop, "SHOP0001").seller_id)
    assert decision is not None and decision.source == "pre_approval" and decision.credit_limit_fen > 0


@pytest.fixture(scope="module")
def report(demo_db):
    with session_scope() as session:
        return model_report(session, load_scorecard(), DEFAULT_CONFIG)


def test_the_model_ranks_hold_out_outcomes_with_an_auc_of_at_least_075(report):
    assert report.holdout_bads >= 15  # enough bad loans for the figure to mean something
    assert report.holdout_auc >= 0.75
    assert 0 < report.holdout_ks <= 1


def test_the_bad_rate_never_rises_from_a_band_to_a_better_one(report):
    rates = [row.bad_rate for row in report.bands]  # best band first, decline last
    assert rates == sorted(rates)
    assert [row.band for row in report.bands][:2] == ["AAA", "AA"]


def test_the_report_prints_its_figures(report):
    printed = report.text()
    assert f"AUC {report.holdout_auc:.3f}" in printed and "bad rate" in printed


def test_assess_prints_the_decision_as_json(demo_copy):
    done = run_cli(demo_copy, "assess", "--seller", "SHOP0003", "--json")
    assert done.returncode == 0, done.stderr
    decision = json.loads(done.stdout)
    assert decision["eligible"] is False
    assert decision["failing_reasons"][0].startswith("Your shop must be open")
    assert set(decision) >= {"score", "band", "credit_limit", "order_limit", "reasons_up", "reasons_down",
                             "model_version"}
    missing = run_cli(demo_copy, "assess", "--seller", "NOSUCHSHOP", "--json")
    assert missing.returncode == 2 and missing.stdout == "" and "NOSUCHSHOP" in missing.stderr


def test_assess_all_rates_every_seller(demo_copy):
    done = run_cli(demo_copy, "assess", "--all")
    assert done.returncode == 0 and "rated 166 sellers" in done.stdout
    with session_scope() as session:
        assert session.exec(select(Shop)).first() is not None
