"""The entry page starts and shows the business date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from app.services.settings import set_business_date
from db.engine import session_scope

APP = Path(__file__).resolve().parents[2] / "streamlit_app.py"


def test_the_entry_page_shows_the_business_date(db_url):
    with session_scope() as session:
        set_business_date(session, date(2026, 5, 31))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert at.metric[0].value == "2026-05-31"
