"""Every reader of a setting an admin can change reads the admin's value (issue 15 §3, issue 16 item 2).

Which readers may read `DEFAULT_CONFIG` at all is checked in `tests/unit/test_default_config_readers.py`.

The example of issue 16: with the band cut-offs set to 900/880/860/840/820, a seller of score
770 was REVIEW through `apply_for_credit` but AA with a 1,000,000.00 limit through the lift of
a recovery plan, which rated with the default cut-offs.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from decimal import Decimal as D

from sqlmodel import col, select

from app.cli import main as cli_main
from app.loans.terms import LoanTerms
from app.schedules import build_schedule
from app.scoring import decision
from app.services.access.actor import ADMIN
from app.services.credit.assessment import apply_for_credit
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.repayment import payoff_quote, repay
from app.services.risk_ops.recovery import create_recovery_plan, recovery_plans
from app.services.store import loan_store
from app.services.store.product_settings import change_settings, effective_config
from app.services.store.settings import set_business_date
from db.engine import session_scope
from db.models import CreditDecision
from tests.services.test_risk_ops import add_sales, blacklisted, default, staff

LIFTED_ON = date(2027, 1, 3)


def test_the_recovery_lift_rates_with_the_admins_cut_offs_as_an_application_does(book, monkeypatch):
    change_settings(staff("admin1", ADMIN), {"band_cut_offs": "900, 880, 860, 840, 820"})
    # the example's seller: score 770 (AA by the default cut-offs) and sales of 15,000.00 a day, so
    # that AA's 2.5 × average monthly sales would reach the 1,000,000.00 cap
    monkeypatch.setattr(decision, "score_points", lambda card, cfg, features, declared: (770, []))
    add_sales(book.shop_id, date(2026, 6, 1), LIFTED_ON, "15000.00")
    default(book)
    run_end_of_day(book.system)  # 91 days past due: blacklisted
    plan = create_recovery_plan(staff("risk1"), book.seller_id, 6, "not malicious")
    with session_scope() as session:
        state = loan_store.get(session, plan.loan_id).state()
    for k, inst in enumerate(state.installments, start=1):  # six on time: the blacklist lifts
        with session_scope() as session:
            set_business_date(session, inst.due_date)
        repay(book.seller, loan_id=plan.loan_id, amount=payoff_quote(book.seller, plan.loan_id).due_now,
              idempotency_key=f"plan-{k}")
        run_end_of_day(book.system)
    assert blacklisted(book.seller_id)[0] is False
    assert recovery_plans(staff("risk2"))[0].lifted_on == LIFTED_ON

    with session_scope() as session:
        lift = session.exec(select(CreditDecision).where(CreditDecision.source == "recovery")).one()
        lifted = (lift.decided_on, lift.score, lift.status, lift.band, lift.credit_limit_fen)
    applied = apply_for_credit(book.seller, seller_id=book.seller_id)
    assert lifted == (LIFTED_ON, 770, "manual_review", "REVIEW", 0)  # not AA with 1,000,000.00
    assert (applied.decided_on, applied.score, applied.status, applied.band, applied.credit_limit) == (
        LIFTED_ON, 770, "manual_review", "REVIEW", D("0"))
    with session_scope() as session:  # the proposal is BB's, at the admin's multiple, as for the application
        proposed = session.exec(select(CreditDecision.proposed_credit_limit_fen)
                                .order_by(col(CreditDecision.id))).all()[-2:]
    assert proposed[0] == proposed[1]


def quote(*args: str) -> tuple[int, str, str]:
    """`python -m app quote …` in this process, on the database of DATABASE_URL."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli_main(["quote", *args])
        except SystemExit as exc:  # --help
            code = exc.code or 0
    return code, out.getvalue(), err.getvalue()


CREDIT = ("--product", "credit", "--method", "equal_installment", "--principal", "10000", "--start",
          "2026-01-31", "--json")


def test_the_quote_command_quotes_at_the_rates_and_terms_the_admin_set(db_url):
    code, out, _ = quote(*CREDIT, "--months", "3")
    assert code == 0 and json.loads(out)["daily_rate"] == "0.0006"
    change_settings(staff("admin1", ADMIN), {"credit_daily_rate": "0.0007", "credit_term_months": "3, 6"})
    code, out, err = quote(*CREDIT, "--months", "3")
    payload = json.loads(out)
    assert (code, err, payload["daily_rate"], payload["annual_rate"]) == (0, "", "0.0007", "0.2555")
    schedule = build_schedule(LoanTerms.credit("equal_installment", 3), D("10000"), D("0.0007"),
                              date(2026, 1, 31))
    assert payload["total_interest"] == str(schedule.total_interest)
    with session_scope() as session:  # the draw quote of the portal says the same
        assert effective_config(session).credit_daily_rate == D("0.0007")
    code, out, err = quote(*CREDIT, "--months", "1")  # a term no longer offered, as a draw refuses it
    assert (code, out) == (2, "") and len(err.strip().splitlines()) == 1 and "3, 6" in err
    code, out, _ = quote(*CREDIT, "--months", "3", "--help")
    assert code == 0 and "in force" in out and "DATABASE_URL" in " ".join(out.split())
