"""The reader's language and the catalogue lookups every page uses (product §6).

The language comes from the session, set from `?lang=en|zh` on first load or from
the sidebar switch; `t(key, **params)` renders a catalogue text in it and `show(value)`
renders whatever a service returned or raised (a `Text` or, for now, a plain string).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import streamlit as st

from app.i18n import DEFAULT_LANGUAGE, LANGUAGES, Text, counted, render, translate
from app.money import format_cny, format_daily_rate, rate_percents
from app.texts import CATALOGUE

LANG_KEY = "lang"


def language_from_query() -> str | None:
    value = st.query_params.get("lang")
    return value if value in LANGUAGES else None


def current_language() -> str:
    lang = st.session_state.get(LANG_KEY)
    if lang in LANGUAGES:
        return lang
    return language_from_query() or DEFAULT_LANGUAGE


def t(key: str, **params) -> str:
    return translate(key, current_language(), **params)


def tn(key: str, n: int, **params) -> str:
    """`t` for a text with a count: the singular entry (`key.one`) when `n` is 1."""
    return t(counted(key, n), n=n, **params)


def show(value) -> str:
    """A service's text (a catalogue `Text`, its JSON form, or a plain string) in the reader's language."""
    if isinstance(value, dict) and "key" in value:
        value = Text.from_json(value)
    return render(value, current_language())


def show_to_staff(value) -> str:
    """`show` for a staff page: a text written to the seller ("Your refund rate …") in its staff
    wording (`staff.<key>`, app/texts/staff.py) when the catalogue has one."""
    if isinstance(value, dict) and "key" in value:
        value = Text.from_json(value)
    if isinstance(value, Text) and f"staff.{value.key}" in CATALOGUE:
        value = Text(f"staff.{value.key}", value.params)
    return show(value)


def error_text(error: Exception) -> str:
    render_error = getattr(error, "render", None)
    return render_error(current_language()) if callable(render_error) else str(error)


def md(value: str) -> str:
    """Plain text (a name, a masked ID like `3301**********123X`) made safe inside Markdown."""
    return "".join("\\" + c if c in "\\`*_[]<>#|~$" else c for c in str(value))


def money(amount: Decimal | None) -> str:
    return "—" if amount is None else format_cny(amount)


def day(value: date | None) -> str:
    return "—" if value is None else value.isoformat()


def rate(daily_rate: Decimal) -> str:
    """`0.05%/day (18.25%/yr)` (rules §1, `app.money.format_daily_rate`) or `日利率 0.05%（年化 18.25%）`."""
    if current_language() == "en":
        return format_daily_rate(daily_rate)
    return t("fmt.rate", **rate_percents(daily_rate))


def rate_parts(daily_rate: Decimal) -> tuple[str, str]:
    """The two halves of `rate`, for a figure and its caption: `0.05%/day`, `18.25%/yr`."""
    numbers = rate_percents(daily_rate)
    return t("fmt.rate_day", **numbers), t("fmt.rate_year", **numbers)


def percent(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}%"


def method_name(method: str) -> str:
    return t(f"method.{method}")


def method_short(method: str) -> str:
    return t(f"method_short.{method}")


def labelled(options, describe) -> dict:
    """Option → its label, worked out now: a widget's `format_func` must not depend on
    when it is called (AppTest calls it outside the script run), so pass `labels.get`."""
    return {option: describe(option) for option in options}


def product_name(product: str) -> str:
    return t(f"product.{product}")


def label(key: str, fallback: str) -> str:
    """A catalogue label that may not exist (a kind or status new to the portal shows as itself)."""
    return t(key) if key in CATALOGUE else fallback


def band_name(band: str | None) -> str:
    """A rating band: AAA … BB as they are; DECLINE and REVIEW in words (未通过 / 人工审核)."""
    return "—" if band is None else label(f"band.{band}", band)


def status_name(status: str) -> str:
    return label(f"status.{status}", status)
