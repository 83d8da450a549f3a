"""Defects with proof: which defects the COURT found in the agency's action, and the sentence.

``find_defects(j)`` reads only the court's own reasoning — the 本院认为 section and the 主文 (for
edited case reports without those sections, the paragraphs where a court "认为"), split into
sentences (``docgen.nlp.sentences``) — and returns at most one ``Finding`` per defect code, the
best one, in text order.

It is a spaCy pipeline (``spacy.blank("zh")`` with the jieba segmenter, built once per process)
of registered, configurable components; everything a lawyer would change is data in
``docgen/data/defects.yaml``:

``defect_sentencizer``  sentence boundaries from ``docgen.nlp.sentences`` (。！？；, paragraph breaks)
``defect_matcher``      the taxonomy's set phrases (PhraseMatcher; the segmenter keeps each phrase
                        one token) and phrasings with gaps (regular expressions)
``defect_statutes``     the court's legal basis as evidence: 行政诉讼法第七十条第（一）…（六）项,
                        第七十四条第一款第（二）项, 第七十二条 …, the 1989 law's 第五十四条 with its 目,
                        and "违反《行政强制法》第四十四条"-style violations
``defect_context``      negation and hedging ("不违反法定程序", "是否…", "如果…"), allegations
                        ("原告主张…", "…的上诉理由不能成立"), earlier courts' findings ("一审判决
                        认定事实不清…应予纠正"), long quotations, and who the clause is about
``defect_classifier``   a sentence classifier (TF-IDF character n-grams → logistic regression,
                        calibrated) trained on hand-written sentences
                        (``docgen/data/defect_sentences.jsonl``): it vetoes weak pattern hits,
                        raises or lowers confidences, and adds findings the patterns miss when it
                        is very sure

Selection (``select_findings``): a candidate survives when no cue vetoed it; a specific code makes a
generic one redundant where the taxonomy says so (``subsumes``: 程序轻微违法 over 程序违法, a 强拆 or
征收 sentence over its "违反法定程序", 信息公开 over the 第七十条 grounds cited for it); per code the
evidence is the court's own sentence in preference to its citation of the legal basis, and
independent kinds of evidence (phrase + statute) raise the confidence.

Public API: ``find_defects(j) -> list[Finding]``; ``candidates(j)`` (every candidate with its veto,
for inspection), ``select_findings``; ``nlp_pipeline()``; ``taxonomy()``, ``defect_codes()``,
``code_name(code)``; ``sentence_model()``, ``train_sentence_model()``, ``classify_sentences(texts)``;
``find_citations(text)``; ``reasoning_zones(j)``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from docgen.model import Finding, Judgment
from docgen.model import Span as TextSpan
from docgen.nlp.clean import cn_to_int
from docgen.nlp.patterns import load_yaml
from docgen.nlp.sentences import Sentence, clause_bounds, quote_regions, split_sentences

log = logging.getLogger(__name__)

TAXONOMY_FILE = "defects.yaml"
TRAINING_FILE = "defect_sentences.jsonl"
MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
MODEL_FILE = MODEL_DIR / "defect_sentences.joblib"
NONE = "NONE"

# =============================================================================================
# taxonomy (docgen/data/defects.yaml)
# =============================================================================================


@dataclass(frozen=True)
class PatternSpec:
    id: str
    codes: tuple[str, ...]
    regex: re.Pattern[str]
    confidence: float
    subject: str | None = None  # "agency": the clause must be about the agency or its act
    unless: re.Pattern[str] | None = None
    requires: re.Pattern[str] | None = None
    excludes: re.Pattern[str] | None = None
    doc_requires: re.Pattern[str] | None = None
    sections: tuple[str, ...] = ()
    weak: bool = False
    unless_scope: str = "after"  # after: the rest of the clause from the match; clause: all of it
    # sentence: the clause's grammatical subject, looking back through the period sentence;
    # clause: it must be in the match's own clause; nearest: the last party named before the match
    # in its clause ("被告认定原告未经批准…": 原告 did not get approval)
    subject_scope: str = "sentence"


@dataclass(frozen=True)
class StatuteSpec:
    code: str
    law: str
    article: int
    exclude: str | None = None
    require: str | None = None
    para: int | None = None
    item: int | None = None
    mu: int | None = None
    para_optional: bool = False
    since: date | None = None
    until: date | None = None

    def matches(self, c: Citation, when: date | None) -> bool:
        if not _law_matches(c.law, self.law, self.exclude, self.require) or c.article != self.article:
            return False
        if not _date_ok(when, self.since, self.until):
            return False
        if self.para is not None and c.para != self.para and not (self.para_optional and c.para is None):
            return False
        if self.item is not None and c.item != self.item:
            return False
        return self.mu is None or self.mu in c.mus


@dataclass(frozen=True)
class ViolationSpec:
    code: str
    law: str
    articles: tuple[int, ...]
    exclude: str | None = None
    since: date | None = None
    until: date | None = None

    def matches(self, c: Citation, when: date | None) -> bool:
        return (_law_matches(c.law, self.law, self.exclude, None)
                and (not self.articles or c.article in self.articles)
                and _date_ok(when, self.since, self.until))


@dataclass(frozen=True)
class CodeInfo:
    code: str
    name: str
    basis: str


@dataclass(frozen=True)
class Taxonomy:
    version: int
    codes: dict[str, CodeInfo]
    phrases: dict[str, tuple[str, float]]  # phrase → (code, confidence)
    patterns: tuple[PatternSpec, ...]
    statutes: tuple[StatuteSpec, ...]
    violations: tuple[ViolationSpec, ...]
    cues: dict[str, re.Pattern[str]]
    subsumes: dict[str, dict[str, tuple[str, ...]]]
    default_confidence: float
    statute_confidence: float


def _law_matches(law: str, want: str, exclude: str | None, require: str | None) -> bool:
    if want not in law:
        return False
    if exclude and exclude in law:
        return False
    return not require or require in law


def _date_ok(when: date | None, since: date | None, until: date | None) -> bool:
    if when is None:
        return True
    if since and when < since:
        return False
    return not (until and when >= until)


def _as_date(v: Any) -> date | None:
    if v is None:
        return None
    return v if isinstance(v, date) else date.fromisoformat(str(v))


def _rx(v: str | None) -> re.Pattern[str] | None:
    return re.compile(v) if v else None


@cache
def taxonomy(name: str = TAXONOMY_FILE) -> Taxonomy:
    """The defect taxonomy, patterns and cues of ``docgen/data/<name>`` (parsed once)."""
    data = load_yaml(name)
    default = float(data.get("default_confidence", 0.8))
    codes: dict[str, CodeInfo] = {}
    phrases: dict[str, tuple[str, float]] = {}
    patterns: list[PatternSpec] = []
    statutes: list[StatuteSpec] = []
    violations: list[ViolationSpec] = []
    for code, spec in data["codes"].items():
        codes[code] = CodeInfo(code, spec["name"], spec.get("basis", ""))
        for ph in spec.get("phrases") or []:
            phrases[ph] = (code, default)
        for p in spec.get("patterns") or []:
            patterns.append(PatternSpec(
                id=p["id"], codes=tuple(p.get("codes") or [code]), regex=re.compile(p["regex"]),
                confidence=float(p.get("confidence", default)), subject=p.get("subject"),
                unless=_rx(p.get("unless")), requires=_rx(p.get("requires")), excludes=_rx(p.get("excludes")),
                doc_requires=_rx(p.get("doc_requires")), sections=tuple(p.get("sections") or ()),
                weak=bool(p.get("weak", False)), unless_scope=p.get("unless_scope", "after"),
                subject_scope=p.get("subject_scope", "sentence")))
        for s in spec.get("statutes") or []:
            statutes.append(StatuteSpec(
                code=code, law=s["law"], article=int(s["article"]), exclude=s.get("exclude"),
                require=s.get("require"), para=s.get("para"), item=s.get("item"), mu=s.get("mu"),
                para_optional=bool(s.get("para_optional", False)), since=_as_date(s.get("since")),
                until=_as_date(s.get("until"))))
        for v in spec.get("violations") or []:
            violations.append(ViolationSpec(
                code=code, law=v["law"], articles=tuple(v.get("articles") or ()), exclude=v.get("exclude"),
                since=_as_date(v.get("since")), until=_as_date(v.get("until"))))
    cues = {k: re.compile(v) for k, v in data["cues"].items()}
    subsumes = {k: {kind: tuple(vs) for kind, vs in v.items()} for k, v in (data.get("subsumes") or {}).items()}
    return Taxonomy(int(data.get("version", 1)), codes, phrases, tuple(patterns), tuple(statutes),
                    tuple(violations), cues, subsumes, default, float(data.get("statute_confidence", 0.85)))


def defect_codes() -> tuple[str, ...]:
    return tuple(taxonomy().codes)


def code_name(code: str) -> str:
    info = taxonomy().codes.get(code)
    return info.name if info else code


# =============================================================================================
# statute citations (with the 目 of the 1989 law, and without 《》)
# =============================================================================================

_NUM = r"[一二三四五六七八九十百零〇两\d]+"
_LAW_NAME = re.compile(
    r"《(?P<a>[^《》\n]{2,60}?(?:〈[^〈〉]{2,40}〉|<[^<>]{2,40}>|《[^《》]{2,40}》)?[^《》\n]{0,30}?)》"
    r"|(?P<b>(?:中华人民共和国)?(?:行政诉讼法|行政处罚法|行政强制法|行政许可法|土地管理法|政府信息公开条例"
    r"|国有土地上房屋征收与补偿条例|土地管理法实施条例))(?=\s*第)")
_ARTICLE = re.compile(rf"\s*第\s*(?P<art>{_NUM})\s*条(?:\s*之\s*{_NUM})?")
_PARA = re.compile(rf"\s*第\s*(?P<n>{_NUM})\s*款")
_ITEMS = re.compile(
    rf"\s*(?:第\s*)?[（(]?\s*(?P<n>{_NUM})\s*[）)]?(?P<more>(?:\s*[、和及]\s*(?:第\s*)?[（(]?\s*{_NUM}\s*[）)]?)*)\s*项")
_MUS = re.compile(rf"\s*(?:第\s*)?(?P<n>{_NUM})(?P<more>(?:\s*[、和及]\s*(?:第\s*)?{_NUM})*)\s*目")
_SEP = re.compile(r"\s*(?:[、和及与]|以及)\s*")
_NUMS = re.compile(_NUM)


@dataclass(frozen=True)
class Citation:
    law: str
    article: int
    para: int | None
    item: int | None
    mus: tuple[int, ...]
    start: int  # the law name (or the article for a continued list)
    end: int
    article_start: int


def find_citations(text: str, start: int = 0, end: int | None = None) -> list[Citation]:
    """Statute citations in ``text[start:end]``: one per (article, 款, 项) with the 目 listed."""
    end = len(text) if end is None else end
    out: list[Citation] = []
    for lm in _LAW_NAME.finditer(text, start, end):
        law = re.sub(r"\s", "", lm.group("a") or lm.group("b"))
        pos = lm.end()
        first = True
        while True:
            am = _ARTICLE.match(text, pos, end)
            if not am and not first:
                sep = _SEP.match(text, pos, end)
                if sep:
                    am = _ARTICLE.match(text, sep.end(), end)
            if not am:
                break
            article = cn_to_int(am.group("art"))
            pos = am.end()
            para: int | None = None
            entries: list[tuple[int | None, int | None, list[int]]] = []
            while True:  # 款 / 项 / 目, each possibly after 、
                probe = pos
                sep = _SEP.match(text, probe, end)
                if sep and entries:
                    probe = sep.end()
                pm = _PARA.match(text, probe, end)
                if pm:
                    para = cn_to_int(pm.group("n"))
                    pos = pm.end()
                    continue
                im = _ITEMS.match(text, probe, end)
                if im and not re.match(r"\s*第?\s*[（(]?\s*" + _NUM + r"\s*[）)]?\s*条", text[probe:im.end()]):
                    nums = [cn_to_int(im.group("n"))] + [cn_to_int(x) for x in _NUMS.findall(im.group("more"))]
                    entries.extend((para, n, []) for n in nums)
                    pos = im.end()
                    continue
                mm = _MUS.match(text, probe, end)
                if mm and entries:
                    nums = [cn_to_int(mm.group("n"))] + [cn_to_int(x) for x in _NUMS.findall(mm.group("more"))]
                    entries[-1][2].extend(n for n in nums if n is not None)
                    pos = mm.end()
                    continue
                break
            if article is not None:
                for p, it, mus in entries or [(para, None, [])]:
                    out.append(Citation(law, article, p if p is not None else para, it, tuple(mus),
                                        lm.start() if first else am.start(), pos, am.start()))
            first = False
    return out


# =============================================================================================
# per-document context
# =============================================================================================

_ROLE_WORDS = ("原审被告", "原审原告", "原审第三人", "一审被告", "一审原告", "再审申请人", "再审被申请人", "申请执行人",
               "被执行人", "被上诉人", "上诉人", "被申请人", "申请人", "被告", "原告", "第三人")
_ROLE_DEFAULT = {"原审被告": "agency", "一审被告": "agency", "被告": "agency", "申请执行人": "agency",
                 "原审原告": "citizen", "一审原告": "citizen", "原告": "citizen", "第三人": "citizen",
                 "原审第三人": "citizen", "被执行人": "citizen", "再审申请人": "citizen", "申请人": "citizen"}


@dataclass
class Mention:
    start: int  # absolute
    end: int
    kind: str  # agency | citizen | generic ("行政机关" in a statement of the law) | unknown


@dataclass(frozen=True)
class Literals:
    """``re.compile("|".join(map(re.escape, words))).finditer``, for a document's own words (its
    parties' names): the same matches (leftmost; at one place the first word listed), without
    compiling a pattern per document, which cost more than finding them."""

    words: tuple[str, ...]

    def finditer(self, text: str, lo: int, hi: int) -> Iterator[tuple[int, int, str]]:
        hits: list[tuple[int, int]] = []
        for rank, w in enumerate(self.words):
            i = text.find(w, lo, hi)
            while i >= 0:
                hits.append((i, rank))
                i = text.find(w, i + 1, hi)
        hits.sort()
        end = lo
        for i, rank in hits:
            if i >= end:
                w = self.words[rank]
                end = i + len(w)
                yield i, end, w


@dataclass
class DocContext:
    """What the components need to know about the judgment beyond one stretch of text."""

    text: str  # j.text
    procedure: str | None = None
    agency_lost: bool | None = None
    when: date | None = None
    mention_rx: Literals | None = None
    mention_kind: dict[str, str] = field(default_factory=dict)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    doc_flags: dict[str, bool] = field(default_factory=dict)
    _mentions: dict[tuple[int, int], list[Mention]] = field(default_factory=dict)

    def doc_matches(self, rx: re.Pattern[str]) -> bool:
        key = rx.pattern
        if key not in self.doc_flags:
            self.doc_flags[key] = bool(rx.search(self.text))
        return self.doc_flags[key]

    def in_long_quote(self, start: int, end: int, limit: int = 16) -> bool:
        for a, b in self.quotes:
            if a <= start and end <= b:
                return b - a > limit
            if a > start:
                break
        return False

    def mentions(self, lo: int, hi: int) -> list[Mention]:
        """Mentions of the agency / the other side in ``text[lo:hi]`` (absolute offsets)."""
        key = (lo, hi)
        found = self._mentions.get(key)
        if found is not None:
            return found
        out: list[Mention] = []
        tax = taxonomy()
        if self.mention_rx is not None:
            for a, b, word in self.mention_rx.finditer(self.text, lo, hi):
                out.append(Mention(a, b, self.mention_kind.get(word, "unknown")))
        covered = [(m.start, m.end) for m in out]

        def free(a: int, b: int) -> bool:
            return all(b <= s or a >= e for s, e in covered)

        for kind, rx in (("generic", tax.cues["generic_words"]), ("citizen", tax.cues["citizen_words"]),
                         ("agency", tax.cues["agency_words"])):
            for m in rx.finditer(self.text, lo, hi):
                if free(m.start(), m.end()):
                    out.append(Mention(m.start(), m.end(), kind))
                    covered.append((m.start(), m.end()))
        out.sort(key=lambda x: x.start)
        # a role word followed directly by a name: the name decides ("上诉人沈阳市某局")
        merged: list[Mention] = []
        for m in out:
            if merged and merged[-1].end == m.start and self.text[merged[-1].start:merged[-1].end] in _ROLE_WORDS:
                prev = merged[-1]
                kind = m.kind if m.kind != "unknown" else prev.kind
                merged[-1] = Mention(prev.start, m.end, kind)
            else:
                merged.append(m)
        self._mentions[key] = merged
        return merged


def _strip_place(name: str) -> list[str]:
    """Short forms courts use for an agency: the full name, and the name without province/city."""
    out = {name}
    m = re.match(r"^(?:[\u4e00-\u9fa5]{2,8}?(?:省|自治区|市))?(?:[\u4e00-\u9fa5]{1,8}?(?:市|州|盟))?(.+)$", name)
    if m and len(m.group(1)) >= 3:
        out.add(m.group(1))
    return [x for x in out if len(x) >= 2]


def document_context(j: Judgment) -> DocContext:
    ctx = DocContext(text=j.text, procedure=j.procedure, agency_lost=j.agency_lost, when=j.judgment_date)
    kinds: dict[str, str] = {}
    role_kinds: dict[str, set[str]] = {}
    for p in j.parties:
        kind = "agency" if p.is_agency else "citizen"
        name = re.sub(r"[（(][^）)]*[）)]", "", p.name).strip()
        for n in _strip_place(name):
            kinds.setdefault(n, kind)
        for r in {p.role, re.sub(r"[（(].*$", "", p.role_raw)}:
            role_kinds.setdefault(r, set()).add(kind)
        # 上诉人（原审被告）: the original role too
        for orig in re.findall(r"(?:原审|一审|二审)?(?:被告|原告|第三人|上诉人|被上诉人)", p.role_raw):
            role_kinds.setdefault(orig, set()).add(kind)
    # "（以下简称某某局）" aliases
    for m in re.finditer(r"([\u4e00-\u9fa5（）()]{2,40}?)[（(](?:以下)?(?:简称|下称)[：:]?[“\"]?([^”\"）)，,]{2,14})[”\"]?[）)]",
                         j.text[: min(len(j.text), 6000)]):
        full, short = m.group(1), m.group(2)
        for name, kind in list(kinds.items()):
            if full.endswith(name) or name.endswith(full[-6:]):
                kinds.setdefault(short, kind)
                break
    for r in _ROLE_WORDS:
        ks = role_kinds.get(r)
        if ks and len(ks) == 1:
            kinds[r] = next(iter(ks))
        elif ks:
            kinds[r] = "unknown"
        else:
            kinds[r] = _ROLE_DEFAULT.get(r, "unknown")
    names = sorted((n for n in kinds if n), key=len, reverse=True)
    ctx.mention_rx = Literals(tuple(names)) if names else None
    ctx.mention_kind = kinds
    ctx.quotes = quote_regions(j.text)
    return ctx


# =============================================================================================
# where the court reasons
# =============================================================================================

_COURT_ZONE = re.compile(r"^(?:[^，。：:\n]{0,40}?|[^，。：:\n]{1,8}[，,]\s*)(?:法院|本院)[^，。：:\n]{0,12}?认为(?:[：:，,]|$)"
                         r"|^法院生效裁判认为")
_OWN_ZONE = re.compile(r"^(?:[^，。：:\n]{0,12}?|[^，。：:\n]{1,8}[，,]\s*)本院[^，。：:\n]{0,12}?认为")
_ZONE_STOP = re.compile(r"^(?:【|\[|评析|笔者|(?:一审|二审)?宣判后|[^，。\n]{0,40}?不服[^，。\n]{0,40}?(?:上诉|申请再审))")
_RESULT_LINE = re.compile(r"(?:判决|裁定)(?:如下)?[：:]|作出[^。\n]{0,80}?(?:判决|裁定)。")


def _paragraphs(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out = []
    pos = lo
    for line in text[lo:hi].split("\n"):
        s = pos + len(line) - len(line.lstrip(" \t　"))
        if line.strip(" \t　"):
            out.append((s, pos + len(line)))
        pos += len(line) + 1
    return out


def reasoning_zones(j: Judgment) -> list[tuple[str, int, int]]:
    """(section, start, end) of the court's own reasoning and operative part.

    The 本院认为 and 主文 sections; where the parser found no 本院认为 (edited case reports, short
    非诉执行 rulings), the paragraphs in which a court "认为" up to its result, or else the paragraph
    that leads into the 主文.
    """
    zones: list[tuple[str, int, int]] = []
    reason = j.section("本院认为")
    main = j.section("主文")
    if reason is not None:
        zones.append(("本院认为", reason.span.start, reason.span.end))
    else:
        body_start = 0
        for name in ("当事人", "首部"):
            s = j.section(name)
            if s is not None:
                body_start = max(body_start, s.span.end)
        paras = _paragraphs(j.text, body_start, len(j.text))
        # a court document: this court's "本院…认为"; an edited case report: every court's reasoning
        marker = _COURT_ZONE if j.doc_type == "其他" else _OWN_ZONE
        start = None
        for ps, pe in paras:
            head = j.text[ps:pe]
            if start is None:
                if marker.match(head):
                    start = ps
                    if _RESULT_LINE.search(head):
                        zones.append(("本院认为", start, pe))
                        start = None
                continue
            if _ZONE_STOP.match(head) or _COURT_ZONE.match(head):
                zones.append(("本院认为", start, ps))
                start = ps if marker.match(head) else None
                continue
            if _RESULT_LINE.search(head):
                zones.append(("本院认为", start, pe))
                start = None
        if start is not None:
            zones.append(("本院认为", start, len(j.text)))
        if not zones and main is not None:
            before = [p for p in paras if p[1] <= main.span.start]
            if before:
                ps, pe = before[-1]
                zones.append(("本院认为", ps, pe))
    if main is not None:
        zones.append(("主文", main.span.start, main.span.end))
    return zones


# =============================================================================================
# candidates and the spaCy components
# =============================================================================================


@dataclass
class Candidate:
    code: str
    start: int  # absolute offsets of the evidence (phrase, pattern match or citation)
    end: int
    sentence: Sentence
    source: str  # pattern | statute | model
    reason: str
    confidence: float
    subject: str | None = None
    weak: bool = False
    veto: str | None = None  # why it is not a finding (None: it is)
    model_p: float | None = None
    model_none: float | None = None
    span: Span | None = None


for _name, _default in (("defect_ctx", None), ("defect_offset", 0), ("defect_length", None), ("defect_section", ""),
                        ("defect_sents", None), ("defect_candidates", None), ("defect_probs", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def _sentence_at(doc: Doc, pos: int) -> Sentence | None:
    for s in doc._.defect_sents or ():
        if s.start <= pos < s.end:
            return s
    return None


def _char_span(doc: Doc, start: int, end: int) -> Span | None:
    off = doc._.defect_offset
    return doc.char_span(start - off, end - off, alignment_mode="expand")


@Language.factory("defect_sentencizer", default_config={})
def make_sentencizer(nlp: Language, name: str) -> DefectSentencizer:
    return DefectSentencizer()


class DefectSentencizer:
    """Sentence boundaries from ``docgen.nlp.sentences`` (absolute spans kept in ``doc._.defect_sents``)."""

    def __call__(self, doc: Doc) -> Doc:
        off = doc._.defect_offset
        ctx: DocContext | None = doc._.defect_ctx
        source = ctx.text if ctx is not None else doc.text
        n = doc._.defect_length if doc._.defect_length is not None else len(source)
        if ctx is None:
            off = 0
        quotes = ctx.quotes if ctx is not None else quote_regions(source)
        sents = split_sentences(source, off, off + n, doc._.defect_section, quotes)
        doc._.defect_sents = sents
        if len(doc):
            idx = doc.to_array(IDX).astype("int64")
            flags = numpy.where(numpy.isin(idx, [s.start - off for s in sents]), 1, -1)
            flags[0] = 1
            doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
        return doc


@Language.factory("defect_matcher", default_config={"taxonomy": TAXONOMY_FILE})
def make_matcher(nlp: Language, name: str, taxonomy: str) -> DefectMatcher:
    return DefectMatcher(nlp, taxonomy)


class DefectMatcher:
    """Set phrases (PhraseMatcher) and gapped phrasings (regex) of the taxonomy → candidates."""

    def __init__(self, nlp: Language, taxonomy_file: str = TAXONOMY_FILE) -> None:
        self.tax = taxonomy(taxonomy_file)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.phrase_ids: dict[int, str] = {}
        for phrase, (code, _conf) in self.tax.phrases.items():
            key = f"{code}:{phrase}"
            self.matcher.add(key, [nlp.make_doc(phrase)])
            self.phrase_ids[nlp.vocab.strings[key]] = phrase
        self.phrase_rx = re.compile("|".join(re.escape(p) for p in sorted(self.tax.phrases, key=len, reverse=True)))

    def __call__(self, doc: Doc) -> Doc:
        ctx: DocContext = doc._.defect_ctx
        off = doc._.defect_offset
        section = doc._.defect_section
        cands: list[Candidate] = []
        seen: set[tuple[str, int, int]] = set()
        for match_id, s, e in self.matcher(doc):
            phrase = self.phrase_ids[match_id]
            code, conf = self.tax.phrases[phrase]
            span = doc[s:e]
            a, b = span.start_char + off, span.end_char + off
            sent = _sentence_at(doc, a)
            if sent is None:
                continue
            seen.add((code, a, b))
            cands.append(Candidate(code, a, b, sent, "pattern", f"phrase:{phrase}", conf, span=span))
        # the patterns that can fire in this section of this document, worked out once, not per sentence
        active = [p for p in self.tax.patterns
                  if not (p.sections and section not in p.sections)
                  and (p.doc_requires is None or ctx.doc_matches(p.doc_requires))]
        for sent in doc._.defect_sents or ():
            # a phrase the segmenter cut differently (rare): found as a plain substring
            for m in self.phrase_rx.finditer(sent.text):
                a = sent.start + m.start()
                if any(c.start <= a < c.end for c in cands if c.sentence is sent):
                    continue
                code, conf = self.tax.phrases[m.group(0)]
                cands.append(Candidate(code, a, a + len(m.group(0)), sent, "pattern", f"phrase~:{m.group(0)}", conf,
                                       span=_char_span(doc, a, a + len(m.group(0)))))
            for p in active:
                if p.requires is not None and not p.requires.search(sent.text):
                    continue
                if p.excludes is not None and p.excludes.search(sent.text):
                    continue
                for m in p.regex.finditer(sent.text):
                    a, b = sent.start + m.start(), sent.start + m.end()
                    if p.unless is not None:
                        ca, cb = clause_bounds(ctx.text, a, sent.start, sent.end)
                        if p.unless.search(ctx.text, min(ca, a) if p.unless_scope == "clause" else a, max(cb, b)):
                            continue
                    for code in p.codes:
                        if (code, a, b) in seen:
                            continue
                        seen.add((code, a, b))
                        subject = p.subject if p.subject is None or p.subject_scope == "sentence" \
                            else f"{p.subject}@{p.subject_scope}"
                        cands.append(Candidate(code, a, b, sent, "pattern", p.id, p.confidence,
                                               subject=subject, weak=p.weak, span=_char_span(doc, a, b)))
        doc._.defect_candidates = cands
        group = [Span(doc, c.span.start, c.span.end, label=c.code) for c in cands if c.span is not None]
        doc.spans["defect_candidates"] = group
        return doc


@Language.factory("defect_statutes", default_config={"taxonomy": TAXONOMY_FILE, "require_agency_lost": True})
def make_statutes(nlp: Language, name: str, taxonomy: str, require_agency_lost: bool) -> DefectStatutes:
    return DefectStatutes(taxonomy, require_agency_lost)


_EXPLAINS_STATUTE = re.compile(r"\s*(?:中)?规定\s*(?:[：:“\"]|[，,](?!\s*(?:判决|裁定|本院|应|依法|遂)))|\s*[：:]\s*[“\"]")
_VIOLATION_CUE = re.compile(r"(?:违反|违背|不符合|有违|违犯)(?:了)?[^，。；;违]{0,8}(?=《|(?:中华人民共和国)?[\u4e00-\u9fa5]{2,14}(?:法|条例)第)")


class DefectStatutes:
    """The court's legal basis as evidence, and violations of procedure statutes."""

    def __init__(self, taxonomy_file: str = TAXONOMY_FILE, require_agency_lost: bool = True) -> None:
        self.tax = taxonomy(taxonomy_file)
        self.require_agency_lost = require_agency_lost

    def __call__(self, doc: Doc) -> Doc:
        ctx: DocContext = doc._.defect_ctx
        off = doc._.defect_offset
        cands: list[Candidate] = doc._.defect_candidates or []
        if doc._.defect_section != "本院认为":
            return doc
        for c in find_citations(ctx.text, off, off + doc._.defect_length):
            sent = _sentence_at(doc, c.article_start)
            if sent is None:
                continue
            lo = max(sent.start, c.start - 12)
            cue = _VIOLATION_CUE.search(ctx.text, lo, c.end)
            if cue and cue.start() < c.start:
                for v in self.tax.violations:
                    if v.matches(c, ctx.when):
                        cands.append(Candidate(v.code, cue.start(), c.end, sent, "statute",
                                               f"违反《{c.law}》第{c.article}条", self.tax.statute_confidence,
                                               span=_char_span(doc, cue.start(), c.end)))
                continue
            if self.require_agency_lost and ctx.agency_lost is False:
                continue
            if _EXPLAINS_STATUTE.match(ctx.text, c.end, sent.end):
                continue  # "第七十七条规定：“…”": the court explains the law, it does not apply it
            for s in self.tax.statutes:
                if s.matches(c, ctx.when):
                    label = f"《{c.law}》第{c.article}条" + (f"第{c.para}款" if c.para else "") + \
                            (f"第（{c.item}）项" if c.item else "") + ("第" + "、".join(map(str, c.mus)) + "目" if c.mus else "")
                    cands.append(Candidate(s.code, c.article_start, c.end, sent, "statute", label,
                                           self.tax.statute_confidence, span=_char_span(doc, c.article_start, c.end)))
        doc._.defect_candidates = cands
        return doc


