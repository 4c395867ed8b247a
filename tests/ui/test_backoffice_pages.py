"""The back-office pages through AppTest on the seeded demo (issue #10 item 5): each renders
for the risk officer and the admin, in English and Chinese; a seller is sent back from every
one; Settings is the admin's alone; the review queue, the contact log and the settings form
write through their services and show the result."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from app.services.credit.review import review_queue
from app.services.lending.availability import seller_limits
from app.services.store.settings import current_business_date
from db.engine import session_scope
from db.models import CollectionContact, SettingsChange
from tests.services.conftest import table_digests
from tests.ui.conftest import actor_of, charts, open_page
from tests.ui.test_pages import texts

STAFF_PAGES = ("overview", "review_queue", "collections", "portfolio", "model_report", "book")
ALL_PAGES = (*STAFF_PAGES, "settings")
TITLES = {"overview": "Overview", "review_queue": "Review queue", "collections": "Collections",
          "portfolio": "Portfolio", "model_report": "Model report", "book": "End-of-day status",
          "settings": "Product settings"}


def sidebar_links(at) -> list[str]:
    return [link.label for link in at.sidebar.get("page_link")] if at.sidebar.get("page_link") else []


@pytest.mark.parametrize("username", ["risk", "admin"])
def test_every_back_office_page_renders_for_staff(demo_db, username):
    for page in STAFF_PAGES:
        at = open_page(username, page)
        assert not at.exception, (page, at.exception)
        assert at.title[0].value == TITLES[page]
        assert not [e.value for e in at.error], (page, [e.value for e in at.error])
    drawn = {page: len(charts(open_page(username, page))) for page in ("portfolio", "model_report")}
    assert drawn == {"portfolio": 4, "model_report": 3}


def test_the_pages_speak_chinese(demo_db):
    titles = {page: open_page("admin", page, lang="zh").title[0].value for page in ALL_PAGES}
    assert titles == {"overview": "工作台", "review_queue": "人工审核", "collections": "催收",
                      "portfolio": "资产组合", "model_report": "模型报告", "book": "日终状态",
                      "settings": "产品设置"}
    assert "不良率" in texts(open_page("risk", "portfolio", lang="zh"))


@pytest.mark.parametrize("page", ALL_PAGES)
def test_a_seller_is_sent_back_from_every_back_office_page(demo_db, page):
    at = open_page("demo", page)
    assert not at.exception
    assert "not part of your role" in at.info[0].value
    assert not at.main.button and not at.metric and not charts(at) and not at.dataframe


def test_settings_is_the_admins_alone(demo_db):
    at = open_page("risk", "settings")
    assert "not part of your role" in at.info[0].value and not at.text_input
    at = open_page("admin", "settings")
    assert at.text_input(key="settings_credit_daily_rate").value == "0.0006"


def test_the_risk_officer_approves_a_case_and_the_sellers_limit_changes_at_once(demo_db):
    risk = actor_of("risk")
    case = review_queue(risk)[0]
    at = open_page("risk", "review_queue")
    assert at.selectbox(key="queue_pick").value == case.id
    at.button(key="queue_approve").click().run()
    assert at.error and case.id in [d.id for d in review_queue(risk)]  # no note: refused
    at.text_input(key=f"queue_limit_{case.id}").input("abc").run()
    at.text_area(key=f"queue_note_{case.id}").input("Video call: stock and invoices seen").run()
    at.button(key="queue_approve").click().run()
    assert at.error and case.id in [d.id for d in review_queue(risk)]  # a mistyped limit is refused
    at.text_input(key=f"queue_limit_{case.id}").input("").run()
    at.button(key="queue_approve").click().run()
    assert not at.exception
    assert re.match(r"Decision #\d+: approved at BB, credit limit ¥", at.success[0].value)
    assert case.id not in [d.id for d in review_queue(risk)]
    with session_scope() as session:
        limits = seller_limits(session, case.seller_id, current_business_date())
    assert (limits.rating, limits.credit_limit) == ("BB", case.proposed_credit_limit)


def test_collections_show_every_bucket_and_log_a_contact(demo_db):
    at = open_page("risk", "collections")
    assert [tab.label.split(" ")[0] for tab in at.tabs] == ["1-30", "31-60", "61-90", ">90"]
    assert at.get("download_button")
    before = table_digests()
    at.button(key="FormSubmitter:coll_contact_form-Log contact").click().run()
    assert at.error and table_digests() == before  # no note
    loan_id = at.selectbox(key="coll_loan").value
    at.text_area(key="coll_note").input("Called; will pay on Monday")  # a form: one run with the submit
    at.checkbox(key="coll_has_promise").check()
    at.button(key="FormSubmitter:coll_contact_form-Log contact").click().run()
    assert not at.exception and f"loan #{loan_id}" in at.success[0].value
    with session_scope() as session:
        logged = session.exec(select(CollectionContact)).one()
    assert (logged.loan_id, logged.note, logged.promise_date) == (loan_id, "Called; will pay on Monday",
                                                                  current_business_date())


def test_the_admin_changes_a_setting_and_sees_it_in_the_trail(demo_db):
    at = open_page("admin", "settings")
    at.text_input(key="settings_penalty_multiplier").input("1.9")
    at.button(key="FormSubmitter:settings_form-Save changes").click().run()
    assert "from 1.3 to 1.5" in at.error[0].value
    at.text_input(key="settings_penalty_multiplier").input("1.4")
    at.button(key="FormSubmitter:settings_form-Save changes").click().run()
    assert not at.exception and "1 settings changed" in at.success[0].value
    trail = at.dataframe[0].value
    assert list(trail.iloc[0][["who", "setting", "old", "new"]]) == [
        "admin", "Penalty multiplier", "1.5", "1.4"]
    with session_scope() as session:
        assert len(session.exec(select(SettingsChange)).all()) == 1


# --- issue 16 item 14: staff pages speak to staff, in their language ---------------------------------


def test_the_chinese_model_report_names_the_review_and_decline_bands_in_words(demo_db):
    at = open_page("admin", "model_report", lang="zh")
    assert not at.exception
    bands = list(at.dataframe[0].value["band"])
    assert "人工审核" in bands and "未通过" in bands and not {"REVIEW", "DECLINE"} & set(bands)
    chart = next(c for c in charts(at) if c["title_text"] == "各评级坏账率")
    assert "人工审核" in {row["band"] for row in chart["rows"]}
    assert not {"REVIEW", "DECLINE"} & {row["band"] for row in chart["rows"]}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_review_queue_words_the_reasons_for_the_officer(demo_db, lang):
    at = open_page("risk", "review_queue", lang=lang)
    shown = texts(at)
    assert not at.exception and not re.search(r"\bYour\b|您的|您此前|您 ", shown), shown
    assert ("What would raise the limit" if lang == "en" else "提额因素") in shown


@pytest.mark.parametrize("page", [*ALL_PAGES, "risk_events", "recovery", "corrections", "audit"])
def test_no_back_office_page_cites_a_rules_section(demo_db, page):
    for lang in ("en", "zh"):
        shown = texts(open_page("admin", page, lang=lang))
        assert "§" not in shown and "interest_income" not in shown, (page, lang)


def test_a_refused_setting_is_named_as_the_form_names_it(demo_db):
    for lang, name in (("en", "Order loan daily rate: "), ("zh", "订单贷款日利率：")):
        at = open_page("admin", "settings", lang=lang)
        at.text_input(key="settings_order_daily_rate").input("abc")
        save = next(b for b in at.button if b.key.startswith("FormSubmitter:settings_form"))
        save.click().run()
        assert at.error[0].value.startswith(name) and "order_daily_rate" not in at.error[0].value


def test_the_portfolio_shows_the_expected_credit_loss_beside_its_figures(demo_db):
    """Issue #18 §2: the IFRS 9 style view sits on the portfolio page, the same figures as Books."""
    at = open_page("risk", "portfolio")
    assert not at.exception and not at.error
    frame = next(f.value for f in at.dataframe if "ecl" in f.value.columns)
    assert list(frame["row"][:4]) == ["Stage", "Stage", "Stage", "Total"]
    stages = frame["ecl"].iloc[:3]
    assert frame["ecl"].iloc[3] == pytest.approx(stages.sum(), abs=0.001)  # yuan, shown as floats
    assert stages.iloc[2] > 0  # stage 3 holds the demo's defaulted loans
    books = open_page("risk", "books")
    books.selectbox(key="books_report").set_value("ecl").run()
    assert list(books.dataframe[0].value["ecl"][:4]) == list(frame["ecl"][:4])  # band rows: PDs only
    assert "预期信用损失" in texts(open_page("risk", "portfolio", lang="zh"))
