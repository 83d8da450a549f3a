"""Background jobs: uploads to ingest and documents to generate.

Design
------
* A :class:`~docgen.db.models.Job` row is the whole state of a job: what to do (``params``),
  progress (``done``/``total``), per-file ``results``, ``status`` queued → running → done|failed,
  and who started it.  Pages read only the row, so the job page survives a reload, a second
  browser tab or another user looking at it.
* An upload's bytes go into the content-addressed blob store *before* the job row is committed;
  the job only holds display names and hashes.  Upload names are never used as paths.
* A small :class:`~concurrent.futures.ThreadPoolExecutor` per app (1–2 workers: parsing is CPU
  bound and SQLite has one writer) runs the jobs; each file is ingested by
  :meth:`docgen.ingest.service.Ingestor.ingest_item` in its own transaction, so every file ends
  as 已入库, 重复 or 拒收 exactly as on the command line.
* After a crash or restart, queued and running uploads are queued again and go on after the
  last file recorded (ZIP expansion is deterministic); the files already stored come back as
  重复 at worst, never lost.  An interrupted generation is marked failed with a message.
* Tests set ``JOBS_SYNC`` and the job runs inside the request that started it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select

from docgen.config import Limits
from docgen.db import repo, session_scope
from docgen.db.models import Job, Judgment, utcnow
from docgen.errors import DocgenError, Rejected
from docgen.ingest.archive import SourceItem, expand
from docgen.ingest.service import DUPLICATE, REJECTED, STORED, FileResult, Ingestor
from webapp.audit import record
from webapp.db import State, state

__all__ = ["DOC_KINDS", "JobRunner", "documents_api", "init_app", "runner", "start_generate", "start_ingest"]

log = logging.getLogger(__name__)

FLUSH_SECONDS = 0.5  # how often a running upload writes its progress
MISSING_DOCUMENTS = "文书生成模块未安装（docgen.documents），暂不能生成文书。请联系系统管理员升级 docgen。"
DOC_KINDS = {"suggestion": "司法建议书", "risk_alert": "风险提示函", "whitepaper": "行政审判白皮书"}
STATUS_NAMES = {"queued": "排队中", "running": "处理中", "done": "已完成", "failed": "失败"}
_API = ("suggestion_targets", "risk_targets", "generate_suggestion", "generate_risk_alert",
        "generate_whitepaper", "add_version", "version_diff")  # fmt: skip


def documents_api() -> Any | None:
    """``docgen.documents`` when it is installed with the functions the pages use, else None."""
    try:
        import docgen.documents as docs
    except ImportError:
        return None
    return docs if all(hasattr(docs, name) for name in _API) else None


class JobRunner:
    def __init__(self, app: Flask):
        self.app = app
        self.sync = bool(app.config.get("JOBS_SYNC"))
        workers = max(1, min(2, int(app.config.get("JOB_WORKERS") or 1)))
        self.executor = None if self.sync else ThreadPoolExecutor(workers, thread_name_prefix="docgen-job")

    def submit(self, job_id: int) -> None:
        if self.executor is None:
            self.run(job_id)
        else:
            self.executor.submit(self._in_context, job_id)

    def _in_context(self, job_id: int) -> None:
        with self.app.app_context():
            self.run(job_id)

    def run(self, job_id: int) -> None:
        st = state(self.app)
        try:
            with session_scope(st.engine) as s:
                kind = s.get(Job, job_id).kind
            if kind == "ingest":
                _run_ingest(st, job_id)
            else:
                _run_generate(st, self.app, job_id)
        except Exception:  # never let a job die silently: the row says it failed
            log.exception("job %s failed", job_id)
            _fail(st, job_id, "处理时发生内部错误（已记入服务器日志），请联系系统管理员。")

    def resume(self) -> int:
        """Queue again the jobs a restart interrupted; returns how many."""
        st = state(self.app)
        with session_scope(st.engine) as s:
            jobs = list(s.scalars(select(Job).where(Job.status.in_(("queued", "running"))).order_by(Job.id)))
            todo = []
            for job in jobs:
                if job.kind == "generate" and job.status == "running":
                    job.status, job.finished_at = "failed", utcnow()
                    job.error = "服务重启，生成中断，请重新生成。"
                else:
                    todo.append(job.id)
        for job_id in todo:
            self.submit(job_id)
        return len(todo)

    def shutdown(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)


_WARM_UP_TEXT = """东川市临江区人民法院
行政判决书
（2023）东0102行初1号
原告：某某公司。
被告：东川市临江区市场监督管理局。
　　本院认为，被告作出处罚决定前未告知原告陈述、申辩的权利，违反法定程序。判决如下：
　　撤销被告作出的行政处罚决定。
审判长　某某
二〇二三年六月十二日
"""


def _warm_up(models_dir: Any) -> None:
    """Load the analysis models once at start, so the first upload does not wait for them."""
    try:
        from docgen.nlp.parse import parse_text
        from docgen.pipeline import analyze

        analyze(parse_text(_WARM_UP_TEXT), models_dir)
    except Exception:  # only a speed-up; the real ingest reports any problem
        log.warning("warming up the analysis models failed", exc_info=True)


def init_app(app: Flask) -> None:
    app.extensions["docgen_jobs"] = r = JobRunner(app)
    if r.executor is not None:
        if app.config.get("JOBS_WARM_UP", True):
            r.executor.submit(_warm_up, state(app).models_dir)
        if app.config.get("JOBS_RESUME"):
            n = r.resume()
            if n:
                log.info("resumed %d interrupted jobs", n)


def runner(app: Flask | None = None) -> JobRunner:
    return (app or current_app).extensions["docgen_jobs"]


def _fail(st: State, job_id: int, message: str) -> None:
    with session_scope(st.engine) as s:
        job = s.get(Job, job_id)
        if job is None:
            return
        job.status, job.error, job.finished_at = "failed", message, utcnow()
        if job.batch_id is not None:
            try:
                repo.finish_batch(s, job.batch_id, status="failed")
            except LookupError:
                pass


# -- uploads -------------------------------------------------------------------------------------


def display_name(raw: str | None) -> str:
    """The name a browser sent, for display only: last path component, no control characters."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:200] or "未命名文件"


