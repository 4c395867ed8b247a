"""Portal texts of issue #9 item 14: singular forms, band names, equal figures, the lockout time,
agreement versions by date."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from app.agreements import agreement_version_on
from app.i18n import counted, translate
from app.scoring.explain import _side_by_side
from app.texts import CATALOGUE


def test_a_count_of_one_reads_in_the_singular():
    assert translate(counted("book.advanced", 1), date="2026-11-29") == (
        "Ran 1 day; the business date is now 2026-11-29.")
    assert translate(counted("book.advanced", 2), n=2, date="2026-11-30").startswith("Ran 2 days")
    assert translate(counted("order.chosen", 1)) == "1 order chosen"
    assert translate(counted("order.chosen", 3), n=3) == "3 orders chosen"
    for key in CATALOGUE:  # every singular has its plural, and both languages
        if key.endswith(".one"):
            assert key.removesuffix(".one") in CATALOGUE and all(CATALOGUE[key])


def test_the_declined_and_review_bands_have_names_in_both_languages():
    assert CATALOGUE["band.DECLINE"] == ("Declined", "未通过")
    assert CATALOGUE["band.REVIEW"] == ("Manual review", "人工审核")


def test_figures_that_read_the_same_are_never_above_or_below():
    # 0.2512 and 0.2488 both read "0.25": one more digit tells them apart
    assert _side_by_side("ad_intensity", Decimal("0.2512"), Decimal("0.2488"), None) == ("0.251", "0.249",
                                                                                         "above")
    mine, typical, side = _side_by_side("ad_intensity", Decimal("0.25"), Decimal("0.25"), None)
    assert (mine, typical, side) == ("0.25", "0.25", "same")
    assert "same as" in translate("reason.same_as_typical", mine=mine, typical=typical)


def test_the_lockout_time_is_shanghai_time():
    from app.services.accounts.signin import _locked

    locked = _locked(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    assert "17:00 (UTC+8)" in locked.render("en") and "UTC)" not in locked.render("en")


def test_a_draw_accepts_the_agreement_version_of_its_date():
    assert agreement_version_on(date(2025, 6, 1)) == "2025-01"
    assert agreement_version_on(date(2026, 3, 2)) == "2026-01"
    assert agreement_version_on(date(2026, 11, 28)) == "2026-11"
    assert agreement_version_on(date(2024, 1, 1)) == "2025-01"
