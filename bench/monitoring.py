"""The nightly monitoring step (rules §8, §9) over a large book: prints a figure.

Builds a throwaway SQLite database (or uses DATABASE_URL with --use-existing, which
must be empty of sellers) with N sellers, one shop each, `--days` days of daily sales
and two rating decisions per seller, all generated set-based in SQL (INSERT … SELECT
over a recursive counter), so one seller in 20 has its sales halved in the last 30
days and one in 50 its rating down two bands. Then times `monitoring.run` for the
next business date in one transaction (rolled back, so it can be run again).

    .venv/bin/python bench/monitoring.py [--sellers 100000] [--days 120] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ON = date(2026, 12, 1)


def counter(n: int) -> str:
    return f"WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < {int(n)})"


def build(connection, sellers: int, days: int) -> None:
    from sqlalchemy import text

    first = (ON - timedelta(days=days)).isoformat()
    statements = [
        f"""{counter(sellers)} INSERT INTO sellers (id, name, resident_id, phone, real_name_verified,
            blacklisted, platform_balance_fen) SELECT n, 'S' || n, 'R' || n, '', true, false, 0 FROM k""",
        f"""{counter(sellers)} INSERT INTO shops (id, seller_id, name, category, member_since, certified)
            SELECT 'B' || n, n, 'Shop ' || n, 'home', '2023-01-01', true FROM k""",
        f"""{counter(days)} INSERT INTO daily_sales (shop_id, day, sales_fen, refunds_fen, order_count,
            buyer_count, repeat_buyer_count, dispute_count)
            SELECT s.id, date(:first, '+' || (k.n - 1) || ' days'),
                   CASE WHEN s.seller_id % 20 = 0 AND k.n > :days - 30 THEN 40000 ELSE 100000 END
                     + (s.seller_id * 7 + k.n * 13) % 5000,
                   (s.seller_id + k.n) % 3000, 5, 4, 1, 0
            FROM shops s CROSS JOIN k""",
        f"""{counter(sellers)} INSERT INTO credit_decisions (seller_id, decided_on, source, model_version,
            status, score, band, credit_limit_fen, advance_rate_e8, proposed_credit_limit_fen,
            average_monthly_sales_fen, inputs_json, reasons_json, created_at)
            SELECT n, :old, 'pre_approval', 'b', 'approved', 720, 'A', 0, 0, 0, 0, '{{}}', '{{}}', :now
            FROM k""",
        f"""{counter(sellers)} INSERT INTO credit_decisions (seller_id, decided_on, source, model_version,
            status, score, band, credit_limit_fen, advance_rate_e8, proposed_credit_limit_fen,
            average_monthly_sales_fen, inputs_json, reasons_json, created_at)
            SELECT n, :recent, 'pre_approval', 'b', 'approved', 620,
                   CASE WHEN n % 50 = 0 THEN 'BB' ELSE 'A' END, 0, 0, 0, 0, '{{}}', '{{}}', :now FROM k""",
    ]
    params = {"first": first, "days": days, "old": (ON - timedelta(days=100)).isoformat(),
              "recent": (ON - timedelta(days=5)).isoformat(), "now": "2026-12-01 00:00:00"}
    for statement in statements:
        connection.execute(text(statement), params)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sellers", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--use-existing", action="store_true", help="use DATABASE_URL as it is")
    args = parser.parse_args()
    if not args.use_existing:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    from db.migrations_runner import upgrade

    upgrade(os.environ["DATABASE_URL"])
    from sqlmodel import Session

    from app.services.risk_ops import monitoring
    from db.engine import get_engine

    started = time.perf_counter()
    with get_engine().begin() as connection:
        build(connection, args.sellers, args.days)
    built = time.perf_counter() - started
    print(f"built {args.sellers:,} sellers × {args.days} days of sales in {built:.1f} s")
    for run in range(1, args.runs + 1):
        with Session(get_engine()) as session:
            started = time.perf_counter()
            report = monitoring.run(session, ON)
            elapsed = time.perf_counter() - started
            session.rollback()
        print(f"run {run}: monitoring of {args.sellers:,} sellers for {ON} took {elapsed:.2f} s "
              f"({report.warnings_opened:,} warnings opened)")


if __name__ == "__main__":
    main()
