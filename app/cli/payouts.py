"""`payouts export FILE` and `payouts confirm FILE`: payment instructions to the provider and its
results back (issue 17 item 4; app/services/payouts/instructions.py).

The batch file (CSV): instruction_id (the provider's idempotency key), kind (disbursement:
pay the seller; collection: take from the seller), account, amount (CNY), currency, seller_id,
loan_id, created_on. The result file (CSV): instruction_id, status (confirmed / failed), reason.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from app.errors import LendingError, UsageError

BATCH_COLUMNS = ("instruction_id", "kind", "account", "amount", "currency", "seller_id", "loan_id",
                 "created_on")
RESULT_COLUMNS = ("instruction_id", "status", "reason")


def register(subparsers) -> None:
    payouts = subparsers.add_parser("payouts", help="payment instructions: export a batch, confirm results",
                                    description=__doc__.splitlines()[0])
    commands = payouts.add_subparsers(dest="payouts_command", required=True, parser_class=type(payouts))
    export = commands.add_parser("export",
                                 help="write the pending instructions as a CSV batch and mark them sent",
                                 description="Write every pending payment instruction to FILE (CSV) and mark "
                                             "them sent.")
    export.add_argument("file", type=Path, metavar="FILE")
    export.set_defaults(func=run_export)
    confirm = commands.add_parser("confirm", help="apply the provider's result file (confirmed / failed)",
                                  description="Apply the provider's result file: confirmed, or failed (a "
                                              "failed disbursement cancels its draw). Applying a file twice "
                                              "changes nothing. Exit 1 if the file cannot apply (nothing is "
                                              "changed).")
    confirm.add_argument("file", type=Path, metavar="FILE")
    confirm.set_defaults(func=run_confirm)


def run_export(args) -> int:
    from app.services.access.actor import SYSTEM_ACTOR
    from app.services.access.inputs import is_clean_text
    from app.services.payouts.instructions import mark_sent, pending_instructions

    if not is_clean_text(str(args.file), max_len=300):
        raise UsageError("the batch file's name has characters a file name should not have, or is too long")
    if not args.file.name or args.file.is_dir():
        raise UsageError(f"{args.file} is a folder: name the batch file to write")
    rows = pending_instructions(SYSTEM_ACTOR)
    try:
        temporary = args.file.with_name(args.file.name + ".part")
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(BATCH_COLUMNS)
            for r in rows:
                writer.writerow([r.id, r.kind, r.account, f"{r.amount:.2f}", "CNY", r.seller_id, r.loan_id,
                                 r.created_on.isoformat()])
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, args.file)  # the whole batch or no file
    except (OSError, ValueError) as exc:  # no such folder, no right to write, a NUL in the name
        raise UsageError(f"cannot write {args.file}: {getattr(exc, 'strerror', None) or exc}") from None
    sent = mark_sent(SYSTEM_ACTOR, [r.id for r in rows], str(args.file))
    print(f"exported {len(rows)} instructions to {args.file} ({sent} marked sent)")
    return 0


def run_confirm(args) -> int:
    from app.services.access.actor import SYSTEM_ACTOR
    from app.services.payouts.instructions import ResultLine, apply_results

    try:
        with args.file.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in RESULT_COLUMNS[:2] if c not in (reader.fieldnames or [])]
            if missing:
                raise UsageError(f"{args.file}: the header lacks {', '.join(missing)}")
            lines = [ResultLine(reader.line_num, (row["instruction_id"] or "").strip(),
                                (row["status"] or "").strip().lower(), (row.get("reason") or "").strip())
                     for row in reader]
    except (OSError, ValueError, csv.Error) as exc:  # missing, a folder, not text, not CSV
        raise UsageError(f"cannot read {args.file}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        summary = apply_results(SYSTEM_ACTOR, lines)
    except LendingError as exc:
        print(f"python -m app payouts confirm: {exc} Nothing was changed.")
        return 1
    for note in summary.attention:
        print(f"needs attention: {note}")
    print(summary.line())
    return 0
