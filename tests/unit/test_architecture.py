"""The import rules between the layers (docs/architecture.md), checked by walking the source's AST.

    views/ → components/ → app/services/ → app/ (domain) and db/

- `app/` never imports `streamlit` (in any form, anywhere in a module), `views` or `components`;
- the UI (`views/`, `components/`) never imports `db`, `sqlmodel` or `sqlalchemy`: it goes through
  `app/services`;
- `components/` never imports or calls a service that writes (WRITE_SERVICES): money and state
  move only from a page, through the one service call it makes;
- `db/` never imports `app.services`, `views` or `components`.

The checker is plain `ast`; the self-checks at the end feed it a violation of each rule, so a
checker that stopped looking would fail here rather than pass quietly.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("app", "views", "components", "db")

# The use cases that change state, by function NAME (so a service may move between modules,
# e.g. app/auth/* → app/services/access/signin.py, logins.py, without this list changing).
WRITE_SERVICES = frozenset({
    # lending and repayment (money moves; journal entries)
    "draw_credit_loan", "draw_order_loan", "repay", "collect_payment", "auto_debit", "repay_overdue",
    # platform orders
    "settle_order", "settle_order_in", "refund_order",
    # end of day, monitoring, the demo's time travel
    "run_end_of_day", "run_monitoring", "mark_overdue", "update_days_past_due", "mark_non_performing",
    "post_accruals", "accrue_day", "accrue_days", "simulate_days", "advance_days", "seed_demo",
    # assessment, decisions, review
    "apply_for_credit", "submit_application", "assess", "assess_shop", "assess_all", "pre_approve",
    "store_application", "store_decision", "put_in_force", "review_decision", "decide",
    # sign-in and logins (failed attempts, lock-outs and passwords are written)
    "sign_in", "activate", "create_login", "create_seller_login", "create_staff_login",
    # the audit log (an event written in a transaction of its own)
    "record_alone",
    # settings and bookkeeping rows
    "write_setting", "set_business_date", "set_lender_funds", "set_nightly_pre_approval",
    "remember_request", "post_entry",
    # the back office: product settings and the collections contact log
    "change_settings", "log_contact",
    # the platform balance paid out (issue #9 item 16)
    "withdraw_balance",
})
UI_FORBIDDEN = ("db", "sqlmodel", "sqlalchemy")


def _absolute(module: str | None, level: int, path: str) -> str:
    """The absolute module name of an import in the file at `path` (relative imports resolved)."""
    if not level:
        return module or ""
    package = path.removesuffix(".py").split("/")[:-1]
    base = package[: len(package) - (level - 1)]
    return ".".join([*base, *([module] if module else [])])


def _under(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def violations(path: str, source: str) -> list[str]:
    """The rule breaks in one module; `path` is relative to the repository root ("app/x.py")."""
    layer = path.split("/")[0]
    found: list[str] = []

    def flag(node: ast.AST, what: str) -> None:
        found.append(f"{path}:{node.lineno}: {what}")

    def check_module(node: ast.AST, module: str) -> None:
        if layer == "app" and _under(module, "streamlit"):
            flag(node, f"app/ imports {module}")
        if layer == "app" and _under(module, "views", "components"):
            flag(node, f"app/ imports the UI ({module})")
        if layer in ("views", "components") and _under(module, *UI_FORBIDDEN):
            flag(node, f"{layer}/ imports {module}; go through app/services")
        if layer == "db" and _under(module, "app.services", "views", "components"):
            flag(node, f"db/ imports {module}")

    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                check_module(node, alias.name)
                if layer == "components" and alias.name.rsplit(".", 1)[-1] in WRITE_SERVICES:
                    flag(node, f"components/ imports the write service {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node.module, node.level, path)
            check_module(node, module)
            for alias in node.names:
                check_module(node, f"{module}.{alias.name}" if module else alias.name)
                if layer == "components" and alias.name in WRITE_SERVICES:
                    flag(node, f"components/ imports the write service {alias.name} from {module}")
        elif isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "id", None) or getattr(func, "attr", "")
            if layer == "components" and name in WRITE_SERVICES:
                flag(node, f"components/ calls the write service {name}")
            # importlib.import_module("streamlit") / __import__("streamlit")
            first = node.args[0] if node.args else None
            if name in ("import_module", "__import__") and isinstance(first, ast.Constant) \
                    and isinstance(first.value, str):
                check_module(node, first.value)
    return found


def source_files() -> list[Path]:
    return sorted(p for layer in LAYERS for p in (ROOT / layer).rglob("*.py"))


def test_the_source_tree_keeps_the_import_rules():
    files = source_files()
    assert len(files) > 50 and {p.relative_to(ROOT).parts[0] for p in files} == set(LAYERS)
    broken = [v for p in files for v in violations(p.relative_to(ROOT).as_posix(), p.read_text("utf-8"))]
    assert not broken, "\n".join(broken)


def test_the_write_services_named_here_exist():
    """Every name in WRITE_SERVICES that is defined somewhere is a function in app/ (a renamed
    service would otherwise drop out of the check unnoticed); most of them are defined today."""
    defined = {node.name for p in (ROOT / "app").rglob("*.py")
               for node in ast.walk(ast.parse(p.read_text("utf-8")))
               if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    core = {"draw_credit_loan", "draw_order_loan", "repay", "settle_order", "refund_order", "run_end_of_day",
            "apply_for_credit", "review_decision", "sign_in", "activate", "set_business_date"}
    assert core <= defined, core - defined
    assert len(WRITE_SERVICES & defined) >= 25


# --- the checker catches each kind of break (so the test above cannot pass by looking at nothing) ---


@pytest.mark.parametrize(("path", "source"), [
    ("app/services/x.py", "import streamlit as st\n"),
    ("app/x.py", "import streamlit.components.v1\n"),
    ("app/x.py", "from streamlit import session_state\n"),
    ("app/x.py", "def f():\n    import streamlit\n    return streamlit\n"),
    ("app/x.py", "import importlib\nst = importlib.import_module('streamlit')\n"),
    ("app/services/x.py", "from components.i18n import t\n"),
    ("app/x.py", "import views.home\n"),
    ("views/x.py", "from db.engine import session_scope\n"),
    ("views/x.py", "import db.models\n"),
    ("views/x.py", "from db import models\n"),
    ("views/x.py", "from sqlmodel import select\n"),
    ("views/x.py", "def f():\n    import sqlalchemy\n"),
    ("components/x.py", "from sqlmodel import Session\n"),
    ("components/x.py", "from app.services.lending.draws import draw_credit_loan\n"),
    ("components/x.py", "from app.services.lending.repayment import payoff_quote, repay\n"),
    ("components/x.py", "from app.services.access.signin import sign_in as log_in\n"),
    ("components/x.py", "from app.services import lending\nlending.draw_order_loan(a, b)\n"),
    ("components/x.py", "def f(actor):\n    return run_end_of_day(actor)\n"),
    ("db/x.py", "from app.services.store.settings import business_date\n"),
    ("db/x.py", "from app import services\n"),
    ("db/x.py", "import components.session\n"),
    ("app/services/x.py", "from ...views import home\n"),
])
def test_the_checker_flags_each_rule(path, source):
    assert violations(path, source), f"not flagged: {path}: {source!r}"


@pytest.mark.parametrize(("path", "source"), [
    ("app/services/x.py", "from app.money import parse_amount\nfrom db.engine import session_scope\n"),
    ("app/x.py", "from .money import to_fen\nimport streamlined\n"),
    ("views/x.py", "import streamlit as st\nfrom app.services.lending.draws import draw_credit_loan\n"),
    ("components/x.py",
     "from app.services.lending.loan_views import DrawQuote, my_loans\nimport app.money\n"),
    ("components/x.py", "def f(call):\n    return call('key', True)\n"),
    ("db/x.py", "from app.money import from_fen\nfrom app.config import RepaymentMethod\n"),
])
def test_the_checker_lets_the_allowed_imports_pass(path, source):
    assert violations(path, source) == []
