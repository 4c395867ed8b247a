"""The lender's statements (issue #18 §4), read from the journal (definitions: docs/accounting.md).

Every figure is a grouped sum over journal lines by their entry's business date — one query per
statement — in fen, turned into Decimal yuan here:

- trial balance on a date: each account's balance (debit − credit) of the entries dated up to
  it, shown on its debit or credit side; the two columns are equal;
- general ledger of one account over a period: the opening balance, every line with its
  running balance, the closing balance; the journal of a period: every line, entry by entry;
- income statement over a period: each income and expense account's movement (income as
  credits − debits, expense as debits − credits), net interest income (interest and penalty
  income less the funding cost of the bank lines), net income;
- balance sheet on a date: assets (the allowance as a negative asset: net loans), liabilities,
  clearing accounts and the retained earnings (every income less every expense to that date);
  assets = liabilities + clearing + retained earnings, exactly;
- classification on a date: the five categories of the last end of day on or before it, the
  allowance it required, coverage (allowance ÷ non-performing loans: 次级 + 可疑 + 损失) and the
  provision ratio (allowance ÷ all loans) beside the usual minimums, and the same figures at
  the last end of day of each of the 12 months before (the trend).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from app import ledger
from app.classification import (
    CHINESE,
    COVERAGE_MINIMUM,
    NON_PERFORMING,
    PROVISION_RATIO_MINIMUM,
    Category,
    ratio,
)
from app.errors import ReportRefused
from app.i18n import text
from app.money import ZERO, from_fen
from app.services.access.actor import ADMIN, RISK, SYSTEM, Actor, require_role
from app.services.access.inputs import shown
from app.services.store.postings import net_by_account
from db.engine import read_scope
from db.models import ClassificationTotal, JournalEntry, JournalLine

INCOME_ACCOUNTS = (ledger.INTEREST_INCOME, ledger.PENALTY_INCOME, ledger.RECOVERY_INCOME)
EXPENSE_ACCOUNTS = (ledger.FUNDING_EXPENSE, ledger.PROVISION_EXPENSE, ledger.LOAN_LOSS)
TREND_MONTHS = 12


FIRST_YEAR, LAST_YEAR = 2000, 2999  # the dates a book can hold (and no date overflows around them)


def checked_date(value: object) -> date:
    """`value` if it is a date of the books (not a datetime, not text); else `ReportRefused`."""
    if (not isinstance(value, date) or isinstance(value, datetime)
            or not FIRST_YEAR <= value.year <= LAST_YEAR):
        raise ReportRefused(text("report.not_a_date", value=shown(value)))
    return value


def checked_period(start: object, end: object) -> tuple[date, date]:
    first, last = checked_date(start), checked_date(end)
    if first > last:
        raise ReportRefused(text("report.backwards", start=first.isoformat(), end=last.isoformat()))
    return first, last


def _ordered(accounts: Iterable[str]) -> list[str]:
    known = list(ledger.ACCOUNT_KINDS)
    return sorted(accounts, key=lambda a: (known.index(a) if a in known else len(known), a))


# --- trial balance ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrialBalanceRow:
    account: str
    kind: str
    debit: Decimal
    credit: Decimal


@dataclass(frozen=True)
class TrialBalance:
    on: date
    rows: tuple[TrialBalanceRow, ...]
    total_debit: Decimal
    total_credit: Decimal


def trial_balance_of(session: Session, on: date) -> TrialBalance:
    nets = net_by_account(session, through=on)
    rows = tuple(TrialBalanceRow(a, ledger.ACCOUNT_KINDS.get(a, ""), from_fen(max(nets[a], 0)),
                                 from_fen(max(-nets[a], 0))) for a in _ordered(nets))
    return TrialBalance(on, rows, sum((r.debit for r in rows), ZERO), sum((r.credit for r in rows), ZERO))


def trial_balance(actor: Actor, on: date) -> TrialBalance:
    """Each account's balance on `on` (admin and risk)."""
    require_role(actor, ADMIN, RISK, SYSTEM)
    on = checked_date(on)
    with read_scope() as session:
        return trial_balance_of(session, on)


# --- general ledger ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerLine:
    business_date: date
    entry_id: int
    kind: str
    memo: str
    loan_id: int | None
    debit: Decimal
    credit: Decimal
    balance: Decimal  # running: debit − credit


@dataclass(frozen=True)
class GeneralLedger:
    account: str
    start: date
    end: date
    opening: Decimal
    lines: tuple[LedgerLine, ...]
    closing: Decimal


