"""`assess`, `model-report` and `fit-model`: the credit rating from the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

from app.errors import LendingError, UsageError


def register(subparsers) -> None:
    assess = subparsers.add_parser(
        "assess", help="rate one seller (--seller) or every seller (--all)",
        description="Run eligibility, features, score, rating and limits and store the decision. "
                    "--seller SHOP_ID --json prints it as JSON; --all rates every seller (pre-approval).")
    who = assess.add_mutually_exclusive_group(required=True)
    who.add_argument("--seller", metavar="SHOP_ID", help="a shop id, e.g. SHOP0001 (rates its seller)")
    who.add_argument("--all", action="store_true", help="rate every seller and print a summary")
    assess.add_argument("--json", action="store_true", help="print the decision as one JSON object")
    assess.set_defaults(func=run_assess)
    report = subparsers.add_parser(
        "model-report", help="score distribution, approval and bad rate per band, AUC and KS",
        description="Score every realised past loan as of its draw date with the current model and "
                    "print the score distribution, approval and bad rate per rating band, and AUC and "
                    "KS on the hold-out sellers (bad = ever more than 30 days past due).")
    report.set_defaults(func=run_report)
    fit = subparsers.add_parser(
        "fit-model", help="developer tool: fit the scorecard on this database's realised loans",
        description="Fit the scorecard's weights on the training sellers' realised loans and write "
                    "app/scoring/models/VERSION.json (the current version unless --version).")
    fit.add_argument("--version", help="model version to write (default: the current one)")
    fit.set_defaults(func=run_fit)


def run_assess(args) -> int:
    from app.services.access.actor import SYSTEM_ACTOR
    from app.services.credit.assessment import assess_all, assess_shop

    try:
        if args.all:
            report = assess_all(SYSTEM_ACTOR)
            print(f"{report.on}: rated {report.sellers} sellers, {report.approved} approved, "
                  f"{report.decisions_written} decisions changed")
            return 0
        decision, order_limit = assess_shop(SYSTEM_ACTOR, args.seller)
    except LendingError as exc:
        raise UsageError(str(exc)) from None
    payload = {"shop": args.seller, "seller_id": decision.seller_id,
               "decided_on": decision.decided_on.isoformat(),
               "eligible": decision.eligible, "failing_reasons": [str(r) for r in decision.ineligible],
               "status": decision.status, "score": decision.score, "band": decision.band,
               "credit_limit": str(decision.credit_limit), "order_limit": str(order_limit),
               "advance_rate": str(decision.advance_rate.normalize()),
               "reasons_up": [str(r) for r in decision.reasons_up],
               "reasons_down": [str(r) for r in decision.reasons_down],
               "how_to_raise": [str(t) for t in decision.tips], "model_version": decision.model_version}
    if args.json:
        print(json.dumps(payload, ensure_ascii=False))
    else:
        print("\n".join(f"{k}: {v}" for k, v in payload.items()))
    return 0


def run_report(args) -> int:
    from app.scoring.scorecard import load_scorecard
    from app.services.credit.model_report import model_report
    from app.services.store.product_settings import effective_config
    from db.engine import session_scope

    with session_scope() as session:  # the bands in force, as the back office's model report
        print(model_report(session, load_scorecard(), effective_config(session)).text())
    return 0


def run_fit(args) -> int:
    from app.scoring.calibration import fit_scorecard
    from app.scoring.scorecard import CURRENT_VERSION, MODELS
    from app.services.credit.calibration import realised_sample
    from db.engine import session_scope

    version = CURRENT_VERSION if args.version is None else args.version
    path = model_path(MODELS, version)
    with session_scope() as session:
        sample = realised_sample(session)
    train = [o for o in sample if not o.holdout]
    if len({o.bad for o in train}) < 2:  # a fit needs good and bad outcomes (none at all: numpy fails)
        raise UsageError(f"fit-model needs realised loans of training sellers, good and bad; this database "
                         f"has {len(train)}, {sum(o.bad for o in train)} of them bad")
    card = fit_scorecard(sample, version)
    path.write_text(card.to_json())
    print(f"wrote {path}")
    return 0


SAFE_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}")


def model_path(models: Path, version: str) -> Path:
    """`models/VERSION.json`, for a version that is a plain name (no path, no `..`)."""
    safe = SAFE_VERSION.fullmatch(version) and ".." not in version
    if not safe or (models / f"{version}.json").resolve().parent != models.resolve():
        raise UsageError(f"--version {version!r} must be 1-32 letters, digits, '.', '_' or '-' "
                         "(a file name under app/scoring/models/)")
    return models / f"{version}.json"