@Language.factory("defect_context", default_config={"taxonomy": TAXONOMY_FILE, "near_window": 4, "quote_limit": 16})
def make_context(nlp: Language, name: str, taxonomy: str, near_window: int, quote_limit: int) -> DefectContext:
    return DefectContext(taxonomy, near_window, quote_limit)


class DefectContext:
    """Negation, hedging, allegation, earlier courts, quotations and the clause's subject → vetoes."""

    def __init__(self, taxonomy_file: str = TAXONOMY_FILE, near_window: int = 4, quote_limit: int = 16) -> None:
        self.cues = taxonomy(taxonomy_file).cues
        self.near_window = near_window
        self.quote_limit = quote_limit

    def __call__(self, doc: Doc) -> Doc:
        ctx: DocContext = doc._.defect_ctx
        for c in doc._.defect_candidates or ():
            if c.veto is None:
                c.veto = self.assess(ctx, c.sentence, c.start, c.end, c.source, c.subject)
        return doc

    # -- the reading -----------------------------------------------------------------------------
    def assess(self, ctx: DocContext, sent: Sentence, a: int, b: int, source: str, subject: str | None) -> str | None:
        """Why the phrase at ``text[a:b]`` is not the court's finding of a defect (None: it is)."""
        text, cues = ctx.text, self.cues
        if ctx.in_long_quote(a, b, self.quote_limit):
            return "quoted"
        ca, cb = clause_bounds(text, a, sent.start, sent.end)
        ca = min(ca, a)
        clause_before = text[ca:a]
        after = text[b:cb]
        if cues["question"].search(clause_before):
            return "question"
        if cues["hypothetical"].search(re.sub("若干", "", clause_before)):
            return "hypothetical"
        if cues["conditional_after"].match(text, b, sent.end):
            return "conditional"
        if cues["negation_clause"].search(clause_before):
            return "negated"
        if cues["negation_near"].search(text[max(ca, a - self.near_window - 4):a]):
            return "negated"
        if cues["negation_after"].search(after):
            return "negated"
        if cues["justified_after"].match(text, b, sent.end):
            return "justified"
        period = text[sent.context_start:a]
        court = [(m.start() + sent.context_start, m.end() + sent.context_start)
                 for m in cues["court_speaks"].finditer(period)]

        def outside_court(pos: int) -> bool:
            return all(not (s <= pos < e) for s, e in court)

        mentions = [m for m in ctx.mentions(sent.context_start, b)  # "被诉答复不符合…": the act is the subject
                    if m.start < a and outside_court(m.start) and not ctx.in_long_quote(m.start, m.end, self.quote_limit)]
        rest = text[b:sent.end]
        # an earlier court's (or body's) finding
        lower = [m.start() + sent.context_start for m in cues["lower_court"].finditer(period)
                 if outside_court(m.start() + sent.context_start)]
        if lower:
            last_lower = lower[-1]
            last_agency = max((m.start for m in mentions if m.kind == "agency"), default=-1)
            if last_lower > last_agency:
                if not (cues["endorsement_after"].search(rest) and not cues["reversal_after"].search(rest)):
                    return "lower_court"
            elif not cues["endorsement_after"].search(rest):
                # "一审判决认定被诉决定违反法定程序错误，本院予以纠正";
                # "一审法院以被诉决定程序违法为由判决撤销" (the lower court's ground)
                if cues["reversal_after"].search(rest) and re.search(r"认定|认为|判决|以", text[last_lower:a]):
                    return "lower_court_reversed"
                if "以" in text[last_lower:a] and re.match(r"[^。；;]{0,12}?为由", rest):
                    return "lower_court_ground"
        self_rejection = bool(cues["rejection"].search(text, a, b))
        # "…的诉讼请求，缺乏事实和法律依据": a party's claim rejected, not a defect found
        if self_rejection and cues["claim_before"].search(text, sent.context_start, a):
            return "rejects_claim"
        # an allegation: "原告主张…", "…的上诉理由不能成立"
        alleg = None
        for m in cues["allegation"].finditer(period):
            pos = m.start() + sent.context_start
            if outside_court(pos):
                alleg = pos
        if alleg is not None and (cues["court_turns"].search(text, alleg, a) or (
                cues["concession"].search(text, max(sent.context_start, alleg - 8), alleg)
                and re.search(r"但|却|然而", text[alleg:a]))):
            alleg = None  # "被告虽辩称…，但…" / "…，经查，…": what follows is the court's
        # a short quotation of a party's words: "原告提出的“被告认定事实不清”的主张"
        for qa, qb in ctx.quotes:
            if qa <= a and b <= qb:
                if cues["quote_owner"].search(text, max(sent.context_start, qa - 12), qa) \
                        or cues["claim_after"].match(text, qb, min(sent.end, qb + 24)):
                    return "alleged_quote"
                break
            if qa > a:
                break
        claim_after = cues["claim_after"].match(text, b, cb)
        if alleg is not None or claim_after:
            owner = self.subject_kind(ctx, sent, alleg if alleg is not None else a,
                                      clause_bounds(text, alleg, sent.context_start, sent.end)[0]
                                      if alleg is not None else ca, mentions)
            accepted = bool(cues["acceptance"].search(rest)) and not re.search(r"不予|不能|并无|不成立", rest)
            if owner == "agency":
                # the agency's own case rejected in these words is the finding ("被告认为…的主张，
                # 缺乏事实依据"); anything else the agency asserts is not
                if not self_rejection:
                    return "alleged_by_agency"
                if cues["litigation_matters"].search(text, sent.context_start, a):
                    return "litigation_argument"
            elif not accepted:
                return "alleged"
        if subject == "agency@nearest":
            near = [m for m in mentions if ca <= m.start < a]
            kind = near[-1].kind if near else self.subject_kind(ctx, sent, a, ca, mentions)
        else:
            kind = self.subject_kind(ctx, sent, a, ca, mentions, within_clause=subject == "agency@clause")
        if subject is not None and subject.startswith("agency") and kind != "agency":
            return f"subject:{kind}"
        # the law in general: "行政机关…未听取陈述申辩的，…", "行政机关应当…"
        if kind == "generic" and cues["normative"].search(text, sent.context_start, sent.end):
            return "normative"
        return None

    @staticmethod
    def subject_kind(ctx: DocContext, sent: Sentence, a: int, ca: int, mentions: list[Mention],
                     within_clause: bool = False) -> str:
        """The kind of the clause's subject: the first party mention, not governed by a verb or
        preposition ("要求被告…", "向被告…", "认定原告…" are objects), of the nearest clause before
        ``a`` that has one."""
        text = ctx.text

        def subject_in(lo: int, hi: int) -> str | None:
            for m in mentions:
                if lo <= m.start < hi and m.start < a and not _OBJECT_BEFORE.search(text, max(lo, m.start - 4), m.start):
                    return m.kind
            return None

        kind = subject_in(ca, a)
        if kind is not None or within_clause:
            return kind or "unknown"
        hi = ca
        while hi > sent.context_start:
            lo, _ = clause_bounds(text, hi - 1, sent.context_start, hi)
            kind = subject_in(lo, hi)
            if kind is not None:
                return kind
            hi = lo - 1 if lo > sent.context_start else sent.context_start
        return "unknown"


