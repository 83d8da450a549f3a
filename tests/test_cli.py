"""The CLI end to end on fictional documents: ingest, dedupe, show, parse --json, eval --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from samples import APPEAL, FIRST_INSTANCE, NON_LITIGATION

from docgen.cli import main


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("DOCGEN_DATABASE_URL", raising=False)
    monkeypatch.setenv("DOCGEN_INSTANCE", str(tmp_path / "instance"))
    return CliRunner()


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_text(FIRST_INSTANCE, encoding="utf-8")
    (d / "b.txt").write_bytes(APPEAL.encode("gb18030"))  # GBK text file
    (d / "c.txt").write_text(NON_LITIGATION, encoding="utf-16")
    (d / "notes.txt").write_text("会议纪要：下周二讨论白皮书提纲。", encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    labels = [
        {"file": "a.txt", "case_number": "(2023)东0102行初45号", "court": "东川市临江区人民法院", "doc_type": "判决书",
         "procedure": "一审", "category": "行政处罚", "outcome": "撤销", "agency_lost": True, "head_appeared": True,
         "judgment_date": "2023-06-12", "defects": ["NO_STATEMENT"],
         "defects_optional": ["PROCEDURE"]},
        {"file": "b.txt", "case_number": "（2022）东01行终77号", "court": "东川市中级人民法院", "doc_type": "判决书",
         "procedure": "二审", "category": "行政处罚", "outcome": "维持原判", "agency_lost": True,
         "head_appeared": False, "judgment_date": "2022-09-30", "defects": []},
        {"file": "c.txt", "case_number": "〔2024〕清0321行审12号", "court": "清河县人民法院", "doc_type": "裁定书",
         "procedure": "非诉执行审查", "category": "行政处罚", "outcome": "准予执行", "agency_lost": False,
         "head_appeared": None, "judgment_date": "2024-04-08", "defects": ["NO_STATEMENT"],
         "defects_optional": ["PROCEDURE"]},
    ]
    (tmp_path / "labels.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in labels) + "\n",
                                           encoding="utf-8")
    return d


def test_ingest_dedupe_and_show(runner: CliRunner, docs: Path) -> None:
    res = runner.invoke(main, ["ingest", str(docs)])
    assert res.exit_code == 0, res.output
    assert "已入库 3，重复 0，拒收 2" in res.output
    assert "空文件" in res.output and "不是判决书/裁定书" in res.output

    again = runner.invoke(main, ["ingest", str(docs / "a.txt")])
    assert again.exit_code == 0
    assert "已入库 0，重复 1，拒收 0" in again.output

    overview = runner.invoke(main, ["show", "--json"])
    data = json.loads(overview.output)
    assert data["judgments"] == 3
    assert data["by_procedure"] == {"一审": 1, "二审": 1, "非诉执行审查": 1}
    # 败诉率 counts litigation only: the 非诉执行审查 ruling is not in it (docgen.stats definition)
    assert data["agency_lost"] == {"lost": 2, "decided": 2, "rate": 1.0}
    assert data["rejections"]["空文件"] == 1

    one = runner.invoke(main, ["show", "(2022)东01行终77号", "--json"])
    facts = json.loads(one.output)
    assert facts["outcome"] == "维持原判" and facts["head_appeared"] is False


def test_parse_json_has_label_fields(runner: CliRunner, docs: Path) -> None:
    res = runner.invoke(main, ["parse", str(docs / "a.txt"), str(docs / "c.txt"), "--json"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert [r["file"] for r in rows] == ["a.txt", "c.txt"]
    a = rows[0]
    for key in ("case_number", "court", "doc_type", "procedure", "category", "outcome", "agency_lost",
                "head_appeared", "judgment_date", "plaintiffs", "defendants", "defects", "defect_evidence"):
        assert key in a
    assert a["judgment_date"] == "2023-06-12"
    assert rows[1]["outcome"] == "不准予执行"


def test_eval_json_scores_and_lists_mismatches(runner: CliRunner, docs: Path, tmp_path: Path) -> None:
    res = runner.invoke(main, ["eval", "--docs", str(docs), "--labels", str(tmp_path / "labels.jsonl"), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["documents"] == 3
    assert out["fields"]["case_number"] == {"accuracy": 1.0, "n": 3}
    assert out["fields"]["head_appeared"] == {"accuracy": 1.0, "n": 2}
    # the label for c.txt says 准予执行, the document says 不准予执行: a real mismatch, reported
    assert out["fields"]["outcome"]["accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert {"file": "c.txt", "field": "outcome", "expected": "准予执行", "got": "不准予执行"} in out["mismatches"]
    assert out["fields"]["category"]["n"] == 3 and out["fields"]["category"]["accuracy"] is not None
    assert out["defects"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "n_labelled": 2, "n_predicted": 2}


def test_python_dash_m_entry_point() -> None:
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "docgen", "--help"], capture_output=True, text=True, check=True)
    assert "docgen" in res.stdout
