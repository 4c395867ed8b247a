"""A report as a table, and its files: CSV, XLSX (openpyxl) and JSON (issue #18 §4).

Pure: no database. Money stays Decimal to the file — CSV and JSON write its exact text, XLSX a
number cell formatted to two places (a spreadsheet's number, never computed on here).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

Cell = str | int | Decimal | date | None
FORMATS = ("csv", "xlsx", "json")


@dataclass(frozen=True)
class ReportTable:
    name: str  # trial-balance, income, …
    title: str  # what it is of: "Trial balance on 2026-03-31"
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_csv(table: ReportTable) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([_text(v) for v in row] for row in table.rows)
    return out.getvalue()


def to_json(table: ReportTable) -> str:
    rows = [dict(zip(table.columns, (v if isinstance(v, int) or v is None else _text(v) for v in row),
                     strict=True)) for row in table.rows]
    document = {"report": table.name, "title": table.title, "rows": rows}
    return json.dumps(document, ensure_ascii=False, indent=1)


def to_xlsx(table: ReportTable) -> bytes:
    from openpyxl import Workbook  # here: a quarter-second import, paid when a file is made, not by a page

    book = Workbook()
    sheet = book.active
    sheet.title = table.name[:31]
    sheet.append([table.title])
    sheet.append(list(table.columns))
    for number, row in enumerate(table.rows, start=3):  # below the title and the header
        sheet.append(list(row))
        for column, value in enumerate(row, start=1):
            if isinstance(value, Decimal):
                money = value == value.quantize(Decimal("0.01"))
                sheet.cell(number, column).number_format = "#,##0.00" if money else "0.0000"
            elif isinstance(value, date):
                sheet.cell(number, column).number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(table: ReportTable, fmt: str) -> bytes:
    """The file of `table` in `fmt` (one of FORMATS), as bytes (text in UTF-8)."""
    if fmt == "xlsx":
        return to_xlsx(table)
    return (to_csv(table) if fmt == "csv" else to_json(table)).encode("utf-8")
