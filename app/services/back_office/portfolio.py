"""The portfolio dashboard (product §3), computed set-based: grouped SQL over the loans and
the ledger, folded into months in Python (a few hundred rows at most).

Definitions (shown on the page):
- outstanding: principal still owed on open loans; disbursed: principal of every loan drawn;
  average ticket = disbursed ÷ number of loans; loans per day: draws per business day over
  the last 30 days;
- days past due are those the end of day writes on each open loan (`loans.dpd`, rules §7-§8),
  so the DPD distribution and the NPL ratio are as of the last end of day;
- NPL ratio = outstanding principal of open loans more than 90 days past due ÷ outstanding
  principal of all open loans (the source's reference figure is 0.72 %);
- vintage: the loans drawn in a calendar month (a cohort) and the share of them ever more
  than 30 days past due (`loans.max_dpd > 30`, the model's "bad"); young cohorts have had
  less time to go bad;
- income: interest_income and penalty_income of the ledger (credits − debits) by month;
- lender capacity used = outstanding ÷ loanable funds (rules §10).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Case, case, func
from sqlmodel import Session, col, select

from app import ledger
from app.config import BAD_DPD, LoanStatus
from app.dpd import bucket_bounds, bucket_labels, bucket_names
from app.money import ZERO, from_fen
from app.services.access.actor import ADMIN, RISK, Actor, require_role
from app.services.store.product_settings import loanable_funds
from app.services.store.settings import business_date
from db.engine import database_url, read_scope
from db.models import JournalEntry, JournalLine, Loan, SettingsChange

REFERENCE_NPL_RATIO = Decimal("0.0072")  # rules §12: NPL 0.72 %
PER_DAY_WINDOW = 30
DAILY_CHART_DAYS = 90


@dataclass(frozen=True)
class BucketRow:
    bucket: str  # "current", "1-30", …, ">90"
    loans: int
    outstanding: Decimal


@dataclass(frozen=True)
class VintageRow:
    month: str  # YYYY-MM of the draw
    loans: int
    bad: int
    disbursed: Decimal

    @property
    def bad_rate(self) -> Decimal:
        return Decimal(self.bad) / self.loans if self.loans else ZERO


@dataclass(frozen=True)
class IncomeRow:
    month: str
    interest: Decimal
    penalty: Decimal


@dataclass(frozen=True)
class Portfolio:
    today: date
    outstanding: Decimal
    disbursed: Decimal
    loans: int
    open_loans: int
    loans_per_day: Decimal
    daily_draws: tuple[tuple[date, int], ...]  # the last 90 days with a draw
    dpd: tuple[BucketRow, ...]  # current first, > 90 last
    vintages: tuple[VintageRow, ...]
    income: tuple[IncomeRow, ...]
    loanable_funds: Decimal

    @property
    def average_ticket(self) -> Decimal:
        return (self.disbursed / self.loans).quantize(Decimal("0.01")) if self.loans else ZERO

    @property
    def npl_outstanding(self) -> Decimal:
        return self.dpd[-1].outstanding

    @property
    def npl_ratio(self) -> Decimal:
        return self.npl_outstanding / self.outstanding if self.outstanding else ZERO

    @property
    def capacity_used(self) -> Decimal:
        return self.outstanding / self.loanable_funds if self.loanable_funds else ZERO

    @property
    def interest_income(self) -> Decimal:
        return sum((r.interest for r in self.income), ZERO)

    @property
    def penalty_income(self) -> Decimal:
        return sum((r.penalty for r in self.income), ZERO)


def portfolio_version(actor: Actor) -> tuple:
    """What the portfolio's figures are a function of, for a page that keeps them between visits
    (`components.cache`): the database, its business date, the last journal entry (every draw,
    repayment, settlement, accrual and correction posts one), the last loan, and the last
    settings change (loanable funds). Four index look-ups (risk officers and admins)."""
    require_role(actor, RISK, ADMIN)
    tables = (JournalEntry, Loan, SettingsChange)
    lasts = select(*(select(func.max(table.id)).scalar_subquery() for table in tables))
    with read_scope() as session:
        return (database_url(), business_date(session).isoformat(), *session.exec(lasts).one())


def portfolio(actor: Actor) -> Portfolio:
    """The whole book as the dashboard shows it (risk officers and admins)."""
    require_role(actor, RISK, ADMIN)
    with read_scope() as session:
        today = business_date(session)
        loans, disbursed = session.exec(select(func.count(), func.coalesce(func.sum(Loan.principal_fen), 0))
                                        .select_from(Loan)).one()
        dpd = dpd_distribution(session)
        draws = _daily_draws(session, today)
        return Portfolio(today, sum((b.outstanding for b in dpd), ZERO), from_fen(int(disbursed)), loans,
                         sum(b.loans for b in dpd), _per_day(draws, today), draws, dpd, _vintages(session),
                         _income(session), loanable_funds(session))


def bucket_case(dpd) -> Case:
    """`app.dpd.dpd_bucket` in SQL, of the column or expression `dpd`: a CASE over the same
    `bucket_bounds`."""
    return case(*((dpd <= high, name) for high, name in bucket_bounds()), else_=bucket_labels()[-1])


def dpd_distribution(session: Session) -> tuple[BucketRow, ...]:
    """Open loans and their outstanding principal per DPD bucket (current first, > 90 last)."""
    bucket = bucket_case(Loan.dpd)
    rows = session.exec(select(bucket, func.count(), func.coalesce(func.sum(Loan.outstanding_fen), 0))
                        .where(Loan.status == LoanStatus.OPEN).group_by(bucket)).all()
    found = {label: (count, from_fen(int(fen))) for label, count, fen in rows}
    return tuple(BucketRow(label, *found.get(label, (0, ZERO))) for label in bucket_names())


def _daily_draws(session: Session, today: date) -> tuple[tuple[date, int], ...]:
    since = today - timedelta(days=DAILY_CHART_DAYS)
    rows = session.exec(select(Loan.start_date, func.count()).where(Loan.start_date >= since)
                        .group_by(Loan.start_date).order_by(Loan.start_date)).all()
    return tuple((day, count) for day, count in rows)


def _per_day(draws: tuple[tuple[date, int], ...], today: date) -> Decimal:
    since = today - timedelta(days=PER_DAY_WINDOW)
    return (Decimal(sum(n for day, n in draws if since <= day < today)) / PER_DAY_WINDOW).quantize(
        Decimal("0.1"))


def _vintages(session: Session) -> tuple[VintageRow, ...]:
    bad = func.sum(case((Loan.max_dpd > BAD_DPD, 1), else_=0))
    rows = session.exec(select(Loan.start_date, func.count(), bad, func.sum(Loan.principal_fen))
                        .group_by(Loan.start_date)).all()
    months: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for day, count, bads, fen in rows:
        month = months[day.isoformat()[:7]]
        month[0] += count
        month[1] += int(bads or 0)
        month[2] += int(fen or 0)
    return tuple(VintageRow(m, n, b, from_fen(f)) for m, (n, b, f) in sorted(months.items()))


def _income(session: Session) -> tuple[IncomeRow, ...]:
    net = func.sum(JournalLine.credit_fen - JournalLine.debit_fen)
    rows = session.exec(select(JournalEntry.business_date, JournalLine.account, net)
                        .join(JournalEntry, col(JournalEntry.id) == JournalLine.entry_id)
                        .where(col(JournalLine.account).in_([ledger.INTEREST_INCOME, ledger.PENALTY_INCOME]))
                        .group_by(JournalEntry.business_date, JournalLine.account)).all()
    months: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, account, fen in rows:
        months[day.isoformat()[:7]][account] += int(fen or 0)
    return tuple(IncomeRow(m, from_fen(a[ledger.INTEREST_INCOME]), from_fen(a[ledger.PENALTY_INCOME]))
                 for m, a in sorted(months.items()))
