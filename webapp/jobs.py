"""任务: the live page of an upload or a generation, its JSON for polling, and my jobs."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, g, jsonify, render_template, request
from sqlalchemy import select

from docgen.db.models import Job
from docgen.ingest.service import DUPLICATE, REJECTED, STORED
from webapp import db
from webapp.worker import DOC_KINDS, STATUS_NAMES

bp = Blueprint("jobs", __name__, url_prefix="/jobs")


def _job(job_id: int) -> Job:
    job = db.session().get(Job, job_id)
    if job is None:
        abort(404)
    if job.created_by != g.user.username and not g.user.can("admin"):
        abort(403, description="只能查看自己发起的任务。")
    return job


def counts(job: Job) -> dict[str, int]:
    results = job.results if isinstance(job.results, list) else []
    return {k: sum(1 for r in results if r.get("status") == k) for k in (STORED, DUPLICATE, REJECTED)}


def as_json(job: Job, since: int = 0) -> dict[str, Any]:
    results = job.results if isinstance(job.results, list) else []
    return {
        "id": job.id, "kind": job.kind, "status": job.status, "status_name": STATUS_NAMES[job.status],
        "done": job.done, "total": job.total, "error": job.error, "counts": counts(job),
        "finished": job.status in ("done", "failed"), "since": since, "results": results[since:],
        "draft": job.results if job.kind == "generate" and isinstance(job.results, dict) else None,
        "draft_id": job.draft_id,
    }  # fmt: skip


@bp.route("/")
def index() -> Any:
    q = select(Job).order_by(Job.id.desc()).limit(100)
    if not g.user.can("admin"):
        q = q.where(Job.created_by == g.user.username)
    return render_template("jobs/index.html", jobs=list(db.session().scalars(q)), STATUS_NAMES=STATUS_NAMES)


@bp.route("/<int:job_id>")
def show(job_id: int) -> Any:
    job = _job(job_id)
    return render_template("jobs/show.html", job=job, counts=counts(job), STATUS_NAMES=STATUS_NAMES,
                           DOC_KINDS=DOC_KINDS)


@bp.route("/<int:job_id>.json")
def status(job_id: int) -> Any:
    since = request.args.get("since", default=0, type=int) or 0
    return jsonify(as_json(_job(job_id), max(0, since)))
