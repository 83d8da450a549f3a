"""Year-end batch: every input document → database → statistics → every draft → an index.

``docgen batch INPUT... --year 2024 --out DIR`` (:mod:`docgen.cli_batch`) calls :func:`run_batch`.

Stages
    1. 入库 ingest — the input is streamed (folders, ZIPs; never all documents in memory).  The
       per-document work (extract text, parse, analyse: a pure function of the bytes) runs in
       worker processes (:mod:`docgen.batch_engines`: spawned processes or dask.distributed) while
       this process writes the database **in input order**, one transaction per document, with
       the semantics of :meth:`Ingestor.ingest_item` (dedupe by SHA-256, rejections recorded
       with Chinese reasons).  At most ``2 × workers × chunk`` documents are in flight.
    2. 统计 statistics — :func:`docgen.stats.build_report` → ``statistics.json``/``statistics.txt``.
    3. 文书 drafts — every 司法建议书 (agencies meeting the criteria), every 风险提示函 and the
       white paper, via :mod:`docgen.documents`.
    4. 索引 index — ``index.csv`` and ``index.xlsx``: one row per draft with its evidence counts.

Resuming (Ctrl-C, kill -9, power loss): ``DIR/batch-state.json`` names the ingest batch and
the drafts written.  A rerun reopens the same ingest batch and skips every input already
recorded in it (stored, duplicate or rejected: checked by name and content hash before any
parsing); documents stored by earlier runs elsewhere are duplicates, as in ``docgen ingest``.
A draft is kept when its inputs (the corpus fingerprint and the options) are unchanged, its
file is intact and its database row exists; otherwise it is generated again.  The state is
saved after a draft's file is in place but *before* its transaction commits, so a crash
never leaves an issued 司法建议书 number without a record: either the transaction committed
(the record is reused, the number is never issued again) or it rolled back (the counter rolled
back with it and the same number is issued again to the same draft).  Every output file is
written to a temporary name and renamed into place (``os.replace``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import os
import sys
import time
import types
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from docgen import __version__
from docgen.batch_engines import Engine, make_engine
from docgen.blobs import BlobStore
from docgen.config import Settings
from docgen.db import repo, session_scope
from docgen.db.models import Correction, Document, Draft, IngestBatch, Rejection
from docgen.errors import REJECTION_REASONS, DocgenError
from docgen.fsutil import atomic_write
from docgen.ingest.archive import SourceItem
from docgen.ingest.service import (
    DUPLICATE,
    REJECTED,
    STORED,
    FileResult,
    Ingestor,
    ParseOutcome,
    parse_document,
)
from docgen.ingest.sources import iter_paths

log = logging.getLogger(__name__)

__all__ = [
    "INDEX_FIELDS",
    "STATE_FILE",
    "BatchError",
    "BatchOptions",
    "BatchResult",
    "IndexRow",
    "run_batch",
]

STATE_FILE = "batch-state.json"
STATE_VERSION = 1
INDEX_FIELDS = ("agency", "kind", "title", "number", "path", "claims", "cases")
INDEX_HEADERS = ("行政机关", "文书种类", "标题", "文号", "文件", "论点数", "涉及案件数")
KIND_NAMES = {"suggestion": "司法建议书", "risk_alert": "风险提示函", "whitepaper": "白皮书"}
RESUMED = "已处理"  # recorded in this batch by an earlier (interrupted) run


class BatchError(DocgenError):
    """The batch cannot go on (message in Chinese)."""


@dataclass
class BatchOptions:
    inputs: list[Path]
    year: int
    out: Path
    court: str | None = None
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # dask scheduler address (else a LocalCluster)
    min_count: int = 3
    chunk: int | None = None  # documents per task (default: 8 local, 16 dask)
    drafts: bool = True
    progress: bool | None = None  # None: when stderr is a terminal and not in CI
    created_by: str | None = None


@dataclass
class IndexRow:
    agency: str
    kind: str
    title: str
    number: str
    path: str
    claims: int | None
    cases: int | None

    def values(self) -> list[Any]:
        return [getattr(self, f) for f in INDEX_FIELDS]


@dataclass
class BatchResult:
    out: Path
    batch_id: int
    seen: Counter = field(default_factory=Counter)  # this run: STORED / DUPLICATE / REJECTED / RESUMED
    stored: int = 0  # the whole ingest batch (all runs), from the database
    duplicates: int = 0
    rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    drafts: list[IndexRow] = field(default_factory=list)
    drafts_new: int = 0
    drafts_kept: int = 0
    drafts_skipped: str | None = None  # why no drafts were made
    drafts_failed: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, agency, why not)
    timings: dict[str, float] = field(default_factory=dict)

    def summary_lines(self) -> list[str]:
        lines = [f"入库（批次 {self.batch_id}）：已入库 {self.stored}，重复 {self.duplicates}，拒收 {self.rejected}"
                 + (f"（本次跳过此前已处理 {self.seen[RESUMED]} 件）" if self.seen[RESUMED] else "")]
        for reason, n in sorted(self.reasons.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  拒收原因 {reason}: {n}")
        if self.drafts_skipped:
            lines.append(f"文书：未生成（{self.drafts_skipped}）")
        else:
            by_kind = Counter(r.kind for r in self.drafts)
            parts = "，".join(f"{KIND_NAMES[k]} {by_kind.get(KIND_NAMES[k], 0)} 份" for k in KIND_NAMES)
            lines.append(f"文书：{parts}（新生成 {self.drafts_new}，沿用 {self.drafts_kept}）")
            for kind, agency, why in self.drafts_failed:
                lines.append(f"  未能生成 {kind}（{agency or '全院'}）：{why}")
        lines.append(f"输出目录：{self.out}（index.csv、index.xlsx、statistics.json、{STATE_FILE}）")
        return lines


# -- small helpers ---------------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sha_file(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _key(name: str, sha: str | None) -> bytes:
    """A compact key for "this input was handled": 16 bytes, however long the name."""
    return hashlib.blake2b(f"{name}\0{sha or ''}".encode(), digest_size=16).digest()


def _progress_enabled(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return sys.stderr.isatty() and not os.environ.get("CI")


def _bar(enabled: bool, desc: str, total: int | None = None, unit: str = "件"):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=not enabled, dynamic_ncols=True,
                leave=True)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


# -- the state file --------------------------------------------------------------------------------------


class State:
    """``DIR/batch-state.json``: what earlier runs into this folder finished."""

    def __init__(self, path: Path, data: dict[str, Any]):
        self.path, self.data = path, data

    @classmethod
    def load(cls, out: Path, database: str) -> State:
        path = out / STATE_FILE
        data: dict[str, Any] | None = None
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                log.warning("ignoring unreadable %s: %s", path, err)
            if data and (data.get("version") != STATE_VERSION or data.get("database") != database):
                log.warning("%s belongs to another database or version: starting afresh", path)
                data = None
        if not data:
            data = {"version": STATE_VERSION, "run_id": uuid.uuid4().hex, "database": database,
                    "created_at": _now(), "ingest": {}, "drafts": {}, "stages": {}}
        return cls(path, data)

    def save(self) -> None:
        self.data["updated_at"] = _now()
        atomic_write(self.path, json.dumps(self.data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")

    @property
    def drafts(self) -> dict[str, dict[str, Any]]:
        return self.data.setdefault("drafts", {})


# -- stage 1: ingest --------------------------------------------------------------------------------------


@dataclass
class _Entry:
    item: SourceItem
    kind: str  # reject | resumed | duplicate | parse
    sha: str | None = None
    fut: Any = None
    idx: int = 0
    solo: bool = False  # parsed alone after a worker died
    blob: Any = None  # the original being written to the blob store ahead of its turn


class OrderedIngest:
    """Parse in an :class:`Engine`, write in input order through an :class:`Ingestor`."""

    def __init__(self, ing: Ingestor, engine: Engine, batch_id: int, done: Counter,
                 on_result: Callable[[FileResult], None] | None = None):
        self.ing, self.engine, self.batch_id, self.done = ing, engine, batch_id, done
        self.on_result = on_result
        self.pending: deque[_Entry] = deque()
        self.unsubmitted: list[_Entry] = []
        self.in_flight_shas: Counter = Counter()
        self.lost_in_a_row = 0  # documents on which a worker died, one after the other
        self.max_pending = max(1, 2 * max(1, engine.workers) * engine.chunk)

    def run(self, items: Iterable[SourceItem]) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.io = ThreadPoolExecutor(max_workers=4, thread_name_prefix="docgen-blobs")
        try:
            for item in items:
                self.pending.append(self._classify(item))
                self._submit(force=False)
                self._drain(lambda: len(self.pending) > self.max_pending)
            self._submit(force=True)
            self._drain(lambda: True)
        finally:
            self.io.shutdown(wait=True, cancel_futures=True)

    def _prestore(self, fut: Any, group: list[_Entry]) -> None:
        """As a chunk comes back, start writing the originals it will store: blob writes are
        content-addressed and idempotent, so they may run early, several at a time, and their
        fsyncs overlap instead of queueing behind each document's transaction."""
        try:
            outcomes = fut.result()
        except BaseException:  # noqa: BLE001 - handled when the entry's turn comes
            return
        for e, o in zip(group, outcomes, strict=False):
            data = e.item.data
            if e.fut is fut and o.rejection_code is None and data is not None:
                try:
                    e.blob = self.io.submit(self.ing.blobs.put, data)
                except RuntimeError:  # shutting down
                    return

    # parent-side checks before any parsing
    def _classify(self, item: SourceItem) -> _Entry:
        if item.rejection is not None or item.data is None:
            key = _key(item.name, None)
            if self.done[key] > 0:
                self.done[key] -= 1
                if not self.done[key]:
                    del self.done[key]
                return _Entry(item, "resumed")
            return _Entry(item, "reject")
        sha = hashlib.sha256(item.data).hexdigest()
        key = _key(item.name, sha)
        if self.done[key] > 0:  # recorded in this batch by an earlier run
            self.done[key] -= 1
            if not self.done[key]:
                del self.done[key]
            item.data = None
            return _Entry(item, "resumed", sha)
        if self.in_flight_shas[sha]:  # same content as a document waiting to be written
            return _Entry(item, "duplicate", sha)
        with session_scope(self.ing.engine) as s:
            known = repo.find_document_by_hash(s, sha) is not None
        if known:
            return _Entry(item, "duplicate", sha)
        e = _Entry(item, "parse", sha)
        self.in_flight_shas[sha] += 1
        self.unsubmitted.append(e)
        return e

    def _submit(self, *, force: bool) -> None:
        size = self.engine.chunk
        while self.unsubmitted and (force or len(self.unsubmitted) >= size):
            group, self.unsubmitted = self.unsubmitted[:size], self.unsubmitted[size:]
            fut = self.engine.submit([(e.item.name, e.item.data) for e in group])  # type: ignore[misc]
            for i, e in enumerate(group):
                e.fut, e.idx = fut, i
            fut.add_done_callback(lambda f, group=group: self._prestore(f, group))

    def _drain(self, more: Callable[[], bool]) -> None:
        while self.pending:
            head = self.pending[0]
            if head.kind == "parse" and not (more() or (head.fut is not None and head.fut.done())):
                return
            self.pending.popleft()
            self._write(head)

    def _outcome(self, e: _Entry) -> ParseOutcome:
        while True:
            if e.fut is None:
                self._submit(force=True)
            try:
                outcome = e.fut.result()[e.idx]
                self.lost_in_a_row = 0
                return outcome
            except KeyboardInterrupt:
                raise
            except Exception as err:  # noqa: BLE001 - a worker died (killed, out of memory, crashed)
                if e.solo:  # it died again, alone: this document is the cause
                    log.error("worker died on %s: %r", e.item.name, err)
                    self.lost_in_a_row += 1
                    if self.lost_in_a_row >= 3:
                        raise BatchError(f"解析进程接连异常退出（{type(err).__name__}: {err}），批处理已停止；"
                                         "检查内存与环境后重新运行即可继续") from err
                    return ParseOutcome(error=type(err).__name__)
                log.warning("worker failed (%r): parsing %s alone, then the rest again", err, e.item.name)
                self.engine.recover()
                others = [p for p in self.pending if p.kind == "parse"]
                e.solo, e.fut, e.idx = True, self.engine.submit([(e.item.name, e.item.data)]), 0
                # the others wait until this one is through, then go again in fresh chunks
                self.unsubmitted = [p for p in others if p is not e]
                for p in self.unsubmitted:
                    p.fut = None

    def _write(self, e: _Entry) -> None:
        item = e.item
        if e.kind == "resumed":
            result = FileResult(item.name, RESUMED, "此前已处理", sha256=e.sha)
        elif e.kind == "reject":
            result = self.ing.reject_item(item, self.batch_id)
        elif e.kind == "duplicate":
            result = self.ing.find_duplicate(item, e.sha, self.batch_id)  # type: ignore[arg-type]
            if result is None:  # the earlier copy was rejected: this one gets the same treatment
                outcome = parse_document(item.data, item.name, self.ing.limits, self.ing.models_dir)  # type: ignore[arg-type]
                result = self.ing.store_outcome(item, e.sha, outcome, self.batch_id)  # type: ignore[arg-type]
        else:
            outcome = self._outcome(e)
            if e.blob is not None:
                try:
                    e.blob.result()
                except Exception:  # noqa: BLE001 - store_outcome writes it again and reports what fails
                    pass
            result = self.ing.store_outcome(item, e.sha, outcome, self.batch_id)  # type: ignore[arg-type]
            self.in_flight_shas[e.sha] -= 1
            if self.in_flight_shas[e.sha] <= 0:
                del self.in_flight_shas[e.sha]  # memory stays flat however many documents
            if e.solo and self.unsubmitted:  # the suspect is through: the others go again, in parallel
                self._submit(force=True)
        item.data = None  # free the bytes now
        if self.on_result:
            self.on_result(result)


