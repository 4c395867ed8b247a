"""What the slow back-office pages read (issue #16 item 16): the model report stored by end of
day and read back as it was computed; a stored report of other inputs (settings changed since)
is not used; the versions the pages cache by move with every write and every new date.
Nothing here times anything: speed is measured by `python -m bench`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from app.errors import PermissionDenied
from app.scoring.scorecard import load_scorecard
from app.services.access.actor import ADMIN, RISK, Actor
from app.services.back_office.portfolio import portfolio_version
from app.services.credit import model_report as reports
from app.services.credit.model_report import (
    model_report,
    model_report_page,
    model_report_version,
    store_model_report,
)
from app.services.end_of_day.run import run_end_of_day
from app.services.lending.repayment import repay
from app.services.store.product_settings import change_settings, effective_config
from db.engine import read_scope, session_scope
from db.models import ModelReportSnapshot
from tests.services.conftest import START, staff_login


def staff(role: str) -> Actor:
    return staff_login(f"{role}_user", role)


def draw(book, key: str = "k") -> int:
    from app.services.lending.draws import draw_credit_loan

    return draw_credit_loan(book.seller, shop_id=book.shop_id, amount="5000.00", months=1, method="bullet",
                            idempotency_key=key).id


def stored_dates() -> list:
    with session_scope() as session:
        return session.exec(select(ModelReportSnapshot.business_date)).all()


def test_end_of_day_stores_the_new_dates_model_report_and_the_page_reads_it(book, monkeypatch):
    risk = staff(RISK)
    draw(book)
    run_end_of_day(book.system)
    assert stored_dates() == [START + timedelta(days=1)]
    computed = model_report_page(risk)

    def never(*_):
        raise AssertionError("the stored report was computed again")

    monkeypatch.setattr(reports, "realised_sample", never)
    read = model_report_page(risk)
    assert read == computed
    monkeypatch.undo()
    with read_scope() as session:
        assert read.report == model_report(session, load_scorecard(), effective_config(session))


def test_a_demo_history_can_leave_the_report_to_its_last_day(book):
    run_end_of_day(book.system, model_report=False)
    assert stored_dates() == []


def test_a_report_stored_for_other_settings_is_computed_again(book, monkeypatch):
    risk, admin = staff(RISK), staff(ADMIN)
    store_model_report()
    before = model_report_version(risk)
    change_settings(admin, {"band_cut_offs": "900, 880, 860, 840, 820"})
    assert model_report_version(risk) != before
    calls = []
    real = reports.realised_sample
    monkeypatch.setattr(reports, "realised_sample", lambda session: calls.append(1) or real(session))
    page = model_report_page(risk)
    assert calls == [1]
    assert {b.band for b in page.report.bands} <= {"AAA", "AA", "A", "BBB", "BB", "REVIEW", "DECLINE"}
    with session_scope() as session:
        assert session.exec(select(ModelReportSnapshot)).one().inputs != model_report_version(risk)[2]


def test_reading_the_model_report_writes_nothing(book):
    risk = staff(RISK)
    model_report_page(risk)
    assert stored_dates() == []


def test_the_portfolio_version_moves_with_each_write_and_each_new_date(book):
    risk = staff(RISK)
    first = portfolio_version(risk)
    assert portfolio_version(risk) == first  # reading changes nothing
    loan_id = draw(book)
    drawn = portfolio_version(risk)
    assert drawn != first
    repay(book.seller, loan_id=loan_id, amount="100.00", idempotency_key="r1")
    repaid = portfolio_version(risk)
    assert repaid != drawn
    run_end_of_day(book.system, model_report=False)
    assert portfolio_version(risk) not in (first, drawn, repaid)


@pytest.mark.parametrize("version", [portfolio_version, model_report_version])
def test_a_seller_gets_no_version_of_a_staff_page(book, version):
    with pytest.raises(PermissionDenied):
        version(book.seller)