_OBJECT_BEFORE = re.compile(r"(?:要求|请求|责令|判令|命令|向|对|与|同|和|及|诉|将|给|替|认定|确认|处罚|罚款|通知|告知|"
                            r"送达|申请|起诉|针对|就|把|使|让|帮助|协助|委托|授权)$")


@Language.factory("defect_classifier", default_config={"enabled": True, "veto_weak_below": 0.3,
                                                       "add_above": 0.9, "blend": 0.3, "window": 70})
def make_classifier(nlp: Language, name: str, enabled: bool, veto_weak_below: float, add_above: float,
                    blend: float, window: int) -> DefectClassifier:
    return DefectClassifier(enabled, veto_weak_below, add_above, blend, window)


_ADD_TRIGGER = re.compile(r"违法|违反|不符合|不当|错误|未|没有|不足|不清|剥夺|侵犯|超越|越权|滥用|怠于|拖延|逾期|超过|瑕疵|无权|"
                          r"显失|过重|不作为|不履行|不予公开")


def clause_window(text: str, sent: Sentence, a: int, b: int, width: int = 70) -> tuple[int, int]:
    """The clause around ``text[a:b]`` and the one before it (who is speaking), at most ``width``
    characters: the unit the sentence classifier reads, close to its short training sentences."""
    ca, cb = clause_bounds(text, a, sent.start, sent.end)
    cb = max(cb, b)
    if ca > sent.start:
        pa, _ = clause_bounds(text, ca - 1, sent.start, ca - 1)
        ca = pa
    if cb - ca > width:
        ca = max(ca, min(a, cb - width))
    if cb < sent.end and text[cb] in "，,；;。！？":
        cb += 1
    return ca, cb


