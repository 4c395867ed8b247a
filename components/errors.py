"""Errors on a page: a service's refusal is shown in the reader's language
(`show_refusal`); as the last line of defence, an unexpected error is logged on the server
with a short reference, and the reader sees a plain message with that reference — never a
traceback (issue #8 C; `.streamlit/config.toml` also sets `showErrorDetails = "none"`)."""

from __future__ import annotations

import logging
import secrets

import streamlit as st

from app.errors import LendingError
from components.i18n import error_text, t

LOG = logging.getLogger("microloan")


def show_refusal(error: LendingError) -> None:
    """A service refused: its message (fit to show a seller), as every page shows one."""
    st.error(error_text(error), icon="⚠️")


def run_page(page) -> None:
    """Run the navigation's page; st.stop / st.rerun / st.switch_page pass through (they are
    not `Exception`s)."""
    try:
        page.run()
    except Exception:
        request_id = secrets.token_hex(4)  # 8 hex characters the reader can quote
        LOG.exception("unexpected error on page %r, request id %s", getattr(page, "url_path", page),
                      request_id)
        st.error(t("app.unexpected_error", id=request_id), icon="⚠️")
