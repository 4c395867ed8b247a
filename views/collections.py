"""Collections (product §3, rules §7): overdue loans by days-past-due bucket with their
arrears, a CSV of each bucket, and the contact log (note, promise-to-pay date)."""

import streamlit as st

from app.errors import LendingError
from app.services.risk_ops.collections import collections, contact_log, log_contact
from components.backoffice import arrears_csv, arrears_table, contact_table, seller_page_link
from components.errors import show_refusal
from components.i18n import labelled, money, t
from components.pages import staff_page

LOGGED = "coll_logged"

actor = staff_page("coll.title")
book = collections(actor)
st.caption(t("coll.caption", date=book.today.isoformat()))

tabs = st.tabs([t("coll.tab", bucket=b, n=len(book.in_bucket(b))) for b in book.buckets])
for tab, bucket in zip(tabs, book.buckets, strict=True):
    rows = book.in_bucket(bucket)
    with tab:
        if not rows:
            st.caption(t("coll.empty"))
            continue
        st.caption(t("coll.total", n=len(rows), arrears=money(sum(r.arrears for r in rows)),
                     outstanding=money(sum(r.outstanding for r in rows))))
        arrears_table(rows, key=f"coll_table_{bucket}")
        st.download_button(t("coll.download"), arrears_csv(rows), file_name=f"collections-{bucket}.csv",
                           mime="text/csv", key=f"coll_csv_{bucket}", icon="⬇️")

st.subheader(t("coll.log_title"), anchor=False)
if (logged := st.session_state.pop(LOGGED, None)) is not None:
    st.success(t("coll.logged", id=logged), icon="✅")
if not book.loans:
    st.stop()
loans = {row.loan_id: row for row in book.loans}
options = labelled(loans, lambda i: t("coll.loan_option", id=i, seller=loans[i].seller_name,
                                      days=loans[i].days_late, arrears=money(loans[i].arrears)))
loan_id = st.selectbox(t("coll.loan_pick"), list(options), format_func=options.get, key="coll_loan")
seller_page_link(loans[loan_id].seller_id, loans[loan_id].seller_name)
with st.form("coll_contact_form", clear_on_submit=True):
    note = st.text_area(t("coll.note"), max_chars=500, key="coll_note")
    promised = st.checkbox(t("coll.has_promise"), key="coll_has_promise")
    promise = st.date_input(t("coll.promise"), value=book.today, min_value=book.today, key="coll_promise")
    save = st.form_submit_button(t("coll.save"), type="primary", icon="📝")
if save:
    try:
        log_contact(actor, loan_id, note=note, promise_date=promise if promised else None)
        st.session_state[LOGGED] = loan_id
        st.rerun()
    except LendingError as err:
        show_refusal(err)
contact_table(contact_log(actor, loan_id), key="coll_contacts")
