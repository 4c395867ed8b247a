"""`feed import` of order events (issue 17): records a second and the importer's peak memory.

Writes a gzipped JSON Lines file of N order events — N/2 orders of one shop, each placed and
then shipped — after a seller and a shop, and imports it with `python -m app feed import` in a
subprocess: its summary line gives the seconds, the operating system its peak RSS
(`getrusage(RUSAGE_CHILDREN)`).

    .venv/bin/python bench/feed.py [--events 20000] [--url sqlite:///…]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def write_feed(path: Path, events: int, head_path: Path | None = None) -> None:
    """The order events at `path`; the seller and shop first in the same file, or in `head_path`."""
    from app.eligibility.resident_id import check_character

    first17 = "11010119900101123"
    at = "2026-03-01T09:00:00+08:00"
    head = [{"type": "seller", "version": 1, "event_id": "b-seller", "occurred_at": at,
             "seller_id": "BS1", "name": "Bench Seller", "resident_id": first17 + check_character(first17),
             "real_name_verified": True, "payment_account": "alipay:bench", "joined_on": "2024-01-01"},
            {"type": "shop", "version": 1, "event_id": "b-shop", "occurred_at": at,
             "shop_id": "BSHOP", "seller_id": "BS1", "name": "Bench Shop", "opened_on": "2024-01-01",
             "category": "home"}]
    if head_path is not None:
        head_path.write_text("".join(json.dumps(record) + "\n" for record in head), encoding="utf-8")
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as handle:
        for record in head if head_path is None else ():
            handle.write(json.dumps(record) + "\n")
        for n in range(events // 2):
            for status, hour in (("placed", "10"), ("shipped", "16")):
                handle.write(f'{{"type":"order","version":1,"event_id":"b-{n}-{status}",'
                             f'"occurred_at":"2026-03-01T{hour}:00:00+08:00","order_id":"BO{n}",'
                             f'"shop_id":"BSHOP","status":"{status}",'
                             f'"amount":"{100 + n % 900}.{n % 100:02d}"}}\n')


def run(url: str, events: int) -> dict:
    """Import `events` order events into the migrated database at `url` (its seller and shop
    imported first, untimed)."""
    with tempfile.TemporaryDirectory(prefix="mlf-feed-") as tmp:
        path, head = Path(tmp) / "orders.jsonl.gz", Path(tmp) / "head.jsonl"
        write_feed(path, events, head)
        _import(url, head, Path(tmp))
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        out = _import(url, path, Path(tmp))
        rss_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    match = re.search(r"read (\d+), imported (\d+), unchanged (\d+), rejected (\d+) in ([\d.]+) s", out)
    read, imported, _, rejected, seconds = match.groups()
    return {"events": int(read), "imported": int(imported), "rejected": int(rejected),
            "seconds": float(seconds), "per_s": int(read) / max(float(seconds), 1e-9), "peak_rss_mb": rss_mb}


def _import(url: str, path: Path, tmp: Path) -> str:
    done = subprocess.run([sys.executable, "-m", "app", "feed", "import", str(path), "--rejects",
                           str(tmp / "rejects.csv"), "--batch", "1000"],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "DATABASE_URL": url})
    if done.returncode or "read " not in done.stdout:
        raise RuntimeError(f"feed import failed: {done.stdout[-500:]} {done.stderr[-2000:]}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--url", default=None, help="a migrated database (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mlf-feed-db-") as tmp:
        url = args.url or f"sqlite:///{tmp}/feed.db"
        if args.url is None:
            from db.migrations_runner import upgrade

            upgrade(url)
        result = run(url, args.events)
    print(f"{result['events']:,} events in {result['seconds']:.1f} s: {result['per_s']:,.0f}/s, "
          f"peak RSS {result['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
