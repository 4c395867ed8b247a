"""Which sellers' rating inputs changed since they were last rated (rules §6.3; issue #11).

Nightly pre-approval re-scores only the sellers whose fingerprint changed. A seller's
fingerprint is a hash of what the rating reads, gathered set-wise in one query plus a
few date sums in Python:

- the month (a new complete sales month; sales and behaviour are read by whole months,
  `app.scoring.features.month_starts`) and the scorecard's version;
- the seller and shop facts: resident id (age as of the date), real name, blacklist,
  tenure in whole months, certification, category;
- the loans: how many, the newest, how many closed, non-performing, the sum of worst
  days past due; the newest payment (any repayment event); whether an installment is
  overdue now; the newest application.

Sales or behaviour rows written for a month already closed are not seen until the next
month (or `assess --all`, which re-rates everyone). The last fingerprint of each seller
rated is kept in `rating_inputs`.
"""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import Date, bindparam, delete, insert, text
from sqlmodel import Session

from app.eligibility.resident_id import age_on, birth_date_of
from app.errors import InvalidResidentId
from app.services.loan_store import unpaid_installment_sql
from db.models import RatingInput

INPUTS = f"""SELECT s.id, s.resident_id, s.real_name_verified, s.blacklisted,
    sh.since, sh.certified, sh.category, lo.n, lo.newest, lo.closed, lo.bad, lo.worst,
    (SELECT MAX(p.id) FROM payments p WHERE p.seller_id = s.id) AS payment,
    (SELECT MAX(a.id) FROM credit_applications a WHERE a.seller_id = s.id) AS application,
    EXISTS (SELECT 1 FROM loans l JOIN installments i ON i.loan_id = l.id
            WHERE l.seller_id = s.id AND l.status = 'open' AND i.due_date < :today
              AND {unpaid_installment_sql('i')}) AS overdue
  FROM sellers s
  JOIN (SELECT seller_id, MIN(member_since) AS since, MAX(CASE WHEN certified THEN 1 ELSE 0 END) AS certified,
               MIN(category) AS category FROM shops GROUP BY seller_id) sh ON sh.seller_id = s.id
  LEFT JOIN (SELECT seller_id, COUNT(*) AS n, MAX(id) AS newest,
               SUM(CASE WHEN status = 'closed' THEN 1 ELSE 0 END) AS closed,
               SUM(CASE WHEN non_performing_since IS NOT NULL THEN 1 ELSE 0 END) AS bad,
               SUM(max_dpd) AS worst FROM loans GROUP BY seller_id) lo ON lo.seller_id = s.id"""


def fingerprints(session: Session, today: date, model_version: str) -> dict[int, str]:
    """Every seller's fingerprint as of `today` (sellers with a shop)."""
    query = text(INPUTS).bindparams(bindparam("today", type_=Date))
    prints = {}
    for row in session.execute(query, {"today": today}):
        seller_id, resident_id, *rest = row
        since = date.fromisoformat(str(rest[2]))
        tenure = (today.year - since.year) * 12 + today.month - since.month - (today.day < since.day)
        facts = (today.replace(day=1), model_version, _age(resident_id, today), resident_id, tenure,
                 *(int(v or 0) if isinstance(v, bool | int) or v is None else str(v) for v in rest))
        prints[seller_id] = hashlib.sha1(repr(facts).encode()).hexdigest()
    return prints


def _age(resident_id: str, today: date) -> int | None:
    try:
        return age_on(birth_date_of(resident_id), today)
    except InvalidResidentId:
        return None


def changed(session: Session, prints: dict[int, str]) -> list[int]:
    """The sellers whose fingerprint differs from the one kept (or who have none), by id."""
    kept = dict(session.execute(text("SELECT seller_id, fingerprint FROM rating_inputs")).all())
    return sorted(seller_id for seller_id, value in prints.items() if kept.get(seller_id) != value)


def remember(session: Session, prints: dict[int, str], seller_ids: list[int], today: date) -> None:
    """Keep the fingerprints the sellers were just rated on."""
    for start in range(0, len(seller_ids), 5000):
        chunk = seller_ids[start:start + 5000]
        session.execute(delete(RatingInput).where(RatingInput.seller_id.in_(chunk)))
        session.execute(insert(RatingInput), [{"seller_id": s, "fingerprint": prints[s], "rated_on": today}
                                              for s in chunk])
