"""The foundation's accuracy bars on the real development set (skipped where it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.evaluate import evaluate_dir

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "dev"

pytestmark = pytest.mark.realdata

BARS = {
    "case_number": 0.95, "court": 0.95, "judgment_date": 0.95,
    "doc_type": 0.90, "procedure": 0.90,
    "outcome": 0.90, "agency_lost": 0.90,
    "head_appeared": 0.90,
    "category": 0.90,
}


@pytest.fixture(scope="module")
def report():
    if not (DEV / "labels.jsonl").exists():
        pytest.skip("../shared/realdata/dev 不存在：跳过真实文书评测")
    return evaluate_dir(DEV, DEV / "labels.jsonl")


@pytest.mark.parametrize("field", sorted(BARS))
def test_field_meets_bar(report, field: str) -> None:
    acc = report.fields[field]["accuracy"]
    assert acc is not None and acc >= BARS[field], (field, acc, [m for m in report.mismatches if m["field"] == field])


def test_every_document_parses(report) -> None:
    assert report.errors == []
    assert report.documents >= 40


def test_defects_meet_bar(report) -> None:
    assert report.defects is not None
    assert report.defects["f1"] >= 0.80, (report.defects, [m for m in report.mismatches if m["field"] == "defects"])
