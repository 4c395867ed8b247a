"""Rules written once and read in two forms agree (issue 15 §3): the DPD bucket in Python and as the
portfolio's SQL CASE; an unpaid or overdue installment as SQL, as SQL text and on rows read."""

from __future__ import annotations

from sqlalchemy import Integer, literal, select

from app.dpd import bucket_names, dpd_bucket
from app.services.back_office.portfolio import bucket_case
from db.engine import session_scope


def test_the_sql_bucket_of_every_dpd_is_the_one_dpd_bucket_gives(db_url):
    days = range(-2, 200)
    with session_scope() as session:
        in_sql = session.execute(select(*(bucket_case(literal(n, Integer)) for n in days))).one()
    assert list(in_sql) == [dpd_bucket(n) for n in days]
    assert set(in_sql) == set(bucket_names())
