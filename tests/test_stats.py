"""docgen.stats: every figure against hand-computed values, on SQLite and PostgreSQL.

The fictional data set below (``CASES``) is small enough to count by hand; the expected values
in the tests are written out, not computed by the code under test.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

import pytest
from alembic import command
from samples import APPEAL, FIRST_INSTANCE, NON_LITIGATION
from sqlalchemy import select, text

from docgen import model as m
from docgen.db import alembic_config, init_db, make_engine, repo, session_scope
from docgen.db.models import Finding, Judgment, Party
from docgen.nlp.outcome import lost_for
from docgen.nlp.parse import parse_text
from docgen.stats import DEFINITIONS, build_report, compare, compute, format_report, normalize_agency

COURT_A = "东川市中级人民法院"
COURT_B = "东川市临江区人民法院"
LAND = "东川市自然资源局"
POLICE = "东川市公安局"
MARKET = "东川市市场监督管理局"
GOV = "东川市人民政府"
ECO = "东川市生态环境局"
LJ_MARKET = "东川市临江区市场监督管理局"


@dataclass
class Case:
    no: str
    day: date | None
    outcome: str
    agencies: list[str]
    procedure: str = "一审"
    court: str = COURT_A
    head: bool | None = None
    category: str | None = "行政处罚"
    domain: str | None = None  # 管理领域
    defects: list[tuple[str, str]] = field(default_factory=list)  # (code, sentence)
    lost: bool | None = ...  # type: ignore[assignment]  # default: the outcome table
    head_listed: list[str] = field(default_factory=list)  # agencies with a 出庭负责人 line


def build(c: Case) -> m.Judgment:
    """A small m.Judgment whose text contains every finding's sentence (spans are real)."""
    is_nonlit = c.procedure == "非诉执行审查"
    role = "申请执行人" if is_nonlit else "被告"
    lines = [c.court, "行政裁定书" if is_nonlit else "行政判决书", c.no]
    lines.append(("被执行人" if is_nonlit else "原告") + "张某，男。")
    lines += [f"{role}{a}。" for a in c.agencies]
    lines.append("本院认为，" + "".join(s for _, s in c.defects))
    lines.append(f"裁判结果：{c.outcome}。")
    text_ = "\n".join(lines)
    parties = [m.Party("被执行人" if is_nonlit else "原告", "原告", "张某", "plaintiff", False, True)]
    for a in c.agencies:
        people = [m.Person("某负责人", "出庭负责人", "副局长", is_head=True)] if a in c.head_listed else []
        parties.append(m.Party(role, role, a, "defendant", True, False, people))
    findings = []
    for code, sentence in c.defects:
        start = text_.index(sentence)
        findings.append(m.Finding(code, sentence, m.Span(start, start + len(sentence)), "本院认为", 0.9,
                                  "pattern", "test pattern"))  # fmt: skip
    year = int(c.no[1:5])
    lost = lost_for(c.outcome) if c.lost is ... else c.lost
    return m.Judgment(
        text=text_,
        court=c.court,
        doc_type="裁定书" if is_nonlit else "判决书",
        case_number=m.CaseNumber(c.no, c.no, year, c.no[6:9], None, None),
        procedure=c.procedure,
        parties=parties,
        head_appeared=c.head,
        outcome=m.Outcome(c.outcome, lost, f"{c.outcome}。"),
        judgment_date=c.day,
        category=m.Prediction(c.category, 0.8, "rule", "cause.test") if c.category else None,
        domain=m.Prediction(c.domain, 0.7, "rule", "field.test") if c.domain else None,
        findings=findings,
    )


