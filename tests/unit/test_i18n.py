"""The one catalogue (product §6): two complete languages, matching placeholders,
every key the code uses present, and service texts that render in either language."""

from __future__ import annotations

import json
import re
import string
from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from app.config import DEFAULT_CONFIG
from app.eligibility.resident_id import birth_date_of
from app.eligibility.rules import EligibilityFacts, check_eligibility
from app.errors import (
    BelowMinimumDraw,
    CombinedCapExceeded,
    InvalidApplication,
    InvalidResidentId,
    LimitExceeded,
)
from app.i18n import Text, render, text
from app.money import InvalidAmount, parse_amount
from app.scoring.application import LABELS, MONEY_FIELDS, validate_application
from app.scoring.decision import assess
from app.scoring.explain import HIGHER_IS_WORSE
from app.scoring.scorecard import load_scorecard
from app.scoring.transforms import FACTORS
from app.services.lending.availability import Limits, check_draw_amount
from app.services.store.decision_records import DecisionView, store_decision
from app.texts import CATALOGUE
from tests.unit.test_scorecard import FORM, TODAY, facts_ok, features

APP = Path(__file__).resolve().parents[2] / "app"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Entries that are only placeholders and symbols, the same in both languages.
PURE_FORMAT = {"sidebar.signed_in_as", "audit.subject.as_is"}


