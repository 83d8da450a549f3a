"""Documents out (issue 4): 司法建议书, 风险提示函 and 白皮书 generated from the synthetic corpus.

One module-scoped database holds the 180 corpus judgments (ingested once, ~10 s); tests that
change data do it in a session they roll back.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx_check import check_docx, document_text
from sqlalchemy import select

from docgen import stats
from docgen.blobs import BlobStore
from docgen.corrections import correct
from docgen.db import init_db, make_engine, session_scope
from docgen.db.models import Draft, DraftVersion, Finding, Judgment, Party
from docgen.documents import (
    DocumentError,
    add_version,
    charts,
    common,
    generate_risk_alert,
    generate_suggestion,
    generate_whitepaper,
    risk_targets,
    suggestion_targets,
    version_diff,
)
from docgen.ingest.service import Ingestor

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
YEARS = (2021, 2022, 2023, 2024)
FIXED_DAY = date(2025, 1, 15)


@pytest.fixture(scope="module")
def inst(tmp_path_factory: pytest.TempPathFactory):
    """An instance directory whose database holds the whole corpus."""
    root = tmp_path_factory.mktemp("docinst")
    url = f"sqlite:///{root / 'docgen.sqlite3'}"
    init_db(url)
    engine = make_engine(url)
    blobs = BlobStore(root / "originals")
    report = Ingestor(engine, blobs).ingest_paths([CORPUS / "docs"])
    assert report.stored == 180
    yield {"root": root, "engine": engine, "blobs": blobs, "out": root / "drafts"}
    engine.dispose()


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("DOCGEN_COURT_NAME", "DOCGEN_COURT_ABBR", "DOCGEN_DATABASE_URL", "DOCGEN_BLOB_DIR", "DOCGEN_INSTANCE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(common, "today", lambda: FIXED_DAY)


@pytest.fixture
def session(inst):
    """A session whose changes are rolled back at the end (drafts, numbers, corrections)."""
    with session_scope(inst["engine"]) as s:
        yield s
        s.rollback()


# -- person names of the whole corpus (independent of docgen's parser) ----------------------------

_ROLE = re.compile(r"^[\s\u3000]*(?:原告|被告|第三人|上诉人|被上诉人|再审申请人|被申请人|申请执行人|被执行人|法定代表人|"
                   r"负责人|委托诉讼代理人|委托代理人|出庭负责人|诉讼代表人|行政机关负责人|出庭应诉负责人)"
                   r"(?:（[^）]*）)?[：:]\s*([^，,。；\s（(]+)", re.M)  # fmt: skip
_SIGN = re.compile(r"^[\s\u3000]*(?:审[\s\u3000]*判[\s\u3000]*长|审[\s\u3000]*判[\s\u3000]*员|人[\s\u3000]*民[\s\u3000]*陪"
                   r"[\s\u3000]*审[\s\u3000]*员|书[\s\u3000]*记[\s\u3000]*员|法[\s\u3000]*官[\s\u3000]*助[\s\u3000]*理)"
                   r"[\s\u3000]+(\S+)", re.M)  # fmt: skip
_ORG = re.compile(r"(局|政府|公司|委员会|中心|厂|院|所|村|社|站|队|处|办|部|会|店|行|场|校|馆|组|团|室|司|委|庭)$")


def _is_name(n: str) -> bool:
    return 2 <= len(n) <= 4 and "某" not in n and not _ORG.search(n) and all("\u4e00" <= c <= "\u9fff" for c in n)


@pytest.fixture(scope="module")
def corpus_names(inst) -> set[str]:
    names: set[str] = set()
    for f in sorted((CORPUS / "docs").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        names.update(m.group(1) for m in _ROLE.finditer(text) if _is_name(m.group(1)))
        names.update(n for m in _SIGN.finditer(text) if _is_name(n := re.sub(r"[\s\u3000]", "", m.group(1))))
    for line in (CORPUS / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        names.update(p for p in json.loads(line).get("plaintiffs") or [] if _is_name(p))
    with session_scope(inst["engine"]) as s:  # and every person the parser stored
        names.update(n for (n,) in s.execute(select(Party.name).where(Party.is_person.is_(True))) if _is_name(n))
        names.update(n for (n,) in s.execute(select(Party.head_name)) if n and _is_name(n))
        for judges, clerk, parsed in s.execute(select(Judgment.judges, Judgment.clerk, Judgment.parsed)):
            names.update(n for n in judges or [] if _is_name(n))
            if clerk and _is_name(clerk):
                names.add(clerk)
            for p in parsed.get("parties") or []:
                names.update(q["name"] for q in p.get("people") or [] if _is_name(q["name"]))
    assert len(names) > 1000
    return names


def _text(path: Path) -> str:
    body, comments = document_text(path)
    return body + "\n" + "\n".join(comments)


def _body(path: Path) -> str:
    return document_text(path)[0]


# -- which agencies ---------------------------------------------------------------------------------


def test_suggestion_targets_follow_stats_and_threshold(session) -> None:
    st = stats.compute(session, 2024)
    expected = {(g.key, d.code): d.cases for g in st.defects_by_agency for d in g.defects}
    loose = suggestion_targets(session, year=2024, min_count=1)
    assert {(t.agency, t.code): t.count for t in loose} == expected
    for t in loose:
        assert len(t.cases) == t.count and all(c["case_number"] and c["judgment_id"] for c in t.cases)
    strict = suggestion_targets(session, year=2024, min_count=2)
    assert {(t.agency, t.code) for t in strict} == {k for k, n in expected.items() if n >= 2}
    assert suggestion_targets(session, year=2024) == [t for t in loose if t.count >= 3]
    with pytest.raises(DocumentError):
        suggestion_targets(session, year=2024, min_count=0)


def test_a_recurring_defect_makes_a_target_and_a_letter(inst, session) -> None:
    """A reviewer adds a defect to a second case of the agency: it now recurs (2 ≥ min_count)."""
    agency = "溪宁市青石县人民政府"
    assert not [t for t in suggestion_targets(session, year=2024, min_count=2) if t.agency == agency]
    cases = session.scalars(
        select(Judgment).join(Party).where(Party.agency_name == agency, Judgment.year == 2024).order_by(Judgment.id)
    ).all()
    with_law = [j for j in cases if any(f.code == "LAW" and f.active for f in j.findings)]
    other = next(j for j in cases if j not in with_law)
    correct(session, other.id, "defect_add", {"code": "LAW"}, reviewer="审核员")
    targets = [t for t in suggestion_targets(session, year=2024, min_count=2) if t.agency == agency]
    assert [(t.code, t.count) for t in targets] == [("LAW", 2)]
    g = generate_suggestion(session, inst["blobs"], inst["out"], agency=agency, year=2024)
    text = _text(g.path)
    assert "适用法律、法规错误" in text and "共有2件案件" in text
    assert "（未引用法院原句）" in text  # the reviewer gave no sentence: the comment says so
    assert not check_docx(g.path)


def test_risk_targets_and_thresholds(session) -> None:
    st = stats.compute(session, 2024)
    default = risk_targets(session, year=2024)
    assert default and all(t.risks for t in default)
    for t in default:
        row = st.agency(t.agency)
        for r in t.risks:
            assert set(r) >= {"kind", "description", "value", "threshold", "cases"}
            if r["kind"] == "loss_rate":
                assert r["value"] >= r["threshold"] and len(r["cases"]) == row.lost
                assert abs(r["value"] - row.loss_rate.value) < 1e-4
            elif r["kind"] == "appearance_rate":
                assert r["value"] < r["threshold"] and len(r["cases"]) == row.head_known - row.head_appeared
            elif r["kind"] == "refused_enforcement":
                assert len(r["cases"]) == row.nonlitigation.refused
    kinds = {r["kind"] for t in default for r in t.risks}
    assert {"loss_rate", "refused_enforcement", "appearance_rate"} <= kinds
    none = risk_targets(session, year=2024, thresholds={
        "loss_rate": 1.01, "appearance_rate": 0.0, "refused_enforcement": 99, "recurring_defect": 99})
    assert none == []
    loose = risk_targets(session, year=2024, thresholds={"recurring_defect": 1,
                                                         "loss_rate": {"threshold": 0.01, "min_decided": 1}})
    assert len(loose) > len(default)
    assert any(r["kind"] == "recurring_defect" and r["cases"][0]["sentence"] for t in loose for r in t.risks)
    with pytest.raises(DocumentError):
        risk_targets(session, year=2024, thresholds={"bogus": 1})


# -- the documents -------------------------------------------------------------------------------------


def test_suggestion_letter(inst, session) -> None:
    agency = "溪宁市青石县人民政府"
    g = generate_suggestion(session, inst["blobs"], inst["out"], agency=agency, year=2024, min_count=1,
                            created_by="张法官")
    assert g.kind == "suggestion" and g.version == 1 and g.path.name == f"司法建议书_{agency}_2024.docx"
    assert re.fullmatch(r"东中法建〔2025〕\d+号", g.number)
    assert not check_docx(g.path, min_comments=3), check_docx(g.path, min_comments=3)
    body = _body(g.path)
    assert body.startswith("东川市中级人民法院\n关于") and "的司法建议书" in body.split("\n")[1]
    assert g.number in body and f"{agency}：" in body and "【待补充：" in body
    st = stats.compute(session, 2024, agency=agency)
    row = st.agency(agency)
    assert f"行政诉讼案件{row.cases}件" in body and f"其中{row.defect_cases}件案件" in body
    for d in st.defects:  # one problem and one suggestion per defect, counts as in stats
        assert f"共有{d.cases}件案件" in body
    heads = [p.text for p in docx.Document(str(g.path)).paragraphs if p.style.name == "二级标题"]  # few paragraphs
    assert len(heads) == 2 * len(st.defects)
    assert "两个月内向我院书面反馈" in body and "附件：1." in body and "抄送：" in body
    assert "2025年1月15日" in body  # 成文日期: Arabic numerals, no leading zeros
    draft = session.get(Draft, g.draft_id)
    assert draft.number == g.number and draft.agency == agency and draft.created_by == "张法官"
    v = draft.versions[0]
    assert v.version == 1 and v.source == "generated" and v.sha256 == g.sha256 and agency in v.text
    assert inst["blobs"].get(g.sha256) == g.path.read_bytes()
    with pytest.raises(DocumentError, match="不宜制发"):
        generate_suggestion(session, inst["blobs"], inst["out"], agency=agency, year=2024, min_count=5)
    with pytest.raises(DocumentError, match="没有以"):
        generate_suggestion(session, inst["blobs"], inst["out"], agency="不存在的局", year=2024)


def test_numbers_are_never_reused(inst, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_COURT_ABBR", "测")
    agency, other = "溪宁市青石县人民政府", "桐原市苇溪县人民政府"
    with session_scope(inst["engine"]) as s:
        a = generate_suggestion(s, inst["blobs"], inst["out"], agency=agency, year=2024, min_count=1)
        b = generate_suggestion(s, inst["blobs"], inst["out"], agency=other, year=2024, min_count=1)
    assert (a.number, b.number) == ("测法建〔2025〕1号", "测法建〔2025〕2号")
    with session_scope(inst["engine"]) as s:  # deleting drafts frees no number
        for d in s.scalars(select(Draft).where(Draft.number.like("测法建%"))):
            s.delete(d)
    with session_scope(inst["engine"]) as s:  # a new session continues the counter
        c = generate_suggestion(s, inst["blobs"], inst["out"], agency=agency, year=2024, min_count=1)
    assert c.number == "测法建〔2025〕3号"
    monkeypatch.setattr(common, "today", lambda: date(2026, 3, 1))
    with session_scope(inst["engine"]) as s:  # a new year starts at 1
        d = generate_suggestion(s, inst["blobs"], inst["out"], agency=agency, year=2024, min_count=1)
        s.rollback()
    assert d.number == "测法建〔2026〕1号"


def test_risk_alert(inst, session) -> None:
    for t in risk_targets(session, year=2024):
        g = generate_risk_alert(session, inst["blobs"], inst["out"], agency=t.agency, year=2024)
        assert g.kind == "risk_alert" and g.number is None
        assert not check_docx(g.path, min_comments=2), check_docx(g.path)
        body = _body(g.path)
        assert body.count("（一）风险表现") == len(t.risks) and "（二）涉及的法律规范" in body and "（三）应对建议" in body
        for r in t.risks:
            for c in r["cases"]:
                assert c["case_number"] in body
    with pytest.raises(DocumentError, match="未达到风险提示线"):
        generate_risk_alert(session, inst["blobs"], inst["out"], agency="宁川市人民政府", year=2024)


def test_whitepaper_all_chapters(inst, session) -> None:
    g = generate_whitepaper(session, inst["blobs"], inst["out"], year=2024)
    assert g.kind == "whitepaper" and g.path.name == "行政审判白皮书_2024.docx"
    assert not check_docx(g.path, min_comments=50), check_docx(g.path, min_comments=50)[:5]
    body = _body(g.path)
    for title in ("一、基本情况", "二、主要特点", "三、行政执法中存在的主要问题", "四、意见建议", "五、典型案例", "附：统计口径说明"):
        assert title in body
    report = stats.build_report(session, 2024)
    cur, yoy = report.current, report.yoy
    closed_change = next(c for c in yoy.totals if c.key == "closed")
    assert f"共审结行政案件{cur.caseload.closed}件，{closed_change.describe()}" in body
    loss = next(c for c in yoy.totals if c.key == "loss_rate")
    assert f"行政机关败诉{cur.lost}件，败诉率为{cur.loss_rate.percent()}，{loss.describe()}" in body
    assert f"出庭应诉{cur.head_appeared}件，出庭应诉率为{cur.appearance_rate.percent()}" in body
    for d in cur.defects:
        assert f"共有{d.cases}件案件" in body
    d = docx.Document(str(g.path))
    assert len(d.inline_shapes) == 3  # category mix, year on year, agencies by loss rate
    assert len(d.tables) >= 4
    assert body.count("【待补充：典型意义") >= 3
    caseload = d.tables[0]
    assert [c.text for c in caseload.rows[-1].cells][:3] == ["合计", str(cur.caseload.filed), str(cur.caseload.closed)]


def test_whitepaper_chapters_and_comparison(inst, session) -> None:
    g = generate_whitepaper(session, inst["blobs"], inst["out"], year=2024, chapters=[1, 3], compare_to=None)
    body = _body(g.path)
    assert "一、基本情况" in body and "三、行政执法中存在的主要问题" in body
    assert "二、主要特点" not in body and "五、典型案例" not in body and "同比" not in body
    assert g.path.name == "行政审判白皮书_2024_第1、3章.docx"
    assert not check_docx(g.path), check_docx(g.path)
    g = generate_whitepaper(session, inst["blobs"], inst["out"], year=2024, chapters=[2], compare_to=2022)
    report = stats.build_report(session, 2024, compare_to=2022)
    closed = next(c for c in report.yoy.totals if c.key == "closed")
    assert closed.describe() in _body(g.path)
    with pytest.raises(DocumentError):
        generate_whitepaper(session, inst["blobs"], inst["out"], year=2024, chapters=[6])
    with pytest.raises(DocumentError):
        generate_whitepaper(session, inst["blobs"], inst["out"], year=1999)


def test_charts_without_a_cjk_font(inst, session, monkeypatch: pytest.MonkeyPatch) -> None:
    """No CJK font: charts get numbered labels and a 编号→名称 legend table, never empty boxes."""
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    g = generate_whitepaper(session, inst["blobs"], inst["out"], year=2024, chapters=[1])
    d = docx.Document(str(g.path))
    legends = [t for t in d.tables if [c.text for c in t.rows[0].cells] == ["编号", "名称"]]
    assert len(legends) == 3
    cats = [r.label for r in stats.compute(session, 2024).categories]
    tables = [[row.cells[1].text for row in t.rows[1:]] for t in legends]
    assert cats in tables  # the category chart, in stats' order
    assert all([row.cells[0].text for row in t.rows[1:]] == [str(i + 1) for i in range(len(t.rows) - 1)]
               for t in legends)
    assert session.get(Draft, g.draft_id).params["charts"] == "numbered"
    assert not check_docx(g.path), check_docx(g.path)


def test_no_person_name_in_any_document(inst, session, corpus_names) -> None:
    """Every agency with a finding (司法建议书), every risk target (风险提示函) and every year's white
    paper: no name of the corpus appears in the text or the comments.  (The anonymiser itself is
    proven over the full text of every judgment in the next test.)"""
    made = 0
    for year in YEARS:
        agencies = sorted({t.agency for t in suggestion_targets(session, year=year, min_count=1)})
        for agency in agencies:
            g = generate_suggestion(session, inst["blobs"], inst["out"], agency=agency, year=year, min_count=1)
            assert not check_docx(g.path, names=corpus_names), (agency, check_docx(g.path, names=corpus_names))
            made += 1
        for t in risk_targets(session, year=year):
            g = generate_risk_alert(session, inst["blobs"], inst["out"], agency=t.agency, year=year)
            assert not check_docx(g.path, names=corpus_names), (t.agency, check_docx(g.path, names=corpus_names))
            made += 1
        g = generate_whitepaper(session, inst["blobs"], inst["out"], year=year)
        assert not check_docx(g.path, names=corpus_names, min_comments=20), check_docx(g.path, names=corpus_names)
        made += 1
    assert made > 50


def test_anonymizer_masks_every_name_in_every_judgment(inst, corpus_names) -> None:
    """The anonymiser over the full text of all 180 judgments: not one known name is left."""
    from docgen.documents.anonymize import Anonymizer

    with session_scope(inst["engine"]) as s:
        ids = list(s.scalars(select(Judgment.id)))
        anon = Anonymizer.from_session(s, ids)
        texts = [j.document.text for j in s.scalars(select(Judgment))]
    for text in texts:
        masked = anon.text(text)
        leaked = [n for n in corpus_names if n in masked]
        assert not leaked, leaked[:5]
        assert len(masked) <= len(text) + 2 * text.count("\n") + 200  # masking, not rewriting


def test_anonymizer_rules() -> None:
    from docgen.documents.anonymize import Anonymizer, mask_name

    assert (mask_name("张三丰"), mask_name("欧阳娜娜"), mask_name("李某"), mask_name("王某某")) == \
        ("张某某", "欧阳某某", "李某", "王某某")
    anon = Anonymizer(["张三丰", "欧阳娜娜", "江湾"], protected=["青峪市江湾区人民政府"])
    out = anon.text("原告张三丰诉被告青峪市江湾区人民政府，第三人欧阳娜娜、李某到庭。")
    assert out == "原告张某某诉被告青峪市江湾区人民政府，第三人欧阳某某、李某到庭。"
    # safety net: a name the parser never stored, after a role word
    assert anon.text("委托代理人王小明，审判长：刘大为") == "委托代理人王某某，审判长：刘某某"
    assert anon.text("书记员周斌\n") == "书记员周某某\n"
    # …but ordinary words after role words stay
    for s in ("原告方提交的证据", "被告单位，", "当事人陈述、申辩", "原告申请撤销", "原告于同日向本院"):
        assert anon.text(s) == s


def test_strict_templates() -> None:
    import jinja2

    from docgen.documents.render import render, render_string

    with pytest.raises(jinja2.UndefinedError):
        render("suggestion.j2", {})
    with pytest.raises(DocumentError, match="None"):
        render_string("共{{ n }}件", {"n": None})
    with pytest.raises(jinja2.UndefinedError):
        render_string("共{{ n }}件", {})
    assert render_string("共{{ n }}件", {"n": 3}) == "共3件"
    with pytest.raises(DocumentError, match="未替换"):
        render_string("{{ s }}", {"s": "{{ x }}"})


def test_court_settings(inst, monkeypatch: pytest.MonkeyPatch) -> None:
    from docgen.documents.config import court_info, derive_abbreviation

    assert derive_abbreviation("山东省溪宁市中级人民法院") == "溪中"
    assert derive_abbreviation("湖南省高级人民法院") == "湘高"
    assert derive_abbreviation("青峪市江湾区人民法院") == "江"
    assert derive_abbreviation("最高人民法院") == ""
    with session_scope(inst["engine"]) as s:
        info = court_info(s)
        assert (info.name, info.abbr, info.number_prefix, info.own_data) == ("东川市中级人民法院", "东中", "东中法建", False)
        assert info.reply_period == "两个月" and info.cc["suggestion"]
        info = court_info(s, "湖南省高级人民法院")
        assert (info.name, info.abbr, info.own_data) == ("湖南省高级人民法院", "湘高", True)
        monkeypatch.setenv("DOCGEN_COURT_NAME", "溪宁市中级人民法院")
        monkeypatch.setenv("DOCGEN_COURT_ABBR", "溪中")
        assert (court_info(s).name, court_info(s).abbr) == ("溪宁市中级人民法院", "溪中")
        with pytest.raises(DocumentError):
            court_info(s, "不存在的法院")


def test_the_validator_catches_a_plain_document(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("原告张三丰共3件{{ x }}")
    d.save(tmp_path / "plain.docx")
    problems = "\n".join(check_docx(tmp_path / "plain.docx", names={"张三丰"}))
    for expected in ("not A4", "style 公文标题 missing", "no w:eastAsia", "footer", "comments",
                     "count without a comment", "unrendered template syntax", "person name"):
        assert expected in problems


def test_same_data_same_text(inst, session) -> None:
    a = generate_whitepaper(session, inst["blobs"], inst["out"], year=2023, chapters=[2, 3, 5])
    b = generate_whitepaper(session, inst["blobs"], inst["out"], year=2023, chapters=[2, 3, 5])
    va, vb = (session.get(Draft, x.draft_id).versions[0] for x in (a, b))
    assert va.text == vb.text
    s1 = generate_suggestion(session, inst["blobs"], inst["out"], agency="溪宁市青石县人民政府", year=2024, min_count=1)
    s2 = generate_suggestion(session, inst["blobs"], inst["out"], agency="溪宁市青石县人民政府", year=2024, min_count=1)
    t1, t2 = (session.get(Draft, x.draft_id).versions[0].text for x in (s1, s2))
    assert s1.number != s2.number
    assert t1.replace(s1.number, "N") == t2.replace(s2.number, "N")


def test_versions_upload_and_diff(inst, session) -> None:
    g = generate_risk_alert(session, inst["blobs"], inst["out"], agency="溪宁市青石县人民政府", year=2024)
    d = docx.Document(str(g.path))
    target = next(p for p in d.paragraphs if p.text.startswith("请你单位高度重视"))
    target.text = "请你单位在两个月内书面反馈整改情况。"
    buf = io.BytesIO()
    d.save(buf)
    v2 = add_version(session, inst["blobs"], g.draft_id, buf.getvalue(), "../../改后.docx", created_by="李审核",
                     note="补充反馈期限")
    assert (v2.version, v2.source, v2.filename, v2.created_by) == (2, "uploaded", "改后.docx", "李审核")
    assert inst["blobs"].get(v2.sha256) == buf.getvalue()
    diff = version_diff(session, g.draft_id, 1, 2)
    assert diff[0].startswith("--- 第1版") and diff[1].startswith("+++ 第2版")
    assert "+请你单位在两个月内书面反馈整改情况。" in diff
    assert any(line.startswith("-请你单位高度重视") for line in diff)
    v3 = add_version(session, inst["blobs"], g.draft_id, g.path.read_bytes(), "原稿.docx", created_by="李审核")
    assert v3.version == 3 and version_diff(session, g.draft_id, 1, 3) == []
    with pytest.raises(DocumentError, match="不是Word文档"):
        add_version(session, inst["blobs"], g.draft_id, "纯文本".encode(), "a.txt", created_by="李审核")
    with pytest.raises(DocumentError, match="无法读取"):
        add_version(session, inst["blobs"], g.draft_id, "纯文本".encode(), "a.docx", created_by="李审核")
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("a.txt", "x")
    with pytest.raises(DocumentError):
        add_version(session, inst["blobs"], g.draft_id, zipped.getvalue(), "a.docx", created_by="李审核")
    with pytest.raises(DocumentError, match="上传人"):
        add_version(session, inst["blobs"], g.draft_id, buf.getvalue(), "a.docx", created_by=" ")
    with pytest.raises(DocumentError, match="未找到"):
        add_version(session, inst["blobs"], 99999, buf.getvalue(), "a.docx", created_by="李审核")
    with pytest.raises(DocumentError, match="没有第 9 版"):
        version_diff(session, g.draft_id, 1, 9)
    assert session.scalar(select(DraftVersion.version).where(DraftVersion.draft_id == g.draft_id)
                          .order_by(DraftVersion.version.desc()).limit(1)) == 3


def test_comments_quote_the_court(inst, session) -> None:
    g = generate_suggestion(session, inst["blobs"], inst["out"], agency="溪宁市青石县人民政府", year=2024, min_count=1)
    comments = [c.text for c in docx.Document(str(g.path)).comments]
    sentences = [f.sentence for f in session.scalars(select(Finding).join(Judgment).join(Party).where(
        Party.agency_name == "溪宁市青石县人民政府", Judgment.year == 2024, Finding.active.is_(True)))]
    quoted = [q for c in comments for q in re.findall(r"认定：“([^”]+)”", c)]
    def norm(t: str) -> str:
        return re.sub(r"\s", "", t).replace(",", "，").replace("(", "（").replace(")", "）")

    # (names inside are masked, so compare the sentence's ending)
    assert quoted and all(any(norm(s).endswith(norm(q)[-8:]) for s in sentences) for q in quoted)
    assert all(c.author == "docgen" for c in docx.Document(str(g.path)).comments)


# -- command line ----------------------------------------------------------------------------------------


def _cli():
    import click

    from docgen.cli_documents import register
    from docgen.config import Settings

    @click.group()
    @click.option("--instance")
    @click.pass_context
    def main(ctx: click.Context, instance: str | None) -> None:
        ctx.ensure_object(dict)
        ctx.obj["settings"] = Settings.load(instance)

    register(main)
    return main


def test_cli(inst, tmp_path: Path) -> None:
    main, root = _cli(), str(inst["root"])
    res = CliRunner().invoke(main, ["--instance", root, "suggest-targets", "--year", "2024", "--min-count", "1",
                                    "--json"])
    assert res.exit_code == 0, res.output
    targets = json.loads(res.output)
    assert targets and {"agency", "code", "code_name", "count", "cases"} <= set(targets[0])
    res = CliRunner().invoke(main, ["--instance", root, "suggest-targets", "--year", "2024"])
    assert res.exit_code == 0 and "没有同一类瑕疵被认定3件以上" in res.output
    res = CliRunner().invoke(main, ["--instance", root, "generate", "whitepaper", "--year", "2024", "--chapters", "1,3",
                                    "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    path = Path(res.stdout.strip().splitlines()[0])
    assert path.parent == tmp_path and path.exists() and not check_docx(path)
    res = CliRunner().invoke(main, ["--instance", root, "generate", "risk-alert", "--agency", "梅岭县卫生健康委员会",
                                    "--year", "2024"])
    assert res.exit_code == 0, res.output
    assert Path(res.stdout.strip().splitlines()[0]).parent == inst["root"] / "drafts"
    res = CliRunner().invoke(main, ["--instance", root, "generate", "suggestion", "--agency", "溪宁市青石县人民政府",
                                    "--year", "2024", "--min-count", "1", "--by", "张法官"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(main, ["--instance", root, "generate", "suggestion", "--agency", "溪宁市青石县人民政府",
                                    "--year", "2024"])
    assert res.exit_code == 1 and "不宜制发司法建议书" in res.output and "Traceback" not in res.output
    res = CliRunner().invoke(main, ["--instance", root, "generate", "whitepaper", "--year", "2024", "--chapters", "x"])
    assert res.exit_code == 2


def test_number_counter_on_each_backend(db_engine) -> None:
    """The 法建 counter on SQLite and PostgreSQL: per (prefix, year), never repeating."""
    from docgen.documents.drafts import next_number

    with session_scope(db_engine) as s:
        assert [next_number(s, "东中法建", 2025) for _ in range(3)] == [1, 2, 3]
        assert next_number(s, "东中法建", 2026) == 1 and next_number(s, "溪中法建", 2025) == 1
    with session_scope(db_engine) as s:
        assert next_number(s, "东中法建", 2025) == 4
        s.rollback()  # a number drawn in a transaction that rolls back was never issued
    with session_scope(db_engine) as s:
        assert next_number(s, "东中法建", 2025) == 4


# -- the white paper's fast paths give what the plain ones give ----------------------------------


def _ids_where(session, year: int, *where, basis: str = "closed") -> list[int]:  # noqa: ANN001, ANN002
    """One plain query: the judgment ids of ``year`` matching ``where``, by id."""
    conds = stats._conditions(stats.Filters(year=year), basis=basis)
    return list(session.scalars(select(Judgment.id).where(*conds, *where).order_by(Judgment.id)))


def _is(column, value: str, missing: str):  # noqa: ANN001, ANN202
    return column.is_(None) if value == missing else column == value


def test_scope_lists_read_together_are_the_plain_lists(inst, session) -> None:
    """A Scope reads the lists of every procedure / 案由 / 领域 / 裁判结果, and with
    ``many_agencies`` of every agency, in one query each: the same lists as one query per value
    or per agency, and as long as the stats figures they document."""
    from docgen.documents.evidence import Scope

    for year in YEARS:
        st = stats.compute(session, year)
        one, together = Scope(session, year), Scope(session, year, many_agencies=True)
        for r in st.caseload.by_procedure:
            closed = together.closed(procedure=r.procedure)
            assert closed == _ids_where(session, year, _is(Judgment.procedure, r.procedure, stats.UNKNOWN))
            assert len(closed) == r.closed
            filed = together.filed(procedure=r.procedure)
            assert filed == _ids_where(session, year, Judgment.case_year.is_not(None),
                                       _is(Judgment.procedure, r.procedure, stats.UNKNOWN), basis="filed")
            assert len(filed) == r.filed
        for rows, method, column, missing in ((st.categories, "category", Judgment.category, stats.UNCLASSIFIED),
                                              (st.fields, "field", Judgment.field, stats.UNCLASSIFIED),
                                              (st.outcomes, "outcome", Judgment.outcome, stats.UNKNOWN)):
            for r in rows:
                ids = together.closed(category=r.label) if method == "category" else getattr(together, method)(r.label)
                assert ids == _ids_where(session, year, _is(column, r.label, missing)) and len(ids) == r.count
        assert st.agencies
        for a in st.agencies:
            nl = a.nonlitigation
            for name, args, figure in (("agency_cases", (), a.cases), ("lost", (), a.lost), ("decided", (), a.decided),
                                       ("head_known", (), a.head_known), ("head_appeared", (), a.head_appeared),
                                       ("nonlit", (None,), nl.reviewed), ("nonlit", (stats.REFUSED,), nl.refused),
                                       ("nonlit", (stats.GRANTED,), nl.granted), ("nonlit", ("other",), nl.other)):
                ids = getattr(together, name)(*args, agency=a.agency)
                assert ids == getattr(one, name)(*args, agency=a.agency), (a.agency, name, args)
                assert len(ids) == figure, (a.agency, name, args)
            assert together.head_appeared(a.agency, appeared=False) == one.head_appeared(a.agency, appeared=False)


def test_citations_are_shared_and_never_changed(inst, session) -> None:
    from docgen.documents.evidence import MAX_QUOTED, Scope

    scope = Scope(session, 2024)
    ids = scope.closed()
    plain = scope.cited(ids)
    rows = session.execute(select(Judgment.id, Judgment.judgment_date, Judgment.case_number)
                           .where(Judgment.id.in_(ids))).all()
    expected = sorted(rows, key=lambda r: (r.judgment_date or date.min, r.case_number or "", r.id))
    assert [c.judgment_id for c in plain] == [r.id for r in expected]
    quoted = scope.cited(ids, "outcome")
    assert [c.judgment_id for c in quoted] == [c.judgment_id for c in plain]
    assert any(c.sentence for c in quoted[:MAX_QUOTED]) and not any(c.sentence for c in quoted[MAX_QUOTED:])
    assert not any(c.sentence for c in scope.cited(ids))  # the shared citations kept no sentence
    assert scope.closed() is not scope.closed() and scope.closed() == ids  # each caller its own list


def test_best_sentences_of_the_scope_equal_one_query_per_defect(inst, session) -> None:
    from docgen.documents.evidence import Scope

    for year in YEARS:
        scope = Scope(session, year)
        for d in stats.compute(session, year).defects:
            ids = [i.judgment_id for i in d.items]
            best = common.best_of([f for f in scope.findings(d.code) if f.judgment_id in set(ids)])
            assert best == common.best_sentences(session, ids, d.code) and len(best) == d.cases


def _plain_masking(anon, text: str) -> str:  # noqa: ANN001
    """The anonymiser's scan one character at a time (what its jumps must equal)."""
    from docgen.documents.anonymize import mask_name

    index = anon._protected_index()

    def spans(t: str) -> list[tuple[int, int]]:
        out, i = [], 0
        while i < len(t) - 1:
            p = next((p for p in index.get(t[i : i + 2], ()) if t.startswith(p, i)), None)
            if p:
                out.append((i, i + len(p)))
            i += len(p) if p else 1
        return out

    protected, out, i = spans(text), [], 0
    while i < len(text):
        span = next((s for s in protected if s[0] <= i < s[1]), None)
        name = next((text[i : i + n] for n in range(6, 1, -1) if text[i : i + n] in anon.names), None) \
            if span is None else None  # fmt: skip
        out.append(text[i : span[1]] if span else mask_name(name) if name else text[i])
        i = span[1] if span else i + len(name) if name else i + 1
    anon._protected_spans = spans  # the safety net as well, with the plain scan
    try:
        return anon._safety_net("".join(out))
    finally:
        del anon._protected_spans