S1 = "被告未经听证即作出处罚决定，违反法定程序。"
S2 = "被告未告知原告陈述、申辩的权利。"
S3 = "被告认定原告违法的主要证据不足。"
S3B = "现有证据不能证明原告实施了违法行为。"
S4 = "被诉行政行为程序违法，一审判决予以撤销并无不当。"
S8 = "该处罚决定作出前未告知被执行人陈述、申辩的权利，明显违反法定程序。"
S10 = "被告在作出处罚决定前未告知原告陈述申辩权利。"
S11 = "被告收到申请后至今未予答复，属于不履行法定职责。"
S13 = "被告作出决定前未依法送达，程序违法。"

CASES: dict[int, Case] = {
    # -- closed in 2024 ------------------------------------------------------------------------
    1: Case("（2024）东01行初1号", date(2024, 3, 1), "撤销", [LAND], head=True, head_listed=[LAND],
            domain="土地", defects=[("PROCEDURE", S1), ("NO_STATEMENT", S2)]),
    2: Case("（2024）东01行初2号", date(2024, 4, 1), "驳回诉讼请求", [LAND], head=False, domain="土地"),
    3: Case("（2023）东01行初9号", date(2024, 1, 10), "确认违法", ["东川市公安局（以下简称市公安局）"],
            category="行政强制措施", domain="公安", defects=[("EVIDENCE", S3), ("EVIDENCE", S3B)]),
    4: Case("（2024）东01行终3号", date(2024, 6, 1), "维持原判", [" 东川市公安局"], procedure="二审",
            head=True, lost=True, category="行政强制措施", domain="公安", defects=[("PROCEDURE", S4)]),
    5: Case("（2024）东01行初4号", date(2024, 7, 1), "其他", [MARKET], domain="市场监管"),
    6: Case("（2024）东01行初5号", date(2024, 8, 1), "驳回起诉", [GOV, LAND], head=True, head_listed=[GOV],
            category="行政征收或者征用", domain="房屋征收"),
    7: Case("（2024）东01行审1号", date(2024, 2, 1), "准予执行", [ECO], procedure="非诉执行审查", domain="生态环境"),
    8: Case("（2024）东01行审2号", date(2024, 3, 1), "不准予执行", [ECO], procedure="非诉执行审查",
            domain="生态环境", defects=[("NO_STATEMENT", S8)]),
    9: Case("（2024）东01行审3号", date(2024, 5, 1), "其他", [ECO], procedure="非诉执行审查", domain="生态环境"),
    10: Case("（2024）东0102行初7号", date(2024, 9, 9), "撤销", [LJ_MARKET], court=COURT_B, head=False,
             domain="市场监管", defects=[("NO_STATEMENT", S10)]),
    11: Case("（2024）东01行初6号", None, "责令履行", [LAND], head=False, category=None,
             defects=[("NONPERFORMANCE", S11)]),  # undated: closed by the case-number year
    # -- filed in 2024, closed in 2025 ---------------------------------------------------------
    12: Case("（2024）东01行初8号", date(2025, 1, 5), "驳回诉讼请求", [LAND], head=False, domain="土地"),
    # -- closed in 2023 ------------------------------------------------------------------------
    13: Case("（2023）东01行初1号", date(2023, 5, 1), "撤销", [LAND], head=False, domain="土地",
             defects=[("PROCEDURE", S13)]),
    14: Case("（2023）东01行初2号", date(2023, 6, 1), "驳回诉讼请求", [LAND], head=False,
             category="行政许可", domain="城建规划"),
    15: Case("（2022）东01行初5号", date(2023, 2, 1), "驳回诉讼请求", [POLICE], head=True, head_listed=[POLICE],
             category="行政强制措施", domain="公安"),
    16: Case("（2023）东01行审1号", date(2023, 3, 3), "准予执行", [ECO], procedure="非诉执行审查", domain="生态环境"),
}


def sha(data: str) -> str:
    return hashlib.sha256(data.encode()).hexdigest()


def store(session, j: m.Judgment, name: str):
    raw = (name + j.text).encode()
    return repo.store_judgment(session, sha256=hashlib.sha256(raw).hexdigest(), original_name=name, fmt="txt",
                               size_bytes=len(raw), encoding="utf-8", judgment=j, parser_version="test")  # fmt: skip