def placeholders(template: str) -> set[tuple[str, str, str | None]]:
    return {(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(template)
            if name is not None}


def is_chinese(rendered: str) -> bool:
    return bool(CJK.search(rendered))


# --- the catalogue itself -------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_entry_has_both_languages(key):
    entry = CATALOGUE[key]
    assert isinstance(entry, tuple) and len(entry) == 2
    english, chinese = entry
    assert english.strip() and chinese.strip()


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_chinese_text_is_written_in_chinese(key):
    english, chinese = CATALOGUE[key]
    if key in PURE_FORMAT:
        assert english == chinese
    else:
        assert is_chinese(chinese), f"{key}: {chinese!r} has no Chinese characters"


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_templates_of_an_entry_take_the_same_placeholders(key):
    english, chinese = CATALOGUE[key]
    assert placeholders(english) == placeholders(chinese)


def keys_used_literally() -> set[str]:
    """Every `text("…")` / `Text("…")` key written out in app/ (f-string keys are checked below);
    a key is dotted lower-case words, which tells it from SQLAlchemy's `text("SELECT …")`."""
    call = re.compile(r"""\b(?:text|Text|catalogue_text)\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")
    return {key for path in APP.rglob("*.py") for key in call.findall(path.read_text(encoding="utf-8"))}


def test_every_key_used_in_the_code_is_in_the_catalogue():
    used = keys_used_literally()
    assert len(used) > 50  # the scan finds the service texts
    assert sorted(used - CATALOGUE.keys()) == []


def test_keys_built_from_names_are_in_the_catalogue():
    """The families whose keys the code composes: per factor, per malformed-ID reason,
    per application field, per industry category, per order status."""
    wanted = set()
    for factor in FACTORS:
        better = "lower" if factor.name in HIGHER_IS_WORSE else "higher"
        sides = ("yes", "no") if factor.name == "certified" else ("above", "below")
        wanted |= {f"factor.{factor.name}", f"tip.{factor.name}.{better}"}
        wanted |= {f"reason.{factor.name}.{side}" for side in sides}
    wanted |= {f"eligibility.{key}" for key in CATALOGUE if key.startswith("resident_id.")}
    wanted |= {f"application.{name}.not_a_number" for name in LABELS}
    wanted |= {f"application.{name}.negative" for name in MONEY_FIELDS}
    for category, _ in DEFAULT_CONFIG.scoring.industry_points:
        wanted |= {f"reason.industry.favoured.{category}", f"reason.industry.weighed_down.{category}"}
    wanted |= {f"order.not_settleable.{s}" for s in ("paid", "settled", "refunded")}
    wanted |= {f"order.not_refundable.{s}" for s in ("settled", "refunded")}
    assert sorted(wanted - CATALOGUE.keys()) == []


def test_an_unknown_key_is_refused_and_a_text_parameter_renders_in_the_readers_language():
    with pytest.raises(KeyError):
        text("no.such.key")
    band = text("band.DECLINE")
    changed = text("notification.reason.rating", old_band=band, new_band=band, old_score=1, new_score=2)
    assert "未通过" in render(changed, "zh") and "未通过" not in render(changed, "en")


# --- refusals in the reader's language -----------------------------------------------------------


def limits(combined_room: str = "1000000.00", capacity_room: str = "5000000.00") -> Limits:
    return Limits(rating="AA", credit_limit=D("50000.00"), advance_rate=D("0.9"), order_limit=D("0.00"),
                  credit_outstanding=D("0.00"), order_outstanding=D("0.00"),
                  combined_room=D(combined_room), capacity_room=D(capacity_room))


def test_a_draw_below_the_minimum_is_refused_in_chinese_with_the_amounts():
    with pytest.raises(BelowMinimumDraw) as refused:
        check_draw_amount(D("99.99"), D("50000.00"), limits(), text("draw.exceeds.credit_limit"))
    assert str(refused.value) == "The smallest draw is ¥100.00; you asked for ¥99.99."
    chinese = refused.value.render("zh")
    assert is_chinese(chinese) and "¥99.99" in chinese and "¥100.00" in chinese
    assert refused.value.render("en") == str(refused.value)


def test_a_draw_above_the_limit_names_the_binding_constraint_in_either_language():
    with pytest.raises(LimitExceeded) as refused:
        check_draw_amount(D("50000.01"), D("50000.00"), limits(), text("draw.exceeds.credit_limit"))
    assert str(refused.value) == ("That is more than your credit limit allows. Available now is ¥50,000.00; "
                                  "you asked for ¥50,000.01.")
    assert "信用贷款额度" in refused.value.render("zh") and "¥50,000.01" in refused.value.render("zh")
    with pytest.raises(CombinedCapExceeded) as capped:
        check_draw_amount(D("900.00"), D("50000.00"), limits(combined_room="500.00"),
                          text("draw.exceeds.credit_limit"))
    assert "¥1,000,000.00" in capped.value.render("zh") and "¥500.00" in capped.value.render("zh")


def test_a_mistyped_amount_is_refused_in_chinese():
    with pytest.raises(InvalidAmount) as refused:
        parse_amount("ten thousand")
    assert "not an amount" in str(refused.value)
    assert is_chinese(refused.value.render("zh")) and "ten thousand" in refused.value.render("zh")


def test_a_malformed_resident_id_says_why_in_either_language():
    with pytest.raises(InvalidResidentId) as refused:
        birth_date_of("1101051949123100")
    assert str(refused.value) == "an ID number has 18 characters, this one has 16"
    assert refused.value.reason.render("zh") == "身份证号码应为 18 位，该号码为 16 位"


def test_ineligibility_reasons_read_in_either_language():
    facts = EligibilityFacts(TODAY, "110105194912310021", False, date(2026, 9, 1), True, True)
    reasons = check_eligibility(facts)
    assert [r.code for r in reasons] == ["resident_id", "real_name", "tenure", "blacklisted", "overdue"]
    assert str(reasons[0].message) == ("Your resident ID number is not valid: the check digit does not match "
                                       "(a digit is mistyped).")
    assert all(is_chinese(r.message.render("zh")) for r in reasons)
    assert "2027-03-01" in reasons[2].message.render("zh")


def test_an_application_lists_its_problems_in_either_language():
    with pytest.raises(InvalidApplication) as refused:
        validate_application({**FORM, "inventory": "-1", "net_margin_pct": "abc"}, TODAY)
    english = [str(p) for p in refused.value.problems]
    assert english == ["Net margin: “abc” is not a number.", "Inventory cannot be negative."]
    assert str(refused.value) == " ".join(english)
    assert refused.value.render("zh") == "净利润率：“abc”不是数字。 库存不能为负数。"


# --- a stored decision reads in both languages -------------------------------------------------------


class FakeSession:
    """Enough of a session for store_decision: it adds rows and flushes."""

    def __init__(self):
        self.added = []

    def add(self, row):
        self.added.append(row)

    def flush(self):
        pass


def test_a_stored_decisions_reasons_and_tips_render_in_both_languages():
    facts = facts_ok()
    seller = features(refunds="23400", loans_repaid_late=1, category="apparel")  # hurts: refunds, record
    result = assess(load_scorecard(), DEFAULT_CONFIG, facts, seller, validate_application(FORM, TODAY))
    assert result.reasons_up and result.reasons_down and result.tips
    session = FakeSession()
    row = store_decision(session, 1, TODAY, "application", result, seller, facts, None, None)

    stored = json.loads(row.reasons_json)
    assert stored["down"][0]["key"] == result.reasons_down[0].key
    assert stored["down"][0]["text"] == result.reasons_down[0].text.to_json()
    assert all(set(tip) == {"key", "params"} for tip in stored["tips"])

    view = DecisionView.of(row)
    assert view.reasons_up == tuple(c.text for c in result.reasons_up)
    assert view.reasons_down == tuple(c.text for c in result.reasons_down)
    assert view.tips == result.tips
    for shown in (*view.reasons_up, *view.reasons_down, *view.tips):
        assert isinstance(shown, Text)
        assert all(isinstance(v, str | int) for v in shown.params.values())  # never a nested Text
        assert not is_chinese(shown.render("en")) and is_chinese(shown.render("zh"))
    assert [str(t) for t in view.tips] == [str(t) for t in result.tips]


def test_a_stored_ineligible_decision_keeps_its_reasons_in_both_languages():
    facts = replace(facts_ok(), member_since=date(2026, 9, 1), blacklisted=True)
    result = assess(load_scorecard(), DEFAULT_CONFIG, facts, features())
    row = store_decision(FakeSession(), 1, TODAY, "re_rate", result, features(), facts, None, None)
    view = DecisionView.of(row)
    assert not view.eligible
    assert [t.key for t in view.ineligible] == ["eligibility.tenure", "eligibility.blacklisted"]
    assert "you can apply from 2027-03-01" in str(view.ineligible[0])
    assert "2027-03-01" in view.ineligible[0].render("zh") and is_chinese(view.ineligible[1].render("zh"))


def test_a_factor_reason_reads_naturally_in_chinese():
    result = assess(load_scorecard(), DEFAULT_CONFIG, facts_ok(), features(refunds="23400"))  # refunds 7.8 %
    refund = next(c for c in result.contributions if c.key == "refund_rate")
    assert refund.text.key == "reason.refund_rate.above"
    assert refund.text.render("zh").startswith("您的退款率为 7.8%，高于平台平均水平")
    assert refund.tip.render("zh").startswith("努力降低退款率")

