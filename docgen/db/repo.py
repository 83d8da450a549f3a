"""Small repository layer: the only place that turns parse results into rows.

Functions take a :class:`~sqlalchemy.orm.Session` and never commit; the caller decides the
transaction (``with session_scope(engine) as s: ...``), so a failure anywhere inside one
document's transaction leaves nothing behind.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from docgen import model as m
from docgen.db.models import (
    BATCH_STATUSES,
    Document,
    Finding,
    IngestBatch,
    Judgment,
    Party,
    Rejection,
    utcnow,
)
from docgen.errors import Rejected

__all__ = [
    "replace_parse",
    "counts",
    "finish_batch",
    "find_document_by_hash",
    "list_judgments",
    "record_rejection",
    "renormalize_agencies",
    "start_batch",
    "store_judgment",
    "update_analysis",
]

_SHA256 = re.compile(r"[0-9a-f]{64}")
HEAD_KINDS = ("法定代表人", "负责人")
APPEARED_KIND = "出庭负责人"


def _sha(value: str) -> str:
    v = value.strip().lower()
    if not _SHA256.fullmatch(v):
        raise ValueError(f"not a SHA-256 hex digest: {value!r}")
    return v


def _s(value: str | None) -> str | None:
    """PostgreSQL cannot store NUL in text; replace it by U+FFFD (same length: spans stay valid)."""
    return value.replace("\x00", "\ufffd") if value else value


# -- documents & judgments --------------------------------------------------------------------


def find_document_by_hash(session: Session, sha256: str) -> Document | None:
    return session.scalar(select(Document).where(Document.sha256 == _sha(sha256)))


def _head(party: m.Party) -> m.Person | None:
    """The agency's (or company's) head: its 法定代表人/负责人, else a person marked ``is_head``."""
    for p in party.people:
        if p.kind in HEAD_KINDS:
            return p
    for p in party.people:
        if p.is_head:
            return p
    return None


def _head_appeared(party: m.Party, j: m.Judgment, n_defendant_agencies: int) -> bool | None:
    """Did *this* agency's 负责人 appear in court?  ``None`` when the text does not say.

    A listed 出庭负责人 means yes.  Otherwise the judgment-level finding is used: "no head
    appeared" applies to every defendant agency; "a head appeared" only settles it when
    this is the only defendant agency.
    """
    if not party.is_agency:
        return None
    if any(p.kind == APPEARED_KIND for p in party.people):
        return True
    if party.side != "defendant":
        return None
    if j.head_appeared is False:
        return False
    if j.head_appeared is True and n_defendant_agencies == 1:
        return True
    return None


def _party_row(ordinal: int, party: m.Party, j: m.Judgment, n_defendant_agencies: int) -> Party:
    from docgen.stats import normalize_agency

    head = _head(party)
    return Party(
        ordinal=ordinal,
        role=party.role,
        role_raw=_s(party.role_raw),
        name=_s(party.name),
        side=party.side,
        is_agency=party.is_agency,
        is_person=party.is_person,
        head_name=_s(head.name) if head else None,
        head_title=_s(head.title) if head else None,
        head_appeared=_head_appeared(party, j, n_defendant_agencies),
        agency_name=_s(normalize_agency(party.name)) if party.is_agency else None,
    )


def _finding_row(f: m.Finding) -> Finding:
    return Finding(
        code=f.code,
        sentence=_s(f.sentence) or "",
        span_start=f.span.start if f.span else None,
        span_end=f.span.end if f.span else None,
        section=f.section,
        confidence=float(f.confidence),
        source=f.source,
        reason=_s(f.reason) or "",
        active=True,
    )


def _set_predictions(row: Judgment, j: m.Judgment) -> None:
    """Write the analysis' category/field predictions into the row (before corrections)."""
    cat, dom = j.category, j.domain
    row.category = _s(cat.label) if cat else None
    row.category_confidence = float(cat.confidence) if cat else None
    row.category_source = cat.source if cat else None
    row.category_reason = _s(cat.reason) if cat else None
    row.field = _s(dom.label) if dom else None
    row.field_confidence = float(dom.confidence) if dom else None


