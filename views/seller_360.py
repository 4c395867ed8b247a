"""Seller 360° (issue 16 item 17): one seller's loans, limits and decision, monitoring events,
collectors' contacts, corrections and documents, for risk officers and admins. The seller comes
from `?seller=ID` (every table that names a seller links here) or the number typed in."""

import streamlit as st

from app.errors import LendingError
from app.services.back_office.seller_360 import AGREEMENT, seller_360
from app.services.portal.documents import loan_agreement_pdf, payment_receipt_pdf
from components.errors import show_refusal
from components.i18n import t
from components.pages import staff_page
from components.query import parse_id
from components.seller_360 import seller_figures, seller_header, seller_tabs

actor = staff_page("seller360.title")
wanted = parse_id(st.query_params.get("seller"))


def follow(key: str) -> None:
    """The address names the seller typed in (and a link's `?seller=` fills the field)."""
    if st.session_state[key] is None:
        st.query_params.pop("seller", None)
    else:
        st.query_params["seller"] = str(int(st.session_state[key]))


key = f"s360_pick_{wanted}"
typed = st.number_input(t("seller360.pick"), min_value=1, step=1, value=wanted, key=key,
                        help=t("seller360.pick_help"), on_change=follow, args=(key,))
if typed is None:
    st.info(t("seller360.none"))
    st.stop()
try:
    seller = seller_360(actor, int(typed))
except LendingError as err:
    show_refusal(err)
    st.stop()

st.caption(t("seller360.caption", date=seller.today.isoformat()))
seller_header(seller)
seller_figures(seller)
seller_tabs(seller, lambda document, lang: loan_agreement_pdf(actor, document.id, lang)
            if document.kind == AGREEMENT else payment_receipt_pdf(actor, document.id, lang))
