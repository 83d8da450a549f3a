"""The statistics: ONE module defines every figure that docgen reports.

The CLI (``docgen stats``), the web pages and the documents (司法建议书, 风险提示函, 白皮书
一、基本情况) all call :func:`compute` / :func:`build_report` and quote the same numbers, with the
Chinese definition of each figure (:data:`DEFINITIONS`) printed next to it.

Every figure counts EFFECTIVE values: reviewers' corrections override predictions
(:mod:`docgen.corrections` keeps the effective value in the judgment's columns and findings'
``active`` flag), so all figures are plain SQL aggregations (``GROUP BY``) — fine for 50,000
judgments on SQLite or PostgreSQL.  Unit: one stored 裁判文书 = one case.

Filters: ``year`` (结案年度: the judgment date's year, else the case-number year — the
``judgments.year`` column; 收案 uses the case-number year instead), ``court`` (full name, exact)
and ``agency`` (an agency name, normalised like the stored ones).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from docgen.corrections import defect_names
from docgen.db.models import Finding, Judgment, Party

__all__ = [
    "AUTO",
    "DEFINITIONS",
    "AgencyChange",
    "AgencyRow",
    "Caseload",
    "Change",
    "DefectCase",
    "DefectCount",
    "DefectGroup",
    "Filters",
    "MixRow",
    "NonLitigation",
    "ProcedureRow",
    "Rate",
    "StatsReport",
    "YearOnYear",
    "YearStats",
    "build_report",
    "compare",
    "compute",
    "format_report",
    "normalize_agency",
]

NONLIT = "非诉执行审查"
PROCEDURE_ORDER = ("一审", "二审", "再审", "再审审查", NONLIT, "其他")
UNKNOWN = "未识别"
UNCLASSIFIED = "未分类"
GRANTED, REFUSED = "准予执行", "不准予执行"
# Outcomes with a win/loss on the merits (agency_lost is then true or false): the parser's
# table (docgen/data/outcomes.yaml) plus the appeal results, which keep the result below.
LOST_OUTCOMES = ("撤销", "部分撤销", "确认违法", "确认无效", "责令履行", "变更", "赔偿")
WON_OUTCOMES = ("驳回诉讼请求", "驳回起诉")
APPEAL_OUTCOMES = ("维持原判", "改判", "驳回再审申请")
EXCLUDED_OUTCOMES = ("发回重审", "其他")

# -- definitions (shown with the figures) ------------------------------------------------------

DEFINITIONS: dict[str, str] = {
    "unit": "统计单位：库内每份裁判文书计为一件案件；同一案件有多份文书（如一审、二审）的，各按其审理程序分别计入。"
            "所有数字均以审核人更正后的结果为准（未经更正的，以系统识别结果为准）。",
    "closed": "结案数：裁判日期在统计年度内的裁判文书件数（文书未载明裁判日期的，按案号年份计）。",
    "filed": "收案数：案号年份（立案年度）为统计年度的裁判文书件数。库内只有已作出裁判的文书，"
             "尚未审结的案件不在其中，故此数为“当年立案且已审结”的案件数，不等于法院全部收案数。",
    "procedure": "审理程序：一审、二审、再审、再审审查、非诉执行审查、其他，依文书首部与案号类型代字识别；未能识别的计“未识别”。",
    "category": "案由构成：按法发〔2020〕44号规定的22个二级案由统计被诉行政行为的类别及其占结案数的比例；未能识别的计“未分类”。",
    "field": "管理领域构成：被诉行政行为所属的行政管理领域（土地、房屋征收、公安、市场监管等）及其占结案数的比例；未能识别的计“未分类”。",
    "outcome": "裁判结果：裁判主文的结果（撤销、确认违法、驳回诉讼请求、维持原判、准予执行等）。",
    "loss_rate": "行政机关败诉率＝行政机关败诉案件数÷有胜败结果的诉讼案件数。只计行政诉讼案件（不含非诉执行审查）。"
                 "败诉：撤销、部分撤销、确认违法、确认无效、责令履行、变更、赔偿；胜诉：驳回诉讼请求、驳回起诉；"
                 "二审、再审的维持原判、改判、驳回再审申请，按其维持或改判后的结果计胜败；"
                 "发回重审、撤诉及终结诉讼等“其他”结果，以及无法判断胜败的，不计入分母。",
    "appearance_rate": "行政机关负责人出庭应诉率＝行政机关负责人出庭应诉的案件数÷文书载明出庭情况的案件数。"
                       "负责人指行政机关的正职或副职负责人（局长、副局长、县长等）；仅由委托代理人、工作人员或律师出庭的，计为未出庭；"
                       "未开庭审理或文书未载明出庭情况的（如非诉执行审查），不计入分母。按行政机关统计时，以该机关自身的出庭情况为准。",
    "nonlitigation": "非诉执行审查：行政机关申请人民法院强制执行其行政行为的审查案件。准予执行、不准予执行按裁定结果计；"
                     "不准予执行率＝不准予执行数÷（准予执行数＋不准予执行数），撤回申请、终结审查等其他结果不计入分母。",
    "agency": "按行政机关统计：以文书中作为被告（含上诉人、被上诉人中的原审被告）及非诉执行申请人的行政机关为准，"
              "名称经规范化（统一全角半角与括号、去除空格及“（原……）”“（以下简称……）”等注释）后归并；"
              "一案有多个行政机关的，各机关各计一件，胜败按全案结果计。“诉讼案件”不含非诉执行审查。",
    "defects": "行政行为瑕疵：法院在“本院认为”及裁判主文中认定的被诉行政行为存在的问题（按主要证据不足、适用法律错误、违反法定程序、未告知陈述申辩权利等类型归类），"
               "每案每类瑕疵计一次（同一案件多句认定同一瑕疵只计一次），并列出案号及法院认定的原句；"
               "当事人诉称、上诉理由中的主张不计；审核人删除的不计，审核人补充的计入。",
    "yoy": "同比：本年度数减上年度数（口径相同、筛选条件相同）。件数列出增减件数及增减百分比（上年为0时不计算百分比）；"
           "比率列出增减百分点。",
}

# -- agency names -------------------------------------------------------------------------------

# Keep in step with the frozen copy in migrations/versions/0002 (re-normalise stored names with
# repo.renormalize_agencies() after changing it).
_NOTE = re.compile(r"（(?:原|以下简称|下称|简称|现|曾用名|更名为?)[^（）]*）")
_EDGE = "。，、；：,.;:\"'“”‘’"


def normalize_agency(name: str | None) -> str | None:
    """The name statistics group an agency by: NFKC, no spaces, （） brackets, no
    （原…）/（以下简称…） notes, no stray punctuation at the ends."""
    if not name:
        return None
    s = unicodedata.normalize("NFKC", name)
    s = re.sub(r"\s+", "", s).replace("(", "（").replace(")", "）")
    s = _NOTE.sub("", s).strip(_EDGE)
    return s or None


# -- result types ------------------------------------------------------------------------------


def _plain(obj: Any) -> Any:
    if hasattr(obj, "to_dict") and not isinstance(obj, type):
        return obj.to_dict()
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    return obj


class _ToDict:
    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class Rate:
    """numerator ÷ denominator; ``value`` is None when the denominator is 0."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def percent(self, digits: int = 1) -> str:
        v = self.value
        return "—" if v is None else f"{v * 100:.{digits}f}%"

    def to_dict(self) -> dict[str, Any]:
        v = self.value
        return {"numerator": self.numerator, "denominator": self.denominator,
                "rate": None if v is None else round(v, 4), "percent": self.percent()}  # fmt: skip


