"""Pieces shared by the three document types."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy.orm import Session

from docgen import stats
from docgen.blobs import BlobStore
from docgen.documents.anonymize import Anonymizer
from docgen.documents.builder import DocxWriter
from docgen.documents.evidence import IN_CHUNK, Cited, Evidence, Part, Scope, checked, squeeze
from docgen.documents.render import Rendered, cn_index

__all__ = ["GeneratedDraft", "RiskTarget", "Target", "cn_index", "defect_part", "finish", "today"]



@dataclass
class GeneratedDraft:
    draft_id: int
    version: int
    kind: str  # suggestion | risk_alert | whitepaper
    title: str
    number: str | None
    path: Path
    sha256: str
    claims: int  # Word comments on factual claims


@dataclass
class Target:
    """An agency whose cases show one defect recurring at least ``min_count`` times."""

    agency: str
    code: str
    code_name: str
    count: int
    cases: list[dict[str, Any]] = field(default_factory=list)  # {case_number, judgment_id, sentence}

    def to_dict(self) -> dict[str, Any]:
        return {"agency": self.agency, "code": self.code, "code_name": self.code_name, "count": self.count,
                "cases": self.cases}  # fmt: skip


@dataclass
class RiskTarget:
    """An agency whose figures cross the risk thresholds (risk.yaml)."""

    agency: str
    risks: list[dict[str, Any]] = field(default_factory=list)  # {kind, description, value, threshold, cases, …}

    def to_dict(self) -> dict[str, Any]:
        return {"agency": self.agency, "risks": self.risks}


P = ParamSpec("P")
R = TypeVar("R")


def gc_paused(build: Callable[P, R]) -> Callable[P, R]:
    """``build`` with Python's cyclic garbage collector paused (and resumed after, unless the
    caller had paused it).

    A 10,000-case white paper makes some 10^5 short-lived objects (rows, citations, XML
    elements) that reference counting frees as it goes; meanwhile the collector would run full
    passes over everything the process holds (in a worker that has loaded the NLP models, each
    pass ~0.1 s: some 10 % of the run) and find next to nothing.  Cycles made during the build
    are collected once it is back on."""

    @functools.wraps(build)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return build(*args, **kwargs)
        gc.disable()
        try:
            return build(*args, **kwargs)
        finally:
            gc.enable()

    return paused


def today() -> date:
    """The 成文日期 (tests replace this to compare drafts across days)."""
    return date.today()


def date_text(d: date) -> str:
    """GB/T 9704-2012 7.3.5.3: Arabic numerals, no leading zeros: 2024年7月1日."""
    return f"{d.year}年{d.month}月{d.day}日"


def defect_part(scope: Scope, dc: stats.DefectCount, label: str | None = None) -> Part:
    """The cases of one stats DefectCount, each with the court's sentence, checked against the count."""
    sentence = {i.judgment_id: i.sentence for i in dc.items}
    cited = [c.with_sentence(squeeze(sentence.get(c.judgment_id)))
             for c in scope.cited([i.judgment_id for i in dc.items])]
    return Part(label or f"法院认定“{dc.name}”的案件", dc.cases, checked(dc.name, cited, dc.cases), quote=True)


def count_part(scope: Scope, label: str, ids: list[int], figure: int, *, sentence: str | None = None) -> Part:
    cases: list[Cited] = scope.cited(ids, sentence)
    return Part(label, figure, checked(label, cases, figure), quote=bool(sentence))


def evidence(*parts: Part, note: str = "") -> Evidence:
    return Evidence(list(parts), note)


def anonymizer_for(session: Session, judgment_ids: list[int], protected: list[str] | None = None) -> Anonymizer:
    return Anonymizer.from_session(session, judgment_ids, protected or [])


