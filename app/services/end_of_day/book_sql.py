"""Set-based SQL over the whole book for end of day (rules §7, §8).

Integer arithmetic only (every SUM is cast back to BIGINT: PostgreSQL sums
bigints as NUMERIC, which would turn the rounding division into an exact one),
identical to the Decimal engine in `app.loans.state`:
money in fen, rates in 1e-8 (`*_rate_e8`), exact penalty in 1e-10 yuan, and
half-up rounding to the fen as (x + 5e7) / 1e8 on non-negative integers.
The only dialect difference is the day count between two dates.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, bindparam, text
from sqlalchemy.engine import Connection

from app import ledger
from app.config import InstallmentStatus, LoanStatus
from app.services.store.arrears import unpaid_installment_sql
from db.sql import sql_literal

HALF = 50_000_000
SCALE = 100_000_000
OPEN = sql_literal(LoanStatus.OPEN)
SCHEDULED, OVERDUE = sql_literal(InstallmentStatus.SCHEDULED), sql_literal(InstallmentStatus.OVERDUE)


def _days(connection: Connection, start: str, end: str) -> str:
    if connection.dialect.name == "sqlite":
        return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"
    return f"({end} - {start})"


def _plus_days(connection: Connection, value: str, days: int) -> str:
    if connection.dialect.name == "sqlite":
        return f"date({value}, '+{int(days)} days')"
    return f"({value} + {int(days)})"


def _date_param(connection: Connection, name: str) -> str:
    return f"CAST(:{name} AS DATE)" if connection.dialect.name == "postgresql" else f":{name}"


def _accrual_end(t: str) -> str:
    """The day interest and penalty stop: :t, or the day the loan turned non-performing (rules §7)."""
    return (f"(CASE WHEN l.non_performing_since IS NOT NULL AND l.non_performing_since < {t} "
            f"THEN l.non_performing_since ELSE {t} END)")


def _sql(connection: Connection, template: str) -> str:
    """Fill the day-count and date placeholders for this dialect."""
    t = _date_param(connection, "t")
    accrual_end = _accrual_end(t)
    return template.format(
        t=t,
        accrual_end=accrual_end,
        open_days=_days(connection, "(CASE WHEN c.start_date > l.paid_through THEN c.start_date "
                                    "ELSE l.paid_through END)", accrual_end),
        penalty_days=_days(connection, "COALESCE(i.penalty_through, i.due_date)", accrual_end),
        dpd_days=_days(connection, "MIN(i.due_date)", t),
        half=HALF, scale=SCALE,
    )


UNPAID = unpaid_installment_sql("i")

# Interest earned by the start of :t (see app.loans.state.recognised_interest).
INTEREST_TARGET = """(
  (SELECT CAST(COALESCE(SUM(i.interest_fen), 0) AS BIGINT) FROM installments i
     WHERE i.loan_id = l.id AND i.due_date <= {t})
  + COALESCE((SELECT c.interest_early_fen
       + ((SELECT CAST(COALESCE(SUM(j.principal_fen - j.principal_paid_fen), 0) AS BIGINT) FROM installments j
           WHERE j.loan_id = l.id AND j.due_date > {t})
          * l.daily_rate_e8
          * (CASE WHEN {open_days} > 0 THEN {open_days} ELSE 0 END) + {half}) / {scale}
     FROM installments c WHERE c.loan_id = l.id AND c.start_date <= {t} AND c.due_date > {t}), 0)
)"""

def _run(connection: Connection, template: str, **params) -> int:
    statement = text(_sql(connection, template)).bindparams(bindparam("t", type_=Date))
    return connection.execute(statement, params).rowcount


def mark_overdue(connection: Connection, t: date) -> int:
    """Installments unpaid after their due date are overdue from the next day."""
    unpaid = unpaid_installment_sql("installments")
    return _run(connection, f"""UPDATE installments SET status = {OVERDUE}
        WHERE status = {SCHEDULED} AND due_date < {{t}} AND {unpaid}""", t=t)


def update_days_past_due(connection: Connection, t: date) -> int:
    """DPD = t − oldest unpaid due date, for every open loan; and the worst ever.

    Only loans whose DPD can be other than 0 are written: those with an overdue
    installment (after `mark_overdue` with the same :t, every installment unpaid after
    its due date is one) and those whose DPD was not 0."""
    count = _run(connection, f"""UPDATE loans SET dpd = COALESCE((
        SELECT {{dpd_days}} FROM installments i WHERE i.loan_id = loans.id AND i.due_date < {{t}}
          AND {UNPAID}), 0)
        WHERE status = {OPEN} AND (dpd <> 0 OR id IN (
          SELECT loan_id FROM installments WHERE status = {OVERDUE} AND due_date < {{t}}))""", t=t)
    connection.execute(text(f"UPDATE loans SET max_dpd = dpd WHERE status = {OPEN} AND dpd > max_dpd"))
    return count


def mark_non_performing(connection: Connection, t: date, threshold: int) -> list[int]:
    """Loans over the DPD threshold turn non-performing; their ids.

    The date is the day DPD first exceeded the threshold (oldest unpaid due +
    threshold + 1), which is :t when end of day runs daily and stays exact when
    the book was moved forward in a jump (demo history)."""
    ids = [row[0] for row in connection.execute(
        text(f"SELECT id FROM loans WHERE status = {OPEN} AND non_performing_since IS NULL AND dpd > :n"),
        {"n": threshold})]
    oldest = f"(SELECT MIN(i.due_date) FROM installments i WHERE i.loan_id = loans.id AND {UNPAID})"
    since = _plus_days(connection, oldest, threshold + 1)
    connection.execute(text(f"""UPDATE loans SET non_performing_since = {since}
        WHERE status = {OPEN} AND non_performing_since IS NULL AND dpd > :n"""), {"n": threshold})
    return ids


DELTAS = "accrual_deltas"  # a temporary table: this night's accrual of each open loan


# INTEREST_TARGET and the penalty earned (app.loans.state.recognised_penalty) in one pass
# over the installments, grouped by loan:
# what is due by :t, the not-yet-due principal, the current installment (start <= :t < due;
# at most one) and the penalty, then the open accrual from the later of the current
# installment's start and paid_through (the same integer expressions, term by term; an
# installment with no penalty so far and none running — not yet past due or no principal
# unpaid — adds round(0) = 0 without the day count).
CURRENT = "i.start_date <= {t} AND i.due_date > {t}"
GROUPED_TARGETS = f"""SELECT l.id, l.daily_rate_e8, l.paid_through, l.non_performing_since,
    l.interest_recognised_fen, l.penalty_recognised_fen,
    CAST(SUM(CASE WHEN i.due_date <= {{t}} THEN i.interest_fen ELSE 0 END) AS BIGINT) AS due_interest,
    CAST(SUM(CASE WHEN i.due_date > {{t}} THEN i.principal_fen - i.principal_paid_fen ELSE 0 END) AS BIGINT)
      AS later_principal,
    MAX(CASE WHEN {CURRENT} THEN i.start_date END) AS current_start,
    MAX(CASE WHEN {CURRENT} THEN i.interest_early_fen END) AS current_early,
    CAST(SUM(CASE WHEN i.penalty_exact_e10 = 0
                       AND (i.due_date >= {{t}} OR i.principal_fen = i.principal_paid_fen) THEN 0
      ELSE (i.penalty_exact_e10 + (i.principal_fen - i.principal_paid_fen) * l.penalty_rate_e8
        * (CASE WHEN {{penalty_days}} > 0 THEN {{penalty_days}} ELSE 0 END) + {{half}}) / {{scale}}
      END) AS BIGINT) AS penalty
  FROM loans l JOIN installments i ON i.loan_id = l.id WHERE l.status = {OPEN}
  GROUP BY l.id, l.daily_rate_e8, l.paid_through, l.non_performing_since, l.interest_recognised_fen,
    l.penalty_recognised_fen"""


def _grouped_deltas(connection: Connection) -> str:
    """The SELECT of (loan, interest delta, penalty delta) over GROUPED_TARGETS, non-zero only."""
    t = _date_param(connection, "t")
    accrual_end = _accrual_end(t)
    start = "(CASE WHEN l.current_start > l.paid_through THEN l.current_start ELSE l.paid_through END)"
    days = _days(connection, start, accrual_end)
    interest = (f"l.due_interest + COALESCE(l.current_early + (l.later_principal * l.daily_rate_e8 "
                f"* (CASE WHEN {days} > 0 THEN {days} ELSE 0 END) + {HALF}) / {SCALE}, 0)")
    return f"""SELECT id, interest_delta, penalty_delta FROM (
        SELECT l.id, {interest} - l.interest_recognised_fen AS interest_delta,
               l.penalty - l.penalty_recognised_fen AS penalty_delta
        FROM ({_sql(connection, GROUPED_TARGETS)}) l) d
      WHERE interest_delta <> 0 OR penalty_delta <> 0"""


def compute_accruals(connection: Connection, t: date) -> None:
    """Compute, in ONE statement (one snapshot) and one pass over the installments, each open
    loan's interest and penalty earned up to :t beyond what is already recognised, into the
    temporary table `accrual_deltas (loan_id, interest_delta, penalty_delta)` (loans with a
    non-zero delta only): the safety check, both sides of the journal entry and the loans'
    update all read these same figures."""
    on_commit = " ON COMMIT DROP" if connection.dialect.name == "postgresql" else ""
    connection.execute(text(f"DROP TABLE IF EXISTS {DELTAS}"))
    connection.execute(text(f"""CREATE TEMPORARY TABLE {DELTAS} (loan_id BIGINT PRIMARY KEY,
        interest_delta BIGINT NOT NULL, penalty_delta BIGINT NOT NULL){on_commit}"""))
    columns = "loan_id, interest_delta, penalty_delta"
    statement = f"INSERT INTO {DELTAS} ({columns}) {_grouped_deltas(connection)}"
    connection.execute(text(statement).bindparams(bindparam("t", type_=Date)), {"t": t})


def negative_accruals(connection: Connection) -> int:
    """Open loans whose earned income would fall (never expected): a safety check
    over the deltas `compute_accruals` computed."""
    return connection.execute(text(
        f"SELECT COUNT(*) FROM {DELTAS} WHERE interest_delta < 0 OR penalty_delta < 0")).scalar_one()


def has_accruals(connection: Connection) -> bool:
    """Whether `compute_accruals` found anything to post (every delta it keeps is non-zero, and
    none is negative once `negative_accruals` found none)."""
    return connection.execute(text(f"SELECT EXISTS (SELECT 1 FROM {DELTAS})")).scalar_one() in (True, 1)


def discard_accruals(connection: Connection) -> None:
    """Drop the temporary table of a night with nothing to post."""
    connection.execute(text(f"DROP TABLE {DELTAS}"))


def post_accruals(connection: Connection, entry_id: int) -> None:
    """Post the computed deltas as lines of one journal entry (each positive delta
    once as a debit of the receivable and once as a credit of the income), add the
    same deltas to the loans' recognised figures, and drop the temporary table."""
    for delta, asset, income in (("interest_delta", ledger.INTEREST_RECEIVABLE, ledger.INTEREST_INCOME),
                                 ("penalty_delta", ledger.PENALTY_RECEIVABLE, ledger.PENALTY_INCOME)):
        for account, debit, credit in ((asset, f"d.{delta}", "0"), (income, "0", f"d.{delta}")):
            connection.execute(text(f"""INSERT INTO journal_lines
                (entry_id, account, loan_id, debit_fen, credit_fen)
                SELECT :entry, :account, d.loan_id, {debit}, {credit} FROM {DELTAS} d
                WHERE d.{delta} > 0 ORDER BY d.loan_id"""), {"entry": entry_id, "account": account})
    connection.execute(text(f"""UPDATE loans SET
        interest_recognised_fen = loans.interest_recognised_fen + d.interest_delta,
        penalty_recognised_fen = loans.penalty_recognised_fen + d.penalty_delta
        FROM {DELTAS} d WHERE d.loan_id = loans.id"""))  # UPDATE … FROM: PostgreSQL, SQLite ≥ 3.33
    connection.execute(text(f"DROP TABLE {DELTAS}"))