def test_anonymizer_scan_equals_the_plain_scan(inst) -> None:
    import random

    from docgen.documents.anonymize import Anonymizer

    with session_scope(inst["engine"]) as s:
        anon = Anonymizer.from_session(s, list(s.scalars(select(Judgment.id))), ["东川市中级人民法院"])
        texts = [j.document.text for j in s.scalars(select(Judgment).limit(60))]
    rnd = random.Random(7)
    texts += ["".join(rnd.choice(t) for _ in range(300)) for t in texts[:30]]  # names cut and glued anew
    texts += ["", "张", "（2023）东01行初1号、（2023）东01行初2号"]
    for text in texts:
        assert anon.text(text) == _plain_masking(anon, text)


def test_fast_runs_and_comments_are_python_docx_xml() -> None:
    from docgen.documents import builder
    from docgen.documents.anonymize import Anonymizer

    d = docx.Document()
    for text in ("", "文字", " 前后有空格 ", "a\tb", "一\n二", "x\r\ny"):
        plain, fast = d.add_paragraph(), d.add_paragraph()
        plain.add_run(text)
        builder._add_run(fast._p, text)
        assert plain._p.xml == fast._p.xml, text

    class Lines:
        def __init__(self, lines: list[str]):
            self.lines = lines

        def comment(self) -> list[str]:
            return self.lines

    undated = re.compile(r' w:date="[^"]*"')
    for lines in (["甲：1件。", "乙", "丙"], ["", "乙"], ["甲", ""], [" 空格 ", "x"], ["一\n二", "三\t四"]):
        w = builder.DocxWriter("t", Anonymizer())
        run = w.paragraph("正文", "x").runs[0]
        w._comment([run], Lines(lines))  # type: ignore[arg-type]
        plain = docx.Document()
        prun = plain.add_paragraph().add_run("x")
        c = plain.add_comment([prun], text=lines[0], author=builder.AUTHOR, initials=builder.INITIALS)
        for line in lines[1:]:
            c.add_paragraph(line)
        fast_xml, plain_xml = (next(iter(doc.comments))._comment_elm.xml for doc in (w.doc, plain))
        assert undated.sub("", fast_xml) == undated.sub("", plain_xml), lines


def test_gc_paused_restores_the_collector() -> None:
    import gc

    seen = []
    paused = common.gc_paused(lambda: seen.append(gc.isenabled()))
    assert gc.isenabled()
    paused()
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        paused()
        assert not gc.isenabled()  # the caller's choice stands
    finally:
        gc.enable()

    def fails() -> None:
        raise ValueError

    with pytest.raises(ValueError):
        common.gc_paused(fails)()
    assert gc.isenabled()
