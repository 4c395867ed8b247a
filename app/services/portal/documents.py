"""The documents a borrower keeps (issue #9 item 15): the loan agreement with its terms and
schedule, a receipt per payment, and a monthly statement per seller (CSV and PDF).

Every function returns bytes (or a read model) and never touches Streamlit; the pages offer
them with `st.download_button`. Texts come from the catalogue in the reader's language
(`lang`); the PDFs embed a CJK font (`app.pdf`). A seller gets only their own documents; staff
may read any seller's.

The agreement's schedule is the one agreed at the draw: rebuilt from the loan's stored terms,
rate and draw date (`build_schedule`), so a later prepayment does not change the agreement.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from app import ledger
from app.config import Product
from app.dates import add_months
from app.eligibility.resident_id import mask_resident_id
from app.errors import NotFound, SellerNotFound
from app.i18n import text, translate
from app.loans.terms import LoanTerms
from app.money import ZERO, format_cny, from_fen, interest_for, rate_percents
from app.pdf import Pdf
from app.schedules import Schedule, build_schedule
from app.services.access.actor import Actor, require_own_seller
from app.services.access.inputs import checked_id, shown
from app.services.lending.loan_views import PaymentRow
from app.services.store import loan_store
from app.services.store.settings import business_date
from db.convert import rate_from_e8
from db.engine import read_scope
from db.models import JournalEntry, JournalLine, Loan, Payment, Seller, Shop

PAYMENT_SOURCES = ("manual", "settlement", "auto_debit")
BALANCE_KINDS = ("settlement", "repayment_auto_debit", "balance_withdrawal")


def _source(source: str) -> str:
    return source if source in PAYMENT_SOURCES else "other"


def _t(lang: str, key: str, **params) -> str:
    return translate(key, lang, **params)


def _rate(lang: str, daily_rate: Decimal) -> str:
    return _t(lang, "fmt.rate", **rate_percents(daily_rate))


def _pdf(lang: str, title: str) -> Pdf:
    pdf = Pdf(lang, title=title)
    return pdf


# --- the loan agreement ------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementFacts:
    loan_id: int
    product: str
    method: str
    principal: Decimal
    daily_rate: Decimal
    penalty_rate: Decimal
    start_date: date
    term_months: int | None
    term_days: int | None
    version: str | None
    accepted_at: str
    seller_name: str
    masked_resident_id: str
    shop: str
    schedule: Schedule

    @property
    def one_day_interest(self) -> Decimal:
        """A day's interest on the whole amount: what repaying it on the draw date costs (rules §2)."""
        return interest_for(self.principal, self.daily_rate, 1)


def agreement_facts(actor: Actor, loan_id: int) -> AgreementFacts:
    """The terms a loan was drawn on and its schedule as agreed."""
    with read_scope() as session:
        loan = loan_store.get_for(session, actor, loan_id).loan
        seller = session.get(Seller, loan.seller_id)
        shop = session.get(Shop, loan.shop_id)
    terms = LoanTerms.order(loan.term_days) if loan.product == Product.ORDER.value else \
        LoanTerms.credit(loan.method, loan.term_months)
    rate = rate_from_e8(loan.daily_rate_e8)
    accepted_at = loan.agreement_accepted_at
    accepted = accepted_at.strftime("%Y-%m-%d %H:%M UTC") if accepted_at else "—"
    principal = from_fen(loan.principal_fen)
    return AgreementFacts(loan.id, loan.product, loan.method, principal, rate,
                          rate_from_e8(loan.penalty_rate_e8), loan.start_date, loan.term_months,
                          loan.term_days, loan.agreement_version, accepted,
                          seller.name, mask_resident_id(seller.resident_id), f"{shop.name} ({shop.id})",
                          build_schedule(terms, principal, rate, loan.start_date))


