"""聚类: sub-themes of one category and period (docgen.analysis.case_clusters), linked to the cases."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from flask import Blueprint, current_app, render_template, request
from sqlalchemy import func, select

from docgen.analysis import case_clusters
from docgen.corrections import CATEGORIES
from docgen.db.models import Correction, Judgment
from webapp import db
from webapp.auth import permission_required

bp = Blueprint("clusters", __name__, url_prefix="/clusters")

# Clustering re-reads every case of the category; results are kept until the data changes.
_CACHE: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
_CACHE_SIZE = 16
_lock = threading.Lock()


def _cached(key: tuple[Any, ...], compute: Any) -> dict[str, Any]:
    with _lock:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = compute()
    with _lock:
        _CACHE[key] = value
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value


@bp.route("/")
@permission_required("view")
def index() -> Any:
    s = db.session()
    years = [y for y in s.scalars(select(Judgment.year).distinct().order_by(Judgment.year.desc())) if y]
    q = select(Judgment.category, func.count()).where(Judgment.category.is_not(None))
    if "year" not in request.args and years:
        q = q.where(Judgment.year == years[0])
    elif request.args.get("year", type=int):
        q = q.where(Judgment.year == request.args.get("year", type=int))
    counts = dict(s.execute(q.group_by(Judgment.category)).all())
    category = (request.args.get("category") or "").strip() or None
    if "category" not in request.args and counts:
        category = max(counts, key=lambda c: counts[c])
    year = request.args.get("year", type=int)
    if "year" not in request.args and years:
        year = years[0]  # one year at a time by default: clustering re-reads every case it covers
    court = db.get_setting("default_court") or None
    k = request.args.get("k", type=int)
    k = k if k and 2 <= k <= 12 else None
    result: dict[str, Any] | None = None
    if category:
        state = (s.scalar(select(func.count()).select_from(Judgment)), s.scalar(select(func.max(Correction.id))))
        key = (current_app.config["DATABASE_URL"], category, year, court, k, state)
        result = _cached(key, lambda: case_clusters(s, category=category, year=year, court=court, k=k).to_dict())
        idents = {i for c in result["clusters"] for i in c["member_ids"]}
        links = _links(s, idents)
    else:
        links = {}
    ordered = [c for c in CATEGORIES if c in counts] + sorted(c for c in counts if c not in CATEGORIES)
    return render_template("clusters/index.html", result=result, category=category, year=year, k=k, years=years,
                           categories=ordered, counts=counts, links=links)


def _links(s: Any, idents: set[str]) -> dict[str, int]:
    """案号 (or "文书<id>") → judgment id, for links to the case pages."""
    out: dict[str, int] = {}
    numbers = [i for i in idents if not i.startswith("文书")]
    for start in range(0, len(numbers), 500):
        chunk = numbers[start:start + 500]
        for jid, cn in s.execute(select(Judgment.id, Judgment.case_number).where(Judgment.case_number.in_(chunk))):
            out.setdefault(cn, jid)
    doc_ids = [int(i[2:]) for i in idents if i.startswith("文书") and i[2:].isdigit()]
    if doc_ids:
        for jid, did in s.execute(select(Judgment.id, Judgment.document_id).where(Judgment.document_id.in_(doc_ids))):
            out[f"文书{did}"] = jid
    return out
