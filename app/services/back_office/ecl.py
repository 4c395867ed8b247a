"""An expected-credit-loss view in the style of IFRS 9, beside the regulatory allowance (issue #18 §2).

As of the last end of day (its `loan_classifications`: each open loan's DPD and balance = EAD):

- stage 3 (credit-impaired): DPD > 90; stage 2 (significant increase in credit risk): DPD > 30, or
  the seller is under an open warning or recall now; stage 1: the rest;
- PD per rating band (the seller's band in force), from realised outcomes — loans closed, or
  non-performing: PD₁ = defaulted ÷ realised, where defaulted = ever > 90 DPD; PD₂ = defaulted ÷
  realised among those ever > 30 DPD (a loan already in stage 2); a band without realised loans
  takes the whole book's figure; stage 3 has PD = 1;
- LGD = the admin's setting `ecl_lgd` (default 45 %);
- ECL of a group of loans = round_half_up(EAD × PD × LGD, 0.01); the total is the sum of the groups.

The loans are at most 12 months long, so a 12-month and a lifetime PD are the same realised figure.
It is a view: nothing is posted from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, bindparam, func, text
from sqlmodel import Session, select

from app.config import BAD_DPD, LoanStatus
from app.money import ZERO, from_fen, round_fen
from app.services.access.actor import ADMIN, RISK, SYSTEM, Actor, require_role
from app.services.store import risk_records
from app.services.store.product_settings import effective_config
from db.engine import read_scope
from db.models import ClassificationTotal
from db.sql import sql_literal

DEFAULT_DPD = 90  # stage 3 and "defaulted": non-performing (rules §7)
NO_BAND = "—"

BAND = """(SELECT s.rating FROM seller_limits s WHERE s.seller_id = l.seller_id ORDER BY s.id DESC LIMIT 1)"""
REALISED = f"""SELECT {BAND} AS band, COUNT(*) AS realised,
    SUM(CASE WHEN l.max_dpd > {DEFAULT_DPD} THEN 1 ELSE 0 END) AS defaulted,
    SUM(CASE WHEN l.max_dpd > {BAD_DPD} THEN 1 ELSE 0 END) AS late,
    SUM(CASE WHEN l.max_dpd > {BAD_DPD} AND l.max_dpd > {DEFAULT_DPD} THEN 1 ELSE 0 END) AS late_defaulted
  FROM loans l WHERE l.status = {sql_literal(LoanStatus.CLOSED)} OR l.non_performing_since IS NOT NULL
  GROUP BY 1"""
STAGED = f"""SELECT stage, band, COUNT(*), CAST(SUM(balance_fen) AS BIGINT) FROM (
    SELECT c.balance_fen, {BAND} AS band,
      CASE WHEN c.dpd > {DEFAULT_DPD} THEN 3
           WHEN c.dpd > {BAD_DPD} OR EXISTS (SELECT 1 FROM risk_events r WHERE r.seller_id = l.seller_id
                                             AND r.status = '{risk_records.OPEN}') THEN 2
           ELSE 1 END AS stage
    FROM loan_classifications c JOIN loans l ON l.id = c.loan_id WHERE c.business_date = :night) q
  GROUP BY stage, band"""


@dataclass(frozen=True)
class BandPd:
    band: str
    realised: int
    pd_stage1: Decimal  # share
    pd_stage2: Decimal


@dataclass(frozen=True)
class StageRow:
    stage: int
    loans: int
    ead: Decimal
    ecl: Decimal


@dataclass(frozen=True)
class EclView:
    night: date | None
    lgd: Decimal
    bands: tuple[BandPd, ...]
    stages: tuple[StageRow, ...]
    total_ecl: Decimal


def _share(part: int, whole: int) -> Decimal:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001")) if whole else ZERO


def _pds(session: Session) -> tuple[dict[str, BandPd], BandPd]:
    rows = [(band or NO_BAND, int(n), int(d), int(late), int(ld))
            for band, n, d, late, ld in session.connection().execute(text(REALISED))]
    totals = [sum(r[i] for r in rows) for i in range(1, 5)]
    book = BandPd("all", totals[0], _share(totals[1], totals[0]), _share(totals[3], totals[2]))
    return {band: BandPd(band, n, _share(d, n) if n else book.pd_stage1, _share(ld, late) if late
                         else book.pd_stage2) for band, n, d, late, ld in rows}, book


def expected_credit_loss(actor: Actor) -> EclView:
    """Stages, PD per band and the ECL of the book as of the last end of day (admin and risk)."""
    require_role(actor, ADMIN, RISK, SYSTEM)
    with read_scope() as session:
        lgd = effective_config(session).ecl_lgd
        night = session.exec(select(func.max(ClassificationTotal.business_date))).one()
        bands, book = _pds(session)
        stages: dict[int, list] = {1: [0, 0, ZERO], 2: [0, 0, ZERO], 3: [0, 0, ZERO]}
        if night is not None:
            staged = text(STAGED).bindparams(bindparam("night", type_=Date))
            for stage, band, loans, fen in session.connection().execute(staged, {"night": night}):
                pd = bands.get(band or NO_BAND, book)
                chance = Decimal(1) if stage == 3 else (pd.pd_stage2 if stage == 2 else pd.pd_stage1)
                group = stages[int(stage)]
                group[0] += int(loans)
                group[1] += int(fen)
                group[2] += round_fen(from_fen(int(fen)) * chance * lgd)
    rows = tuple(StageRow(s, n, from_fen(fen), ecl) for s, (n, fen, ecl) in stages.items())
    ordered = (*sorted(bands.values(), key=lambda b: b.band), book)
    return EclView(night, lgd, ordered, rows, sum((r.ecl for r in rows), ZERO))
