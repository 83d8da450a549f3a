"""首页: what is in the database, my recent jobs, what I can do next."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, render_template
from sqlalchemy import func, select

from docgen.db.models import Correction, Draft, Job, Judgment, Rejection
from webapp import db

bp = Blueprint("main", __name__)


@bp.route("/")
def index() -> Any:
    s = db.session()
    total = s.scalar(select(func.count()).select_from(Judgment)) or 0
    by_year = s.execute(select(Judgment.year, func.count()).group_by(Judgment.year)
                        .order_by(Judgment.year.desc())).all()  # fmt: skip
    q = select(Job).order_by(Job.id.desc()).limit(8)
    if not g.user.can("admin"):
        q = q.where(Job.created_by == g.user.username)
    figures = {
        "judgments": total,
        "rejections": s.scalar(select(func.count()).select_from(Rejection).where(Rejection.code != "duplicate")) or 0,
        "corrections": s.scalar(select(func.count()).select_from(Correction)) or 0,
        "drafts": s.scalar(select(func.count()).select_from(Draft)) or 0,
    }
    return render_template("index.html", figures=figures, by_year=by_year, jobs=list(s.scalars(q)))
