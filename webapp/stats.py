"""统计: the figures of ``docgen stats`` (docgen.stats.build_report) with charts and definitions."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template, request
from sqlalchemy import select

from docgen.db.models import Judgment
from docgen.stats import AUTO, DEFINITIONS, build_report
from webapp import db
from webapp.auth import permission_required

bp = Blueprint("stats", __name__, url_prefix="/stats")

AGENCY_ROWS = 30


def _params() -> dict[str, Any]:
    s = db.session()
    years = [y for y in s.scalars(select(Judgment.year).distinct().order_by(Judgment.year.desc())) if y]
    courts = [c for c in s.scalars(select(Judgment.court).distinct().order_by(Judgment.court)) if c]
    year = request.args.get("year", type=int)
    if "year" not in request.args:
        year = years[0] if years else None
    court = (request.args.get("court") or "").strip() or None
    if "court" not in request.args:
        court = db.get_setting("default_court") or None
    agency = (request.args.get("agency") or "").strip() or None
    raw = (request.args.get("compare") or "auto").strip()
    compare_to: Any = AUTO if raw == "auto" else (None if raw == "none" else (int(raw) if raw.isdigit() else AUTO))
    return {"years": years, "courts": courts, "year": year, "court": court, "agency": agency,
            "compare_raw": raw, "compare_to": compare_to if year else None}  # fmt: skip


@bp.route("/")
@permission_required("view")
def index() -> Any:
    p = _params()
    report = build_report(db.session(), p["year"], court=p["court"], agency=p["agency"], compare_to=p["compare_to"])
    return render_template("stats/index.html", p=p, report=report, st=report.current, yoy=report.yoy,
                           DEFINITIONS=DEFINITIONS, AGENCY_ROWS=AGENCY_ROWS)


@bp.route("/report.json")
@permission_required("view")
def as_json() -> Any:
    p = _params()
    report = build_report(db.session(), p["year"], court=p["court"], agency=p["agency"], compare_to=p["compare_to"])
    return jsonify(report.to_dict())
