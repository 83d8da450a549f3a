"""Typed results of the parsing pipeline.

Every extracted fact is a small dataclass that carries a character span back into the
cleaned text of the document (``Judgment.text``), so a reviewer — and every later stage —
can always see the sentence a fact came from.  ``None`` means "the text does not say";
the parser never guesses.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

# Vocabularies (same values as ../shared/realdata/LABELS.md)
DOC_TYPES = ("判决书", "裁定书", "决定书", "调解书", "其他")
PROCEDURES = ("一审", "二审", "再审", "再审审查", "非诉执行审查", "其他")
OUTCOMES = (
    "撤销", "部分撤销", "确认违法", "确认无效", "责令履行", "变更", "驳回诉讼请求", "驳回起诉",
    "维持原判", "改判", "发回重审", "驳回再审申请", "准予执行", "不准予执行", "赔偿", "其他",
)
SECTION_NAMES = ("首部", "当事人", "审理经过", "诉称", "辩称", "查明", "本院认为", "主文", "尾部")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


@dataclass
class CaseNumber:
    raw: str
    normalized: str  # brackets as （）, no spaces, e.g. （2019）豫03行初516号
    year: int | None
    court_code: str | None  # 豫03, 最高法, 渝一中法 …
    type_code: str | None  # 行初, 行终, 行再, 行申, 行审, 行赔初 …
    seq: str | None
    span: Span | None = None


@dataclass
class Person:
    """A natural person attached to a party: 法定代表人/负责人/出庭负责人/委托代理人."""

    name: str
    kind: str  # 法定代表人 | 负责人 | 出庭负责人 | 委托代理人 | 诉讼代表人
    title: str | None = None  # 局长, 副局长, 律师, 工作人员 …
    is_head: bool = False  # the agency's 正职 or 副职 负责人
    span: Span | None = None


@dataclass
class Party:
    role: str  # normalised: 原告 | 被告 | 第三人 | 申请执行人 | 被执行人
    role_raw: str  # as written: 上诉人（原审原告） …
    name: str
    side: str  # "plaintiff" | "defendant" | "third"
    is_agency: bool
    is_person: bool
    people: list[Person] = field(default_factory=list)
    span: Span | None = None


@dataclass
class Section:
    name: str  # one of SECTION_NAMES
    span: Span


@dataclass
class Statute:
    law: str  # 中华人民共和国行政诉讼法 (full name, 《》 stripped)
    article: int | None
    paragraph: int | None = None
    item: int | None = None
    raw: str = ""
    span: Span | None = None


@dataclass
class Outcome:
    label: str  # one of OUTCOMES
    agency_lost: bool | None
    sentence: str  # the operative sentence it came from
    span: Span | None = None
    alternatives: list[str] = field(default_factory=list)


@dataclass
class Finding:
    """A defect the court found in the agency's conduct, with the sentence that proves it."""

    code: str  # EVIDENCE, LAW, PROCEDURE, … (docgen/data/defects.yaml)
    sentence: str  # the court's own sentence
    span: Span  # of the sentence in Judgment.text
    section: str  # 本院认为 | 主文
    confidence: float
    source: str = "pattern"  # pattern | statute | model | correction
    reason: str = ""  # which pattern / statute / features fired


@dataclass
class Prediction:
    """A label with how sure docgen is and why (a rule's name or a model's top features)."""

    label: str
    confidence: float
    source: str  # rule | model | correction
    reason: str = ""
    alternatives: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class Judgment:
    text: str  # cleaned text all spans point into
    title: str | None = None
    court: str | None = None
    doc_type: str | None = None
    case_number: CaseNumber | None = None
    procedure: str | None = None
    parties: list[Party] = field(default_factory=list)
    head_appeared: bool | None = None
    head_evidence: str | None = None
    sections: list[Section] = field(default_factory=list)
    outcome: Outcome | None = None
    statutes: list[Statute] = field(default_factory=list)
    judgment_date: date | None = None
    judges: list[str] = field(default_factory=list)
    clerk: str | None = None
    warnings: list[str] = field(default_factory=list)
    # analysis (docgen.nlp.analyze): filled after parsing
    category: Prediction | None = None
    domain: Prediction | None = None  # 管理领域 ("field" in LABELS.md)
    findings: list[Finding] = field(default_factory=list)

    # -- convenience -------------------------------------------------------------------------
    def section(self, name: str) -> Section | None:
        for s in self.sections:
            if s.name == name:
                return s
        return None

    def section_text(self, name: str) -> str:
        s = self.section(name)
        return s.span.text(self.text) if s else ""

    @property
    def agency_lost(self) -> bool | None:
        return self.outcome.agency_lost if self.outcome else None

    @property
    def plaintiffs(self) -> list[str]:
        return [p.name for p in self.parties if p.side == "plaintiff"]

    @property
    def defendants(self) -> list[str]:
        return [p.name for p in self.parties if p.side == "defendant"]

    @property
    def agencies(self) -> list[str]:
        return [p.name for p in self.parties if p.side == "defendant" and p.is_agency]

    @property
    def year(self) -> int | None:
        if self.judgment_date:
            return self.judgment_date.year
        if self.case_number and self.case_number.year:
            return self.case_number.year
        return None

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """Plain JSON-able dict; vocabulary and field names follow LABELS.md."""
        d = asdict(self)
        if not include_text:
            d.pop("text")
        d["case_number"] = self.case_number.normalized if self.case_number else None
        d["case_number_parts"] = asdict(self.case_number) if self.case_number else None
        d["outcome"] = self.outcome.label if self.outcome else None
        d["outcome_detail"] = asdict(self.outcome) if self.outcome else None
        d["agency_lost"] = self.agency_lost
        d["judgment_date"] = self.judgment_date.isoformat() if self.judgment_date else None
        d["plaintiffs"] = self.plaintiffs
        d["defendants"] = self.defendants
        return d
