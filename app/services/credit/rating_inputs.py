"""Which sellers' rating inputs changed since they were last rated (rules §6.3; issue #11).

Nightly pre-approval re-scores only the sellers whose fingerprint changed. A seller's
fingerprint is a hash of what the rating reads, gathered by five grouped queries (one pass
over each table, none correlated) plus a few date sums in Python:

- the month (a new complete sales month; sales and behaviour are read by whole months,
  `app.scoring.features.month_starts`), the scorecard's version and the product settings;
- the seller and shop facts: resident id (age as of the date), real name, blacklist,
  tenure in whole months, certification, category;
- the loans: how many, the newest, how many closed, non-performing, the sum of worst
  days past due; whether an installment is overdue now; the newest application.

A repayment is an input only through what the rating reads of it (`app.services.credit.features`
reads loans, not payments): the loan closing (on time or late), days past due, an overdue
installment cleared. An installment paid on its due date changes none of these, so the
nightly auto-debits re-score nobody.

Sales or behaviour rows written for a month already closed are not seen until the next
month (or `assess --all`, which re-rates everyone). The last fingerprint of each seller
rated is kept in `rating_inputs`.
"""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import Date, bindparam, delete, insert, literal_column, text
from sqlmodel import Session

from app.config import LendingConfig, LoanStatus
from app.eligibility.resident_id import age_on, birth_date_of
from app.errors import InvalidResidentId
from app.services.store.arrears import overdue_sellers
from db.models import RatingInput
from db.sql import sql_literal

QUERIES = {  # each grouped by seller: one pass over its table, none correlated
    "seller": "SELECT id, resident_id, real_name_verified, blacklisted FROM sellers",
    "shops": """SELECT seller_id, MIN(member_since), MAX(CASE WHEN certified THEN 1 ELSE 0 END), MIN(category)
        FROM shops GROUP BY seller_id""",
    "loans": f"""SELECT seller_id, COUNT(*), MAX(id),
        SUM(CASE WHEN status = {sql_literal(LoanStatus.CLOSED)} THEN 1 ELSE 0 END),
        SUM(CASE WHEN non_performing_since IS NOT NULL THEN 1 ELSE 0 END), SUM(max_dpd)
        FROM loans GROUP BY seller_id""",
    "application": "SELECT seller_id, MAX(id) FROM credit_applications GROUP BY seller_id",
    # the sellers overdue on :today (`app.services.store.arrears`), each as (seller, 1)
    "overdue": overdue_sellers(bindparam("today", type_=Date)).add_columns(literal_column("1")),
}


def fingerprints(session: Session, today: date, model_version: str) -> dict[int, str]:
    """Every seller's fingerprint as of `today` (sellers with a shop)."""
    parts = {}
    for name, query in QUERIES.items():
        statement = text(query) if isinstance(query, str) else query
        parts[name] = {row[0]: tuple(_plain(v) for v in row[1:])
                       for row in session.execute(statement, {"today": today})}
    prints = {}
    for seller_id, shops in parts["shops"].items():
        resident_id = parts["seller"][seller_id][0]
        since = date.fromisoformat(shops[0])
        tenure = (today.year - since.year) * 12 + today.month - since.month - (today.day < since.day)
        facts = (today.replace(day=1), model_version, _age(resident_id, today), tenure,
                 *(parts[name].get(seller_id) for name in QUERIES))
        prints[seller_id] = hashlib.sha1(repr(facts).encode()).hexdigest()
    return prints


def version_of(model_version: str, cfg: LendingConfig) -> str:
    """The scorecard's version and a digest of the product settings in force: an officer's
    change of a setting the rating reads (bands, limits, factors) re-rates everyone that night."""
    return f"{model_version}:{hashlib.sha1(repr(cfg).encode()).hexdigest()[:12]}"


def _plain(value) -> int | str | None:
    """The same value whichever driver read it (booleans and sums as int, dates as text)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool | int):
        return int(value)
    return str(value) if isinstance(value, date) else int(value)


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
