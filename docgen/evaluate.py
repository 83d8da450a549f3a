"""``docgen eval``: score the parser against labelled documents (format: shared/realdata/LABELS.md).

Accuracy is per scalar field over the documents whose label is not null; a field docgen does not
predict yet is reported as "not implemented" (accuracy ``None``), never as 0 or 1.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.nlp.casenum import normalize_case_number

SCALAR_FIELDS = ("case_number", "court", "doc_type", "procedure", "category", "outcome",
                 "agency_lost", "head_appeared", "judgment_date")


def read_labels(path: Path) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{n}: 标注行不是合法JSON：{err}") from err
    return rows


def _norm(fieldname: str, value: Any) -> Any:
    if value is None:
        return None
    if fieldname == "case_number":
        return normalize_case_number(str(value))
    if fieldname == "court":
        return str(value).replace(" ", "").replace("　", "")
    return value


def field_correct(fieldname: str, label: dict[str, Any], got: Any) -> bool:
    expected = _norm(fieldname, label.get(fieldname))
    accepted = {expected}
    for alt in label.get(f"{fieldname}_alt", []) or []:
        accepted.add(_norm(fieldname, alt))
    return _norm(fieldname, got) in accepted


@dataclass
class EvalReport:
    documents: int = 0
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    defects: dict[str, Any] | None = None
    mismatches: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"documents": self.documents, "fields": self.fields,
                               "defects": self.defects, "mismatches": self.mismatches}
        if self.errors:
            out["errors"] = self.errors
        return out


def score(labels: Iterable[dict[str, Any]], predictions: dict[str, dict[str, Any] | None],
          implemented: Callable[[str], bool]) -> EvalReport:
    rep = EvalReport()
    right: dict[str, int] = dict.fromkeys(SCALAR_FIELDS, 0)
    seen: dict[str, int] = dict.fromkeys(SCALAR_FIELDS, 0)
    tp = fp = fn = 0
    defects_on = implemented("defects")
    for label in labels:
        rep.documents += 1
        pred = predictions.get(label["file"]) or {}
        for f in SCALAR_FIELDS:
            if label.get(f) is None:
                continue
            seen[f] += 1
            if not implemented(f):
                continue
            got = pred.get(f)
            if field_correct(f, label, got):
                right[f] += 1
            else:
                rep.mismatches.append({"file": label["file"], "field": f,
                                       "expected": label.get(f), "got": got})
        if defects_on:
            optional = set(label.get("defects_optional", []) or [])
            gold = set(label.get("defects", []) or []) - optional
            got_codes = set(pred.get("defects") or []) - optional
            tp += len(gold & got_codes)
            fp += len(got_codes - gold)
            fn += len(gold - got_codes)
            for code in sorted(got_codes - gold):
                rep.mismatches.append({"file": label["file"], "field": "defects", "expected": None, "got": code,
                                       "evidence": (pred.get("defect_evidence") or {}).get(code)})
            for code in sorted(gold - got_codes):
                rep.mismatches.append({"file": label["file"], "field": "defects", "expected": code, "got": None,
                                       "evidence": (label.get("defect_evidence") or {}).get(code)})
    for f in SCALAR_FIELDS:
        if implemented(f):
            acc = round(right[f] / seen[f], 4) if seen[f] else None
            rep.fields[f] = {"accuracy": acc, "n": seen[f]}
        else:
            rep.fields[f] = {"accuracy": None, "n": seen[f], "status": "not implemented"}
    if defects_on:
        p = tp / (tp + fp) if tp + fp else None
        r = tp / (tp + fn) if tp + fn else None
        f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        rep.defects = {"precision": None if p is None else round(p, 4), "recall": None if r is None else round(r, 4),
                       "f1": None if f1 is None else round(f1, 4), "n_labelled": tp + fn, "n_predicted": tp + fp}
    return rep


def format_table(rep: EvalReport) -> str:
    lines = [f"文书数 documents: {rep.documents}", "", f"{'field':<15}{'accuracy':>10}{'n':>6}"]
    for f, v in rep.fields.items():
        acc = "not implemented" if v.get("status") else ("-" if v["accuracy"] is None else f"{v['accuracy']:.3f}")
        lines.append(f"{f:<15}{acc:>10}{v['n']:>6}")
    lines.append("")
    if rep.defects is None:
        lines.append("defects: not implemented")
    else:
        d = rep.defects
        fmt = (lambda x: "-" if x is None else f"{x:.3f}")  # noqa: E731
        lines.append(f"defects micro P {fmt(d['precision'])}  R {fmt(d['recall'])}  F1 {fmt(d['f1'])}"
                     f"  (labelled {d['n_labelled']}, predicted {d['n_predicted']})")
    if rep.errors:
        lines.append("")
        lines.append("无法读取/解析的文件:")
        for e in rep.errors:
            lines.append(f"  {e['file']}: {e['error']}")
    if rep.mismatches:
        lines.append("")
        lines.append("mismatches (file, field, expected, got):")
        for m in rep.mismatches:
            lines.append(f"  {m['file']}\t{m['field']}\texpected={m['expected']}\tgot={m['got']}")
    return "\n".join(lines)


def implemented_fields(name: str) -> bool:
    """Fields docgen predicts (all of LABELS.md's scored fields)."""
    return name in SCALAR_FIELDS or name == "defects"


def evaluate_dir(docs_dir: Path, labels_file: Path, limits: Any = None, models_dir: Path | None = None) -> EvalReport:
    """Parse every labelled document in ``docs_dir`` and score it."""
    from docgen.errors import Rejected
    from docgen.nlp.parse import parse_text
    from docgen.pipeline import analyze, prediction, read_text

    labels = read_labels(labels_file)
    preds: dict[str, dict[str, Any] | None] = {}
    errors: list[dict[str, str]] = []
    for label in labels:
        path = docs_dir / label["file"]
        try:
            j = analyze(parse_text(read_text(path.read_bytes(), path.name, limits)), models_dir)
            preds[label["file"]] = prediction(j, label["file"])
        except (Rejected, OSError) as err:
            errors.append({"file": label["file"], "error": str(err)})
            preds[label["file"]] = None
    rep = score(labels, preds, implemented_fields)
    rep.errors = errors
    return rep