def start_ingest(files: list[tuple[str, bytes]], username: str) -> Job:
    """Store the uploaded files' bytes (blob store), then create and queue the job.
    Runs in a request; returns the committed Job."""
    from webapp import db

    blobs = db.blobs()
    entries = []
    for name, data in files:
        sha = blobs.put(data)  # first: a crash after this never loses the upload
        entries.append({"name": display_name(name), "sha256": sha, "size": len(data)})
    s = db.session()
    title = entries[0]["name"] + (f" 等 {len(entries)} 个文件" if len(entries) > 1 else "")
    job = Job(kind="ingest", status="queued", title=title, params={"files": entries}, results=[],
              done=0, total=len(entries), created_by=username)
    s.add(job)
    s.flush()
    record("upload", f"上传任务 {job.id}", {"files": [{"name": e["name"], "size": e["size"]} for e in entries]})
    s.commit()
    runner().submit(job.id)
    return job


def _items(name: str, data: bytes, limits: Limits) -> Iterator[SourceItem]:
    if len(data) > limits.max_file_bytes:
        yield SourceItem(name, None, Rejected("too_large", f"{len(data) / 1024 / 1024:.1f} MB"), len(data))
    else:
        yield from expand(name, data, limits)


def _result(r: FileResult, judgment_id: int | None) -> dict[str, Any]:
    return {"name": r.name, "status": r.status, "message": r.message, "code": r.code,
            "document_id": r.document_id, "judgment_id": judgment_id, "case_number": r.case_number}  # fmt: skip


def _save(st: State, job_id: int, results: list[dict[str, Any]]) -> None:
    with session_scope(st.engine) as s:
        job = s.get(Job, job_id)
        job.results = list(results)
        job.done = len(results)
        job.total = max(job.total, job.done)