def load_cases(engine) -> dict[int, int]:
    """Store CASES; returns case key -> judgment id."""
    ids = {}
    with session_scope(engine) as s:
        for key, c in CASES.items():
            ids[key] = store(s, build(c), f"{key}.txt").judgment.id
    return ids


@pytest.fixture
def loaded(db_engine):
    return db_engine, load_cases(db_engine)


def by_label(rows) -> dict[str, int]:
    return {r.label: r.count for r in rows}


# -- storage of the analysis ---------------------------------------------------------------------


def test_store_judgment_writes_analysis_and_agency_names(db_engine):
    ids = load_cases(db_engine)
    with session_scope(db_engine) as s:
        row = s.get(Judgment, ids[1])
        assert (row.category, row.category_confidence, row.category_source, row.category_reason) == (
            "行政处罚", 0.8, "rule", "cause.test")
        assert (row.field, row.field_confidence) == ("土地", 0.7)
        fs = s.scalars(select(Finding).where(Finding.judgment_id == ids[1]).order_by(Finding.id)).all()
        assert [(f.code, f.sentence, f.section, f.source, f.active) for f in fs] == [
            ("PROCEDURE", S1, "本院认为", "pattern", True), ("NO_STATEMENT", S2, "本院认为", "pattern", True)]
        doc_text = row.document.text
        assert doc_text[fs[0].span_start:fs[0].span_end] == S1
        assert row.parsed["category"]["label"] == "行政处罚"  # the prediction is kept in parsed
        row11 = s.get(Judgment, ids[11])
        assert (row11.category, row11.category_confidence, row11.field) == (None, None, None)
        names = {p.name: p.agency_name for p in s.get(Judgment, ids[3]).parties}
        assert names == {"张某": None, "东川市公安局（以下简称市公安局）": POLICE}
        assert s.get(Judgment, ids[4]).parties[1].agency_name == POLICE


@pytest.mark.parametrize(("raw", "norm"), [
    ("东川市公安局（以下简称市公安局）", "东川市公安局"),
    (" 东川市 公安局 ", "东川市公安局"),
    ("东川市自然资源和规划局(原东川市国土资源局)", "东川市自然资源和规划局"),
    ("东川市人民政府（东川市政府办公室）", "东川市人民政府（东川市政府办公室）"),
    ("东川市公安局。", "东川市公安局"),
    ("", None),
    (None, None),
])  # fmt: skip
def test_normalize_agency(raw, norm):
    assert normalize_agency(raw) == norm


# -- every figure ------------------------------------------------------------------------------


def test_caseload_closed_and_filed_by_procedure(loaded):
    engine, _ = loaded
    with session_scope(engine) as s:
        st = compute(s, 2024)
    cl = st.caseload
    assert (cl.closed, cl.filed) == (11, 11)
    assert [(r.procedure, r.filed, r.closed) for r in cl.by_procedure] == [
        ("一审", 7, 7), ("二审", 1, 1), ("非诉执行审查", 3, 3)]
    with session_scope(engine) as s:
        st23 = compute(s, 2023)
        all_years = compute(s)
    assert (st23.caseload.closed, st23.caseload.filed) == (4, 4)  # filed: cases 3, 13, 14, 16
    assert [(r.procedure, r.filed, r.closed) for r in st23.caseload.by_procedure] == [
        ("一审", 3, 3), ("非诉执行审查", 1, 1)]
    assert (all_years.caseload.closed, all_years.caseload.filed) == (16, 16)


