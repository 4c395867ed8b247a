"""The "Platform feed" page's tables and the rejects' CSV (issue 17): imports with their counts,
rejected records with their reasons, payment instructions by status."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from app.services.feed.importer import ImportRow, RejectRow
from app.services.payouts.instructions import InstructionRow
from components.i18n import label, t
from components.tables import money_column, table

REJECT_FIELDS = ("import_id", "file", "line", "event_id", "field", "reason")


def imports_table(rows: Sequence[ImportRow], key: str) -> None:
    table([{t("feed.col.import_id"): r.import_id, t("feed.col.started"): r.started_at,
            t("feed.col.source"): r.source, t("feed.col.read"): r.read, t("feed.col.imported"): r.imported,
            t("feed.col.unchanged"): r.unchanged, t("feed.col.rejected"): r.rejected} for r in rows], key=key)


def rejects_table(rows: Sequence[RejectRow], key: str) -> None:
    table([{t(f"feed.col.{name}"): getattr(r, name) for name in REJECT_FIELDS} for r in rows], key=key)


def rejects_csv(rows: Sequence[RejectRow]) -> bytes:
    """The rejects as CSV, columns as on the page (with a BOM, so Excel reads the Chinese)."""
    frame = pd.DataFrame([{t(f"feed.col.{name}"): getattr(r, name) for name in REJECT_FIELDS} for r in rows],
                         columns=[t(f"feed.col.{name}") for name in REJECT_FIELDS])
    return frame.to_csv(index=False).encode("utf-8-sig")


def instructions_table(rows: Sequence[InstructionRow], key: str) -> None:
    amount = t("payout.col.amount")
    table([{t("payout.col.id"): r.id, t("payout.col.kind"): label(f"payout.kind.{r.kind}", r.kind),
            t("payout.col.seller"): r.seller_id, t("payout.col.loan"): r.loan_id, amount: r.amount,
            t("payout.col.account"): r.account, t("payout.col.created"): r.created_on,
            t("payout.col.batch"): r.batch, t("payout.col.reason"): r.failure_reason} for r in rows],
          key=key, column_config={amount: money_column(amount)})
