"""The throwaway PostgreSQL cluster that the `--db=postgres` pass and the benchmarks use."""

from pathlib import Path

import psycopg
import pytest

from tests.support.pg_cluster import libpq_url, start_cluster

pytestmark = pytest.mark.db


def test_a_started_cluster_answers_queries_and_is_gone_after_stop():
    url_base, stop = start_cluster()
    try:
        assert url_base.startswith("postgresql+psycopg://postgres@127.0.0.1:")
        with psycopg.connect(f"{libpq_url(url_base)}/postgres") as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
            data_directory = conn.execute("SHOW data_directory").fetchone()[0]
    finally:
        stop()

    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(f"{libpq_url(url_base)}/postgres", connect_timeout=2)
    assert not Path(data_directory).exists()
    stop()  # a second stop is harmless
