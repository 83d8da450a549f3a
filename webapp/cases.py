"""案件: the list (filters, sort, paging), the detail page with the marked text, corrections."""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, send_file, url_for
from sqlalchemy import select

from docgen.corrections import (
    CATEGORIES,
    KIND_NAMES,
    CorrectionError,
    correct,
    defect_names,
    effective,
    history,
)
from docgen.db.models import Document, Finding, Judgment
from docgen.model import OUTCOMES
from webapp import caselist, db
from webapp.audit import record
from webapp.auth import permission_required
from webapp.render import Mark, marked_text

bp = Blueprint("cases", __name__, url_prefix="/cases")

SOURCE_NAMES = {"pattern": "规则", "statute": "法条", "model": "模型", "correction": "审核人补充", "rule": "规则"}
SIDE_NAMES = {"plaintiff": "原告方", "defendant": "被告方", "third": "第三人"}
CORRECTABLE = ("category", "outcome", "head_appeared", "defect_add", "defect_remove")


def _page_size() -> int:
    try:
        return max(10, min(200, int(db.get_setting("page_size"))))
    except (TypeError, ValueError):
        return 50


@bp.route("/")
@permission_required("view")
def index() -> Any:
    s = db.session()
    f = caselist.CaseFilters.from_args(request.args)
    if "court" not in request.args and (default := db.get_setting("default_court")):
        f.court = default
    result = caselist.page(s, f, request.args.get("page", default=1, type=int) or 1, _page_size())
    return render_template("cases/index.html", f=f, page=result, choices=caselist.choices(s),
                           sorts={k: v[0] for k, v in caselist.SORTS.items()}, heads=caselist.HEAD_CHOICES,
                           categories=CATEGORIES, outcomes=OUTCOMES, defects=defect_names(),
                           SIDE_NAMES=SIDE_NAMES)


def _judgment(jid: int) -> Judgment:
    row = db.session().get(Judgment, jid)
    if row is None:
        abort(404)
    return row


def describe(kind: str, value: Any) -> str:
    """A correction's value in words."""
    names = defect_names()
    if kind in ("head_appeared", "agency_lost"):
        return {True: "是", False: "否", None: "不明"}.get(value, str(value))
    if kind in ("defect_add", "defect_remove") and isinstance(value, dict):
        code = value.get("code")
        if "present" in value:  # previous state of a defect
            return "原有此瑕疵" if value.get("present") else "原无此瑕疵"
        text = f"{names.get(code, code)}（{code}）"
        if value.get("sentence"):
            text += f"：“{value['sentence']}”"
        return text
    return "—" if value is None else str(value)


@bp.route("/<int:jid>")
@permission_required("view")
def show(jid: int) -> Any:
    s = db.session()
    row = _judgment(jid)
    doc = row.document
    facts = effective(s, row)
    findings = list(s.scalars(select(Finding).where(Finding.judgment_id == jid).order_by(Finding.span_start, Finding.id)))
    names = defect_names()
    marks = [Mark(f.id, f.code, names.get(f.code, f.code), f.span_start, f.span_end)
             for f in findings if f.active and f.span_start is not None and f.span_end is not None]
    parsed = row.parsed or {}
    return render_template(
        "cases/show.html", row=row, doc=doc, facts=facts, parsed=parsed, findings=findings,
        text=marked_text(doc.text or "", parsed, marks), history=history(s, jid), defects=names,
        categories=CATEGORIES, outcomes=OUTCOMES, KIND_NAMES=KIND_NAMES, SOURCE_NAMES=SOURCE_NAMES,
        SIDE_NAMES=SIDE_NAMES, describe=describe,
        active_codes=sorted({f.code for f in findings if f.active}),
    )  # fmt: skip


@bp.route("/<int:jid>/correct", methods=["POST"])
@permission_required("review")
def correct_view(jid: int) -> Any:
    s = db.session()
    _judgment(jid)
    kind = request.form.get("kind", "")
    note = request.form.get("note") or None
    if kind not in CORRECTABLE:
        abort(400, description="未知的更正类型。")
    if kind == "defect_add":
        value: Any = {"code": request.form.get("code", ""), "sentence": request.form.get("sentence", "")}
    elif kind == "defect_remove":
        value = request.form.get("code", "")
    else:
        value = request.form.get("value", "")
    try:
        c = correct(s, jid, kind, value, g.user.username, note)
    except CorrectionError as err:
        s.rollback()
        flash(f"未能更正：{err}", "error")
        return redirect(url_for("cases.show", jid=jid) + "#correct")
    record("correct", f"案件 {jid}", {"kind": KIND_NAMES.get(kind, kind), "value": describe(kind, c.value),
                                       "previous": describe(kind, c.previous), "note": c.note})
    s.commit()
    flash(f"已更正{KIND_NAMES.get(kind, kind)}：{describe(kind, c.value)}", "info")
    return redirect(url_for("cases.show", jid=jid))


@bp.route("/<int:jid>/original")
@permission_required("view")
def original(jid: int) -> Any:
    """The original file as uploaded (from the blob store; the stored name is for display only)."""
    s = db.session()
    row = _judgment(jid)
    doc = s.scalar(select(Document).where(Document.id == row.document_id))
    try:
        data = db.blobs().get(doc.sha256)
    except OSError:
        abort(404, description="原件不在存储目录中（可能是在启用原件存储之前导入的）。")
    name = doc.original_name.replace("\\", "/").rsplit("/", 1)[-1] or f"文书{doc.id}.{doc.fmt}"
    record("download", f"案件 {jid} 原件", {"file": name})
    s.commit()
    return send_file(io.BytesIO(data), as_attachment=True, download_name=name,
                     mimetype="application/octet-stream")
