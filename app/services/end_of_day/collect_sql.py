"""Set-based settlement and auto-debit for end of day, where the allocation is simple (rules §5, §8).

Two whole-book steps, each a few statements in the caller's transaction:

- `settle_to_balance`: confirmed orders that back no open loan (never pledged, or their
  loan is closed) — the proceeds go straight to the seller's platform balance: one
  `settlement` entry per order (debit order proceeds, credit the seller's balance).
- `debit_covered`: loans whose only dues are today's installment (nothing overdue, no
  penalty ever, not non-performing, income recognised to date, principal left after it),
  of sellers whose balance covers every loan with anything due — each loan pays its
  installment in full (interest, then principal): one payment, one `repayment_auto_debit`
  entry, as `repayment.collect_payment` would write them.

Everything else (orders pledged to an open loan, partial or overdue collections) goes
through the per-loan engine (`app.services.end_of_day.collect`). The caller holds the business day;
both steps lock the sellers they touch first, in id order (`app.services.store.locks`), before
reading what they will change, so a draw or a repayment is either wholly before or after.

Ids of the new payments and entries are taken from the table's sequence on PostgreSQL and
after the highest id on SQLite (whose writer holds the database lock), in the rows' order.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, bindparam, text
from sqlalchemy.engine import Connection
from sqlmodel.sql.sqltypes import UTCDateTime

from app import ledger
from app.config import InstallmentStatus, OrderStatus
from app.services.end_of_day.book_sql import INTEREST_TARGET, OPEN, UNPAID, _sql
from app.services.lending.orders import confirmed_order_sql
from app.services.store.arrears import due_installment_sql, unpaid_installment_sql
from db.ids import new_ids_sql
from db.sql import sql_literal

SETTLE, CANDIDATES, DEBITS = "settle_batch", "debit_candidates", "debit_batch"
DUE = due_installment_sql("l", "i")  # an installment `i` of loan `l` due by :t and unpaid
PAID, SETTLED = sql_literal(InstallmentStatus.PAID), sql_literal(OrderStatus.SETTLED)


def _exec(connection: Connection, statement: str, **params) -> int:
    query = text(_sql(connection, statement))
    if "t" in params:
        query = query.bindparams(bindparam("t", type_=Date))
    if "now" in params:  # stored as the ORM stores it (UTC; no offset on SQLite)
        query = query.bindparams(bindparam("now", type_=UTCDateTime()))
    return connection.execute(query, params).rowcount


def _temp_table(connection: Connection, name: str, columns: str) -> None:
    connection.execute(text(f"DROP TABLE IF EXISTS {name}"))
    connection.execute(text(f"CREATE TEMPORARY TABLE {name} ({columns})"))


def lock_sellers(connection: Connection, seller_query: str, **params) -> None:
    """Lock (PostgreSQL: FOR NO KEY UPDATE) the sellers `seller_query` selects, by id."""
    if connection.dialect.name != "postgresql":
        return  # SQLite: the writer already holds the database (BEGIN IMMEDIATE)
    _exec(connection, f"""SELECT id FROM sellers WHERE id IN ({seller_query})
        ORDER BY id FOR NO KEY UPDATE""", **params)


# --- settlement to the platform balance -------------------------------------------------------

UNBACKED = f"""FROM orders o JOIN shops s ON s.id = o.shop_id LEFT JOIN loans l ON l.id = o.pledged_loan_id
    WHERE {confirmed_order_sql("o")} AND (o.pledged_loan_id IS NULL OR l.status <> {OPEN})"""


def settle_to_balance(connection: Connection, today: date, now: datetime) -> int:
    """Settle every confirmed order that backs no open loan; the number settled."""
    lock_sellers(connection, f"SELECT s.seller_id {UNBACKED}", t=today)
    _temp_table(connection, SETTLE, "order_id BIGINT PRIMARY KEY, seller_id BIGINT NOT NULL, "
                                    "amount BIGINT NOT NULL, entry_id BIGINT")
    count = _exec(connection, f"""INSERT INTO {SETTLE} (order_id, seller_id, amount, entry_id)
        SELECT order_id, seller_id, amount, {new_ids_sql(connection, 'journal_entries', 'order_id')}
        FROM (SELECT o.id AS order_id, s.seller_id, o.amount_fen AS amount {UNBACKED}
              AND o.amount_fen > 0 ORDER BY o.id) q""", t=today)
    count += _exec(connection, f"""INSERT INTO {SETTLE} (order_id, seller_id, amount, entry_id)
        SELECT o.id, s.seller_id, o.amount_fen, NULL {UNBACKED} AND o.amount_fen = 0""", t=today)
    if not count:
        return 0
    _exec(connection, f"""INSERT INTO journal_entries (id, business_date, kind, memo, created_at)
        SELECT entry_id, {{t}}, 'settlement', 'order #' || order_id || ' proceeds to platform balance', :now
        FROM {SETTLE} WHERE entry_id IS NOT NULL ORDER BY entry_id""", t=today, now=now)
    _exec(connection, f"""INSERT INTO journal_lines (entry_id, account, seller_id, debit_fen, credit_fen)
        SELECT entry_id, :proceeds, NULL, amount, 0 FROM {SETTLE} WHERE entry_id IS NOT NULL
        UNION ALL SELECT entry_id, :balance, seller_id, 0, amount FROM {SETTLE} WHERE entry_id IS NOT NULL""",
          proceeds=ledger.ORDER_PROCEEDS, balance=ledger.SELLER_BALANCE)
    _exec(connection, f"""UPDATE sellers SET platform_balance_fen = sellers.platform_balance_fen + b.total
        FROM (SELECT seller_id, CAST(SUM(amount) AS BIGINT) AS total FROM {SETTLE} GROUP BY seller_id) b
        WHERE b.seller_id = sellers.id""")  # one grouped pass (UPDATE … FROM: SQLite ≥ 3.33)
    _exec(connection, f"""UPDATE orders SET status = {SETTLED}, settled_on = {{t}}
        WHERE id IN (SELECT order_id FROM {SETTLE})""", t=today)
    connection.execute(text(f"DROP TABLE {SETTLE}"))
    return count


# --- auto-debit where the balance covers everything due ---------------------------------------

DUE_SELLERS = f"""SELECT DISTINCT l.seller_id FROM loans l JOIN installments i ON i.loan_id = l.id
    JOIN sellers s ON s.id = l.seller_id
    WHERE s.platform_balance_fen > 0 AND {DUE}"""

SIMPLE_DUE_TODAY = f"""FROM loans l JOIN installments i ON i.loan_id = l.id AND i.due_date = {{t}}
    JOIN sellers s ON s.id = l.seller_id
    WHERE l.status = {OPEN} AND s.platform_balance_fen > 0 AND l.non_performing_since IS NULL
      AND {UNPAID} AND l.penalty_recognised_fen = 0
      AND NOT EXISTS (SELECT 1 FROM installments j WHERE j.loan_id = l.id
                      AND (j.penalty_exact_e10 <> 0 OR j.penalty_paid_fen <> 0))
      AND NOT EXISTS (SELECT 1 FROM installments i WHERE i.loan_id = l.id AND i.due_date < {{t}} AND {UNPAID})
      AND EXISTS (SELECT 1 FROM installments j WHERE j.loan_id = l.id AND j.due_date > {{t}}
                  AND j.principal_fen > j.principal_paid_fen)
      AND l.interest_recognised_fen = {INTEREST_TARGET}"""


def _debit_candidates(connection: Connection, today: date) -> int:
    """Loans whose whole due is today's installment, of sellers whose balance covers every
    such loan and who have no other loan with anything due."""
    _temp_table(connection, CANDIDATES, "loan_id BIGINT PRIMARY KEY, seller_id BIGINT NOT NULL, "
                                        "inst_id BIGINT NOT NULL, interest BIGINT NOT NULL, "
                                        "principal BIGINT NOT NULL")
    _exec(connection, f"""INSERT INTO {CANDIDATES} SELECT l.id, l.seller_id, i.id,
        i.interest_fen - i.interest_paid_fen, i.principal_fen - i.principal_paid_fen
        {SIMPLE_DUE_TODAY}""", t=today)
    _exec(connection, f"""DELETE FROM {CANDIDATES} WHERE seller_id IN (
        SELECT l.seller_id FROM loans l JOIN installments i ON i.loan_id = l.id
        WHERE {DUE}
          AND l.seller_id IN (SELECT seller_id FROM {CANDIDATES})
          AND l.id NOT IN (SELECT loan_id FROM {CANDIDATES}))""", t=today)
    _exec(connection, f"""DELETE FROM {CANDIDATES} WHERE seller_id IN (
        SELECT c.seller_id FROM {CANDIDATES} c JOIN sellers s ON s.id = c.seller_id
        GROUP BY c.seller_id, s.platform_balance_fen
        HAVING SUM(c.interest + c.principal) > s.platform_balance_fen)""")
    _temp_table(connection, DEBITS, "loan_id BIGINT PRIMARY KEY, seller_id BIGINT NOT NULL, "
                                    "inst_id BIGINT NOT NULL, interest BIGINT NOT NULL, "
                                    "principal BIGINT NOT NULL, payment_id BIGINT NOT NULL, "
                                    "entry_id BIGINT NOT NULL")
    return _exec(connection, f"""INSERT INTO {DEBITS}
        SELECT q.loan_id, q.seller_id, q.inst_id, q.interest, q.principal,
          {new_ids_sql(connection, 'payments', 'loan_id')},
          {new_ids_sql(connection, 'journal_entries', 'loan_id')}
        FROM (SELECT * FROM {CANDIDATES} ORDER BY loan_id) q""")


def debit_covered(connection: Connection, today: date, now: datetime) -> int:
    """Collect today's installment of every simple loan whose seller's balance covers all
    that seller owes today; the number of loans debited."""
    lock_sellers(connection, DUE_SELLERS, t=today)
    count = _debit_candidates(connection, today)
    connection.execute(text(f"DROP TABLE {CANDIDATES}"))
    if count:
        _post_debits(connection, today, now)
        _apply_debits(connection, today)
    connection.execute(text(f"DROP TABLE {DEBITS}"))
    return count


def _post_debits(connection: Connection, today: date, now: datetime) -> None:
    """The payments and their entries: debit the seller's balance, credit interest then principal."""
    _exec(connection, f"""INSERT INTO payments (id, loan_id, seller_id, paid_on, source, amount_fen,
          penalty_fen, interest_fen, principal_fen, created_at)
        SELECT payment_id, loan_id, seller_id, {{t}}, 'auto_debit', interest + principal, 0, interest,
          principal, :now FROM {DEBITS} ORDER BY payment_id""", t=today, now=now)
    _exec(connection, f"""INSERT INTO journal_entries (id, business_date, kind, memo, loan_id, payment_id,
          created_at)
        SELECT entry_id, {{t}}, 'repayment_auto_debit', '', loan_id, payment_id, :now
        FROM {DEBITS} ORDER BY entry_id""", t=today, now=now)
    _exec(connection, f"""INSERT INTO journal_lines
          (entry_id, account, loan_id, seller_id, debit_fen, credit_fen)
        SELECT entry_id, :balance, NULL, seller_id, interest + principal, 0 FROM {DEBITS}
        UNION ALL SELECT entry_id, :interest, loan_id, NULL, 0, interest FROM {DEBITS} WHERE interest > 0
        UNION ALL SELECT entry_id, :principal, loan_id, NULL, 0, principal FROM {DEBITS}
          WHERE principal > 0""",
          balance=ledger.SELLER_BALANCE, interest=ledger.INTEREST_RECEIVABLE, principal=ledger.LOAN_PRINCIPAL)