def loan_agreement_pdf(actor: Actor, loan_id: int, lang: str = "en") -> bytes:
    """The loan agreement: parties, key terms (the confirmation's wording) and the schedule."""
    facts = agreement_facts(actor, loan_id)
    pdf = _pdf(lang, _t(lang, "doc.agreement.title", id=facts.loan_id))
    lang = pdf.lang
    schedule = facts.schedule
    term = _t(lang, "credit.months", n=facts.term_months) if facts.term_months else \
        _t(lang, "order.term", days=facts.term_days)
    pdf.heading(_t(lang, "doc.agreement.title", id=facts.loan_id))
    pdf.paragraph(_t(lang, "doc.agreement.version", version=facts.version or "—", at=facts.accepted_at))
    pdf.pairs([
        (_t(lang, "doc.lender"), _t(lang, "app.name")),
        (_t(lang, "doc.borrower"), f"{facts.seller_name} · {facts.masked_resident_id}"),
        (_t(lang, "doc.shop"), facts.shop),
        (_t(lang, "doc.product"), _t(lang, f"product.{facts.product}")),
        (_t(lang, "doc.principal"), format_cny(facts.principal)),
        (_t(lang, "doc.rate"), _rate(lang, facts.daily_rate)),
        (_t(lang, "doc.penalty_rate"), _rate(lang, facts.penalty_rate)),
        (_t(lang, "doc.method"), _t(lang, f"method.{facts.method}")),
        (_t(lang, "doc.term"), term),
        (_t(lang, "doc.drawn_on"), facts.start_date.isoformat()),
        (_t(lang, "doc.maturity"), schedule.installments[-1].due_date.isoformat()),
        (_t(lang, "doc.total_interest"), format_cny(schedule.total_interest)),
        (_t(lang, "doc.total_repayment"), format_cny(schedule.total_repayment)),
    ])
    pdf.heading(_t(lang, "doc.key_terms"), size=12)
    pdf.paragraph(_t(lang, "agreement.terms", product=_t(lang, f"product.{facts.product}"),
                     amount=format_cny(facts.principal), rate=_rate(lang, facts.daily_rate), term=term,
                     method=_t(lang, f"method.{facts.method}"), interest=format_cny(schedule.total_interest),
                     penalty=_rate(lang, facts.penalty_rate),
                     maturity=schedule.installments[-1].due_date.isoformat(),
                     one_day=format_cny(facts.one_day_interest)))
    pdf.heading(_t(lang, "doc.schedule"), size=12)
    rows = [(str(i.period), i.due_date.isoformat(), format_cny(i.principal), format_cny(i.interest),
             format_cny(i.total), format_cny(i.balance_after)) for i in schedule.installments]
    rows.append(("", _t(lang, "doc.total"), format_cny(schedule.principal),
                 format_cny(schedule.total_interest), format_cny(schedule.total_repayment), ""))
    pdf.table(_schedule_headers(lang), rows, right=(2, 3, 4, 5))
    pdf.paragraph(_t(lang, "doc.schedule_note"), size=8)
    return pdf.output()


def _schedule_headers(lang: str) -> list[str]:
    return [_t(lang, f"doc.col.{c}") for c in ("period", "due", "principal", "interest", "total", "balance")]


# --- receipts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Receipt:
    payment: PaymentRow  # the payment and its allocation, as a loan's history shows it
    product: str
    outstanding_after: Decimal  # the loan's principal still owed right after this payment
    seller_name: str


def receipt(actor: Actor, payment_id: int) -> Receipt:
    checked_id(payment_id, NotFound, "doc.no_payment", "id")
    with read_scope() as session:
        payment = session.get(Payment, payment_id)
        if payment is None:
            raise NotFound(text("doc.no_payment", id=payment_id))
        try:
            loan = loan_store.get_for(session, actor, payment.loan_id).loan
        except NotFound:
            raise NotFound(text("doc.no_payment", id=payment_id)) from None
        repaid = session.exec(select(func.coalesce(func.sum(Payment.principal_fen), 0))
                              .where(Payment.loan_id == loan.id, col(Payment.id) <= payment.id)).one()
        name = session.get(Seller, loan.seller_id).name
    return Receipt(PaymentRow.of(payment), loan.product, from_fen(loan.principal_fen - int(repaid)), name)


def payment_receipt_pdf(actor: Actor, payment_id: int, lang: str = "en") -> bytes:
    r = receipt(actor, payment_id)
    p = r.payment
    pdf = _pdf(lang, _t(lang, "doc.receipt.title", id=p.id))
    lang = pdf.lang
    pdf.heading(_t(lang, "doc.receipt.title", id=p.id))
    pdf.pairs([
        (_t(lang, "doc.borrower"), r.seller_name),
        (_t(lang, "doc.loan"), f"#{p.loan_id} · {_t(lang, f'product.{r.product}')}"),
        (_t(lang, "doc.paid_on"), p.paid_on.isoformat()),
        (_t(lang, "doc.source"), _t(lang, f"doc.source.{_source(p.source)}")),
        (_t(lang, "doc.amount_paid"), format_cny(p.amount)),
        (_t(lang, "doc.penalty"), format_cny(p.penalty)),
        (_t(lang, "doc.interest"), format_cny(p.interest)),
        (_t(lang, "doc.principal_repaid"), format_cny(p.principal)),
        (_t(lang, "doc.outstanding_after"), format_cny(r.outstanding_after)),
    ])
    pdf.paragraph(_t(lang, "doc.receipt.note"), size=8)
    return pdf.output()