@dataclass
class Filters(_ToDict):
    year: int | None = None
    court: str | None = None
    agency: str | None = None  # normalised

    def describe(self) -> str:
        parts = [f"{self.year}年" if self.year else "全部年度"]
        parts.append(f"法院：{self.court}" if self.court else "法院：全部")
        if self.agency:
            parts.append(f"行政机关：{self.agency}")
        return "，".join(parts)


@dataclass
class ProcedureRow(_ToDict):
    procedure: str
    filed: int  # 收案 (case-number year)
    closed: int  # 结案 (judgment year)


@dataclass
class Caseload(_ToDict):
    """收案/结案 by procedure. definitions: closed, filed, procedure."""

    filed: int
    closed: int
    by_procedure: list[ProcedureRow]


@dataclass
class MixRow(_ToDict):
    label: str
    count: int
    share: Rate  # count ÷ 结案数


@dataclass
class NonLitigation(_ToDict):
    """非诉执行审查. definition: nonlitigation."""

    reviewed: int = 0
    granted: int = 0
    refused: int = 0
    other: int = 0

    @property
    def refusal_rate(self) -> Rate:
        return Rate(self.refused, self.granted + self.refused)

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["refusal_rate"] = self.refusal_rate.to_dict()
        return d


class _Rates(_ToDict):
    """败诉率 and 出庭率 from the counts a figure class carries (definitions: loss_rate, appearance_rate)."""

    lost: int
    decided: int
    head_appeared: int
    head_known: int

    @property
    def loss_rate(self) -> Rate:
        return Rate(self.lost, self.decided)

    @property
    def appearance_rate(self) -> Rate:
        return Rate(self.head_appeared, self.head_known)

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["loss_rate"] = self.loss_rate.to_dict()
        d["appearance_rate"] = self.appearance_rate.to_dict()
        return d