def test_category_field_and_outcome_mix(loaded):
    engine, _ = loaded
    with session_scope(engine) as s:
        st = compute(s, 2024)
    assert [(r.label, r.count) for r in st.categories] == [
        ("行政处罚", 7), ("行政强制措施", 2), ("行政征收或者征用", 1), ("未分类", 1)]
    assert st.categories[0].share.numerator == 7 and st.categories[0].share.denominator == 11
    assert by_label(st.fields) == {"生态环境": 3, "土地": 2, "公安": 2, "市场监管": 2, "房屋征收": 1, "未分类": 1}
    assert st.fields[0].label == "生态环境" and st.fields[-1].label == "未分类"
    assert by_label(st.outcomes) == {"撤销": 2, "驳回诉讼请求": 1, "确认违法": 1, "维持原判": 1, "其他": 2,
                                     "驳回起诉": 1, "准予执行": 1, "不准予执行": 1, "责令履行": 1}  # fmt: skip


def test_loss_rate_appearance_rate_and_nonlitigation(loaded):
    engine, _ = loaded
    with session_scope(engine) as s:
        st = compute(s, 2024)
    assert st.litigation_cases == 8
    # decided: 1 撤销, 2 驳回诉讼请求, 3 确认违法, 4 维持原判 (lost below), 6 驳回起诉, 10 撤销, 11 责令履行;
    # case 5 (其他) is excluded, the three 非诉 cases are not litigation.
    assert (st.lost, st.decided) == (5, 7)
    assert st.loss_rate.value == pytest.approx(5 / 7) and st.loss_rate.percent() == "71.4%"
    # heard: 1 yes, 2 no, 4 yes, 6 yes, 10 no, 11 no
    assert (st.head_appeared, st.head_known) == (3, 6)
    nl = st.nonlitigation
    assert (nl.reviewed, nl.granted, nl.refused, nl.other) == (3, 1, 1, 1)
    assert nl.refusal_rate.value == 0.5
    d = st.to_dict()
    assert d["loss_rate"] == {"numerator": 5, "denominator": 7, "rate": 0.7143, "percent": "71.4%"}
    assert d["nonlitigation"]["refusal_rate"]["rate"] == 0.5


def test_per_agency_figures(loaded):
    engine, _ = loaded
    with session_scope(engine) as s:
        st = compute(s, 2024)
    rows = {a.agency: a for a in st.agencies}
    assert set(rows) == {LAND, POLICE, MARKET, GOV, ECO, LJ_MARKET}

    def fig(a):
        return (a.cases, a.decided, a.lost, a.head_appeared, a.head_known, a.defect_cases)

    assert fig(rows[LAND]) == (4, 4, 2, 1, 3, 2)  # 1,2,6,11; head: 1 yes, 2 no, 11 no, 6 unknown (co-defendant)
    assert rows[LAND].defects == {"PROCEDURE": 1, "NO_STATEMENT": 1, "NONPERFORMANCE": 1}
    assert fig(rows[POLICE]) == (2, 2, 2, 1, 1, 2)  # "东川市公安局（以下简称…）" and " 东川市公安局" merged
    assert fig(rows[MARKET]) == (1, 0, 0, 0, 0, 0)
    assert fig(rows[GOV]) == (1, 1, 0, 1, 1, 0)
    assert fig(rows[LJ_MARKET]) == (1, 1, 1, 0, 1, 1)
    eco = rows[ECO]
    assert (eco.cases, eco.nonlitigation.reviewed, eco.nonlitigation.granted, eco.nonlitigation.refused) == (0, 3, 1, 1)
    assert eco.nonlitigation.refusal_rate.percent() == "50.0%" and eco.defects == {"NO_STATEMENT": 1}
    assert rows[LAND].loss_rate.value == 0.5 and rows[MARKET].loss_rate.value is None
    assert rows[MARKET].loss_rate.percent() == "—"
    assert [a.agency for a in st.agencies][:2] == [LAND, ECO]  # by cases (litigation + 非诉), then name
    assert st.agency("东川市公安局（以下简称市公安局）") is rows[POLICE]


