"""docgen.corrections: reviewers' corrections override predictions in every figure."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from test_stats import (
    CASES,
    LAND,
    POLICE,
    S1,
    S2,
    S3,
    S3B,
    S11,
    Case,
    build,
    load_cases,
    store,
)

from docgen import model as m
from docgen.corrections import (
    CATEGORIES,
    DEFECT_NAMES,
    CorrectionError,
    apply,
    apply_all,
    correct,
    defect_names,
    defect_samples,
    effective,
    field_samples,
    history,
    training_samples,
)
from docgen.db import repo, session_scope
from docgen.db.models import Correction, Document, Finding, Judgment
from docgen.stats import compute

REVIEWER = "王审核"


@pytest.fixture
def loaded(db_engine):
    return db_engine, load_cases(db_engine)


def fix(engine, jid, kind, value, reviewer=REVIEWER, note=None):
    with session_scope(engine) as s:
        return correct(s, jid, kind, value, reviewer, note)


def stats(engine, year=2024, **kw):
    with session_scope(engine) as s:
        return compute(s, year, **kw)


# -- category / field -----------------------------------------------------------------------------


def test_category_correction_overrides_prediction_everywhere(loaded):
    engine, ids = loaded
    c = fix(engine, ids[11], "category", " 不履行法定职责 ", note="被诉的是不作为")
    assert (c.kind, c.value, c.previous, c.reviewer, c.note) == ("category", "不履行法定职责", None, REVIEWER, "被诉的是不作为")
    assert c.created_at.tzinfo is not None and abs((datetime.now(UTC) - c.created_at).total_seconds()) < 60
    st = stats(engine)
    cats = {r.label: r.count for r in st.categories}
    assert cats["不履行法定职责"] == 1 and "未分类" not in cats
    assert {g.key for g in st.defects_by_category} == {"行政处罚", "行政强制措施", "不履行法定职责"}
    with session_scope(engine) as s:
        row = s.get(Judgment, ids[11])
        assert (row.category, row.category_confidence, row.category_source) == ("不履行法定职责", 1.0, "correction")
        assert row.category_reason == f"审核人{REVIEWER}更正"
        assert row.parsed["category"] is None  # the prediction is kept untouched
        assert [x.id for x in repo.list_judgments(s, category="不履行法定职责")] == [ids[11]]

    # the newest correction wins; the history keeps both
    fix(engine, ids[11], "category", "行政处理", reviewer="李复核")
    fix(engine, ids[1], "category", "行政许可")
    st = stats(engine)
    cats = {r.label: r.count for r in st.categories}
    assert (cats.get("不履行法定职责"), cats["行政处理"], cats["行政处罚"], cats["行政许可"]) == (None, 1, 6, 1)
    with session_scope(engine) as s:
        h = history(s, ids[11])
        assert [(x.value, x.previous, x.reviewer) for x in h] == [
            ("不履行法定职责", None, REVIEWER), ("行政处理", "不履行法定职责", "李复核")]
        row1 = s.get(Judgment, ids[1])
        assert row1.category_reason == f"审核人{REVIEWER}更正（原预测：行政处罚）"
        assert row1.parsed["category"]["label"] == "行政处罚"


def test_field_correction(loaded):
    engine, ids = loaded
    fix(engine, ids[11], "field", "自然资源")
    fields = {r.label: r.count for r in stats(engine).fields}
    assert fields["自然资源"] == 1 and "未分类" not in fields
    with session_scope(engine) as s:
        assert (s.get(Judgment, ids[11]).field, s.get(Judgment, ids[11]).field_confidence) == ("自然资源", 1.0)


# -- outcome / agency_lost -------------------------------------------------------------------------


def test_outcome_correction_recomputes_agency_lost(loaded):
    engine, ids = loaded
    base = stats(engine)
    assert (base.lost, base.decided) == (5, 7)
    c = fix(engine, ids[2], "outcome", "撤销")  # was 驳回诉讼请求 (agency won)
    assert (c.previous, c.value) == ("驳回诉讼请求", "撤销")
    st = stats(engine)
    assert (st.lost, st.decided) == (6, 7)
    assert (st.agency(LAND).lost, st.agency(LAND).decided) == (3, 4)
    fix(engine, ids[5], "outcome", "确认违法")  # was 其他 (excluded): now decided and lost
    st = stats(engine)
    assert (st.lost, st.decided) == (7, 8)
    assert {r.label: r.count for r in st.outcomes}["其他"] == 1

    # an explicit agency_lost correction wins, also over a later outcome correction
    fix(engine, ids[2], "agency_lost", "否")
    assert (stats(engine).lost, stats(engine).decided) == (6, 8)
    fix(engine, ids[2], "outcome", "确认违法")
    with session_scope(engine) as s:
        row = s.get(Judgment, ids[2])
        assert (row.outcome, row.agency_lost) == ("确认违法", False)
        assert (row.parsed["outcome"], row.parsed["agency_lost"]) == ("驳回诉讼请求", False)
    # 发回重审 has no result on the merits: out of the denominator
    fix(engine, ids[4], "outcome", "发回重审")
    st = stats(engine)
    assert (st.lost, st.decided) == (5, 7)
    assert st.agency(POLICE).decided == 1


def test_appeal_outcomes_keep_or_drop_the_parsers_agency_lost(loaded):
    engine, ids = loaded
    with session_scope(engine) as s:
        correct(s, ids[4], "outcome", "驳回再审申请", REVIEWER)  # predicted 维持原判, agency lost below
        assert s.get(Judgment, ids[4]).agency_lost is True
        correct(s, ids[4], "outcome", "改判", REVIEWER)  # who lost now depends on the new judgment
        assert s.get(Judgment, ids[4]).agency_lost is None
        correct(s, ids[1], "outcome", "维持原判", REVIEWER)  # the parser never read an appeal result here
        assert s.get(Judgment, ids[1]).agency_lost is None
        correct(s, ids[1], "agency_lost", "yes", REVIEWER)
        assert s.get(Judgment, ids[1]).agency_lost is True
        correct(s, ids[1], "agency_lost", "unknown", REVIEWER)
        assert s.get(Judgment, ids[1]).agency_lost is None


# -- head_appeared ---------------------------------------------------------------------------------


def test_head_appeared_correction_overrides_rates(loaded):
    engine, ids = loaded
    st = stats(engine)
    assert (st.head_appeared, st.head_known) == (3, 6)
    fix(engine, ids[3], "head_appeared", "yes")  # was not recorded
    st = stats(engine)
    assert (st.head_appeared, st.head_known) == (4, 7)
    assert (st.agency(POLICE).head_appeared, st.agency(POLICE).head_known) == (2, 2)
    fix(engine, ids[6], "head_appeared", False)  # two defendant agencies: applies to both
    st = stats(engine)
    assert (st.head_appeared, st.head_known) == (3, 7)
    assert (st.agency(LAND).head_appeared, st.agency(LAND).head_known) == (1, 4)
    assert (st.agency("东川市人民政府").head_appeared, st.agency("东川市人民政府").head_known) == (0, 1)
    fix(engine, ids[2], "head_appeared", "不明")
    st = stats(engine)
    assert (st.head_appeared, st.head_known) == (3, 6)
    with session_scope(engine) as s:
        row = s.get(Judgment, ids[6])
        assert [p.head_appeared for p in row.parties if p.is_agency] == [False, False]
        assert row.parsed["head_appeared"] is True


# -- defects ---------------------------------------------------------------------------------------


def codes(st, agency=None):
    if agency is None:
        return {d.code: d.cases for d in st.defects}
    g = next((g for g in st.defects_by_agency if g.key == agency), None)
    return {} if g is None else {d.code: d.cases for d in g.defects}


def test_defect_remove_and_add_override_counts(loaded):
    engine, ids = loaded
    assert codes(stats(engine))["PROCEDURE"] == 2
    c = fix(engine, ids[1], "defect_remove", "procedure")
    assert (c.code, c.value, c.previous) == ("PROCEDURE", {"code": "PROCEDURE"},
                                             {"code": "PROCEDURE", "present": True, "sentences": [S1]})
    st = stats(engine)
    assert codes(st)["PROCEDURE"] == 1
    assert [i.case_number for i in st.defects[[d.code for d in st.defects].index("PROCEDURE")].items] == [
        "（2024）东01行终3号"]
    assert codes(st, LAND) == {"NO_STATEMENT": 1, "NONPERFORMANCE": 1}
    with session_scope(engine) as s:  # the prediction is kept, switched off
        f = s.scalars(select(Finding).where(Finding.judgment_id == ids[1], Finding.code == "PROCEDURE")).one()
        assert (f.active, f.source, f.sentence) == (False, "pattern", S1)
        assert [d.code for d in effective(s, ids[1]).defects] == ["NO_STATEMENT"]

    # adding it back (no sentence): the predicted finding counts again, no extra row
    fix(engine, ids[1], "defect_add", "PROCEDURE")
    assert codes(stats(engine))["PROCEDURE"] == 2
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Finding).where(Finding.judgment_id == ids[1])) == 2

    # a new defect with the court's sentence (whitespace in the quote is tolerated)
    quoted = "现有证据不能证明 原告实施了\n违法行为。"
    c = fix(engine, ids[3], "defect_add", {"code": "LAW", "sentence": quoted})
    with session_scope(engine) as s:
        text = s.get(Judgment, ids[3]).document.text
    start = text.index(S3B)
    assert c.value == {"code": "LAW", "sentence": S3B, "span": [start, start + len(S3B)]}
    st = stats(engine)
    law = next(d for d in st.defects if d.code == "LAW")
    assert (law.cases, law.items[0].sentence, law.items[0].source) == (1, S3B, "correction")
    assert codes(st, POLICE) == {"EVIDENCE": 1, "PROCEDURE": 1, "LAW": 1}

    # by span; and without any sentence where nothing was predicted
    c = fix(engine, ids[3], "defect_add", {"code": "ABUSE", "span": [text.index(S3), text.index(S3) + len(S3)]})
    assert c.value["sentence"] == S3
    fix(engine, ids[2], "defect_add", "SERVICE")
    st = stats(engine)
    service = next(d for d in st.defects if d.code == "SERVICE")
    assert (service.cases, service.items[0].sentence, service.items[0].case_number) == (1, "", "（2024）东01行初2号")

    # remove an added defect; the newest of add/remove per code wins
    fix(engine, ids[3], "defect_remove", "LAW")
    assert "LAW" not in codes(stats(engine))
    fix(engine, ids[3], "defect_add", {"code": "LAW", "sentence": S3B})
    assert codes(stats(engine))["LAW"] == 1
    with session_scope(engine) as s:
        law_rows = s.scalars(select(Finding).where(Finding.judgment_id == ids[3], Finding.code == "LAW")).all()
        assert [(f.source, f.active) for f in law_rows] == [("correction", True)]


def test_defect_sentence_preferred_from_reviewer(loaded):
    engine, ids = loaded
    fix(engine, ids[3], "defect_add", {"code": "EVIDENCE", "sentence": S3B})
    ev = next(d for d in stats(engine).defects if d.code == "EVIDENCE")
    assert (ev.cases, ev.items[0].sentence, ev.items[0].source) == (1, S3B, "correction")


# -- validation --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "value", "message"), [
    ("category", "行政处分", "二级案由"),
    ("category", "", "案由不能为空"),
    ("category", None, "案由不能为空"),
    ("outcome", "胜诉", "不是可用的裁判结果"),
    ("field", "领" * 65, "管理领域过长"),
    ("head_appeared", "maybe", "只能是“是/否/不明”"),
    ("agency_lost", 2, "只能是“是/否/不明”"),
    ("defect_add", "FOO", "未知的瑕疵代码"),
    ("defect_add", {"code": "LAW", "sentence": "本院认为被告滥用职权。"}, "在文书原文中找不到"),
    ("defect_add", {"code": "LAW", "span": [5, 99999]}, "超出文书原文范围"),
    ("defect_add", {"code": "LAW", "span": "abc"}, "两个整数"),
    ("defect_add", {"code": "LAW", "span": [0, 3], "sentence": S11}, "不一致"),
    ("defect_remove", "ABUSE", "无需删除"),
    ("defect_remove", None, "未知的瑕疵代码"),
    ("verdict", "撤销", "未知的更正类型"),
])  # fmt: skip
def test_validation_errors_are_chinese_and_change_nothing(loaded, kind, value, message):
    engine, ids = loaded
    with pytest.raises(CorrectionError, match=message) as err:
        fix(engine, ids[11], kind, value)
    assert isinstance(err.value, ValueError)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(err.value))
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Correction)) == 0


def test_reviewer_and_judgment_required(loaded):
    engine, ids = loaded
    for reviewer in ("", "  ", None):
        with pytest.raises(CorrectionError, match="审核人"):
            fix(engine, ids[1], "category", "行政许可", reviewer=reviewer)
    with pytest.raises(CorrectionError, match="未找到编号为 999999 的裁判文书"):
        fix(engine, 999_999, "category", "行政许可")


def test_vocabularies_match_the_labels():
    assert len(CATEGORIES) == 22 and len(set(CATEGORIES)) == 22
    assert set(DEFECT_NAMES) == {"EVIDENCE", "LAW", "PROCEDURE", "NO_STATEMENT", "NO_HEARING", "SERVICE",
                                 "TIME_LIMIT", "ENFORCE_PROC", "EXPROP_PROC", "ULTRA_VIRES", "ABUSE",
                                 "UNREASONABLE", "NONPERFORMANCE", "DISCLOSURE", "MINOR_PROC"}  # fmt: skip
    data = Path(__file__).resolve().parent.parent / "docgen" / "data" / "categories.yaml"
    if data.exists():  # the classifier's taxonomy must offer exactly the labels reviewers can choose
        import yaml

        labels = yaml.safe_load(data.read_text(encoding="utf-8")).get("labels")
        if labels:
            assert tuple(labels) == CATEGORIES
    names = defect_names()  # the taxonomy's names where docgen/data/defects.yaml exists
    assert set(names) == set(DEFECT_NAMES) and all(names.values())


# -- effective facts, history, re-analysis ------------------------------------------------------------


def test_effective_facts(loaded):
    engine, ids = loaded
    fix(engine, ids[1], "category", "行政许可")
    fix(engine, ids[1], "outcome", "确认违法")
    fix(engine, ids[1], "defect_remove", "NO_STATEMENT")
    fix(engine, ids[1], "defect_add", {"code": "EVIDENCE", "sentence": S2})
    with session_scope(engine) as s:
        f = effective(s, ids[1])
        row = s.get(Judgment, ids[1])
        assert effective(s, row).to_dict() == f.to_dict()
    assert (f.judgment_id, f.case_number, f.category, f.field, f.outcome, f.agency_lost, f.head_appeared) == (
        ids[1], "（2024）东01行初1号", "行政许可", "土地", "确认违法", True, True)
    assert [(d.code, d.sentence, d.source) for d in f.defects] == [
        ("EVIDENCE", S2, "correction"), ("PROCEDURE", S1, "pattern")]
    assert f.defect_codes == ["EVIDENCE", "PROCEDURE"]
    assert set(f.corrected) == {"category", "outcome", "defect:NO_STATEMENT", "defect:EVIDENCE"}
    assert f.corrected["category"]["reviewer"] == REVIEWER
    d = json.loads(json.dumps(f.to_dict(), ensure_ascii=False))
    assert d["defects"][0]["span"] == [d["defects"][0]["span"][0], d["defects"][0]["span"][0] + len(S2)]


def test_apply_is_idempotent_and_history_is_append_only(loaded):
    engine, ids = loaded
    fix(engine, ids[1], "defect_add", {"code": "LAW", "sentence": S1})
    fix(engine, ids[1], "head_appeared", False)
    fix(engine, ids[1], "category", "行政许可")
    with session_scope(engine) as s:
        before = effective(s, ids[1]).to_dict()
        apply(s, s.get(Judgment, ids[1]))
        apply(s, s.get(Judgment, ids[1]))
        assert apply_all(s) == 1
        after = effective(s, ids[1]).to_dict()
        assert after == before
        assert s.scalar(select(func.count()).select_from(Correction)) == 3
        assert s.scalar(select(func.count()).select_from(Finding).where(Finding.judgment_id == ids[1])) == 3


def test_update_analysis_keeps_corrections(loaded):
    engine, ids = loaded
    fix(engine, ids[1], "category", "行政许可")
    fix(engine, ids[1], "defect_remove", "PROCEDURE")
    j = build(CASES[1])
    j.category = m.Prediction("行政强制措施", 0.95, "model", "tfidf: 扣押")
    j.domain = m.Prediction("公安", 0.6, "model", "")
    start = j.text.index(S2)
    j.findings = [
        m.Finding("PROCEDURE", S1, m.Span(j.text.index(S1), j.text.index(S1) + len(S1)), "本院认为", 0.7, "model"),
        m.Finding("NO_HEARING", S2, m.Span(start, start + len(S2)), "本院认为", 0.6, "model"),
    ]
    with session_scope(engine) as s:
        repo.update_analysis(s, ids[1], j)
    with session_scope(engine) as s:
        row = s.get(Judgment, ids[1])
        assert (row.category, row.category_source) == ("行政许可", "correction")  # the reviewer still wins
        assert (row.field, row.field_confidence) == ("公安", 0.6)  # not corrected: the new prediction
        assert row.parsed["category"]["label"] == "行政强制措施"
        assert [f["code"] for f in row.parsed["findings"]] == ["PROCEDURE", "NO_HEARING"]
        f = effective(s, row)
        assert f.defect_codes == ["NO_HEARING"]  # PROCEDURE was removed by the reviewer
        with pytest.raises(LookupError):
            repo.update_analysis(s, 999_999, j)


def test_deleting_a_document_deletes_its_findings_and_corrections(loaded):
    engine, ids = loaded
    fix(engine, ids[1], "category", "行政许可")
    with session_scope(engine) as s:
        s.delete(s.get(Judgment, ids[1]).document)
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Correction)) == 0
        assert s.scalar(select(func.count()).select_from(Finding).where(Finding.judgment_id == ids[1])) == 0


# -- training data -------------------------------------------------------------------------------


def test_training_samples(loaded):
    engine, ids = loaded
    with session_scope(engine) as s:
        assert training_samples(s) == [] and defect_samples(s) == []
    fix(engine, ids[11], "category", "行政处理")
    fix(engine, ids[11], "category", "不履行法定职责")  # newest wins
    fix(engine, ids[3], "category", "行政强制措施")  # a confirmation is a sample too
    fix(engine, ids[11], "head_appeared", True)  # not a category sample
    with session_scope(engine) as s:
        samples = training_samples(s)
        t3 = s.get(Judgment, ids[3]).document.text
        t11 = s.scalar(select(Document.text).join(Judgment).where(Judgment.id == ids[11]))
    assert samples == [(t3, "行政强制措施"), (t11, "不履行法定职责")]
    fix(engine, ids[11], "field", "自然资源")
    with session_scope(engine) as s:
        assert field_samples(s) == [(t11, "自然资源")]


def test_defect_samples(loaded):
    engine, ids = loaded
    fix(engine, ids[1], "defect_remove", "PROCEDURE")  # S1 → NONE
    fix(engine, ids[3], "defect_add", {"code": "LAW", "sentence": S3B})  # S3B → LAW
    fix(engine, ids[4], "defect_add", "PROCEDURE")  # confirmed prediction → its sentence
    fix(engine, ids[11], "defect_add", "ABUSE")  # no sentence: nothing to learn from
    fix(engine, ids[10], "defect_add", {"code": "NO_HEARING", "sentence": CASES[10].defects[0][1]})
    fix(engine, ids[10], "defect_remove", "NO_STATEMENT")  # its sentence still proves NO_HEARING
    fix(engine, ids[8], "defect_add", {"code": "LAW", "sentence": CASES[8].defects[0][1]})
    fix(engine, ids[8], "defect_remove", "LAW")  # newest wins: removal of the reviewer's own addition
    with session_scope(engine) as s:
        samples = defect_samples(s)
    s10 = CASES[10].defects[0][1]
    assert samples == [
        (S1, "NONE"),
        (S3B, "LAW"),
        (CASES[4].defects[0][1], "PROCEDURE"),
        (s10, "NO_HEARING"),
    ]


# -- CLI -----------------------------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from docgen.cli import main
    from docgen.cli_analysis import register
    from docgen.config import Settings
    from docgen.db import init_db, make_engine

    monkeypatch.delenv("DOCGEN_DATABASE_URL", raising=False)
    monkeypatch.setenv("DOCGEN_INSTANCE", str(tmp_path / "instance"))
    register(main)
    url = Settings.load().database_url
    init_db(url)
    engine = make_engine(url)
    try:
        ids = load_cases(engine)
        with session_scope(engine) as s:
            doc_ids = {k: s.get(Judgment, v).document_id for k, v in ids.items()}
    finally:
        engine.dispose()
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return run, doc_ids


def test_cli_correct_then_stats(cli):
    run, doc = cli
    r = run("stats", "--year", "2024", "--json")
    assert r.exit_code == 0, r.output
    before = json.loads(r.output)
    assert before["current"]["lost"] == 5 and before["yoy"]["previous_year"] == 2023

    r = run("correct", str(doc[2]), "--outcome", "撤销", "--head-appeared", "yes", "--reviewer", REVIEWER,
            "--note", "主文误读")  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "已更正 （2024）东01行初2号：裁判结果 驳回诉讼请求 → 撤销" in r.output
    assert "负责人出庭 否 → 是" in r.output
    r = run("correct", "（2024）东01行初1号", "--remove-defect", "PROCEDURE", "--add-defect", "LAW",
            "--sentence", S1, "--category", "行政许可", "--reviewer", REVIEWER)  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "瑕疵 LAW、NO_STATEMENT" in r.output

    r = run("stats", "--year", "2024", "--json", "--no-compare")
    after = json.loads(r.output)
    assert after["yoy"] is None
    assert (after["current"]["lost"], after["current"]["head_appeared"]) == (6, 4)
    assert {d["code"]: d["cases"] for d in after["current"]["defects"]}["PROCEDURE"] == 1
    assert {c["label"]: c["count"] for c in after["current"]["categories"]}["行政许可"] == 1

    r = run("stats", "--year", "2024", "--compare", "2023", "--court", "东川市中级人民法院")
    assert r.exit_code == 0 and "行政机关败诉率：5 / 6" in r.output and "十、同比（2024年 与 2023年）" in r.output
    r = run("stats", "--year", "2024", "--agency", "公安局")
    assert r.exit_code == 0 and "相近的有：东川市公安局" in r.output

    r = run("correct", str(doc[2]), "--history")
    assert r.exit_code == 0 and "主文误读" in r.output and REVIEWER in r.output
    r = run("correct", str(doc[2]), "--history", "--json")
    h = json.loads(r.output)
    assert [x["kind"] for x in h["history"]] == ["outcome", "head_appeared"]
    assert h["effective"]["outcome"] == "撤销"


def test_cli_correct_errors(cli):
    run, doc = cli
    r = run("correct", str(doc[2]), "--category", "行政处分", "--outcome", "撤销", "--reviewer", REVIEWER)
    assert r.exit_code != 0 and "二级案由" in r.output
    r = run("correct", str(doc[2]), "--history", "--json")
    assert json.loads(r.output)["history"] == []  # nothing of the failed call was kept
    r = run("correct", str(doc[2]), "--category", "行政许可")
    assert r.exit_code != 0 and "--reviewer" in r.output
    r = run("correct", str(doc[2]), "--reviewer", REVIEWER)
    assert r.exit_code != 0 and "至少给出一项更正" in r.output
    r = run("correct", "（2099）东01行初1号", "--category", "行政许可", "--reviewer", REVIEWER)
    assert r.exit_code != 0 and "未找到文书" in r.output
    r = run("correct", str(doc[2]), "--sentence", S1, "--reviewer", REVIEWER)
    assert r.exit_code != 0 and "--add-defect" in r.output
    r = run("stats", "--compare", "2023")
    assert r.exit_code != 0 and "--year" in r.output


def test_many_corrections_stay_fast_to_count(db_engine):
    """Corrections do not change how statistics are computed: still plain aggregation."""
    with session_scope(db_engine) as s:
        ids = []
        for i in range(60):
            c = CASES[1]
            j = build(Case(f"（2024）东01行初{500 + i}号", c.day, c.outcome, c.agencies, c.procedure, c.court,
                           c.head, c.category, c.domain, c.defects, c.lost, c.head_listed))  # fmt: skip
            ids.append(store(s, j, f"m{i}.txt").judgment.id)
    with session_scope(db_engine) as s:
        for jid in ids[::2]:
            correct(s, jid, "outcome", "驳回诉讼请求", REVIEWER)
            correct(s, jid, "defect_remove", "PROCEDURE", REVIEWER)
    st = stats(db_engine)
    assert (st.lost, st.decided) == (30, 60)
    assert codes(st) == {"NO_STATEMENT": 60, "PROCEDURE": 30}
