"""Operations command line: `python -m app COMMAND ...` (product §5).

Each command lives in its own module with `register(subparsers)`, which adds
its parser and sets `func` to a callable taking the parsed args and returning
the exit code. Bad input exits 2 with a one-line message on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from contextlib import closing

from app.errors import UsageError

COMMAND_MODULES = (
    "app.cli.database",  # init-db, seed-demo, create-login
    "app.cli.quote",  # quote
    "app.cli.book",  # eod, reconcile
    "app.cli.books",  # report, close-month
    "app.cli.assess",  # assess, model-report, fit-model
    "app.cli.demo",  # advance-days
    "app.cli.backup",  # backup, restore
    "app.cli.feed",  # feed import, feed watch
    "app.cli.payouts",  # payouts export, payouts confirm
)


class ArgumentParser(argparse.ArgumentParser):
    def _get_values(self, action, arg_strings):
        # Python 3.11 reads `--start=--` as the value [] and skips `type` and `choices`: refuse it.
        if action.option_strings and action.nargs is None and arg_strings == ["--"]:
            self.error(f"argument {'/'.join(action.option_strings)}: expected one argument")
        return super()._get_values(action, arg_strings)

    def error(self, message: str) -> None:  # one line on stderr, exit 2
        self.exit(2, f"{self.prog}: error: {one_line(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(prog="python -m app", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=ArgumentParser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    new_file = _new_sqlite_file()
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        _remove_if_empty(new_file)
        print(f"python -m app {args.command}: error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except Exception as exc:  # a database that cannot be opened or reached: one line, no traceback
        message = _database_problem(exc)
        if message is None:
            raise
        _remove_if_empty(new_file)
        print(f"python -m app {args.command}: error: {one_line(message)}", file=sys.stderr)
        return 1


def one_line(message: str) -> str:
    """A message that quotes what was typed, kept to one line (an argument may hold line breaks)."""
    return " ".join(message.splitlines())


def _database_problem(exc: Exception) -> str | None:
    """One line for a mistyped or unreachable DATABASE_URL; None for any other error."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    from db.engine import DatabaseUrlError, database_url

    if isinstance(exc, DatabaseUrlError):
        return str(exc)
    if isinstance(exc, (OperationalError, InterfaceError)) and exc.statement is None:  # failed to connect
        from app.cli.database import safe_url

        lines = str(exc.orig).strip().splitlines() if exc.orig is not None else []
        reason = lines[0] if lines else type(exc).__name__
        return f"cannot open the database at {safe_url(database_url())}: {reason}"
    return None


def _new_sqlite_file():
    """The SQLite file DATABASE_URL names, if it does not exist yet (so a failed command can remove
    the empty file that opening it created)."""
    from db.engine import database_url, sqlite_path

    url = database_url()
    if not url.startswith("sqlite"):
        return None
    try:
        path = sqlite_path(url)
    except Exception:  # not a URL: check_database_url will say so
        return None
    return path if path is not None and not path.exists() else None


def _remove_if_empty(path) -> None:
    """Remove the SQLite file a failed command created, if it holds no table (nor its WAL files)."""
    if path is None or not path.is_file():
        return
    import sqlite3

    from db.engine import database_url, engine_for

    engine_for(database_url()).dispose()
    try:
        with closing(sqlite3.connect(path)) as conn:
            empty = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    except sqlite3.Error:
        return
    if empty:
        for suffix in ("", "-wal", "-shm", "-journal"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
