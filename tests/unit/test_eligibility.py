"""Hard eligibility (rules §6.1): resident ID, age boundaries, real name, tenure, blacklist, overdue."""

from __future__ import annotations

from datetime import date

import pytest

from app.eligibility.resident_id import age_on, birth_date_of, mask_resident_id
from app.eligibility.rules import EligibilityFacts, check_eligibility
from app.errors import InvalidResidentId


def with_check_digit(first17: str) -> str:
    """Independent MOD 11-2: check = (12 − Σ a_i·2^(17−i) mod 11) mod 11, 10 written X."""
    total = sum(int(a) * (2 ** (17 - i) % 11) for i, a in enumerate(first17))
    value = (12 - total % 11) % 11
    return first17 + ("X" if value == 10 else str(value))


def facts(resident_id=None, on=date(2026, 11, 28), **overrides) -> EligibilityFacts:
    resident_id = resident_id or with_check_digit("33010619900615123")  # aged 36
    base = dict(on=on, resident_id=resident_id, real_name_verified=True, member_since=date(2020, 1, 1),
                blacklisted=False, has_overdue_loan=False)
    return EligibilityFacts(**{**base, **overrides})


def test_the_standard_example_id_is_valid_and_gives_its_birth_date():
    assert birth_date_of("11010519491231002X") == date(1949, 12, 31)
    assert birth_date_of("11010519491231002x") == date(1949, 12, 31)  # lower-case x accepted


@pytest.mark.parametrize(("value", "reason"), [
    ("110105194912310021", "check digit"),  # last character changed from X
    ("11010519491231003X", "check digit"),  # a mistyped sequence digit
    (with_check_digit("11010519490230002"), "not a real birth date"),  # 30 February
    (with_check_digit("11010520230229002"), "not a real birth date"),  # 2023 is not a leap year
    (with_check_digit("11010519491331002"), "not a real birth date"),  # month 13
    (with_check_digit("81010519491231002"), "not a mainland province"),  # 81: Hong Kong
    (with_check_digit("16010519491231002"), "not a mainland province"),  # 16: unused
    ("1101051949123100", "18 characters"),
    ("11010519491231002Y", "check digit"),
    ("1101051949123100AX", "17 characters"),
])
def test_a_malformed_id_is_refused_with_its_reason(value, reason):
    with pytest.raises(InvalidResidentId, match=reason):
        birth_date_of(value)


def test_a_leap_day_birth_date_is_real():
    assert birth_date_of(with_check_digit("44030520000229123")) == date(2000, 2, 29)


def test_age_rises_on_the_birthday_and_a_leap_day_birthday_counts_on_28_february():
    assert age_on(date(2000, 6, 15), date(2018, 6, 14)) == 17
    assert age_on(date(2000, 6, 15), date(2018, 6, 15)) == 18
    assert age_on(date(2000, 2, 29), date(2018, 2, 27)) == 17
    assert age_on(date(2000, 2, 29), date(2018, 2, 28)) == 18  # common year
    assert age_on(date(2000, 2, 29), date(2020, 2, 28)) == 19  # leap year: the birthday is the 29th


BORN = with_check_digit("33010619900615123")  # born 1990-06-15


@pytest.mark.parametrize(("on", "age", "eligible"), [
    (date(2008, 6, 14), 17, False), (date(2008, 6, 15), 18, True),
    (date(2052, 6, 14), 61, True), (date(2052, 6, 15), 62, True),
    (date(2053, 6, 14), 62, True), (date(2053, 6, 15), 63, False),
])
def test_only_sellers_aged_18_to_62_inclusive_are_eligible(on, age, eligible):
    reasons = check_eligibility(facts(BORN, on=on, member_since=date(2000, 1, 1)))
    assert age_on(date(1990, 6, 15), on) == age
    assert (reasons == []) is eligible
    if not eligible:
        assert reasons[0].code == "age" and f"you are {age}" in str(reasons[0].message)


def test_a_shop_must_be_open_six_months():
    assert check_eligibility(facts(member_since=date(2026, 5, 28))) == []
    reasons = check_eligibility(facts(member_since=date(2026, 5, 29)))
    assert [r.code for r in reasons] == ["tenure"]
    assert "2026-11-29" in str(reasons[0].message)


def test_every_failing_rule_is_reported_not_only_the_first():
    reasons = check_eligibility(facts("110105194912310021", real_name_verified=False,
                                      member_since=date(2026, 9, 1), blacklisted=True,
                                      has_overdue_loan=True))
    assert [r.code for r in reasons] == ["resident_id", "real_name", "tenure", "blacklisted", "overdue"]


def test_an_id_is_masked_for_display():
    assert mask_resident_id("33010619900615123X") == "3301**********123X"
