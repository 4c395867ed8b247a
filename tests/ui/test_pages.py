"""Every portal page through AppTest on the seeded demo platform (product §2): renders for
each role, shows a seller only their own data, refuses without changing anything, moves
money once per confirmation, and speaks Chinese when asked."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import col, select

from app.services.lending.availability import seller_limits
from app.services.lending.loan_views import my_loans
from components.charts import ACCENT
from db.engine import session_scope
from db.models import Loan, Order
from tests.services.conftest import table_digests
from tests.ui.conftest import actor_of, app_as, charts, open_page

SELLER_PAGES = ("home", "notifications", "apply", "draw_order", "draw_credit", "loans", "repay", "loan",
                "balance", "documents")
DEMO_SELLERS = ("demo", "seller2", "seller3", "seller4", "seller5", "seller6")


def texts(at) -> str:
    """Everything a reader sees as text on the page (main area)."""
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success",
                                  "warning", "error") for e in getattr(at.main, kind)]
    parts += [f"{m.label} {m.value}" for m in at.main.metric]
    return "\n".join(str(p) for p in parts)


def open_loans(username: str) -> list[Loan]:
    with session_scope() as session:
        seller_id = actor_of(username).seller_id
        return list(session.exec(select(Loan).where(Loan.seller_id == seller_id, Loan.status == "open")
                                 .order_by(col(Loan.id))).all())


def credit_available(username: str) -> Decimal:
    actor = actor_of(username)
    with session_scope() as session:
        from app.services.store.settings import business_date

        return seller_limits(session, actor.seller_id, business_date(session)).credit_available


def review_and_confirm(at, flow: str, *, agree: bool = True):
    at.button(key=f"{flow.split('_')[0]}_review").click().run()
    if agree:
        at.checkbox(key=f"{flow}_agree").check().run()
    return at.button(key=f"{flow}_confirm").click().run()


# --- every page renders for every role ------------------------------------------------------


@pytest.mark.parametrize("username", DEMO_SELLERS)
def test_every_seller_page_renders_for_every_demo_seller(demo_db, username):
    for page in SELLER_PAGES:
        at = open_page(username, page)
        assert not at.exception, (page, at.exception)
        refusals = [e.value for e in at.error if e.icon == "⚠️"]  # banners (🚨 overdue, ⛔ closed) are fine
        assert not refusals, (page, refusals)


@pytest.mark.parametrize("username", ["risk", "admin"])
def test_staff_start_on_the_overview_and_get_no_seller_page(demo_db, username):
    at = app_as(username).run()
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert "2026-11-28" in at.caption[0].value
    at = open_page(username, "home")
    assert "not part of your role" in at.info[0].value
    assert not at.metric


def test_a_seller_is_sent_back_from_the_book(demo_db):
    at = open_page("demo", "book")
    assert not at.exception and "not part of your role" in at.info[0].value
    assert not at.main.button


# --- a seller sees only their own data ------------------------------------------------------


def test_my_loans_lists_exactly_the_sellers_own_loans(demo_db):
    at = open_page("demo", "loans")
    at.toggle(key="loans_show_closed").set_value(True).run()
    shown = set(at.dataframe[0].value["id"])
    actor = actor_of("demo")
    assert shown == {loan.id for loan in my_loans(actor, actor.seller_id)}


def test_another_sellers_loan_is_not_found_on_the_loan_page(demo_db):
    others = open_loans("seller2")
    at = open_page("demo", "loan", loan=str(others[0].id))
    assert not at.exception
    assert f"There is no loan #{others[0].id}" in at.error[0].value
    assert not at.metric and not charts(at)


def test_a_signed_out_reader_gets_the_sign_in_panel_on_any_page(demo_db):
    at = app_as(None).run()
    at.switch_page("views/repay.py").run()
    assert [tab.label for tab in at.tabs] == ["Sign in", "Activate"]
    assert not at.metric


# --- drawing --------------------------------------------------------------------------------


def test_a_credit_draw_above_the_available_limit_is_refused_and_changes_nothing(demo_db):
    # Issue #9 item 6: refused as it is typed, before Review; no preview, no agreement.
    available = credit_available("demo")
    before = table_digests()
    at = open_page("demo", "draw_credit")
    at.text_input(key="credit_amount").input("900000").run()
    assert not at.exception
    message = at.error[0].value
    assert f"Available now is ¥{available:,.2f}; you asked for ¥900,000.00" in message
    assert "credit_review" not in [b.key for b in at.button]
    assert not charts(at) and not at.dataframe
    assert table_digests() == before
    at.text_input(key="credit_amount").input("1000").run()  # the page stays usable
    assert not at.error and at.button(key="credit_review")


def test_a_credit_draw_needs_the_agreement_and_happens_once(demo_db):
    before = len(open_loans("demo"))
    at = open_page("demo", "draw_credit")
    at.text_input(key="credit_amount").input("20,000").run()
    assert "¥1,289.12" in texts(at)  # 6 months, equal installments: the schedule preview's total interest
    at.button(key="credit_review").click().run()
    # Issue #9 item 8: "Confirm and draw" is disabled until "I agree" is ticked (the service still
    # refuses a draw without the agreement: tests/services/test_draws.py).
    assert at.button(key="credit_draw_confirm").disabled
    assert "Tick “I agree” to confirm." in texts(at)
    assert len(open_loans("demo")) == before
    at.checkbox(key="credit_draw_agree").check().run()
    assert not at.button(key="credit_draw_confirm").disabled
    at.button(key="credit_draw_confirm").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Loan #") and "¥20,000.00" in at.success[0].value
    at.run()  # a rerun (or a second click that arrives after it) draws nothing more
    loans = open_loans("demo")
    assert len(loans) == before + 1
    newest = loans[-1]
    assert (newest.product, newest.method, newest.term_months, newest.principal_fen) == (
        "credit", "equal_installment", 6, 2_000_000)
    assert newest.agreement_version and newest.agreement_accepted_at is not None


def test_the_credit_page_compares_the_total_interest_of_the_four_methods(demo_db):
    at = open_page("demo", "draw_credit")
    at.text_input(key="credit_amount").input("20000").run()
    methods = next(c for c in charts(at) if c["title_text"] == "Total interest by repayment method")
    assert [row["method"] for row in methods["rows"]] == ["Bullet", "Interest-only", "Equal principal",
                                                         "Equal installments"]
    bars = methods["layer"][0]["encoding"]
    assert bars["x"]["axis"]["labelExpr"].startswith("'¥'") and "Total interest" in bars["x"]["axis"]["title"]
    # the chosen method (the page's default, equal installments) is marked; its amount is the preview's
    assert [row["colour"] == ACCENT for row in methods["rows"]] == [False, False, False, True]
    assert methods["rows"][3]["shown"] == "¥1,289.12"


def test_a_mistyped_amount_is_explained_next_to_the_field(demo_db):
    at = open_page("demo", "draw_credit")
    at.text_input(key="credit_amount").input("12.345").run()
    assert "at most two decimals" in at.error[0].value
    assert "credit_review" not in [b.key for b in at.button]
    assert not charts(at)


def test_an_order_loan_pledges_the_selected_orders(demo_db):
    actor = actor_of("demo")
    with session_scope() as session:
        from app.services.lending.availability import eligible_orders
        from app.services.store.settings import business_date

        eligible = [o.id for o in eligible_orders(session, actor.seller_id, business_date(session))]
    at = open_page("demo", "draw_order")
    at.checkbox(key="order_select_all").check().run()
    at = review_and_confirm(at, "order_draw")
    assert not at.exception
    assert at.success[0].value.startswith("Order loan #")
    loan = open_loans("demo")[-1]
    assert loan.product == "order"
    with session_scope() as session:
        pledged = session.exec(select(Order.id).where(Order.pledged_loan_id == loan.id)).all()
    assert sorted(pledged) == sorted(eligible)


# --- repaying ------------------------------------------------------------------------------------


def test_repaying_a_credit_loan_in_full_closes_it_and_frees_the_limit(demo_db):
    loan = next(loan for loan in open_loans("demo") if loan.product == "credit")
    before = credit_available("demo")
    at = open_page("demo", "repay", loan=str(loan.id))
    assert at.selectbox(key="repay_loan").value == loan.id
    at.button(key="repay_review").click().run()
    at.button(key="repay_confirm").click().run()
    assert not at.exception
    assert f"on loan #{loan.id}" in at.success[0].value
    assert f"Loan #{loan.id} is repaid in full" in at.info[0].value
    with session_scope() as session:
        assert session.get(Loan, loan.id).status == "closed"
    after = credit_available("demo")
    assert after == before + Decimal(loan.outstanding_fen) / 100
    assert f"¥{after:,.2f}" in texts(at)


def test_a_payment_above_the_payoff_is_refused_next_to_the_field(demo_db):
    before = table_digests()
    at = open_page("demo", "repay")
    at.radio(key="repay_full").set_value(False).run()
    at.text_input(key="repay_amount").input("99999999").run()
    assert "payoff amount" in at.error[0].value
    assert not [b for b in at.button if b.key == "repay_review"]
    assert table_digests() == before


def test_a_partial_payment_shows_its_allocation_before_confirming(demo_db):
    at = open_page("seller5", "repay")  # overdue: penalty and overdue interest come first
    at.radio(key="repay_full").set_value(False).run()
    at.text_input(key="repay_amount").input("100").run()
    items = list(at.dataframe[0].value.iloc[:, 0])
    assert items[0] == "Penalty interest"
    assert at.button(key="repay_review")


# --- loans, notifications, apply -------------------------------------------------------------


def test_the_loan_page_shows_schedule_charts_and_a_csv(demo_db):
    # issue #9 item 4: the charts show what was paid and what is still to pay, actual then planned
    loan = next(loan for loan in open_loans("demo") if loan.product == "credit")
    at = open_page("demo", "loan", loan=str(loan.id))
    assert not at.exception
    shown = charts(at)
    assert [c["title_text"] for c in shown] == ["Paid and still to pay per installment",
                                                "Outstanding principal over time", "Cumulative interest"]
    bars = shown[0]["encoding"]
    assert bars["y"]["stack"] == "zero" and bars["y"]["axis"]["labelExpr"].startswith("'¥'")
    # each installment's bars are its paid and still-to-pay amounts in the schedule table, to the fen
    parts = {}
    for row in shown[0]["rows"]:
        parts.setdefault(row["due"], []).append(row["shown"])
    table = [r for r in at.dataframe[0].value.to_dict("records") if r["period"] != "▶"]
    assert parts == {str(r["due_date"]): [f"¥{r['paid']:,.2f}", f"¥{r['remaining']:,.2f}"] for r in table}
    assert at.get("download_button")
    schedule = at.dataframe[0].value
    assert len(schedule) == loan.term_months + 1  # and the "today" marker row


def test_the_overdue_seller_is_told_on_home_and_in_notifications(demo_db):
    at = open_page("seller5", "home")
    assert "is due now: overdue since" in at.error[0].value  # issue #9: one due-now figure, since when
    at = open_page("seller5", "notifications")
    assert "days past due" in texts(at)


def test_re_rating_is_previewed_then_confirmed_with_its_reasons(demo_db):
    """Issue #16 item 6: the one-click re-rate changes nothing until the seller confirms it."""
    before = table_digests()
    at = open_page("demo", "apply")
    at.button(key="apply_rerate").click().run()
    assert not at.exception
    assert at.button(key="apply_confirm") and "What helped" in texts(at)
    assert table_digests() == before  # a preview: nothing stored, no limit changed
    at.button(key="apply_confirm").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Approved: rating")
    assert "How to raise your limit" in texts(at)
    after = table_digests()
    assert after["credit_decisions"].rows == before["credit_decisions"].rows + 1