@dataclass
class AgencyRow(_Rates):
    """One agency. definitions: agency, loss_rate, appearance_rate, nonlitigation, defects."""

    agency: str
    cases: int = 0  # 诉讼案件 (not 非诉)
    decided: int = 0  # with a win/loss result
    lost: int = 0
    head_known: int = 0
    head_appeared: int = 0
    nonlitigation: NonLitigation = field(default_factory=NonLitigation)
    defect_cases: int = 0  # cases with at least one defect
    defects: dict[str, int] = field(default_factory=dict)  # code -> cases




@dataclass
class DefectCase(_ToDict):
    """One case showing a defect, with the court's sentence to quote."""

    judgment_id: int
    document_id: int
    case_number: str | None
    court: str | None
    year: int | None
    procedure: str | None
    category: str | None
    agencies: list[str]
    sentence: str
    source: str  # pattern | statute | model | correction


@dataclass
class DefectCount(_ToDict):
    code: str
    name: str
    cases: int
    items: list[DefectCase]


@dataclass
class DefectGroup(_ToDict):
    key: str  # agency name or category
    cases: int  # cases of this group with at least one defect
    defects: list[DefectCount]


@dataclass
class YearStats(_Rates):
    """Every figure for one scope (year, court, agency)."""

    filters: Filters
    caseload: Caseload
    categories: list[MixRow]
    fields: list[MixRow]
    outcomes: list[MixRow]
    litigation_cases: int
    decided: int
    lost: int
    head_known: int
    head_appeared: int
    nonlitigation: NonLitigation
    agencies: list[AgencyRow]
    defects: list[DefectCount]
    defects_by_agency: list[DefectGroup]
    defects_by_category: list[DefectGroup]

    def agency(self, name: str) -> AgencyRow | None:
        key = normalize_agency(name)
        return next((a for a in self.agencies if a.agency == key), None)



@dataclass
class Change(_ToDict):
    """A year-on-year change. Counts: delta in cases and pct (%); rates: delta in 百分点."""

    key: str
    label: str
    kind: str  # count | rate
    current: float | int | None
    previous: float | int | None
    delta: float | int | None
    pct: float | None = None

    def describe(self) -> str:
        if self.delta is None:
            return "无法比较"
        if self.kind == "rate":
            if self.delta == 0:
                return "与上年持平"
            return f"同比{'上升' if self.delta > 0 else '下降'}{abs(self.delta):.1f}个百分点"
        if self.delta == 0:
            return "与上年持平"
        pct = "" if self.pct is None else f"（{'+' if self.pct > 0 else ''}{self.pct:.1f}%）"
        return f"同比{'增加' if self.delta > 0 else '减少'}{abs(self.delta)}件{pct}"

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["text"] = self.describe()
        return d


