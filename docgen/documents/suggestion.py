"""司法建议书 (法释〔2023〕11号 附件2 文书样式) and which agencies deserve one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from docgen import stats
from docgen.blobs import BlobStore
from docgen.documents import common
from docgen.documents.builder import BR, DocxWriter
from docgen.documents.config import DocumentError, court_info, suggestion_library
from docgen.documents.drafts import next_number
from docgen.documents.evidence import Part, Scope
from docgen.documents.render import render, render_string

__all__ = ["generate_suggestion", "suggestion_targets"]

EXAMPLES_PER_PROBLEM = 2
DOC_TYPE_NAMES = {"判决书": "行政判决书", "裁定书": "行政裁定书", "决定书": "决定书", "调解书": "行政调解书"}


def suggestion_targets(session: Session, *, year: int, court: str | None = None,
                       min_count: int = 3) -> list[common.Target]:
    """Agencies whose cases of ``year`` show one defect found by the court in at least
    ``min_count`` cases (stats: defects by agency, each case counted once per defect)."""
    if min_count < 1:
        raise DocumentError("min_count 至少为 1")
    st = stats.compute(session, year, court=court)
    out: list[common.Target] = []
    for group in st.defects_by_agency:
        for d in group.defects:
            if d.cases >= min_count:
                out.append(common.Target(
                    agency=group.key, code=d.code, code_name=d.name, count=d.cases,
                    cases=[{"case_number": i.case_number, "judgment_id": i.judgment_id, "sentence": i.sentence}
                           for i in d.items],
                ))  # fmt: skip
    out.sort(key=lambda t: (-t.count, t.agency, t.code))
    return out


def _agency_row(st: stats.YearStats, agency: str) -> stats.AgencyRow:
    row = st.agency(agency)
    if row is None:
        raise DocumentError(f"{st.filters.describe()}没有以“{agency}”为被告或申请执行人的案件")
    return row


def generate_suggestion(session: Session, blobs: BlobStore, out_dir: Path, *, agency: str, year: int,
                        court: str | None = None, min_count: int = 2,
                        created_by: str | None = None) -> common.GeneratedDraft:
    """One 司法建议书 to ``agency`` about the defects found in at least ``min_count`` of its
    cases of ``year`` (one problem and one suggestion per defect)."""
    info = court_info(session, court)
    name = stats.normalize_agency(agency) or agency
    st = stats.compute(session, year, court=court, agency=name)
    row = _agency_row(st, name)
    recurring = [d for d in st.defects if d.cases >= min_count]
    if not recurring:
        found = "、".join(f"{d.name}{d.cases}件" for d in st.defects) or "无"
        raise DocumentError(
            f"{name}在{year}年的案件中没有被法院认定{min_count}次以上的同类瑕疵（已认定：{found}），"
            f"依法释〔2023〕11号第二条“确有必要”的原则，不宜制发司法建议书；可降低 --min-count 后重试"
        )
    lib = suggestion_library()["codes"]
    scope = Scope(session, year, court)
    agency_ref = "你单位"
    period = f"{year}年"
    problems: list[dict[str, Any]] = []
    attachments: dict[int, str] = {}
    for k, d in enumerate(recurring, start=1):
        spec = lib[d.code]
        part = common.defect_part(scope, d, f"{year}年法院认定{name}“{d.name}”的案件")
        examples = []
        for c in common.examples(scope, part, d.code, EXAMPLES_PER_PROBLEM):
            examples.append({"case_number": c.ref, "court": c.court or "人民法院", "sentence": c.sentence,
                             "evidence": common.evidence(Part("典型案例", 1, [c], quote=True))})
        for c in part.cases:
            attachments.setdefault(c.judgment_id, f"{c.ref}{DOC_TYPE_NAMES.get(c.doc_type or '', '裁判文书')}")
        problems.append({
            "num": common.cn_index(k), "code": d.code, "name": d.name, "count": d.cases,
            "problem": spec["problem"], "topic": spec["topic"], "basis": spec["basis"],
            "text": render_string(spec["frame"], {"count": d.cases, "period": period, "agency_ref": agency_ref,
                                                  "name": d.name}),
            "evidence": common.evidence(part), "examples": examples, "suggestions": list(spec["suggestions"]),
        })  # fmt: skip
    topic_all = problems[0]["topic"] if len(problems) == 1 else "进一步规范行政执法行为"
    field_all = lib[recurring[0].code]["field"] if len(problems) == 1 else "法治政府建设"
    intro = {
        "cases": row.cases, "nonlit": row.nonlitigation.reviewed, "defect_cases": row.defect_cases,
        "evidence": common.evidence(
            common.count_part(scope, f"{year}年{name}作为被告的行政诉讼案件", scope.agency_cases(name), row.cases),
            *([common.count_part(scope, f"{year}年{name}申请执行的非诉执行审查案件", scope.nonlit(agency=name),
                                 row.nonlitigation.reviewed)] if row.nonlitigation.reviewed else []),
        ),
        "defect_evidence": common.evidence(*[common.defect_part(scope, d) for d in st.defects],
                                           note=f"存在瑕疵的案件共{row.defect_cases}件（一案可有多类瑕疵）。"),
    }
    number_no = next_number(session, info.number_prefix, common.today().year)
    number = f"{info.number_prefix}〔{common.today().year}〕{number_no}号"
    title = f"{info.name}关于{topic_all}的司法建议书"
    context = {
        "court": info.name, "title": title, "number": number, "agency": name, "year": year,
        "scope_word": "我院" if info.own_data else "人民法院", "intro": intro, "problems": problems,
        "topic_all": topic_all, "field_all": field_all, "reply_period": info.reply_period,
        "attachments": [f"{i}.{a}" for i, a in enumerate(attachments.values(), start=1)],
        "contact": info.contact, "cc": info.cc.get("suggestion", []), "date": common.date_text(common.today()),
        "br": BR,
    }  # fmt: skip
    rendered = render("suggestion.j2", context)
    writer = DocxWriter(title, common.anonymizer_for(session, common.all_cited_ids(rendered), [name, info.name]), subject="司法建议书")
    writer.add_rendered(rendered)
    params = {"agency": name, "year": year, "court": court, "min_count": min_count,
              "codes": [d.code for d in recurring]}  # fmt: skip
    return common.finish(session, blobs, out_dir, writer, kind="suggestion", title=title, number=number,
                         court=info.name, agency=name, year=year, params=params, created_by=created_by,
                         filename=f"司法建议书_{name}_{year}.docx")  # fmt: skip