def test_an_application_with_wrong_figures_lists_every_problem(demo_db):
    before = table_digests()
    at = open_page("demo", "apply")
    at.text_input(key="apply_operating_cost").input("lots")
    at.text_input(key="apply_platform_share_pct").input("140")
    at.button(key="FormSubmitter:apply_form-See the decision").click().run()  # issue #9: a preview first
    assert "Please correct the form" in at.error[0].value
    problems = texts(at)
    assert "“lots” is not a number" in problems and "between 0 and 100" in problems
    assert table_digests() == before


# --- staff -------------------------------------------------------------------------------------


def test_the_admin_advances_the_business_date(demo_db):
    at = open_page("admin", "book")
    at.number_input(key="advance_days").set_value(2)
    at.checkbox(key="advance_simulate").uncheck()
    at.button(key="FormSubmitter:advance_form-Advance").click().run()
    assert not at.exception
    assert "the business date is now 2026-11-30" in at.success[0].value
    runs, advanced = at.dataframe[0].value, at.dataframe[-1].value  # the latest runs, then the days run
    assert len(advanced) == 2
    assert list(runs["date"][:2]) == ["2026-11-29", "2026-11-28"]
    assert "Last completed run 2026-11-29" in texts(at)


def test_a_risk_officer_sees_the_date_but_cannot_advance_it(demo_db):
    at = open_page("risk", "book")
    assert "Only an admin" in at.info[0].value
    assert not at.number_input