def _handled_in_batch(ing: Ingestor, batch_id: int) -> Counter:
    """Inputs already recorded in ``batch_id`` (stored, duplicate or rejected), as keys."""
    done: Counter = Counter()
    with session_scope(ing.engine) as s:
        for name, sha in s.execute(select(Document.original_name, Document.sha256)
                                   .where(Document.batch_id == batch_id)):
            done[_key(name, sha)] += 1
        # duplicates and rejections; a file rejected before it was read has no hash (too large …)
        for name, sha in s.execute(select(Rejection.original_name, Rejection.sha256)
                                   .where(Rejection.batch_id == batch_id)):
            done[_key(name, sha)] += 1
    return done


def _open_batch(ing: Ingestor, state: State, inputs: list[Path]) -> int:
    """The ingest batch of this output folder: reopened when the state names it (and the
    database still has it, as this run's), else a new one."""
    prev = state.data.get("ingest", {})
    with session_scope(ing.engine) as s:
        if prev.get("batch_id") is not None:
            batch = s.get(IngestBatch, prev["batch_id"])
            if batch is not None and batch.source == prev.get("source"):
                batch.status, batch.finished_at = "running", None
                return batch.id
        source = f"docgen batch {state.data['run_id'][:8]}: " + " ".join(map(str, inputs))
        batch = repo.start_batch(s, source=source[:2000])
        batch_id, source = batch.id, batch.source
    state.data["ingest"] = {"batch_id": batch_id, "source": source, "started_at": _now()}
    state.save()
    return batch_id


