"""The one flow by which a page moves money: review → confirm or cancel → call the service → result.

Every money page (draw a credit loan, draw an order loan, repay) ends with the same steps:

1. a "Review" button; pressing it opens a confirmation for this exact `request` with one
   idempotency key (`components.confirm`), and forgets the previous result;
2. the confirmation panel: a title, the page's own summary (`details`, which may return
   what the reader agreed to), and Confirm / Cancel — Confirm disabled until `ready` says
   the reader agreed;
3. Cancel drops the confirmation; Confirm calls the page's service with the key — so a
   double click or a rerun repeats the same request and never moves money twice;
4. a refusal (`LendingError`) is shown under the panel and the confirmation stays open;
   a success is remembered for the page's banner (`last_result`), the named form fields
   are cleared and the page reruns. A field named in `clear` must take its starting value
   from session state (`st.session_state.setdefault(key, start)` before the widget, as
   `money_input` does): only a value set that way reaches the browser, so the form on screen
   starts afresh too, not just the page's idea of it.

This component never names a service: the page passes `call`, which is where money moves.
Widget keys: `review_key` for the review button, `{flow}_confirm` / `{flow}_cancel` for the
buttons, and whatever keys `details` uses (a draw's agreement box is `{flow}_agree`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import streamlit as st

from app.errors import LendingError
from components import confirm
from components.errors import show_refusal
from components.i18n import t

Agreed = TypeVar("Agreed")
Result = TypeVar("Result")


def last_result(flow: str):
    """What the last confirmed request of `flow` returned (a loan, a receipt), to show at the top; or None."""
    return confirm.last_result(flow)


def confirm_buttons(label: str, key: str, *, disabled: bool = False) -> tuple[bool, bool]:
    """The primary confirm button (greyed out while `disabled`) and a cancel button, side by side:
    (confirmed, cancelled)."""
    with st.container(horizontal=True):
        confirmed = st.button(label, type="primary", key=f"{key}_confirm", icon="✅", disabled=disabled)
        cancelled = st.button(t("draw.cancel"), key=f"{key}_cancel")
    return confirmed, cancelled


def confirm_and_run(flow: str, request: dict, *, review_label: str, review_key: str, title: str,
                    confirm_label: str, details: Callable[[], Agreed],
                    call: Callable[[str, Agreed], Result], clear: Iterable[str] = (),
                    stop: bool = True, ready: Callable[[Agreed], bool] | None = None,
                    not_ready: str = "") -> None:
    """Review, confirm or cancel, then `call(idempotency_key, details())` once; see the module doc.

    `request` is what the reader asked for (plain values): changing it drops a waiting
    confirmation and its key. Stops the page while nothing is confirmed, unless `stop` is False
    (a flow in a section of a page that goes on below it). With `ready`, Confirm stays disabled
    until `ready(details())` is true (a draw: until "I agree" is ticked), with `not_ready`
    shown under it."""
    key = confirm.pending(flow, request)
    if key is None:
        if st.button(review_label, type="primary", key=review_key, icon="➡️"):
            confirm.forget_result(flow)
            confirm.start(flow, request)
            st.rerun()
        if stop:
            st.stop()
        return

    with st.container(border=True):
        st.subheader(title, anchor=False)
        agreed = details()
        waiting = ready is not None and not ready(agreed)
        confirmed, cancelled = confirm_buttons(confirm_label, flow, disabled=waiting)
        if waiting and not_ready:
            st.caption(not_ready)
    if cancelled:
        confirm.cancel(flow)
        st.rerun()
    if confirmed:
        try:
            result = call(key, agreed)
        except LendingError as err:
            show_refusal(err)
        else:
            confirm.remember_result(flow, result)
            for field in clear:  # a new request starts from an empty form
                st.session_state.pop(field, None)
            st.rerun()
