"""Staff pages speak to staff, in their language (issue 16 item 14): every reason and tip written
to the seller has a staff wording with the same figures; audit actions, decision statuses and
setting names are catalogue texts; no staff text cites "rules §" or a code."""

from __future__ import annotations

import re

import pytest

from app.config import DEFAULT_CONFIG, DecisionStatus
from app.errors import SettingRefused
from app.i18n import translate
from app.services.access.audit import ACTIONS, AuditRow
from app.services.store.product_settings import SETTINGS
from app.services.store.product_settings import _apply_changes as apply_changes
from app.texts import CATALOGUE
from app.texts.backoffice import BACKOFFICE_TEXTS
from app.texts.staff import STAFF_TEXTS

SELLER_WORDED = [key for key in CATALOGUE if key.startswith(("reason.", "tip."))]


def fields(template: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", template))


@pytest.mark.parametrize("key", SELLER_WORDED)
def test_every_reason_to_the_seller_has_a_staff_wording_with_the_same_figures(key):
    staff = CATALOGUE.get(f"staff.{key}")
    assert staff, f"staff.{key} is missing (app/texts/staff.py)"
    english, chinese = staff
    assert fields(english) == fields(chinese) == fields(CATALOGUE[key][0])
    assert not re.search(r"\byours?\b", english, re.IGNORECASE) and "您" not in chinese, staff


def test_the_staff_wordings_are_only_of_existing_reasons():
    assert {k.removeprefix("staff.") for k in STAFF_TEXTS if k.startswith("staff.")} <= set(SELLER_WORDED)


def test_decision_statuses_and_audit_actions_are_in_the_catalogue():
    for status in DecisionStatus:
        assert f"decision.status.{status.value}" in CATALOGUE
    for action in ACTIONS:
        english, chinese = CATALOGUE[f"audit.action.{action}"]
        assert "_" not in english and "_" not in chinese


@pytest.mark.parametrize(("subject", "english", "chinese"), [
    ("login admin", "Login admin", "账号 admin"), ("loan 12", "Loan #12", "贷款 #12"),
    ("decision 7", "Decision #7", "决定 #7"), ("lender funds", "Lender funds", "可贷资金"),
    ("3 days", "3 days", "3 天"), ("2026-11-28", "Business dates 2026-11-28", "营业日 2026-11-28")])
def test_an_audit_subject_reads_in_words(subject, english, chinese):
    row = AuditRow(1, None, None, "admin", "admin", None, "sign_in", subject, {})
    assert (row.what.render("en"), row.what.render("zh")) == (english, chinese)


@pytest.mark.parametrize("name", list(SETTINGS))
def test_a_refused_setting_is_named_as_the_form_names_it(name):
    with pytest.raises(SettingRefused) as refused:
        apply_changes(DEFAULT_CONFIG, {name: "abc"})  # what change_settings checks each value with
    for lang in ("en", "zh"):
        message = refused.value.render(lang)
        assert name not in message
        if "{name}" in CATALOGUE[refused.value.text.key][0]:
            assert message.startswith(translate(f"settings.name.{name}", lang))


STAFF_PAGE_KEYS = [key for key in CATALOGUE if key in BACKOFFICE_TEXTS or key.startswith(
    ("book.", "audit.", "risk_page.", "recovery_page.", "corrections_page.", "seller360.", "reversal."))]


@pytest.mark.parametrize("key", STAFF_PAGE_KEYS)
def test_staff_texts_cite_no_rules_section_nor_ledger_codes(key):
    for template in CATALOGUE[key]:
        words = re.sub(r"\{\w+\}", "", template)
        assert "§" not in words and not re.search(r"\b[a-z]+_[a-z_]+\b", words), (key, template)


def test_a_rating_drop_names_review_and_decline_in_words():
    from app.services.store.risk_records import reason_text

    reason = reason_text({"rule": "rating_drop", "bands": 2, "before": "BB", "now": "DECLINE"})
    assert (reason.render("en"), reason.render("zh")) == ("rating down 2 bands, BB → Declined",
                                                          "评级下降 2 档：BB → 未通过")