def _count_change(key: str, label: str, cur: int, prev: int) -> Change:
    pct = round((cur - prev) / prev * 100, 1) if prev else None
    return Change(key, label, "count", cur, prev, cur - prev, pct)


def _rate_change(key: str, label: str, cur: Rate, prev: Rate) -> Change:
    c, p = cur.value, prev.value
    delta = round((c - p) * 100, 2) if c is not None and p is not None else None
    return Change(key, label, "rate", None if c is None else round(c, 4), None if p is None else round(p, 4), delta)


@dataclass
class AgencyChange(_ToDict):
    agency: str
    cases: Change
    loss_rate: Change


@dataclass
class YearOnYear(_ToDict):
    """definition: yoy."""

    year: int
    previous_year: int
    totals: list[Change]  # 收案, 结案, per-procedure 结案, the three rates
    categories: list[Change]
    agencies: list[AgencyChange]
    defects: list[Change]


@dataclass
class StatsReport(_ToDict):
    current: YearStats
    previous: YearStats | None = None
    yoy: YearOnYear | None = None

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["definitions"] = dict(DEFINITIONS)
        return d


# -- queries -----------------------------------------------------------------------------------


def _one(v: ColumnElement[Any]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((v, 1), else_=0)), 0)


def _conditions(f: Filters, *, basis: str = "closed") -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.year is not None:
        conds.append((Judgment.year if basis == "closed" else Judgment.case_year) == f.year)
    if f.court:
        conds.append(Judgment.court == f.court)
    if f.agency:  # IN (…) over the agency_name index: a few rows, whatever the table size
        conds.append(
            Judgment.id.in_(
                select(Party.judgment_id).where(
                    Party.agency_name == f.agency, Party.side == "defendant", Party.is_agency.is_(True)
                )
            )
        )
    return conds


def _agency_parties() -> Any:
    """Subquery (jid, agency, head): one row per judgment and defendant agency (normalised).

    ``head`` is 1/0/NULL: this agency's head appeared / did not / not recorded.
    """
    head = case((Party.head_appeared.is_(True), 1), (Party.head_appeared.is_(False), 0), else_=None)
    return (
        select(Party.judgment_id.label("jid"), Party.agency_name.label("agency"), func.max(head).label("head"))
        .where(Party.side == "defendant", Party.is_agency.is_(True), Party.agency_name.is_not(None))
        .group_by(Party.judgment_id, Party.agency_name)
        .subquery()
    )


def _order_procedures(keys: set[str]) -> list[str]:
    known = [p for p in PROCEDURE_ORDER if p in keys]
    return known + sorted(k for k in keys if k not in PROCEDURE_ORDER)


def _mix(session: Session, column: Any, conds: list[ColumnElement[bool]], total: int) -> list[MixRow]:
    rows = session.execute(select(column, func.count()).where(*conds).group_by(column)).all()
    counts: dict[str, int] = {}
    for k, n in rows:
        label = UNCLASSIFIED if k is None else str(k)
        counts[label] = counts.get(label, 0) + n
    ordered = sorted(counts.items(), key=lambda kv: (kv[0] == UNCLASSIFIED, -kv[1], kv[0]))
    return [MixRow(k, n, Rate(n, total)) for k, n in ordered]


