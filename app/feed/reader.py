"""Reading feed files one record at a time (memory stays flat): JSON Lines or CSV, each
optionally gzipped; a folder is read file by file, in name order.

Each line becomes a `Line`: the record, or the problems that keep it out, each with its field
and a reason in plain words. JSON numbers are read as Decimal, never as float.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from app.feed.contract import RECORD_TYPES, FeedRecord

SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".csv", ".csv.gz")


@dataclass(frozen=True)
class Problem:
    field: str
    reason: str


@dataclass(frozen=True)
class Line:
    file: str
    line: int
    event_id: str
    record: FeedRecord | None
    problems: tuple[Problem, ...] = ()


def feed_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and those of the folders named (by name), that look like feed files."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.is_file() and p.name.endswith(SUFFIXES)))
        else:
            found.append(path)
    return found


def read_lines(path: Path) -> Iterator[Line]:
    """Every record of one file, in file order."""
    name = path.name.removesuffix(".gz")
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        if name.endswith(".csv"):
            yield from _csv_lines(str(path), handle)
        else:
            yield from _json_lines(str(path), handle)


def _json_lines(file: str, handle) -> Iterator[Line]:
    for number, text in enumerate(handle, start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            yield Line(file, number, "", None, (Problem("", f"not a JSON object: {exc.msg}"),))
            continue
        yield parse_record(file, number, data)


def _csv_lines(file: str, handle) -> Iterator[Line]:
    reader = csv.DictReader(handle)
    for row in reader:
        if not any((value or "").strip() for value in row.values()):
            continue
        extra = row.pop(None, None)  # more cells than the header names
        data = {key: value for key, value in row.items() if key and value not in (None, "")}
        if extra:
            yield Line(file, reader.line_num, data.get("event_id", ""), None,
                       (Problem("", f"{len(extra)} more cells than the header has columns"),))
            continue
        yield parse_record(file, reader.line_num, data)


def parse_record(file: str, line: int, data: object) -> Line:
    """One record checked against its type's model."""
    if not isinstance(data, dict):
        return Line(file, line, "", None, (Problem("", "not a JSON object"),))
    event_id = str(data.get("event_id", ""))[:64]
    model = RECORD_TYPES.get(data.get("type")) if isinstance(data.get("type"), str) else None
    if model is None:
        reason = ("is missing" if "type" not in data else
                  f"“{data.get('type')}” is not a record type (one of {', '.join(RECORD_TYPES)})")
        return Line(file, line, event_id, None, (Problem("type", reason),))
    try:
        return Line(file, line, event_id, model.model_validate(data))
    except ValidationError as exc:
        return Line(file, line, event_id, None, tuple(_problem(error) for error in exc.errors()))


def _problem(error) -> Problem:
    """One pydantic error as a field and a reason in plain words."""
    field = ".".join(str(part) for part in error["loc"])
    kind, message = error["type"], error["msg"]
    if kind == "missing":
        return Problem(field, "is missing")
    if kind == "extra_forbidden":
        return Problem(field, "is not a field of this record type")
    if kind == "timezone_aware":
        return Problem(field, "needs a UTC offset, e.g. 2026-03-02T10:15:00+08:00")
    message = message.removeprefix("Value error, ")
    if not field and ": " in message:  # a check across fields names its field first
        field, message = message.split(": ", 1)
    return Problem(field, message)