class DefectClassifier:
    """The sentence classifier on the clause around each candidate: confidences, vetoes for weak
    patterns and, when it is very sure about a clause no pattern caught, a finding of its own."""

    def __init__(self, enabled: bool = True, veto_weak_below: float = 0.3, add_above: float = 0.9,
                 blend: float = 0.3, window: int = 70) -> None:
        self.enabled = enabled
        self.veto_weak_below = veto_weak_below
        self.add_above = add_above
        self.blend = blend
        self.window = window

    def __call__(self, doc: Doc) -> Doc:
        cands: list[Candidate] = doc._.defect_candidates or []
        ctx: DocContext = doc._.defect_ctx
        if not self.enabled:
            for c in cands:
                if c.weak and c.veto is None:
                    c.veto = "weak_without_model"
            return doc
        text = ctx.text
        jobs: list[tuple[int, int, Sentence, Candidate | None]] = []
        for c in cands:
            if c.source == "statute":
                continue  # "依照…第七十条第（三）项…判决如下" is the court's basis, not a sentence to read
            wa, wb = clause_window(text, c.sentence, c.start, c.end, self.window)
            jobs.append((wa, wb, c.sentence, c))
        if self.add_above < 1.0:
            covered = {(c.sentence.start, clause_bounds(text, c.start, c.sentence.start, c.sentence.end)[0])
                       for c in cands}
            for s in doc._.defect_sents or ():
                if not _ADD_TRIGGER.search(s.text):
                    continue
                pos = s.start
                while pos < s.end:
                    ca, cb = clause_bounds(text, pos, s.start, s.end)
                    if (s.start, ca) not in covered and cb - ca >= 4 and _ADD_TRIGGER.search(text, ca, cb):
                        wa, wb = clause_window(text, s, ca, cb, self.window)
                        jobs.append((wa, wb, s, None))
                    pos = cb + 1
        if not jobs:
            return doc
        model = sentence_model()
        probs = classify_sentences([text[wa:wb] for wa, wb, _s, _c in jobs], model)
        doc._.defect_probs = probs
        assessor: DefectContext | None = None
        for (wa, wb, s, c), p in zip(jobs, probs, strict=True):
            if c is not None:
                c.model_p = p.get(c.code, 0.0)
                c.model_none = p.get(NONE, 0.0)
                if c.veto is None and c.weak and c.model_p < self.veto_weak_below:
                    c.veto = f"model:{c.model_p:.2f}"
                c.confidence = round((1 - self.blend) * c.confidence + self.blend * c.model_p, 4)
                continue
            code, best = max(((k, v) for k, v in p.items() if k != NONE), key=lambda kv: kv[1])
            if best < self.add_above:
                continue
            fa, fb, feats = _top_feature(model, text[wa:wb], code)
            a, b = wa + fa, wa + fb
            cand = Candidate(code, a, b, s, "model", "model:" + ",".join(feats), round(best * 0.8, 4),
                             model_p=best, model_none=p.get(NONE, 0.0), span=_char_span(doc, a, b))
            assessor = assessor or DefectContext()
            cand.veto = assessor.assess(ctx, s, a, b, "model", None)
            cues = taxonomy().cues
            if cand.veto is None and cues["positive"].search(text, s.start, s.end):
                cand.veto = "positive"
            if cand.veto is None and cues["generic_words"].search(text, s.start, s.end) \
                    and cues["normative"].search(text, s.start, s.end):
                cand.veto = "normative"
            cands.append(cand)
        doc._.defect_candidates = cands
        return doc


