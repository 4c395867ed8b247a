"""Every reader of a setting an admin can change goes through `effective_config(session)` (issue 15 §3).

`app.services.store.product_settings` applies the admin's overrides to `DEFAULT_CONFIG`; the
fields its settings change (rates, terms, the bands' figures, the lender's funds) are worked out
here from `SETTINGS` itself. Outside that module, the services, the command line and the UI may
read `DEFAULT_CONFIG` only for a value no setting changes, and only as a module constant (a
statement at module level, which says what it is where it is read) — never inside a function,
where a default could quietly stand in for the value in force. The domain (`app/` outside
`services`, `cli`, `demo`) takes its configuration as an argument.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from app.config import DEFAULT_CONFIG
from app.services.store.product_settings import SETTINGS

ROOT = Path(__file__).resolve().parents[2]
READERS = ("app/services", "app/cli", "views", "components")
HOME = "app/services/store/product_settings.py"
# (module, function): why it may read DEFAULT_CONFIG there
ALLOWED_IN_FUNCTIONS = {
    ("app/cli/quote.py", "register"): "the help names the defaults, saying a quote is at those in force",
    ("app/cli/quote.py", "config_in_force"): "no database yet: nothing has been set",
}


def admin_fields() -> set[str]:
    """The `LendingConfig` fields a product setting changes (a marker applied through each spec)."""
    fields = set()
    for spec in SETTINGS.values():
        for marker in (object(), tuple(object() for _ in DEFAULT_CONFIG.bands)):
            try:
                changed = spec.apply(DEFAULT_CONFIG, marker)
            except (TypeError, ValueError):
                continue
            fields |= {f.name for f in dataclasses.fields(changed)
                       if getattr(changed, f.name) is not getattr(DEFAULT_CONFIG, f.name)}
            break
    return fields


def default_config_reads(path: str, source: str, admin: set[str]) -> list[str]:
    """The reads of DEFAULT_CONFIG in one module that break the rule."""
    tree = ast.parse(source, filename=path)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Name) and node.id == "DEFAULT_CONFIG"):
            continue
        functions = []
        up = parents.get(node)
        while up is not None:
            if isinstance(up, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                functions.append(getattr(up, "name", "<lambda>"))
            up = parents.get(up)
        if functions and (path, functions[-1]) in ALLOWED_IN_FUNCTIONS:
            continue
        parent = parents[node]
        field = parent.attr if isinstance(parent, ast.Attribute) and parent.value is node else None
        if field is None:
            found.append(f"{path}:{node.lineno}: DEFAULT_CONFIG as a whole (use effective_config(session))")
        elif field in admin:
            found.append(f"{path}:{node.lineno}: DEFAULT_CONFIG.{field} is a product setting "
                         "(use effective_config(session))")
        elif functions:
            found.append(f"{path}:{node.lineno}: DEFAULT_CONFIG.{field} read in {functions[-1]}() "
                         "(a fixed value: a module constant)")
    return found


def test_the_admin_fields_are_those_the_settings_page_changes():
    assert admin_fields() == {"order_daily_rate", "credit_daily_rate", "penalty_multiplier",
                              "credit_term_months", "bands", "registered_capital", "bank_credit_lines",
                              "classification_dpd", "allowance_rates", "bank_line_daily_rate", "ecl_lgd"}


def test_no_reader_takes_a_product_setting_from_the_defaults():
    admin = admin_fields()
    files = [p for folder in READERS for p in sorted((ROOT / folder).rglob("*.py"))]
    assert len(files) > 60
    broken = [v for p in files if p.relative_to(ROOT).as_posix() != HOME
              for v in default_config_reads(p.relative_to(ROOT).as_posix(), p.read_text("utf-8"), admin)]
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize(("source", "count"), [
    ("from app.config import DEFAULT_CONFIG\nX = DEFAULT_CONFIG.min_draw\n", 0),
    ("def f():\n    return DEFAULT_CONFIG.min_draw\n", 1),
    ("def f():\n    return DEFAULT_CONFIG.bands\n", 1),
    ("BANDS = DEFAULT_CONFIG.bands\n", 1),
    ("def f(cfg=DEFAULT_CONFIG):\n    return cfg\n", 1),
    ("def f():\n    cfg = DEFAULT_CONFIG\n    return cfg.credit_daily_rate\n", 1),
    ("class C:\n    def f(self):\n        return assess(card, DEFAULT_CONFIG, facts)\n", 1),
])
def test_the_checker_catches_each_kind_of_read(source, count):
    assert len(default_config_reads("app/services/x.py", source, admin_fields())) == count