def _batch_counts(ing: Ingestor, batch_id: int, status: str) -> tuple[IngestBatch, dict[str, int]]:
    with session_scope(ing.engine) as s:
        batch = repo.finish_batch(s, batch_id, status=status)
        reasons: dict[str, int] = {}
        for code, n in s.execute(select(Rejection.code, func.count(Rejection.id))
                                 .where(Rejection.batch_id == batch_id, Rejection.code != "duplicate")
                                 .group_by(Rejection.code)):
            reasons[REJECTION_REASONS.get(code, code)] = n
    return batch, reasons


# -- stage 3: drafts -------------------------------------------------------------------------------------


def corpus_fingerprint(session, options: BatchOptions) -> str:
    """What the drafts are made from: every stored document (content and parser version), the
    reviewers' corrections, the options and this program's version."""
    h = hashlib.sha256()
    h.update(json.dumps({"year": options.year, "court": options.court, "min_count": options.min_count,
                         "version": __version__}, sort_keys=True, ensure_ascii=False).encode())
    for sha, pv in session.execute(select(Document.sha256, Document.parser_version).order_by(Document.sha256)):
        h.update(f"{sha}:{pv}\n".encode())
    n, last = session.execute(select(func.count(Correction.id), func.max(Correction.id))).one()
    h.update(f"corrections:{n}:{last}".encode())
    return h.hexdigest()


