"""行政诉讼风险提示函 and which agencies cross the risk thresholds (docgen/data/risk.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from docgen import stats
from docgen.blobs import BlobStore
from docgen.documents import common
from docgen.documents.builder import DocxWriter
from docgen.documents.config import DocumentError, court_info, risk_settings, suggestion_library, thresholds
from docgen.documents.evidence import Evidence, Part, Scope
from docgen.documents.render import render

__all__ = ["Risk", "agency_risks", "generate_risk_alert", "risk_targets"]

KINDS = ("loss_rate", "recurring_defect", "appearance_rate", "refused_enforcement")


@dataclass
class Risk:
    kind: str
    label: str
    description: str
    value: float | int
    threshold: float | int
    evidence: Evidence
    cases: list[Any]  # Cited, the cases the risk consists of
    norm: str
    todo: list[str]
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "description": self.description, "value": self.value,
                "threshold": self.threshold, "code": self.code, "cases": [c.as_dict() for c in self.cases]}  # fmt: skip


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%".replace(".0%", "%")


def agency_risks(scope: Scope, row: stats.AgencyRow, group: stats.DefectGroup | None,
                 th: dict[str, dict[str, float]], ref: str | None = None) -> list[Risk]:
    """The risk points of one agency (stats figures, thresholds ``th``), in KINDS order;
    ``ref``: how the descriptions name the agency (default: its name; the letter says 你单位)."""
    cfg = risk_settings()["risks"]
    lib = suggestion_library()["codes"]
    year = scope.filters.year
    name = row.agency
    you = ref or name
    out: list[Risk] = []
    t = th["loss_rate"]
    rate = row.loss_rate.value
    if rate is not None and row.decided >= t["min_decided"] and rate >= t["threshold"]:
        lost = common.count_part(scope, f"{year}年{name}败诉的案件", scope.lost(name), row.lost, sentence="outcome")
        decided = common.count_part(scope, f"{year}年{name}有胜败结果的诉讼案件", scope.decided(name), row.decided)
        out.append(Risk(
            "loss_rate", cfg["loss_rate"]["label"],
            f"{year}年，{you}作为被告且有胜败结果的行政诉讼案件{row.decided}件，其中败诉{row.lost}件，"
            f"败诉率为{row.loss_rate.percent()}，达到或者超过{_pct(t['threshold'])}的风险提示线",
            round(rate, 4), t["threshold"], common.evidence(lost, decided), lost.cases,
            cfg["loss_rate"]["norm"], list(cfg["loss_rate"]["todo"]),
        ))  # fmt: skip
    t = th["recurring_defect"]
    for d in (group.defects if group else []):
        if d.cases >= t["min_count"]:
            part = common.defect_part(scope, d, f"{year}年法院认定{name}“{d.name}”的案件")
            out.append(Risk(
                "recurring_defect", f"{cfg['recurring_defect']['label']}：{d.name}",
                f"{year}年，共有{d.cases}件案件经人民法院认定{you}作出的行政行为存在“{d.name}”的问题，"
                f"达到{int(t['min_count'])}件的风险提示线",
                d.cases, t["min_count"], common.evidence(part), part.cases,
                lib[d.code]["basis"], list(lib[d.code]["suggestions"]), d.code,
            ))  # fmt: skip
    t = th["appearance_rate"]
    rate = row.appearance_rate.value
    if rate is not None and row.head_known >= t["min_known"] and rate < t["below"]:
        absent = row.head_known - row.head_appeared
        no = common.count_part(scope, f"{year}年{name}负责人未出庭应诉的案件",
                               scope.head_appeared(name, appeared=False), absent, sentence="head")
        known = common.count_part(scope, f"{year}年{name}载明出庭情况的诉讼案件", scope.head_known(name),
                                  row.head_known)
        out.append(Risk(
            "appearance_rate", cfg["appearance_rate"]["label"],
            f"{year}年，载明出庭情况的涉{you}行政诉讼案件{row.head_known}件，行政机关负责人出庭应诉{row.head_appeared}件，"
            f"出庭应诉率为{row.appearance_rate.percent()}，低于{_pct(t['below'])}的风险提示线",
            round(rate, 4), t["below"], common.evidence(no, known), no.cases,
            cfg["appearance_rate"]["norm"], list(cfg["appearance_rate"]["todo"]),
        ))  # fmt: skip
    t = th["refused_enforcement"]
    nl = row.nonlitigation
    if nl.refused and nl.refused >= t["min_count"]:
        refused = common.count_part(scope, f"{year}年{name}申请执行被裁定不准予执行的案件",
                                    scope.nonlit(stats.REFUSED, name), nl.refused, sentence="outcome")
        reviewed = common.count_part(scope, f"{year}年{name}申请执行的非诉执行审查案件", scope.nonlit(agency=name),
                                     nl.reviewed)
        out.append(Risk(
            "refused_enforcement", cfg["refused_enforcement"]["label"],
            f"{year}年，{you}申请人民法院强制执行的非诉执行审查案件{nl.reviewed}件，其中被裁定不准予执行{nl.refused}件",
            nl.refused, t["min_count"], common.evidence(refused, reviewed), refused.cases,
            cfg["refused_enforcement"]["norm"], list(cfg["refused_enforcement"]["todo"]),
        ))  # fmt: skip
    return out


def _all_risks(session: Session, year: int, court: str | None,
               overrides: dict | None) -> tuple[stats.YearStats, Scope, dict[str, list[Risk]]]:
    th = thresholds(overrides)
    st = stats.compute(session, year, court=court)
    scope = Scope(session, year, court, many_agencies=True)  # every agency's lists
    groups = {g.key: g for g in st.defects_by_agency}
    found = {}
    for row in st.agencies:
        risks = agency_risks(scope, row, groups.get(row.agency), th)
        if risks:
            found[row.agency] = risks
    return st, scope, found


def risk_targets(session: Session, *, year: int, court: str | None = None,
                 thresholds: dict | None = None) -> list[common.RiskTarget]:
    _st, _scope, found = _all_risks(session, year, court, thresholds)
    out = [common.RiskTarget(agency, [r.to_dict() for r in risks]) for agency, risks in found.items()]
    out.sort(key=lambda t: (-len(t.risks), t.agency))
    return out


def generate_risk_alert(session: Session, blobs: BlobStore, out_dir: Path, *, agency: str, year: int,
                        court: str | None = None, created_by: str | None = None) -> common.GeneratedDraft:
    info = court_info(session, court)
    name = stats.normalize_agency(agency) or agency
    st = stats.compute(session, year, court=court, agency=name)
    row = st.agency(name)
    if row is None:
        raise DocumentError(f"{st.filters.describe()}没有以“{name}”为被告或申请执行人的案件")
    scope = Scope(session, year, court)
    group = next((g for g in st.defects_by_agency if g.key == name), None)
    risks = agency_risks(scope, row, group, thresholds(), ref="你单位")
    if not risks:
        raise DocumentError(f"{name}在{year}年的各项数据均未达到风险提示线（docgen/data/risk.yaml），无需制发风险提示函")
    lib = suggestion_library()["codes"]
    items = []
    for k, r in enumerate(risks, start=1):
        ex = []
        if r.code:
            ex = [{"case_number": c.ref, "court": c.court or "人民法院", "sentence": c.sentence,
                   "evidence": common.evidence(Part("典型案例", 1, [c], quote=True))}
                  for c in common.examples(scope, r.evidence.parts[0], r.code, 1)]  # fmt: skip
        items.append({"num": common.cn_index(k), "label": r.label, "description": r.description,
                      "evidence": r.evidence, "case_numbers": [c.ref for c in r.cases], "norm": r.norm,
                      "todo": r.todo, "examples": ex, "problem": lib[r.code]["problem"] if r.code else ""})
    intro_parts = []
    if row.cases:
        intro_parts.append(common.count_part(scope, f"{year}年{name}作为被告的行政诉讼案件", scope.agency_cases(name),
                                             row.cases))
    if row.nonlitigation.reviewed:
        intro_parts.append(common.count_part(scope, f"{year}年{name}申请执行的非诉执行审查案件", scope.nonlit(agency=name),
                                             row.nonlitigation.reviewed))
    title = f"{info.name}行政诉讼风险提示函"
    context = {
        "court": info.name, "title": title, "agency": name, "year": year,
        "scope_word": "我院" if info.own_data else "人民法院",
        "intro": {"cases": row.cases, "nonlit": row.nonlitigation.reviewed, "evidence": common.evidence(*intro_parts)},
        "risks": items, "contact": info.contact, "cc": info.cc.get("risk_alert", []),
        "date": common.date_text(common.today()),
    }  # fmt: skip
    rendered = render("risk_alert.j2", context)
    writer = DocxWriter(title, common.anonymizer_for(session, common.all_cited_ids(rendered), [name, info.name]), subject="行政诉讼风险提示函")
    writer.add_rendered(rendered)
    params = {"agency": name, "year": year, "court": court, "risks": [r.kind for r in risks],
              "codes": [r.code for r in risks if r.code]}  # fmt: skip
    return common.finish(session, blobs, out_dir, writer, kind="risk_alert", title=title, number=None,
                         court=info.name, agency=name, year=year, params=params, created_by=created_by,
                         filename=f"风险提示函_{name}_{year}.docx")  # fmt: skip
