"""上传: several files or ZIPs (drag-and-drop, or a plain file field); processed as a background job."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for

from webapp.auth import permission_required
from webapp.worker import start_ingest

bp = Blueprint("upload", __name__, url_prefix="/upload")

ACCEPT = ".txt,.docx,.pdf,.html,.htm,.zip"
MAX_FILES = 200


@bp.route("/", methods=["GET", "POST"])
@permission_required("upload")
def upload() -> Any:
    limit = current_app.config["LIMITS"].max_file_bytes
    if request.method == "POST":
        files = [f for f in request.files.getlist("files") if f and (f.filename or "").strip()]
        if not files:
            flash("请选择要上传的文件（可一次选择多个，或上传 ZIP 压缩包）。", "error")
        elif len(files) > MAX_FILES:
            flash(f"一次最多上传 {MAX_FILES} 个文件；文件更多时请打包成 ZIP 上传。", "error")
        else:
            payload = [(f.filename or "", f.read()) for f in files]
            job = start_ingest(payload, g.user.username)
            return redirect(url_for("jobs.show", job_id=job.id))
    return render_template("upload.html", accept=ACCEPT, limit=limit, max_files=MAX_FILES)
