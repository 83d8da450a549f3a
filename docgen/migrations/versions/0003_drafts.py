"""generated documents: issued numbers, drafts and their versions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21

* ``document_numbers``: the persistent counter behind 法建〔年〕N号 (never reused).
* ``drafts``: one generated 司法建议书 / 风险提示函 / 白皮书.
* ``draft_versions``: the generated DOCX and reviewers' edited uploads (blob hash, text for diffs).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sa.DateTime(timezone=True)
DRAFT_KINDS = ("suggestion", "risk_alert", "whitepaper")


def upgrade() -> None:
    op.create_table(
        "document_numbers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_numbers")),
        sa.UniqueConstraint("prefix", "year", name=op.f("uq_document_numbers_prefix_year")),
    )
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=True),
        sa.Column("court", sa.Text(), nullable=True),
        sa.Column("agency", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("params", sa.JSON(), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=True),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.CheckConstraint("kind IN (" + ", ".join(f"'{k}'" for k in DRAFT_KINDS) + ")", name=op.f("ck_drafts_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
    )
    op.create_index(op.f("ix_drafts_kind"), "drafts", ["kind"])
    op.create_index(op.f("ix_drafts_agency"), "drafts", ["agency"])
    op.create_index(op.f("ix_drafts_year"), "drafts", ["year"])
    op.create_table(
        "draft_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=True),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"], name=op.f("fk_draft_versions_draft_id_drafts"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_versions")),
        sa.UniqueConstraint("draft_id", "version", name=op.f("uq_draft_versions_draft_id_version")),
    )
    op.create_index(op.f("ix_draft_versions_draft_id"), "draft_versions", ["draft_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_draft_versions_draft_id"), table_name="draft_versions")
    op.drop_table("draft_versions")
    op.drop_index(op.f("ix_drafts_year"), table_name="drafts")
    op.drop_index(op.f("ix_drafts_agency"), table_name="drafts")
    op.drop_index(op.f("ix_drafts_kind"), table_name="drafts")
    op.drop_table("drafts")
    op.drop_table("document_numbers")