# --- languages -----------------------------------------------------------------------------------


def test_the_chinese_ui_shows_chinese_labels(demo_db):
    at = open_page("demo", "home", lang="zh")
    assert at.title[0].value == "我的额度"
    assert "信用贷款：当前可借" in [m.label for m in at.metric]
    at = open_page("demo", "draw_credit", lang="zh")
    assert at.text_input(key="credit_amount").label == "借款金额（¥）"
    assert at.radio(key="credit_method").options == ["到期还本付息", "按月付息", "等额本金", "等额本息"]
    at.text_input(key="credit_amount").input("900000").run()
    refusal = at.error[0].value  # the refusal as it is typed, in Chinese too
    assert "¥900,000.00" in refusal and any("\u4e00" <= c <= "\u9fff" for c in refusal)


# --- issue #9: the amount checked as it is typed, sellers who cannot borrow -----------------------


@pytest.mark.parametrize(("typed", "says"), [
    ("99.99", "The smallest draw is ¥100.00; you asked for ¥99.99."),
    ("5,000,000", "you asked for ¥5,000,000.00"),
    ("1,2,3", "is not an amount"),
    ("1e5", "is not an amount"),
])
def test_an_amount_that_cannot_be_drawn_gets_no_preview_and_no_agreement(demo_db, typed, says):
    at = open_page("demo", "draw_credit")
    at.text_input(key="credit_amount").input(typed).run()
    assert not at.exception
    assert says in at.error[0].value
    assert "credit_review" not in [b.key for b in at.button]
    assert not charts(at) and "Repayment schedule if drawn today" not in texts(at)