def compute(
    session: Session, year: int | None = None, *, court: str | None = None, agency: str | None = None
) -> YearStats:
    """Every figure for ``year`` (None: all years), optionally one court and/or one agency."""
    session.flush()
    f = Filters(year=year, court=court or None, agency=normalize_agency(agency) if agency else None)
    conds = _conditions(f)

    # 收案 / 结案 by procedure, results, appearance — one grouped query each basis.
    closed_rows = session.execute(
        select(Judgment.procedure, Judgment.outcome, Judgment.agency_lost, Judgment.head_appeared, func.count())
        .where(*conds)
        .group_by(Judgment.procedure, Judgment.outcome, Judgment.agency_lost, Judgment.head_appeared)
    ).all()
    filed_rows = session.execute(
        select(Judgment.procedure, func.count())
        .where(Judgment.case_year.is_not(None), *_conditions(f, basis="filed"))
        .group_by(Judgment.procedure)
    ).all()
    closed: dict[str, int] = {}
    filed: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    nonlit = NonLitigation()
    lit_cases = decided = lost = head_known = head_yes = 0
    for proc, outcome, agency_lost, head, n in closed_rows:
        p = proc or UNKNOWN
        closed[p] = closed.get(p, 0) + n
        o = outcome or UNKNOWN
        outcomes[o] = outcomes.get(o, 0) + n
        if head is not None:
            head_known += n
            head_yes += n if head else 0
        if proc == NONLIT:
            _add_nonlit(nonlit, outcome, n)
            continue
        lit_cases += n
        if agency_lost is not None and outcome not in EXCLUDED_OUTCOMES:
            decided += n
            lost += n if agency_lost else 0
    for proc, n in filed_rows:
        p = proc or UNKNOWN
        filed[p] = filed.get(p, 0) + n
    total_closed = sum(closed.values())
    caseload = Caseload(
        filed=sum(filed.values()),
        closed=total_closed,
        by_procedure=[ProcedureRow(p, filed.get(p, 0), closed.get(p, 0))
                      for p in _order_procedures(set(closed) | set(filed))],
    )  # fmt: skip
    outcome_mix = sorted(outcomes.items(), key=lambda kv: (kv[0] == UNKNOWN, -kv[1], kv[0]))

    agencies = _agencies(session, f, conds)
    defects, by_agency, by_category = _defects(session, f, conds, agencies)
    return YearStats(
        filters=f,
        caseload=caseload,
        categories=_mix(session, Judgment.category, conds, total_closed),
        fields=_mix(session, Judgment.field, conds, total_closed),
        outcomes=[MixRow(k, n, Rate(n, total_closed)) for k, n in outcome_mix],
        litigation_cases=lit_cases,
        decided=decided,
        lost=lost,
        head_known=head_known,
        head_appeared=head_yes,
        nonlitigation=nonlit,
        agencies=sorted(agencies.values(), key=lambda a: (-(a.cases + a.nonlitigation.reviewed), a.agency)),
        defects=defects,
        defects_by_agency=by_agency,
        defects_by_category=by_category,
    )


def _add_nonlit(nl: NonLitigation, outcome: str | None, n: int) -> None:
    nl.reviewed += n
    if outcome == GRANTED:
        nl.granted += n
    elif outcome == REFUSED:
        nl.refused += n
    else:
        nl.other += n


def _agencies(session: Session, f: Filters, conds: list[ColumnElement[bool]]) -> dict[str, AgencyRow]:
    pa = _agency_parties()
    q = (
        select(pa.c.agency, Judgment.procedure, Judgment.outcome, Judgment.agency_lost, pa.c.head, func.count())
        .join(Judgment, Judgment.id == pa.c.jid)
        .where(*conds)
        .group_by(pa.c.agency, Judgment.procedure, Judgment.outcome, Judgment.agency_lost, pa.c.head)
    )
    if f.agency:
        q = q.where(pa.c.agency == f.agency)
    rows: dict[str, AgencyRow] = {}
    for name, proc, outcome, agency_lost, head, n in session.execute(q):
        a = rows.setdefault(name, AgencyRow(name))
        if proc == NONLIT:
            _add_nonlit(a.nonlitigation, outcome, n)
            continue
        a.cases += n
        if agency_lost is not None and outcome not in EXCLUDED_OUTCOMES:
            a.decided += n
            a.lost += n if agency_lost else 0
        if head is not None:
            a.head_known += n
            a.head_appeared += n if head else 0
    return rows


