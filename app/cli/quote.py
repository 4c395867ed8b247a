"""Placeholder: filled in by the lending-core work."""


def register(subparsers) -> None:
    pass
