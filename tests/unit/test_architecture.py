"""The import rules between the layers, checked by walking the source's AST.

    views/ → components/ → app/services/ → app/ (domain) and db/

The rules are data (RULES, SERVICE_LAYERS, COMPONENT_READS); the tables of
docs/architecture.md's "Import rules" are rendered from them and must match, so the doc and
the check cannot drift apart. Imports anywhere in a module count (inside functions too, and
`importlib.import_module("…")` with a literal). The self-checks at the end feed the checker a
violation of each rule, so a checker that stopped looking would fail rather than pass quietly.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("app", "views", "components", "db")
DOC = ROOT / "docs" / "architecture.md"


@dataclass(frozen=True)
class Rule:
    where: tuple[str, ...]  # path prefixes the rule applies to
    forbidden: tuple[str, ...]  # module prefixes they must not import
    why: str
    unless: tuple[str, ...] = ()  # path prefixes inside `where` the rule skips


DOMAIN_EXCEPT = ("app/services/", "app/cli/", "app/demo/", "app/__main__.py")
RULES = (
    Rule(("app/",), ("streamlit", "views", "components"), "no UI below the pages"),
    Rule(("app/",), ("db", "sqlmodel", "sqlalchemy", "app.services", "app.cli", "app.demo"),
         "the domain is pure code: no database, no use cases", unless=DOMAIN_EXCEPT),
    Rule(("app/services/",), ("app.demo", "app.cli"), "use cases never reach up to the demo or the commands"),
    Rule(("views/", "components/"), ("db", "sqlmodel", "sqlalchemy"), "data comes from app/services"),
    Rule(("db/",), ("app.services", "app.cli", "app.demo", "views", "components"),
         "tables know the pure domain only (app.money, app.config, …)"),
)

# The service packages in layers: each may import only the packages listed (and itself).
SERVICE_LAYERS = {
    "access": (),
    "store": ("access",),
    "accounts": ("access", "store"),
    "lending": ("access", "store"),
    "credit": ("access", "store", "lending"),
    "risk_ops": ("access", "store", "lending", "credit"),
    "back_office": ("access", "store", "lending", "credit", "risk_ops"),
    "portal": ("access", "store", "lending", "credit", "risk_ops"),
    "end_of_day": ("access", "store", "lending", "credit", "risk_ops"),
    "feed": ("access", "store", "lending"),
    "payouts": ("access", "store", "lending"),
}

# What components/ may take from app/services: read models, roles and constants — never a
# service that writes (money and state move only from a page, through its one service call).
COMPONENT_READS = {
    "app.services.access.actor": ("ADMIN", "RISK", "SELLER", "Actor"),
    "app.services.accounts.signin": ("MIN_PASSWORD_LENGTH",),
    "app.services.back_office.portfolio": ("BucketRow", "IncomeRow", "VintageRow"),
    "app.services.back_office.seller_360": ("Seller360", "SellerDocument"),
    "app.services.end_of_day.status": ("EodRunRow",),
    "app.services.feed.importer": ("ImportRow", "RejectRow"),
    "app.services.payouts.instructions": ("InstructionRow",),
    "app.services.lending.availability": ("Limits",),
    "app.services.lending.loan_views": ("DrawQuote", "LoanRow", "PaymentRow", "PledgedOrder"),
    "app.services.portal.home": ("Home",),
    "app.services.risk_ops.collections": ("ArrearsRow", "ContactRow"),
    "app.services.risk_ops.reversal_preview": ("REVERSIBLE", "ReversalChoice", "ReversalEffect",
                                        "ReversiblePayment"),
    "app.services.store.decision_records": ("DecisionView",),
    "app.services.store.product_settings": ("SettingsChangeRow",),
    "app.services.store.settings": ("current_business_date",),
}


def _absolute(module: str | None, level: int, path: str) -> str:
    """The absolute module name of an import in the file at `path` (relative imports resolved)."""
    if not level:
        return module or ""
    package = path.removesuffix(".py").split("/")[:-1]
    base = package[: len(package) - (level - 1)]
    return ".".join([*base, *([module] if module else [])])


def _under(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _service_package(name: str) -> str | None:
    """"app.services.lending.draws" → "lending"; None outside the service packages."""
    parts = name.split(".")
    return parts[2] if len(parts) > 3 and parts[:2] == ["app", "services"] else None


def _imports(tree: ast.AST, path: str):
    """(node, module, name or None) for every import in the module, at any depth."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node.module, node.level, path)
            for alias in node.names:
                yield node, module, alias.name
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            first = node.args[0] if node.args else None
            if name in ("import_module", "__import__") and isinstance(first, ast.Constant) \
                    and isinstance(first.value, str):
                yield node, first.value, None


