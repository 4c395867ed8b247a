"""Tables of loans, payments and pledged orders (product §2.7)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from app.services.lending.loan_views import LoanRow, PaymentRow, PledgedOrder
from components.i18n import label, method_short, product_name, rate_parts, show, status_name, t
from components.tables import money_column, table


def loan_state(loan: LoanRow) -> str:
    """What the loan is now, in words: "Overdue 14 days", "Non-performing (154 days late)", "Open",
    "Repaid", "Written off" — the same on the loan's page, in every table and every picker."""
    return show(loan.state_text)


COMPACT = ("id", "product", "outstanding", "due_now", "next_due", "next_amount", "dpd", "status")
FULL = ("id", "product", "method", "principal", "outstanding", "rate", "maturity", "due_now", "next_due",
        "next_amount", "dpd", "status")  # the draw date is on the loan's own page


def loans_table(loans: Sequence[LoanRow], *, key: str, compact: bool = False,
                open_on_click: bool = False) -> None:
    """Every loan with status, next due and days past due; `compact`: the columns a home page needs.
    `open_on_click`: clicking a row opens that loan's page."""
    records = [{
        "id": loan.id, "product": product_name(loan.product), "method": method_short(loan.method),
        "principal": loan.principal, "outstanding": loan.outstanding,
        "rate": rate_parts(loan.daily_rate)[0], "start": loan.start_date, "maturity": loan.maturity_date,
        "status": loan_state(loan), "next_due": loan.next_due_date,
        "next_amount": loan.next_due_amount if loan.next_due_date else None,  # a blank, never "—"
        "dpd": loan.days_past_due, "due_now": loan.due_now} for loan in loans]
    selection = {"on_select": "rerun", "selection_mode": "single-row"} if open_on_click else {}
    picked = table(records, key=key, column_order=COMPACT if compact else FULL, **selection, column_config={
        "id": st.column_config.NumberColumn(t("loans.id"), format="#%d", width="small"),
        "product": t("loans.product"), "method": t("loans.method"),
        "principal": money_column(t("loans.principal")), "outstanding": money_column(t("loans.outstanding")),
        "rate": st.column_config.TextColumn(t("loans.rate"), help=t("draw.rate_help")),
        "start": t("loans.start"), "maturity": t("loans.maturity"),
        "status": t("loans.status"), "next_due": t("loans.next_due"),
        "next_amount": money_column(t("loans.next_amount")),
        "due_now": money_column(t("home.due_now")),
        "dpd": st.column_config.NumberColumn(t("loans.dpd"), format="%d", help=t("loans.dpd_help"))})
    rows = picked.selection.rows if open_on_click else []
    if rows:
        st.switch_page("views/loan.py", query_params={"loan": str(loans[rows[0]].id)})


def payments_table(payments: Sequence[PaymentRow], *, key: str) -> None:
    if not payments:
        st.caption(t("loan.no_payments"))
        return
    records = [{
        "paid_on": p.paid_on, "source": label(f"source.{p.source}", p.source), "amount": p.amount,
        "penalty": p.penalty, "interest": p.interest, "principal": p.principal,
        "order": p.order_id,  # None (a blank) when no order's proceeds paid it
        "reversed": p.reversed}
        for p in payments]
    table(records, key=key, column_config={
        "reversed": st.column_config.CheckboxColumn(t("loan.reversed"), help=t("loan.reversed_help")),
        "paid_on": t("loan.paid_on"), "source": t("loan.source"),
        "order": st.column_config.NumberColumn(t("loan.paid_by_order"), format="#%d",
                                               help=t("loan.paid_by_order_help")),
        "amount": money_column(t("allocation.amount")), "penalty": money_column(t("allocation.penalty")),
        "interest": money_column(t("allocation.interest")),
        "principal": money_column(t("allocation.principal"))})


def pledged_orders_table(orders: Sequence[PledgedOrder], *, key: str) -> None:
    records = [{
        "id": o.id, "buyer": o.buyer, "amount": o.amount, "status": status_name(o.status),
        "shipped_on": o.shipped_on, "settled_on": o.settled_on, "repaid": o.repaid} for o in orders]
    columns = ["id", "buyer", "amount", "status", "shipped_on", "settled_on", "repaid"]
    table(records, key=key, columns=columns, column_config={
        "id": st.column_config.NumberColumn(t("order.id"), format="%d"), "buyer": t("order.buyer"),
        "amount": money_column(t("order.amount")), "status": t("loans.status"),
        "shipped_on": t("order.shipped_on"), "settled_on": t("loan.settled_on"),
        "repaid": money_column(t("loan.repaid_by_order"))})
