"""Apply Alembic migrations programmatically (used by `init-db` and the tests)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from db.engine import make_engine

ALEMBIC_INI = Path(__file__).resolve().parent / "alembic.ini"


def alembic_config(url: str) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Create or migrate the database at `url` to `revision`."""
    make_engine(url).dispose()  # creates the SQLite file's folder if needed
    command.upgrade(alembic_config(url), revision)
