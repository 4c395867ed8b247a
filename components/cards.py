"""Limit cards and the seller's header (product §2.2)."""

from __future__ import annotations

import streamlit as st

from app.services.availability import Limits
from app.services.portal import Home
from components.i18n import day, md, money, percent, t


def figure(column, label: str, value: str, caption: str = "", help: str | None = None) -> None:
    """One figure in a bordered card: label, value, a caption line under it."""
    with column.container(border=True):
        st.metric(label, value, help=help)
        st.caption(caption or "\u00a0")


def limit_cards(limits: Limits) -> None:
    """What may be drawn now per product, each with its limit and what is outstanding."""
    credit, order, total = st.columns(3)
    figure(credit, t("limits.credit_available"), money(limits.credit_available),
           t("limits.credit_caption", limit=money(limits.credit_limit),
             outstanding=money(limits.credit_outstanding)),
           help=t("limits.credit_help"))
    figure(order, t("limits.order_available"), money(limits.order_available),
           t("limits.order_caption", limit=money(limits.order_limit),
             outstanding=money(limits.order_outstanding)),
           help=t("limits.order_help", rate=percent(limits.advance_rate)))
    figure(total, t("limits.outstanding"), money(limits.total_outstanding),
           t("limits.outstanding_caption", room=money(limits.combined_room)), help=t("limits.cap_help"))


def payment_cards(home: Home) -> None:
    """Next payment, what is overdue, and the rating in force."""
    next_col, overdue_col, rating_col = st.columns(3)
    if home.next_payment_date is None:
        figure(next_col, t("home.next_payment"), "—", t("home.no_payment_due"))
    else:
        figure(next_col, t("home.next_payment"), money(home.next_payment_amount),
               t("home.due_on", date=day(home.next_payment_date)))
    figure(overdue_col, t("home.overdue"), money(home.overdue_amount),
           t("home.overdue_caption") if home.overdue_amount else t("home.nothing_overdue"))
    decision = home.decision
    caption = (t("home.rating_caption", score=decision.score, date=day(decision.decided_on)) if decision
               else t("home.pre_approved") if home.limits.rating else t("home.no_rating"))
    figure(rating_col, t("home.rating"), home.limits.rating or "—", caption)


def seller_header(home: Home) -> None:
    shops = " · ".join(f"{md(name)} ({shop_id})" for shop_id, name in home.shops)
    st.caption(t("home.identity", name=md(home.seller_name), shops=shops,
                 resident_id=md(home.masked_resident_id), phone=md(home.masked_phone)))
