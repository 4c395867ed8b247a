"""The calibration sample from the database: every realised past loan with its
seller's features as of the draw date (see `app.scoring.calibration`)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlmodel import Session, col, or_, select

from app.config import BAD_DPD, LoanStatus
from app.scoring.calibration import Observation
from app.services.credit.features import platform_features
from db.models import Loan


def realised_sample(session: Session) -> list[Observation]:
    """Closed loans and loans ever more than `BAD_DPD` days past due, oldest first."""
    loans = session.exec(select(Loan).where(or_(Loan.status == LoanStatus.CLOSED, Loan.max_dpd > BAD_DPD))
                         .order_by(col(Loan.id))).all()
    by_date: dict[date, list[Loan]] = defaultdict(list)
    for loan in loans:
        by_date[loan.start_date].append(loan)
    sample = []
    for drawn, group in sorted(by_date.items()):
        features = platform_features(session, drawn, sorted({loan.seller_id for loan in group}))
        sample += [Observation(loan.id, loan.seller_id, drawn, loan.max_dpd > BAD_DPD,
                               features[loan.seller_id]) for loan in group if loan.seller_id in features]
    return sample
