"""文书: generate 司法建议书 / 风险提示函 / 白皮书 (background jobs), versions, diffs, downloads.

Everything document-specific is in :mod:`docgen.documents`; when that package is not installed
the pages say so (文书生成模块未安装) and the stored drafts can still be listed and downloaded.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, send_file, url_for
from sqlalchemy import func, select

from docgen.db.models import Draft, DraftVersion, Judgment
from webapp import caselist, db
from webapp.audit import record
from webapp.auth import permission_required
from webapp.worker import DOC_KINDS, MISSING_DOCUMENTS, documents_api, start_generate

bp = Blueprint("documents", __name__, url_prefix="/documents")
log = logging.getLogger(__name__)

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SOURCE_NAMES = {"generated": "系统生成", "uploaded": "审核人上传"}


def whitepaper_chapters(docs: Any) -> list[tuple[str, str]]:
    """(key, 中文标题) of the 白皮书 chapters the documents package offers (its ``CHAPTERS``)."""
    if docs is None:
        return []
    value = getattr(docs, "CHAPTERS", None)
    if value is None:
        try:
            from docgen.documents.whitepaper import CHAPTERS as value
        except ImportError:
            return []
    if isinstance(value, dict):
        return [(str(k), str(v)) for k, v in value.items()]
    return [(str(i + 1), str(v)) for i, v in enumerate(value or [])]


def _years() -> list[int]:
    s = db.session()
    return [y for y in s.scalars(select(Judgment.year).distinct().order_by(Judgment.year.desc())) if y]


@bp.route("/")
@permission_required("generate")
def index() -> Any:
    s = db.session()
    docs = documents_api()
    years = _years()
    year = request.args.get("year", type=int) or (years[0] if years else None)
    court = (request.args.get("court") or "").strip() or (db.get_setting("default_court") or None)
    min_count = int(db.get_setting("suggestion_min_count") or 3)
    targets, risks, error = [], [], None
    if docs is not None and year:
        try:
            targets = docs.suggestion_targets(s, year=year, court=court, min_count=min_count)
            risks = docs.risk_targets(s, year=year, court=court)
        except (ValueError, LookupError) as err:  # DocumentError is a ValueError
            error = str(err)
        except Exception:  # the rest of the page (stored drafts) must still work
            log.exception("listing document targets failed")
            error = "读取候选机关时出错（已记入服务器日志）；仍可在下面填写机关名称生成。"
    versions = (select(DraftVersion.draft_id, func.max(DraftVersion.version).label("latest"),
                       func.count().label("n")).group_by(DraftVersion.draft_id).subquery())  # fmt: skip
    drafts = s.execute(select(Draft, versions.c.latest, versions.c.n)
                       .join(versions, versions.c.draft_id == Draft.id, isouter=True)
                       .order_by(Draft.id.desc()).limit(200)).all()  # fmt: skip
    courts = [c for c in s.scalars(select(Judgment.court).distinct().order_by(Judgment.court)) if c]
    return render_template(
        "documents/index.html", docs_missing=MISSING_DOCUMENTS if docs is None else None, error=error,
        years=years, year=year, court=court, courts=courts, min_count=min_count, targets=targets, risks=risks,
        agencies=caselist.choices(s)["agencies"], chapters=whitepaper_chapters(docs), drafts=drafts,
        DOC_KINDS=DOC_KINDS,
    )  # fmt: skip


@bp.route("/generate", methods=["POST"])
@permission_required("generate")
def generate() -> Any:
    if documents_api() is None:
        flash(MISSING_DOCUMENTS, "error")
        return redirect(url_for("documents.index"))
    kind = request.form.get("kind", "")
    if kind not in DOC_KINDS:
        abort(400, description="请选择要生成的文书种类。")
    year = request.form.get("year", type=int)
    court = (request.form.get("court") or "").strip() or None
    agency = (request.form.get("agency_other") or "").strip() or (request.form.get("agency") or "").strip()
    back = redirect(url_for("documents.index", year=year, court=court))
    if not year:
        flash("请选择年度。", "error")
        return back
    params: dict[str, Any] = {"year": year, "court": court}
    if kind in ("suggestion", "risk_alert"):
        if not agency:
            flash("请选择或填写行政机关。", "error")
            return back
        params["agency"] = agency[:200]
    if kind == "suggestion":
        params["min_count"] = max(1, min(50, request.form.get("min_count", type=int) or 2))
        title = f"致{agency}的司法建议书（{year}年）"
    elif kind == "risk_alert":
        title = f"致{agency}的行政诉讼风险提示函（{year}年）"
    else:
        chapters = [int(c) for c in request.form.getlist("chapters") if c.isdigit()]
        params["chapters"] = sorted(set(chapters)) or None
        compare = (request.form.get("compare") or "auto").strip()
        params["compare_to"] = None if compare == "none" else (int(compare) if compare.isdigit() else "auto")
        title = f"{year}年度行政审判白皮书"
    job = start_generate(kind, params, g.user.username, title)
    return redirect(url_for("jobs.show", job_id=job.id))


def _draft(draft_id: int) -> Draft:
    draft = db.session().get(Draft, draft_id)
    if draft is None:
        abort(404)
    return draft


@bp.route("/<int:draft_id>")
@permission_required("generate")
def show(draft_id: int) -> Any:
    draft = _draft(draft_id)
    versions = list(draft.versions)
    return render_template("documents/show.html", draft=draft, versions=versions, DOC_KINDS=DOC_KINDS,
                           SOURCE_NAMES=SOURCE_NAMES,
                           docs_missing=MISSING_DOCUMENTS if documents_api() is None else None)


def _send(draft: Draft, version: DraftVersion) -> Any:
    try:
        data = db.blobs().get(version.sha256)
    except OSError:
        abort(404, description="该版本的文件不在存储目录中，请联系系统管理员。")
    record("download", f"文书 {draft.id} 第{version.version}版", {"title": draft.title, "file": version.filename})
    db.session().commit()
    name = version.filename if version.filename.lower().endswith(".docx") else f"{version.filename}.docx"
    return send_file(io.BytesIO(data), as_attachment=True, download_name=name, mimetype=DOCX_MIME)


@bp.route("/<int:draft_id>/download")
@permission_required("generate")
def download(draft_id: int) -> Any:
    draft = _draft(draft_id)
    if not draft.versions:
        abort(404, description="该文书还没有任何版本。")
    return _send(draft, draft.versions[-1])


@bp.route("/<int:draft_id>/versions/<int:number>/download")
@permission_required("generate")
def download_version(draft_id: int, number: int) -> Any:
    draft = _draft(draft_id)
    version = next((v for v in draft.versions if v.version == number), None)
    if version is None:
        abort(404, description=f"没有第 {number} 版。")
    return _send(draft, version)


@bp.route("/<int:draft_id>/versions", methods=["POST"])
@permission_required("generate")
def upload_version(draft_id: int) -> Any:
    from webapp.worker import display_name

    draft = _draft(draft_id)
    docs = documents_api()
    back = redirect(url_for("documents.show", draft_id=draft.id))
    if docs is None:
        flash(MISSING_DOCUMENTS, "error")
        return back
    f = request.files.get("file")
    if f is None or not (f.filename or "").strip():
        flash("请选择修改后的 DOCX 文件。", "error")
        return back
    name = display_name(f.filename)
    if not name.lower().endswith(".docx"):
        flash("只接受 Word 的 DOCX 文件（.docx）。WPS 中请“另存为”DOCX 后上传。", "error")
        return back
    data = f.read()
    s = db.session()
    try:
        v = docs.add_version(s, db.blobs(), draft.id, data, name, created_by=g.user.username,
                             note=(request.form.get("note") or "").strip() or None)
    except (ValueError, LookupError) as err:
        s.rollback()
        flash(f"未能保存新版本：{err}", "error")
        return back
    record("version_upload", f"文书 {draft.id} 第{v.version}版", {"title": draft.title, "file": name})
    s.commit()
    flash(f"已保存为第 {v.version} 版。", "info")
    return back


@bp.route("/<int:draft_id>/diff")
@permission_required("generate")
def diff(draft_id: int) -> Any:
    draft = _draft(draft_id)
    docs = documents_api()
    numbers = [v.version for v in draft.versions]
    if not numbers:
        abort(404)
    a = request.args.get("a", type=int) or (numbers[-2] if len(numbers) > 1 else numbers[0])
    b = request.args.get("b", type=int) or numbers[-1]
    if a not in numbers or b not in numbers:
        abort(404, description="没有所选的版本。")
    lines: list[str] = []
    error = None
    if docs is None:
        error = MISSING_DOCUMENTS
    else:
        try:
            lines = list(docs.version_diff(db.session(), draft.id, a, b))
        except (ValueError, LookupError) as err:
            error = str(err)
    return render_template("documents/diff.html", draft=draft, a=a, b=b, numbers=numbers, lines=lines,
                           error=error, DOC_KINDS=DOC_KINDS, hunk_title=hunk_title)


_HUNK = re.compile(r"@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@")


def hunk_title(line: str) -> str:
    """'@@ -32 +32,2 @@' → '原第 32 段 / 新第 32 段起' (a diff's lines are the paragraphs)."""
    m = _HUNK.match(line)
    return f"原第 {m.group(1)} 段 / 新第 {m.group(2)} 段起" if m else line
