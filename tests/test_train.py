"""``docgen train`` learns from reviewers' corrections and writes new model versions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from samples import FIRST_INSTANCE

from docgen.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A slice of the team corpus, so training takes seconds."""
    out = tmp_path / "corpus"
    (out / "docs").mkdir(parents=True)
    rows = [json.loads(x) for x in (CORPUS / "labels.jsonl").read_text(encoding="utf-8").splitlines()][:60]
    for r in rows:
        shutil.copy(CORPUS / "docs" / r["file"], out / "docs" / r["file"])
    (out / "labels.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return out


def test_train_uses_corrections_and_versions_models(tmp_path: Path, small_corpus: Path, monkeypatch) -> None:
    monkeypatch.delenv("DOCGEN_DATABASE_URL", raising=False)
    inst = tmp_path / "instance"
    monkeypatch.setenv("DOCGEN_INSTANCE", str(inst))
    runner = CliRunner()
    doc = tmp_path / "a.txt"
    doc.write_text(FIRST_INSTANCE, encoding="utf-8")
    assert runner.invoke(main, ["ingest", str(doc)]).exit_code == 0
    sentence = "被告在作出处罚决定前未告知原告陈述、申辩的权利"
    res = runner.invoke(main, ["correct", "1", "--category", "行政处罚", "--remove-defect", "PROCEDURE",
                               "--add-defect", "NO_STATEMENT", "--sentence", sentence, "--reviewer", "审核人甲"])
    assert res.exit_code == 0, res.output

    res = runner.invoke(main, ["train", "--corpus", str(small_corpus), "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output.strip().splitlines()[-1])
    assert report["category"]["metrics"]["n_corrections"] == 1
    assert report["defects"]["n_corrections"] >= 1
    assert report["reclassified"] == 1
    models = inst / "models"
    assert (models / "category-v1.joblib").exists() or any(models.glob("category-v*.joblib"))
    assert (models / "defect_sentences-v1.joblib").exists()

    # a second run writes the next version; the stored judgment keeps the reviewer's values
    res = runner.invoke(main, ["train", "--corpus", str(small_corpus), "--json"])
    assert res.exit_code == 0, res.output
    assert (models / "defect_sentences-v2.joblib").exists()
    shown = json.loads(runner.invoke(main, ["show", "1", "--json"]).output)
    assert shown["category"] == "行政处罚"
    assert "NO_STATEMENT" in [d["code"] if isinstance(d, dict) else d for d in shown["defects"]]
