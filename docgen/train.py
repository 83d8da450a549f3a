"""`docgen train`: retrain the category and 管理领域 models, measure them, write versioned files.

The corpus (``corpus/docs/*.txt`` + ``corpus/labels.jsonl``) is split once, stratified with a
fixed seed; the models are fitted on the training part plus every reviewer's correction and
scored on the held-out part only (model alone, rules alone, and the combination docgen uses), so
no document is ever scored by a model that saw it.  The held-out file names are written to the
sidecar so anyone can check.  ``dev_dir`` (e.g. ../shared/realdata/dev) adds an accuracy on real
labelled judgments (category_alt accepted).
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docgen.errors import DocgenError
from docgen.model import Judgment
from docgen.nlp import category as cat
from docgen.nlp.parse import parse_text

log = logging.getLogger(__name__)

FIELDS = {"category": "category", "domain": "field"}  # task → labels.jsonl field


def load_corpus(corpus_dir: Path) -> list[dict[str, Any]]:
    """Rows of ``labels.jsonl`` with the document text under ``text`` (missing files skipped)."""
    corpus_dir = Path(corpus_dir)
    docs_dir = corpus_dir / "docs" if (corpus_dir / "docs").is_dir() else corpus_dir
    rows = []
    with open(corpus_dir / "labels.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            path = docs_dir / row["file"]
            if not path.exists():
                continue
            row["text"] = path.read_text(encoding="utf-8")
            rows.append(row)
    return rows


def _parse(text: str) -> Judgment | None:
    try:
        return parse_text(text)
    except (DocgenError, ValueError):
        return None


def split(labels: list[str], *, test_size: float = 0.2, seed: int = 0) -> tuple[list[int], list[int]]:
    """Stratified train/test indices; classes too small to split stay in training."""
    from sklearn.model_selection import train_test_split

    counts = Counter(labels)
    splittable = [i for i, y in enumerate(labels) if counts[y] >= 2]
    always_train = [i for i, y in enumerate(labels) if counts[y] < 2]
    if len(splittable) < 4:
        return list(range(len(labels))), []
    ys = [labels[i] for i in splittable]
    n_test = max(len(set(ys)), round(test_size * len(splittable)))
    if n_test >= len(splittable) - len(set(ys)):
        return list(range(len(labels))), []
    tr, te = train_test_split(splittable, test_size=n_test, stratify=ys, random_state=seed)
    return sorted(tr + always_train), sorted(te)


def _accuracy(golds: list[set[str]], preds: list[str | None]) -> float | None:
    if not golds:
        return None
    return round(sum(1 for g, p in zip(golds, preds, strict=True) if p in g) / len(golds), 4)


def _evaluate(task: str, model: cat.TextModel | None, js: list[Judgment | None], texts: list[str],
              golds: list[set[str]]) -> dict[str, Any]:
    by_rules = cat.category_by_rules if task == "category" else cat.domain_by_rules
    classify = cat.classify_category if task == "category" else cat.classify_domain
    rule_preds, combined, model_preds = [], [], []
    for j, t in zip(js, texts, strict=True):
        r = by_rules(j) if j is not None else None
        rule_preds.append(r.label if r else None)
        if j is not None:
            combined.append(classify(j, model=model).label)
        else:
            combined.append(model.predict(t).label if model else None)
        model_preds.append(model.predict(t).label if model else None)
    covered = [i for i, p in enumerate(rule_preds) if p is not None]
    return {
        "n": len(golds),
        "combined_accuracy": _accuracy(golds, combined),
        "model_accuracy": _accuracy(golds, model_preds) if model else None,
        "rules_coverage": round(len(covered) / len(golds), 4) if golds else None,
        "rules_accuracy_where_fired": _accuracy([golds[i] for i in covered], [rule_preds[i] for i in covered]),
        "mismatches": [
            {"expected": sorted(g)[0] if len(g) == 1 else sorted(g), "got": p}
            for g, p in zip(golds, combined, strict=True) if p not in g
        ][:50],
    }


def evaluate_dev(dev_dir: Path, *, models: dict[str, cat.TextModel | None] | None = None) -> dict[str, Any]:
    """Category accuracy on real labelled judgments (category_alt accepted)."""
    dev_dir = Path(dev_dir)
    rows = load_corpus(dev_dir)
    model = (models or {}).get("category", cat._DEFAULT)
    ok, mism = 0, []
    for row in rows:
        j = _parse(row["text"])
        gold = {row.get("category"), *(row.get("category_alt") or [])}
        pred = cat.classify_category(j, model=model) if j is not None else None
        if pred is not None and pred.label in gold:
            ok += 1
        else:
            mism.append({"file": row["file"], "expected": row.get("category"),
                         "got": pred.label if pred else None, "source": pred.source if pred else None})
    return {"n": len(rows), "category_accuracy": round(ok / len(rows), 4) if rows else None, "mismatches": mism}


def train_all(corpus_dir: Path, corrections: Iterable[tuple[str | Judgment, str]] = (),
              out_dir: Path | None = None, *, domain_corrections: Iterable[tuple[str | Judgment, str]] = (),
              seed: int = 0, test_size: float = 0.2, dev_dir: Path | None = None) -> dict[str, Any]:
    """Train and measure both models; write ``category-v{N}`` / ``domain-v{N}`` into ``out_dir``
    (none written when out_dir is None).  Returns the metrics, per task."""
    t0 = time.time()
    rows = load_corpus(Path(corpus_dir))
    js = [_parse(r["text"]) for r in rows]
    texts = [cat.model_text(j) if j is not None else r["text"][: cat.MODEL_TEXT_CHARS] for r, j in zip(rows, js, strict=True)]
    extra = {"category": list(corrections), "domain": list(domain_corrections)}
    report: dict[str, Any] = {"corpus": str(corpus_dir), "documents": len(rows),
                              "unparsed": sum(1 for j in js if j is None)}
    models: dict[str, cat.TextModel | None] = {}
    for task, field_name in FIELDS.items():
        idx = [i for i, r in enumerate(rows) if r.get(field_name)]
        labels = [rows[i][field_name] for i in idx]
        if len(set(labels)) < 2:
            report[task] = {"status": "no labelled data"}
            models[task] = None
            continue
        tr, te = split(labels, test_size=test_size, seed=seed)
        train_texts = [texts[idx[i]] for i in tr] + [cat.text_of(d) for d, _ in extra[task]]
        train_labels = [labels[i] for i in tr] + [y for _, y in extra[task]]
        model = cat.fit_text_model(task, train_texts, train_labels, seed=seed)
        models[task] = model
        alt_field = f"{field_name}_alt"
        golds = [{labels[i], *(rows[idx[i]].get(alt_field) or [])} for i in te]
        metrics = _evaluate(task, model, [js[idx[i]] for i in te], [texts[idx[i]] for i in te], golds)
        metrics.update(n_train=len(tr), n_corrections=len(extra[task]), seed=seed, test_size=test_size)
        entry: dict[str, Any] = {"metrics": metrics}
        if model is not None:
            model.meta["heldout_metrics"] = {k: v for k, v in metrics.items() if k != "mismatches"}
            model.meta["heldout_files"] = sorted(rows[idx[i]]["file"] for i in te)
            model.meta["corpus"] = Path(corpus_dir).name
            if out_dir is not None:
                path = cat.save_model(model, Path(out_dir))
                entry.update(path=str(path), version=model.meta["version"])
        report[task] = entry
    if dev_dir is not None and Path(dev_dir, "labels.jsonl").exists():
        report["dev"] = evaluate_dev(Path(dev_dir), models=models)
    report["seconds"] = round(time.time() - t0, 1)
    cat.clear_cache()
    return report


def main(argv: list[str] | None = None) -> int:
    """``python -m docgen.train [--corpus corpus] [--out docgen/models] [--dev DIR]`` (the CLI's
    ``docgen train`` calls ``train_all`` the same way, adding the reviewers' corrections)."""
    import argparse

    ap = argparse.ArgumentParser(prog="docgen-train", description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=cat.SOURCE_CORPUS)
    ap.add_argument("--out", type=Path, default=None, help="models directory (default: nothing written)")
    ap.add_argument("--dev", type=Path, default=None, help="real labelled judgments to score (labels.jsonl)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    report = train_all(args.corpus, out_dir=args.out, seed=args.seed, dev_dir=args.dev)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
