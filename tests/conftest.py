"""Shared pytest fixtures.

Database backends
    ``db_url``     — parametrized over ``sqlite`` (a file in ``tmp_path``) and ``postgresql``
                     (a fresh database per test on a throwaway server); tests using it run
                     once per backend.  Empty, not migrated.
    ``db_engine``  — an Engine on ``db_url`` after ``init_db`` (schema at Alembic head).
    ``pg_url``     — session-wide PostgreSQL server, started by ``tests/pg.py``.

PostgreSQL: ``DOCGEN_TEST_PG_URL`` points the suite at an existing server instead (its
role needs CREATEDB; every test gets its own database, dropped afterwards).  Otherwise a
server is started from /usr/lib/postgresql/*/bin (``scripts/setup-postgres.sh`` installs
it); when that is impossible the PostgreSQL half is skipped with the reason, or fails if
``DOCGEN_TEST_REQUIRE_PG=1`` (for CI).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from pg import (
    PostgresUnavailable,
    TempPostgres,
    create_database,
    drop_database,
    normalize_url,
    unique_db_name,
    wait_ready,
    with_database,
)
from sqlalchemy import Engine

from docgen.db import init_db, make_engine

# -- database backends ---------------------------------------------------------------------------


def _pg_unavailable(reason: object) -> None:
    msg = f"PostgreSQL 不可用：{reason}"
    if os.environ.get("DOCGEN_TEST_REQUIRE_PG") == "1":
        pytest.fail(msg, pytrace=False)
    pytest.skip(msg)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """URL of a PostgreSQL database (``postgresql+psycopg://…``) shared by the session."""
    external = os.environ.get("DOCGEN_TEST_PG_URL")
    if external:
        url = normalize_url(external)
        try:
            wait_ready(url)
        except PostgresUnavailable as err:
            # Explicitly configured: a broken setting must not pass silently as a skip.
            pytest.fail(f"DOCGEN_TEST_PG_URL 无法连接：{err}", pytrace=False)
        yield url
        return
    server = TempPostgres()
    try:
        server.start()
    except PostgresUnavailable as err:
        _pg_unavailable(err)
    try:
        yield server.url()
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """An empty database on each backend (not migrated)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'docgen.sqlite3'}"
        return
    server_url = request.getfixturevalue("pg_url")
    name = unique_db_name()
    create_database(server_url, name)
    try:
        yield with_database(server_url, name)
    finally:
        drop_database(server_url, name)


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    """Engine on a database migrated to Alembic head."""
    init_db(db_url)
    engine = make_engine(db_url)
    try:
        yield engine
    finally:
        engine.dispose()
