"""The documents a borrower keeps (issue #9 item 15): the loan agreement with its schedule, a
receipt per payment and a monthly statement (CSV and PDF). The PDFs are opened with pypdf and
their figures compared with values worked out here by hand; Chinese versions must carry
Chinese text (the embedded CJK font)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from app import pdf as pdf_module
from app.errors import NotFound, PermissionDenied
from app.services.lending.draws import draw_credit_loan
from app.services.lending.orders import settle_order
from app.services.lending.repayment import repay
from app.services.portal.documents import (
    loan_agreement_pdf,
    monthly_statement,
    payment_receipt_pdf,
    statement_csv,
    statement_months,
    statement_pdf,
)
from tests.services.conftest import START


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def fonts(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    return {str(f["/BaseFont"]) for page in reader.pages
            for f in page["/Resources"]["/Font"].get_object().values()}


@pytest.fixture
def drawn(book):
    """12,000.00 over 3 months, equal principal, drawn 2026-03-02; 2,000.00 repaid the same day;
    one unpledged 1,000.00 order settled to the platform balance."""
    loan = draw_credit_loan(book.seller, shop_id=book.shop_id, amount="12000", months=3,
                            method="equal_principal", idempotency_key="d")
    payment = repay(book.seller, loan_id=loan.id, amount="2000", idempotency_key="p")
    settle_order(book.system, book.order_ids[0])
    return book, loan, payment


# Equal principal (rules §4.3): 4,000.00 a month; interest on the balance for the period's days.
#   2026-03-02 → 04-02: 31 days × 12,000 × 0.0006 = 223.20
#   2026-04-02 → 05-02: 30 days ×  8,000 × 0.0006 = 144.00
#   2026-05-02 → 06-02: 31 days ×  4,000 × 0.0006 =  74.40   total 441.60
SCHEDULE = [("2026-04-02", "¥4,000.00", "¥223.20", "¥4,223.20", "¥8,000.00"),
            ("2026-05-02", "¥4,000.00", "¥144.00", "¥4,144.00", "¥4,000.00"),
            ("2026-06-02", "¥4,000.00", "¥74.40", "¥4,074.40", "¥0.00")]


def test_the_agreement_has_the_terms_and_the_schedule_as_agreed(drawn):
    book, loan, _ = drawn
    text = pdf_text(loan_agreement_pdf(book.seller, loan.id, "en"))
    assert f"Loan agreement — loan #{loan.id}" in text
    for figure in ("¥12,000.00", "0.06%/day (21.9%/yr)", "0.09%/day (32.85%/yr)", "Equal principal",
                   "3 months", "2026-03-02", "¥441.60", "¥12,441.60", "Agreement version 2026-01"):
        assert figure in text, figure
    for row in SCHEDULE:  # the schedule as drawn: the same-day prepayment does not rewrite the agreement
        assert " ".join(row) in " ".join(text.split()), row


def test_the_chinese_agreement_embeds_the_cjk_font(drawn):
    book, loan, _ = drawn
    data = loan_agreement_pdf(book.seller, loan.id, "zh")
    text = pdf_text(data)
    assert "借款合同" in text and "等额本金" in text and "¥441.60" in text
    assert any("MLFKai" in name for name in fonts(data))


def test_a_receipt_shows_how_the_payment_was_split(drawn):
    book, loan, payment = drawn
    # paid on the draw day: one day's interest 12,000 × 0.0006 = 7.20, the rest principal
    text = " ".join(pdf_text(payment_receipt_pdf(book.seller, payment.id, "en")).split())
    assert f"Payment receipt #{payment.id}" in text
    for figure in ("Amount paid ¥2,000.00", "Interest ¥7.20", "Principal repaid ¥1,992.80",
                   "Principal still owed after it ¥10,007.20", "Paid on 2026-03-02",
                   "Penalty interest ¥0.00"):
        assert figure in text, figure
    zh = pdf_text(payment_receipt_pdf(book.seller, payment.id, "zh"))
    assert "还款回单" in zh and "¥1,992.80" in zh


def test_the_monthly_statement_adds_up(drawn):
    book, loan, payment = drawn
    statement = monthly_statement(book.seller, book.seller_id, date(2026, 3, 1))
    s = statement
    assert (s.opening_principal, s.drawn, s.principal_repaid, s.closing_principal) == (
        0, Decimal("12000.00"), Decimal("1992.80"), Decimal("10007.20"))
    assert (statement.interest_paid, statement.penalty_paid) == (Decimal("7.20"), 0)
    assert (statement.opening_balance, statement.closing_balance) == (0, Decimal("1000.00"))
    assert [line.item for line in statement.lines] == ["draw", "payment", "balance"]
    assert statement_months(book.seller, book.seller_id) == [date(2026, 3, 1)]

    data = statement_csv(book.seller, book.seller_id, START, "en")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Date", "Item", "Loan", "Amount", "Principal", "Interest", "Penalty"]
    assert rows[1] == ["2026-03-02", "Credit loan drawn", str(loan.id), "12000.00", "12000.00", "0.00",
                       "0.00"]
    assert rows[2] == ["2026-03-02", "Payment: You (repayment)", str(loan.id), "2000.00", "1992.80", "7.20",
                       "0.00"]
    assert rows[3][1:4] == ["Platform balance: Order settled", "", "1000.00"]
    assert ["Principal owed at the end", "10007.20"] in rows

    zh_csv = statement_csv(book.seller, book.seller_id, START, "zh").decode("utf-8-sig")
    assert "期末未还本金" in zh_csv
    text = " ".join(pdf_text(statement_pdf(book.seller, book.seller_id, START, "zh")).split())
    assert "月度对账单 2026-03" in text and "¥10,007.20" in text and "¥1,000.00" in text


def test_a_later_month_opens_where_the_last_closed(drawn):
    book, _, _ = drawn
    april = monthly_statement(book.seller, book.seller_id, date(2026, 4, 1))
    assert april.opening_principal == april.closing_principal == Decimal("10007.20")
    assert april.end == START  # the business date is still in March: nothing happened yet
    assert not april.lines and "Nothing moved this month." in pdf_text(
        statement_pdf(book.seller, book.seller_id, date(2026, 4, 1), "en"))


def test_documents_are_the_sellers_own(drawn):
    book, loan, payment = drawn
    with pytest.raises(NotFound):
        loan_agreement_pdf(book.other, loan.id)
    with pytest.raises(NotFound):
        payment_receipt_pdf(book.other, payment.id)
    with pytest.raises(PermissionDenied):
        statement_csv(book.other, book.seller_id, START)


def test_without_a_cjk_font_the_documents_fall_back_to_english(drawn, monkeypatch):
    book, loan, _ = drawn
    monkeypatch.setattr(pdf_module, "CJK_FONTS", ())
    data = loan_agreement_pdf(book.seller, loan.id, "zh")
    text = pdf_text(data)
    assert "Loan agreement" in text and "¥441.60" in text
    assert fonts(data) == {"/Helvetica"}
