"""My documents and the agreement offered after a draw (issue #9 item 15), through AppTest.
The documents' contents are checked in tests/services/test_documents.py."""

from __future__ import annotations

from tests.ui.conftest import open_page


def test_my_documents_offers_agreements_receipts_and_statements(demo_db):
    at = open_page("demo", "documents")
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["Loan agreements", "Payment receipts", "Monthly statements"]
    assert at.selectbox(key="documents_month").value is not None
    labels = [b.proto.label for b in at.get("download_button")]
    assert {"Loan agreement (PDF)", "Statement (PDF)", "Statement (CSV)"} <= set(labels)


def test_the_agreement_is_offered_right_after_a_draw(demo_db):
    at = open_page("demo", "draw_credit")
    at.text_input(key="credit_amount").input("1000").run()
    at.button(key="credit_review").click().run()
    at.checkbox(key="credit_draw_agree").check().run()
    at.button(key="credit_draw_confirm").click().run()
    assert not at.exception and at.success
    assert "Loan agreement (PDF)" in [b.proto.label for b in at.get("download_button")]
