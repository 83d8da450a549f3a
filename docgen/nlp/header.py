"""find: the 首部 — title, court, document-type heading, case number — and the metadata blocks
legal databases print above a document (案号：…, 审理法院：…)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docgen.model import CaseNumber
from docgen.nlp.casenum import CASE_NUMBER_RE, find_case_numbers
from docgen.nlp.clean import paragraphs
from docgen.nlp.patterns import compiled, parse_patterns

HEAD_LINES = 16  # non-empty lines searched for the court / heading / case number


@dataclass
class Header:
    title: str | None = None
    court: str | None = None
    heading: str | None = None  # 行政判决书 …
    case_number: CaseNumber | None = None
    is_case_report: bool = False
    metadata: dict[str, str] = field(default_factory=dict)
    end: int = 0  # offset where the 首部 ends


def _squash(s: str) -> str:
    return re.sub(r"[\s　]+", "", s)


def read_metadata(text: str) -> dict[str, str]:
    """Key/value blocks of legal databases. The value may sit on the next non-empty line."""
    keys: dict[str, str] = parse_patterns()["metadata_keys"]
    lines = [ln.strip(" \t　") for ln in text.split("\n")[:200]]
    out: dict[str, str] = {}
    for i, line in enumerate(lines):
        m = re.match(r"^([\u4e00-\u9fa5 　]{2,6})[：:]\s*(.*)$", line)
        if not m:
            continue
        key = _squash(m.group(1))
        if key not in keys or keys[key] in out:
            continue
        value = m.group(2).strip()
        j = i + 1
        while not value and j < len(lines) and j <= i + 3:
            value = lines[j]
            j += 1
        if value:
            out[keys[key]] = value
    return out


def _court_and_heading(line: str, court_re: re.Pattern[str], heading_re: re.Pattern[str]
                       ) -> tuple[str, str] | None:
    """"北京市第二中级人民法院行政裁定书" on one line (a case number after it allowed) →
    (court, heading)."""
    line = CASE_NUMBER_RE.sub("", line)
    m = re.match(r"^(.{2,40}?法院)(.+)$", line)
    if m and court_re.match(m.group(1)) and heading_re.match(m.group(2)):
        return m.group(1), m.group(2)
    return None


def _only_header_words(line: str, raw: str, court_re: re.Pattern[str], heading_re: re.Pattern[str]) -> bool:
    """Nothing but the case number, a court name and a document heading on this line."""
    rest = line.replace(_squash(raw), "", 1)
    m = re.match(r"^(.{2,40}?法院)?(.*)$", rest)
    if m and m.group(1) and court_re.match(m.group(1)):
        rest = m.group(2)
    rest = re.sub(r"(行政|行政赔偿|国家赔偿)?(判决书|裁定书|决定书|调解书)", "", rest, count=1)
    return len(rest) <= 4


def find_header(text: str) -> Header:
    h = Header()
    h.metadata = read_metadata(text)
    h.is_case_report = bool(compiled("parse_patterns.yaml", "case_report_markers").search(text[:6000]))
    court_re = compiled("parse_patterns.yaml", "court_line")
    heading_re = compiled("parse_patterns.yaml", "doc_heading")

    lines = paragraphs(text)[:HEAD_LINES + 60]
    squashed = [_squash(text[s:e]) for s, e in lines]
    courts: list[tuple[int, str]] = []  # (line index, court name)
    for i, ((s, e), line) in enumerate(zip(lines, squashed, strict=True)):
        both = _court_and_heading(line, court_re, heading_re)
        if i == 0 and not both and not court_re.match(line) and not heading_re.match(line) and len(line) > 6:
            h.title = text[s:e].strip()
        if both:
            courts.append((i, both[0]))
            if h.heading is None:
                h.heading, h.end = both[1], max(h.end, e)
        elif court_re.match(line) and len(line) <= 40:
            courts.append((i, line))
        elif h.heading is None and heading_re.match(line):
            h.heading = line
            h.end = max(h.end, e)
        if h.case_number is None and i < HEAD_LINES + 60:
            found = list(find_case_numbers(text, s, e))
            # a line that *is* a case number (possibly beside the court and heading: "某某法院
            # 行政判决书（2019）豫03行初516号"), or the 【案号】 line of a case report (last one = this court)
            if found and (_only_header_words(line, found[-1].raw, court_re, heading_re) or "案号" in line):
                h.case_number = found[-1]
                h.end = max(h.end, e)
    if courts:
        # the court printed just above the document heading or the case number wins over a
        # database's metadata value
        def anchored(idx: int) -> bool:
            nxt = squashed[idx + 1] if idx + 1 < len(squashed) else ""
            return bool(heading_re.match(nxt) or (h.case_number and h.case_number.raw.replace(" ", "") in nxt)
                        or _court_and_heading(squashed[idx], court_re, heading_re))
        best = next((c for c in courts if anchored(c[0])), courts[0])
        h.court = best[1]
        h.end = max(h.end, lines[best[0]][1])

    if h.case_number is None and "case_number" in h.metadata:
        found = list(find_case_numbers(h.metadata["case_number"]))
        if found:
            cn = found[-1]
            # re-locate inside the text for a span
            loc = text.find(cn.raw)
            located = list(find_case_numbers(text, loc, loc + len(cn.raw))) if loc >= 0 else []
            h.case_number = located[0] if located else cn
    if h.court is None and "court" in h.metadata and court_re.match(_squash(h.metadata["court"])):
        h.court = _squash(h.metadata["court"])
    return h
