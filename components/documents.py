"""Download buttons for the documents a borrower keeps (issue #9 item 15). The file is made
only when the button is pressed (`data` is a callable), in the reader's language."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.i18n import current_language

PDF, CSV = "application/pdf", "text/csv"


def document_button(label: str, make: Callable[[str], bytes], file_name: str, *, key: str,
                    mime: str = PDF) -> None:
    """A download button for `make(lang)`; `make` is a read-only service call."""
    lang = current_language()  # read now: the callable runs outside this script run
    st.download_button(label, data=lambda: make(lang), file_name=file_name, mime=mime, key=key, icon="📄",
                       on_click="ignore")