def general_ledger(actor: Actor, account: str, start: date, end: date) -> GeneralLedger:
    """One account's lines dated `start` to `end`, with a running balance (admin and risk)."""
    require_role(actor, ADMIN, RISK, SYSTEM)
    start, end = checked_period(start, end)
    if not isinstance(account, str) or account not in ledger.ACCOUNT_KINDS:
        raise ReportRefused(text("report.unknown_account", account=shown(account),
                                 accounts=", ".join(ledger.ACCOUNT_KINDS)))
    with read_scope() as session:
        opening = net_by_account(session, through=start - timedelta(days=1)).get(account, 0)
        query = (select(JournalEntry.business_date, JournalEntry.id, JournalEntry.kind, JournalEntry.memo,
                        JournalLine.loan_id, JournalLine.debit_fen, JournalLine.credit_fen)
                 .join(JournalEntry, col(JournalEntry.id) == JournalLine.entry_id)
                 .where(JournalLine.account == account, JournalEntry.business_date >= start,
                        JournalEntry.business_date <= end)
                 .order_by(JournalEntry.business_date, JournalEntry.id, JournalLine.id))
        running, lines = opening, []
        for day, entry_id, kind, memo, loan_id, debit, credit in session.exec(query):
            running += debit - credit
            lines.append(LedgerLine(day, entry_id, kind, memo, loan_id, from_fen(debit), from_fen(credit),
                                    from_fen(running)))
    return GeneralLedger(account, start, end, from_fen(opening), tuple(lines), from_fen(running))


# --- journal ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JournalRow:
    business_date: date
    entry_id: int
    kind: str
    memo: str
    account: str
    loan_id: int | None
    seller_id: int | None
    debit: Decimal
    credit: Decimal


def journal(actor: Actor, start: date, end: date) -> tuple[JournalRow, ...]:
    """Every line of the entries dated `start` to `end`, entry by entry (admin and risk)."""
    require_role(actor, ADMIN, RISK, SYSTEM)
    start, end = checked_period(start, end)
    with read_scope() as session:
        query = (select(JournalEntry.business_date, JournalEntry.id, JournalEntry.kind, JournalEntry.memo,
                        JournalLine.account, JournalLine.loan_id, JournalLine.seller_id,
                        JournalLine.debit_fen, JournalLine.credit_fen)
                 .join(JournalEntry, col(JournalEntry.id) == JournalLine.entry_id)
                 .where(JournalEntry.business_date >= start, JournalEntry.business_date <= end)
                 .order_by(JournalEntry.business_date, JournalEntry.id, JournalLine.id))
        return tuple(JournalRow(day, entry, kind, memo, account, loan, seller, from_fen(debit),
                                from_fen(credit))
                     for day, entry, kind, memo, account, loan, seller, debit, credit in session.exec(query))


# --- income statement -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncomeStatement:
    start: date
    end: date
    income: dict[str, Decimal]  # account → credits − debits
    expenses: dict[str, Decimal]  # account → debits − credits
    net_interest_income: Decimal  # interest + penalty income − funding expense
    net_income: Decimal


def income_statement_of(session: Session, start: date, end: date) -> IncomeStatement:
    nets = net_by_account(session, through=end, since=start)
    income = {a: from_fen(-nets.get(a, 0)) for a in INCOME_ACCOUNTS}
    expenses = {a: from_fen(nets.get(a, 0)) for a in EXPENSE_ACCOUNTS}
    interest = (income[ledger.INTEREST_INCOME] + income[ledger.PENALTY_INCOME]
                - expenses[ledger.FUNDING_EXPENSE])
    return IncomeStatement(start, end, income, expenses, interest,
                           sum(income.values(), ZERO) - sum(expenses.values(), ZERO))


def income_statement(actor: Actor, start: date, end: date) -> IncomeStatement:
    """Income and expenses of the entries dated `start` to `end` (admin and risk)."""
    require_role(actor, ADMIN, RISK, SYSTEM)
    start, end = checked_period(start, end)
    with read_scope() as session:
        return income_statement_of(session, start, end)


# --- balance sheet ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BalanceSheet:
    on: date
    assets: dict[str, Decimal]  # debit − credit; the allowance negative
    liabilities: dict[str, Decimal]  # credit − debit
    clearing: dict[str, Decimal]  # credit − debit (money on its way, normally zero)
    retained_earnings: Decimal  # every income less every expense up to `on`
    total_assets: Decimal
    total_liabilities_and_equity: Decimal


