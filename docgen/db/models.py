"""ORM models: what is stored about every ingested file.

One :class:`Document` per distinct original (identified by the SHA-256 of its bytes), one
:class:`Judgment` per Document with the parsed facts as columns (for filtering and
statistics) plus the complete parse result as JSON, and one :class:`Party` row per party.
The analysis adds :class:`Finding` rows (defects with their sentences); reviewers'
:class:`Correction` rows override predictions (see :mod:`docgen.corrections`).
Files that were not stored are kept as :class:`Rejection` rows so a clerk can see why.

Only portable column types are used so the same models (and the same migrations) run on
SQLite — the default for one intranet server — and on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Deterministic constraint/index names: needed by Alembic batch mode on SQLite and so
# that migrations can refer to constraints by name on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

BATCH_STATUSES = ("running", "done", "failed")
# What produced a Finding (docgen.model.Finding.source).
FINDING_SOURCES = ("pattern", "statute", "model", "correction")
# What a reviewer can correct (docgen.corrections).
CORRECTION_KINDS = (
    "category", "outcome", "head_appeared", "defect_add", "defect_remove", "field", "agency_lost",
)  # fmt: skip


def utcnow() -> datetime:
    return datetime.now(UTC)


def _one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    """CHECK that ``column`` holds one of ``values`` (named ck_<table>_<column> by the convention)."""
    return CheckConstraint(f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")", name=column)


class UTCDateTime(TypeDecorator[datetime]):
    """``DateTime(timezone=True)`` that always hands back timezone-aware UTC datetimes.

    PostgreSQL stores ``timestamptz``; SQLite has no time zones, so the value is stored as
    UTC and marked UTC again when read.  Naive datetimes are refused rather than guessed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: pass a timezone-aware (UTC) datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[str]: JSON()}


class IngestBatch(Base):
    """One run of the ingester (a directory, an upload, a ZIP …)."""

    __tablename__ = "ingest_batches"
    __table_args__ = (
        _one_of("status", BATCH_STATUSES),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    source: Mapped[str] = mapped_column(Text, default="")
    n_stored: Mapped[int] = mapped_column(Integer, default=0)
    n_duplicate: Mapped[int] = mapped_column(Integer, default=0)
    n_rejected: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="running")

    documents: Mapped[list[Document]] = relationship(back_populates="batch", passive_deletes=True)
    rejections: Mapped[list[Rejection]] = relationship(back_populates="batch", passive_deletes=True)

    def __repr__(self) -> str:
        return f"<IngestBatch {self.id} {self.status} stored={self.n_stored}>"