# --- monthly statements ------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementLine:
    on: date
    item: str  # draw / payment / balance
    loan_id: int | None
    detail: str  # payment source, or the balance movement's journal kind
    amount: Decimal  # drawn, paid, or the balance movement (+ in, − out)
    principal: Decimal
    interest: Decimal
    penalty: Decimal


@dataclass(frozen=True)
class Statement:
    seller_name: str
    month: date  # the first day of the month
    end: date  # the month's last day, or today in the current month
    opening_principal: Decimal
    drawn: Decimal
    principal_repaid: Decimal
    closing_principal: Decimal
    interest_paid: Decimal
    penalty_paid: Decimal
    opening_balance: Decimal
    closing_balance: Decimal
    lines: tuple[StatementLine, ...]


def statement_months(actor: Actor, seller_id: int) -> list[date]:
    """The months with a statement, newest first: from the first loan or balance movement to
    the business date's month."""
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    require_own_seller(actor, seller_id)
    with read_scope() as session:
        today = business_date(session)
        first_loan = session.exec(select(func.min(Loan.start_date)).where(Loan.seller_id == seller_id)).one()
        first_move = session.exec(select(func.min(JournalEntry.business_date))
                                  .join(JournalLine, col(JournalLine.entry_id) == JournalEntry.id)
                                  .where(JournalLine.seller_id == seller_id)).one()
    starts = [d for d in (first_loan, first_move) if d is not None]
    month = min(starts, default=today).replace(day=1)
    months = []
    while month <= today:
        months.append(month)
        month = add_months(month, 1)
    return months[::-1]


def monthly_statement(actor: Actor, seller_id: int, month: date) -> Statement:
    """Loans drawn, payments (split into principal, interest and penalty) and platform-balance
    movements of one calendar month, with principal and balance at its start and end. A month
    that is not a date (a datetime is not one) has no statement."""
    checked_id(seller_id, SellerNotFound, "seller.not_found", "seller_id")
    require_own_seller(actor, seller_id)
    if not isinstance(month, date) or isinstance(month, datetime):
        raise NotFound(text("doc.statement.no_month", month=shown(month)))
    start = month.replace(day=1)
    with read_scope() as session:
        seller = session.get(Seller, seller_id)
        if seller is None:
            raise SellerNotFound(text("seller.not_found", seller_id=seller_id))
        today = business_date(session)  # a later month (even 9999-12, with no month after it) ends today
        end = today if start > today else min(add_months(start, 1) - timedelta(days=1), today)
        return _statement(session, seller, start, end)


def _statement(session: Session, seller: Seller, start: date, end: date) -> Statement:
    loans = session.exec(select(Loan).where(Loan.seller_id == seller.id, Loan.start_date <= end)).all()
    payments = session.exec(select(Payment).where(Payment.seller_id == seller.id, Payment.paid_on <= end)
                            .order_by(col(Payment.paid_on), col(Payment.id))).all()
    moves = session.exec(select(JournalEntry.business_date, JournalEntry.kind, JournalEntry.loan_id,
                                JournalLine.credit_fen - JournalLine.debit_fen)
                         .join(JournalLine, col(JournalLine.entry_id) == JournalEntry.id)
                         .where(JournalLine.account == ledger.SELLER_BALANCE,
                                JournalLine.seller_id == seller.id, JournalEntry.business_date <= end)
                         .order_by(col(JournalEntry.business_date), col(JournalEntry.id))).all()
    lines = [StatementLine(loan.start_date, "draw", loan.id, loan.product, from_fen(loan.principal_fen),
                           from_fen(loan.principal_fen), ZERO, ZERO)
             for loan in loans if loan.start_date >= start]
    lines += [StatementLine(p.paid_on, "payment", p.loan_id, p.source, from_fen(p.amount_fen),
                            from_fen(p.principal_fen), from_fen(p.interest_fen), from_fen(p.penalty_fen))
              for p in payments if p.paid_on >= start]
    lines += [StatementLine(on, "balance", loan_id, kind, from_fen(int(fen)), ZERO, ZERO, ZERO)
              for on, kind, loan_id, fen in moves if on >= start]
    order = {"draw": 0, "payment": 1, "balance": 2}
    lines.sort(key=lambda line: (line.on, order[line.item]))
    drawn_before = sum((from_fen(loan.principal_fen) for loan in loans if loan.start_date < start), ZERO)
    repaid_before = sum((from_fen(p.principal_fen) for p in payments if p.paid_on < start), ZERO)
    month_lines = [line for line in lines if line.item == "payment"]
    drawn = sum((line.amount for line in lines if line.item == "draw"), ZERO)
    repaid = sum((line.principal for line in month_lines), ZERO)
    opening_balance = sum((from_fen(int(fen)) for on, _, _, fen in moves if on < start), ZERO)
    movement = sum((line.amount for line in lines if line.item == "balance"), ZERO)
    opening = drawn_before - repaid_before
    return Statement(seller.name, start, end, opening, drawn, repaid, opening + drawn - repaid,
                     sum((line.interest for line in month_lines), ZERO),
                     sum((line.penalty for line in month_lines), ZERO),
                     opening_balance, opening_balance + movement, tuple(lines))


