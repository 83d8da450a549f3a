"""Library API: one document's bytes → text → Judgment → the prediction record.

The CLI, the web front end and batch runs all call these functions.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from docgen.config import Limits
from docgen.model import Judgment
from docgen.nlp.parse import PARSER_VERSION, parse_text

__all__ = ["PARSER_VERSION", "analyze", "analyze_bytes", "parse_text", "prediction", "read_text"]


def analyze(j: Judgment, models_dir: Path | None = None) -> Judgment:
    """The analysis stage after parsing: category and 管理领域 (rules, then the trained model) and
    the defects the court found, each with its sentence.  ``models_dir``: where ``docgen train``
    keeps newer model versions (else the packaged ones)."""
    from docgen.nlp.category import analyze as classify
    from docgen.nlp.defects import find_defects, use_models_dir

    classify(j, models_dir=models_dir)
    use_models_dir(models_dir)
    j.findings = find_defects(j)
    return j


def read_text(data: bytes, name: str, limits: Limits | None = None) -> str:
    """Extract text from any supported format (raises ``Rejected``)."""
    from docgen.ingest.readers import extract_text

    return extract_text(data, name, limits or Limits()).text


def prediction(j: Judgment, file: str) -> dict[str, Any]:
    """The record of ``docgen parse --json``: label field names and vocabularies (LABELS.md)."""
    parsed = j.to_dict()
    return {
        "file": file,
        "case_number": j.case_number.normalized if j.case_number else None,
        "court": j.court,
        "doc_type": j.doc_type,
        "procedure": j.procedure,
        "category": j.category.label if j.category else None,
        "field": j.domain.label if j.domain else None,
        "outcome": j.outcome.label if j.outcome else None,
        "agency_lost": j.agency_lost,
        "head_appeared": j.head_appeared,
        "judgment_date": parsed["judgment_date"],
        "plaintiffs": j.plaintiffs,
        "defendants": j.defendants,
        "defects": [f.code for f in j.findings],
        "defect_evidence": {f.code: f.sentence for f in j.findings},
        # extras
        "category_detail": asdict(j.category) if j.category else None,
        "field_detail": asdict(j.domain) if j.domain else None,
        "defect_detail": [asdict(f) for f in j.findings],
        "head_evidence": j.head_evidence,
        "outcome_sentence": j.outcome.sentence[:300] if j.outcome else None,
        "case_number_parts": parsed["case_number_parts"],
        "parties": parsed["parties"],
        "sections": [{"name": s.name, "start": s.span.start, "end": s.span.end} for s in j.sections],
        "statutes": [{"law": s.law, "article": s.article, "paragraph": s.paragraph, "item": s.item}
                     for s in j.statutes],
        "judges": j.judges,
        "clerk": j.clerk,
        "warnings": j.warnings,
        "parser_version": PARSER_VERSION,
    }


def analyze_bytes(data: bytes, name: str, limits: Limits | None = None,
                  models_dir: Path | None = None) -> Judgment:
    """Bytes of any supported format → parsed and analysed Judgment (raises ``Rejected``)."""
    return analyze(parse_text(read_text(data, name, limits)), models_dir)
