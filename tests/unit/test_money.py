"""Money as exact Decimal, rounded half-up to the fen (rules §1)."""

from decimal import Decimal

import pytest

from app.money import (
    InvalidAmount,
    floor_to,
    format_cny,
    format_daily_rate,
    from_fen,
    parse_amount,
    round_fen,
    to_fen,
    to_money,
)


@pytest.mark.parametrize(
    ("exact", "rounded"),
    [
        ("0.005", "0.01"),  # half a fen goes up, not to the even 0.00
        ("2.675", "2.68"),  # as a float 2.675 is 2.67499999…; as a Decimal it is exactly half
        ("2.665", "2.67"),  # banker's rounding would give 2.66
        ("0.0049999", "0.00"),
        ("90", "90.00"),
        ("-0.005", "-0.01"),  # half-up means away from zero for a negative amount too
    ],
)
def test_amounts_round_half_up_to_the_fen(exact, rounded):
    assert str(round_fen(Decimal(exact))) == rounded


def test_a_float_is_refused_as_money():
    with pytest.raises(TypeError):
        to_money(2.675)
    with pytest.raises(TypeError):
        round_fen(0.005)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1,234.56", "1234.56"),
        ("¥1234.5", "1234.50"),
        (" 100 ", "100.00"),
        ("1000000.00", "1000000.00"),
        (Decimal("0.01"), "0.01"),
        (250, "250.00"),
    ],
)
def test_parse_amount_accepts_what_a_person_types(typed, amount):
    assert str(parse_amount(typed)) == amount


@pytest.mark.parametrize(
    "typed",
    ["0", "0.00", "-1", "-0.01", "1.234", "0.001", "abc", "", "NaN", "sNaN", "Infinity", "-Infinity", "1e30"],
)
def test_parse_amount_refuses_what_is_not_a_positive_amount_in_fen(typed):
    with pytest.raises(InvalidAmount):
        parse_amount(typed)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("1_000", "is not an amount"),  # Decimal() would read 1000
        ("１０００", "is not an amount"),  # full-width digits: Decimal() would read 1000
        ("١٢٣", "is not an amount"),  # Arabic-Indic digits
        ("1e5", "is not an amount"),
        ("1,2,3", "is not an amount"),  # commas only as thousands separators
        ("12,34", "is not an amount"),
        ("1234,567", "is not an amount"),
        ("NaN", "is not an amount"),
        ("Infinity", "is not an amount"),
        ("1e400", "is not an amount"),
        ("-0", "greater than zero"),
        ("1" * 30, "too large"),
        ("9" * 200, "is not an amount"),
        ("1000000000000", "too large"),
        (Decimal("1E+400"), "too large"),
        (Decimal("NaN"), "is not an amount"),
        (10**30, "too large"),
    ],
)
def test_parse_amount_refuses_with_a_clear_message(typed, says):
    with pytest.raises(InvalidAmount) as refused:
        parse_amount(typed)
    assert says in str(refused.value)
    assert len(str(refused.value)) < 120  # a huge input is not echoed in full
    assert refused.value.render("zh")  # and it has a Chinese message


@pytest.mark.parametrize(("typed", "amount"), [
    ("1,234.56", "1234.56"), ("1234.5", "1234.50"), ("1,234,567.8", "1234567.80"),
    ("999999999999.99", "999999999999.99"), ("１,000", None)])
def test_parse_amount_takes_thousands_grouping_of_ascii_digits_only(typed, amount):
    if amount is None:
        with pytest.raises(InvalidAmount):
            parse_amount(typed)
    else:
        assert str(parse_amount(typed)) == amount


@pytest.mark.parametrize("typed", [100.0, 1234.56, 0.1])
def test_parse_amount_refuses_floats(typed):
    with pytest.raises(InvalidAmount):
        parse_amount(typed)


@pytest.mark.parametrize(
    ("amount", "fen"),
    [("0.01", 1), ("1234.56", 123456), ("1000000.00", 100000000), ("0.00", 0), ("-5.10", -510)],
)
def test_fen_round_trip_is_exact(amount, fen):
    assert to_fen(Decimal(amount)) == fen
    assert from_fen(fen) == Decimal(amount)
    assert str(from_fen(fen)) == amount  # always two decimals


def test_to_fen_refuses_a_fraction_of_a_fen():
    with pytest.raises(ValueError):
        to_fen(Decimal("1.005"))


def test_floor_to_rounds_a_limit_down_to_its_step():
    # 12,345.67 → 12,000 (a credit limit is a multiple of 1,000); 12,345.678 → 12,345.67 (to the fen)
    assert floor_to(Decimal("12345.67"), Decimal("1000")) == Decimal("12000")
    assert floor_to(Decimal("12345.678"), Decimal("0.01")) == Decimal("12345.67")


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        ("1234.56", "¥1,234.56"),
        ("1000000", "¥1,000,000.00"),
        ("0.005", "¥0.01"),
        ("-5", "-¥5.00"),
        ("0", "¥0.00"),
    ],
)
def test_format_cny_shows_yuan_with_thousands_separators(amount, shown):
    assert format_cny(Decimal(amount)) == shown


@pytest.mark.parametrize(
    ("daily", "shown"),
    [
        ("0.0005", "0.05%/day (18.25%/yr)"),  # 0.0005 × 365 = 0.1825
        ("0.0006", "0.06%/day (21.9%/yr)"),  # 0.0006 × 365 = 0.219
        ("0.00075", "0.075%/day (27.375%/yr)"),  # the order rate × 1.5 (penalty): 0.00075 × 365 = 0.27375
    ],
)
def test_format_daily_rate_shows_the_day_and_the_year(daily, shown):
    assert format_daily_rate(Decimal(daily)) == shown
