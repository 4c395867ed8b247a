"""The Books page's table: a report's rows with its columns and codes (accounts, statement lines,
categories) in the reader's language."""

from __future__ import annotations

import streamlit as st

from app import ledger
from app.report_files import ReportTable
from app.texts import CATALOGUE
from components.i18n import t
from components.tables import money_column, table

ACCOUNTS = tuple(ledger.ACCOUNT_KINDS)
MONEY = {"debit", "credit", "amount", "balance", "allowance", "ead", "ecl"}
SHARES = {"rate", "coverage", "provision_ratio", "pd_stage1", "pd_stage2"}  # 0.25 shown as 25 %
CODES = {"account", "kind", "line", "section", "row", "category"}  # columns whose cells may be codes


def _cell(column: str, value):
    if column in CODES and isinstance(value, str) and f"books.value.{value}" in CATALOGUE:
        return t(f"books.value.{value}")
    return value


def _column(name: str):
    label = t(f"books.col.{name}")
    if name in MONEY:
        return money_column(label)
    if name in SHARES:
        return st.column_config.NumberColumn(label, format="percent")
    return label


def report_frame(report: ReportTable, *, key: str):
    """The report as a typed table: money columns formatted, codes in words."""
    records = [{column: _cell(column, value) for column, value in zip(report.columns, row, strict=True)}
               for row in report.rows]
    config = {name: _column(name) for name in report.columns}
    return table(records, key=key, column_config=config, columns=list(report.columns))
