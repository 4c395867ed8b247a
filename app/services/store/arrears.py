"""Arrears (rules §5, §6.1, §7): when an installment is unpaid, due or overdue — written once.

- **unpaid**: principal or interest still unpaid (penalty aside: rules §7);
- **due by `today`**: unpaid, of an open loan, due on or before `today` (what auto-debit
  collects, rules §5);
- **overdue on `today`**: unpaid, of an open loan, due before `today` (a seller with one is
  overdue: no draw, ineligible, in collections — rules §6.1, §7).

Every reader takes them from here: the ORM queries as expressions (`overdue_installment`,
`overdue_sellers`, …), the set-based SQL of end of day as text (`unpaid_installment_sql`),
and code holding installment rows already as `is_unpaid` / `is_overdue`.

Unpaid is decided by the amounts (end of day's auto-debit used `status <> 'paid'` before;
it is one rule now). The `status` is a label kept beside them: `paid` is written when nothing
is left of an installment due by the payment's date (`repayment._set_statuses`,
`collect_sql`), or of every installment of a loan that closes, and a reversal writes
`overdue`/`scheduled` back; an installment not yet due is never paid in full while its loan is
open, because a prepayment re-sizes the remaining installments (rules §5). So the label and
the amounts agree — `tests/services/test_eod_oracle.py` checks both ways on random books — and
the status test below narrows nothing: it lets `ix_installments_status_due_date` serve the
whole-book queries.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Date, Select, and_, bindparam
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from app.config import InstallmentStatus, LoanStatus
from db.models import Loan, LoanInstallment
from db.sql import enum_literal, sql_text

NOT_PAID = (InstallmentStatus.SCHEDULED, InstallmentStatus.OVERDUE)


def unpaid_installment(installment=LoanInstallment) -> ColumnElement[bool]:
    """An installment with principal or interest still unpaid (penalty aside: rules §7)."""
    return and_(col(installment.status).in_([enum_literal(s) for s in NOT_PAID]),
                (col(installment.principal_paid_fen) < col(installment.principal_fen))
                | (col(installment.interest_paid_fen) < col(installment.interest_fen)))


def unpaid_installment_sql(alias: str) -> str:
    """`unpaid_installment()` as SQL text over the installments table named `alias`."""
    return sql_text(unpaid_installment(aliased(LoanInstallment, name=alias)))


def is_unpaid(row: LoanInstallment) -> bool:
    """`unpaid_installment()` of an installment row already read."""
    return row.status in NOT_PAID and (row.principal_paid_fen < row.principal_fen
                                       or row.interest_paid_fen < row.interest_fen)


def is_overdue(row: LoanInstallment, today: date) -> bool:
    """An installment row already read, due before `today` and unpaid."""
    return row.due_date < today and is_unpaid(row)


def overdue_installment(today) -> ColumnElement[bool]:
    """An installment of an open loan, due before `today` and unpaid (over installments
    joined to their loans: `in_arrears`). `today` is a date or a bound parameter."""
    return and_(col(Loan.status) == enum_literal(LoanStatus.OPEN), col(LoanInstallment.due_date) < today,
                unpaid_installment())


def due_installment(today, installment=LoanInstallment, loan=Loan) -> ColumnElement[bool]:
    """An installment of an open loan, due on or before `today` and unpaid: what auto-debit
    collects (rules §5). `today` is a date or a bound parameter."""
    return and_(col(loan.status) == enum_literal(LoanStatus.OPEN), col(installment.due_date) <= today,
                unpaid_installment(installment))


def due_installment_sql(loan: str, installment: str) -> str:
    """`due_installment` as SQL text over the loan and installment tables named `loan` and
    `installment`, on the date the statement binds as `:t`."""
    return sql_text(due_installment(bindparam("t", type_=Date), aliased(LoanInstallment, name=installment),
                                    aliased(Loan, name=loan)))


def in_arrears(*columns, today) -> Select:
    """`columns` of the overdue installments on `today`, each joined to its loan."""
    return (select(*columns).select_from(LoanInstallment)
            .join(Loan, col(Loan.id) == LoanInstallment.loan_id).where(overdue_installment(today)))


def overdue_sellers(today) -> Select:
    """The sellers overdue on `today` (rules §6.1: no loan overdue), each once."""
    return in_arrears(Loan.seller_id, today=today).distinct()


def overdue_loans(today) -> Select:
    """The open loans with an installment overdue on `today`, each once."""
    return in_arrears(Loan.id, today=today).distinct()
