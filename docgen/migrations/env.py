"""Alembic environment for docgen.

Used two ways:

* programmatically by :func:`docgen.db.init_db`, which passes an open connection in
  ``config.attributes["connection"]`` (no .ini file involved);
* by developers from the command line, e.g.
  ``alembic -c docgen/migrations/alembic.ini revision --autogenerate --rev-id 0002 -m "..."``
  — the database is ``sqlalchemy.url`` if set, else ``DOCGEN_DATABASE_URL`` / the default
  SQLite file from :class:`docgen.config.Settings`.

``render_as_batch`` is on for SQLite so ALTER-style operations become table copies.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

from docgen.db.models import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata

if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from docgen.config import Settings

    return Settings.load().database_url


def _render_item(type_: str, obj: object, autogen_context: AutogenContext) -> str | bool:
    # Migrations must not import the models: write UTCDateTime as its portable column type.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(**kwargs: object) -> None:
    context.configure(target_metadata=target_metadata, compare_type=True, render_item=_render_item, **kwargs)


def run_migrations_offline() -> None:
    url = _url()
    _configure(
        url=url,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_online(connection: Connection) -> None:
    _configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_online(connection)
        return
    from docgen.db import make_engine

    engine = make_engine(_url())
    try:
        with engine.connect() as conn:
            _run_online(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
