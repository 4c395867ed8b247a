"""Feed records for tests: builders of valid records and a writer of JSON Lines files."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from app.eligibility.resident_id import check_character

CST = timezone(timedelta(hours=8))
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "feed"
_ids = itertools.count(1)


def at(day: date, hour: int = 10) -> str:
    return datetime.combine(day, time(hour), CST).isoformat()


def resident_id(n: int) -> str:
    first17 = f"44030619880705{n:03d}"
    return first17 + check_character(first17)


def seller(platform_id: str, n: int, day: date, **changes) -> dict:
    return {"type": "seller", "version": 1, "event_id": f"ev-{next(_ids)}", "occurred_at": at(day),
            "seller_id": platform_id, "name": f"Seller {platform_id}", "resident_id": resident_id(n),
            "real_name_verified": True, "payment_account": f"alipay:{platform_id}", "joined_on": "2024-01-01",
            **changes}


def shop(platform_id: str, seller_id: str, day: date, **changes) -> dict:
    return {"type": "shop", "version": 1, "event_id": f"ev-{next(_ids)}", "occurred_at": at(day),
            "shop_id": platform_id, "seller_id": seller_id, "name": f"Shop {platform_id}",
            "opened_on": "2024-01-02", "category": "apparel", **changes}


def order(order_id: str, shop_id: str, status: str, day: date, amount: str = "1000.00", **changes) -> dict:
    return {"type": "order", "version": 1, "event_id": f"ev-{next(_ids)}", "occurred_at": at(day),
            "order_id": order_id, "shop_id": shop_id, "status": status, "amount": amount, **changes}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path
