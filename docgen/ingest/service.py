"""Ingestion: files → stored judgments or recorded rejections.  Nothing is ever lost silently.

For every input file (ZIP members included) exactly one of these happens:
- 已入库 (stored): original kept in the blob store, Document + Judgment + Party rows written in
  one transaction;
- 重复 (duplicate): the same bytes were stored before; recorded, nothing duplicated;
- 拒收 (rejected): a Rejection row with a Chinese reason a clerk can act on.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from docgen.blobs import BlobStore
from docgen.config import Limits, Settings
from docgen.db import repo, session_scope
from docgen.errors import Rejected
from docgen.ingest.archive import SourceItem, expand
from docgen.ingest.readers import Extracted, extract_text
from docgen.ingest.sources import iter_paths
from docgen.model import Judgment
from docgen.nlp.parse import PARSER_VERSION, parse_text
from docgen.pipeline import analyze

log = logging.getLogger(__name__)

STORED, DUPLICATE, REJECTED = "已入库", "重复", "拒收"


@dataclass
class FileResult:
    name: str
    status: str  # STORED | DUPLICATE | REJECTED
    message: str = ""
    code: str | None = None
    sha256: str | None = None
    document_id: int | None = None
    case_number: str | None = None


@dataclass
class IngestReport:
    batch_id: int | None = None
    results: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def stored(self) -> int:
        return self.count(STORED)

    @property
    def duplicates(self) -> int:
        return self.count(DUPLICATE)

    @property
    def rejected(self) -> int:
        return self.count(REJECTED)


@dataclass
class ParseOutcome:
    """What the per-document stage made of one file: a Judgment (with the format and encoding it
    was read in), or why not.  Picklable, so the stage can run in another process or on a
    dask worker (:mod:`docgen.batch`) while the database writes stay in one place."""

    fmt: str | None = None
    encoding: str | None = None
    judgment: Judgment | None = None
    rejection_code: str | None = None  # a Rejected's code (the exception itself does not pickle)
    rejection_detail: str | None = None
    error: str | None = None  # a parser bug: the exception's type name

    @property
    def rejection(self) -> Rejected | None:
        return Rejected(self.rejection_code, self.rejection_detail) if self.rejection_code else None


def parse_document(data: bytes, name: str, limits: Limits, models_dir: Path | None = None) -> ParseOutcome:
    """Extract, parse and analyse one file: a pure function of its bytes (never raises for a bad
    document; a parser bug is logged and returned as ``error``)."""
    try:
        extracted = extract_text(data, name, limits)
        judgment = analyze(parse_text(extracted.text), models_dir)
    except Rejected as rej:
        return ParseOutcome(rejection_code=rej.code, rejection_detail=rej.detail)
    except Exception as err:  # noqa: BLE001 - reported as parse_failed, the original is kept
        log.exception("parse failed for %s", name)
        return ParseOutcome(error=type(err).__name__)
    return ParseOutcome(fmt=extracted.fmt, encoding=extracted.encoding, judgment=judgment)


def parse_documents(items: Sequence[tuple[str, bytes]], limits: Limits,
                    models_dir: Path | None = None) -> list[ParseOutcome]:
    """:func:`parse_document` over several files (a batch worker's chunk): the same outcomes, but
    the category and 管理领域 models score the chunk in one call each (see
    :func:`docgen.nlp.category.prime`), which is cheaper than one call per document."""
    out: list[ParseOutcome | None] = []
    parsed: list[tuple[int, str, Extracted, Judgment]] = []
    for i, (name, data) in enumerate(items):
        try:
            extracted = extract_text(data, name, limits)
            parsed.append((i, name, extracted, parse_text(extracted.text)))
            out.append(None)
        except Rejected as rej:
            out.append(ParseOutcome(rejection_code=rej.code, rejection_detail=rej.detail))
        except Exception as err:  # noqa: BLE001 - as in parse_document
            log.exception("parse failed for %s", name)
            out.append(ParseOutcome(error=type(err).__name__))
    if len(parsed) > 1:
        try:
            from docgen.nlp.category import prime

            prime([j for _, _, _, j in parsed], models_dir=models_dir)
        except Exception:  # noqa: BLE001 - an optimisation only: analyze() works without it
            log.warning("priming the category models failed", exc_info=True)
    for i, name, extracted, judgment in parsed:
        try:
            out[i] = ParseOutcome(fmt=extracted.fmt, encoding=extracted.encoding,
                                  judgment=analyze(judgment, models_dir))
        except Rejected as rej:
            out[i] = ParseOutcome(rejection_code=rej.code, rejection_detail=rej.detail)
        except Exception as err:  # noqa: BLE001 - as in parse_document
            log.exception("parse failed for %s", name)
            out[i] = ParseOutcome(error=type(err).__name__)
    return out  # type: ignore[return-value]


class Ingestor:
    """Ingest into one database and blob store.  Thin layers (CLI, web, batch) share it."""

    def __init__(self, engine: Engine, blobs: BlobStore, limits: Limits | None = None,
                 models_dir: Path | None = None):
        self.engine = engine
        self.blobs = blobs
        self.limits = limits or Limits()
        self.models_dir = models_dir

    @classmethod
    def from_settings(cls, settings: Settings) -> Ingestor:
        from docgen.db import init_db, make_engine

        init_db(settings.database_url)
        return cls(make_engine(settings.database_url), BlobStore(settings.blob_dir), settings.limits,
                   settings.models_dir)

    def _parse(self, data: bytes, name: str) -> tuple[Extracted, Judgment]:
        """Extract, parse and analyse one file (raises ``Rejected``)."""
        extracted = extract_text(data, name, self.limits)
        return extracted, analyze(parse_text(extracted.text), self.models_dir)

    # -- entry points ------------------------------------------------------------------------
    def ingest_paths(self, paths: Iterable[Path], *, source: str | None = None,
                     progress: Callable[[FileResult], None] | None = None) -> IngestReport:
        paths = list(paths)
        return self._run(iter_paths(paths, self.limits), source or " ".join(map(str, paths)), progress)

    def ingest_upload(self, name: str, data: bytes, *, source: str | None = None,
                      progress: Callable[[FileResult], None] | None = None) -> IngestReport:
        """One uploaded file (possibly a ZIP).  ``name`` is a display name, never a path."""
        if len(data) > self.limits.max_file_bytes:
            items: Iterator[SourceItem] = iter([SourceItem(name=name, data=None, size=len(data),
                                                           rejection=Rejected("too_large", _mb(len(data))))])
        else:
            items = expand(name, data, self.limits)
        return self._run(items, source or name, progress)

    # -- internals ---------------------------------------------------------------------------
    def _run(self, items: Iterator[SourceItem], source: str,
             progress: Callable[[FileResult], None] | None) -> IngestReport:
        with session_scope(self.engine) as s:
            batch_id = repo.start_batch(s, source=source).id
        report = IngestReport(batch_id=batch_id)
        status = "failed"
        try:
            for item in items:
                result = self.ingest_item(item, batch_id)
                report.results.append(result)
                if progress:
                    progress(result)
            status = "done"
        finally:
            with session_scope(self.engine) as s:
                repo.finish_batch(s, batch_id, status=status)
        return report

    def ingest_item(self, item: SourceItem, batch_id: int | None = None) -> FileResult:
        if item.rejection is not None or item.data is None:
            return self.reject_item(item, batch_id)
        sha = hashlib.sha256(item.data).hexdigest()
        duplicate = self.find_duplicate(item, sha, batch_id)
        if duplicate is not None:
            return duplicate
        outcome = parse_document(item.data, item.name, self.limits, self.models_dir)
        return self.store_outcome(item, sha, outcome, batch_id)

    # -- the steps of ingest_item, shared with docgen.batch (parse elsewhere, store here) --------
    def reject_item(self, item: SourceItem, batch_id: int | None = None) -> FileResult:
        """Record an item that came with a rejection (or without data)."""
        rej = item.rejection or Rejected("unreadable")
        return self._reject(item.name, None, item.size, rej, batch_id)

    def find_duplicate(self, item: SourceItem, sha: str, batch_id: int | None = None) -> FileResult | None:
        """When a document with this content is stored already: record the duplicate and say so."""
        with session_scope(self.engine) as s:
            existing = repo.find_document_by_hash(s, sha)
            if existing is not None:
                return self._duplicate(s, item, sha, existing.id, existing.original_name, batch_id)
        return None

    def store_outcome(self, item: SourceItem, sha: str, outcome: ParseOutcome,
                      batch_id: int | None = None) -> FileResult:
        """Write what :func:`parse_document` produced for ``item``: one transaction."""
        data = item.data
        assert data is not None
        if outcome.rejection is not None:
            return self._reject(item.name, sha, len(data), outcome.rejection, batch_id)
        if outcome.judgment is None:  # a parser bug must not lose the file: keep it and say so
            self.blobs.put(data)
            return self._reject(item.name, sha, len(data), Rejected("parse_failed", outcome.error), batch_id)
        judgment = outcome.judgment
        self.blobs.put(data)  # content-addressed and idempotent: safe before the transaction
        try:
            with session_scope(self.engine) as s:
                doc = repo.store_judgment(
                    s, sha256=sha, original_name=item.name, fmt=outcome.fmt or "", size_bytes=len(data),
                    encoding=outcome.encoding, judgment=judgment, parser_version=PARSER_VERSION,
                    batch_id=batch_id)
                doc_id = doc.id
        except IntegrityError:  # stored meanwhile by a concurrent ingest
            with session_scope(self.engine) as s:
                existing = repo.find_document_by_hash(s, sha)
                if existing is None:
                    raise
                return self._duplicate(s, item, sha, existing.id, existing.original_name, batch_id)
        except SQLAlchemyError as err:  # the transaction rolled back: nothing half-written; say so
            log.exception("storing %s failed", item.name)
            return self._reject(item.name, sha, len(data), Rejected("store_failed", type(err).__name__), batch_id)
        cn = judgment.case_number.normalized if judgment.case_number else None
        return FileResult(item.name, STORED, "已入库" + (f"（{cn}）" if cn else ""), sha256=sha,
                          document_id=doc_id, case_number=cn)

    def reparse(self, *, everything: bool = False,
                progress: Callable[[str, str], None] | None = None) -> dict[str, int]:
        """Parse stored originals again with the current parser (those parsed by an older
        version, or ``everything``).  One transaction per document; corrections survive."""
        from sqlalchemy import select

        from docgen.db.models import Document

        with session_scope(self.engine) as s:
            q = select(Document.id, Document.sha256, Document.original_name)
            if not everything:
                q = q.where(Document.parser_version != PARSER_VERSION)
            todo = s.execute(q.order_by(Document.id)).all()
        done = {"reparsed": 0, "failed": 0}
        for doc_id, sha, name in todo:
            try:
                data = self.blobs.get(sha)
                _extracted, judgment = self._parse(data, name)
                with session_scope(self.engine) as s:
                    repo.replace_parse(s, doc_id, judgment, PARSER_VERSION)
            except Exception as err:  # keep going; the stored facts stay as they were
                log.exception("reparse of %s failed", name)
                done["failed"] += 1
                if progress:
                    progress(name, f"重新解析失败：{err}")
                continue
            done["reparsed"] += 1
            if progress:
                progress(name, "已重新解析")
        return done

    def _duplicate(self, s, item: SourceItem, sha: str, doc_id: int, first_name: str,
                   batch_id: int | None) -> FileResult:
        rej = Rejected("duplicate", f"与已入库的“{first_name}”相同")
        repo.record_rejection(s, original_name=item.name, sha256=sha, size_bytes=item.size,
                              rejected=rej, batch_id=batch_id)
        return FileResult(item.name, DUPLICATE, rej.message, code="duplicate", sha256=sha, document_id=doc_id)

    def _reject(self, name: str, sha: str | None, size: int, rej: Rejected, batch_id: int | None) -> FileResult:
        with session_scope(self.engine) as s:
            repo.record_rejection(s, original_name=name, sha256=sha, size_bytes=size, rejected=rej,
                                  batch_id=batch_id)
        return FileResult(name, REJECTED, rej.message, code=rej.code, sha256=sha)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"
