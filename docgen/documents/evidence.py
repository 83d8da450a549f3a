"""What every factual claim of a document rests on: the cases (案号) and the court's sentences.

The FIGURES always come from :mod:`docgen.stats`.  This module only lists the cases behind a
figure (stats returns case lists for defects but only counts for caseload, 败诉, 出庭 and 非诉),
using the same filters as stats (``stats._conditions`` / ``stats._agency_parties``) and the same
rules; every list is checked against the stats figure it documents (:func:`checked`), so a claim
and its comment can never disagree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from docgen import stats
from docgen.db.models import Document, Finding, Judgment
from docgen.documents.config import DocumentError

__all__ = ["Cited", "Evidence", "Part", "Scope", "case_facts", "checked", "cn_date"]

MAX_LISTED = 100  # 案号 listed in one comment part
MAX_QUOTED = 30  # sentences quoted in one comment part
_WS = re.compile(r"[\s\u3000]+")


_HALF = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"})
_CJK_PUNCT = re.compile(r"(?<=[\u4e00-\u9fff，。；：、“”（）])[,;:?!()]|[,;:?!()](?=[\u4e00-\u9fff，。；：、“”（）])")


def squeeze(text: str | None) -> str:
    """One line: whitespace (incl. full-width indents and line breaks) removed, half-width
    punctuation next to Chinese text made full-width."""
    out = _WS.sub("", text or "").strip()
    return _CJK_PUNCT.sub(lambda m: m.group(0).translate(_HALF), out)


def operative(sentence: str | None) -> str:
    """The 主文 sentence, without a dangling fragment of the next line after its last 。."""
    s = squeeze(sentence)
    if s and s[-1] not in "。；！？”" and "。" in s:
        s = s[: s.rindex("。") + 1]
    return s


def cn_date(d: date | None) -> str | None:
    return f"{d.year}年{d.month}月{d.day}日" if d else None


@dataclass
class Cited:
    """One case behind a claim."""

    judgment_id: int
    document_id: int
    case_number: str | None
    court: str | None
    judgment_date: date | None
    doc_type: str | None = None
    sentence: str = ""  # the court's sentence the claim rests on ("" for plain counts)

    @property
    def ref(self) -> str:
        return self.case_number or f"（未识别案号，文书编号{self.document_id}）"

    @property
    def date_text(self) -> str:
        return cn_date(self.judgment_date) or "裁判日期未载明"

    def as_dict(self) -> dict[str, Any]:
        return {"case_number": self.case_number, "judgment_id": self.judgment_id, "sentence": self.sentence}

    def with_sentence(self, sentence: str) -> Cited:
        """A copy quoting ``sentence`` (citations are shared: never change one in place)."""
        return replace(self, sentence=sentence)


@dataclass
class Part:
    """One figure of a claim: its label, the stats count and the cases counted."""

    label: str
    count: int
    cases: list[Cited]
    quote: bool = False  # quote each case's sentence (defects, outcomes) rather than list 案号


@dataclass
class Evidence:
    """Everything one Word comment says."""

    parts: list[Part]
    note: str = ""

    def comment(self) -> list[str]:
        lines: list[str] = []
        for part in self.parts:
            if part.quote:
                lines.append(f"{part.label}：{part.count}件。")
                for c in part.cases[:MAX_QUOTED]:
                    said = f"认定：“{c.sentence}”" if c.sentence else "（未引用法院原句）"
                    lines.append(f"{c.ref}（{c.court or '法院未载明'}，{c.date_text}）{said}")
                rest = part.cases[MAX_QUOTED:]
                if rest:
                    lines.append("另有：" + "、".join(c.ref for c in rest[:MAX_LISTED]) +
                                 (f"等，共{part.count}件" if len(rest) > MAX_LISTED else ""))
            else:
                listed = "、".join(c.ref for c in part.cases[:MAX_LISTED])
                more = f"等（仅列前{MAX_LISTED}件）" if len(part.cases) > MAX_LISTED else ""
                lines.append(f"{part.label}：{part.count}件。案号：{listed}{more}。" if part.cases
                             else f"{part.label}：{part.count}件。")
        if self.note:
            lines.append(self.note)
        return lines

    @property
    def cases(self) -> list[Cited]:
        seen: dict[int, Cited] = {}
        for p in self.parts:
            for c in p.cases:
                seen.setdefault(c.judgment_id, c)
        return list(seen.values())


def checked(label: str, cases: list[Cited], figure: int) -> list[Cited]:
    """``cases`` if there are exactly ``figure`` of them, else an error (never a wrong comment)."""
    if len(cases) != figure:
        raise DocumentError(f"内部错误：“{label}”的案件清单（{len(cases)}件）与统计数（{figure}件）不一致")
    return cases


# -- case lists with the statistics' rules ---------------------------------------------------------


def _outcome_counts() -> ColumnElement[bool]:
    return or_(Judgment.outcome.is_(None), Judgment.outcome.not_in(stats.EXCLUDED_OUTCOMES))


def _litigation() -> ColumnElement[bool]:
    return or_(Judgment.procedure.is_(None), Judgment.procedure != stats.NONLIT)


IdsMethod = TypeVar("IdsMethod", bound=Callable[..., list[int]])
IN_CHUNK = 500  # ids per IN (…) list: well under SQLite's and PostgreSQL's parameter limits


def _remembered(method: IdsMethod) -> IdsMethod:
    """Read a Scope's case list once per scope and arguments: a white paper asks for the same
    list again and again (the year's 结案 total backs several claims, each procedure and 案由 two)."""

    @functools.wraps(method)
    def wrapper(self: Scope, *args: Any, **kwargs: Any) -> list[int]:
        key = (method.__name__, args, tuple(sorted(kwargs.items())))
        if key not in self._lists:
            self._lists[key] = method(self, *args, **kwargs)
        return list(self._lists[key])  # a copy: the caller may change its list

    return wrapper  # type: ignore[return-value]


class Scope:
    """The judgments of one stats scope (year, court) and the case lists behind its figures.

    Lists that differ only in the value of one column (结案 by procedure, by 案由, by 领域, by
    裁判结果) are read for every value in one query: a white paper asks for all of them, and
    each query reads the scope's rows again.  ``many_agencies``: the caller asks for the lists
    of many agencies (white paper, risk targets), so each kind of per-agency list is read for
    every agency in one query too.  The lists are the same either way.
    """

    def __init__(self, session: Session, year: int | None, court: str | None = None, *, many_agencies: bool = False):
        self.session = session
        self.filters = stats.Filters(year=year, court=court or None)
        self.many_agencies = many_agencies
        self._refs: dict[int, Cited] = {}
        self._order: dict[int, tuple[date, str, int]] = {}  # judgment id → its place among citations
        self._lists: dict[Hashable, list[int]] = {}  # see _remembered
        self._groups: dict[Hashable, dict[Any, list[int]]] = {}  # kind of list → column value → ids
        self._findings: dict[str, list[Any]] | None = None  # defect code → active findings
        self._read_all = False  # the citations of the whole scope were read (_read_refs)

    def _ids(self, *where: ColumnElement[bool]) -> list[int]:
        """Judgment ids of the scope matching ``where``."""
        q = select(Judgment.id).where(*stats._conditions(self.filters), *where)
        return list(dict.fromkeys(self.session.scalars(q.order_by(Judgment.id))))

    def _value_ids(self, kind: str, column: InstrumentedAttribute[str | None], value: str | None, missing: str,
                   *where: ColumnElement[bool], basis: str = "closed") -> list[int]:
        """Judgment ids of the scope (stats ``basis``) matching ``where`` and ``column = value``
        (IS NULL for None and for ``missing``, stats' label of no value: 未识别, 未分类), read
        with every other value of ``column``: ``kind`` names that list of lists."""
        if kind not in self._groups:
            q = (select(column, Judgment.id).where(*stats._conditions(self.filters, basis=basis), *where)
                 .order_by(Judgment.id))  # fmt: skip
            self._groups[kind] = _split(self.session.execute(q))
        return list(self._groups[kind].get(None if value in (None, missing) else value, []))

    def _agency_ids(self, kind: Hashable, agency: str, *where: ColumnElement[bool], head: str | None = None) -> list[int]:
        """Judgment ids of the scope matching ``where`` where ``agency`` is a defendant agency;
        ``head`` = known | yes | no for its own 负责人出庭 value.  ``kind`` names the list
        (the same ``where`` and ``head`` for every agency) for reading it for all agencies at once."""
        if not self.many_agencies:
            return self._agency_lists(*where, agency=agency, head=head).get(agency, [])
        key = ("agency", kind)
        if key not in self._groups:
            self._groups[key] = self._agency_lists(*where, head=head)
        return list(self._groups[key].get(agency, []))

    def _agency_lists(self, *where: ColumnElement[bool], agency: str | None = None,
                      head: str | None = None) -> dict[str, list[int]]:
        """agency → ids of its cases matching ``where`` (one agency, or every agency of the scope)."""
        pa = stats._agency_parties()
        q = (select(pa.c.agency, Judgment.id).join(pa, pa.c.jid == Judgment.id)
             .where(*stats._conditions(self.filters), *where))  # fmt: skip
        if agency is not None:
            q = q.where(pa.c.agency == agency)
        if head == "known":
            q = q.where(pa.c.head.is_not(None))
        elif head in ("yes", "no"):
            q = q.where(pa.c.head == (1 if head == "yes" else 0))
        return _split(self.session.execute(q.order_by(Judgment.id)))

    # totals (stats.compute) ---------------------------------------------------------------------
    @_remembered
    def closed(self, *, procedure: str | None = ..., category: str | None = ...) -> list[int]:  # type: ignore[assignment]
        if category is ... and procedure is not ...:
            return self._value_ids("closed:procedure", Judgment.procedure, procedure, stats.UNKNOWN)
        if procedure is ... and category is not ...:
            return self._value_ids("closed:category", Judgment.category, category, stats.UNCLASSIFIED)
        where: list[ColumnElement[bool]] = []
        if procedure is not ...:
            where.append(Judgment.procedure.is_(None) if procedure in (None, stats.UNKNOWN)
                         else Judgment.procedure == procedure)  # fmt: skip
        if category is not ...:
            where.append(Judgment.category.is_(None) if category in (None, stats.UNCLASSIFIED)
                         else Judgment.category == category)  # fmt: skip
        return self._ids(*where)

    @_remembered
    def filed(self, *, procedure: str | None = ...) -> list[int]:  # type: ignore[assignment]
        """收案: the case-number year is the scope's year (stats ``basis="filed"``)."""
        known = Judgment.case_year.is_not(None)
        if procedure is not ...:
            return self._value_ids("filed:procedure", Judgment.procedure, procedure, stats.UNKNOWN, known,
                                   basis="filed")
        q = select(Judgment.id).where(known, *stats._conditions(self.filters, basis="filed"))
        return list(self.session.scalars(q.order_by(Judgment.id)))

    @_remembered
    def field(self, label: str) -> list[int]:
        return self._value_ids("field", Judgment.field, label, stats.UNCLASSIFIED)

    @_remembered
    def outcome(self, label: str) -> list[int]:
        return self._value_ids("outcome", Judgment.outcome, label, stats.UNKNOWN)

    @_remembered
    def decided(self, agency: str | None = None) -> list[int]:
        where = (_litigation(), Judgment.agency_lost.is_not(None), _outcome_counts())
        return self._ids(*where) if agency is None else self._agency_ids("decided", agency, *where)

    @_remembered
    def lost(self, agency: str | None = None) -> list[int]:
        where = (_litigation(), Judgment.agency_lost.is_(True), _outcome_counts())
        return self._ids(*where) if agency is None else self._agency_ids("lost", agency, *where)

    @_remembered
    def head_known(self, agency: str | None = None) -> list[int]:
        if agency is None:  # stats counts the case-level value over every closed case
            return self._ids(Judgment.head_appeared.is_not(None))
        return self._agency_ids("head:known", agency, _litigation(), head="known")

    @_remembered
    def head_appeared(self, agency: str | None = None, *, appeared: bool = True) -> list[int]:
        if agency is None:
            return self._ids(Judgment.head_appeared.is_(appeared))
        head = "yes" if appeared else "no"
        return self._agency_ids(f"head:{head}", agency, _litigation(), head=head)

    @_remembered
    def nonlit(self, outcome: str | None = None, agency: str | None = None) -> list[int]:
        where: list[ColumnElement[bool]] = [Judgment.procedure == stats.NONLIT]
        if outcome == "other":
            where.append(or_(Judgment.outcome.is_(None), Judgment.outcome.not_in((stats.GRANTED, stats.REFUSED))))
        elif outcome is not None:
            where.append(Judgment.outcome == outcome)
        return self._ids(*where) if agency is None else self._agency_ids(("nonlit", outcome), agency, *where)

    @_remembered
    def agency_ids(self) -> list[int]:
        """Every judgment of the scope with at least one defendant agency (stats' agency rows)."""
        pa = stats._agency_parties()
        q = select(Judgment.id).join(pa, pa.c.jid == Judgment.id).where(*stats._conditions(self.filters))
        return list(dict.fromkeys(self.session.scalars(q.order_by(Judgment.id))))

    @_remembered
    def agency_cases(self, agency: str) -> list[int]:
        return self._agency_ids("cases", agency, _litigation())

    def findings(self, code: str) -> list[Any]:
        """The active findings of ``code`` in the scope's judgments (rows with judgment_id,
        sentence, source, span_start, id), read for every code at once: a white paper looks at
        the sentences of every defect it reports."""
        if self._findings is None:
            self._findings = {}
            for row in self.session.execute(
                select(Finding.code, Finding.judgment_id, Finding.sentence, Finding.source, Finding.span_start,
                       Finding.id)
                .join(Judgment, Judgment.id == Finding.judgment_id)
                .where(Finding.active.is_(True), *stats._conditions(self.filters))
            ):  # fmt: skip
                self._findings.setdefault(row.code, []).append(row)
        return self._findings.get(code, [])

    # turning ids into citations -------------------------------------------------------------------
    def cited(self, ids: list[int], sentence: str | None = None) -> list[Cited]:
        """Citations for ``ids`` (ordered by year, 案号), with the court's ``sentence`` of the given
        kind: ``outcome`` (the operative part), ``head`` (who appeared for the agency).

        The citations without a sentence are shared by every list of the scope (a white paper
        cites its 10,000 cases many times over): never change one, make a changed copy."""
        self._read_refs(ids)
        out = [self._refs[i] for i in sorted(ids, key=self._order.__getitem__)]
        if sentence:
            # a comment quotes the first MAX_QUOTED cases of a part and lists the rest by 案号:
            # read the sentences of those only (a white paper's 败诉 count may hold thousands)
            texts = _sentences(self.session, [c.judgment_id for c in out[:MAX_QUOTED]], sentence)
            out[:MAX_QUOTED] = [c.with_sentence(texts.get(c.judgment_id, "")) for c in out[:MAX_QUOTED]]
        return out

    def _read_refs(self, ids: list[int]) -> None:
        missing = [i for i in dict.fromkeys(ids) if i not in self._refs]
        if len(missing) > IN_CHUNK and not self._read_all:
            # a long list (a white paper's totals cite every case of the year): read the citations
            # of the whole scope in one query rather than one per IN_CHUNK ids
            self._read_all = True
            self._add_refs(select(*_REF_COLUMNS).where(*stats._conditions(self.filters)))
            missing = [i for i in missing if i not in self._refs]
        for k in range(0, len(missing), IN_CHUNK):
            self._add_refs(select(*_REF_COLUMNS).where(Judgment.id.in_(missing[k : k + IN_CHUNK])))

    def _add_refs(self, query: Select[Any]) -> None:
        for jid, document_id, case_number, court, judgment_date, doc_type in self.session.execute(query):
            self._refs[jid] = Cited(jid, document_id, case_number, court, judgment_date, doc_type)
            self._order[jid] = (judgment_date or date.min, case_number or "", jid)


_REF_COLUMNS = (Judgment.id, Judgment.document_id, Judgment.case_number, Judgment.court, Judgment.judgment_date,
                Judgment.doc_type)  # fmt: skip


def _split(rows: Iterable[Any]) -> dict[Any, list[int]]:
    """(key, judgment id) rows, ordered by id → key → its ids in that order, each once."""
    out: dict[Any, dict[int, None]] = {}
    for key, jid in rows:
        out.setdefault(key, {})[jid] = None
    return {key: list(ids) for key, ids in out.items()}


_HEAD_SENTENCE = re.compile(r"[^。]*(?:到庭|出庭|应诉)[^。]*。")


def _sentences(session: Session, ids: list[int], kind: str) -> dict[int, str]:
    out: dict[int, str] = {}
    for k in range(0, len(ids), IN_CHUNK):
        chunk = ids[k : k + IN_CHUNK]
        rows = session.execute(
            select(Judgment.id, Judgment.parsed, Document.text)
            .join(Document, Document.id == Judgment.document_id)
            .where(Judgment.id.in_(chunk))
        )
        for jid, parsed, text in rows:
            parsed = parsed or {}
            if kind == "outcome":
                detail = parsed.get("outcome_detail") or {}
                out[jid] = operative(detail.get("sentence"))
            elif kind == "head":
                ev = parsed.get("head_evidence")
                if not ev:
                    proc = _section(parsed, text, "审理经过")
                    m = _HEAD_SENTENCE.search(proc)
                    ev = m.group(0) if m else ""
                out[jid] = squeeze(ev)
    return out


def _section(parsed: dict[str, Any], text: str, name: str) -> str:
    for s in parsed.get("sections") or []:
        if s.get("name") == name:
            span = s.get("span") or {}
            return text[span.get("start", 0) : span.get("end", 0)]
    return ""


# -- one case, summarised (典型案例) -----------------------------------------------------------------

_FIRST_SENTENCE = re.compile(r"^.*?。")


@dataclass
class CaseFacts:
    """A case for 五、典型案例 (names still in; the document's anonymiser masks them)."""

    judgment_id: int
    case_number: str | None
    court: str | None
    date_text: str
    procedure: str | None
    category: str | None
    doc_type: str | None
    plaintiffs: list[str]
    agencies: list[str]
    background: str  # 审理经过 (first sentence) + 查明 (first sentences)
    holding: str  # the court's sentence on the defect
    result: str  # 主文
    background_source: str  # the sentences quoted for 基本案情
    defects: list[str] = field(default_factory=list)

    def title(self) -> str:
        who = self.plaintiffs[0] if self.plaintiffs else "当事人"
        if len(self.plaintiffs) > 1:
            who += f"等{len(self.plaintiffs)}人"
        agency = self.agencies[0] if self.agencies else "行政机关"
        if len(self.agencies) > 1:
            agency += "等"
        cat = self.category or "行政"
        if self.procedure == stats.NONLIT:
            return f"{agency}申请执行{who}{cat}决定案"
        return f"{who}诉{agency}{cat}案"


_PROCEDURAL = re.compile(r"立案|受理后|起诉状副本|应诉通知|合议庭|开庭|审理终结|到庭参加诉讼")


def _drop_procedure(sentence: str) -> str:
    """The first sentence of 审理经过 without the court's own steps (立案、送达、开庭 …)."""
    clauses = sentence.rstrip("。").split("，")
    kept: list[str] = []
    for c in clauses:
        if _PROCEDURAL.search(c) and kept:
            break
        kept.append(c)
    return "，".join(kept) + "。"


def case_facts(session: Session, judgment_id: int, holding: str) -> CaseFacts:
    row = session.get(Judgment, judgment_id)
    if row is None:
        raise DocumentError(f"未找到编号为 {judgment_id} 的裁判文书")
    parsed = row.parsed or {}
    text = row.document.text
    plaintiffs = [p.name for p in row.parties if p.side == "plaintiff"]
    agencies = list(dict.fromkeys(p.agency_name or p.name for p in row.parties if p.side == "defendant" and p.is_agency))
    course = squeeze(_section(parsed, text, "审理经过"))
    m = _FIRST_SENTENCE.match(course)
    first = _drop_procedure(m.group(0) if m else course[:150])
    found = squeeze(_section(parsed, text, "查明"))
    found_sents = re.findall(r"[^。]*。", found)[:3]
    found_text = "".join(found_sents)[:400]
    court = row.court or "人民法院"
    background = first.replace("向本院", f"向{court}").replace("本院", court)
    found_text = re.sub(r"^(?:经审理查明|本院(?:经审理)?(?:查明|认定(?:事实)?如下|确认以下事实))[：:，,]?", "", found_text)
    if found_text and not found_text.startswith("的") and not re.match(r"[^。]*一致[^。]*。", found_text):
        background += "经审理查明：" + found_text
    detail = parsed.get("outcome_detail") or {}
    return CaseFacts(
        judgment_id=row.id, case_number=row.case_number, court=row.court,
        date_text=cn_date(row.judgment_date) or "裁判日期未载明", procedure=row.procedure, category=row.category,
        doc_type=row.doc_type, plaintiffs=plaintiffs, agencies=agencies, background=background,
        holding=squeeze(holding), result=operative(detail.get("sentence")),
        background_source=first + found_text,
        defects=sorted({f.code for f in row.findings if f.active}),
    )  # fmt: skip


def related_ids(items: list[Any]) -> list[int]:
    return sorted({i.judgment_id for i in items})

