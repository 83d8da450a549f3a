"""The parsing pipeline: clean → header → parties → sections → outcome → statutes → tail.

``parse_text(raw)`` is a pure function of the text (no I/O), so batch runs can call it in worker
processes.  Each stage is a small function in its own module; this one only wires them.
"""

from __future__ import annotations

import re

from docgen.errors import Rejected
from docgen.model import Judgment, Span
from docgen.nlp.casenum import procedure_for_type
from docgen.nlp.clean import clean
from docgen.nlp.header import find_header
from docgen.nlp.outcome import resolve_outcome, resolve_report_outcome
from docgen.nlp.parties import find_parties, head_appeared
from docgen.nlp.patterns import compiled
from docgen.nlp.sections import split_sections
from docgen.nlp.statutes import find_statutes
from docgen.nlp.tail import CN_DATE, find_date, find_judges, parse_arabic_date, to_date

PARSER_VERSION = "1"

_COURT_DOC = re.compile(r"(人民法院|法院)")
_SIGNS = (
    re.compile(r"^[ \t　]*(原告|被告|上诉人|被上诉人|再审申请人|被申请人|申请执行人|被执行人|赔偿请求人|申请人)"
               r"[（(：:\u4e00-\u9fa5]", re.M),  # a party line
    re.compile(r"(判决|裁定|决定)如下|(判决|裁定)[：:]|判决[^。]{0,30}(撤销|驳回|确认|维持)"),  # a result
    re.compile(r"本院(经审查|经审理|二审|再审)?认为"),  # the court's reasoning
    re.compile(r"[（(〔\[]\s*(19|20)\d{2}\s*[）)〕\]][^\n]{1,20}?行[^\n]{0,6}?\d+\s*号"),  # a case number
)
_REPORT = compiled("parse_patterns.yaml", "case_report_markers")
_PROCEDURE_WORDS = {"一审": "一审", "二审": "二审", "再审": "再审", "再审审查": "再审审查", "非诉执行审查": "非诉执行审查"}


def looks_like_judgment(text: str) -> bool:
    """A court document (or an edited report of one) rather than some other file: it names a
    court and shows at least two of a party line, a result, the court's reasoning, a case number."""
    if not _COURT_DOC.search(text):
        return False
    signs = sum(1 for sign in _SIGNS if sign.search(text)) + (1 if _REPORT.search(text) else 0)
    return signs >= 2 and bool(_SIGNS[0].search(text) or _SIGNS[1].search(text) or _REPORT.search(text))


def _procedure(j: Judgment, metadata: dict[str, str]) -> str | None:
    if j.case_number and j.case_number.type_code:
        p = procedure_for_type(j.case_number.type_code)
        if p:
            return p
    meta = re.sub(r"\s", "", metadata.get("procedure", ""))
    for key in sorted(_PROCEDURE_WORDS, key=len, reverse=True):
        if key in meta:
            return _PROCEDURE_WORDS[key]
    roles = {p.role for p in j.parties}
    raws = " ".join(p.role_raw for p in j.parties)
    if "再审申请人" in roles:
        return "再审" if re.search(r"再审(判决|裁定)如下|再审本案", j.text) and "行再" in j.text else "再审审查"
    if "申请执行人" in raws or "被执行人" in raws:
        return "非诉执行审查"
    if "上诉人" in roles:
        return "二审"
    if "原告" in roles:
        return "一审"
    return None


def _doc_type(j: Judgment, heading: str | None, is_report: bool) -> str | None:
    if is_report or (j.case_number is None and j.court is None):
        return "其他"
    main = j.section("主文")
    marker_zone = j.text[max(0, main.span.start - 12): main.span.start] if main else ""
    for word, dtype in (("判决", "判决书"), ("裁定", "裁定书"), ("决定", "决定书"), ("调解", "调解书")):
        if word in marker_zone:
            return dtype
    if heading:
        for dtype in ("判决书", "裁定书", "决定书", "调解书"):
            if heading.endswith(dtype):
                return dtype
    return None


def _report_date(j: Judgment) -> tuple[int | None, object]:
    """Edited case reports: the date the reported court gave its judgment."""
    anchors = []
    if j.case_number and j.case_number.span:
        anchors.append(j.case_number.raw)
    for anchor in anchors:
        for m in re.finditer(re.escape(anchor), j.text):
            sent_start = max(j.text.rfind("。", 0, m.start()), j.text.rfind("\n", 0, m.start())) + 1
            d = parse_arabic_date(j.text[sent_start:m.start()])
            if d and m.start() > (j.case_number.span.end if j.case_number.span else 0):
                return m.start(), d
    m = re.search(r"于(\d{4}年\d{1,2}月\d{1,2}日)[^。]{0,20}(判决|裁定)如下", j.text)
    if m:
        return m.start(), parse_arabic_date(m.group(1))
    return None, None


def parse_text(raw: str) -> Judgment:
    """Parse one document's text.  Raises ``Rejected('not_judgment')`` for other texts."""
    text = clean(raw)
    if not looks_like_judgment(text):
        raise Rejected("not_judgment", "未找到法院、当事人和裁判结果等判决书/裁定书要素")
    header = find_header(text)
    j = Judgment(text=text, title=header.title, court=header.court, case_number=header.case_number)

    parties, block = find_parties(text, header.end)
    j.parties = parties
    j.sections = split_sections(text, header.end, block)
    j.procedure = _procedure(j, header.metadata)
    j.doc_type = _doc_type(j, header.heading, header.is_case_report)

    body = Span(block.end if block else header.end, len(text))
    main = j.section("主文")
    if j.doc_type == "其他" and main is None:
        j.outcome, level = resolve_report_outcome(text, body.start, j.procedure)
        j.procedure = j.procedure or level
    else:
        j.outcome = resolve_outcome(text, main.span if main else None, procedure=j.procedure,
                                    parties=parties, body=body)

    hearing = j.section_text("审理经过")
    if j.procedure == "非诉执行审查" or j.doc_type == "其他":
        j.head_appeared, j.head_evidence = None, None
    else:
        j.head_appeared, j.head_evidence = head_appeared(text, parties, hearing)

    j.statutes = list(find_statutes(text, body.start))

    tail = j.section("尾部")
    date_from = tail.span.start if tail else (main.span.start if main else body.start)
    j.judgment_date, _ = find_date(text, date_from)
    if j.judgment_date is None and tail:
        j.judgment_date, _ = find_date(text, main.span.start if main else body.start)
    if j.judgment_date is None and tail:
        # some courts sign with Arabic numerals: "2019年12月20日" under the judges' names
        j.judgment_date = parse_arabic_date(j.text[tail.span.start:tail.span.start + 300])
    if j.judgment_date is None and header.metadata.get("judgment_date"):
        j.judgment_date = parse_arabic_date(header.metadata["judgment_date"])
    if j.judgment_date is None and j.doc_type == "其他":
        _, d = _report_date(j)
        j.judgment_date = d  # type: ignore[assignment]
    if j.judgment_date is None:
        # last resort: a Chinese-numeral date on a line of its own near the end
        for m in CN_DATE.finditer(text, max(0, len(text) - 1500)):
            j.judgment_date = to_date(m.group("y"), m.group("m"), m.group("d"))
    j.judges, j.clerk = find_judges(text, tail.span.start if tail else len(text))

    if j.case_number is None:
        j.warnings.append("未识别案号")
    if j.court is None:
        j.warnings.append("未识别法院")
    if j.outcome is None:
        j.warnings.append("未找到裁判主文")
    return j
