"""Decision latency (rules §6.4: "1 second to know"; goal p99 ≤ 20 ms in-process).

Seeds the demo into a throwaway SQLite database (or uses DATABASE_URL with
--use-existing), then times N full decisions — eligibility, features, score,
rating, limits and the stored decision — through `apply_for_credit`, cycling
over every seller, and prints p50 / p95 / p99 / max in milliseconds.

    .venv/bin/python bench/decision_latency.py [-n 1000] [--use-existing]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="decisions to time (default 1000)")
    parser.add_argument("--use-existing", action="store_true", help="use DATABASE_URL as it is")
    args = parser.parse_args()
    if not args.use_existing:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    from db.migrations_runner import upgrade

    upgrade(os.environ["DATABASE_URL"])
    from sqlmodel import select

    from app.demo.seed import seed_demo
    from app.services.access.actor import SYSTEM_ACTOR
    from app.services.credit.assessment import apply_for_credit
    from db.engine import session_scope
    from db.models import Seller

    if not args.use_existing:
        seed_demo(7)
    with session_scope() as session:
        sellers = list(session.exec(select(Seller.id).order_by(Seller.id)).all())
    apply_for_credit(SYSTEM_ACTOR, seller_id=sellers[0])  # warm caches (model file, engine)
    timings = []
    for k in range(args.n):
        started = time.perf_counter()
        apply_for_credit(SYSTEM_ACTOR, seller_id=sellers[k % len(sellers)])
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    q = statistics.quantiles(timings, n=100)
    print(f"{args.n} decisions over {len(sellers)} sellers ({os.environ['DATABASE_URL'].split(':')[0]}): "
          f"p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, p99 {q[98]:.1f} ms, max {timings[-1]:.1f} ms")


if __name__ == "__main__":
    main()
