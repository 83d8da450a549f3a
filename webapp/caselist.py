"""The case list query: filters, sort orders and paging that stay fast over 50,000 judgments.

Paging selects only ids, in an order an index delivers (``ix_judgments_judgment_date_id``,
``ix_judgments_year_judgment_date_id``, the case-number index, the primary key), then loads the
one page of rows; the agency and defect filters are ``IN`` sub-queries over their indexes.
(Candidate for ``docgen.db.repo`` once the CLI needs the same filters.)
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from docgen.db.models import Document, Finding, Judgment, Party
from docgen.stats import normalize_agency

__all__ = ["SORTS", "CaseFilters", "CasePage", "page", "page_query"]

SORTS: dict[str, tuple[str, tuple[Any, ...]]] = {
    "date_desc": ("裁判日期（新→旧）", (Judgment.judgment_date.desc(), Judgment.id.desc())),
    "date_asc": ("裁判日期（旧→新）", (Judgment.judgment_date.asc(), Judgment.id.asc())),
    "case_number": ("案号", (Judgment.case_number.asc(), Judgment.id.asc())),
    "id_desc": ("入库时间（新→旧）", (Judgment.id.desc(),)),
}
HEAD_CHOICES = {"yes": "出庭", "no": "未出庭", "unknown": "未载明"}


@dataclass
class CaseFilters:
    year: int | None = None
    court: str | None = None
    category: str | None = None
    agency: str | None = None
    outcome: str | None = None
    defect: str | None = None
    head: str | None = None  # yes | no | unknown
    q: str | None = None  # part of a case number
    sort: str = "date_desc"

    @classmethod
    def from_args(cls, args: Any) -> CaseFilters:
        def text(name: str) -> str | None:
            v = (args.get(name) or "").strip()
            return v[:200] or None

        year = args.get("year", type=int)
        head = text("head")
        sort = text("sort") or "date_desc"
        return cls(year=year, court=text("court"), category=text("category"), agency=text("agency"),
                   outcome=text("outcome"), defect=text("defect"), head=head if head in HEAD_CHOICES else None,
                   q=text("q"), sort=sort if sort in SORTS else "date_desc")  # fmt: skip

    def active(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "sort" and getattr(self, f.name)}


@dataclass
class CasePage:
    rows: list[Judgment]
    defects: dict[int, list[str]]  # judgment id -> active defect codes
    total: int
    page: int
    pages: int
    size: int


def _where(f: CaseFilters) -> list[Any]:
    conds: list[Any] = []
    if f.year is not None:
        conds.append(Judgment.year == f.year)
    for name in ("court", "category", "outcome"):
        value = getattr(f, name)
        if value:
            conds.append(getattr(Judgment, name) == value)
    if f.agency:
        conds.append(Judgment.id.in_(
            select(Party.judgment_id).where(Party.agency_name == normalize_agency(f.agency), Party.is_agency.is_(True))
        ))  # fmt: skip
    if f.defect:
        conds.append(Judgment.id.in_(
            select(Finding.judgment_id).where(Finding.code == f.defect, Finding.active.is_(True))
        ))  # fmt: skip
    if f.head == "yes":
        conds.append(Judgment.head_appeared.is_(True))
    elif f.head == "no":
        conds.append(Judgment.head_appeared.is_(False))
    elif f.head == "unknown":
        conds.append(Judgment.head_appeared.is_(None))
    if f.q:
        like = f.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conds.append(Judgment.case_number.like(f"%{like}%", escape="\\"))
    return conds


def page_query(f: CaseFilters, page_no: int, size: int) -> Select[Any]:
    """The ids of one page (what EXPLAIN should show using an index)."""
    return (select(Judgment.id).where(*_where(f)).order_by(*SORTS[f.sort][1])
            .limit(size).offset((page_no - 1) * size))  # fmt: skip


def page(session: Session, f: CaseFilters, page_no: int = 1, size: int = 50) -> CasePage:
    total = session.scalar(select(func.count()).select_from(Judgment).where(*_where(f))) or 0
    pages = max(1, -(-total // size))
    page_no = min(max(1, page_no), pages)
    ids = list(session.scalars(page_query(f, page_no, size)))
    rows: list[Judgment] = []
    defects: dict[int, list[str]] = {}
    if ids:
        loaded = session.scalars(
            select(Judgment).where(Judgment.id.in_(ids))
            .options(selectinload(Judgment.parties), joinedload(Judgment.document).load_only(Document.original_name))
        ).unique()  # fmt: skip
        by_id = {r.id: r for r in loaded}
        rows = [by_id[i] for i in ids if i in by_id]
        for jid, code in session.execute(
            select(Finding.judgment_id, Finding.code).where(Finding.judgment_id.in_(ids), Finding.active.is_(True))
        ):
            codes = defects.setdefault(jid, [])
            if code not in codes:
                codes.append(code)
    return CasePage(rows, defects, total, page_no, pages, size)


def choices(session: Session) -> dict[str, list[Any]]:
    """Values for the filter drop-downs (distinct years, courts; busiest agencies)."""
    years = [y for y in session.scalars(select(Judgment.year).distinct().order_by(Judgment.year.desc())) if y]
    courts = [c for c in session.scalars(select(Judgment.court).distinct().order_by(Judgment.court)) if c]
    agencies = list(session.scalars(
        select(Party.agency_name).where(Party.agency_name.is_not(None), Party.side == "defendant")
        .group_by(Party.agency_name).order_by(func.count().desc()).limit(300)
    ))  # fmt: skip
    return {"years": years, "courts": courts, "agencies": agencies}
