"""tokenize: split a judgment into its sections, each with a span.

首部, 当事人, 审理经过, 诉称, 辩称, 查明, 本院认为, 主文, 尾部.  In appeals the first-instance court's
findings and reasoning quoted inside ("一审法院认为…") are not this court's: they never start a
查明 or 本院认为 section.
"""

from __future__ import annotations

import re

from docgen.model import Section, Span
from docgen.nlp.clean import paragraphs
from docgen.nlp.patterns import parse_patterns


def _markers() -> list[tuple[str, re.Pattern[str]]]:
    data: dict[str, str] = parse_patterns()["section_markers"]
    return [(name, re.compile(pat)) for name, pat in data.items()]


_MARKERS = _markers()
_QUOTED = re.compile(parse_patterns()["quoted_lower_court"])
_LEAD_IN = re.compile(parse_patterns()["reasoning_after_lead_in"])
_OPERATIVE = re.compile(r"(判决|裁定|决定|调解)如下\s*[：:]?")
_TAIL = re.compile(r"^(审\s*判\s*长|审\s*判\s*员|代理审判员|人民陪审员|执行员|独任审判员)")


def split_sections(text: str, header_end: int, parties: Span | None) -> list[Section]:
    paras = paragraphs(text)
    body_start = parties.end if parties else header_end
    starts: dict[str, int] = {}

    # 主文: the last "判决如下/裁定如下" → what follows it
    operative = None
    for m in _OPERATIVE.finditer(text, body_start):
        operative = m
    tail_start = None
    if operative:
        for s, _e in paras:
            if s > operative.end() and _TAIL.match(text[s:s + 12]):
                tail_start = s
                break
    else:
        for s, _e in paras:
            if s > body_start and _TAIL.match(text[s:s + 12]):
                tail_start = s
    limit = operative.start() if operative else (tail_start or len(text))

    reasoning: list[int] = []  # paragraphs opening with 本院认为
    lead_in: list[int] = []  # "经审查，本院认为"
    last_quote = -1
    for s, _e in paras:
        if s < body_start or s >= limit:
            continue
        head = text[s:s + 60]
        if _QUOTED.match(head):
            last_quote = s
            continue
        if _LEAD_IN.match(head):
            lead_in.append(s)
        for name, pat in _MARKERS:
            if pat.match(head):
                if name == "本院认为":
                    reasoning.append(s)
                elif name not in starts:
                    starts[name] = s
                break
    # this court's reasoning: the first 本院认为 after any quoted lower-court text
    candidates = reasoning or lead_in
    after_quotes = [s for s in candidates if s > last_quote]
    reasoning_start = after_quotes[0] if after_quotes else (candidates[-1] if candidates else None)
    if reasoning_start is not None:
        starts["本院认为"] = reasoning_start
        # a 诉称/辩称/查明 found after the reasoning started is not one
        for k in list(starts):
            if k != "本院认为" and starts[k] > reasoning_start:
                del starts[k]

    sections: list[Section] = []
    if parties:
        sections.append(Section("首部", Span(0, parties.start)))
        sections.append(Section("当事人", parties))
    elif header_end:
        sections.append(Section("首部", Span(0, header_end)))
    proc_start = next((s for s, _e in paras if s >= body_start), None)
    if proc_start is not None and (not starts or proc_start < min(starts.values())):
        starts.setdefault("审理经过", proc_start)
    if operative:
        line_end = text.find("\n", operative.end())
        starts["主文"] = operative.end() if line_end == -1 or text[operative.end():line_end].strip(" 　") \
            else line_end + 1
    if tail_start is not None:
        starts["尾部"] = tail_start
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    for i, (name, s) in enumerate(ordered):
        e = ordered[i + 1][1] if i + 1 < len(ordered) else len(text)
        sections.append(Section(name, Span(s, e)))
    return sections
