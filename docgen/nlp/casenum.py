"""find: case numbers (案号), normalised and split into parts.

（2019）豫03行初516号, (2017)最高法行申4580号, [2005]安汉行执字第69号, （2010）渝一中法行终字第2号.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docgen.model import CaseNumber, Span
from docgen.nlp.patterns import parse_patterns

CASE_NUMBER_RE = re.compile(
    r"[（(〔\[【]\s*(?P<year>(?:19|20)\d{2})\s*[）)〕\]】]\s*"
    r"(?P<court>[\u4e00-\u9fa5\d]{1,14}?)\s*"
    r"(?P<type>行(?:政)?(?:赔偿|赔|非诉)?(?:审复|初|终|再|申|审|执|监|他|辖|撤|更)?)"
    r"\s*(?P<zi>字)?\s*第?\s*(?P<seq>\d{1,6}(?:[-－—]\d+)?)\s*号"
)

_BRACKETS = str.maketrans({"(": "（", ")": "）", "〔": "（", "〕": "）", "[": "（", "]": "）", "【": "（", "】": "）"})


def normalize_case_number(raw: str) -> str:
    """Canonical form for comparison: brackets （）, no whitespace, half-width digits."""
    s = re.sub(r"\s+", "", raw).translate(_BRACKETS)
    return s.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})


def _type_code(raw_type: str) -> str:
    t = raw_type.replace("行政赔偿", "行赔").replace("行政", "行")
    return t


def procedure_for_type(type_code: str | None) -> str | None:
    if not type_code:
        return None
    table: dict[str, str] = parse_patterns()["case_type_procedure"]
    for code in sorted(table, key=len, reverse=True):
        if type_code.startswith(code):
            return table[code]
    return None


def find_case_numbers(text: str, start: int = 0, end: int | None = None) -> Iterator[CaseNumber]:
    for m in CASE_NUMBER_RE.finditer(text, start, len(text) if end is None else end):
        raw = m.group(0)
        tcode = _type_code(m.group("type"))
        if tcode == "行":  # "行" alone is too weak (could be a sentence), keep but unknown type
            tcode = None
        yield CaseNumber(
            raw=raw,
            normalized=normalize_case_number(raw),
            year=int(m.group("year")),
            court_code=m.group("court"),
            type_code=tcode,
            seq=m.group("seq"),
            span=Span(m.start(), m.end()),
        )
