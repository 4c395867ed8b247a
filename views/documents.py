"""My documents (issue #9 item 15): loan agreements, payment receipts and monthly statements."""

import streamlit as st

from app.services.lending.loan_views import loan_detail, my_loans
from app.services.portal.documents import (
    loan_agreement_pdf,
    payment_receipt_pdf,
    statement_csv,
    statement_months,
    statement_pdf,
)
from components.documents import CSV, document_button
from components.i18n import day, labelled, money, product_name, t
from components.pages import seller_page

actor = seller_page("documents.title", "documents.caption")
loans = my_loans(actor, actor.seller_id)

agreements, receipts, statements = st.tabs([t("documents.agreements"), t("documents.receipts"),
                                            t("documents.statements")])
with agreements:
    if not loans:
        st.info(t("documents.none"))
    else:
        ids = [loan.id for loan in loans]
        by_id = {loan.id: loan for loan in loans}
        chosen = st.selectbox(t("documents.loan"), ids, key="documents_loan", format_func=labelled(
            ids, lambda i: t("documents.loan_option", id=i, product=product_name(by_id[i].product),
                             amount=money(by_id[i].principal), date=day(by_id[i].start_date))).get)
        document_button(t("documents.agreement_pdf"), lambda lang: loan_agreement_pdf(actor, chosen, lang),
                        f"loan-{chosen}-agreement.pdf", key="documents_agreement")

with receipts:
    loan_id = st.selectbox(t("documents.loan"), [loan.id for loan in loans], key="documents_receipt_loan",
                           format_func=lambda i: f"#{i}") if loans else None
    payments = loan_detail(actor, loan_id).payments if loan_id is not None else ()
    if not payments:
        st.info(t("documents.none"))
    else:
        by_payment = {p.id: p for p in payments}
        pid = st.selectbox(t("documents.payment"), list(by_payment), key="documents_payment",
                           format_func=labelled(by_payment, lambda i: t(
                               "documents.payment_option", id=i, loan=by_payment[i].loan_id,
                               amount=money(by_payment[i].amount), date=day(by_payment[i].paid_on))).get)
        document_button(t("documents.receipt_pdf"), lambda lang: payment_receipt_pdf(actor, pid, lang),
                        f"receipt-{pid}.pdf", key="documents_receipt")

with statements:
    months = statement_months(actor, actor.seller_id)
    month = st.selectbox(t("documents.month"), months, key="documents_month",
                         format_func=lambda m: m.strftime("%Y-%m"))
    name = f"statement-{month:%Y-%m}"
    with st.container(horizontal=True):
        document_button(t("documents.statement_pdf"),
                        lambda lang: statement_pdf(actor, actor.seller_id, month, lang), f"{name}.pdf",
                        key="documents_statement_pdf")
        document_button(t("documents.statement_csv"),
                        lambda lang: statement_csv(actor, actor.seller_id, month, lang), f"{name}.csv",
                        key="documents_statement_csv", mime=CSV)