def _defects(
    session: Session, f: Filters, conds: list[ColumnElement[bool]], agencies: dict[str, AgencyRow]
) -> tuple[list[DefectCount], list[DefectGroup], list[DefectGroup]]:
    rows = session.execute(
        select(
            Finding.judgment_id, Finding.code, Finding.sentence, Finding.source, Finding.span_start, Finding.id,
            Judgment.document_id, Judgment.case_number, Judgment.court, Judgment.year, Judgment.procedure,
            Judgment.category,
        )
        .join(Judgment, Judgment.id == Finding.judgment_id)
        .where(Finding.active.is_(True), *conds)
    ).all()
    # one case per (judgment, code); its sentence: a reviewer's first, else the earliest in the text
    best: dict[tuple[int, str], Any] = {}

    def rank(r: Any) -> tuple[int, int, int]:
        return (0 if r.source == "correction" and r.sentence else 1 if r.sentence else 2,
                r.span_start if r.span_start is not None else 1 << 30, r.id)  # fmt: skip

    for r in rows:
        k = (r.judgment_id, r.code)
        if k not in best or rank(r) < rank(best[k]):
            best[k] = r
    agencies_of: dict[int, list[str]] = {}
    if best:
        pa = _agency_parties()
        with_defects = select(Finding.judgment_id).where(Finding.active.is_(True))
        for jid, name in session.execute(
            select(pa.c.jid, pa.c.agency)
            .join(Judgment, Judgment.id == pa.c.jid)
            .where(pa.c.jid.in_(with_defects), *conds)
        ):
            agencies_of.setdefault(jid, []).append(name)
        for names in agencies_of.values():
            names.sort()

    items: list[tuple[str, DefectCase]] = []
    for (jid, code), r in best.items():
        items.append((code, DefectCase(
            judgment_id=jid, document_id=r.document_id, case_number=r.case_number, court=r.court,
            year=r.year, procedure=r.procedure, category=r.category, agencies=agencies_of.get(jid, []),
            sentence=r.sentence, source=r.source,
        )))  # fmt: skip
    items.sort(key=lambda t: (t[0], t[1].year or 0, t[1].case_number or "", t[1].judgment_id))

    def counts(pairs: list[tuple[str, DefectCase]]) -> list[DefectCount]:
        by_code: dict[str, list[DefectCase]] = {}
        for code, item in pairs:
            by_code.setdefault(code, []).append(item)
        out = [DefectCount(code, defect_names().get(code, code), len(v), v) for code, v in by_code.items()]
        return sorted(out, key=lambda d: (-d.cases, d.code))

    def groups(key_of: Any) -> list[DefectGroup]:
        grouped: dict[str, list[tuple[str, DefectCase]]] = {}
        for code, item in items:
            for key in key_of(item):
                grouped.setdefault(key, []).append((code, item))
        out = [DefectGroup(k, len({it.judgment_id for _, it in v}), counts(v)) for k, v in grouped.items()]
        return sorted(out, key=lambda g: (-g.cases, g.key))

    by_agency = groups(lambda it: [a for a in it.agencies if not f.agency or a == f.agency])
    by_category = groups(lambda it: [it.category or UNCLASSIFIED])
    for g in by_agency:
        row = agencies.get(g.key)
        if row is not None:
            row.defect_cases = g.cases
            row.defects = {d.code: d.cases for d in g.defects}
    return counts(items), by_agency, by_category


# -- year on year -------------------------------------------------------------------------------


