"""Due dates: D + k months from the draw date, clamped to a shorter month's end (rules §3)."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from app.dates import add_months, as_utc, days_between, monthly_due_dates


def test_a_month_end_start_clamps_to_the_end_of_february():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_a_month_end_start_clamps_to_the_29th_of_february_in_a_leap_year():
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("start", "dues"),
    [
        (date(2026, 1, 31), [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]),
        (date(2028, 1, 31), [date(2028, 2, 29), date(2028, 3, 31), date(2028, 4, 30)]),
    ],
)
def test_due_dates_are_computed_from_the_draw_date_not_chained(start, dues):
    assert monthly_due_dates(start, 3) == dues
    # Chaining would have lost the 31st for good: Feb 28 + 1 month = Mar 28, not Mar 31.
    assert add_months(add_months(start, 1), 1) != dues[1]


def test_due_dates_roll_over_the_year_end():
    # Drawn 2026-11-30: Dec 30, Jan 30 2027, Feb 28 2027 (clamped), Mar 30 2027.
    assert monthly_due_dates(date(2026, 11, 30), 4) == [
        date(2026, 12, 30),
        date(2027, 1, 30),
        date(2027, 2, 28),
        date(2027, 3, 30),
    ]


def test_a_twelve_month_loan_is_due_on_the_same_day_a_year_later():
    assert monthly_due_dates(date(2026, 3, 15), 12)[-1] == date(2027, 3, 15)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)


def test_days_between_counts_the_first_day_and_not_the_last():
    # 算头不算尾: Jan 31 → Feb 28 is 28 interest days; Feb 28 → Mar 31 is 31; Mar 31 → Apr 30 is 30.
    assert days_between(date(2026, 1, 31), date(2026, 2, 28)) == 28
    assert days_between(date(2026, 2, 28), date(2026, 3, 31)) == 31
    assert days_between(date(2026, 3, 31), date(2026, 4, 30)) == 30
    assert days_between(date(2026, 1, 31), date(2026, 1, 31)) == 0


def test_a_naive_moment_is_taken_as_utc_even_in_year_one():
    # the fuzz drew the sign-in clock datetime(1, 1, 1): astimezone() raised "year 0 is out of range"
    assert as_utc(datetime(1, 1, 1)) == datetime(1, 1, 1, tzinfo=UTC)
    shanghai = timezone(timedelta(hours=8))
    assert as_utc(datetime(2026, 12, 7, 8, 0, tzinfo=shanghai)) == datetime(2026, 12, 7, 0, 0, tzinfo=UTC)