def _line_text(lang: str, line: StatementLine) -> str:
    if line.item == "draw":
        return _t(lang, "doc.item.draw", product=_t(lang, f"product.{line.detail}"))
    if line.item == "payment":
        return _t(lang, "doc.item.payment", source=_t(lang, f"doc.source.{_source(line.detail)}"))
    kind = line.detail if line.detail in BALANCE_KINDS else "other"
    return _t(lang, "doc.item.balance", what=_t(lang, f"balance.kind.{kind}"))


STATEMENT_COLUMNS = ("date", "item", "loan", "amount", "principal", "interest", "penalty")


def statement_csv(actor: Actor, seller_id: int, month: date, lang: str = "en") -> bytes:
    """The statement's lines as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read
    Chinese), plain numbers with two decimals, then the summary rows."""
    s = monthly_statement(actor, seller_id, month)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_t(lang, f"doc.col.{c}") for c in STATEMENT_COLUMNS])
    for line in s.lines:
        writer.writerow([line.on.isoformat(), _line_text(lang, line), line.loan_id or "",
                         f"{line.amount:.2f}", f"{line.principal:.2f}", f"{line.interest:.2f}",
                         f"{line.penalty:.2f}"])
    writer.writerow([])
    for label, value in _summary(lang, s):
        writer.writerow([label, value])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _summary(lang: str, s: Statement) -> list[tuple[str, str]]:
    return [(_t(lang, "doc.statement.opening_principal"), f"{s.opening_principal:.2f}"),
            (_t(lang, "doc.statement.drawn"), f"{s.drawn:.2f}"),
            (_t(lang, "doc.statement.principal_repaid"), f"{s.principal_repaid:.2f}"),
            (_t(lang, "doc.statement.closing_principal"), f"{s.closing_principal:.2f}"),
            (_t(lang, "doc.statement.interest_paid"), f"{s.interest_paid:.2f}"),
            (_t(lang, "doc.statement.penalty_paid"), f"{s.penalty_paid:.2f}"),
            (_t(lang, "doc.statement.opening_balance"), f"{s.opening_balance:.2f}"),
            (_t(lang, "doc.statement.closing_balance"), f"{s.closing_balance:.2f}")]


def statement_pdf(actor: Actor, seller_id: int, month: date, lang: str = "en") -> bytes:
    s = monthly_statement(actor, seller_id, month)
    title = _t(lang, "doc.statement.title", month=s.month.strftime("%Y-%m"))
    pdf = _pdf(lang, title)
    lang = pdf.lang
    pdf.heading(_t(lang, "doc.statement.title", month=s.month.strftime("%Y-%m")))
    pdf.paragraph(_t(lang, "doc.statement.period", name=s.seller_name, start=s.month.isoformat(),
                     end=s.end.isoformat()))
    pdf.pairs([(label, format_cny(Decimal(value))) for label, value in _summary(lang, s)])
    if s.lines:
        pdf.table([_t(lang, f"doc.col.{c}") for c in STATEMENT_COLUMNS],
                  [(line.on.isoformat(), _line_text(lang, line), f"#{line.loan_id}" if line.loan_id else "",
                    format_cny(line.amount), format_cny(line.principal), format_cny(line.interest),
                    format_cny(line.penalty)) for line in s.lines], right=(3, 4, 5, 6))
    else:
        pdf.paragraph(_t(lang, "doc.statement.empty"))
    return pdf.output()