# =============================================================================================
# the sentence classifier
# =============================================================================================

_MODEL_LOCK = threading.Lock()
_MODEL: dict[str, Any] | None = None


def _training_rows() -> list[dict[str, str]]:
    text = resources.files("docgen").joinpath("data", TRAINING_FILE).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _data_hash() -> str:
    raw = resources.files("docgen").joinpath("data", TRAINING_FILE).read_bytes()
    return hashlib.sha256(raw).hexdigest()[:16]


def _normalize(s: str) -> str:
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"[0-9０-９]+", "0", s)
    return s


def train_sentence_model(rows: Sequence[dict[str, str]] | None = None, seed: int = 0) -> dict[str, Any]:
    """Fit TF-IDF (character 1–3-grams) → multinomial logistic regression, with per-class sigmoid
    calibration fitted on 3-fold cross-validated scores (``CalibratedClassifierCV``, ensemble=False).

    The fitted parameters are kept as plain arrays so prediction is one sparse product (fast, and
    the saved file does not depend on estimator internals)."""
    import numpy as np
    import sklearn
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    data = _data_hash() if rows is None else "custom"
    rows = list(rows if rows is not None else _training_rows())
    texts = [_normalize(r["text"]) for r in rows]
    labels = [r["label"] for r in rows]
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True, max_features=30000,
                          dtype=np.float32)
    x = vec.fit_transform(texts)
    base = LogisticRegression(C=4.0, solver="saga", max_iter=3000, class_weight="balanced", random_state=seed)
    clf = CalibratedClassifierCV(base, method="sigmoid", cv=3, ensemble=False)
    clf.fit(x, labels)
    cc = clf.calibrated_classifiers_[0]
    lr = cc.estimator
    return {"vectorizer": vec, "classes": [str(c) for c in clf.classes_],
            "coef": np.asarray(lr.coef_, dtype=np.float32), "intercept": np.asarray(lr.intercept_, dtype=np.float32),
            "cal_a": np.array([c.a_ for c in cc.calibrators], dtype=np.float32),
            "cal_b": np.array([c.b_ for c in cc.calibrators], dtype=np.float32),
            "features": vec.get_feature_names_out(),
            "sklearn": sklearn.__version__, "data": data, "n": len(rows)}