def balance_sheet_of(session: Session, on: date) -> BalanceSheet:
    nets = net_by_account(session, through=on)
    kinds = ledger.ACCOUNT_KINDS

    def of(*wanted: str, sign: int = 1) -> dict[str, Decimal]:
        return {a: from_fen(sign * nets.get(a, 0)) for a in kinds if kinds[a] in wanted}

    assets = of(ledger.ASSET, ledger.CONTRA_ASSET)
    liabilities, clearing = of(ledger.LIABILITY, sign=-1), of(ledger.CLEARING, sign=-1)
    earnings = from_fen(-sum(nets.get(a, 0) for a in kinds if kinds[a] in (ledger.INCOME, ledger.EXPENSE)))
    total_assets = sum(assets.values(), ZERO)
    return BalanceSheet(on, assets, liabilities, clearing, earnings, total_assets,
                        sum(liabilities.values(), ZERO) + sum(clearing.values(), ZERO) + earnings)


def balance_sheet(actor: Actor, on: date) -> BalanceSheet:
    """Assets, liabilities and retained earnings on `on` (admin and risk)."""
    require_role(actor, ADMIN, RISK, SYSTEM)
    on = checked_date(on)
    with read_scope() as session:
        return balance_sheet_of(session, on)


# --- classification ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryRow:
    category: str  # Category code: pass, special_mention, …
    chinese: str
    loans: int
    balance: Decimal
    rate: Decimal  # share: 0.25 = 25 %
    allowance: Decimal


@dataclass(frozen=True)
class ClassificationPoint:
    night: date
    loans: Decimal  # every open loan's balance
    non_performing: Decimal
    allowance: Decimal
    coverage: Decimal | None  # allowance ÷ non-performing (None: no NPL)
    provision_ratio: Decimal | None  # allowance ÷ loans


@dataclass(frozen=True)
class ClassificationTable:
    on: date
    night: date | None  # the end of day the figures are of (None: none ran yet)
    rows: tuple[CategoryRow, ...]
    point: ClassificationPoint | None
    coverage_minimum: Decimal
    provision_ratio_minimum: Decimal
    trend: tuple[ClassificationPoint, ...]  # oldest first: the last night of each earlier month, then `night`


def _night_on_or_before(session: Session, on: date) -> date | None:
    return session.exec(select(func.max(ClassificationTotal.business_date))
                        .where(ClassificationTotal.business_date <= on)).one()


def _totals(session: Session, night: date) -> list[ClassificationTotal]:
    return list(session.exec(select(ClassificationTotal).where(ClassificationTotal.business_date == night)
                             .order_by(ClassificationTotal.category)))


def _point(night: date, totals: list[ClassificationTotal]) -> ClassificationPoint:
    loans = from_fen(sum(t.balance_fen for t in totals))
    npl = from_fen(sum(t.balance_fen for t in totals if Category(t.category) in NON_PERFORMING))
    allowance = from_fen(sum(t.required_fen for t in totals))
    return ClassificationPoint(night, loans, npl, allowance, ratio(allowance, npl), ratio(allowance, loans))


def classification_table_of(session: Session, on: date) -> ClassificationTable:
    night = _night_on_or_before(session, on)
    if night is None:
        return ClassificationTable(on, None, (), None, COVERAGE_MINIMUM, PROVISION_RATIO_MINIMUM, ())
    totals = _totals(session, night)
    rows = tuple(CategoryRow(Category(t.category).code, CHINESE[Category(t.category)], t.loans,
                             from_fen(t.balance_fen), Decimal(t.rate_bp) / 10_000, from_fen(t.required_fen))
                 for t in totals)
    trend, month_start = [], night.replace(day=1)
    for _ in range(TREND_MONTHS):
        earlier = _night_on_or_before(session, month_start - timedelta(days=1))
        if earlier is None:
            break
        trend.append(_point(earlier, _totals(session, earlier)))
        month_start = earlier.replace(day=1)
    point = _point(night, totals)
    return ClassificationTable(on, night, rows, point, COVERAGE_MINIMUM, PROVISION_RATIO_MINIMUM,
                               (*reversed(trend), point))


def classification_table(actor: Actor, on: date) -> ClassificationTable:
    """The five categories on `on` (the last end of day up to it), coverage and provision ratio,
    and the 12-month trend (admin and risk)."""
    require_role(actor, ADMIN, RISK, SYSTEM)
    on = checked_date(on)
    with read_scope() as session:
        return classification_table_of(session, on)
