"""My loans (product §2.7): every loan with status, next due and days past due; open one for its detail."""

import streamlit as st

from app.services.lending.loan_views import my_loans
from components.i18n import labelled, money, product_name, t, tn
from components.loans import loan_state, loans_table
from components.pages import seller_page

actor = seller_page("loans.title", "loans.caption")
loans = my_loans(actor, actor.seller_id)
if not loans:
    st.info(t("loans.none"))
    st.stop()

show_closed = st.toggle(t("loans.show_closed"), key="loans_show_closed")
shown = [loan for loan in loans if show_closed or loan.is_open] or loans
st.caption(tn("loans.count", len(loans), shown=len(shown), total=len(loans)))
st.caption(t("loans.click_to_open"))
loans_table(shown, key="loans_table", open_on_click=True)

by_id = {loan.id: loan for loan in shown}
pick_col, link_col = st.columns([3, 1], vertical_alignment="bottom")
names = labelled(by_id, lambda i: f"#{i} · {product_name(by_id[i].product)} · {money(by_id[i].principal)} · "
                                  f"{loan_state(by_id[i])}")
loan_id = pick_col.selectbox(t("loans.open_one"), list(by_id), key="loans_pick", format_func=names.get)
link_col.page_link("views/loan.py", label=t("loans.open_detail", id=loan_id), icon="🔎",
                   query_params={"loan": str(loan_id)})
