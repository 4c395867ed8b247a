"""Demo identities: 18-digit mainland resident ID numbers and mobile numbers.

A resident ID (GB 11643-1999) is a 6-digit region code, an 8-digit birth date
(YYYYMMDD), a 3-digit sequence number (odd for men, even for women) and a
check character computed by ISO 7064 MOD 11-2 (`X` stands for 10; the check
and the age rule are `app.eligibility.resident_id`'s). Pure functions.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from app.eligibility.resident_id import age_on, check_character

# Real county-level region codes in provinces rules §6.1 accepts.
REGIONS = (
    "110105",  # 北京 朝阳
    "310104",  # 上海 徐汇
    "330106",  # 杭州 西湖
    "330782",  # 金华 义乌
    "440305",  # 深圳 南山
    "440106",  # 广州 天河
    "320102",  # 南京 玄武
    "350203",  # 厦门 思明
    "370202",  # 青岛 市南
    "420106",  # 武汉 武昌
    "510107",  # 成都 武侯
    "610113",  # 西安 雁塔
)

MOBILE_PREFIXES = ("130", "133", "135", "136", "138", "139", "150", "152", "158", "159",
                   "177", "180", "186", "187", "188", "199")


def resident_id(region: str, birth: date, seq: int) -> str:
    """The 18-character resident ID for a region code, birth date and sequence (0-999)."""
    if len(region) != 6 or not region.isdigit():
        raise ValueError(f"a region code has 6 digits, got {region!r}")
    if not 0 <= seq <= 999:
        raise ValueError(f"the sequence number has 3 digits, got {seq}")
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_character(first17)


def random_birth(rng: random.Random, on: date, min_age: int, max_age: int) -> date:
    """A birth date giving an age between min_age and max_age (inclusive) on `on`."""
    while True:
        age = rng.randint(min_age, max_age)
        year = on.year - age
        birth = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        if min_age <= age_on(birth, on) <= max_age:
            return birth


def random_mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