def finish(session: Session, blobs: BlobStore, out_dir: Path, writer: DocxWriter, *, kind: str, title: str,
           number: str | None, court: str | None, agency: str | None, year: int | None, params: dict[str, Any],
           created_by: str | None, filename: str) -> GeneratedDraft:
    from docgen.documents.drafts import record_draft, safe_filename
    from docgen.fsutil import atomic_write

    data = writer.to_bytes()
    name = safe_filename(filename)
    path = Path(out_dir) / name
    atomic_write(path, data)
    draft, version = record_draft(session, blobs, kind=kind, title=title, number=number, court=court,
                                  agency=agency, year=year, params=params, created_by=created_by, data=data,
                                  filename=name)  # fmt: skip
    return GeneratedDraft(draft.id, version.version, kind, title, number, path, version.sha256, writer.claims)


def all_cited_ids(rendered: Rendered) -> list[int]:
    return sorted({c.judgment_id for ev in rendered.claims for c in ev.cases})


def quoted_ids(rendered: Rendered) -> list[int]:
    """The cases whose own words a document quotes (a count's comment lists only 案号, which name
    no one): the judgments whose people the anonymiser must know."""
    return sorted({c.judgment_id for ev in rendered.claims for p in ev.parts if p.quote for c in p.cases})


def examples(scope: Scope, part: Part, code: str, limit: int,
             best: dict[int, tuple[str, int]] | None = None) -> list[Cited]:
    """Up to ``limit`` cases of ``part`` to show as typical examples, each with the court's most
    telling sentence for ``code`` (a reasoning sentence rather than a bare statute citation).
    ``best``: :func:`best_sentences` of the part's cases, when the caller has it already."""
    if best is None:
        best = best_sentences(scope.session, [c.judgment_id for c in part.cases], code)
    order = sorted(range(len(part.cases)), key=lambda i: (best.get(part.cases[i].judgment_id, ("", 9))[1], i))
    out = []
    for c in (part.cases[i] for i in order):
        sentence, rank = best.get(c.judgment_id, (c.sentence, 9))
        if sentence and rank == 0:  # a bare "依照…判决如下" citation shows nothing: not an example
            out.append(c.with_sentence(sentence))
        if len(out) == limit:
            break
    return out


_OPERATIVE = ("判决如下", "裁定如下", "依照《", "依据《", "根据《")


def best_sentences(session: Session, judgment_ids: list[int], code: str) -> dict[int, tuple[str, int]]:
    """judgment → (sentence, rank) of its best active finding of ``code`` (rank 0 best)."""
    from sqlalchemy import select

    from docgen.db.models import Finding

    ids = sorted(set(judgment_ids))
    rows = []
    for k in range(0, len(ids), IN_CHUNK):  # a white paper's defect may have thousands of cases
        rows += session.execute(
            select(Finding.judgment_id, Finding.sentence, Finding.source, Finding.span_start, Finding.id)
            .where(Finding.judgment_id.in_(ids[k : k + IN_CHUNK]), Finding.code == code, Finding.active.is_(True))
        ).all()
    return best_of(rows)


def best_of(findings: list[Any]) -> dict[int, tuple[str, int]]:
    """:func:`best_sentences` of the given findings of one code (rows with judgment_id, sentence,
    source, span_start and id)."""
    out: dict[int, tuple[str, int]] = {}
    # each finding's rank once (a white paper ranks thousands); ranks are unique (finding id)
    for key, r in sorted(((_rank(r), r) for r in findings), key=itemgetter(0)):
        if r.judgment_id not in out:
            out[r.judgment_id] = (squeeze(r.sentence), key[0])
    return out


def _rank(r: Any) -> tuple[int, int, int]:
    """A reasoning sentence (0) before a bare citation of a statute or the operative part (1)
    before none (2); then the earlier in the text."""
    s = r.sentence or ""
    bare = r.source == "statute" or s.startswith(_OPERATIVE) or "如下" in s[-6:]
    return (2 if not s else 1 if bare else 0, r.span_start if r.span_start is not None else 1 << 30, r.id)
