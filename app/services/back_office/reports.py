"""The statements as tables for a file or a download (issue #18 §4): one `ReportTable` per report,
the same figures the Books page and `python -m app report` show (`app.services.back_office.statements`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.errors import ReportRefused
from app.i18n import text
from app.report_files import ReportTable
from app.services.access.actor import ADMIN, RISK, SYSTEM, Actor, require_role
from app.services.access.inputs import shown
from app.services.back_office import ecl, statements
from app.services.store.postings import closed_through
from db.engine import read_scope

REPORTS = ("trial-balance", "income", "balance-sheet", "classification", "general-ledger", "journal", "ecl")
DATED = ("trial-balance", "balance-sheet", "classification")  # of one date; the others of a period


def _trial_balance(actor: Actor, on: date) -> ReportTable:
    tb = statements.trial_balance(actor, on)
    rows = tuple((r.account, r.kind, r.debit, r.credit) for r in tb.rows)
    return ReportTable("trial-balance", f"Trial balance on {on.isoformat()}",
                       ("account", "kind", "debit", "credit"),
                       (*rows, ("total", "", tb.total_debit, tb.total_credit)))


def _income(actor: Actor, start: date, end: date) -> ReportTable:
    s = statements.income_statement(actor, start, end)
    rows = (*((a, v) for a, v in s.income.items()), ("net_interest_income", s.net_interest_income),
            *((a, v) for a, v in s.expenses.items()), ("net_income", s.net_income))
    return ReportTable("income", f"Income statement {start.isoformat()} to {end.isoformat()}",
                       ("line", "amount"), rows)


def _balance_sheet(actor: Actor, on: date) -> ReportTable:
    b = statements.balance_sheet(actor, on)
    rows = (*(("assets", a, v) for a, v in b.assets.items()), ("assets", "total_assets", b.total_assets),
            *(("liabilities", a, v) for a, v in b.liabilities.items()),
            *(("clearing", a, v) for a, v in b.clearing.items()),
            ("equity", "retained_earnings", b.retained_earnings),
            ("total", "liabilities_and_equity", b.total_liabilities_and_equity))
    return ReportTable("balance-sheet", f"Balance sheet on {on.isoformat()}",
                       ("section", "line", "amount"), rows)


def _classification(actor: Actor, on: date) -> ReportTable:
    """One row per category, the total with coverage (拨备覆盖率) and provision ratio (贷款拨备率), the
    usual minimums, then the month-end trend (ratios as shares: 1.5000 = 150 %)."""
    c = statements.classification_table(actor, on)
    night = c.night.isoformat() if c.night else "no end of day yet"
    rows = [("category", r.category, r.chinese, r.loans, r.balance, r.rate, r.allowance, None, None)
            for r in c.rows]
    if c.point is not None:
        p = c.point
        rows.append(("total", "", "", sum(r.loans for r in c.rows), p.loans, None, p.allowance, p.coverage,
                     p.provision_ratio))
        rows.append(("minimum", "", "", None, None, None, None, c.coverage_minimum,
                     c.provision_ratio_minimum))
        rows += [("trend", t.night.isoformat(), "", None, t.loans, None, t.allowance, t.coverage,
                  t.provision_ratio) for t in c.trend]
    columns = ("row", "category", "chinese", "loans", "balance", "rate", "allowance", "coverage",
               "provision_ratio")
    return ReportTable("classification", f"Loan classification on {on.isoformat()} (end of day {night})",
                       columns, tuple(rows))


def _general_ledger(actor: Actor, account: str, start: date, end: date) -> ReportTable:
    g = statements.general_ledger(actor, account, start, end)
    rows = ((start, None, "opening", "", None, None, None, g.opening),
            *((ln.business_date, ln.entry_id, ln.kind, ln.memo, ln.loan_id, ln.debit, ln.credit, ln.balance)
              for ln in g.lines),
            (end, None, "closing", "", None, None, None, g.closing))
    title = f"General ledger of {account} {start.isoformat()} to {end.isoformat()}"
    columns = ("date", "entry", "kind", "memo", "loan", "debit", "credit", "balance")
    return ReportTable("general-ledger", title, columns, rows)


def _journal(actor: Actor, start: date, end: date) -> ReportTable:
    rows = tuple((r.business_date, r.entry_id, r.kind, r.memo, r.account, r.loan_id, r.seller_id, r.debit,
                  r.credit) for r in statements.journal(actor, start, end))
    columns = ("date", "entry", "kind", "memo", "account", "loan", "seller", "debit", "credit")
    return ReportTable("journal", f"Journal {start.isoformat()} to {end.isoformat()}", columns, rows)


def _ecl(actor: Actor) -> ReportTable:
    """The IFRS 9 style view (`back_office.ecl`): per stage, loans, EAD and ECL; per band, the PDs."""
    view = ecl.expected_credit_loss(actor)
    night = view.night.isoformat() if view.night else "no end of day yet"
    stages = tuple(("stage", str(r.stage), r.loans, r.ead, None, None, r.ecl) for r in view.stages)
    total = ("total", "", sum(r.loans for r in view.stages), sum(r.ead for r in view.stages), None, None,
             view.total_ecl)
    bands = tuple(("band", b.band, b.realised, None, b.pd_stage1, b.pd_stage2, None) for b in view.bands)
    return ReportTable("ecl", f"Expected credit loss (IFRS 9 view) at end of day {night}, LGD {view.lgd}",
                       ("row", "stage_or_band", "loans", "ead", "pd_stage1", "pd_stage2", "ecl"),
                       (*stages, total, *bands))


def _marked_closed(table: ReportTable, last_day: date) -> ReportTable:
    """A report whose dates all lie in closed months says so in its title (issue #18 §5)."""
    with read_scope() as session:
        through = closed_through(session)
    if through is None or last_day > through:
        return table
    return replace(table, title=f"{table.title} — closed month (books closed through {through.isoformat()})")


def report_table(actor: Actor, name: str, *, on: date | None = None, start: date | None = None,
                 end: date | None = None, account: str | None = None) -> ReportTable:
    """The report `name` (one of REPORTS) on a date or over a period (admin, risk, the system)."""
    require_role(actor, ADMIN, RISK, SYSTEM)
    if name == "ecl":
        return _ecl(actor)
    if name in DATED:
        if on is None:
            raise ReportRefused(text("report.needs_on", name=name))
        builder = {"trial-balance": _trial_balance, "balance-sheet": _balance_sheet,
                   "classification": _classification}[name]
        return _marked_closed(builder(actor, on), statements.checked_date(on))
    if isinstance(name, str) and name in REPORTS:
        if start is None or end is None:
            raise ReportRefused(text("report.needs_period", name=name))
        start, end = statements.checked_period(start, end)
        if name == "income":
            return _marked_closed(_income(actor, start, end), end)
        if name == "journal":
            return _journal(actor, start, end)
        if not account:
            raise ReportRefused(text("report.needs_account"))
        return _general_ledger(actor, account, start, end)
    raise ReportRefused(text("report.unknown", name=shown(name), names=", ".join(REPORTS)))
