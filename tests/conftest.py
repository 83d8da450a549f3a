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


# -- the web app (webapp/): fixtures app, client, runner, auth (as in Flask's tutorial) -------------

WEB_PASSWORD = "test-pass-123"
WEB_USERS = {"clerk": "lulu", "reviewer": "shen", "admin": "guan"}  # role -> user name
_CSRF_RE = r'name="csrf-token" content="([^"]+)"'


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "loaded: the web app's database holds the sample judgments")


def sample_judgments() -> list[tuple[str, str]]:
    """Fictional judgments for the web tests: four 2023 cases of 东川市临江区市场监督管理局 with the
    same defect (未告知陈述、申辩 → a 司法建议书 target), a 2022 appeal and a 2024 非诉 ruling."""
    from samples import APPEAL, FIRST_INSTANCE, NON_LITIGATION

    out = []
    people = ["周明远", "刘建平", "孙晓燕", "何志强"]
    days = ["十二", "十三", "十四", "十五"]
    for i, (person, day) in enumerate(zip(people, days, strict=True)):
        text = (FIRST_INSTANCE.replace("（2023）东0102行初45号", f"（2023）东0102行初{45 + i}号")
                .replace("周明远", person).replace("二〇二三年六月十二日", f"二〇二三年六月{day}日"))
        out.append((f"2023年/判决{i + 1}.txt", text))
    out.append(("2022年/二审判决.txt", APPEAL))
    out.append(("2024年/非诉审查.txt", NON_LITIGATION))
    return out


def _web_config(instance: os.PathLike[str] | str) -> dict[str, object]:
    from pathlib import Path

    inst = Path(instance)
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "INSTANCE_DIR": str(inst),
        "DATABASE_URL": f"sqlite:///{inst / 'docgen.sqlite3'}",
        "BLOB_DIR": str(inst / "originals"),
        "JOBS_SYNC": True,
        "JOBS_RESUME": False,
    }


def _close_app(app) -> None:  # type: ignore[no-untyped-def]
    from webapp import db, worker

    worker.runner(app).shutdown()
    db.state(app).engine.dispose()


@pytest.fixture(scope="session")
def web_templates(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Two instance folders, made once: ``empty`` (schema + one user per role) and ``loaded``
    (that plus :func:`sample_judgments`); each test gets a copy."""
    import shutil

    from docgen.ingest.archive import SourceItem
    from docgen.ingest.service import Ingestor
    from webapp import create_app, db
    from webapp.auth import create_user

    root = tmp_path_factory.mktemp("web")
    empty = root / "empty"
    app = create_app(_web_config(empty))
    with app.app_context():
        s = db.session()
        for role, name in WEB_USERS.items():
            create_user(s, name, WEB_PASSWORD, role)
        s.commit()
    _close_app(app)
    loaded = root / "loaded"
    shutil.copytree(empty, loaded)
    app = create_app(_web_config(loaded))
    st = db.state(app)
    ing = Ingestor(st.engine, st.blobs, st.limits, st.models_dir)
    for name, text in sample_judgments():
        data = text.encode("utf-8")
        result = ing.ingest_item(SourceItem(name, data, None, len(data)))
        assert result.status == "已入库", result
    _close_app(app)
    return {"empty": empty, "loaded": loaded}


@pytest.fixture
def app(request: pytest.FixtureRequest, tmp_path, web_templates):  # type: ignore[no-untyped-def]
    """The web app on its own SQLite database in ``tmp_path`` (jobs run synchronously).
    Mark a test ``@pytest.mark.loaded`` for a database holding the sample judgments."""
    import shutil

    from webapp import create_app

    which = "loaded" if request.node.get_closest_marker("loaded") else "empty"
    instance = tmp_path / "instance"
    shutil.copytree(web_templates[which], instance)
    app = create_app(_web_config(instance))
    yield app
    _close_app(app)


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.fixture
def runner(app):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()


class AuthActions:
    """Log the test client in as one of :data:`WEB_USERS` through the real login form."""

    def __init__(self, client):  # type: ignore[no-untyped-def]
        self._client = client

    def token(self) -> str:
        """The session's CSRF token (from a page's meta tag)."""
        import re

        page = self._client.get("/login" if not self.logged_in() else "/account")
        return re.search(_CSRF_RE, page.get_data(as_text=True)).group(1)

    def logged_in(self) -> bool:
        with self._client.session_transaction() as sess:
            return "uid" in sess

    def login(self, role: str = "admin", password: str = WEB_PASSWORD):  # type: ignore[no-untyped-def]
        username = WEB_USERS.get(role, role)
        return self._client.post("/login", data={"username": username, "password": password,
                                                 "csrf_token": self.token()})

    def logout(self):  # type: ignore[no-untyped-def]
        return self._client.post("/logout", data={"csrf_token": self.token()})

    def post(self, url: str, data: dict[str, object] | None = None, **kw: object):  # type: ignore[no-untyped-def]
        """POST with the CSRF token added."""
        return self._client.post(url, data={**(data or {}), "csrf_token": self.token()}, **kw)


@pytest.fixture
def auth(client) -> AuthActions:  # type: ignore[no-untyped-def]
    return AuthActions(client)
