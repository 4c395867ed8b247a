"""Which databases take the demo seed, and building it so that an interrupted
seed (killed, Ctrl-C) never leaves a half-built database behind (product §4).

A completion marker, the setting `demo_seed`, says what a database holds: the
seed writes `started` in its first transaction, together with the first
sellers, and `complete` in its last, together with the demo passwords. A
database with users or sellers and no marker is not a demo database, and is
never seeded (so a production database can never get the demo logins) —
except a demo seeded before the marker existed: its sellers have demo
profiles, and it is complete once the admin login has its password.

On SQLite the seed is built in a copy of the file next to it, which replaces
the file (an atomic rename) only once the seed is complete; an interrupted
seed leaves the database as it was, and its copy is removed (by the next seed
when the process was killed). Other databases are seeded in place: an
interrupted seed is then wiped (every table emptied, identities restarted)
and seeded again.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

from sqlalchemy import delete, func, text
from sqlmodel import Session, SQLModel, select

from app.errors import DemoAlreadySeeded
from app.services.end_of_day.lock import lock_path
from app.services.store.settings import read_setting, write_setting
from db.engine import database_url, engine_for, session_scope
from db.models import DemoSellerProfile, LenderBook, Seller, User

DEMO_SEED = "demo_seed"  # settings key
STARTED, COMPLETE = "started", "complete"
ASIDE = ".seeding-"  # the copy of a SQLite file being seeded: <file>.seeding-<pid>


class SeedTarget(Enum):
    EMPTY = "empty"  # no users, no sellers: seed it
    INTERRUPTED = "interrupted"  # a demo seed that did not finish: wipe it and seed again
    SEEDED = "seeded"  # the demo, complete
    NOT_DEMO = "not_demo"  # users or sellers, and no demo: never seeded


def seed_target() -> SeedTarget:
    """What the database at DATABASE_URL holds, as far as the demo seed is concerned."""
    with session_scope() as session:
        marker = read_setting(session, DEMO_SEED)
        if marker in (STARTED, COMPLETE):
            return SeedTarget.SEEDED if marker == COMPLETE else SeedTarget.INTERRUPTED
        if not _count(session, User) and not _count(session, Seller):
            return SeedTarget.EMPTY
        if not _count(session, DemoSellerProfile):
            return SeedTarget.NOT_DEMO
        admin = session.exec(select(User).where(User.username == "admin")).first()
        return SeedTarget.SEEDED if admin and admin.password_hash else SeedTarget.INTERRUPTED


def _count(session: Session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def refusal(target: SeedTarget) -> str:
    """Why `seed-demo` does not seed a database that holds this."""
    if target is SeedTarget.SEEDED:
        return "the database already holds the demo; seed it into an empty database"
    return ("the database already has sellers or users and is not a demo database; the demo is only "
            "seeded into an empty database")


def mark_seed(session: Session, state: str) -> None:
    write_setting(session, DEMO_SEED, state)


def check_target() -> SeedTarget:
    """The database's `SeedTarget`, when it may be seeded (empty, or an interrupted seed)."""
    target = seed_target()
    if target in (SeedTarget.SEEDED, SeedTarget.NOT_DEMO):
        raise DemoAlreadySeeded(refusal(target))
    return target


KEPT_ON_WIPE = {"audit_events"}  # append-only: its triggers refuse DELETE, and it records the seed too
# Append-only too (migration 0014), yet emptied with the seed they belong to: the wipe lifts
# their triggers for its own transaction only.
LIFTED_ON_WIPE = ("journal_entries", "journal_lines", "settings_changes")


def wipe() -> None:
    """Empty every table of the application (the schema and its version stay), in one
    transaction; the lender book's one row comes back at zero, as the migration made it."""
    tables = [t for t in reversed(SQLModel.metadata.sorted_tables) if t.name not in KEPT_ON_WIPE]
    with session_scope() as session, _append_only_lifted(session):
        if session.get_bind().dialect.name == "postgresql":
            names = ", ".join(f'"{table.name}"' for table in tables)
            session.exec(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                session.exec(delete(table))
        session.add(LenderBook(id=1, outstanding_fen=0))
        session.flush()


@contextmanager
def _append_only_lifted(session: Session) -> Iterator[None]:
    """Within the block, and in its transaction only, the append-only triggers of
    LIFTED_ON_WIPE are off (PostgreSQL: disabled; SQLite: dropped and made again from their
    own definitions). Schema changes are transactional on both: a wipe that fails rolls the
    triggers back with everything else."""
    if session.get_bind().dialect.name == "postgresql":
        for table in LIFTED_ON_WIPE:
            session.exec(text(f'ALTER TABLE "{table}" DISABLE TRIGGER USER'))
        yield
        for table in LIFTED_ON_WIPE:
            session.exec(text(f'ALTER TABLE "{table}" ENABLE TRIGGER USER'))
        return
    names = ", ".join(f"'{table}'" for table in LIFTED_ON_WIPE)
    triggers = session.exec(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                 f"AND tbl_name IN ({names})")).all()
    for name, _ in triggers:
        session.exec(text(f'DROP TRIGGER "{name}"'))
    yield
    for _, definition in triggers:
        session.exec(text(definition))


@contextmanager
def built_aside() -> Iterator[None]:
    """On a SQLite file: within the block DATABASE_URL names a copy of the file,
    which replaces the file when the block succeeds and is removed when it does
    not. Any other database is built in place."""
    url = database_url()
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        yield
        return
    path = Path(url.removeprefix("sqlite:///"))
    _remove_dead_copies(path)
    aside = path.with_name(f"{path.name}{ASIDE}{os.getpid()}")
    aside_url = f"sqlite:///{aside}"
    engine_for(url).dispose()
    shutil.copyfile(path, aside)
    try:
        with _database_url(aside_url):
            yield
        engine_for(aside_url).dispose()
        _fsync(aside)
        os.replace(aside, path)
        engine_for(url).dispose()  # pooled connections still see the file that was replaced
    finally:
        engine_for(aside_url).dispose()
        aside.unlink(missing_ok=True)
        lock_path(aside).unlink(missing_ok=True)  # the seed's end of day ran on the copy


def _remove_dead_copies(path: Path) -> None:
    """Remove the copies left by seeds that were killed; refuse while another seed runs."""
    for copy in path.parent.glob(f"{path.name}{ASIDE}*"):
        pid = copy.name.rsplit("-", 1)[1]
        if pid.isdigit() and _alive(int(pid)):
            raise DemoAlreadySeeded(f"another seed-demo (process {pid}) is building this database")
        copy.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync(path: Path) -> None:
    with open(path, "rb") as file:
        os.fsync(file.fileno())


@contextmanager
def _database_url(url: str) -> Iterator[None]:
    before = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = before