def _apply_debits(connection: Connection, today: date) -> None:
    """The installments paid, the loans' outstanding, the sellers' balances and the lender book
    (last, `app.services.store.locks`)."""
    _exec(connection, f"""UPDATE installments SET interest_paid_fen = interest_fen,
          principal_paid_fen = principal_fen, status = {PAID},
          penalty_through = CASE WHEN principal_fen > principal_paid_fen THEN {{t}} ELSE penalty_through END
        WHERE id IN (SELECT inst_id FROM {DEBITS})""", t=today)
    _exec(connection, f"""UPDATE installments SET status = {PAID}
        WHERE loan_id IN (SELECT loan_id FROM {DEBITS}) AND due_date <= {{t}} AND status <> {PAID}
          AND NOT {unpaid_installment_sql("installments")}""", t=today)
    _exec(connection, f"""UPDATE loans SET outstanding_fen = loans.outstanding_fen - d.principal
        FROM {DEBITS} d WHERE d.loan_id = loans.id""")
    _exec(connection, f"""UPDATE sellers SET platform_balance_fen = sellers.platform_balance_fen - d.total
        FROM (SELECT seller_id, CAST(SUM(interest + principal) AS BIGINT) AS total FROM {DEBITS}
              GROUP BY seller_id) d
        WHERE d.seller_id = sellers.id""")
    _exec(connection, f"""UPDATE lender_book SET outstanding_fen = outstanding_fen
        - (SELECT CAST(COALESCE(SUM(principal), 0) AS BIGINT) FROM {DEBITS}) WHERE id = 1""")