def compare(current: YearStats, previous: YearStats) -> YearOnYear:
    """Changes from ``previous`` to ``current`` (same court/agency filters)."""
    cy, py = current.filters.year, previous.filters.year
    if cy is None or py is None:
        raise ValueError("同比需要两个具体年度")
    totals = [
        _count_change("filed", "收案数", current.caseload.filed, previous.caseload.filed),
        _count_change("closed", "结案数", current.caseload.closed, previous.caseload.closed),
    ]
    cur_p = {r.procedure: r.closed for r in current.caseload.by_procedure}
    prev_p = {r.procedure: r.closed for r in previous.caseload.by_procedure}
    for p in _order_procedures(set(cur_p) | set(prev_p)):
        totals.append(_count_change(f"closed:{p}", f"{p}结案数", cur_p.get(p, 0), prev_p.get(p, 0)))
    totals += [
        _rate_change("loss_rate", "行政机关败诉率", current.loss_rate, previous.loss_rate),
        _rate_change("appearance_rate", "负责人出庭应诉率", current.appearance_rate, previous.appearance_rate),
        _rate_change("refusal_rate", "不准予执行率", current.nonlitigation.refusal_rate,
                     previous.nonlitigation.refusal_rate),
    ]  # fmt: skip
    cur_c = {r.label: r.count for r in current.categories}
    prev_c = {r.label: r.count for r in previous.categories}
    categories = [_count_change(f"category:{k}", k, cur_c.get(k, 0), prev_c.get(k, 0))
                  for k in [r.label for r in current.categories] + sorted(set(prev_c) - set(cur_c))]  # fmt: skip
    cur_a = {a.agency: a for a in current.agencies}
    prev_a = {a.agency: a for a in previous.agencies}
    agencies = []
    for name in [a.agency for a in current.agencies] + sorted(set(prev_a) - set(cur_a)):
        c, p = cur_a.get(name, AgencyRow(name)), prev_a.get(name, AgencyRow(name))
        agencies.append(AgencyChange(
            name, _count_change(f"agency:{name}:cases", f"{name}诉讼案件数", c.cases, p.cases),
            _rate_change(f"agency:{name}:loss_rate", f"{name}败诉率", c.loss_rate, p.loss_rate),
        ))  # fmt: skip
    cur_d = {d.code: d.cases for d in current.defects}
    prev_d = {d.code: d.cases for d in previous.defects}
    defects = [_count_change(f"defect:{k}", defect_names().get(k, k), cur_d.get(k, 0), prev_d.get(k, 0))
               for k in [d.code for d in current.defects] + sorted(set(prev_d) - set(cur_d))]  # fmt: skip
    return YearOnYear(cy, py, totals, categories, agencies, defects)


AUTO = "auto"


def build_report(
    session: Session,
    year: int | None = None,
    *,
    court: str | None = None,
    agency: str | None = None,
    compare_to: int | str | None = AUTO,
) -> StatsReport:
    """The figures of ``year`` and, when two years are present, the year-on-year changes.

    ``compare_to``: a year; ``"auto"`` (default) = the previous year when it has judgments in
    the same scope; None = no comparison.
    """
    current = compute(session, year, court=court, agency=agency)
    if year is None or compare_to is None:
        return StatsReport(current)
    if compare_to == AUTO:
        previous = compute(session, year - 1, court=court, agency=agency)
        if previous.caseload.closed == 0:
            return StatsReport(current)
    else:
        previous = compute(session, int(compare_to), court=court, agency=agency)
    return StatsReport(current, previous, compare(current, previous))


# -- text tables ---------------------------------------------------------------------------------


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _table(headers: list[str], rows: list[list[Any]], align: str = "") -> list[str]:
    """Plain-text table; ``align`` has one letter per column (l/r), default: first left, rest right."""
    cells = [[str(c) for c in headers]] + [["—" if c is None else str(c) for c in r] for r in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(headers))]
    align = align or "l" + "r" * (len(headers) - 1)

    def line(r: list[str]) -> str:
        out = []
        for i, c in enumerate(r):
            pad = " " * (widths[i] - _width(c))
            out.append(c + pad if align[i] == "l" else pad + c)
        return "  ".join(out).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return [line(cells[0]), sep] + [line(r) for r in cells[1:]]


def _rate_line(label: str, r: Rate, unit: str) -> str:
    return f"{label}：{r.numerator} / {r.denominator}（{unit}），{r.percent()}"


