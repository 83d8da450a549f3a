"""Database access: engine, schema migrations, transactions.

Typical use (one transaction per ingested document)::

    from docgen.db import init_db, make_engine, session_scope
    from docgen.db import repo

    init_db(settings.database_url)            # alembic upgrade head; safe to call every start
    engine = make_engine(settings.database_url)
    with session_scope(engine) as s:          # commit on success, rollback on any exception
        repo.store_judgment(s, sha256=..., ...)

SQLite (default) and PostgreSQL (``postgresql+psycopg://…``) are both supported.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = [
    "MIGRATIONS_DIR",
    "alembic_config",
    "init_db",
    "make_engine",
    "session_scope",
]

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000
# pg_advisory_xact_lock key serialising concurrent ``init_db`` calls (several web workers).
_PG_MIGRATION_LOCK = 0x646F6367656E  # b"docgen"


def _json_default(obj: Any) -> Any:
    if isinstance(obj, date | datetime):
        return obj.isoformat()
    raise TypeError(f"{type(obj).__name__} is not JSON serializable")


def _json_dumps(obj: Any) -> str:
    # Keep Chinese readable in the database (sqlite3 CLI, psql) instead of \uXXXX escapes.
    return json.dumps(obj, ensure_ascii=False, default=_json_default)


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an Engine for ``url``.

    SQLite: creates the parent directory of the database file and sets, on every new
    connection, ``journal_mode=WAL`` (readers do not block the writer),
    ``foreign_keys=ON`` and a busy timeout of :data:`SQLITE_BUSY_TIMEOUT_MS`.
    """
    u = make_url(url)
    kwargs: dict[str, Any] = {"echo": echo, "json_serializer": _json_dumps}
    if u.get_backend_name() == "sqlite":
        db = u.database
        in_memory = not db or db == ":memory:" or db.startswith("file::memory:") or "mode=memory" in db
        if not in_memory:
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(u, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            try:
                cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
                if not in_memory:
                    _enable_wal(cur)
                cur.execute("PRAGMA foreign_keys = ON")
            finally:
                cur.close()

        return engine
    return create_engine(u, pool_pre_ping=True, **kwargs)


def _enable_wal(cur: Any) -> None:
    """Switch a SQLite database to WAL.  Changing the journal mode needs an exclusive lock and
    SQLite reports "database is locked" at once, without its busy handler, when another
    connection is opening the same new file — so only switch when needed, and retry."""
    import sqlite3
    import time

    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        try:
            mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def alembic_config(url: str | None = None) -> Config:
    """An Alembic ``Config`` for the migrations shipped inside the package (no .ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # configparser escaping
    return cfg


def init_db(url: str) -> None:
    """Create or upgrade the schema to the newest revision (``alembic upgrade head``).

    Idempotent and safe to call at every start, also from several processes at once: the
    whole upgrade runs in one transaction, serialised by ``pg_advisory_xact_lock`` on
    PostgreSQL and by ``BEGIN IMMEDIATE`` on SQLite (so a failed migration leaves the
    previous schema intact on both).  On SQLite, foreign-key enforcement is off while
    migrating (batch mode copies and drops tables, which would otherwise cascade) and the
    result is checked with ``PRAGMA foreign_key_check`` before committing.
    """
    from alembic import command

    engine = make_engine(url)
    dialect = engine.dialect.name
    cfg = alembic_config(url)
    try:
        with engine.connect() as conn:
            if dialect == "sqlite":
                # Let us issue BEGIN ourselves (the driver would defer it and skip DDL).
                conn.connection.driver_connection.isolation_level = None
                conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
                conn.commit()
            with conn.begin():
                if dialect == "sqlite":
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                elif dialect == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if dialect == "sqlite":
                    bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if bad:
                        raise RuntimeError(f"foreign key violations after migration: {bad[:10]}")
    finally:
        engine.dispose()  # also discards the SQLite connection with altered settings


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A Session in one transaction: commit when the block ends, roll back on any exception.

    Objects stay usable after the block (``expire_on_commit=False``), e.g. ``doc.id``.
    """
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
