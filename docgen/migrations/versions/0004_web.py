"""web front end: users, audit log, background jobs, settings; indexes for the case list

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21

* ``users``: web logins (password hash only) with a role: clerk 录入员 | reviewer 审核人 | admin 管理员.
* ``audit_log``: who uploaded, corrected, generated, downloaded what, when.
* ``jobs``: background uploads and document generation with their progress and per-file results.
* ``app_settings``: settings an administrator changes in the browser.
* indexes for sorted, filtered paging of ``judgments`` (50,000 cases) and the defect filter.

Self-contained: does not import the models.  Works on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sa.DateTime(timezone=True)
USER_ROLES = ("clerk", "reviewer", "admin")
JOB_KINDS = ("ingest", "generate")
JOB_STATUSES = ("queued", "running", "done", "failed")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("last_login_at", UTC_DATETIME, nullable=True),
        sa.CheckConstraint(_in("role", USER_ROLES), name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.Column("remote_addr", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_created_at"), "audit_log", ["created_at"])
    op.create_index(op.f("ix_audit_log_username"), "audit_log", ["username"])
    op.create_index(op.f("ix_audit_log_action"), "audit_log", ["action"])
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=True),
        sa.Column("results", sa.JSON(), nullable=True),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("draft_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("started_at", UTC_DATETIME, nullable=True),
        sa.Column("finished_at", UTC_DATETIME, nullable=True),
        sa.CheckConstraint(_in("kind", JOB_KINDS), name=op.f("ck_jobs_kind")),
        sa.CheckConstraint(_in("status", JOB_STATUSES), name=op.f("ck_jobs_status")),
        sa.ForeignKeyConstraint(["batch_id"], ["ingest_batches.id"], name=op.f("fk_jobs_batch_id_ingest_batches"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"], name=op.f("fk_jobs_draft_id_drafts"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    op.create_index(op.f("ix_jobs_kind"), "jobs", ["kind"])
    op.create_index(op.f("ix_jobs_status"), "jobs", ["status"])
    op.create_index(op.f("ix_jobs_batch_id"), "jobs", ["batch_id"])
    op.create_index(op.f("ix_jobs_draft_id"), "jobs", ["draft_id"])
    op.create_index(op.f("ix_jobs_created_by"), "jobs", ["created_by"])
    op.create_table(
        "app_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("updated_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_settings")),
    )
    op.create_index("ix_judgments_judgment_date_id", "judgments", ["judgment_date", "id"])
    op.create_index("ix_judgments_year_judgment_date_id", "judgments", ["year", "judgment_date", "id"])
    op.create_index("ix_findings_code_active_judgment_id", "findings", ["code", "active", "judgment_id"])


def downgrade() -> None:
    op.drop_index("ix_findings_code_active_judgment_id", table_name="findings")
    op.drop_index("ix_judgments_year_judgment_date_id", table_name="judgments")
    op.drop_index("ix_judgments_judgment_date_id", table_name="judgments")
    op.drop_table("app_settings")
    for ix in ("created_by", "draft_id", "batch_id", "status", "kind"):
        op.drop_index(op.f(f"ix_jobs_{ix}"), table_name="jobs")
    op.drop_table("jobs")
    for ix in ("action", "username", "created_at"):
        op.drop_index(op.f(f"ix_audit_log_{ix}"), table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_table("users")
