"""The seller 360° page (issue 16 item 17) through AppTest on the seeded demo: it shows one
seller's loans, limits, events, contacts, corrections and documents to risk officers and admins
in both languages, is listed in the staff navigation, turns a seller away, and is linked from
every table that names a seller (a link column to `seller_360?seller=ID`) and from the pages
about one seller (a page link that keeps the session)."""

from __future__ import annotations

import json
import re

import pytest

from tests.ui.conftest import actor_of, open_page
from tests.ui.test_pages import texts

SELLER_LINK = re.compile(r"^seller_360\?seller=(\d+)&lang=(en|zh)#\1 .+$")


def link_columns(shown) -> set[str]:
    """The columns of a table shown as links."""
    config = json.loads(shown.proto.columns or "{}")
    return {name for name, column in config.items()
            if column.get("type_config", {}).get("type") == "link"}


@pytest.mark.parametrize(("username", "lang"), [("risk", "en"), ("admin", "zh")])
def test_a_sellers_360_page_shows_everything_in_one_place(demo_db, username, lang):
    seller5 = actor_of("seller5").seller_id  # overdue on the demo date: loans, contacts, documents
    at = open_page(username, "seller_360", lang=lang, seller=str(seller5))
    assert not at.exception and not at.error, at.exception or [e.value for e in at.error]
    assert at.title[0].value == ("Seller 360°" if lang == "en" else "卖家全景")
    assert at.number_input(key=f"s360_pick_{seller5}").value == seller5
    labels = [tab.label for tab in at.tabs]
    assert len(labels) == 6 and labels[0].startswith("Loans (" if lang == "en" else "贷款（")
    assert {m.label for m in at.metric} >= ({"Rating", "Credit limit", "Outstanding principal", "Due now"}
                                            if lang == "en" else {"评级", "信用额度", "未还本金", "当前应还"})
    loans = at.dataframe[0].value  # the first tab's
    assert len(loans) >= 1 and loans["dpd"].max() > 0
    assert at.get("download_button")  # the documents: agreements and receipts
    shown = texts(at)
    assert "seller #" in shown or "卖家 #" in shown
    assert not re.search(r"\bYour\b|您的", shown)


def test_the_page_asks_for_a_seller_and_says_when_there_is_none(demo_db):
    at = open_page("risk", "seller_360")
    assert "Enter a seller number." in at.info[0].value
    at.number_input(key="s360_pick_None").set_value(999_999).run()
    assert not at.exception and "There is no seller #999999." in at.error[0].value
    seller = actor_of("demo").seller_id
    at.number_input(key="s360_pick_999999").set_value(seller).run()  # the field follows the address
    assert not at.exception and not at.error and at.query_params["seller"] == str(seller)
    assert at.number_input(key=f"s360_pick_{seller}").value == seller and at.metric


def test_a_seller_cannot_open_it(demo_db):
    seller = actor_of("demo").seller_id
    at = open_page("demo", "seller_360", seller=str(seller))
    assert not at.exception and "not part of your role" in at.info[0].value
    assert not at.dataframe and not at.metric


def test_staff_find_it_in_their_navigation():
    """It is one of BACK_OFFICE's pages in streamlit_app.py (risk officers and admins)."""
    import ast
    from pathlib import Path

    source = ast.parse((Path(__file__).resolve().parents[2] / "streamlit_app.py").read_text("utf-8"))
    back_office = next(ast.literal_eval(node.value) for node in source.body if isinstance(node, ast.Assign)
                       and getattr(node.targets[0], "id", "") == "BACK_OFFICE")
    assert ("views/seller_360.py", "nav.seller_360", "🪪") in back_office


@pytest.mark.parametrize("page", ["collections", "risk_events", "recovery"])
def test_every_table_that_names_a_seller_links_to_the_360_page(demo_db, page):
    at = open_page("risk", page)
    if page == "risk_events":
        at.selectbox(key="risk_status").set_value("all").run()
    tables = [shown for shown in at.dataframe if "seller" in shown.value.columns]
    assert tables
    for shown in tables:
        assert link_columns(shown) == {"seller"}
        cells = list(shown.value["seller"])
        assert cells and all(SELLER_LINK.match(cell) for cell in cells), cells[:3]


@pytest.mark.parametrize("page", ["review_queue", "collections"])
def test_a_page_about_one_seller_links_to_the_360_page_in_the_same_tab(demo_db, page):
    at = open_page("risk", page)
    links = [link for link in at.main.get("page_link") if link.proto.page.endswith("seller_360.py")
             or "seller_360" in link.proto.page]
    assert links and re.fullmatch(r"seller=\d+", links[0].proto.query_string), at.main.get("page_link")