_MODELS_DIR: Path | None = None  # where ``docgen train`` keeps versions fitted with reviewers' sentences
_VERSIONED = re.compile(r"defect_sentences-v(\d+)\.joblib$")


def use_models_dir(path: Path | None) -> None:
    """Prefer the newest ``defect_sentences-v{N}.joblib`` in ``path`` (written by ``docgen train``)."""
    global _MODELS_DIR, _MODEL
    if path != _MODELS_DIR:
        with _MODEL_LOCK:
            _MODELS_DIR, _MODEL = path, None


def _versioned_files(folder: Path) -> list[tuple[int, Path]]:
    if not folder.is_dir():
        return []
    found = [(int(m.group(1)), p) for p in folder.iterdir() if (m := _VERSIONED.match(p.name))]
    return sorted(found)


def train_with_corrections(samples: Sequence[tuple[str, str]], out_dir: Path, seed: int = 0) -> dict[str, Any]:
    """Fit the sentence model on the packaged sentences plus reviewers' (sentence, code|NONE) pairs
    and save it as the next ``defect_sentences-v{N}.joblib`` in ``out_dir``."""
    import joblib

    extra = [{"text": t, "label": c} for t, c in samples if t and c]
    model = train_sentence_model([*_training_rows(), *extra], seed=seed)
    model["data"] = "reviewed"
    out_dir.mkdir(parents=True, exist_ok=True)
    versions = _versioned_files(out_dir)
    version = versions[-1][0] + 1 if versions else 1
    path = out_dir / f"defect_sentences-v{version}.joblib"
    joblib.dump(model, path)
    use_models_dir(None)  # drop the cached model; the next use loads the new version
    return {"path": str(path), "version": version, "n_sentences": model["n"], "n_corrections": len(extra)}


