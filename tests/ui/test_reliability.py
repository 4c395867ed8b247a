"""The portal never shows a traceback (issue #8 C, D): an unexpected error gives a plain
message with a reference that is logged with the traceback; a mangled `?loan=` id is
"no such loan"; an absurd declared figure is a form problem. Nothing is written."""

from __future__ import annotations

import logging
import re

import pytest

from app.errors import LendingError
from app.i18n import text
from components.query import MAX_ID, parse_id
from tests.services.conftest import table_digests
from tests.ui.conftest import open_page

BAD_IDS = ["²", "١٢", "１", "9223372036854775808", "99999999999999999999999", "-1", "+1", "0", "abc", "1e3",
           " 1", "1.0"]
REFERENCE = re.compile(r"\b([0-9a-f]{8})\b")


def all_text(at) -> str:
    parts = [e.value for kind in ("error", "warning", "info", "markdown", "caption", "success")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("raw", BAD_IDS)
def test_parse_id_takes_ascii_digits_within_a_bigint(raw):
    assert parse_id(raw) is None


def test_parse_id_takes_real_ids():
    assert parse_id("1") == 1 and parse_id("42") == 42 and parse_id(7) == 7
    assert parse_id(str(MAX_ID)) == MAX_ID
    assert parse_id(None) is None and parse_id(True) is None


@pytest.mark.parametrize("raw", ["²", "9223372036854775808", "-1", "abc", "0"])
def test_a_mangled_loan_id_on_the_loan_page_is_no_such_loan(demo_db, raw):
    before = table_digests()
    at = open_page("demo", "loan", loan=raw)
    assert not at.exception, at.exception
    assert "There is no such loan" in at.error[0].value
    assert not at.metric
    assert table_digests() == before


@pytest.mark.parametrize("raw", ["²", "9223372036854775808", "-1", "abc"])
def test_a_mangled_loan_id_on_the_repay_page_is_no_such_loan(demo_db, raw):
    before = table_digests()
    at = open_page("demo", "repay", loan=raw)
    assert not at.exception, at.exception
    assert "There is no such loan" in at.warning[0].value
    assert table_digests() == before


def test_the_no_such_loan_message_speaks_chinese(demo_db):
    at = open_page("demo", "loan", lang="zh", loan="²")
    assert not at.exception
    assert "没有这笔贷款" in at.error[0].value


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unexpected_error_shows_a_reference_and_no_traceback(demo_db, monkeypatch, caplog, lang):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals: /srv/app/db.py line 42")

    monkeypatch.setattr("app.services.portal.home.notifications", broken)
    before = table_digests()
    with caplog.at_level(logging.ERROR, logger="microloan"):
        at = open_page("demo", "notifications", lang=lang)
    assert not at.exception  # nothing reaches Streamlit's own exception box
    message = at.error[0].value
    assert ("Something went wrong" if lang == "en" else "系统出现意外错误") in message
    reference = REFERENCE.search(message).group(1)
    shown = all_text(at)
    assert "secret internals" not in shown and "Traceback" not in shown and "RuntimeError" not in shown
    logged = [r for r in caplog.records if r.name == "microloan" and reference in r.getMessage()]
    assert logged and logged[0].exc_info and "secret internals" in str(logged[0].exc_info[1])
    assert table_digests() == before


def test_a_refusal_is_still_shown_by_the_page_itself(demo_db, monkeypatch):
    """Typed refusals stay the page's business: only unexpected errors get the reference."""
    def refused(*args, **kwargs):
        raise LendingError(text("loan.not_found", loan_id=1))

    monkeypatch.setattr("app.services.lending.loan_views.loan_detail", refused)
    at = open_page("demo", "loan", loan="1")
    assert not at.exception
    shown = at.error[0].value
    assert shown == str(text("loan.not_found", loan_id=1)) and "reference" not in shown


@pytest.mark.parametrize("figure", ["1e400", "1" * 30, "-1e30"])
def test_a_huge_declared_figure_is_a_form_problem(demo_db, figure):
    before = table_digests()
    at = open_page("demo", "apply")
    at.text_input(key="apply_annual_sales").input(figure)
    at.button(key="FormSubmitter:apply_form-See the decision").click().run()  # issue #9: preview first
    assert not at.exception, at.exception
    assert "Please correct the form" in at.error[0].value
    assert "too large a figure" in all_text(at)
    assert table_digests() == before