def test_defects_by_code_agency_and_category_with_case_numbers(loaded):
    engine, ids = loaded
    with session_scope(engine) as s:
        st = compute(s, 2024)
    assert [(d.code, d.cases) for d in st.defects] == [
        ("NO_STATEMENT", 3), ("PROCEDURE", 2), ("EVIDENCE", 1), ("NONPERFORMANCE", 1)]
    no_st = st.defects[0]
    assert no_st.name == "未告知或未听取陈述、申辩"
    assert [(i.case_number, i.sentence) for i in no_st.items] == [
        ("（2024）东0102行初7号", S10), ("（2024）东01行初1号", S2), ("（2024）东01行审2号", S8)]
    item = no_st.items[1]
    assert (item.judgment_id, item.court, item.year, item.agencies, item.category, item.source) == (
        ids[1], COURT_A, 2024, [LAND], "行政处罚", "pattern")
    evidence = st.defects[2]
    assert evidence.items[0].sentence == S3  # two sentences, one case, the earliest sentence quoted
    by_agency = {g.key: (g.cases, {d.code: d.cases for d in g.defects}) for g in st.defects_by_agency}
    assert by_agency == {
        LAND: (2, {"PROCEDURE": 1, "NO_STATEMENT": 1, "NONPERFORMANCE": 1}),
        POLICE: (2, {"EVIDENCE": 1, "PROCEDURE": 1}),
        ECO: (1, {"NO_STATEMENT": 1}),
        LJ_MARKET: (1, {"NO_STATEMENT": 1}),
    }
    by_cat = {g.key: (g.cases, {d.code: d.cases for d in g.defects}) for g in st.defects_by_category}
    assert by_cat == {
        "行政处罚": (3, {"NO_STATEMENT": 3, "PROCEDURE": 1}),
        "行政强制措施": (2, {"EVIDENCE": 1, "PROCEDURE": 1}),
        "未分类": (1, {"NONPERFORMANCE": 1}),
    }
    police = next(g for g in st.defects_by_agency if g.key == POLICE)
    assert [i.case_number for d in police.defects for i in d.items] == ["（2023）东01行初9号", "（2024）东01行终3号"]


def test_filters_court_and_agency(loaded):
    engine, _ = loaded
    with session_scope(engine) as s:
        b = compute(s, 2024, court=COURT_B)
        a = compute(s, 2024, court=COURT_A)
        police = compute(s, 2024, agency="东川市公安局（以下简称市公安局）")
        land_all = compute(s, agency=LAND)
        nobody = compute(s, 2024, agency="不存在的局")
    assert (b.caseload.closed, b.lost, b.decided, b.head_known) == (1, 1, 1, 1)
    assert [a_.agency for a_ in b.agencies] == [LJ_MARKET] and [d.code for d in b.defects] == ["NO_STATEMENT"]
    assert (a.caseload.closed, a.lost, a.decided) == (10, 4, 6)
    assert police.filters.agency == POLICE
    assert (police.caseload.closed, police.caseload.filed, police.lost, police.decided) == (2, 1, 2, 2)
    assert [x.agency for x in police.agencies] == [POLICE]
    assert [g.key for g in police.defects_by_agency] == [POLICE]
    assert by_label(police.categories) == {"行政强制措施": 2}
    # all years, one agency: 1, 2, 6, 11, 12, 13, 14
    assert (land_all.caseload.closed, land_all.lost, land_all.decided) == (7, 3, 7)
    land = land_all.agency(LAND)
    assert (land.cases, land.head_appeared, land.head_known) == (7, 1, 6)
    assert nobody.caseload.closed == 0 and nobody.agencies == [] and nobody.loss_rate.value is None


