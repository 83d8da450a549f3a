"""docgen's web front end: a thin Flask layer over the library the CLI uses.

    from webapp import create_app
    app = create_app()                       # settings from DOCGEN_* like the CLI
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite:///…", "JOBS_SYNC": True})

One blueprint per concern (auth, upload, jobs, cases, stats, clusters, documents, admin), a db
module with ``init_app`` (one engine per app, one session per request), server-rendered Chinese
pages, a few lines of our own JavaScript in ``static/`` (no CDN).  Views call library functions
(:mod:`docgen.ingest.service`, :mod:`docgen.corrections`, :mod:`docgen.stats`,
:mod:`docgen.analysis`, :mod:`docgen.documents`); the only logic here is presentation.
"""

from __future__ import annotations

import logging
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask

from docgen.config import MB, Settings

__all__ = ["create_app", "ensure_admin"]

log = logging.getLogger(__name__)


def _secret_key(instance_dir: Path) -> str:
    """``DOCGEN_SECRET_KEY``, else a random key kept in ``instance/secret_key`` (mode 0600) so
    sessions survive a restart."""
    env = os.environ.get("DOCGEN_SECRET_KEY")
    if env:
        return env
    path = instance_dir / "secret_key"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    instance_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key)
    return key


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The application.  ``test_config`` overrides any setting, e.g. ``DATABASE_URL``,
    ``BLOB_DIR``, ``INSTANCE_DIR``, ``JOBS_SYNC`` (run background jobs inside the request)."""
    cfg = dict(test_config or {})
    settings = Settings.load(cfg.get("INSTANCE_DIR"))
    app = Flask(__name__)
    instance_dir = Path(cfg.get("INSTANCE_DIR") or settings.instance_dir)
    app.config.from_mapping(
        DEBUG=False,
        INSTANCE_DIR=str(instance_dir),
        DATABASE_URL=settings.database_url,
        BLOB_DIR=str(settings.blob_dir),
        MODELS_DIR=str(settings.models_dir),
        DRAFTS_DIR=str(instance_dir / "drafts"),
        LIMITS=settings.limits,
        # One request carries the upload: a ZIP counts as one file (Limits.max_file_bytes).
        MAX_CONTENT_LENGTH=settings.limits.max_file_bytes + 1 * MB,
        MAX_FORM_MEMORY_SIZE=2 * MB,
        JOBS_SYNC=False,  # tests: run jobs inside the request
        JOB_WORKERS=1,
        JOBS_RESUME=True,  # re-queue uploads interrupted by a restart
        DB_INIT=True,
        PAGE_SIZE=50,
        SESSION_COOKIE_NAME="docgen_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=_truthy(os.environ.get("DOCGEN_COOKIE_SECURE")),
        PERMANENT_SESSION_LIFETIME=timedelta(hours=int(os.environ.get("DOCGEN_SESSION_HOURS") or 10)),
    )
    app.config.update(cfg)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(Path(app.config["INSTANCE_DIR"]))
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    from webapp import (
        admin,
        auth,
        cases,
        clusters,
        db,
        documents,
        errors,
        jobs,
        main,
        security,
        stats,
        upload,
        views,
        worker,
    )

    db.init_app(app)
    auth.init_app(app)  # before the CSRF check: anonymous requests go to the login page first
    security.init_app(app)
    errors.init_app(app)
    views.init_app(app)
    for bp in (auth.bp, main.bp, upload.bp, jobs.bp, cases.bp, stats.bp, clusters.bp, documents.bp, admin.bp):
        app.register_blueprint(bp)
    worker.init_app(app)
    return app


def ensure_admin(app: Flask) -> tuple[str, str] | None:
    """Create the first administrator (``admin`` with a random password) when there is no user
    at all, and return ``(username, password)`` to print once; None when users exist."""
    from webapp.auth import create_first_admin

    with app.app_context():
        return create_first_admin()