def sentence_model() -> dict[str, Any]:
    """The fitted sentence model: the newest reviewed version under ``use_models_dir`` when one was
    fitted with this scikit-learn; else ``docgen/models/defect_sentences.joblib`` when it was fitted
    with this scikit-learn on the current training file; else trained now (and saved if possible)."""
    global _MODEL
    if _MODEL is not None:
        return _MODEL
    with _MODEL_LOCK:
        if _MODEL is not None:
            return _MODEL
        import joblib
        import sklearn

        want = _data_hash()
        model = None
        for _version, path in reversed(_versioned_files(_MODELS_DIR) if _MODELS_DIR else []):
            try:
                loaded = joblib.load(path)
            except Exception as exc:  # a damaged file: try the next one
                log.warning("defect model %s not usable (%s)", path, exc)
                continue
            if loaded.get("sklearn") == sklearn.__version__:
                _MODEL = loaded
                return loaded
            log.warning("defect model %s was fitted with another scikit-learn; run docgen train again", path)
        if MODEL_FILE.exists():
            try:
                loaded = joblib.load(MODEL_FILE)
                if loaded.get("sklearn") == sklearn.__version__ and loaded.get("data") == want:
                    model = loaded
            except Exception as exc:  # a stale or foreign file: retrain
                log.info("defect model %s not usable (%s); retraining", MODEL_FILE, exc)
        if model is None:
            model = train_sentence_model()
            model["data"] = want
            try:
                MODEL_DIR.mkdir(parents=True, exist_ok=True)
                joblib.dump(model, MODEL_FILE)
            except OSError as exc:
                log.info("could not save %s: %s", MODEL_FILE, exc)
        _MODEL = model
        return model


def _scores(model: dict[str, Any], texts: Sequence[str]) -> Any:
    from docgen.nlp import tfidf

    x = tfidf.transform(model["vectorizer"], [_normalize(t) for t in texts])
    return x, x @ model["coef"].T + model["intercept"]


def classify_sentences(texts: Sequence[str], model: dict[str, Any] | None = None) -> list[dict[str, float]]:
    """Calibrated class probabilities (codes and ``NONE``) for each sentence."""
    import numpy as np

    model = model or sentence_model()
    if not texts:
        return []
    _x, dec = _scores(model, texts)
    p = 1.0 / (1.0 + np.exp(model["cal_a"] * dec + model["cal_b"]))
    p /= np.maximum(p.sum(axis=1, keepdims=True), 1e-12)
    classes = model["classes"]
    return [dict(zip(classes, map(float, row), strict=True)) for row in p]


