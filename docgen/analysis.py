"""Library functions over the stored judgments: retraining and sub-themes.

The CLI (``docgen train``, ``docgen clusters``) and the web front end call these.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from docgen.db import repo, session_scope
from docgen.db.models import Document, Judgment
from docgen.nlp.clusters import ClusterResult, cluster_cases, cluster_text
from docgen.nlp.parse import parse_text


def retrain(engine: Engine, models_dir: Path, *, corpus_dir: Path | None = None, dev_dir: Path | None = None,
            reclassify: bool = True, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """``docgen train``: fit new versions of the category and 管理领域 models (labelled corpus plus
    reviewers' category/field corrections) and of the defect sentence classifier (its sentences
    plus the sentences of reviewers' defect corrections), save them under ``models_dir`` as
    versioned files, then re-analyse the stored judgments with them (corrections still win)."""
    from docgen.corrections import defect_samples, field_samples, training_samples
    from docgen.nlp.category import SOURCE_CORPUS, clear_cache
    from docgen.nlp.defects import train_with_corrections
    from docgen.pipeline import analyze
    from docgen.train import train_all

    with session_scope(engine) as s:
        corrections, fields, sentences = training_samples(s), field_samples(s), defect_samples(s)
    report = train_all(corpus_dir or SOURCE_CORPUS, corrections, models_dir,
                       domain_corrections=fields, dev_dir=dev_dir)
    report["defects"] = train_with_corrections(sentences, models_dir)
    clear_cache()
    if reclassify:
        n = 0
        with session_scope(engine) as s:
            ids = list(s.scalars(select(Judgment.id).order_by(Judgment.id)))
        for jid in ids:
            with session_scope(engine) as s:
                row = s.get(Judgment, jid)
                j = analyze(parse_text(row.document.text), models_dir)
                repo.update_analysis(s, jid, j)
            n += 1
            if progress and n % 500 == 0:
                progress(f"已重新分类 {n}/{len(ids)}")
        report["reclassified"] = n
    return report


def case_clusters(session: Session, *, category: str | None = None, year: int | None = None,
                  court: str | None = None, k: int | None = None, seed: int = 0) -> ClusterResult:
    """Sub-themes of the stored cases of one category (and period): reviewers' corrected
    categories count.  Cluster members are identified by 案号 (else 文书编号)."""
    q = select(Judgment.id, Judgment.case_number, Document.id, Document.text).join(Document)
    if category:
        q = q.where(Judgment.category == category)
    if year:
        q = q.where(Judgment.year == year)
    if court:
        q = q.where(Judgment.court == court)
    items = []
    for _jid, case_number, doc_id, text in session.execute(q.order_by(Judgment.id)):
        ident = case_number or f"文书{doc_id}"
        items.append((ident, cluster_text(parse_text(text))))
    return cluster_cases(items, k=k, seed=seed)
