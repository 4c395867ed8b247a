"""The seeded demo as data for the credit model (product §4, rules §6.2): enough
realised loans and bads, bads concentrated in low hidden quality, and platform
data dated before each draw that ranks the outcomes — well, but not perfectly.

`python -m app.demo.check` prints the same figures for any database.
"""

from __future__ import annotations

import numpy as np
import pytest

from app.demo.check import FEATURES, Check, auc, run_check


@pytest.fixture(scope="module")
def check(demo_db) -> Check:
    result = run_check()
    print("\n" + "\n".join(result.lines()))  # shown with -s: the figures of the report
    return result


def test_about_a_thousand_realised_loans_of_which_8_to_12_percent_bad(check):
    assert 900 <= check.realised <= 1300
    assert 0.08 <= check.bad_rate <= 0.12
    assert sum(d.loans for d in check.deciles) == check.realised
    assert sum(d.bads for d in check.deciles) == check.bads


def test_the_bad_rate_falls_steeply_with_quality(check):
    deciles = check.deciles
    assert deciles[0].bad_rate > 0.30
    assert check.top_half_bad_rate < 0.02
    assert deciles[0].bad_rate > deciles[2].bad_rate > deciles[5].bad_rate
    assert [d.quality_low for d in deciles] == sorted(d.quality_low for d in deciles)


def test_data_before_the_draw_ranks_outcomes_well_but_not_perfectly(check):
    assert 0.72 <= check.model_auc <= 0.90
    assert check.model_auc <= check.quality_auc + 0.02  # no look-ahead: not better than the truth
    for name in ("refund_rate", "dispute_rate", "complaint_rate", "positive_share", "shop_rating",
                 "repeat_share", "sales_volatility", "sales_trend", "login_days", "login_spread",
                 "on_time_loans"):
        assert 0.52 <= check.feature_auc[name] <= 0.85, name  # each carries the signal, none is a proxy
    assert set(check.feature_auc) == set(FEATURES)


def test_auc_counts_ties_as_half():
    bad = np.array([True, False, False, True])
    assert auc(np.array([1.0, 2.0, 3.0, 0.0]), bad) == 1.0
    assert auc(np.array([1.0, 1.0, 1.0, 1.0]), bad) == 0.5
