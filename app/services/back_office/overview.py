"""The staff's first screen (product §3): the work waiting — the manual-review queue and
the loans in collections per days-past-due bucket (as of the last end of day)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.services.access.actor import ADMIN, RISK, Actor, require_role
from app.services.back_office.portfolio import BucketRow, dpd_distribution
from app.services.credit.review import review_queue
from app.services.store.settings import business_date
from db.engine import read_scope


@dataclass(frozen=True)
class StaffOverview:
    today: date
    review_queue: int
    buckets: tuple[BucketRow, ...]  # the past-due buckets only: 1-30 … > 90

    @property
    def in_collections(self) -> int:
        return sum(b.loans for b in self.buckets)


def staff_overview(actor: Actor) -> StaffOverview:
    require_role(actor, RISK, ADMIN)
    waiting = len(review_queue(actor))
    with read_scope() as session:
        return StaffOverview(business_date(session), waiting, dpd_distribution(session)[1:])