def violations(path: str, source: str) -> list[str]:
    """The rule breaks in one module; `path` is relative to the repository root ("app/x.py")."""
    found: list[str] = []
    own_package = _service_package(path.removesuffix(".py").replace("/", "."))
    for node, module, name in _imports(ast.parse(source, filename=path), path):
        targets = [module] + ([f"{module}.{name}"] if name and module else [name] if name else [])
        for rule in RULES:
            if path.startswith(rule.where) and not path.startswith(rule.unless) \
                    and any(_under(t, *rule.forbidden) for t in targets):
                found.append(f"{path}:{node.lineno}: imports {targets[-1]} ({rule.why})")
        if path.startswith("components/") and _under(targets[-1], "app.services") \
                and name not in COMPONENT_READS.get(module, ()):
            found.append(f"{path}:{node.lineno}: components/ takes {targets[-1]} from the services "
                         f"(only the read models of COMPONENT_READS)")
        for target in targets:
            other = _service_package(target) or _service_package(target + ".x")
            if own_package and other and other != own_package \
                    and other not in SERVICE_LAYERS.get(own_package, ()):
                found.append(f"{path}:{node.lineno}: app/services/{own_package} imports {target} "
                             f"(it may import {', '.join(SERVICE_LAYERS.get(own_package, ())) or 'none'})")
                break
    return found


def source_files() -> list[Path]:
    return sorted(p for layer in LAYERS for p in (ROOT / layer).rglob("*.py"))


def test_the_source_tree_keeps_the_import_rules():
    files = source_files()
    assert len(files) > 50 and {p.relative_to(ROOT).parts[0] for p in files} == set(LAYERS)
    broken = [v for p in files for v in violations(p.relative_to(ROOT).as_posix(), p.read_text("utf-8"))]
    assert not broken, "\n".join(broken)


def test_every_service_package_has_its_layer():
    packages = {p.name for p in (ROOT / "app" / "services").iterdir() if (p / "__init__.py").exists()}
    assert packages == set(SERVICE_LAYERS)
    assert not list((ROOT / "app" / "services").glob("[!_]*.py")), "a service module outside the packages"


def test_the_read_models_components_may_take_exist():
    """A renamed read model would otherwise leave a stale name here that allows nothing."""
    import importlib

    for module, names in COMPONENT_READS.items():
        loaded = importlib.import_module(module)
        assert all(hasattr(loaded, n) for n in names), (module, names)


def rules_tables() -> str:
    """The two tables of docs/architecture.md's "Import rules", rendered from the rules here."""
    def code(items) -> str:
        return ", ".join(f"`{i}`" for i in items) or "no other service package"

    rows = ["| module under | must not import | because |", "|---|---|---|"]
    for rule in RULES:
        where = ", ".join(f"`{w}`" for w in rule.where)
        if rule.unless:
            where += " except " + ", ".join(f"`{u}`" for u in rule.unless)
        rows.append(f"| {where} | {code(rule.forbidden)} | {rule.why} |")
    reads = "; ".join(f"`{m.removeprefix('app.services.')}`: {', '.join(n)}"
                      for m, n in COMPONENT_READS.items())
    rows.append(f"| `components/` | anything of `app.services` but the read models and constants it "
                f"renders ({reads}) | money and state move only from a page, through its one service call |")
    rows += ["", "| service package | may import the service packages |", "|---|---|"]
    rows += [f"| `app/services/{p}/` | {code(f'{d}/' for d in deps)} |" for p, deps in SERVICE_LAYERS.items()]
    return "\n".join(rows)


