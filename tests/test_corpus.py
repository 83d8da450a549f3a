"""The synthetic corpus (corpus/generate.py, corpus/docs/, corpus/labels.jsonl).

Vocabularies are those of ../shared/realdata/LABELS.md.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

DOC_TYPES = {"判决书", "裁定书", "其他"}
PROCEDURES = {"一审", "二审", "再审", "再审审查", "非诉执行审查", "其他"}
CATEGORIES = {
    "行政处罚", "行政强制措施", "行政强制执行", "行政许可", "行政征收或者征用", "行政登记", "行政确认", "行政给付",
    "行政允诺", "行政征缴", "行政奖励", "行政收费", "政府信息公开", "行政批复", "行政处理", "行政复议", "行政裁决",
    "行政协议", "行政补偿", "行政赔偿", "不履行法定职责", "公益诉讼",
}
OUTCOMES = {
    "撤销", "部分撤销", "确认违法", "确认无效", "责令履行", "变更", "驳回诉讼请求", "驳回起诉", "维持原判", "改判",
    "发回重审", "驳回再审申请", "准予执行", "不准予执行", "赔偿", "其他",
}
DEFECTS = {
    "EVIDENCE", "LAW", "PROCEDURE", "NO_STATEMENT", "NO_HEARING", "SERVICE", "TIME_LIMIT", "ENFORCE_PROC",
    "EXPROP_PROC", "ULTRA_VIRES", "ABUSE", "UNREASONABLE", "NONPERFORMANCE", "DISCLOSURE", "MINOR_PROC",
}
REQUIRED_KEYS = {
    "file", "case_number", "court", "doc_type", "procedure", "category", "field", "plaintiffs", "defendants",
    "head_appeared", "outcome", "agency_lost", "defects", "defect_evidence", "judgment_date",
}
OPTIONAL_KEYS = {"outcome_alt", "category_alt", "defects_optional"}
REQUIRED_CATEGORIES = {
    "行政征收或者征用", "行政强制执行", "行政处罚", "行政许可", "政府信息公开", "行政确认", "行政登记",
    "不履行法定职责", "行政协议", "行政赔偿", "行政强制措施", "行政复议", "行政给付", "行政补偿",
}
AGAINST = {"撤销", "部分撤销", "确认违法", "确认无效", "责令履行", "变更", "赔偿", "不准予执行"}


def _load_generator():
    spec = importlib.util.spec_from_file_location("corpus_generate", CORPUS / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


gen = _load_generator()


@pytest.fixture(scope="module")
def disk() -> list[tuple[str, str, dict]]:
    labels = [json.loads(line) for line in (CORPUS / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    return [(lab["file"], (CORPUS / "docs" / lab["file"]).read_text(encoding="utf-8"), lab) for lab in labels]


def test_generator_is_deterministic():
    a = gen.generate(60)
    b = gen.generate(60)
    assert a == b
    # a longer run starts with the same documents
    assert gen.generate(80)[:60] == a
    # another seed gives another corpus
    assert gen.generate(20, seed=7) != a[:20]


def test_corpus_on_disk_equals_generator(tmp_path: Path, disk):
    n = gen.write_corpus(tmp_path, gen.DEFAULT_N, gen.DEFAULT_SEED)
    assert n == gen.DEFAULT_N
    assert (tmp_path / "labels.jsonl").read_bytes() == (CORPUS / "labels.jsonl").read_bytes()
    fresh = sorted(p.name for p in (tmp_path / "docs").glob("*.txt"))
    stored = sorted(p.name for p in (CORPUS / "docs").glob("*.txt"))
    assert fresh == stored
    for name in stored:
        assert (tmp_path / "docs" / name).read_bytes() == (CORPUS / "docs" / name).read_bytes(), name


def test_cli_writes_the_same_documents(tmp_path: Path):
    subprocess.run([sys.executable, str(CORPUS / "generate.py"), "--n", "6", "--out", str(tmp_path)],
                   check=True, capture_output=True)
    expected = gen.generate(6)
    labels = (tmp_path / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in labels] == [lab for _, _, lab in expected]
    for name, text, _ in expected:
        assert (tmp_path / "docs" / name).read_text(encoding="utf-8") == text


def test_labels_use_the_vocabularies(disk):
    for name, text, lab in disk:
        assert REQUIRED_KEYS <= lab.keys() <= REQUIRED_KEYS | OPTIONAL_KEYS, name
        assert lab["file"] == name and re.fullmatch(r"\d{4,}\.txt", name)
        assert lab["doc_type"] in DOC_TYPES, name
        assert lab["procedure"] in PROCEDURES, name
        assert lab["category"] in CATEGORIES, name
        assert lab["outcome"] in OUTCOMES, name
        assert lab["agency_lost"] in (True, False, None), name
        assert lab["head_appeared"] in (True, False, None), name
        assert isinstance(lab["field"], str) and lab["field"], name
        assert lab["plaintiffs"] and all(isinstance(p, str) and p for p in lab["plaintiffs"]), name
        assert lab["defendants"] and all(isinstance(p, str) and p for p in lab["defendants"]), name
        assert set(lab["defects"]) <= DEFECTS and len(set(lab["defects"])) == len(lab["defects"]), name
        assert set(lab["defect_evidence"]) == set(lab["defects"]), name
        assert set(lab.get("outcome_alt", [])) <= OUTCOMES and lab["outcome"] not in lab.get("outcome_alt", []), name
        assert set(lab.get("category_alt", [])) <= CATEGORIES, name
        assert set(lab.get("defects_optional", [])) <= DEFECTS, name
        assert not set(lab.get("defects_optional", [])) & set(lab["defects"]), name
        assert re.fullmatch(r"202[1-4]-\d\d-\d\d", lab["judgment_date"]), name
        # the printed values are in the text
        assert lab["case_number"] in text and lab["court"] in text.splitlines()[0], name
        for party in lab["plaintiffs"] + lab["defendants"]:
            assert party in text, (name, party)
        assert re.search(r"[（(〔]20\d\d[）)〕]", lab["case_number"]), name


def test_label_rules_hold(disk):
    """agency_lost / head_appeared follow the LABELS.md rules."""
    for name, text, lab in disk:
        o = lab["outcome"]
        if o in AGAINST:
            assert lab["agency_lost"] is True, name
        if o in ("驳回起诉", "准予执行", "驳回诉讼请求"):
            assert lab["agency_lost"] is False, name
        if o in ("发回重审",):
            assert lab["agency_lost"] is None, name
        if lab["procedure"] == "非诉执行审查":
            assert lab["head_appeared"] is None and o in ("准予执行", "不准予执行"), name
        expected_type = "裁定书" if "裁定如下" in text else "判决书"
        assert lab["doc_type"] == expected_type, name
        if not lab["defects"]:
            assert lab["defect_evidence"] == {}, name


def test_defect_evidence_is_in_the_courts_reasoning(disk):
    for name, text, lab in disk:
        start = text.find("本院认为")
        assert start >= 0, name
        for code, sentence in lab["defect_evidence"].items():
            assert sentence and sentence in text, (name, code)
            assert text.find(sentence, start) >= start, (name, code)
            assert len(sentence) < 200, (name, code)


def test_coverage(disk):
    assert len(disk) >= 150
    cats = Counter(lab["category"] for _, _, lab in disk)
    for cat in REQUIRED_CATEGORIES:
        assert cats[cat] >= 5, (cat, cats[cat])
    procs = Counter(lab["procedure"] for _, _, lab in disk)
    assert {"一审", "二审", "再审审查", "再审", "非诉执行审查"} <= procs.keys()
    assert procs["一审"] >= 0.4 * len(disk)
    outcomes = Counter(lab["outcome"] for _, _, lab in disk)
    assert {"撤销", "确认违法", "责令履行", "驳回诉讼请求", "驳回起诉", "维持原判", "改判", "发回重审", "驳回再审申请",
            "准予执行", "不准予执行"} <= outcomes.keys()
    codes = Counter(code for _, _, lab in disk for code in lab["defects"])
    assert set(codes) == DEFECTS
    lost = [lab["agency_lost"] for _, _, lab in disk if lab["agency_lost"] is not None]
    assert 0.35 <= sum(lost) / len(lost) <= 0.6
    heard = [lab["head_appeared"] for _, _, lab in disk if lab["head_appeared"] is not None]
    assert 0.15 <= sum(heard) / len(heard) <= 0.45
    years = Counter(lab["judgment_date"][:4] for _, _, lab in disk)
    assert set(years) == {"2021", "2022", "2023", "2024"}
    lengths = sorted(len(text) for _, text, _ in disk)
    assert lengths[0] < 1000 and lengths[-1] > 5000


def test_large_runs_are_quick_and_valid():
    items = gen.generate(1000)
    assert len({name for name, _, _ in items}) == 1000
    for name, text, lab in items:
        start = text.find("本院认为")
        for sentence in lab["defect_evidence"].values():
            assert text.find(sentence, start) >= start >= 0, name
