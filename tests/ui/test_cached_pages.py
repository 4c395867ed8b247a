"""The back-office pages that keep their figures between visits (issue #16 item 16) never show
figures older than the last write: a draw or a new business date changes what the next visit
shows; a seller's own pages are never kept (after their repayment they see it at once)."""

from __future__ import annotations

from decimal import Decimal

from app.money import format_cny
from app.services.back_office import portfolio as portfolio_service
from app.services.credit import model_report as report_service
from app.services.lending.draws import draw_credit_loan
from app.services.lending.loan_views import my_loans
from app.services.lending.repayment import repay
from tests.ui.conftest import actor_of, charts, open_page


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label))


def test_the_portfolio_is_read_once_per_version_and_a_draw_shows_at_once(demo_db, monkeypatch):
    calls = []
    real = portfolio_service.portfolio
    monkeypatch.setattr(portfolio_service, "portfolio", lambda actor: calls.append(1) or real(actor))
    first = open_page("risk", "portfolio")
    outstanding = metric(first, "Outstanding")
    again = open_page("admin", "portfolio")  # another session, another staff member: the same figures
    assert metric(again, "Outstanding") == outstanding
    assert len(calls) == 1

    demo = actor_of("demo")
    draw_credit_loan(demo, shop_id=my_shop(demo), amount="1000.00", months=1, method="bullet",
                     idempotency_key="cached-pages-draw")
    after = open_page("risk", "portfolio")
    shown = Decimal(metric(after, "Outstanding").replace("¥", "").replace(",", ""))
    assert format_cny(shown) != outstanding
    assert shown == Decimal(outstanding.replace("¥", "").replace(",", "")) + Decimal("1000.00")
    assert len(calls) == 2


def my_shop(actor) -> str:
    from app.services.portal.home import home

    return home(actor, actor.seller_id).shops[0][0]


def test_the_model_report_page_reads_the_stored_report(demo_db, monkeypatch):
    def never(*_):
        raise AssertionError("the model report was computed on the page")

    monkeypatch.setattr(report_service, "realised_sample", never)  # the seed stored today's report
    at = open_page("risk", "model_report")
    assert not at.exception, at.exception
    assert len(charts(at)) == 3


def test_a_sellers_repayment_shows_on_their_loan_page_at_once(demo_db):
    demo = actor_of("demo")
    loan = next(row for row in my_loans(demo, demo.seller_id) if row.is_open)
    before = metric(open_page("demo", "loan", loan=str(loan.id)), "Outstanding")
    repay(demo, loan_id=loan.id, amount="500.00", idempotency_key="cached-pages-repay")
    after = metric(open_page("demo", "loan", loan=str(loan.id)), "Outstanding")
    assert after != before
