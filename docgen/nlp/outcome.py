"""resolve: the result of the operative part (主文) and whether the agency lost.

Rules live in ``docgen/data/outcomes.yaml``.  For appeals the result is read twice: what this
court did (维持原判 / 改判 / 发回重审) and, to know who lost, what the judgment it upheld or the
new judgment it substituted says.
"""

from __future__ import annotations

import re
from functools import lru_cache

from docgen.model import Outcome, Party, Span
from docgen.nlp.patterns import load_yaml

_WS = re.compile(r"[\s　]+")
_LOWER_REVOKED = re.compile(
    r"(撤销|维持)[^。；]{0,80}?(人民法院|法院|一审|原审|二审|原)[^。；]{0,60}?(判决|裁定|号)"
    r"(第[一二三四五六七八九十、\d及和项]{1,20}项)?(及[^。；]{0,40}?(判决|裁定))?"
)
# A lower court's result quoted in an appeal or retrial: "一审法院…判决：撤销…。", "原审判决驳回…".
_QUOTED_RESULT = re.compile(
    r"(判决|裁定)(如下)?[：:]\s*|(判决|裁定)(?=驳回|撤销|确认|责令|维持|限|准予|不准予|变更|判令)"
)
_NOT_A_RESULT = re.compile(r"要求|请求|诉请|申请|不服|提起|诉至|起诉|上诉称|认为[^。]{0,10}应")
_RESULT_VERB = re.compile(r"^\s*([一1][、.．]\s*)?(驳回|撤销|确认|责令|维持|限|准予|不准予|变更|判令|被告|由被告)")

@lru_cache(maxsize=1)
def _rules() -> list[tuple[str, str, re.Pattern[str]]]:
    data = load_yaml("outcomes.yaml")
    return [(r["label"], r["where"], re.compile(r["pattern"])) for r in data["rules"]]


def lost_for(label: str | None) -> bool | None:
    if label is None:
        return None
    table: dict[str, bool] = load_yaml("outcomes.yaml")["agency_lost"]
    return table.get(label)


def classify(operative: str, *, appeal: bool) -> str | None:
    """Label of an operative text; ``appeal`` allows 维持原判/改判."""
    s = _WS.sub("", operative)
    for label, where, pat in _rules():
        if where == "appeal" and not appeal:
            continue
        if pat.search(s):
            return label
    return None


def alternatives(operative: str, label: str) -> list[str]:
    s = _WS.sub("", operative)
    alts = []
    if label == "撤销" and re.search(r"责令|限[^。；]{0,30}(履行|作出|答复)|重新作出|判令", s):
        alts.append("责令履行")
    if label in ("撤销", "确认违法") and re.search(r"赔偿", s):
        alts.append("赔偿")
    return alts


def lower_results(text: str, start: int, end: int) -> list[str]:
    """Results of lower courts quoted between ``start`` and ``end``, in order of appearance."""
    return [chunk for _level, chunk in stated_results(text, start, end)]


_LEVEL = re.compile(r"(一审|二审|再审|原审|终审|上诉)")


def stated_results(text: str, start: int, end: int) -> list[tuple[str | None, str]]:
    """Results stated in prose ("一审法院遂判决撤销…", "二审判决：…"), with the instance if named."""
    out: list[tuple[str | None, str]] = []
    for m in _QUOTED_RESULT.finditer(text, start, end):
        before = text[max(start, m.start() - 30):m.start()]
        before = before[before.rfind("。") + 1:]
        if _NOT_A_RESULT.search(before):
            continue
        chunk = text[m.end():min(end, m.end() + 600)]
        if not _RESULT_VERB.match(chunk):
            continue
        stop = chunk.find("。")
        levels = _LEVEL.findall(text[max(start, m.start() - 40):m.start()].split("。")[-1])
        level = levels[-1] if levels else None
        level = {"原审": "一审", "终审": "二审", "上诉": "二审"}.get(level, level) if level else None
        out.append((level, chunk[: stop] if stop >= 0 else chunk))
    return out


def resolve_report_outcome(text: str, start: int, procedure: str | None) -> tuple[Outcome | None, str | None]:
    """Edited case reports: the last stated result is the outcome; who lost follows the chain."""
    results = stated_results(text, start, len(text))
    op = report_operative(text, start)
    if op is not None and (not results or op.start > text.rfind(results[-1][1])):
        # "…作出撤销一审判决、撤销…决定的终审判决": the last result is stated inline
        levels = _LEVEL.findall(text[op.start:op.end + 4])
        results.append(("二审" if levels else procedure, text[op.start:op.end]))
    if not results:
        return None, None
    level, last = results[-1]
    appeal = (level or procedure) in ("二审", "再审", "再审审查")
    label = classify(last, appeal=appeal) or "其他"
    lost = effective_lower_lost([c for _lvl, c in results])
    if label == "发回重审":
        lost = None
    return Outcome(label=label, agency_lost=lost, sentence=last.strip(), alternatives=alternatives(last, label)), level