def test_year_on_year(loaded):
    engine, _ = loaded
    with session_scope(engine) as s:
        rep = build_report(s, 2024)  # 2023 present: compared automatically
        explicit = build_report(s, 2024, compare_to=2023)
        none = build_report(s, 2024, compare_to=None)
        lone = build_report(s, 2023)  # no 2022 documents: no comparison
    assert none.yoy is None and lone.yoy is None
    assert explicit.to_dict() == rep.to_dict()
    y = rep.yoy
    assert (y.year, y.previous_year) == (2024, 2023)
    t = {c.key: c for c in y.totals}
    assert (t["closed"].current, t["closed"].previous, t["closed"].delta, t["closed"].pct) == (11, 4, 7, 175.0)
    assert (t["filed"].current, t["filed"].previous, t["filed"].delta) == (11, 4, 7)
    assert (t["closed:二审"].current, t["closed:二审"].previous, t["closed:二审"].pct) == (1, 0, None)
    assert t["closed:一审"].delta == 4
    assert t["loss_rate"].kind == "rate"
    assert (t["loss_rate"].current, t["loss_rate"].previous) == (0.7143, 0.3333)  # 5/7 vs 1/3
    assert t["loss_rate"].delta == pytest.approx(38.1, abs=0.01)  # percentage points
    assert t["appearance_rate"].delta == pytest.approx(16.67, abs=0.01)  # 3/6 vs 1/3
    assert t["refusal_rate"].delta == 50.0  # 1/2 vs 0/1
    assert t["closed"].describe() == "同比增加7件（+175.0%）"
    assert t["loss_rate"].describe() == "同比上升38.1个百分点"
    cats = {c.label: (c.current, c.previous, c.delta, c.pct) for c in y.categories}
    assert cats["行政处罚"] == (7, 2, 5, 250.0)  # 2023: cases 13 and 16
    assert cats["行政许可"] == (0, 1, -1, -100.0)
    assert y.categories[-1].describe() == "同比减少1件（-100.0%）"
    defects = {c.key: (c.current, c.previous) for c in y.defects}
    assert defects["defect:PROCEDURE"] == (2, 1) and defects["defect:NO_STATEMENT"] == (3, 0)
    land = next(a for a in y.agencies if a.agency == LAND)
    assert (land.cases.current, land.cases.previous) == (4, 2)
    assert land.loss_rate.delta == 0.0 and land.loss_rate.describe() == "与上年持平"
    with session_scope(engine) as s, pytest.raises(ValueError, match="同比"):
        compare(rep.current, compute(s))


def test_json_and_text_output(loaded):
    engine, _ = loaded
    with session_scope(engine) as s:
        rep = build_report(s, 2024)
    d = json.loads(json.dumps(rep.to_dict(), ensure_ascii=False))
    assert d["definitions"] == DEFINITIONS
    assert d["current"]["caseload"]["closed"] == 11
    assert d["current"]["agencies"][0]["loss_rate"]["percent"] == "50.0%"
    assert d["current"]["defects"][0]["items"][0]["case_number"] == "（2024）东0102行初7号"
    assert d["yoy"]["totals"][0]["text"] == "同比增加7件（+175.0%）"
    out = format_report(rep)
    for needle in ("一、收案、结案情况", "行政机关败诉率：5 / 7", "71.4%", "行政机关负责人出庭应诉率：3 / 6",
                   "不准予执行率 50.0%", LAND, "未告知或未听取陈述、申辩", "（2024）东0102行初7号", "十、同比",
                   "同比增加7件", "口径说明", "有胜败结果的诉讼案件数"):  # fmt: skip
        assert needle in out, needle
    assert format_report(build_report_empty(engine)).count("（无）") >= 4


def build_report_empty(engine):
    with session_scope(engine) as s:
        return build_report(s, 1999)


def test_every_definition_is_chinese_and_shown():
    for key, text_ in DEFINITIONS.items():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text_), key
    assert "发回重审" in DEFINITIONS["loss_rate"] and "撤诉" in DEFINITIONS["loss_rate"]
    assert "案号年份" in DEFINITIONS["filed"] and "裁判日期" in DEFINITIONS["closed"]


