"""findings, reviewer corrections, category/field confidence, normalised agency names

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21

* ``findings``: defects with the court's sentence (one row per finding; ``active`` false when a
  reviewer removed it — the prediction itself is kept).
* ``corrections``: append-only history of reviewers' corrections.
* ``judgments``: ``category_confidence``, ``category_source``, ``category_reason``,
  ``field_confidence``.
* ``parties.agency_name``: the normalised agency name statistics group by; existing rows are
  backfilled here with a frozen copy of ``docgen.stats.normalize_agency`` (migrations do not
  import application code).

Self-contained: does not import the models.  Works on SQLite (batch mode) and PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sa.DateTime(timezone=True)
CORRECTION_KINDS = ("category", "outcome", "head_appeared", "defect_add", "defect_remove", "field", "agency_lost")

# Frozen copy of docgen.stats.normalize_agency as of this revision.
_NOTE = re.compile(r"（(?:原|以下简称|下称|简称|现|曾用名|更名为?)[^（）]*）")
_EDGE = "。，、；：,.;:\"'“”‘’"


def _normalize_agency(name: str | None) -> str | None:
    if not name:
        return None
    s = unicodedata.normalize("NFKC", name)
    s = re.sub(r"\s+", "", s).replace("(", "（").replace(")", "）")
    s = _NOTE.sub("", s).strip(_EDGE)
    return s or None


def upgrade() -> None:
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("judgment_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("section", sa.String(length=16), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["judgment_id"],
            ["judgments.id"],
            name=op.f("fk_findings_judgment_id_judgments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    op.create_index(op.f("ix_findings_judgment_id"), "findings", ["judgment_id"])
    op.create_index(op.f("ix_findings_code"), "findings", ["code"])

    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("judgment_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=True),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("previous", sa.JSON(), nullable=True),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in CORRECTION_KINDS) + ")", name=op.f("ck_corrections_kind")
        ),
        sa.ForeignKeyConstraint(
            ["judgment_id"],
            ["judgments.id"],
            name=op.f("fk_corrections_judgment_id_judgments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_index(op.f("ix_corrections_judgment_id"), "corrections", ["judgment_id"])

    with op.batch_alter_table("judgments") as batch:
        batch.add_column(sa.Column("category_confidence", sa.Float(), nullable=True))
        batch.add_column(sa.Column("category_source", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("category_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("field_confidence", sa.Float(), nullable=True))

    with op.batch_alter_table("parties") as batch:
        batch.add_column(sa.Column("agency_name", sa.Text(), nullable=True))
        batch.create_index(batch.f("ix_parties_agency_name"), ["agency_name"])

    # Backfill the normalised agency names of parties stored before this revision.
    conn = op.get_bind()
    parties = sa.table(
        "parties", sa.column("id", sa.Integer()), sa.column("name", sa.Text()),
        sa.column("is_agency", sa.Boolean()), sa.column("agency_name", sa.Text()),
    )  # fmt: skip
    rows = conn.execute(sa.select(parties.c.id, parties.c.name).where(parties.c.is_agency.is_(True))).all()
    updates = [{"pid": pid, "agency_name": _normalize_agency(name)} for pid, name in rows]
    if updates:
        conn.execute(
            parties.update().where(parties.c.id == sa.bindparam("pid")).values(agency_name=sa.bindparam("agency_name")),
            updates,
        )


def downgrade() -> None:
    with op.batch_alter_table("parties") as batch:
        batch.drop_index(batch.f("ix_parties_agency_name"))
        batch.drop_column("agency_name")
    with op.batch_alter_table("judgments") as batch:
        batch.drop_column("field_confidence")
        batch.drop_column("category_reason")
        batch.drop_column("category_source")
        batch.drop_column("category_confidence")
    op.drop_table("corrections")
    op.drop_table("findings")
