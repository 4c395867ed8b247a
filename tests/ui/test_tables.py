"""Every table on the seeded demo has typed columns (issue 16 item 15): no "None" and no "—" in a
cell, money and counts numeric with blanks where nothing is due (a loan's next amount, a
payment no order paid, the "today" row of a schedule), and no table that Streamlit had to
repair for Arrow (the server traceback `ArrowInvalid: Could not convert '—'`)."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit import dataframe_util

from tests.ui.conftest import open_page
from tests.ui.test_pages import open_loans

PAGES = [("demo", "home", {}), ("demo", "loans", {}), ("demo", "balance", {}), ("seller5", "home", {}),
         ("seller5", "loans", {}), ("risk", "collections", {}), ("risk", "risk_events", {}),
         ("risk", "recovery", {}), ("risk", "book", {}), ("risk", "model_report", {}),
         ("admin", "settings", {}), ("admin", "audit", {})]


@pytest.fixture
def arrow_repairs(monkeypatch) -> list[str]:
    """The tables Streamlit had to repair for Arrow (it logs a traceback on the server, and a cell
    it cannot show gets a red marker)."""
    repaired: list[str] = []
    fix = dataframe_util.fix_arrow_incompatible_column_types

    def spy(df, *args, **kwargs):
        repaired.append(", ".join(map(str, df.columns)))
        return fix(df, *args, **kwargs)

    monkeypatch.setattr(dataframe_util, "fix_arrow_incompatible_column_types", spy)
    return repaired


def problems(at, where: str) -> list[str]:
    found = []
    for shown in at.dataframe:
        if shown.proto.placeholder != "":
            found.append(f"{where}: table {shown.key} shows missing values as None")
        frame: pd.DataFrame = shown.value
        for name in frame.columns:
            column = frame[name]
            if column.dtype == object:
                odd = [v for v in column if not isinstance(v, str) or v in ("None", "nan", "—", "NaT")]
                if odd:
                    found.append(f"{where}: {shown.key}.{name} holds {odd[:3]}")
    return found


def test_every_table_is_typed_with_blanks_for_what_is_missing(demo_db, arrow_repairs):
    found = []
    loan = next(loan for loan in open_loans("seller5") if loan.product == "credit")
    for username, page, query in [*PAGES, ("seller5", "loan", {"loan": str(loan.id)})]:
        at = open_page(username, page, **query)
        assert not at.exception, (page, at.exception)
        found += problems(at, f"{username} on {page}")
    assert not found, "\n".join(found)
    assert not arrow_repairs, arrow_repairs


def test_a_loan_without_a_next_payment_has_a_blank_not_a_dash(demo_db, arrow_repairs):
    at = open_page("seller6", "loans")  # seller6's non-performing loan has nothing due ahead
    loans = at.dataframe[0].value
    assert pd.api.types.is_numeric_dtype(loans["next_amount"])
    assert loans["next_amount"].isna().any() and not arrow_repairs


def test_the_schedules_today_row_and_a_payment_no_order_paid_are_blank(demo_db):
    loan = next(loan for loan in open_loans("seller5") if loan.product == "credit")
    at = open_page("seller5", "loan", loan=str(loan.id))
    schedule = at.dataframe[0].value
    today = schedule[schedule["period"] == "▶"]
    assert len(today) == 1 and today[["principal", "interest", "total"]].isna().all(axis=None)
    payments = next((d.value for d in at.dataframe if "order" in d.value.columns), None)
    if payments is not None:
        assert payments["order"].isna().all() or pd.api.types.is_numeric_dtype(payments["order"])