def _count(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    try:
        return len(value)
    except TypeError:
        return None


def _ident(case: Any) -> Any:
    if isinstance(case, dict):
        for k in ("judgment_id", "case_number", "ref"):
            if case.get(k) is not None:
                return case[k]
        return json.dumps(case, sort_keys=True, ensure_ascii=False, default=str)
    for k in ("judgment_id", "case_number", "ref"):
        if getattr(case, k, None) is not None:
            return getattr(case, k)
    return case if isinstance(case, str | int) else repr(case)


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _cases_of(*objs: Any) -> int | None:
    """The number of distinct cases behind a target (a Target's cases, or every case of a
    RiskTarget's risks), whatever shape the object gives them in."""
    for obj in objs:
        if obj is None:
            continue
        cases = _get(obj, "cases")
        if cases is not None and not isinstance(cases, int):
            return len({_ident(c) for c in cases})
        for attr in ("cases", "count"):
            n = _get(obj, attr)
            if isinstance(n, int) and not isinstance(n, bool):
                return n
        risks = _get(obj, "risks")
        if risks:
            ids: set[Any] = set()
            total = 0
            for r in risks:
                cs = _get(r, "cases")
                if cs is not None and not isinstance(cs, int):
                    ids.update(_ident(c) for c in cs)
                else:
                    total += _count(cs) or _count(_get(r, "count")) or 0
            return len(ids) if ids else total
    return None


DOCUMENTS_API = ("suggestion_targets", "risk_targets", "generate_suggestion", "generate_risk_alert",
                 "generate_whitepaper")


def documents_api() -> Any:
    """:mod:`docgen.documents`, or ImportError naming what is missing."""
    import docgen.documents as documents

    missing = [n for n in DOCUMENTS_API if not hasattr(documents, n)]
    if missing:
        raise ImportError(f"docgen.documents 缺少 {', '.join(missing)}")
    return documents


class Drafter:
    """Generates (or keeps) each draft; see the module docstring for the crash guarantees."""

    def __init__(self, settings: Settings, engine, blobs: BlobStore, state: State, options: BatchOptions,
                 fingerprint: str):
        self.docs = documents_api()
        self.settings, self.engine, self.blobs, self.state = settings, engine, blobs, state
        self.options, self.fp = options, fingerprint
        self.out = options.out
        self.staging = options.out / ".staging"
        self.created_by = options.created_by or "docgen batch"
        self.new = self.kept = 0
        self.failed: list[tuple[str, str, str]] = []  # (kind, agency, why not)

    def _valid(self, rec: dict[str, Any]) -> bool:
        if rec.get("fingerprint") != self.fp:
            return False
        with session_scope(self.engine) as s:
            d = s.get(Draft, rec.get("draft_id"))
            if d is None or d.kind != rec.get("kind") or (d.number or "") != (rec.get("number") or ""):
                return False
        path = self.out / rec["path"]
        if _sha_file(path) == rec.get("sha256"):
            return True
        return self._restore(rec, path)

    def _restore(self, rec: dict[str, Any], path: Path) -> bool:
        """The file was lost or changed: write it again from the DOCX kept in the blob store."""
        from docgen.db.models import DraftVersion

        with session_scope(self.engine) as s:
            sha = s.scalar(select(DraftVersion.sha256).where(DraftVersion.draft_id == rec["draft_id"])
                           .order_by(DraftVersion.version).limit(1))
        if not sha or sha != rec.get("sha256"):
            return False
        try:
            atomic_write(path, self.blobs.get(sha))
        except OSError:
            return False
        return True

    def draft(self, key: str, kind: str, agency: str, cases: int | None,
              make: Callable[[Any, Path], Any]) -> IndexRow | None:
        rec = self.state.drafts.get(key)
        if rec is not None and self._valid(rec):
            self.kept += 1
            return _row(rec)
        self.staging.mkdir(parents=True, exist_ok=True)
        try:
            return self._generate(key, kind, agency, cases, make)
        except DocgenError as err:  # this draft cannot be made (the generator says why): the others can
            log.warning("%s %s: %s", kind, agency, err)
            self.failed.append((KIND_NAMES[kind], agency, str(err)))
            if self.state.drafts.pop(key, None) is not None:
                self.state.save()
            return None

    def _generate(self, key: str, kind: str, agency: str, cases: int | None,
                  make: Callable[[Any, Path], Any]) -> IndexRow:
        with session_scope(self.engine) as s:
            gen = make(s, self.staging)
            s.flush()
            src = Path(gen.path)
            final = self.out / KIND_NAMES[kind] / src.name
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, final)
            rec = {
                "kind": kind, "agency": agency, "title": gen.title, "number": gen.number or "",
                "path": final.relative_to(self.out).as_posix(), "claims": _count(getattr(gen, "claims", None)),
                "cases": cases, "draft_id": gen.draft_id, "sha256": _sha_file(final),
                "fingerprint": self.fp, "written_at": _now(),
            }
            self.state.drafts[key] = rec
            self.state.save()  # before the commit: see the module docstring
        self.new += 1
        return _row(rec)

    def run(self, bar_enabled: bool) -> list[IndexRow]:
        o, docs, by = self.options, self.docs, self.created_by
        made: list[IndexRow | None] = []
        # the generator includes each problem found at least this often (its default: 2)
        problem_min = min(2, o.min_count)
        with session_scope(self.engine) as s:
            suggestions = list(docs.suggestion_targets(s, year=o.year, court=o.court, min_count=o.min_count))
            risks = list(docs.risk_targets(s, year=o.year, court=o.court))
        # one target per (agency, defect); one 司法建议书 per agency, covering all its defects
        by_agency: dict[str, list[Any]] = {}
        for t in suggestions:
            by_agency.setdefault(t.agency, []).append(t)
        with _bar(bar_enabled, "司法建议书", len(by_agency), "份") as bar:
            for agency, ts in by_agency.items():
                t = ts[0]
                cases = _cases_of(types.SimpleNamespace(cases=[c for x in ts for c in (_get(x, "cases") or [])]))
                made.append(self.draft(
                    f"suggestion|{agency}", "suggestion", agency, cases or sum(_cases_of(x) or 0 for x in ts),
                    lambda s, d, t=t: docs.generate_suggestion(s, self.blobs, d, agency=t.agency, year=o.year,
                                                               court=o.court, min_count=problem_min,
                                                               created_by=by)))
                bar.update()
        with _bar(bar_enabled, "风险提示函", len(risks), "份") as bar:
            for t in risks:
                made.append(self.draft(
                    f"risk_alert|{t.agency}", "risk_alert", t.agency, _cases_of(t),
                    lambda s, d, t=t: docs.generate_risk_alert(s, self.blobs, d, agency=t.agency, year=o.year,
                                                               court=o.court, created_by=by)))
                bar.update()
        with _bar(bar_enabled, "白皮书", 1, "份") as bar:
            with session_scope(self.engine) as s:
                n_cases = s.scalar(select(func.count()).select_from(Document).join(Document.judgment)
                                   .where(*_year_court(o)))
            made.append(self.draft(
                "whitepaper", "whitepaper", "", n_cases,
                lambda s, d: docs.generate_whitepaper(s, self.blobs, d, year=o.year, court=o.court,
                                                      created_by=by)))
            bar.update()
        _clear_staging(self.staging)
        return [r for r in made if r is not None]