def _fill_judgment(row: Judgment, j: m.Judgment) -> None:
    """Every column, party and finding of a Judgment row from the parse result (no corrections)."""
    cn = j.case_number
    n_agencies = sum(1 for p in j.parties if p.side == "defendant" and p.is_agency)
    row.case_number = _s(cn.normalized) if cn else None
    row.case_year = cn.year if cn else None
    row.court_code = _s(cn.court_code) if cn else None
    row.case_type_code = _s(cn.type_code) if cn else None
    row.court = _s(j.court)
    row.doc_type = j.doc_type
    row.procedure = j.procedure
    row.outcome = j.outcome.label if j.outcome else None
    row.agency_lost = j.agency_lost
    row.head_appeared = j.head_appeared
    row.judgment_date = j.judgment_date
    row.year = j.year
    row.title = _s(j.title)
    row.judges = [_s(x) for x in j.judges]
    row.clerk = _s(j.clerk)
    row.parsed = j.to_dict()
    row.parties = [_party_row(i, p, j, n_agencies) for i, p in enumerate(j.parties)]
    row.findings = [_finding_row(f) for f in j.findings]
    _set_predictions(row, j)


def replace_parse(session: Session, document_id: int, judgment: m.Judgment, parser_version: str) -> Judgment:
    """Re-parse result for a stored document (after a parser upgrade): every parsed column,
    party and predicted finding is replaced, then reviewers' corrections are applied again,
    so corrected values still win.  Flushed, not committed."""
    from docgen.corrections import apply

    doc = session.get(Document, document_id)
    if doc is None or doc.judgment is None:
        raise LookupError(f"no judgment for document {document_id}")
    row = doc.judgment
    row.parties.clear()
    row.findings.clear()
    session.flush()
    _fill_judgment(row, judgment)
    doc.text = _s(judgment.text)
    doc.parser_version = parser_version
    session.flush()
    apply(session, row)
    return row


def store_judgment(
    session: Session,
    *,
    sha256: str,
    original_name: str,
    fmt: str,
    size_bytes: int,
    encoding: str | None,
    judgment: m.Judgment,
    parser_version: str,
    batch_id: int | None = None,
) -> Document:
    """Add a Document with its Judgment and Party rows (flushed, not committed).

    A second document with the same ``sha256`` violates the unique constraint
    (:class:`sqlalchemy.exc.IntegrityError` at flush); check
    :func:`find_document_by_hash` first to report duplicates politely.
    """
    j = judgment
    doc = Document(
        sha256=_sha(sha256),
        original_name=_s(original_name),
        fmt=fmt,
        size_bytes=size_bytes,
        encoding=encoding,
        text=_s(j.text),
        parser_version=parser_version,
        batch_id=batch_id,
    )
    session.add(doc)
    session.flush()  # the unique sha256 fails here, before any other work

    row = Judgment(document_id=doc.id)
    _fill_judgment(row, j)
    doc.judgment = row
    session.flush()
    return doc


def update_analysis(session: Session, judgment_id: int, judgment: m.Judgment) -> Judgment:
    """Replace the stored analysis (category, field, findings) of a judgment by ``judgment``'s.

    For re-running the classifier/defect finder (e.g. after ``docgen train``) on stored
    documents without losing reviewers' work: predicted findings are replaced, the
    prediction in ``parsed`` is updated, then every correction is applied again
    (:func:`docgen.corrections.apply`), so corrected values still win.  The parsed facts
    (parties, outcome …) are left alone.  Flushed, not committed.
    """
    from docgen.corrections import apply

    row = session.get(Judgment, judgment_id)
    if row is None:
        raise LookupError(f"no judgment {judgment_id}")
    for f in list(row.findings):
        row.findings.remove(f)
    session.flush()
    row.findings.extend(_finding_row(f) for f in judgment.findings)
    parsed = dict(row.parsed)
    fresh = judgment.to_dict()
    for key in ("category", "domain", "findings"):
        parsed[key] = fresh[key]
    row.parsed = parsed
    _set_predictions(row, judgment)
    session.flush()
    apply(session, row)
    return row


