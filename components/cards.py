"""Limit cards and the seller's header (product §2.2)."""

from __future__ import annotations

import streamlit as st

from app.services.availability import Limits
from app.services.portal import Home
from components.i18n import band_name, day, md, money, percent, t, tn


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
           t("limits.order_backing", orders=money(limits.pledgeable_value), rate=percent(limits.advance_rate),
             limit=money(limits.order_limit), lent=money(limits.order_outstanding)),
           help=t("limits.order_backing_help"))
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
    figure(overdue_col, t("home.due_now"), money(home.due_now), due_now_caption(home),
           help=t("home.due_now_help"))
    decision = home.decision
    caption = (t("home.rating_caption", score=decision.score, date=day(decision.decided_on)) if decision
               else t("home.pre_approved") if home.limits.rating else t("home.no_rating"))
    figure(rating_col, t("home.rating"), band_name(home.limits.rating), caption)


def due_now_caption(home: Home) -> str:
    """Why the due-now figure is what it is: non-performing, overdue since a date, or nothing overdue."""
    if home.non_performing_since is not None:
        return t("home.non_performing", date=day(home.overdue_since))
    if home.overdue_since is not None:
        return tn("home.overdue_since", home.days_past_due, date=day(home.overdue_since),
                  days=home.days_past_due)
    return t("home.due_now_caption") if home.due_now else t("home.nothing_overdue")


def seller_header(home: Home) -> None:
    shops = " · ".join(f"{md(name)} ({shop_id})" for shop_id, name in home.shops)
    st.caption(t("home.identity", name=md(home.seller_name), shops=shops,
                 resident_id=md(home.masked_resident_id), phone=md(home.masked_phone)))