def _row(rec: dict[str, Any]) -> IndexRow:
    row = dict(rec, kind=KIND_NAMES.get(rec["kind"], rec["kind"]))
    return IndexRow(**{f: row.get(f) for f in INDEX_FIELDS})


def _year_court(o: BatchOptions) -> list[Any]:
    from docgen.db.models import Judgment

    conds = [Judgment.year == o.year]
    if o.court:
        conds.append(Judgment.court == o.court)
    return conds


def _clear_staging(staging: Path) -> None:
    if not staging.is_dir():
        return
    for p in sorted(staging.rglob("*"), reverse=True):
        try:
            p.rmdir() if p.is_dir() else p.unlink()
        except OSError:
            pass
    try:
        staging.rmdir()
    except OSError:
        pass


# -- stage 4: index --------------------------------------------------------------------------------------


def write_index(out: Path, rows: list[IndexRow]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(INDEX_FIELDS)
    for r in rows:
        w.writerow(["" if v is None else v for v in r.values()])
    atomic_write(out / "index.csv", "\ufeff" + buf.getvalue())  # BOM: Excel opens it as UTF-8

    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "文书索引"
    ws.append(list(INDEX_HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(r.values())
    for col, width in zip("ABCDEFG", (34, 12, 50, 22, 60, 10, 12), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    data = io.BytesIO()
    wb.save(data)
    atomic_write(out / "index.xlsx", data.getvalue())


# -- the whole run ---------------------------------------------------------------------------------------


class _Lock:
    """One batch per output folder at a time."""

    def __init__(self, out: Path):
        self.path = out / ".batch.lock"

    def __enter__(self) -> _Lock:
        import fcntl

        self.fh = open(self.path, "a+")  # noqa: SIM115 - held for the whole run
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            self.fh.close()
            raise BatchError(f"输出目录 {self.path.parent} 正被另一个批处理使用") from err
        return self

    def __exit__(self, *exc: Any) -> None:
        self.fh.close()


def estimate_inputs(inputs: list[Path]) -> int | None:
    """About how many documents ``inputs`` hold, for the progress bar: files in the folders
    (names only, nothing is read) and the entries of each ZIP's directory."""
    import zipfile

    from docgen.ingest.archive import is_junk

    def count_file(path: Path) -> int:
        if path.suffix.lower() != ".zip":
            return 1
        try:
            with zipfile.ZipFile(path) as zf:
                return sum(1 for i in zf.infolist() if not i.is_dir() and not is_junk(i.filename)) or 1
        except (OSError, zipfile.BadZipFile, ValueError):
            return 1

    total = 0
    try:
        for raw in inputs:
            path = Path(raw)
            if not path.is_dir():
                total += count_file(path)
                continue
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not is_junk(d)]
                total += sum(count_file(Path(folder, f)) for f in files if not is_junk(f))
    except OSError:
        return None
    return total


def _relaxed_sqlite_sync(engine: Any) -> None:
    """SQLite in WAL mode with ``synchronous=NORMAL`` for the batch's own connection: a commit no
    longer waits for the disk (the WAL is synced at checkpoints).  A killed process loses nothing;
    a power cut may lose the last commits — never half of one, and never a row without its
    original, which is synced before the row is written — and the rerun processes those again."""
    from sqlalchemy import event

    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _normal(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        try:
            cur.execute("PRAGMA synchronous = NORMAL")
        finally:
            cur.close()


def _items(inputs: list[Path], ing: Ingestor) -> Iterator[SourceItem]:
    return iter_paths(list(inputs), ing.limits)


def run_batch(settings: Settings, options: BatchOptions, *,
              on_result: Callable[[FileResult], None] | None = None,
              echo: Callable[[str], None] | None = None) -> BatchResult:
    """Run (or resume) the whole batch; see the module docstring."""
    from docgen.db import init_db
    from docgen.db import make_engine as make_db_engine

    say = echo or (lambda _m: None)
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    show = _progress_enabled(options.progress)
    timings: dict[str, float] = {}
    with _Lock(out):
        init_db(settings.database_url)
        db = make_db_engine(settings.database_url)
        _relaxed_sqlite_sync(db)
        blobs = BlobStore(settings.blob_dir)
        ing = Ingestor(db, blobs, settings.limits, settings.models_dir)
        state = State.load(out, _safe_url(settings.database_url))
        state.data["options"] = {"inputs": [str(p) for p in options.inputs], "year": options.year,
                                 "court": options.court, "min_count": options.min_count}
        try:
            # 1. ingest
            t0 = time.perf_counter()
            batch_id = _open_batch(ing, state, options.inputs)
            result = BatchResult(out=out, batch_id=batch_id)
            done = _handled_in_batch(ing, batch_id)
            if done:
                say(f"继续批次 {batch_id}：此前已处理 {sum(done.values())} 件，跳过")
            engine = make_engine(options.engine, options.workers, settings.limits, settings.models_dir,
                                 scheduler=options.scheduler, chunk=options.chunk)
            status = "failed"
            try:
                with _bar(show, "入库", estimate_inputs(options.inputs) if show else None) as bar:
                    def seen(r: FileResult) -> None:
                        result.seen[r.status] += 1
                        if bar.total is not None and bar.n >= bar.total:
                            bar.total = bar.n + 1  # more than estimated (nested ZIPs)
                        bar.update()
                        if on_result:
                            on_result(r)

                    OrderedIngest(ing, engine, batch_id, done, seen).run(_items(options.inputs, ing))
                status = "done"
            except BaseException:
                engine.close(cancel=True)
                raise
            else:
                engine.close()
            finally:
                batch, result.reasons = _batch_counts(ing, batch_id, status)
                result.stored, result.duplicates, result.rejected = batch.n_stored, batch.n_duplicate, batch.n_rejected
            state.data["stages"]["ingest"] = _now()
            state.save()
            timings["ingest"] = time.perf_counter() - t0

            # 2. statistics
            t0 = time.perf_counter()
            from docgen.stats import build_report, format_report

            with session_scope(db) as s:
                report = build_report(s, options.year, court=options.court)
                atomic_write(out / "statistics.json",
                             json.dumps(report.to_dict(), ensure_ascii=False, indent=1, default=str) + "\n")
                atomic_write(out / "statistics.txt", format_report(report) + "\n")
                fingerprint = corpus_fingerprint(s, options)
            timings["statistics"] = time.perf_counter() - t0

            # 3. drafts
            t0 = time.perf_counter()
            rows: list[IndexRow] = []
            if not options.drafts:
                result.drafts_skipped = "按要求不生成文书"
            else:
                try:
                    drafter = Drafter(settings, db, blobs, state, options, fingerprint)
                except ImportError as err:
                    result.drafts_skipped = f"文书生成模块不可用：{err}"
                else:
                    rows = drafter.run(show)
                    result.drafts_new, result.drafts_kept = drafter.new, drafter.kept
                    result.drafts_failed = drafter.failed
            result.drafts = rows
            timings["drafts"] = time.perf_counter() - t0

            # 4. index
            write_index(out, rows)
            result.timings = timings
            state.data["stages"]["drafts"] = _now()
            state.data["summary"] = {
                "batch_id": batch_id, "stored": result.stored, "duplicates": result.duplicates,
                "rejected": result.rejected, "reasons": result.reasons, "drafts": len(rows),
                "drafts_skipped": result.drafts_skipped, "drafts_failed": result.drafts_failed,
            }
            state.save()
            return result
        finally:
            db.dispose()


def index_rows(path: Path) -> list[dict[str, str]]:
    """Read an ``index.csv`` back (tests, tools)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def result_dict(result: BatchResult) -> dict[str, Any]:
    d = asdict(result)
    d["out"] = str(result.out)
    d["seen"] = dict(result.seen)
    return d


STATUSES = (STORED, DUPLICATE, REJECTED, RESUMED)
