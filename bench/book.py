"""A generated book of N open loans, written set-based (issue #11).

The loans are copies of a few thousand *templates* made by the Decimal engine
(`app.loans.state.new_loan`, then every installment due before the business date paid
on its due date by `apply_payment`, income recognised to date): credit loans of every
method over 3, 6 and 12 months drawn on every day of their term so far, and 30-day order
loans. Loan n copies template n mod T, so the copies are exact by construction; loans,
installments and orders are then written with one INSERT…SELECT each over a series
(generate_series on PostgreSQL, a recursive CTE on SQLite). `check_sample` reads loans
back through the loan repository and compares them with the engine.

Tonight (the business date) the book holds, besides the accruals of every open loan:

- ~1/30 of the credit loans with an installment due today, auto-debited from the sellers'
  balances — in full where the balance covers it (most sellers), in part for every 40th
  seller, whose balance is 1.00 (the per-loan engine);
- one order loan in 15 with a pledged order confirmed today (the engine: proceeds repay the loan),
  and N/20 unpledged orders confirmed today (straight to the sellers' balances);
- re-rating: every seller fingerprinted as last night's pre-approval left them, so tonight's
  re-scores the sellers whose inputs change: a loan closed or newly overdue, a birthday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import bindparam
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection
from sqlmodel.sql.sqltypes import UTCDateTime

from app.config import DEFAULT_CONFIG, RepaymentMethod
from app.eligibility.resident_id import check_character
from app.loans.allocation import amount_due, apply_payment
from app.loans.state import LoanState, new_loan, recognised_interest
from app.loans.terms import LoanTerms
from app.money import to_fen
from db.convert import rate_to_e8

TODAY = date(2026, 6, 15)


def text(statement: str):
    """A text statement; `:now` bound as the ORM binds a timestamp."""
    query = sql_text(statement)
    return query.bindparams(bindparam("now", type_=UTCDateTime())) if ":now" in statement else query


LOANS_PER_SELLER = 4
ORDER_LOAN_SHARE = 10  # every 10th loan is an order loan
LOAN_COLUMNS = ("product", "method", "principal_fen", "daily_rate_e8", "penalty_rate_e8", "start_date",
                "maturity_date", "term_months", "term_days", "paid_through", "outstanding_fen",
                "interest_recognised_fen")
INSTALLMENT_COLUMNS = ("period", "start_date", "due_date", "principal_fen", "interest_fen",
                       "interest_early_fen", "principal_paid_fen", "interest_paid_fen", "penalty_through",
                       "status")


@dataclass(frozen=True)
class Template:
    terms: LoanTerms
    principal: Decimal
    start: date


def templates() -> list[Template]:
    """Credit loans of every method and term drawn on each day of the term so far; order loans."""
    out = []
    for method in RepaymentMethod:
        for months in (3, 6, 12):
            for age in range(1, months * 30):
                principal = Decimal(1000 + (age * 37 + months * 101) % 90 * 500)
                out.append(Template(LoanTerms.credit(method, months), principal, TODAY - timedelta(days=age)))
    return out


def order_templates() -> list[Template]:
    return [Template(LoanTerms.order(), Decimal(900 + age * 90), TODAY - timedelta(days=age))
            for age in range(1, 30)]


def state_today(template: Template) -> LoanState:
    """The loan drawn at its start, every installment due before today paid on its due date."""
    cfg = DEFAULT_CONFIG
    rate = cfg.daily_rate(template.terms.product)
    state = new_loan(template.terms, template.principal, rate, cfg.penalty_rate(rate), template.start)
    for inst in state.installments:
        if inst.due_date < TODAY:
            state, _ = apply_payment(state, inst.due_date, amount_due(state, inst.due_date))
    return state


def template_rows(index: int, template: Template) -> tuple[dict, list[dict]]:
    state = state_today(template)
    terms = template.terms
    loan = dict(k=index, product=terms.product.value, method=terms.method.value,
                principal_fen=to_fen(template.principal), daily_rate_e8=rate_to_e8(state.daily_rate),
                penalty_rate_e8=rate_to_e8(state.penalty_rate), start_date=template.start,
                maturity_date=state.installments[-1].due_date, term_months=terms.months, term_days=terms.days,
                paid_through=state.paid_through,
                outstanding_fen=sum(to_fen(i.principal_unpaid) for i in state.installments),
                interest_recognised_fen=to_fen(recognised_interest(state, TODAY)))
    rows = [dict(k=index, period=i.period, start_date=i.start_date, due_date=i.due_date,
                 principal_fen=to_fen(i.principal), interest_fen=to_fen(i.interest),
                 interest_early_fen=to_fen(i.interest_early), principal_paid_fen=to_fen(i.principal_paid),
                 interest_paid_fen=to_fen(i.interest_paid), penalty_through=i.penalty_through,
                 status="paid" if i.due_date < TODAY else "scheduled")
            for i in state.installments]
    return loan, rows


def series(connection: Connection, n: int) -> str:
    """A CTE `seq(n)` of 1..n."""
    if connection.dialect.name == "postgresql":
        return f"seq(n) AS (SELECT generate_series(1, {int(n)}))"
    return f"seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {int(n)})"


def generate(connection: Connection, loans: int, now) -> dict:
    """Write the book of `loans` open loans into an empty, migrated database; a summary."""
    credit = templates()
    orders = order_templates()
    _write_templates(connection, credit, orders)
    sellers = -(-loans // LOANS_PER_SELLER)
    _write_sellers(connection, sellers)
    _write_loans(connection, loans, len(credit), len(orders), now)
    _write_orders(connection, loans, now)
    _finish(connection, now)
    return {"loans": loans, "sellers": sellers, "templates": len(credit) + len(orders)}


def _write_templates(connection: Connection, credit: list[Template], orders: list[Template]) -> None:
    for table, columns in (("tpl_loans", LOAN_COLUMNS), ("tpl_installments", INSTALLMENT_COLUMNS)):
        typed = ", ".join(f"{c} {_type(c)}" for c in columns)
        connection.execute(text(f"CREATE TABLE {table} (k INTEGER, kind TEXT, {typed})"))
        connection.execute(text(f"CREATE INDEX ix_{table} ON {table} (kind, k)"))
    for kind, group in (("credit", credit), ("order", orders)):
        loans, rows = [], []
        for index, template in enumerate(group):
            loan, installments = template_rows(index, template)
            loans.append({**loan, "kind": kind})
            rows += [{**row, "kind": kind} for row in installments]
        names = ("k", "kind", *LOAN_COLUMNS)
        connection.execute(text(f"INSERT INTO tpl_loans ({', '.join(names)}) "
                                f"VALUES ({', '.join(':' + c for c in names)})"), loans)
        names = ("k", "kind", *INSTALLMENT_COLUMNS)
        connection.execute(text(f"INSERT INTO tpl_installments ({', '.join(names)}) "
                                f"VALUES ({', '.join(':' + c for c in names)})"), rows)


def _type(column: str) -> str:
    if column in ("product", "method", "status"):
        return "TEXT"
    if column.endswith(("_date", "_through")):
        return "DATE"
    return "BIGINT"


def resident_id(n: int) -> str:
    born = date(1970, 1, 1) + timedelta(days=n % 10_000)
    first17 = f"110101{born:%Y%m%d}{n // 10_000 % 1000:03d}"
    return first17 + check_character(first17)


def _write_sellers(connection: Connection, sellers: int) -> None:
    """Sellers and their shops (executemany: their resident ids carry a check character)."""
    connection.execute(text("""INSERT INTO sellers (id, name, resident_id, phone, real_name_verified,
        blacklisted, platform_balance_fen) VALUES (:id, :name, :rid, '', true, false, :balance)"""),
                       [{"id": s, "name": f"Bench {s}", "rid": resident_id(s),
                         "balance": 100 if s % 40 == 0 else 50_000_000} for s in range(1, sellers + 1)])
    connection.execute(text("""INSERT INTO shops (id, seller_id, name, category, member_since, certified)
        VALUES (:id, :seller, :name, 'apparel', :since, false)"""),
                       [{"id": f"B{s}", "seller": s, "name": f"Bench shop {s}", "since": date(2023, 1, 1)}
                        for s in range(1, sellers + 1)])


def _write_loans(connection: Connection, loans: int, credit: int, orders: int, now) -> None:
    pick = (f"CASE WHEN n % {ORDER_LOAN_SHARE} = 0 THEN 'order' ELSE 'credit' END",
            f"CASE WHEN n % {ORDER_LOAN_SHARE} = 0 THEN n % {orders} ELSE n % {credit} END")
    loan_cols = ", ".join(f"t.{c}" for c in LOAN_COLUMNS)
    connection.execute(text(f"""WITH RECURSIVE {series(connection, loans)}
        INSERT INTO loans (id, seller_id, shop_id, status, dpd, max_dpd, penalty_recognised_fen, created_at,
                           {', '.join(LOAN_COLUMNS)})
        SELECT n, (n - 1) / {LOANS_PER_SELLER} + 1, 'B' || ((n - 1) / {LOANS_PER_SELLER} + 1),
               'open', 0, 0, 0, :now, {loan_cols}
        FROM seq JOIN tpl_loans t ON t.kind = {pick[0]} AND t.k = {pick[1]}"""), {"now": now})
    inst_cols = ", ".join(f"t.{c}" for c in INSTALLMENT_COLUMNS)
    connection.execute(text(f"""INSERT INTO installments (loan_id, {', '.join(INSTALLMENT_COLUMNS)})
        SELECT l.id, {inst_cols} FROM loans l
        JOIN tpl_installments t ON t.kind = l.product
          AND t.k = CASE WHEN l.product = 'order' THEN l.id % {orders} ELSE l.id % {credit} END
        ORDER BY l.id, t.period"""))


def _write_orders(connection: Connection, loans: int, now) -> None:
    """Two pledged orders per order loan (one of every 15th loan's confirmed today: ~2 of 30 order loans
    settle one a night, as over a 30-day term), N/20 unpledged ones confirmed today."""
    today, later = TODAY.isoformat(), (TODAY + timedelta(days=9)).isoformat()
    cast = "CAST(:{} AS DATE)" if connection.dialect.name == "postgresql" else ":{}"
    connection.execute(text(f"""INSERT INTO orders (shop_id, buyer, amount_fen, status, paid_on, shipped_on,
          confirm_on, pledged_loan_id)
        SELECT l.shop_id, 'buyer', l.principal_fen * 10 / 18, 'shipped', l.start_date,
          l.start_date,
          CASE WHEN l.id / 10 % 15 = 0 AND k.k = 1 THEN {cast.format('today')}
               ELSE {cast.format('later')} END, l.id
        FROM loans l CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2) k WHERE l.product = 'order'
        ORDER BY l.id, k.k"""), {"today": today, "later": later})
    connection.execute(text(f"""WITH RECURSIVE {series(connection, loans // 20)}
        INSERT INTO orders (shop_id, buyer, amount_fen, status, paid_on, shipped_on, confirm_on)
        SELECT 'B' || (n * 7 % {-(-loans // LOANS_PER_SELLER)} + 1), 'buyer', 10000 + n % 50 * 1000,
          'shipped', {cast.format('shipped')}, {cast.format('shipped')}, {cast.format('today')} FROM seq"""),
                       {"today": today, "shipped": (TODAY - timedelta(days=5)).isoformat()})


def _finish(connection: Connection, now) -> None:
    """Settings, the lender book, sequences past the explicit ids, statistics."""
    connection.execute(text("DELETE FROM settings WHERE key IN ('business_date', 'nightly_pre_approval')"))
    connection.execute(text("INSERT INTO settings (key, value) VALUES ('business_date', :d), "
                            "('nightly_pre_approval', 'on')"), {"d": TODAY.isoformat()})
    connection.execute(text("UPDATE lender_book SET outstanding_fen = (SELECT "
                            "CAST(COALESCE(SUM(outstanding_fen), 0) AS BIGINT) FROM loans "
                            "WHERE status = 'open') WHERE id = 1"))
    connection.execute(text("DROP TABLE tpl_loans"))
    connection.execute(text("DROP TABLE tpl_installments"))
    if connection.dialect.name == "postgresql":
        for table in ("sellers", "loans"):
            connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                    f"(SELECT MAX(id) FROM {table}))"))
