"""Demo resident IDs (GB 11643, ISO 7064 MOD 11-2) and demo identities."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.demo.identity import REGIONS, random_birth, random_mobile, resident_id
from app.demo.platform import build_specs
from app.eligibility.resident_id import age_on, birth_date_of


def mod11_2(first17: str) -> str:
    """The check character computed here from the standard's definition, independently of
    the code under test: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11."""
    total = sum(int(digit) * pow(2, 17 - i, 11) for i, digit in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def test_the_known_valid_id_is_reproduced():
    assert mod11_2("11010519491231002") == "X"
    assert resident_id("110105", date(1949, 12, 31), 2) == "11010519491231002X"


@given(region=st.sampled_from(REGIONS), birth=st.dates(date(1930, 1, 1), date(2010, 12, 31)),
       seq=st.integers(0, 999))
def test_generated_ids_carry_their_parts_and_a_correct_check_digit(region, birth, seq):
    value = resident_id(region, birth, seq)
    assert len(value) == 18
    assert value[:6] == region
    assert value[6:14] == birth.strftime("%Y%m%d")
    assert value[14:17] == f"{seq:03d}"
    assert value[17] == mod11_2(value[:17])
    assert birth_date_of(value) == birth  # the eligibility rules accept it


@pytest.mark.parametrize("position", range(17))
def test_any_single_mistyped_digit_breaks_the_check(position):
    value = resident_id("330106", date(1988, 2, 29), 123)
    for replacement in "0123456789":
        if replacement != value[position]:
            tampered = value[:position] + replacement + value[position + 1:]
            assert mod11_2(tampered[:17]) != tampered[17]


@pytest.mark.parametrize("region, seq", [("11010", 1), ("1101x5", 1), ("110105", -1), ("110105", 1000)])
def test_bad_parts_are_refused(region, seq):
    with pytest.raises(ValueError):
        resident_id(region, date(1990, 1, 1), seq)


@pytest.mark.parametrize("on", [date(2026, 11, 28), date(2028, 2, 29), date(2027, 1, 1), date(2026, 12, 31)])
def test_random_births_give_ages_in_range(on):
    rng = random.Random(1)
    for _ in range(500):
        assert 25 <= age_on(random_birth(rng, on, 25, 55), on) <= 55


def test_mobile_numbers_look_like_mainland_mobiles():
    rng = random.Random(3)
    for _ in range(100):
        number = random_mobile(rng)
        assert len(number) == 11 and number.isdigit() and number[0] == "1"


def test_every_demo_seller_has_a_unique_valid_id_and_an_age_of_25_to_55():
    today = date(2026, 11, 28)
    specs = build_specs(7, today)
    ids = [spec.resident_id for spec in specs]
    assert len(set(ids)) == len(ids)
    for value in ids:
        assert value[17] == mod11_2(value[:17])
        assert 25 <= age_on(birth_date_of(value), today) <= 55
