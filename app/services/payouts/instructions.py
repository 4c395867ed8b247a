"""Payment instructions out to the provider and its results back (rules §14, issue 17 item 4).

`pending_instructions` lists what to send; the command writes the batch file and then
`mark_sent` marks exactly those (a crash between the two sends them again in the next batch,
which pays nothing twice: the instruction id is the provider's idempotency key).
`apply_results` reads the provider's verdicts, in one transaction: confirmed, or failed — a
failed disbursement cancels its draw (`app.services.lending.cancel`). A file with a line that
cannot apply changes nothing; a verdict already recorded is unchanged, so a file applied twice
changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlmodel import col, select

from app.errors import DrawNotCancellable, FeedRefused, PayoutResultRefused
from app.i18n import text
from app.money import from_fen
from app.services.access import arguments as checks
from app.services.access.actor import ADMIN, SYSTEM, Actor, require_role
from app.services.access.inputs import is_clean_text, shown
from app.services.lending.cancel import cancel_draw_in
from app.services.store.locks import hold_business_day, retry_on_conflict
from app.services.store.outbox import CONFIRMED, DISBURSEMENT, FAILED, PENDING, SENT
from app.services.store.settings import business_date
from db.engine import read_scope, session_scope
from db.models import PaymentInstruction, now_utc

RESULTS = (CONFIRMED, FAILED)
STATUSES = (PENDING, SENT, CONFIRMED, FAILED)


@dataclass(frozen=True)
class InstructionRow:
    id: str
    kind: str
    seller_id: int
    loan_id: int
    payment_id: int | None
    amount: Decimal
    account: str
    status: str
    created_on: date
    batch: str | None
    failure_reason: str

    @classmethod
    def of(cls, row: PaymentInstruction) -> InstructionRow:
        return cls(row.id, row.kind, row.seller_id, row.loan_id, row.payment_id, from_fen(row.amount_fen),
                   row.account, row.status, row.created_on, row.batch, row.failure_reason)


@dataclass(frozen=True)
class ResultLine:
    line: int
    instruction_id: str
    status: str
    reason: str = ""


@dataclass(frozen=True)
class ResultSummary:
    confirmed: int = 0
    failed: int = 0
    unchanged: int = 0
    cancelled_loans: tuple[int, ...] = ()
    attention: tuple[str, ...] = field(default=())  # failed payouts that could not cancel their draw

    def line(self) -> str:
        return (f"confirmed {self.confirmed}, failed {self.failed}, unchanged {self.unchanged}, "
                f"draws cancelled {len(self.cancelled_loans)}")


def pending_instructions(actor: Actor) -> list[InstructionRow]:
    """Every instruction not yet sent, oldest first."""
    require_role(actor, SYSTEM, ADMIN)
    return instructions(actor, PENDING, limit=None)


def instructions(actor: Actor, status: str | None = None, *, limit: int | None = 200) -> list[InstructionRow]:
    """Instructions in `status` (all when None), oldest first."""
    require_role(actor, SYSTEM, ADMIN)
    if status is not None and status not in STATUSES:
        raise FeedRefused(text("feed.arg.status", status=shown(status)))
    if limit is not None:
        checks.whole_number(limit, 1, 100_000)
    with read_scope() as session:
        query = select(PaymentInstruction)
        if status is not None:
            query = query.where(PaymentInstruction.status == status)
        query = query.order_by(col(PaymentInstruction.created_on), col(PaymentInstruction.id))
        if limit is not None:
            query = query.limit(limit)
        return [InstructionRow.of(row) for row in session.exec(query).all()]


@retry_on_conflict
def mark_sent(actor: Actor, ids: list[str], batch: str) -> int:
    """Mark the instructions written to `batch` as sent (those still pending); how many."""
    require_role(actor, SYSTEM, ADMIN)
    if not isinstance(ids, (list, tuple)):
        raise FeedRefused(text("feed.arg.paths"))
    ids = [checks.clean(i, 40) for i in ids]
    batch = checks.clean(batch, 10_000)
    with session_scope() as session:
        rows = session.exec(select(PaymentInstruction).where(col(PaymentInstruction.id).in_(ids),
                                                             PaymentInstruction.status == PENDING)
                            .with_for_update()).all()
        for row in rows:
            row.status, row.batch, row.sent_at = SENT, batch[-300:], now_utc()
            session.add(row)
        return len(rows)


@retry_on_conflict
def apply_results(actor: Actor, lines: list[ResultLine]) -> ResultSummary:
    """Apply a result file's lines in one transaction (see the module's docstring)."""
    require_role(actor, SYSTEM, ADMIN)
    if not isinstance(lines, (list, tuple)) or not all(map(_well_formed, lines)):
        raise FeedRefused(text("feed.arg.results"))
    with session_scope() as session:
        hold_business_day(session)
        today = business_date(session)
        wanted = sorted({line.instruction_id for line in lines})
        # locked in id order, so a second confirm of the same file waits and then finds them resolved
        rows = {row.id: row for row in session.exec(select(PaymentInstruction)
                                                     .where(col(PaymentInstruction.id).in_(wanted))
                                                     .order_by(col(PaymentInstruction.id)).with_for_update()
                                                     .execution_options(populate_existing=True)).all()}
        _check(lines, rows)
        counts = {CONFIRMED: 0, FAILED: 0, "unchanged": 0}
        cancelled, attention = [], []
        for line in lines:
            row = rows[line.instruction_id]
            if row.status == line.status:
                counts["unchanged"] += 1
                continue
            row.status, row.resolved_at = line.status, now_utc()
            row.failure_reason = line.reason[:300] if line.status == FAILED else ""
            session.add(row)
            counts[line.status] += 1
            if line.status == FAILED and row.kind == DISBURSEMENT:
                try:
                    with session.begin_nested():
                        cancel_draw_in(session, row.loan_id, today)
                    cancelled.append(row.loan_id)
                except DrawNotCancellable as exc:
                    attention.append(str(exc))
        return ResultSummary(counts[CONFIRMED], counts[FAILED], counts["unchanged"], tuple(cancelled),
                             tuple(attention))


def _well_formed(line: object) -> bool:
    return (isinstance(line, ResultLine) and isinstance(line.line, int) and not isinstance(line.line, bool)
            and is_clean_text(line.instruction_id, max_len=40) and isinstance(line.status, str)
            and is_clean_text(line.reason, max_len=10_000))


def _check(lines: list[ResultLine], rows: dict[str, PaymentInstruction]) -> None:
    """Refuse the whole file at its first line that cannot apply."""
    for line in lines:
        row = rows.get(line.instruction_id)
        if line.status not in RESULTS:
            raise PayoutResultRefused(text("payout.result.bad_status", line=line.line, status=line.status))
        if row is None:
            raise PayoutResultRefused(text("payout.result.unknown", line=line.line,
                                           instruction_id=line.instruction_id))
        if row.status in RESULTS and row.status != line.status:
            raise PayoutResultRefused(text("payout.result.conflict", line=line.line,
                                           instruction_id=line.instruction_id, status=row.status))
