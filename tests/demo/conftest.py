"""The demo platform for tests/demo: copies of the run's one seeded demo
(`tests.support.seeded_demo`, whose names are re-exported here for the tests).

`demo_db` (module) is a copy of the seeded demo for one test module, and
DATABASE_URL points at it for the module: its tests read, and never write.
`demo_copy` (function) is a private copy for a test that moves the platform
forward.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.seeded_demo import (  # noqa: F401 - re-exported for the tests of this package
    CLI_FIXTURE,
    ROOT,
    SEED,
    TODAY,
    SeededDemo,
    copy_database,
    drop_database,
    run_cli,
    start_cli,
    using,
)


@pytest.fixture(scope="module")
def demo_db(database_template, seeded_demo: SeededDemo) -> Iterator[str]:
    """A copy of the seeded demo for this module; DATABASE_URL points at it. Read only."""
    url = copy_database(database_template, seeded_demo.url)
    try:
        with using(url):
            yield url
    finally:
        drop_database(database_template, url)


@pytest.fixture
def demo_copy(database_template, seeded_demo: SeededDemo) -> Iterator[str]:
    """A private copy of the seeded demo for a test that changes it (DATABASE_URL is not set)."""
    url = copy_database(database_template, seeded_demo.url)
    try:
        yield url
    finally:
        drop_database(database_template, url)