def test_stats_on_parsed_sample_documents(db_engine):
    """The real parser's output flows into the figures (analysis fields may still be empty)."""
    with session_scope(db_engine) as s:
        for i, t in enumerate((FIRST_INSTANCE, APPEAL, NON_LITIGATION)):
            store(s, parse_text(t), f"s{i}.txt")
    with session_scope(db_engine) as s:
        st23, st22, st24 = compute(s, 2023), compute(s, 2022), compute(s, 2024)
    assert (st23.caseload.closed, st23.lost, st23.decided, st23.head_appeared, st23.head_known) == (1, 1, 1, 1, 1)
    assert st23.agencies[0].agency == "东川市临江区市场监督管理局"
    assert (st22.lost, st22.decided, st22.head_known) == (1, 1, 1)
    assert [r.procedure for r in st22.caseload.by_procedure] == ["二审"]
    assert (st24.nonlitigation.refused, st24.nonlitigation.refusal_rate.value) == (1, 1.0)
    assert st24.agencies[0].agency == "清河县生态环境局" and st24.agencies[0].nonlitigation.refused == 1


def test_many_judgments_use_few_queries(db_engine):
    """Aggregation happens in SQL: the number of statements does not grow with the data."""
    from sqlalchemy import event

    with session_scope(db_engine) as s:
        for i in range(120):
            c = CASES[1 + i % 11]
            j = build(Case(f"（2024）东01行初{100 + i}号", c.day, c.outcome, c.agencies, c.procedure, c.court,
                           c.head, c.category, c.domain, c.defects, c.lost, c.head_listed))  # fmt: skip
            store(s, j, f"bulk{i}.txt")
    statements: list[str] = []

    def log(*args):
        statements.append(args[2])

    event.listen(db_engine, "before_cursor_execute", log)
    try:
        with session_scope(db_engine) as s:
            st = compute(s, 2024)
    finally:
        event.remove(db_engine, "before_cursor_execute", log)
    assert st.caseload.closed == 120
    assert st.agency(LAND).cases == 11 * 3 + 10  # keys 1, 2, 6 eleven times, key 11 ten times
    assert len(statements) <= 10


def test_migration_0002_backfills_agency_names(db_url):
    """A database created at 0001 with stored parties gets normalised agency names on upgrade."""
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            cfg = alembic_config(db_url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0001")
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO documents (id, sha256, original_name, fmt, size_bytes, text, parser_version, created_at)"
                " VALUES (1, :h, 'a.txt', 'txt', 1, 'x', 't', CURRENT_TIMESTAMP)"), {"h": sha("a")})
            conn.execute(text("INSERT INTO judgments (id, document_id, judges, parsed) VALUES (1, 1, '[]', '{}')"))
            for i, (name, agency) in enumerate([("东川市公安局（以下简称市公安局）", True), ("张某", False)]):
                conn.execute(text(
                    "INSERT INTO parties (judgment_id, ordinal, role, role_raw, name, side, is_agency, is_person)"
                    " VALUES (1, :o, '被告', '被告', :n, 'defendant', :a, :p)"),
                    {"o": i, "n": name, "a": agency, "p": not agency})  # fmt: skip
    finally:
        engine.dispose()
    init_db(db_url)
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            assert dict(s.execute(select(Party.name, Party.agency_name)).all()) == {
                "东川市公安局（以下简称市公安局）": POLICE, "张某": None}
    finally:
        engine.dispose()


def test_renormalize_agencies(db_engine):
    from sqlalchemy import update

    ids = load_cases(db_engine)
    with session_scope(db_engine) as s:
        s.execute(update(Party).where(Party.judgment_id == ids[3], Party.is_agency.is_(True))
                  .values(agency_name="旧名称"))  # fmt: skip
    with session_scope(db_engine) as s:
        assert compute(s, 2024).agency("旧名称") is not None
        assert repo.renormalize_agencies(s, batch_size=3) == 1
        assert repo.renormalize_agencies(s) == 0
    with session_scope(db_engine) as s:
        st = compute(s, 2024)
        assert st.agency("旧名称") is None and st.agency(POLICE).cases == 2
