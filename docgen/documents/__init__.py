"""Documents out: 司法建议书, 行政诉讼风险提示函 and 行政审判白皮书 chapters as editable DOCX.

The library API the CLI (:mod:`docgen.cli_documents`), the web app and the batch runner call::

    from docgen.documents import generate_suggestion, generate_risk_alert, generate_whitepaper, ...

Every ``generate_*`` writes the DOCX into ``out_dir`` under a stable name, stores it in the blob
store, records a :class:`~docgen.db.models.Draft` with version 1 (source ``generated``, text =
the DOCX's plain text) in ``session`` — the caller commits — and returns a
:class:`GeneratedDraft`.

How a document is made: figures from :mod:`docgen.stats` (never recomputed here); the case
lists behind them from :mod:`docgen.documents.evidence`; text from the jinja2 templates in
``docgen/templates/`` (StrictUndefined); suggestions and risk thresholds from
``docgen/data/suggestions.yaml`` / ``risk.yaml``; the issuing court from ``court.yaml``;
layout and named styles (GB/T 9704-2012) from :mod:`docgen.documents.gbt9704`; every factual
claim gets a Word comment with its 案号 and the court's sentence; every string passes the
:mod:`~docgen.documents.anonymize` filter (no natural person's name).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from docgen.blobs import BlobStore
from docgen.db.models import DraftVersion
from docgen.documents.common import GeneratedDraft, RiskTarget, Target
from docgen.documents.config import DocumentError
from docgen.documents.whitepaper import CHAPTERS  # {1: "一、基本情况", …}

__all__ = [
    "CHAPTERS",
    "DocumentError",
    "GeneratedDraft",
    "RiskTarget",
    "Target",
    "add_version",
    "generate_risk_alert",
    "generate_suggestion",
    "generate_whitepaper",
    "risk_targets",
    "suggestion_targets",
    "version_diff",
]


def suggestion_targets(session: Session, *, year: int, court: str | None = None,
                       min_count: int = 3) -> list[Target]:
    """Agencies with a defect the court found in at least ``min_count`` of their cases of ``year``."""
    from docgen.documents.suggestion import suggestion_targets as impl

    return impl(session, year=year, court=court, min_count=min_count)


def risk_targets(session: Session, *, year: int, court: str | None = None,
                 thresholds: dict | None = None) -> list[RiskTarget]:
    """Agencies whose figures of ``year`` cross the thresholds of risk.yaml (``thresholds``
    overrides them: ``{"loss_rate": 0.5}`` or ``{"loss_rate": {"threshold": 0.5, "min_decided": 3}}``)."""
    from docgen.documents.risk_alert import risk_targets as impl

    return impl(session, year=year, court=court, thresholds=thresholds)


def generate_suggestion(session: Session, blobs: BlobStore, out_dir: Path, *, agency: str, year: int,
                        court: str | None = None, min_count: int = 2,
                        created_by: str | None = None) -> GeneratedDraft:
    """司法建议书 to ``agency`` (one problem and one suggestion per defect found ≥ ``min_count`` times)."""
    from docgen.documents.suggestion import generate_suggestion as impl

    return impl(session, blobs, out_dir, agency=agency, year=year, court=court, min_count=min_count,
                created_by=created_by)


def generate_risk_alert(session: Session, blobs: BlobStore, out_dir: Path, *, agency: str, year: int,
                        court: str | None = None, created_by: str | None = None) -> GeneratedDraft:
    """行政诉讼风险提示函 to ``agency``: its risk points of ``year`` (thresholds: risk.yaml)."""
    from docgen.documents.risk_alert import generate_risk_alert as impl

    return impl(session, blobs, out_dir, agency=agency, year=year, court=court, created_by=created_by)


def generate_whitepaper(session: Session, blobs: BlobStore, out_dir: Path, *, year: int,
                        chapters: Sequence[int] | None = None, court: str | None = None,
                        compare_to: int | None | str = "auto", created_by: str | None = None) -> GeneratedDraft:
    """行政审判白皮书 of ``year``: chapters 1–5 (all by default), year-on-year per ``compare_to``."""
    from docgen.documents.whitepaper import generate_whitepaper as impl

    return impl(session, blobs, out_dir, year=year, chapters=chapters, court=court, compare_to=compare_to,
                created_by=created_by)


def add_version(session: Session, blobs: BlobStore, draft_id: int, data: bytes, filename: str, *,
                created_by: str, note: str | None = None) -> DraftVersion:
    """A reviewer's edited DOCX uploaded back (validated as DOCX; next version number)."""
    from docgen.documents.drafts import add_version as impl

    return impl(session, blobs, draft_id, data, filename, created_by=created_by, note=note)


def version_diff(session: Session, draft_id: int, a: int, b: int) -> list[str]:
    """Readable unified text diff between versions ``a`` and ``b`` of a draft."""
    from docgen.documents.drafts import version_diff as impl

    return impl(session, draft_id, a, b)
