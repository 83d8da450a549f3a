"""A quick overview of what is in the database (what ``docgen show`` and ``make run`` print).

The figures and their definitions live in ``docgen.stats``; this is the clerk's first look after
an import: how many documents, of which kinds, and what was refused.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from docgen.db.models import Document, Judgment, Rejection
from docgen.nlp.casenum import normalize_case_number


def _group(session: Session, column: Any) -> dict[str, int]:
    rows = session.execute(select(column, func.count()).group_by(column).order_by(func.count().desc()))
    return {("未识别" if k is None else str(k)): n for k, n in rows}


def overview(session: Session) -> dict[str, Any]:
    from docgen.stats import compute

    n = session.scalar(select(func.count()).select_from(Judgment)) or 0
    figures = compute(session)  # all years; the definitions live in docgen.stats
    lost, decided = figures.loss_rate.numerator, figures.loss_rate.denominator
    appeared, heard = figures.appearance_rate.numerator, figures.appearance_rate.denominator
    rejections = session.execute(
        select(Rejection.code, Rejection.message, func.count()).group_by(Rejection.code, Rejection.message)
    ).all()
    by_code: dict[str, int] = {}
    for code, message, count in rejections:
        label = message.split("：")[0] if message else code
        by_code[label] = by_code.get(label, 0) + count
    return {
        "judgments": n,
        "by_year": _group(session, Judgment.year),
        "by_court": _group(session, Judgment.court),
        "by_procedure": _group(session, Judgment.procedure),
        "by_doc_type": _group(session, Judgment.doc_type),
        "by_outcome": _group(session, Judgment.outcome),
        "agency_lost": {"lost": lost, "decided": decided, "rate": round(lost / decided, 4) if decided else None},
        "head_appeared": {"appeared": appeared, "known": heard,
                          "rate": round(appeared / heard, 4) if heard else None},
        "rejections": by_code,
    }


def _fmt_group(title: str, d: dict[str, int]) -> list[str]:
    parts = "，".join(f"{k} {v}" for k, v in d.items()) or "无"
    return [f"{title}：{parts}"]


def format_overview(o: dict[str, Any]) -> str:
    lines = [f"库内裁判文书：{o['judgments']} 件"]
    lines += _fmt_group("按年度", dict(sorted(o["by_year"].items())))
    lines += _fmt_group("按审级", o["by_procedure"])
    lines += _fmt_group("按文书类型", o["by_doc_type"])
    lines += _fmt_group("按裁判结果", o["by_outcome"])
    courts = list(o["by_court"].items())
    top = dict(courts[:10])
    if len(courts) > 10:
        top[f"其余{len(courts) - 10}个法院"] = sum(n for _c, n in courts[10:])
    lines += _fmt_group("按法院（前10）", top)
    al, ha = o["agency_lost"], o["head_appeared"]
    rate = "—" if al["rate"] is None else f"{al['rate']:.1%}"
    lines.append(f"行政机关败诉：{al['lost']} / {al['decided']}（有胜败结果的诉讼案件，不含非诉执行审查），败诉率 {rate}")
    rate = "—" if ha["rate"] is None else f"{ha['rate']:.1%}"
    lines.append(f"行政机关负责人出庭：{ha['appeared']} / {ha['known']}（文书载明出庭情况的案件），出庭率 {rate}")
    lines += _fmt_group("拒收/重复", o["rejections"])
    return "\n".join(lines)


def find_judgment(session: Session, ident: str) -> Judgment | None:
    """By document id, or by case number in any bracket style."""
    if ident.isdigit():
        row = session.scalar(select(Judgment).where(Judgment.document_id == int(ident)))
        if row is not None:
            return row
    return session.scalar(select(Judgment).where(Judgment.case_number == normalize_case_number(ident))
                          .join(Document).order_by(Judgment.id).limit(1))