def effective_lower_lost(chunks: list[str]) -> bool | None:
    """Who lost below, following the quoted results in order (一审, then 二审 upholding or changing it)."""
    lost: bool | None = None
    for chunk in chunks:
        label = classify(chunk, appeal=True)
        if label == "维持原判":
            continue
        if label == "改判":
            new = lost_for(classify(_LOWER_REVOKED.sub("", _WS.sub("", chunk)), appeal=False))
            lost = new if new is not None else (None if lost is None else not lost)
            continue
        value = lost_for(label)
        if value is not None:
            lost = value
    return lost


def _appellant_is_agency(parties: list[Party]) -> bool | None:
    appellants = [p for p in parties if p.role in ("上诉人", "再审申请人", "申请人")]
    if not appellants:
        return None
    return any(p.is_agency for p in appellants) and not any(p.is_person for p in appellants)


def resolve_outcome(
    text: str,
    operative: Span | None,
    *,
    procedure: str | None,
    parties: list[Party],
    body: Span,
) -> Outcome | None:
    if operative is None:
        return None
    op_text = text[operative.start:operative.end]
    cut = re.search(r"如不服本|本判决为终审|本裁定为终审|本裁定送达后|案件受理费|诉讼费|申请费", op_text)
    core = op_text[: cut.start()] if cut else op_text
    appeal = procedure in ("二审", "再审", "再审审查") or bool(re.search(r"上诉|原判|一审|原审", _WS.sub("", core)))
    label = classify(core, appeal=appeal)
    if label == "其他" and re.search(r"撤回(上诉|再审申请)", core):
        # the appeal was withdrawn: the judgment below stands
        prior = operative_before(text, operative.start, body.start)
        if prior is not None:
            return resolve_outcome(text, prior, procedure="一审", parties=parties,
                                   body=Span(body.start, prior.start))
    if label is None:
        return Outcome(label="其他", agency_lost=None, sentence=core.strip(), span=operative)

    lost = lost_for(label)
    appellant_agency = _appellant_is_agency(parties)
    if label in ("维持原判", "驳回再审申请"):
        lost = effective_lower_lost(lower_results(text, body.start, operative.start))
        if lost is None and appellant_agency is not None:
            lost = appellant_agency  # the appellant lost below and the appeal failed
    elif label == "改判":
        residual = _LOWER_REVOKED.sub("", _WS.sub("", core))
        new_label = classify(residual, appeal=False)
        lost = lost_for(new_label)
        if lost is None and appellant_agency is not None:
            lost = not appellant_agency
    elif label in ("发回重审", "其他"):
        lost = None
    return Outcome(label=label, agency_lost=lost, sentence=core.strip(), span=operative,
                   alternatives=alternatives(core, label))


_REPORT_RESULT = re.compile(r"作出[^。]{0,80}?(判决|裁定)[：:]|作出(?P<inline>[^。]{4,200}?)的(终审|二审|再审)?(判决|裁定)")
_PRIOR_OPERATIVE = re.compile(r"(判决|裁定)如下\s*[：:]?")


def report_operative(text: str, start: int = 0) -> Span | None:
    """Edited case reports state results in prose: "…作出（2018）X行终1号行政判决：一、撤销…"."""
    last = None
    for m in _REPORT_RESULT.finditer(text, start):
        if m.group("inline"):
            last = Span(m.start("inline"), m.end("inline"))
        else:
            stop = text.find("。", m.end())
            last = Span(m.end(), stop if stop >= 0 else len(text))
    return last


def operative_before(text: str, before: int, start: int) -> Span | None:
    """The operative part preceding ``before`` (used when the last one only allows a withdrawal)."""
    prior = None
    for m in _PRIOR_OPERATIVE.finditer(text, start, before):
        if m.end() < before - 3:  # not the marker of the operative part we came from
            prior = m
    if prior is None:
        return None
    end = prior.end()
    for line in text[prior.end():before].split("\n"):
        stripped = line.strip(" \t　")
        if end > prior.end() + 2 and stripped and not re.match(r"^[一二三四五六七八九十\d]+[、.．]", stripped):
            break
        end += len(line) + 1
    return Span(prior.end(), min(end, before))