class Document(Base):
    """One distinct original file (by content) and its extracted, cleaned text."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)  # hash of the ORIGINAL bytes
    original_name: Mapped[str] = mapped_column(Text)  # display name, e.g. "a.zip/判决1.docx"
    fmt: Mapped[str] = mapped_column(String(16))  # docx | pdf | txt | html …
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    encoding: Mapped[str | None] = mapped_column(String(32))  # for text formats
    text: Mapped[str] = mapped_column(Text)  # cleaned text; Judgment spans point into it
    parser_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("ingest_batches.id", ondelete="SET NULL"), index=True
    )

    batch: Mapped[IngestBatch | None] = relationship(back_populates="documents")
    judgment: Mapped[Judgment | None] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Document {self.id} {self.sha256[:12]} {self.original_name!r}>"


class Judgment(Base):
    """The parsed facts of one Document (exactly one per Document)."""

    __tablename__ = "judgments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    case_number: Mapped[str | None] = mapped_column(String(128), index=True)  # normalized
    case_year: Mapped[int | None]
    court_code: Mapped[str | None] = mapped_column(String(64))
    case_type_code: Mapped[str | None] = mapped_column(String(32))
    court: Mapped[str | None] = mapped_column(Text, index=True)
    doc_type: Mapped[str | None] = mapped_column(String(32))
    procedure: Mapped[str | None] = mapped_column(String(32), index=True)
    outcome: Mapped[str | None] = mapped_column(String(32), index=True)
    agency_lost: Mapped[bool | None] = mapped_column(Boolean)
    head_appeared: Mapped[bool | None] = mapped_column(Boolean)
    judgment_date: Mapped[date | None] = mapped_column(Date)
    year: Mapped[int | None] = mapped_column(index=True)  # judgment year, else case year
    title: Mapped[str | None] = mapped_column(Text)
    judges: Mapped[list[str]] = mapped_column(default=list)
    clerk: Mapped[str | None] = mapped_column(Text)
    parsed: Mapped[dict[str, Any]] = mapped_column(default=dict)  # docgen.model.Judgment.to_dict()
    # Filled in by the classifier (docgen.nlp); NULL until then.
    category: Mapped[str | None] = mapped_column(String(64), index=True)
    field: Mapped[str | None] = mapped_column(String(64))
    category_confidence: Mapped[float | None] = mapped_column(Float)
    category_source: Mapped[str | None] = mapped_column(String(16))  # rule | model | correction
    category_reason: Mapped[str | None] = mapped_column(Text)
    field_confidence: Mapped[float | None] = mapped_column(Float)
    # NOTE: category, field, outcome, agency_lost and head_appeared hold the EFFECTIVE values:
    # the prediction, overridden by the newest reviewer correction (docgen.corrections.apply).
    # The untouched prediction stays in ``parsed`` and the history in ``corrections``.

    document: Mapped[Document] = relationship(back_populates="judgment")
    parties: Mapped[list[Party]] = relationship(
        back_populates="judgment",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Party.ordinal",
    )
    findings: Mapped[list[Finding]] = relationship(
        back_populates="judgment",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Finding.id",
    )
    corrections: Mapped[list[Correction]] = relationship(
        back_populates="judgment",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Correction.id",
    )

    def __repr__(self) -> str:
        return f"<Judgment {self.id} {self.case_number} {self.outcome}>"


class Party(Base):
    """One party of a judgment, in the order the document lists them (``ordinal``)."""

    __tablename__ = "parties"
    __table_args__ = (UniqueConstraint("judgment_id", "ordinal"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    judgment_id: Mapped[int] = mapped_column(ForeignKey("judgments.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(32))  # 原告 | 被告 | 第三人 | 申请执行人 | 被执行人
    role_raw: Mapped[str] = mapped_column(Text)  # 上诉人（原审原告） …
    name: Mapped[str] = mapped_column(Text, index=True)
    side: Mapped[str] = mapped_column(String(16))  # plaintiff | defendant | third
    is_agency: Mapped[bool] = mapped_column(Boolean)
    is_person: Mapped[bool] = mapped_column(Boolean)
    head_name: Mapped[str | None] = mapped_column(Text)  # 法定代表人/负责人
    head_title: Mapped[str | None] = mapped_column(Text)  # 局长 …
    head_appeared: Mapped[bool | None] = mapped_column(Boolean)  # this agency's head in court
    # Normalised agency name for grouping (docgen.stats.normalize_agency); NULL for non-agencies.
    agency_name: Mapped[str | None] = mapped_column(Text, index=True)

    judgment: Mapped[Judgment] = relationship(back_populates="parties")

    def __repr__(self) -> str:
        return f"<Party {self.ordinal} {self.role} {self.name!r}>"


class Finding(Base):
    """A defect the court found (``docgen.model.Finding``), with the sentence that proves it.

    Rows with ``source != 'correction'`` are the analysis' predictions and are never edited
    by reviewers except for ``active``: a ``defect_remove`` correction sets it to false (the
    prediction is kept for training), a ``defect_add`` correction adds a row with
    ``source = 'correction'``.  Statistics count active rows only.
    """

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    judgment_id: Mapped[int] = mapped_column(ForeignKey("judgments.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32), index=True)  # EVIDENCE, PROCEDURE … (LABELS.md)
    sentence: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    section: Mapped[str | None] = mapped_column(String(16))  # 本院认为 | 主文
    confidence: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(16))  # pattern | statute | model | correction
    reason: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # false: removed by a reviewer

    judgment: Mapped[Judgment] = relationship(back_populates="findings")

    def __repr__(self) -> str:
        return f"<Finding {self.id} {self.code} {self.source}{'' if self.active else ' removed'}>"


class Correction(Base):
    """A reviewer's correction (append-only history; the newest per key wins).

    The key is (judgment, kind) and, for ``defect_add``/``defect_remove``, the defect
    ``code`` too (both kinds share one key per code: the newer of add/remove wins).
    ``value`` is the new value as JSON (for defects ``{"code", "sentence"?, "span"?}``),
    ``previous`` the effective value just before.
    """

    __tablename__ = "corrections"
    __table_args__ = (
        _one_of("kind", CORRECTION_KINDS),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    judgment_id: Mapped[int] = mapped_column(ForeignKey("judgments.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str | None] = mapped_column(String(32))  # defect code for defect_add/defect_remove
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    previous: Mapped[Any] = mapped_column(JSON, nullable=True)
    reviewer: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    judgment: Mapped[Judgment] = relationship(back_populates="corrections")

    def __repr__(self) -> str:
        return f"<Correction {self.id} j={self.judgment_id} {self.kind} {self.code or ''}={self.value!r}>"


class Rejection(Base):
    """An input file that was not stored, with the reason shown to users."""

    __tablename__ = "rejections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    original_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    code: Mapped[str] = mapped_column(String(32), index=True)  # key of docgen.errors.REJECTION_REASONS
    message: Mapped[str] = mapped_column(Text)  # Chinese, as shown to the user
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("ingest_batches.id", ondelete="SET NULL"), index=True
    )

    batch: Mapped[IngestBatch | None] = relationship(back_populates="rejections")

    def __repr__(self) -> str:
        return f"<Rejection {self.id} {self.code} {self.original_name!r}>"


DRAFT_KINDS = ("suggestion", "risk_alert", "whitepaper")


class DocumentNumber(Base):
    """Persistent counter of issued document numbers, e.g. 东中法建〔2024〕3号: one row per
    (prefix, year); a number, once issued, is never issued again."""

    __tablename__ = "document_numbers"
    __table_args__ = (UniqueConstraint("prefix", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prefix: Mapped[str] = mapped_column(String(32))  # 地名简称 + 法建, e.g. 东中法建
    year: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Draft(Base):
    """A generated document (司法建议书, 风险提示函, 白皮书) and its versions."""

    __tablename__ = "drafts"
    __table_args__ = (
        _one_of("kind", DRAFT_KINDS),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    title: Mapped[str] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(String(64))  # 东中法建〔2024〕3号 (司法建议书 only)
    court: Mapped[str | None] = mapped_column(Text)
    agency: Mapped[str | None] = mapped_column(Text, index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    params: Mapped[Any] = mapped_column(JSON, nullable=True)  # what it was generated from
    created_by: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    versions: Mapped[list[DraftVersion]] = relationship(
        back_populates="draft", cascade="all, delete-orphan", passive_deletes=True,
        order_by="DraftVersion.version")


class DraftVersion(Base):
    """One version of a draft: the generated DOCX (version 1) or a reviewer's edited upload."""

    __tablename__ = "draft_versions"
    __table_args__ = (UniqueConstraint("draft_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))  # the DOCX in the blob store
    filename: Mapped[str] = mapped_column(Text)  # display name for downloads
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text, default="")  # plain text, for readable diffs
    source: Mapped[str] = mapped_column(String(16), default="generated")  # generated | uploaded
    note: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    draft: Mapped[Draft] = relationship(back_populates="versions")


# -- the web front end (webapp/): users, audit log, background jobs, settings (migration 0004) ----

USER_ROLES = ("clerk", "reviewer", "admin")  # 录入员 | 审核人 | 管理员
JOB_KINDS = ("ingest", "generate")
JOB_STATUSES = ("queued", "running", "done", "failed")


class User(Base):
    """A person who logs in to the web front end.  Only a password hash is stored."""

    __tablename__ = "users"
    __table_args__ = (
        _one_of("role", USER_ROLES),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<User {self.id} {self.username!r} {self.role}>"


class AuditEntry(Base):
    """Who did what, when: uploads, corrections, generations, downloads, logins, user admin."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    username: Mapped[str | None] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str | None] = mapped_column(Text)  # e.g. "案件 12", "文书 3 第2版"
    detail: Mapped[Any] = mapped_column(JSON, nullable=True)
    remote_addr: Mapped[str | None] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"<AuditEntry {self.id} {self.username} {self.action} {self.target!r}>"


class Job(Base):
    """A background task started from the web (an upload to ingest, a document to generate).

    ``params`` says what to do (for uploads: the display names and blob hashes of the uploaded
    files, which are stored before the job is queued), ``results`` one entry per processed file
    (or the generated draft), ``done``/``total`` the progress shown live.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        _one_of("kind", JOB_KINDS),
        _one_of("status", JOB_STATUSES),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    params: Mapped[Any] = mapped_column(JSON, nullable=True)
    results: Mapped[Any] = mapped_column(JSON, nullable=True)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)  # Chinese, shown to the user
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("ingest_batches.id", ondelete="SET NULL"), index=True
    )
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id", ondelete="SET NULL"), index=True)
    created_by: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.kind} {self.status} {self.done}/{self.total}>"


class AppSetting(Base):
    """A setting an administrator changes in the web front end (key → JSON value)."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    updated_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


# Indexes for the web case list (sorted, filtered paging over 50,000 judgments; migration 0004).
Index("ix_judgments_judgment_date_id", Judgment.judgment_date, Judgment.id)
Index("ix_judgments_year_judgment_date_id", Judgment.year, Judgment.judgment_date, Judgment.id)
Index("ix_findings_code_active_judgment_id", Finding.code, Finding.active, Finding.judgment_id)