def renormalize_agencies(session: Session, batch_size: int = 2000) -> int:
    """Recompute ``parties.agency_name`` of every agency party (after changing
    :func:`docgen.stats.normalize_agency`); returns the number of rows changed."""
    from docgen.stats import normalize_agency

    changed = 0
    last = 0
    while True:
        rows = session.execute(
            select(Party.id, Party.name, Party.agency_name)
            .where(Party.is_agency.is_(True), Party.id > last)
            .order_by(Party.id)
            .limit(batch_size)
        ).all()
        if not rows:
            return changed
        for pid, name, current in rows:
            new = _s(normalize_agency(name))
            if new != current:
                session.execute(update(Party).where(Party.id == pid).values(agency_name=new))
                changed += 1
        last = rows[-1][0]


def list_judgments(
    session: Session,
    year: int | None = None,
    court: str | None = None,
    *,
    procedure: str | None = None,
    outcome: str | None = None,
    doc_type: str | None = None,
    category: str | None = None,
    field: str | None = None,
    agency_lost: bool | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Judgment]:
    """Judgments matching all given filters, oldest judgment date first (undated last).

    Parties are loaded; the Document is loaded without its (large) text.
    """
    q = select(Judgment).options(
        selectinload(Judgment.parties), joinedload(Judgment.document).defer(Document.text)
    )
    filters: dict[str, Any] = {
        "year": year,
        "court": court,
        "procedure": procedure,
        "outcome": outcome,
        "doc_type": doc_type,
        "category": category,
        "field": field,
        "agency_lost": agency_lost,
    }
    for name, value in filters.items():
        if value is not None:
            q = q.where(getattr(Judgment, name) == value)
    q = q.order_by(Judgment.judgment_date.is_(None), Judgment.judgment_date, Judgment.id)
    if offset:
        q = q.offset(offset)
    if limit is not None:
        q = q.limit(limit)
    return list(session.scalars(q))


# -- rejections & batches ---------------------------------------------------------------------


def record_rejection(
    session: Session,
    *,
    original_name: str,
    sha256: str | None,
    size_bytes: int | None,
    rejected: Rejected,
    batch_id: int | None = None,
) -> Rejection:
    """Record why a file was not stored (code + the Chinese message users see)."""
    row = Rejection(
        original_name=_s(original_name),
        sha256=_sha(sha256) if sha256 else None,
        size_bytes=size_bytes,
        code=rejected.code,
        message=_s(rejected.message),
        batch_id=batch_id,
    )
    session.add(row)
    session.flush()
    return row


def start_batch(session: Session, source: str) -> IngestBatch:
    """Open a batch (status ``running``); use ``batch.id`` as ``batch_id`` for its files."""
    batch = IngestBatch(source=_s(source) or "", status="running")
    session.add(batch)
    session.flush()
    return batch


def finish_batch(session: Session, batch_id: int, *, status: str = "done") -> IngestBatch:
    """Close a batch: set the status and ``finished_at``, and count its rows.

    The counts come from the database, so they are right even after a crash and retry:
    ``n_stored`` = Documents of the batch, ``n_duplicate`` = Rejections with code
    ``duplicate``, ``n_rejected`` = all other Rejections.
    """
    if status not in BATCH_STATUSES:
        raise ValueError(f"status must be one of {BATCH_STATUSES}, not {status!r}")
    batch = session.get(IngestBatch, batch_id)
    if batch is None:
        raise LookupError(f"no ingest batch {batch_id}")
    session.flush()
    batch.n_stored = session.scalar(select(func.count(Document.id)).where(Document.batch_id == batch_id)) or 0
    by_code = select(func.count(Rejection.id)).where(Rejection.batch_id == batch_id)
    batch.n_duplicate = session.scalar(by_code.where(Rejection.code == "duplicate")) or 0
    batch.n_rejected = session.scalar(by_code.where(Rejection.code != "duplicate")) or 0
    batch.status = status
    batch.finished_at = utcnow()
    session.flush()
    return batch


def counts(session: Session) -> dict[str, int]:
    """Row counts for a status page: documents, judgments, parties, rejections, batches."""
    tables = {
        "documents": Document,
        "judgments": Judgment,
        "parties": Party,
        "rejections": Rejection,
        "batches": IngestBatch,
    }
    return {name: session.scalar(select(func.count()).select_from(t)) or 0 for name, t in tables.items()}
