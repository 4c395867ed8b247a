"""`backup` and `restore`: a copy of the SQLite database, taken while the app runs.

SQLite: `backup PATH` uses SQLite's online backup API, which copies one consistent
snapshot (in WAL mode the app keeps reading and writing meanwhile) into a single
self-contained file. `restore PATH` first checks that PATH is a SQLite database with
this app's schema (an `alembic_version` this code knows), refuses to overwrite a
database without `--force`, and copies it in with the same API. PostgreSQL: both
commands refuse and print the `pg_dump` / `pg_restore` way.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from app.cli import UsageError

SQLITE_HEADER = b"SQLite format 3\x00"


def register(subparsers) -> None:
    backup = subparsers.add_parser(
        "backup", help="copy the SQLite database to a file, safely while the app runs",
        description="Copy the SQLite database at DATABASE_URL to PATH with SQLite's online backup API: "
                    "one consistent snapshot, taken while the app keeps running. PATH must not exist "
                    "unless --force. For PostgreSQL, use pg_dump (the command prints how).")
    backup.add_argument("path", metavar="PATH", help="the backup file to write")
    backup.add_argument("--force", action="store_true", help="replace PATH if it exists")
    backup.set_defaults(func=run_backup)

    restore = subparsers.add_parser(
        "restore", help="replace the SQLite database with a backup",
        description="Check that PATH is a SQLite database with this app's schema, then copy it over the "
                    "database at DATABASE_URL. Refuses to overwrite an existing database without --force. "
                    "Run init-db afterwards if the backup is from an older version. For PostgreSQL, use "
                    "pg_restore (the command prints how).")
    restore.add_argument("path", metavar="PATH", help="a file written by `backup`")
    restore.add_argument("--force", action="store_true", help="overwrite the existing database")
    restore.set_defaults(func=run_restore)


def _postgres_way(command: str, url: str) -> UsageError:
    from sqlalchemy.engine import make_url

    target = make_url(url).set(drivername="postgresql").render_as_string(hide_password=True)
    if command == "backup":
        how = f"pg_dump --format=custom --file=PATH '{target}'"
    else:
        how = f"pg_restore --clean --if-exists --no-owner --dbname='{target}' PATH"
    return UsageError(f"{command} copies SQLite databases only; for PostgreSQL run: {how} "
                      "(see README.md, Backups)")


def _database_file(command: str) -> Path:
    from db.engine import check_database_url, database_url, sqlite_path

    url = database_url()
    check_database_url(url)
    if not url.startswith("sqlite"):
        raise _postgres_way(command, url)
    path = sqlite_path(url)
    if path is None:
        raise UsageError("an in-memory database cannot be backed up or restored")
    return path


def schema_revision(path: Path) -> str:
    """The Alembic revision of the SQLite database at `path`; UsageError if it is not one of ours."""
    if not path.is_file():
        raise UsageError(f"{path} does not exist or is not a file")
    with open(path, "rb") as f:
        if f.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise UsageError(f"{path} is not a SQLite database")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise UsageError(f"{path} is a damaged SQLite database (quick_check failed)")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        raise UsageError(f"{path} is not a Microloan Factory database ({exc})") from None
    if row is None or row[0] not in _known_revisions():
        raise UsageError(f"{path} has schema revision {row and row[0]!r}, which this version of the app "
                         "does not know")
    return row[0]


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from db.migrations_runner import alembic_config

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config("sqlite://")).walk_revisions()}


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup of `source` into `target` (a consistent snapshot; the target's
    other connections see the new content when it is done)."""
    with closing(sqlite3.connect(source, timeout=30)) as src:
        with closing(sqlite3.connect(target, timeout=30)) as dst:
            src.backup(dst)


def _path(text: str) -> Path:
    if "\x00" in text:  # no file has such a name (and os calls raise on it)
        raise UsageError(f"{text!r} is not a file name")
    return Path(text)


def run_backup(args) -> int:
    source = _database_file("backup")
    revision = schema_revision(source)
    target = _path(args.path)
    if target.exists() and not args.force:
        raise UsageError(f"{target} exists; pass --force to replace it")
    if target.is_dir() or not target.parent.is_dir():
        raise UsageError(f"cannot write {target}: give a file in an existing folder")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        _copy(source, partial)
        with closing(sqlite3.connect(partial)) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    print(f"Backed up {source} (schema {revision}) to {target} ({target.stat().st_size:,} bytes).")
    return 0


def run_restore(args) -> int:
    target = _database_file("restore")
    source = _path(args.path)
    revision = schema_revision(source)
    if source.resolve() == target.resolve():
        raise UsageError(f"{source} is the database itself")
    if target.exists() and target.stat().st_size > 0 and not args.force:
        raise UsageError(f"the database {target} exists; pass --force to overwrite it with {source}")
    if not target.parent.is_dir():
        raise UsageError(f"the folder of the database does not exist: {target.parent}")
    _copy(source, target)
    print(f"Restored {target} from {source} (schema {revision}); run init-db if the backup is from an "
          "older version.")
    return 0
