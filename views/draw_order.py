"""Draw an order loan (product §2.4): pick shipped orders, see the 30-day cost, confirm."""

import zlib

import streamlit as st

from app.config import DEFAULT_CONFIG
from app.errors import LendingError
from app.services.lending.borrowing import borrowing_status, check_order_amount
from app.services.lending.draws import draw_order_loan
from app.services.lending.loan_views import order_draw_quote
from app.services.lending.seller_orders import order_backing, pledgeable_orders
from app.services.portal.documents import loan_agreement_pdf
from app.services.portal.home import home
from components.borrowing import cannot_borrow
from components.cards import figure, figure_row
from components.documents import document_button
from components.draw import cost_figures, draw_details, shop_choice
from components.draw_amount import amount_refused, draw_amount_input
from components.errors import show_refusal
from components.i18n import day, money, percent, t, tn
from components.money_action import confirm_and_run, last_result
from components.pages import seller_page
from components.tables import money_column, table

actor = seller_page("order.title", "order.caption")
FLOW = "order_draw"
me = home(actor, actor.seller_id)

done = last_result(FLOW)
if done is not None:
    st.success(t("order.drawn", id=done.id, amount=money(done.principal), date=day(done.maturity_date)),
               icon="🎉")
    st.page_link("views/loan.py", label=t("draw.open_new_loan", id=done.id), icon="🔎",
                 query_params={"loan": str(done.id)})
    st.page_link("views/loans.py", label=t("credit.see_loans"), icon="📒")
    document_button(t("documents.agreement_pdf"), lambda lang: loan_agreement_pdf(actor, done.id, lang),
                    f"loan-{done.id}-agreement.pdf", key="order_agreement_pdf")

limit_col, rate_col = st.columns(2)
limit_col.metric(t("limits.order_available"), money(me.limits.order_available),
                 help=t("limits.order_help", rate=percent(me.limits.advance_rate)))
rate_col.metric(t("order.advance_rate"), percent(me.limits.advance_rate))

status = borrowing_status(actor, actor.seller_id)
if not status.can_draw_order:  # no orders offered to pledge at a 0 % advance rate
    cannot_borrow(status.order, t("borrow.cannot_order"))
    st.stop()

shop = shop_choice(me, "order_shop")
orders = pledgeable_orders(actor, actor.seller_id, shop)
if not orders:
    st.info(t("order.no_orders"))
    st.stop()

st.markdown(f"**{t('order.orders', n=len(orders))}**")
st.session_state.setdefault("order_select_all", False)  # cleared after a draw: the browser unticks it too
select_all = st.checkbox(t("order.select_all"), key="order_select_all")
records = [{"id": o.id, "buyer": o.buyer, "amount": o.amount, "paid_on": o.paid_on,
            "shipped_on": o.shipped_on} for o in orders]
# A new table (other orders, or select-all ticked/unticked) starts from a fresh selection.
digest = zlib.crc32(",".join(str(o.id) for o in orders).encode())
picked = table(
    records, key=f"order_table_{digest}_{select_all}", on_select="rerun",
    selection_mode="multi-row",
    selection_default={"selection": {"rows": list(range(len(orders)))}} if select_all else None,
    height=min(400, 38 + 35 * len(orders)), column_config={
        "id": st.column_config.NumberColumn(t("order.id"), format="%d"),
        "buyer": st.column_config.TextColumn(t("order.buyer")), "amount": money_column(t("order.amount")),
        "paid_on": st.column_config.TextColumn(t("order.paid_on")),
        "shipped_on": st.column_config.TextColumn(t("order.shipped_on"))})
rows = picked.selection.rows
chosen = sorted(orders[r].id for r in rows)
if not chosen:
    st.info(t("order.pick_orders"))
    st.stop()

backing = order_backing(actor, actor.seller_id, chosen, shop)
row = figure_row()
figure(row, t("order.chosen_value"), money(backing.orders_value),
       tn("order.chosen", len(backing.order_ids)))
figure(row, t("order.backing"), money(backing.backing), t("order.backing_help"))
figure(row, t("order.most"), money(backing.most), t("order.most_caption"))
with st.columns([1, 2])[0]:
    amount = draw_amount_input(t("order.amount_to_draw"), "order_amount", minimum=status.minimum,
                               available=backing.most, placeholder=f"{backing.most:,.2f}",
                               help=t("order.amount_help"))
if amount is None and st.session_state["order_amount"].strip():
    st.stop()  # what was typed is not an amount; the field says why
if not backing.most:
    st.warning(t("order.nothing_to_draw"), icon="⚠️")
    st.stop()
check = check_order_amount(actor, actor.seller_id, chosen, amount, shop)  # None: the most they back
if not check.ok:  # no cost preview and no agreement for an amount that cannot be drawn
    amount_refused(check.refusal)
    st.stop()
amount = check.amount
try:
    quote = order_draw_quote(amount)
except LendingError as err:
    show_refusal(err)
    st.stop()
st.markdown(f"**{t('order.cost_title', days=DEFAULT_CONFIG.order_term_days)}**")
cost_figures(quote)

request = {"shop": shop, "orders": chosen, "amount": str(amount)}
pledged = t("order.pledged", ids=", ".join(f"#{i}" for i in chosen))
term = t("order.term", days=DEFAULT_CONFIG.order_term_days)
confirm_and_run(
    FLOW, request, review_label=t("draw.review"), review_key="order_review", title=t("draw.confirm_title"),
    confirm_label=t("draw.confirm"), details=lambda: draw_details(quote, term, key=FLOW, note=pledged),
    call=lambda key, agreed: draw_order_loan(actor, shop_id=shop, order_ids=chosen, amount=amount,
                                             idempotency_key=key, agreement_accepted=agreed),
    clear=("order_amount", "order_select_all"), ready=bool, not_ready=t("draw.agree_first"))
