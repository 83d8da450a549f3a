"""The database for the web app: one engine per app, one session per request.

``init_app`` migrates the schema (``docgen.db.init_db``: safe at every start), creates the engine
and the blob store, and closes the request's session when the app context ends.  Views call
:func:`session` and commit themselves (``session().commit()``) after a successful action.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from docgen.blobs import BlobStore
from docgen.config import Limits
from docgen.db import init_db, make_engine
from docgen.db.models import AppSetting

__all__ = ["State", "blobs", "engine", "get_setting", "init_app", "session", "set_setting", "state"]

# Settings an administrator changes in the browser (key → (label, default, help)).
APP_SETTINGS: dict[str, tuple[str, Any, str]] = {
    "default_court": ("默认法院", "", "统计、聚类和文书默认只看这个法院（全称）；留空表示全部法院。"),
    "suggestion_min_count": ("司法建议最少案件数", 3,
                             "同一行政机关同类瑕疵达到此件数，才列为司法建议书的候选对象。"),
    "page_size": ("案件列表每页条数", 50, "10 至 200。"),
}


@dataclass
class State:
    engine: Engine
    blobs: BlobStore
    limits: Limits
    models_dir: Path
    drafts_dir: Path


def init_app(app: Flask) -> None:
    url = app.config["DATABASE_URL"]
    if app.config.get("DB_INIT", True):
        init_db(url)
    app.extensions["docgen"] = State(
        engine=make_engine(url),
        blobs=BlobStore(app.config["BLOB_DIR"]),
        limits=app.config["LIMITS"],
        models_dir=Path(app.config["MODELS_DIR"]),
        drafts_dir=Path(app.config["DRAFTS_DIR"]),
    )
    app.teardown_appcontext(_close_session)


def state(app: Flask | None = None) -> State:
    return (app or current_app).extensions["docgen"]


def engine() -> Engine:
    return state().engine


def blobs() -> BlobStore:
    return state().blobs


def session() -> Session:
    """The request's session (created on first use, closed at the end of the request)."""
    if "db_session" not in g:
        g.db_session = Session(engine(), expire_on_commit=False)
    return g.db_session


def _close_session(exc: BaseException | None) -> None:
    s: Session | None = g.pop("db_session", None)
    if s is None:
        return
    try:
        if exc is not None or s.in_transaction():
            s.rollback()  # anything not committed by the view is discarded
    finally:
        s.close()


def get_setting(key: str, s: Session | None = None) -> Any:
    s = s or session()
    row = s.scalar(select(AppSetting).where(AppSetting.key == key))
    if row is None or row.value is None:
        return APP_SETTINGS[key][1]
    return row.value


def set_setting(key: str, value: Any, by: str, s: Session | None = None) -> None:
    from docgen.db.models import utcnow

    s = s or session()
    row = s.get(AppSetting, key)
    if row is None:
        s.add(AppSetting(key=key, value=value, updated_by=by, updated_at=utcnow()))
    else:
        row.value, row.updated_by, row.updated_at = value, by, utcnow()
