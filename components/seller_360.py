"""The seller 360° page's parts (issue 16 item 17): who the seller is, the figures that matter,
and one tab each for loans, limits and decision, events, contacts, corrections and documents.
Read models in, Streamlit out; staff wording throughout."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app.services.back_office.seller_360 import Seller360, SellerDocument
from components.cards import figure, figure_row
from components.decision import decision_facts, decision_reasons
from components.documents import document_button
from components.i18n import band_name, day, label, labelled, md, money, percent, show, t
from components.loans import loans_table
from components.tables import money_column, table


def seller_header(seller: Seller360) -> None:
    shops = ", ".join(f"{md(name)} ({shop_id}, {md(category)})" for shop_id, name, category in seller.shops)
    verified = t("seller360.verified" if seller.real_name_verified else "seller360.not_verified")
    st.markdown(t("seller360.identity", name=md(seller.name), seller_id=seller.seller_id,
                  resident_id=md(seller.masked_resident_id), verified=verified, shops=shops or "—"))
    if seller.blacklisted:
        st.error(t("seller360.blacklisted", date=day(seller.blacklisted_on)), icon="⛔")
    elif seller.limits.frozen:
        st.warning(t("seller360.frozen"), icon="🧊")
    if (plan := seller.recovery) is not None:
        st.info(t("seller360.recovery", plan_id=plan.id, loan_id=plan.loan_id, paid=plan.installments_paid,
                  months=plan.months, streak=plan.on_time_streak, cap_pct=plan.cap_pct,
                  cap_until=day(plan.cap_until)), icon="🩹")


def seller_figures(seller: Seller360) -> None:
    """Rating, credit and order limits, outstanding principal, due now: cards that wrap."""
    limits, decision = seller.limits, seller.decision
    row = figure_row()
    caption = t("seller360.rating_caption", score=decision.score, date=day(decision.decided_on),
                status=label(f"decision.status.{decision.status}", decision.status)) if decision \
        else t("seller360.no_rating")
    band = limits.rating or (decision.band if decision else None)
    figure(row, t("seller360.rating"), band_name(band), caption)
    figure(row, t("seller360.credit"), money(limits.credit_limit),
           t("seller360.credit_caption", available=money(limits.credit_available)))
    figure(row, t("seller360.order"), money(limits.order_limit),
           t("seller360.order_caption", rate=percent(limits.advance_rate),
             available=money(limits.order_available)))
    figure(row, t("seller360.outstanding"), money(limits.total_outstanding),
           t("seller360.outstanding_caption", open=len(seller.open_loans), loans=len(seller.loans)))
    figure(row, t("seller360.due_now"), money(seller.due_now),
           t("seller360.due_now_caption", dpd=seller.days_past_due))


def seller_tabs(seller: Seller360, documents: Callable[[SellerDocument, str], bytes]) -> None:
    """The tabs; `documents(document, lang)` makes a document's PDF (a read-only service call)."""
    loans, decision, events, contacts, corrections, docs = st.tabs([
        t("seller360.tab.loans", n=len(seller.loans)), t("seller360.tab.decision"),
        t("seller360.tab.events", n=len(seller.events)), t("seller360.tab.contacts", n=len(seller.contacts)),
        t("seller360.tab.corrections", n=len(seller.corrections)),
        t("seller360.tab.documents", n=len(seller.documents))])
    with loans:
        if seller.loans:
            loans_table(list(seller.loans), key="s360_loans")
        else:
            st.caption(t("seller360.no_loans"))
    with decision:
        if seller.decision is None:
            st.caption(t("seller360.no_rating"))
        else:
            decision_facts(seller.decision)
            decision_reasons(seller.decision, staff=True)
    with events:
        _events(seller)
    with contacts:
        _contacts(seller)
    with corrections:
        _corrections(seller)
    with docs:
        _documents(seller, documents)


def _events(seller: Seller360) -> None:
    if not seller.events:
        st.caption(t("seller360.no_events"))
        return
    records = [{"kind": label(f"risk.kind.{e.kind}", e.kind),
                "status": label(f"risk.status.{e.status}", e.status), "opened_on": e.opened_on,
                "cure_until": e.cure_until, "due_on": e.due_on,
                "reasons": "; ".join(show(r) for r in e.reasons)} for e in seller.events]
    table(records, key="s360_events", column_config={c: t(f"risk_page.col.{c}") for c in records[0]})


def _contacts(seller: Seller360) -> None:
    if not seller.contacts:
        st.caption(t("seller360.no_contacts"))
        return
    records = [{"loan": c.loan_id, "date": c.business_date, "by": c.by, "note": c.note,
                "promise": c.promise_date} for c in seller.contacts]
    config = {c: t(f"coll.col.{c}") for c in ("date", "by", "note", "promise")}
    config["loan"] = st.column_config.NumberColumn(t("seller360.col.loan"), format="#%d")
    table(records, key="s360_contacts", column_config=config)


def _corrections(seller: Seller360) -> None:
    if not seller.corrections:
        st.caption(t("seller360.no_corrections"))
        return
    records = [{"id": c.id, "kind": t(f"correction.kind.{c.kind}"), "loan": c.loan_id,
                "payment": c.payment_id, "amount": c.amount,
                "status": label(f"correction.status.{c.status}", c.status), "reason": c.reason,
                "proposed_by": c.proposed_by, "proposed_on": c.proposed_on, "decided_by": c.decided_by,
                "decided_on": c.decided_on} for c in seller.corrections]
    config = {c: t(f"corrections_page.col.{c}") for c in ("kind", "reason", "proposed_by", "proposed_on")}
    config |= {c: t(f"seller360.col.{c}") for c in ("status", "decided_by", "decided_on")}
    config |= {"id": st.column_config.NumberColumn(t("corrections_page.col.id"), format="#%d"),
               "loan": st.column_config.NumberColumn(t("corrections_page.col.loan"), format="#%d"),
               "payment": st.column_config.NumberColumn(t("corrections_page.col.payment"), format="#%d"),
               "amount": money_column(t("corrections_page.col.amount"))}
    table(records, key="s360_corrections", column_config=config)


def _documents(seller: Seller360, make: Callable[[SellerDocument, str], bytes]) -> None:
    if not seller.documents:
        st.caption(t("seller360.no_documents"))
        return
    records = [{"kind": t(f"seller360.doc.{d.kind}"), "no": d.id, "on": d.on, "loan": d.loan_id,
                "amount": d.amount, "version": d.version} for d in seller.documents]
    config = {c: t(f"seller360.col.{c}") for c in ("kind", "on", "version")}
    config |= {"no": st.column_config.NumberColumn(t("seller360.col.no"), format="#%d"),
               "loan": st.column_config.NumberColumn(t("seller360.col.loan"), format="#%d"),
               "amount": money_column(t("seller360.col.amount"))}
    table(records, key="s360_documents", column_config=config, height=min(400, 38 + 35 * len(records)))
    by_key = {(d.kind, d.id): d for d in seller.documents}
    names = labelled(list(by_key), lambda k: t("seller360.doc.option", kind=t(f"seller360.doc.{k[0]}"),
                                               id=k[1], date=day(by_key[k].on), loan_id=by_key[k].loan_id))
    chosen = by_key[st.selectbox(t("seller360.doc.pick"), list(names), format_func=names.get, key="s360_doc")]
    document_button(t("seller360.doc.download"), lambda lang: make(chosen, lang),
                    f"{chosen.kind}-{chosen.id}.pdf", key=f"s360_doc_{chosen.kind}_{chosen.id}")
