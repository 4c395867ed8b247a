"""Typed table columns (issue 16 item 15): a number column stays numeric with blanks for what is
missing, a text column is strings, a column mixing both is refused before it reaches Arrow; and
every table of the pages goes through `components.tables.table` (blanks shown as blanks: its
`placeholder` is checked on the demo's pages by tests/ui/test_tables.py)."""

from __future__ import annotations

import ast
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from components.tables import BLANK, money_column, numeric_columns, typed_frame

ROOT = Path(__file__).resolve().parents[2]


def test_money_and_counts_stay_numbers_with_missing_values_missing():
    frame = typed_frame([{"amount": Decimal("12.30"), "count": 3, "order": None},
                         {"amount": None, "count": None, "order": 17}])
    assert str(frame["amount"].dtype) == "Float64" and frame["amount"].isna().tolist() == [False, True]
    assert str(frame["count"].dtype) == "Int64" and str(frame["order"].dtype) == "Int64"
    assert frame["amount"][0] == 12.3
    pa.Table.from_pandas(frame)  # Arrow takes it as it is: no conversion failure, no red cell


def test_a_number_column_of_blanks_is_numeric_when_its_config_says_so():
    config = {"in": money_column("In"), "what": "What"}
    assert numeric_columns(config) == {"in"}
    frame = typed_frame([{"in": None, "what": "x"}], numeric=numeric_columns(config))
    assert str(frame["in"].dtype) == "Int64" and frame["in"].isna().all()


def test_text_columns_are_strings_and_blank_when_missing():
    frame = typed_frame([{"on": date(2026, 11, 28), "at": datetime(2026, 11, 28, 9, 5), "who": None},
                         {"on": None, "at": None, "who": "risk"}])
    assert frame.to_dict("list") == {"on": ["2026-11-28", BLANK], "at": ["2026-11-28 09:05:00", BLANK],
                                     "who": [BLANK, "risk"]}


@pytest.mark.parametrize("filler", ["—", "None", ""])
def test_a_column_mixing_numbers_and_text_is_refused(filler):
    with pytest.raises(TypeError, match="next_amount"):
        typed_frame([{"next_amount": Decimal("1.00")}, {"next_amount": filler}])
    with pytest.raises(TypeError):
        typed_frame([{"in": filler}], numeric={"in"})


def test_nan_from_a_frame_is_missing_and_booleans_stay_booleans():
    frame = typed_frame(pd.DataFrame({"x": [1.5, float("nan")], "ok": [True, False]}))
    assert frame["x"].isna().tolist() == [False, True] and str(frame["ok"].dtype) == "boolean"


def _dataframe_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text("utf-8"))
    return [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute)
            and node.attr in ("dataframe", "data_editor", "table") and getattr(node.value, "id", "") == "st"]


def test_every_table_goes_through_components_tables():
    """st.dataframe (and st.table, st.data_editor) only in components/tables.py, where blanks are blank."""
    files = [*(ROOT / "views").glob("*.py"), *(ROOT / "components").glob("*.py"), ROOT / "streamlit_app.py"]
    found = {p.relative_to(ROOT).as_posix(): lines for p in files if (lines := _dataframe_calls(p))}
    assert found == {"components/tables.py": found.get("components/tables.py", [])} and found, found
