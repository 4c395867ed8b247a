"""Mainland resident ID numbers (GB 11643-1999) and age (rules §6.1).

18 characters: a 6-digit region code (its first two digits a province),
an 8-digit birth date YYYYMMDD, a 3-digit sequence and a check character by
ISO 7064 MOD 11-2 (`X` for 10). Pure functions.
"""

from __future__ import annotations

from datetime import date

from app.errors import InvalidResidentId
from app.i18n import text

# Weights 2^(17-i) mod 11 of the first 17 digits; the check character for each
# value of the weighted sum mod 11.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"

# Mainland province codes accepted by rules §6.1.
PROVINCE_RANGES = ((11, 15), (21, 23), (31, 37), (41, 46), (50, 54), (61, 65))


def check_character(first17: str) -> str:
    """The MOD 11-2 check character of the first 17 digits."""
    if len(first17) != 17 or not first17.isdigit():
        raise InvalidResidentId(text("resident_id.not_digits"))
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def is_mainland_province(code: int) -> bool:
    return any(low <= code <= high for low, high in PROVINCE_RANGES)


def birth_date_of(resident_id: str) -> date:
    """The birth date of a valid ID number; InvalidResidentId says what is wrong."""
    value = resident_id.strip().upper()
    if len(value) != 18:
        raise InvalidResidentId(text("resident_id.length", length=len(value)))
    expected = check_character(value[:17])
    if not is_mainland_province(int(value[:2])):
        raise InvalidResidentId(text("resident_id.province", code=value[:2]))
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise InvalidResidentId(text("resident_id.birth_date", digits=value[6:14])) from None
    if value[17] != expected:
        raise InvalidResidentId(text("resident_id.check_digit"))
    return born


def age_on(birth: date, on: date) -> int:
    """Whole years, rising on the birthday; 29 February counts on 28 February
    in common years."""
    try:
        birthday = birth.replace(year=on.year)
    except ValueError:
        birthday = date(on.year, 2, 28)
    return on.year - birth.year - (on < birthday)


def mask_resident_id(resident_id: str) -> str:
    """`3301**********123X`: first 4 and last 4 characters shown (product §2)."""
    return resident_id[:4] + "*" * (len(resident_id) - 8) + resident_id[-4:]