def test_the_doc_states_the_rules_this_test_checks():
    assert rules_tables() in DOC.read_text("utf-8"), \
        f"docs/architecture.md's import rules differ from the test's; paste:\n\n{rules_tables()}\n"


# --- the checker catches each kind of break (so the test above cannot pass by looking at nothing) ---


@pytest.mark.parametrize(("path", "source"), [
    ("app/services/x.py", "import streamlit as st\n"),
    ("app/x.py", "import streamlit.components.v1\n"),
    ("app/x.py", "from streamlit import session_state\n"),
    ("app/x.py", "def f():\n    import streamlit\n    return streamlit\n"),
    ("app/x.py", "import importlib\nst = importlib.import_module('streamlit')\n"),
    ("app/services/x.py", "from components.i18n import t\n"),
    ("app/x.py", "import views.home\n"),
    ("app/ledger.py", "from db.models import JournalLine\n"),
    ("app/loans/state.py", "from sqlalchemy import select\n"),
    ("app/scoring/x.py", "def f():\n    from sqlmodel import Session\n"),
    ("app/x.py", "from app.services.store import postings\n"),
    ("app/services/store/x.py", "from app.demo.simulate import simulate_days\n"),
    ("app/services/lending/x.py", "from app.demo import seed\n"),
    ("app/services/store/x.py", "from app.services.lending.draws import draw_credit_loan\n"),
    ("app/services/access/x.py", "from app.services.store import loan_store\n"),
    ("app/services/lending/x.py", "from app.services.risk_ops import corrections\n"),
    ("views/x.py", "from db.engine import session_scope\n"),
    ("views/x.py", "import db.models\n"),
    ("views/x.py", "from db import models\n"),
    ("views/x.py", "from sqlmodel import select\n"),
    ("views/x.py", "def f():\n    import sqlalchemy\n"),
    ("components/x.py", "from sqlmodel import Session\n"),
    ("components/x.py", "from app.services.lending.draws import draw_credit_loan\n"),
    ("components/x.py", "from app.services.lending.repayment import payoff_quote, repay\n"),
    ("components/x.py", "from app.services.accounts.signin import sign_in as log_in\n"),
    ("components/x.py", "from app.services import lending\nlending.draw_order_loan(a, b)\n"),
    ("components/x.py", "import app.services.end_of_day.run\n"),
    ("components/x.py", "from app.services.lending.loan_views import my_loans\n"),
    ("db/x.py", "from app.services.store.settings import business_date\n"),
    ("db/x.py", "from app import services\n"),
    ("db/x.py", "import components.session\n"),
    ("app/services/x.py", "from ...views import home\n"),
])
def test_the_checker_flags_each_rule(path, source):
    assert violations(path, source), f"not flagged: {path}: {source!r}"


@pytest.mark.parametrize(("path", "source"), [
    ("app/services/x.py", "from app.money import parse_amount\nfrom db.engine import session_scope\n"),
    ("app/services/risk_ops/x.py", "from app.services.lending.repayment import recognise_to_date\n"),
    ("app/demo/x.py", "from db.models import Order\nfrom app.services.store import loan_store\n"),
    ("app/cli/x.py", "from sqlalchemy import select\n"),
    ("app/x.py", "from .money import to_fen\nimport streamlined\n"),
    ("views/x.py", "import streamlit as st\nfrom app.services.lending.draws import draw_credit_loan\n"),
    ("components/x.py", "from app.services.lending.loan_views import DrawQuote, LoanRow\nimport app.money\n"),
    ("components/x.py", "def f(call):\n    return call('key', True)\n"),
    ("db/x.py", "from app.money import from_fen\nfrom app.config import RepaymentMethod\n"),
])
def test_the_checker_lets_the_allowed_imports_pass(path, source):
    assert violations(path, source) == []
