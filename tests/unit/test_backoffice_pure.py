"""The pure pieces of the back office: DPD buckets (rules §7) and the population stability index."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.config import DEFAULT_CONFIG
from app.dpd import bucket_labels, bucket_names, dpd_bucket
from app.scoring.stability import psi, score_bins, stability


@pytest.mark.parametrize(("dpd", "bucket"), [(-3, "current"), (0, "current"), (1, "1-30"), (30, "1-30"),
                                             (31, "31-60"), (60, "31-60"), (61, "61-90"), (90, "61-90"),
                                             (91, ">90"), (400, ">90")])
def test_dpd_buckets_follow_the_rules(dpd, bucket):
    assert dpd_bucket(dpd) == bucket
    assert bucket_labels() == ("1-30", "31-60", "61-90", ">90")
    assert bucket_names() == ("current", *bucket_labels())


def test_the_psi_bins_are_the_rating_bands():
    assert score_bins(DEFAULT_CONFIG) == [("<580", 350), ("580-599", 580), ("600-649", 600), ("650-699", 650),
                                          ("700-749", 700), ("750-799", 750), ("≥800", 800)]


def test_psi_is_zero_for_the_same_distribution_and_the_textbook_sum_otherwise():
    same = stability([500, 610, 720, 810], [505, 640, 730, 900], DEFAULT_CONFIG)
    assert psi(same) == 0
    bins = stability([610, 610, 720, 720], [610, 720, 720, 720], DEFAULT_CONFIG)
    e, a = Decimal("0.5"), Decimal("0.25")
    expected = (a - e) * (a / e).ln() + (e + a - e) * ((e + a) / e).ln()
    assert psi(bins) == pytest.approx(expected)
    empty = stability([610], [810], DEFAULT_CONFIG)  # empty bins count as 0.0001
    floor = Decimal("0.0001")
    assert psi(empty) == pytest.approx(2 * (1 - floor) * (1 / floor).ln())
