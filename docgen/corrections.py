"""Reviewers' corrections: stored with who and when, overriding predictions everywhere.

Design
------
* **History.** Every correction is a new :class:`~docgen.db.models.Correction` row (append-only):
  judgment, kind, the new ``value`` (JSON), the ``previous`` effective value, reviewer, note and
  UTC time.  For one key — (judgment, kind), or (judgment, defect code) for ``defect_add`` /
  ``defect_remove`` — the newest row (highest id) wins.
* **Predictions are kept.** The analysis' predictions stay where they were written: the parse
  result in ``judgments.parsed`` (category, domain, outcome, agency_lost, head_appeared) and the
  predicted rows of ``findings`` (``source`` ≠ ``'correction'``), which are never edited except
  for their ``active`` flag.
* **Effective values are denormalised.** ``judgments.category/field/outcome/agency_lost/
  head_appeared`` (and ``parties.head_appeared`` of the defendant agencies) hold the EFFECTIVE
  value — prediction overridden by the newest correction — and are recomputed by :func:`apply`
  whenever a correction is made (and by ``repo.update_analysis`` after re-analysis).  A removed
  defect is a predicted finding with ``active = false``; an added defect is a finding row with
  ``source = 'correction'``.  So every reader — statistics (plain SQL ``GROUP BY`` over
  50,000 judgments, no per-row merging), ``repo.list_judgments`` filters, ``docgen show``, the
  web pages and the documents — sees corrected values without knowing corrections exist.
* :func:`apply` recomputes from scratch (predictions + full history), so it is idempotent and
  the denormalised columns can always be rebuilt (:func:`apply_all`).

``agency_lost`` follows a corrected outcome through the table of ``docgen/data/outcomes.yaml``
(the parser's own table), unless ``agency_lost`` itself was corrected: an explicit
``agency_lost`` correction always wins, whatever its age.  Outcomes that the table does not
settle: 发回重审 and 其他 have no result on the merits (None); for 维持原判, 改判 and
驳回再审申请 the winner depends on the judgment below, so the parser's value is kept when it
had read the same kind of appeal result, else None (correct ``agency_lost`` to settle it).

A ``head_appeared`` correction applies to the case and to every defendant agency of it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from docgen.db.models import CORRECTION_KINDS, Correction, Document, Finding, Judgment
from docgen.errors import DocgenError
from docgen.model import OUTCOMES

__all__ = [
    "CATEGORIES",
    "CORRECTION_KINDS",
    "DEFECT_NAMES",
    "CorrectionError",
    "EffectiveDefect",
    "EffectiveFacts",
    "apply",
    "apply_all",
    "correct",
    "defect_names",
    "defect_samples",
    "effective",
    "field_samples",
    "history",
    "training_samples",
]

# The 22 second-level causes of 法发〔2020〕44号 (LABELS.md).
CATEGORIES: tuple[str, ...] = (
    "行政处罚", "行政强制措施", "行政强制执行", "行政许可", "行政征收或者征用", "行政登记", "行政确认",
    "行政给付", "行政允诺", "行政征缴", "行政奖励", "行政收费", "政府信息公开", "行政批复", "行政处理",
    "行政复议", "行政裁决", "行政协议", "行政补偿", "行政赔偿", "不履行法定职责", "公益诉讼",
)  # fmt: skip

# Defect codes and their Chinese names (LABELS.md).
DEFECT_NAMES: dict[str, str] = {
    "EVIDENCE": "主要证据不足、认定事实不清",
    "LAW": "适用法律、法规错误",
    "PROCEDURE": "违反法定程序",
    "NO_STATEMENT": "未告知或未听取陈述、申辩",
    "NO_HEARING": "应告知听证而未告知或应听证未听证",
    "SERVICE": "送达程序违法",
    "TIME_LIMIT": "超过法定期限作出或答复",
    "ENFORCE_PROC": "强制执行、强制拆除程序违法",
    "EXPROP_PROC": "征收补偿程序违法",
    "ULTRA_VIRES": "超越职权或执法主体不适格",
    "ABUSE": "滥用职权",
    "UNREASONABLE": "明显不当",
    "NONPERFORMANCE": "不履行或拖延履行法定职责",
    "DISCLOSURE": "政府信息公开答复违法",
    "MINOR_PROC": "程序轻微违法",
}



@cache
def defect_names() -> dict[str, str]:
    """Code → 中文名称: from the defect taxonomy ``docgen/data/defects.yaml`` when it is there
    (the names the analysis and the documents use), else :data:`DEFECT_NAMES`."""
    try:
        from docgen.nlp.patterns import load_yaml

        codes = load_yaml("defects.yaml")["codes"]
        names = {str(code): str(spec.get("name") or DEFECT_NAMES.get(code, code)) for code, spec in codes.items()}
    except (FileNotFoundError, KeyError, TypeError, AttributeError):
        return dict(DEFECT_NAMES)
    return names or dict(DEFECT_NAMES)


KIND_NAMES: dict[str, str] = {
    "category": "案由",
    "field": "管理领域",
    "outcome": "裁判结果",
    "agency_lost": "行政机关败诉",
    "head_appeared": "负责人出庭",
    "defect_add": "添加瑕疵",
    "defect_remove": "删除瑕疵",
}
DEFECT_KINDS = ("defect_add", "defect_remove")
NO_MERITS_OUTCOMES = ("发回重审", "其他")  # no result on the merits: agency_lost is None
APPEAL_OUTCOMES = ("维持原判", "改判", "驳回再审申请")  # the winner depends on the judgment below
CORRECTION_SOURCE = "correction"
NO_DEFECT = "NONE"
MAX_FIELD_LEN = 64

_TRUE = {"true", "yes", "y", "1", "是", "有", "出庭", "败诉", "t"}
_FALSE = {"false", "no", "n", "0", "否", "无", "未出庭", "胜诉", "f"}
_NULL = {"", "none", "null", "unknown", "不明", "未知", "未载明"}
_WS = re.compile(r"[\s\u3000]+")


class CorrectionError(DocgenError, ValueError):
    """A correction that cannot be accepted; the message (Chinese) says why."""


# -- effective facts ----------------------------------------------------------------------------


@dataclass
class EffectiveDefect:
    code: str
    name: str
    sentence: str
    span: tuple[int, int] | None
    section: str | None
    confidence: float
    source: str  # pattern | statute | model | correction


@dataclass
class EffectiveFacts:
    """What docgen holds true about one judgment: predictions overridden by corrections."""

    judgment_id: int
    document_id: int
    case_number: str | None
    category: str | None
    field: str | None
    outcome: str | None
    agency_lost: bool | None
    head_appeared: bool | None
    defects: list[EffectiveDefect] = field(default_factory=list)
    # key ("category", "defect:EVIDENCE" …) -> {"id", "reviewer", "created_at", "value"}
    corrected: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def defect_codes(self) -> list[str]:
        return sorted({d.code for d in self.defects})

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["defect_codes"] = self.defect_codes
        return d


def _key(c: Correction) -> str:
    return f"defect:{c.code}" if c.kind in DEFECT_KINDS else c.kind


def _latest(session: Session, judgment_id: int) -> dict[str, Correction]:
    rows = session.scalars(
        select(Correction).where(Correction.judgment_id == judgment_id).order_by(Correction.id)
    )
    latest: dict[str, Correction] = {}
    for c in rows:
        latest[_key(c)] = c
    return latest


def _derived_lost(outcome: str | None, predicted_outcome: str | None, predicted_lost: bool | None) -> bool | None:
    """agency_lost implied by a corrected ``outcome`` (see the module docstring)."""
    from docgen.nlp.outcome import lost_for

    if outcome is None:
        return None
    value = lost_for(outcome)
    if value is not None:
        return value
    if outcome in APPEAL_OUTCOMES and predicted_outcome in APPEAL_OUTCOMES:
        if outcome == predicted_outcome or (outcome != "改判" and predicted_outcome != "改判"):
            return predicted_lost
    return None


def apply(session: Session, judgment: Judgment) -> None:
    """Recompute the effective columns and findings of ``judgment`` (flushed, not committed).

    From scratch: the predictions (``parsed`` and predicted findings) overridden by the
    newest correction of every key.  Idempotent.
    """
    row = judgment
    latest = _latest(session, row.id)
    parsed = row.parsed or {}

    # category / field
    pred_cat = parsed.get("category") or None
    c = latest.get("category")
    if c is not None:
        row.category, row.category_confidence, row.category_source = c.value, 1.0, CORRECTION_SOURCE
        was = f"（原预测：{pred_cat.get('label')}）" if pred_cat else ""
        row.category_reason = f"审核人{c.reviewer}更正{was}"
    else:
        row.category = pred_cat.get("label") if pred_cat else None
        row.category_confidence = pred_cat.get("confidence") if pred_cat else None
        row.category_source = pred_cat.get("source") if pred_cat else None
        row.category_reason = pred_cat.get("reason") if pred_cat else None
    pred_dom = parsed.get("domain") or None
    c = latest.get("field")
    if c is not None:
        row.field, row.field_confidence = c.value, 1.0
    else:
        row.field = pred_dom.get("label") if pred_dom else None
        row.field_confidence = pred_dom.get("confidence") if pred_dom else None

    # outcome → agency_lost
    pred_outcome, pred_lost = parsed.get("outcome"), parsed.get("agency_lost")
    c = latest.get("outcome")
    row.outcome = c.value if c is not None else pred_outcome
    row.agency_lost = _derived_lost(row.outcome, pred_outcome, pred_lost) if c is not None else pred_lost
    c = latest.get("agency_lost")
    if c is not None:
        row.agency_lost = c.value

    # head_appeared (the case and every defendant agency)
    c = latest.get("head_appeared")
    row.head_appeared = c.value if c is not None else parsed.get("head_appeared")
    if c is not None:
        for p in row.parties:
            if p.side == "defendant" and p.is_agency:
                p.head_appeared = c.value

    # defects
    for f in [f for f in row.findings if f.source == CORRECTION_SOURCE]:
        row.findings.remove(f)
    predicted = list(row.findings)
    for f in predicted:
        f.active = True
    for key, c in sorted(latest.items(), key=lambda kv: kv[1].id):
        if not key.startswith("defect:"):
            continue
        same = [f for f in predicted if f.code == c.code]
        if c.kind == "defect_remove":
            for f in same:
                f.active = False
            continue
        value = c.value or {}
        sentence = value.get("sentence") or ""
        span = value.get("span") or (None, None)
        if sentence or not same:
            row.findings.append(Finding(
                code=c.code, sentence=sentence, span_start=span[0], span_end=span[1],
                section=value.get("section"), confidence=1.0, source=CORRECTION_SOURCE,
                reason=f"审核人{c.reviewer}添加", active=True,
            ))  # fmt: skip
    session.flush()


def apply_all(session: Session, batch_size: int = 500) -> int:
    """Re-apply the corrections of every corrected judgment (e.g. after a bulk re-analysis)."""
    ids = list(session.scalars(select(Correction.judgment_id).distinct().order_by(Correction.judgment_id)))
    for i in range(0, len(ids), batch_size):
        for row in session.scalars(select(Judgment).where(Judgment.id.in_(ids[i : i + batch_size]))):
            apply(session, row)
    return len(ids)


def _get(session: Session, judgment: Judgment | int) -> Judgment:
    row = judgment if isinstance(judgment, Judgment) else session.get(Judgment, judgment)
    if row is None:
        raise CorrectionError(f"未找到编号为 {judgment} 的裁判文书")
    return row


def effective(session: Session, judgment: Judgment | int) -> EffectiveFacts:
    """The effective facts of one judgment (as the statistics count them)."""
    row = _get(session, judgment)
    session.flush()
    findings = session.scalars(
        select(Finding).where(Finding.judgment_id == row.id, Finding.active.is_(True)).order_by(Finding.id)
    )
    defects = [
        EffectiveDefect(
            code=f.code, name=defect_names().get(f.code, f.code), sentence=f.sentence,
            span=(f.span_start, f.span_end) if f.span_start is not None and f.span_end is not None else None,
            section=f.section, confidence=f.confidence, source=f.source,
        )
        for f in findings
    ]  # fmt: skip
    defects.sort(key=lambda d: (d.code, d.span[0] if d.span else -1, d.source))
    corrected = {
        k: {"id": c.id, "kind": c.kind, "reviewer": c.reviewer, "created_at": c.created_at.isoformat(),
            "value": c.value, "note": c.note}
        for k, c in sorted(_latest(session, row.id).items())
    }  # fmt: skip
    return EffectiveFacts(
        judgment_id=row.id, document_id=row.document_id, case_number=row.case_number,
        category=row.category, field=row.field, outcome=row.outcome, agency_lost=row.agency_lost,
        head_appeared=row.head_appeared, defects=defects, corrected=corrected,
    )  # fmt: skip


def history(session: Session, judgment_id: int) -> list[Correction]:
    """All corrections of a judgment, oldest first."""
    return list(
        session.scalars(select(Correction).where(Correction.judgment_id == judgment_id).order_by(Correction.id))
    )


# -- validation ------------------------------------------------------------------------------


def _bool(value: Any, what: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    s = str(value).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    if s in _NULL:
        return None
    raise CorrectionError(f"{what}只能是“是/否/不明”（yes/no/unknown），收到：{value!r}")


def _label(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CorrectionError(f"{what}不能为空")
    return _WS.sub("", value)


def _locate(text: str, sentence: str) -> tuple[int, int] | None:
    """Span of ``sentence`` in ``text``: exact, else ignoring whitespace."""
    i = text.find(sentence)
    if i >= 0:
        return i, i + len(sentence)
    needle = _WS.sub("", sentence)
    if not needle:
        return None
    keep = [k for k, ch in enumerate(text) if not _WS.match(ch)]
    squeezed = "".join(text[k] for k in keep)
    j = squeezed.find(needle)
    if j < 0:
        return None
    return keep[j], keep[j + len(needle) - 1] + 1


def _defect_value(session: Session, row: Judgment, kind: str, value: Any) -> dict[str, Any]:
    raw = value if isinstance(value, dict) else {"code": value}
    code = str(raw.get("code") or "").strip().upper()
    names = defect_names()
    if code not in names:
        choices = "、".join(f"{k}（{v}）" for k, v in names.items())
        raise CorrectionError(f"未知的瑕疵代码：{raw.get('code')!r}。可选：{choices}")
    if kind == "defect_remove":
        active = session.scalar(
            select(func.count()).select_from(Finding)
            .where(Finding.judgment_id == row.id, Finding.code == code, Finding.active.is_(True))
        )  # fmt: skip
        if not active:
            raise CorrectionError(f"该文书目前没有“{names[code]}”（{code}）瑕疵，无需删除")
        return {"code": code}
    sentence = raw.get("sentence")
    sentence = sentence.strip() if isinstance(sentence, str) and sentence.strip() else None
    span = raw.get("span")
    text = session.scalar(select(Document.text).where(Document.id == row.document_id)) or ""
    if span is not None:
        try:
            start, end = (int(x) for x in span)
        except (TypeError, ValueError):
            raise CorrectionError(f"句子位置应为两个整数（起、止），收到：{span!r}") from None
        if not 0 <= start < end <= len(text):
            raise CorrectionError(f"句子位置 {start}–{end} 超出文书原文范围（共 {len(text)} 字）")
        if sentence is not None and _WS.sub("", text[start:end]) != _WS.sub("", sentence):
            raise CorrectionError("所给句子与所给位置的原文不一致")
        sentence = text[start:end]
    elif sentence is not None:
        found = _locate(text, sentence)
        if found is None:
            raise CorrectionError("所引句子在文书原文中找不到，请从裁判文书中原样复制法院的表述")
        start, end = found
        sentence = text[start:end]
    section = raw.get("section")
    out: dict[str, Any] = {"code": code, "sentence": sentence, "span": [start, end] if sentence else None}
    if section:
        out["section"] = str(section)
    return out


def _validate(session: Session, row: Judgment, kind: str, value: Any) -> Any:
    if kind == "category":
        v = _label(value, "案由")
        if v not in CATEGORIES:
            raise CorrectionError(f"“{v}”不是法发〔2020〕44号规定的二级案由。可选：{'、'.join(CATEGORIES)}")
        return v
    if kind == "field":
        v = _label(value, "管理领域")
        if len(v) > MAX_FIELD_LEN:
            raise CorrectionError(f"管理领域过长（不超过 {MAX_FIELD_LEN} 字）")
        return v
    if kind == "outcome":
        v = _label(value, "裁判结果")
        if v not in OUTCOMES:
            raise CorrectionError(f"“{v}”不是可用的裁判结果。可选：{'、'.join(OUTCOMES)}")
        return v
    if kind == "head_appeared":
        return _bool(value, "负责人出庭")
    if kind == "agency_lost":
        return _bool(value, "行政机关败诉")
    return _defect_value(session, row, kind, value)


def _previous(session: Session, row: Judgment, kind: str, value: Any) -> Any:
    if kind in DEFECT_KINDS:
        code = value["code"]
        sentences = list(session.scalars(
            select(Finding.sentence)
            .where(Finding.judgment_id == row.id, Finding.code == code, Finding.active.is_(True))
            .order_by(Finding.id)
        ))  # fmt: skip
        return {"code": code, "present": bool(sentences), "sentences": sentences}
    return getattr(row, kind)


# -- the one entry point -----------------------------------------------------------------------


def correct(
    session: Session,
    judgment_id: int,
    kind: str,
    value: Any,
    reviewer: str,
    note: str | None = None,
    *,
    created_at: datetime | None = None,
) -> Correction:
    """Record a reviewer's correction and apply it (flushed, not committed).

    ``kind``: category | field | outcome | head_appeared | agency_lost | defect_add |
    defect_remove.  ``value``: a label for category/field/outcome; True/False/None (or
    是/否/不明, yes/no/unknown) for head_appeared and agency_lost; a defect code, or
    ``{"code": ..., "sentence": ..., "span": [start, end]}`` for defect_add (the sentence must
    be the court's own words in this document; its span is found when not given) and a code
    for defect_remove (which must currently be present).  Raises :class:`CorrectionError`
    with a Chinese message on any invalid input.
    """
    if kind not in CORRECTION_KINDS:
        names = "、".join(f"{k}（{KIND_NAMES[k]}）" for k in CORRECTION_KINDS)
        raise CorrectionError(f"未知的更正类型：{kind!r}。可选：{names}")
    if not isinstance(reviewer, str) or not reviewer.strip():
        raise CorrectionError("请填写审核人（reviewer），更正记录须载明由谁更正")
    # Lock the judgment row (PostgreSQL; SQLite serialises writers anyway) so that two
    # reviewers correcting the same judgment at once cannot leave a stale effective value.
    row = session.scalars(
        select(Judgment).where(Judgment.id == judgment_id).with_for_update().execution_options(populate_existing=True)
    ).one_or_none()
    if row is None:
        raise CorrectionError(f"未找到编号为 {judgment_id} 的裁判文书")
    session.flush()
    v = _validate(session, row, kind, value)
    c = Correction(
        judgment_id=row.id,
        kind=kind,
        code=v["code"] if kind in DEFECT_KINDS else None,
        value=v,
        previous=_previous(session, row, kind, v),
        reviewer=reviewer.strip(),
        note=note.strip() if note and note.strip() else None,
    )
    if created_at is not None:
        c.created_at = created_at
    session.add(c)
    session.flush()
    apply(session, row)
    return c


# -- training data -------------------------------------------------------------------------------


def _latest_ids(kinds: tuple[str, ...]) -> Any:
    """Subquery: id of the newest correction per (judgment, key) for ``kinds``."""
    return (
        select(func.max(Correction.id))
        .where(Correction.kind.in_(kinds))
        .group_by(Correction.judgment_id, Correction.code)
    )


def _label_samples(session: Session, kind: str) -> list[tuple[str, str]]:
    rows = session.execute(
        select(Document.text, Correction.value)
        .join(Judgment, Judgment.id == Correction.judgment_id)
        .join(Document, Document.id == Judgment.document_id)
        .where(Correction.id.in_(_latest_ids((kind,))))
        .order_by(Correction.judgment_id)
    )
    return [(text, value) for text, value in rows]


def training_samples(session: Session) -> list[tuple[str, str]]:
    """(document text, corrected category) for every judgment whose category a reviewer set
    (the newest correction; a confirmation of the prediction counts too).

    For ``docgen train`` (``train_all(corrections=...)``): these outrank the corpus labels.
    """
    return _label_samples(session, "category")


def field_samples(session: Session) -> list[tuple[str, str]]:
    """(document text, corrected 管理领域) — ``train_all(domain_corrections=...)``."""
    return _label_samples(session, "field")


def defect_samples(session: Session) -> list[tuple[str, str]]:
    """Labelled sentences from defect corrections: (sentence, code) and (sentence, ``'NONE'``).

    * newest is ``defect_add``: the reviewer's sentence, else the predicted sentences of that
      code (the reviewer confirmed them) → the code;
    * newest is ``defect_remove``: every predicted sentence of that code → ``NONE``, unless the
      same sentence still proves another (active) defect of the same judgment.

    Sentences without text are skipped; duplicates are dropped (first kept).
    """
    latest = list(session.scalars(
        select(Correction).where(Correction.id.in_(_latest_ids(DEFECT_KINDS))).order_by(Correction.id)
    ))  # fmt: skip
    if not latest:
        return []
    jids = sorted({c.judgment_id for c in latest})
    by_judgment: dict[int, list[Finding]] = {}
    for i in range(0, len(jids), 500):
        for f in session.scalars(
            select(Finding).where(Finding.judgment_id.in_(jids[i : i + 500])).order_by(Finding.id)
        ):
            by_judgment.setdefault(f.judgment_id, []).append(f)
    out: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(sentence: str, label: str) -> None:
        if sentence and (sentence, label) not in seen:
            seen.add((sentence, label))
            out.append((sentence, label))

    for c in latest:
        findings = by_judgment.get(c.judgment_id, [])
        predicted = [f for f in findings if f.source != CORRECTION_SOURCE and f.code == c.code]
        if c.kind == "defect_add":
            sentence = (c.value or {}).get("sentence")
            if sentence:
                add(sentence, c.code)
            else:
                for f in predicted:
                    add(f.sentence, c.code)
        else:
            still = {f.sentence for f in findings if f.active and f.code != c.code}
            for f in predicted:
                if f.sentence not in still:
                    add(f.sentence, NO_DEFECT)
    return out
