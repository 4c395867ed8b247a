"""Operations command line: `python -m app COMMAND ...` (product §5).

Each command lives in its own module with `register(subparsers)`, which adds
its parser and sets `func` to a callable taking the parsed args and returning
the exit code. Bad input exits 2 with a one-line message on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from app.errors import UsageError

COMMAND_MODULES = (
    "app.cli.database",  # init-db, seed-demo, create-login
    "app.cli.quote",  # quote
    "app.cli.book",  # eod, reconcile
    "app.cli.assess",  # assess, model-report, fit-model
    "app.cli.demo",  # advance-days
)


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line on stderr, exit 2
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(prog="python -m app", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=ArgumentParser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"python -m app {args.command}: error: {exc}", file=sys.stderr)
        return 2
