"""A credit decision: outcome, rating, limits, its reasons and how to raise the limit (rules §6.2)."""

from __future__ import annotations

import streamlit as st

from app.services.store.decision_records import DecisionView
from components.cards import bare_figure, figure_row
from components.i18n import band_name, day, money, percent, show, show_to_staff, t

OUTCOME = {"approved": st.success, "manual_review": st.info, "declined": st.warning, "ineligible": st.warning}


def decision_outcome(decision: DecisionView, *, blocked: bool = False) -> None:
    """The decision's outcome in its colour; `blocked` (My limits already says at its top why no loan
    can be drawn now): the rating in plain words — no green "Approved", no second list of reasons."""
    if blocked:
        st.info(t("decision.in_force", band=band_name(decision.band), score=decision.score,
                  date=day(decision.decided_on)), icon="ℹ️")
        return
    box = OUTCOME.get(decision.status, st.info)
    box(t(f"decision.{decision.status}", limit=money(decision.credit_limit),
          proposed=money(decision.proposed_credit_limit), band=band_name(decision.band),
          score=decision.score))
    for reason in decision.ineligible:
        st.markdown(f"- ⛔ {show(reason)}")


def decision_facts(decision: DecisionView) -> None:
    row = figure_row()
    bare_figure(row, t("decision.rating"), band_name(decision.band), wide=False)
    bare_figure(row, t("decision.score"), decision.score, help=t("decision.score_help"), wide=False)
    bare_figure(row, t("decision.credit_limit"), money(decision.credit_limit))
    bare_figure(row, t("decision.advance_rate"), percent(decision.advance_rate), wide=False)
    st.caption(t("decision.basis", date=day(decision.decided_on), sales=money(decision.average_monthly_sales),
                 model=decision.model_version))


def decision_reasons(decision: DecisionView, *, tips: bool = True, staff: bool = False) -> None:
    """The three strongest reasons each way, and the tips (`tips` False: without them); `staff`:
    worded for an officer reading about the seller (never "Your …"), not for the seller."""
    shown = show_to_staff if staff else show
    tips_title, no_tips = ("decision.staff_tips", "decision.staff_no_tips") if staff else \
        ("decision.tips", "decision.no_tips")
    sections = [(t("decision.reasons_up"), "✅", decision.reasons_up, t("decision.none")),
                (t("decision.reasons_down"), "⚠️", decision.reasons_down, t("decision.none"))]
    if tips:
        sections.append((t(tips_title), "💡", decision.tips, t(no_tips)))
    columns = st.columns(len(sections))
    for column, (title, icon, items, empty) in zip(columns, sections, strict=True):
        with column.container(border=True):
            st.markdown(f"**{title}**")
            for item in items:
                st.markdown(f"{icon} {shown(item)}")
            if not items:
                st.caption(empty)


def decision_panel(decision: DecisionView | None) -> None:
    if decision is None:
        st.info(t("decision.missing"))
        return
    decision_outcome(decision)
    decision_facts(decision)
    decision_reasons(decision)
