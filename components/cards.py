"""Limit cards and the seller's header (product §2.2)."""

from __future__ import annotations

import math

import streamlit as st

from app.services.lending.availability import Limits
from app.services.portal.home import Home
from components.i18n import band_name, day, md, money, percent, t, tn

# A card is never narrower than a seven-digit amount ("¥1,234,567.89" is ~206 px in st.metric's
# figure font) plus the card's padding; a row of cards wraps onto the next line when the page is
# narrower (1024 px with the sidebar open, a phone), instead of cutting the figures ("¥791,1…").
CARD_WIDTH = 250
FIGURE_WIDTH = 220  # a bare st.metric (no border, no padding) with a seven-digit amount
FIGURE_CHAR_PX = 16  # a digit, comma or ¥ of st.metric's figure font, rounded up (¥12,499,060.15: ~224 px)
WIDE_CHAR_PX = 36  # a Chinese character of that font
CARD_PADDING_PX = 40  # the card's border and padding on both sides (34 px), and a little air


def card_width(value: str) -> int:
    """A card as wide as its figure needs (never narrower than CARD_WIDTH): an eight-digit amount
    (the book's ¥12,499,060.15 disbursed) gets a wider card instead of being cut."""
    text_px = sum(WIDE_CHAR_PX if ord(c) >= 0x2E80 else FIGURE_CHAR_PX for c in value)
    return max(CARD_WIDTH, math.ceil(text_px) + CARD_PADDING_PX)


def figure_row():
    """A row of figures (cards or bare metrics) that wraps when it does not fit the page."""
    return st.container(horizontal=True, gap="small")


def figure(row, label: str, value: str, caption: str = "", help: str | None = None) -> None:
    """One figure in a bordered card of `row` (see `figure_row`): label, value, a caption under it."""
    with row.container(border=True, width=card_width(value)):
        st.metric(label, value, help=help)
        st.caption(caption or "\u00a0")


def bare_figure(row, label: str, value, help: str | None = None, *, wide: bool = True) -> None:
    """A figure without a card in `row`: `wide` for money amounts, else as wide as its text."""
    row.metric(label, value, help=help, width=FIGURE_WIDTH if wide else "content")


def limit_cards(limits: Limits, note: str | None = None) -> None:
    """What may be drawn now per product, each with its limit and what is outstanding; `note`, when
    nothing can be drawn now, says why under the outstanding figure instead of the room under the cap."""
    row = figure_row()
    figure(row, t("limits.credit_available"), money(limits.credit_available),
           t("limits.credit_caption", limit=money(limits.credit_limit),
             outstanding=money(limits.credit_outstanding)),
           help=t("limits.credit_help"))
    figure(row, t("limits.order_available"), money(limits.order_available),
           t("limits.order_backing", orders=money(limits.pledgeable_value), rate=percent(limits.advance_rate),
             limit=money(limits.order_limit), lent=money(limits.order_outstanding)),
           help=t("limits.order_backing_help"))
    figure(row, t("limits.outstanding"), money(limits.total_outstanding),
           note or t("limits.outstanding_caption", room=money(limits.combined_room)),
           help=t("limits.cap_help"))


def payment_cards(home: Home) -> None:
    """Next payment, what is overdue, and the rating in force."""
    row = figure_row()
    if home.next_payment_date is None:
        figure(row, t("home.next_payment"), "—", t("home.no_payment_due"))
    else:
        figure(row, t("home.next_payment"), money(home.next_payment_amount),
               t("home.due_on", date=day(home.next_payment_date)))
    figure(row, t("home.due_now"), money(home.due_now), due_now_caption(home),
           help=t("home.due_now_help"))
    decision = home.decision
    caption = (t("home.rating_caption", score=decision.score, date=day(decision.decided_on)) if decision
               else t("home.pre_approved") if home.limits.rating else t("home.no_rating"))
    figure(row, t("home.rating"), band_name(home.limits.rating), caption)


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