def format_report(report: StatsReport, *, top: int = 20, examples: int = 3) -> str:
    """Chinese text tables for ``docgen stats`` (``top`` agencies; ``examples`` 案号 per defect)."""
    st = report.current
    out = [f"行政案件统计（{st.filters.describe()}）", ""]
    out.append("一、收案、结案情况（按审理程序）")
    out += _table(["审理程序", "收案", "结案"],
                  [[r.procedure, r.filed, r.closed] for r in st.caseload.by_procedure]
                  + [["合计", st.caseload.filed, st.caseload.closed]])  # fmt: skip
    out.append("")
    for title, mix in (("二、案由构成", st.categories), ("三、管理领域构成", st.fields), ("四、裁判结果", st.outcomes)):
        out.append(title)
        out += _table(["类别", "件数", "占比"], [[r.label, r.count, r.share.percent()] for r in mix]) if mix else ["（无）"]
        out.append("")
    out.append("五、主要比率")
    out.append(_rate_line("行政机关败诉率", st.loss_rate, "败诉案件 / 有胜败结果的诉讼案件"))
    out.append(_rate_line("行政机关负责人出庭应诉率", st.appearance_rate, "负责人出庭案件 / 载明出庭情况的案件"))
    nl = st.nonlitigation
    out.append(f"非诉执行审查：{nl.reviewed} 件，准予执行 {nl.granted}，不准予执行 {nl.refused}，其他 {nl.other}；"
               f"不准予执行率 {nl.refusal_rate.percent()}")  # fmt: skip
    out.append("")
    out.append(f"六、按行政机关（前 {top} 个，共 {len(st.agencies)} 个）")
    rows = [[a.agency, a.cases, a.decided, a.lost, a.loss_rate.percent(), f"{a.head_appeared}/{a.head_known}",
             a.appearance_rate.percent(), a.nonlitigation.reviewed, a.nonlitigation.refused,
             a.nonlitigation.refusal_rate.percent(), a.defect_cases] for a in st.agencies[:top]]  # fmt: skip
    heads = ["行政机关", "诉讼案件", "有胜败", "败诉", "败诉率", "出庭/载明", "出庭率", "非诉审查", "不准予", "不准予率", "瑕疵案件"]
    out += _table(heads, rows) if rows else ["（无）"]
    out.append("")
    out.append("七、行政行为瑕疵（每案每类计一次）")
    if st.defects:
        out += _table(["瑕疵", "代码", "案件数", "案例"],
                      [[d.name, d.code, d.cases, "、".join(i.case_number or f"#{i.document_id}"
                                                          for i in d.items[:examples]) + ("等" if d.cases > examples else "")]
                       for d in st.defects], align="llrl")  # fmt: skip
    else:
        out.append("（无）")
    out.append("")
    for title, groups in (("八、瑕疵按行政机关", st.defects_by_agency[:top]), ("九、瑕疵按案由", st.defects_by_category)):
        out.append(title)
        if not groups:
            out.append("（无）")
        for g in groups:
            out.append(f"  {g.key}（{g.cases} 件）：" + "，".join(f"{d.name} {d.cases}" for d in g.defects))
        out.append("")
    if report.yoy is not None:
        y = report.yoy
        out.append(f"十、同比（{y.year}年 与 {y.previous_year}年）")
        rows = []
        for c in y.totals + y.categories + y.defects:
            if c.kind == "rate":
                cur = "—" if c.current is None else f"{c.current * 100:.1f}%"
                prev = "—" if c.previous is None else f"{c.previous * 100:.1f}%"
            else:
                cur, prev = c.current, c.previous
            rows.append([c.label, cur, prev, c.describe()])
        out += _table(["项目", f"{y.year}年", f"{y.previous_year}年", "变化"], rows, align="lrrl")
        out.append("")
    out.append("口径说明")
    keys = ["unit", "closed", "filed", "category", "loss_rate", "appearance_rate", "nonlitigation", "agency", "defects"]
    if report.yoy is not None:
        keys.append("yoy")
    out += [f"  {DEFINITIONS[k]}" for k in keys]
    return "\n".join(out)