def _top_feature(model: dict[str, Any], text: str, code: str, k: int = 3) -> tuple[int, int, list[str]]:
    """Position (in ``text``) of the n-gram that weighs most for ``code``, and the top features."""
    classes = model["classes"]
    if code not in classes:
        return 0, len(text), []
    x, _dec = _scores(model, [text])
    coef = model["coef"][classes.index(code)]
    row = x.tocoo()
    names = model["features"]
    scored = sorted(((float(coef[j] * v), str(names[j])) for j, v in zip(row.col, row.data, strict=True)),
                    reverse=True)
    feats = [f for _s, f in scored[:k] if len(f.strip()) > 1] or [f for _s, f in scored[:k]]
    if not feats:
        return 0, len(text), []
    i = text.find(feats[0])
    return (i, i + len(feats[0]), feats) if i >= 0 else (0, len(text), feats)


# =============================================================================================
# the pipeline and find_defects
# =============================================================================================

class _Segmenter:
    """A private ``jieba.Tokenizer`` (the taxonomy's phrases added as words; no HMM guessing of
    unknown words, which is slower and would glue phrases to their neighbours), remembering the
    clauses it has cut (:mod:`docgen.nlp.segment`: the same words, each clause cut once)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        import jieba

        from docgen.nlp.segment import MemoSegmenter

        self.tok = jieba.Tokenizer()
        self.tok.initialize()
        for phrase in sorted(phrases, key=len):
            self.tok.add_word(phrase, freq=200000)
        self.memo = MemoSegmenter(self.tok, hmm=False)

    def cut(self, text: str, cut_all: bool = False) -> Iterable[str]:
        if cut_all:
            return self.tok.cut(text, cut_all=True, HMM=False)
        return self.memo.lcut(text)


_NLP_LOCK = threading.Lock()
_NLP: Language | None = None


def nlp_pipeline(classifier: bool = True) -> Language:
    """The spaCy pipeline (built once per process): jieba-segmented blank Chinese + the components.

    The segmenter is a private ``jieba.Tokenizer`` with the taxonomy's set phrases added as words,
    so the PhraseMatcher sees each phrase as one token and other users of jieba are unaffected.
    """
    global _NLP
    if _NLP is not None and classifier:
        return _NLP
    with _NLP_LOCK:
        if _NLP is not None and classifier:
            return _NLP
        import jieba

        jieba.setLogLevel(logging.WARNING)
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        nlp.tokenizer.jieba_seg = _Segmenter(taxonomy().phrases)  # type: ignore[attr-defined]
        nlp.add_pipe("defect_sentencizer")
        nlp.add_pipe("defect_matcher")
        nlp.add_pipe("defect_statutes")
        nlp.add_pipe("defect_context")
        nlp.add_pipe("defect_classifier", config={"enabled": classifier})
        if classifier:
            _NLP = nlp
        return nlp


def _words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """``spacy.util.get_words_and_spaces`` for words that are ``text`` cut into pieces (what the
    segmenter gives): the same tokens and spaces, found with ``str.index(word, pos)`` instead of
    searching a fresh copy of the rest of the text for every word (quadratic in the text)."""
    out_words: list[str] = []
    out_spaces: list[bool] = []
    pos = 0
    n = len(text)
    for word in words:
        if word.isspace():
            continue
        at = text.index(word, pos)
        if at > pos:
            out_words.append(text[pos:at])
            out_spaces.append(False)
        out_words.append(word)
        out_spaces.append(False)
        pos = at + len(word)
        if pos < n and text[pos] == " ":
            out_spaces[-1] = True
            pos += 1
    if pos < n:
        out_words.append(text[pos:])
        out_spaces.append(False)
    return out_words, out_spaces


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)`` — the Chinese tokenizer with docgen's segmenter — building the same
    Doc without its quadratic alignment of words to text (:func:`_words_and_spaces`)."""
    seg = getattr(nlp.tokenizer, "jieba_seg", None)
    if isinstance(seg, _Segmenter):
        words = [w for w in seg.cut(text) if w]
        if "".join(words) == text:
            w, sp = _words_and_spaces(words, text)
            return Doc(nlp.vocab, words=w, spaces=sp)
    return nlp.make_doc(text)


def _run(nlp: Language, ctx: DocContext, section: str, start: int, end: int) -> Doc:
    doc = make_doc(nlp, ctx.text[start:end])
    doc._.defect_ctx = ctx
    doc._.defect_offset = start
    doc._.defect_length = end - start
    doc._.defect_section = section
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def candidates(j: Judgment, nlp: Language | None = None) -> list[Candidate]:
    """Every candidate with its veto (None = accepted) — for inspection and evaluation."""
    nlp = nlp or nlp_pipeline()
    ctx = document_context(j)
    out: list[Candidate] = []
    for section, start, end in reasoning_zones(j):
        if end > start:
            out.extend(_run(nlp, ctx, section, start, end)._.defect_candidates or [])
    return out


def select_findings(cands: Iterable[Candidate]) -> list[Finding]:
    """At most one finding per code (the best), after the taxonomy's subsumption rules."""
    tax = taxonomy()
    ok = [c for c in cands if c.veto is None]
    codes = {c.code for c in ok}
    sentence_codes: dict[int, set[str]] = {}
    for c in ok:
        if c.source != "statute":
            sentence_codes.setdefault(c.sentence.start, set()).add(c.code)
    for specific, rules in tax.subsumes.items():
        if specific not in codes:
            continue
        for gone in rules.get("always", ()):
            ok = [c for c in ok if c.code != gone]
        same = set(rules.get("same_sentence", ()))
        if same:
            ok = [c for c in ok if not (c.code in same and specific in sentence_codes.get(c.sentence.start, set()))]
        stat = set(rules.get("statute_only", ()))
        if stat:
            for code in stat:
                if all(c.source == "statute" for c in ok if c.code == code):
                    ok = [c for c in ok if c.code != code]
    by_code: dict[str, list[Candidate]] = {}
    for c in ok:
        by_code.setdefault(c.code, []).append(c)
    out = []
    for group in by_code.values():
        # the evidence: the court's own words rather than the citation of its legal basis, the
        # classifier's finding only when nothing else has it; then the surest, then the shortest
        ev = max(group, key=lambda c: (c.source == "pattern", c.source == "statute", round(c.confidence, 1),
                                        -len(c.sentence.text), c.confidence))
        # independent kinds of evidence (a phrase and the statute cited for the result) corroborate
        best_by_source: dict[str, Candidate] = {}
        for c in group:
            if c.source not in best_by_source or c.confidence > best_by_source[c.source].confidence:
                best_by_source[c.source] = c
        miss = 1.0
        for c in best_by_source.values():
            miss *= 1.0 - max(0.0, min(1.0, c.confidence))
        conf = min(0.99, 1.0 - miss)
        reason = "; ".join([ev.reason] + [c.reason for src, c in best_by_source.items() if src != ev.source])
        out.append(Finding(code=ev.code, sentence=ev.sentence.text, span=TextSpan(ev.sentence.start, ev.sentence.end),
                           section=ev.sentence.section, confidence=round(conf, 3), source=ev.source, reason=reason))
    out.sort(key=lambda f: (f.span.start, f.code))
    return out


def find_defects(j: Judgment) -> list[Finding]:
    """The defects the court found in the agency's action, each with the sentence that proves it."""
    return select_findings(candidates(j))