def test_the_amount_field_shows_the_bounds_and_max_fills_in_what_is_available(demo_db):
    available = credit_available("demo")
    at = open_page("demo", "draw_credit")
    assert f"From ¥100.00 up to ¥{available:,.2f} now." in texts(at)
    at.button(key="credit_amount_max").click().run()
    assert at.text_input(key="credit_amount").value == f"{available:,.2f}"
    assert not at.error and at.button(key="credit_review")  # grouped as shown, it parses


HOME_SAYS = {"seller3": "Your shop must be open 6 months",
             "seller5": "No new draws are possible until it is repaid",
             "seller6": "Your account is closed to new loans after a default"}


@pytest.mark.parametrize(("username", "says"), [
    ("seller3", "Your shop must be open 6 months"),  # a new shop: not eligible yet
    ("seller5", "You have an overdue payment"),
    ("seller6", "Your account is closed to new loans after a default"),
])
def test_a_seller_who_cannot_borrow_is_told_why_and_offered_no_draw(demo_db, username, says):
    for page in ("draw_credit", "draw_order"):
        at = open_page(username, page)
        assert not at.exception
        assert says in at.warning[0].value, (page, at.warning[0].value)
        assert "more than your credit limit allows" not in texts(at)
        assert not at.text_input and not at.dataframe  # no amount field, no orders to tick
    at = open_page(username, "home")  # issue #16 item 7: one message, in the words of the seller's standing
    assert HOME_SAYS[username] in "\n".join(e.value for e in (*at.warning, *at.error))
    links = [link.proto.page for link in at.get("page_link")]
    assert "repay" in links and not {"draw_credit", "draw_order"} & set(links)


def test_a_seller_who_can_borrow_gets_the_draw_links(demo_db):
    at = open_page("demo", "home")
    links = [link.proto.page for link in at.get("page_link")]
    assert {"draw_credit", "draw_order"} <= set(links)
    assert not [w.value for w in at.warning if "cannot draw" in w.value]  # every warning, not the first


def test_an_application_is_previewed_and_applied_only_when_confirmed(demo_db):
    """Issue #9 item 9: pre-filled from the platform; a preview stores nothing; confirm applies it."""
    at = open_page("demo", "apply")
    assert at.text_input(key="apply_annual_sales").value.count(",") >= 1  # 1,234,567.89, not 1234567.89
    assert at.text_input(key="apply_receivables").value and at.text_input(key="apply_customer1_share").value
    assert at.date_input(key="apply_customer1_since").value is not None
    for name, value in (("operating_cost", "900,000"), ("net_margin_pct", "12"), ("inventory", "50,000"),
                        ("total_assets", "800,000"), ("total_liabilities", "100,000")):
        at.text_input(key=f"apply_{name}").input(value)
    before = table_digests()
    at.button(key="FormSubmitter:apply_form-See the decision").click().run()
    assert not at.exception
    assert "Preview — not applied yet" in texts(at) and "Nothing changes until you confirm" in texts(at)
    assert table_digests() == before
    at.button(key="apply_confirm").click().run()
    assert not at.exception
    assert "Preview — not applied yet" not in texts(at)
    assert "Decision" in [h.value for h in at.subheader]
    after = table_digests()
    assert after["credit_decisions"].rows == before["credit_decisions"].rows + 1
    assert after["credit_applications"].rows == before["credit_applications"].rows + 1
