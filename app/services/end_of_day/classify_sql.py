"""The nightly five-category classification and loan-loss allowance (rules §13), set-based.

`classify_book` runs in end of day's book step, after monitoring (its warnings, recalls and
recovery plans are the floors), with each open loan's DPD as of the next business date:

1. one INSERT … SELECT keeps every open loan's category, DPD and balance (outstanding principal
   + interest and penalty receivable, from the loan's kept figures, which reconcile to the
   ledger) in `loan_classifications` under the night's date;
2. one grouped read gives each category's loans and balance; its required allowance is
   balance × rate (admin settings, `effective_config`), half-up to the fen; the five rows go
   to `classification_totals`;
3. one balanced `provision` entry, through the posting writer, moves the allowance account
   to the sum of the five (`app.ledger.provision_lines`); nothing when it is there already.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, bindparam, text
from sqlmodel import Session

from app import ledger
from app.classification import RESTRUCTURED_FLOOR, WARNED_FLOOR, Category, category_bounds, required_allowance
from app.config import LoanStatus
from app.money import from_fen, to_fen
from app.services.store import postings, risk_records
from app.services.store.product_settings import effective_config
from db.models import ClassificationTotal
from db.sql import sql_literal

OPEN = sql_literal(LoanStatus.OPEN)
OPEN_EVENT = f"'{risk_records.OPEN}'"  # risk_events.status of a warning or recall in force (a constant)


def _category_sql(bounds: tuple[tuple[int, Category], ...]) -> str:
    whens = " ".join(f"WHEN l.dpd <= {int(high)} THEN {int(category)}" for high, category in bounds)
    return f"CASE {whens} ELSE {int(Category.LOSS)} END"


FLOOR_SQL = f"""CASE
    WHEN EXISTS (SELECT 1 FROM recovery_plans p WHERE p.loan_id = l.id AND p.lifted_on IS NULL)
      THEN {int(RESTRUCTURED_FLOOR)}
    WHEN EXISTS (SELECT 1 FROM risk_events r WHERE r.seller_id = l.seller_id AND r.status = {OPEN_EVENT})
      THEN {int(WARNED_FLOOR)}
    ELSE {int(Category.PASS)} END"""

PAID = f"""(SELECT i.loan_id, CAST(SUM(i.interest_paid_fen + i.penalty_paid_fen) AS BIGINT) AS paid
    FROM installments i JOIN loans o ON o.id = i.loan_id WHERE o.status = {OPEN} GROUP BY i.loan_id)"""


def classify_loans(session: Session, night: date) -> None:
    """Step 1: every open loan's category on `night`, by its DPD and floors."""
    bounds = category_bounds(effective_config(session))
    statement = f"""INSERT INTO loan_classifications (business_date, loan_id, category, dpd, balance_fen)
        SELECT :night, id, CASE WHEN by_dpd > floor THEN by_dpd ELSE floor END, dpd, balance FROM (
          SELECT l.id, l.dpd, {_category_sql(bounds)} AS by_dpd, {FLOOR_SQL} AS floor,
                 l.outstanding_fen + l.interest_recognised_fen + l.penalty_recognised_fen
                   - COALESCE(p.paid, 0) AS balance
          FROM loans l LEFT JOIN {PAID} p ON p.loan_id = l.id WHERE l.status = {OPEN}) q"""
    session.connection().execute(text(statement).bindparams(bindparam("night", type_=Date)), {"night": night})


def total_categories(session: Session, night: date) -> list[ClassificationTotal]:
    """Step 2: each category's loans, balance, rate and required allowance on `night`, stored."""
    cfg = effective_config(session)
    grouped = {int(c): (int(n), int(b)) for c, n, b in session.connection().execute(text(
        """SELECT category, COUNT(*), CAST(COALESCE(SUM(balance_fen), 0) AS BIGINT) FROM loan_classifications
           WHERE business_date = :night GROUP BY category""").bindparams(bindparam("night", type_=Date)),
        {"night": night})}
    totals = []
    for category in Category:
        loans, balance = grouped.get(int(category), (0, 0))
        required = required_allowance(from_fen(balance), category, cfg)
        totals.append(ClassificationTotal(business_date=night, category=int(category), loans=loans,
                                          balance_fen=balance,
                                          rate_bp=int(cfg.allowance_rates[category] * 10_000),
                                          required_fen=to_fen(required)))
    session.add_all(totals)
    return totals


def post_provision(session: Session, night: date, required: Decimal) -> None:
    """Step 3: move the allowance (a credit balance) to `required` against provision expense."""
    current = -from_fen(postings.balance_fen(session, ledger.LOAN_LOSS_ALLOWANCE))
    postings.post_entry(session, business_date=night, kind="provision",
                        memo="loan-loss allowance to required",
                        lines=ledger.provision_lines(current, required))


def classify_book(session: Session, night: date) -> None:
    """Classify every open loan on `night`, total the categories and post the allowance."""
    classify_loans(session, night)
    totals = total_categories(session, night)
    post_provision(session, night, sum((from_fen(t.required_fen) for t in totals), Decimal("0.00")))