def _run_ingest(st: State, job_id: int) -> None:
    ing = Ingestor(st.engine, st.blobs, st.limits, st.models_dir)
    with session_scope(st.engine) as s:
        job = s.get(Job, job_id)
        if job is None or job.status in ("done", "failed"):
            return
        files = list(job.params["files"])
        results: list[dict[str, Any]] = list(job.results or [])
        job.status = "running"
        job.started_at = job.started_at or utcnow()
        if job.batch_id is None:
            names = "、".join(f["name"] for f in files[:5]) + ("等" if len(files) > 5 else "")
            job.batch_id = repo.start_batch(s, source=f"网页上传（{job.created_by}）：{names}").id
        batch_id, username = job.batch_id, job.created_by

    def originals() -> Iterator[tuple[dict[str, Any], bytes | None]]:
        for f in files:
            try:
                yield f, st.blobs.get(f["sha256"])
            except OSError:
                log.exception("upload blob %s missing", f["sha256"])
                yield f, None

    # First pass: how many documents there are (ZIPs expanded), for an honest progress bar.
    total = 0
    for f, data in originals():
        total += 1 if data is None else sum(1 for _ in _items(f["name"], data, st.limits))
    with session_scope(st.engine) as s:
        s.get(Job, job_id).total = total

    skip, index, last = len(results), 0, time.monotonic()
    for f, data in originals():
        items: Iterator[SourceItem]
        if data is None:
            items = iter([SourceItem(f["name"], None, Rejected("unreadable", "上传的原件丢失"), f["size"])])
        else:
            items = _items(f["name"], data, st.limits)
        for item in items:
            index += 1
            if index <= skip:  # done before a restart
                continue
            r = ing.ingest_item(item, batch_id)
            jid = None
            if r.document_id is not None:
                with session_scope(st.engine) as s:
                    jid = s.scalar(select(Judgment.id).where(Judgment.document_id == r.document_id))
            results.append(_result(r, jid))
            if time.monotonic() - last >= FLUSH_SECONDS:
                _save(st, job_id, results)
                last = time.monotonic()
    counts = {k: sum(1 for r in results if r["status"] == k) for k in (STORED, DUPLICATE, REJECTED)}
    with session_scope(st.engine) as s:
        job = s.get(Job, job_id)
        job.results, job.done, job.total = list(results), len(results), len(results)
        repo.finish_batch(s, batch_id, status="done")
        job.status, job.finished_at = "done", utcnow()
        record("ingest_done", f"上传任务 {job_id}", counts, username=username, s=s)


# -- documents -----------------------------------------------------------------------------------


def start_generate(kind: str, params: dict[str, Any], username: str, title: str) -> Job:
    """Create and queue a generation job (in a request); returns the committed Job."""
    from webapp import db

    if kind not in DOC_KINDS:
        raise ValueError(kind)
    s = db.session()
    job = Job(kind="generate", status="queued", title=title, params={"doc_kind": kind, **params}, results=None,
              done=0, total=1, created_by=username)
    s.add(job)
    s.flush()
    record("generate", f"生成任务 {job.id}：{title}", {"kind": DOC_KINDS[kind], **params})
    s.commit()
    runner().submit(job.id)
    return job


def _run_generate(st: State, app: Flask, job_id: int) -> None:
    with session_scope(st.engine) as s:
        job = s.get(Job, job_id)
        if job is None or job.status in ("done", "failed"):
            return
        params, username = dict(job.params), job.created_by
        job.status, job.started_at = "running", utcnow()
    docs = documents_api()
    if docs is None:
        _fail(st, job_id, MISSING_DOCUMENTS)
        return
    kind = params.pop("doc_kind")
    out_dir = st.drafts_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        with session_scope(st.engine) as s:
            if kind == "suggestion":
                gd = docs.generate_suggestion(s, st.blobs, out_dir, agency=params["agency"], year=params["year"],
                                              court=params.get("court"), min_count=params.get("min_count", 2),
                                              created_by=username)
            elif kind == "risk_alert":
                gd = docs.generate_risk_alert(s, st.blobs, out_dir, agency=params["agency"], year=params["year"],
                                              court=params.get("court"), created_by=username)
            else:
                gd = docs.generate_whitepaper(s, st.blobs, out_dir, year=params["year"],
                                              chapters=params.get("chapters") or None, court=params.get("court"),
                                              compare_to=params.get("compare_to", "auto"), created_by=username)
    except (DocgenError, ValueError, LookupError) as err:  # the library's own, Chinese, message
        _fail(st, job_id, f"未能生成：{err}")
        with session_scope(st.engine) as s:
            record("generate_failed", f"生成任务 {job_id}", {"error": str(err)}, username=username, s=s)
        return
    result = {"draft_id": gd.draft_id, "version": gd.version, "kind": gd.kind, "title": gd.title,
              "number": gd.number, "sha256": gd.sha256}  # fmt: skip
    with session_scope(st.engine) as s:
        job = s.get(Job, job_id)
        job.results, job.draft_id, job.done = result, gd.draft_id, 1
        job.status, job.finished_at = "done", utcnow()
        record("generated", f"文书 {gd.draft_id}：{gd.title}", {"job": job_id, "number": gd.number},
               username=username, s=s)
