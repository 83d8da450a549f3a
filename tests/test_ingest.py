"""Ingestion end to end: every file ends stored, duplicate or rejected with a Chinese reason,
originals are kept unmodified, and a failure while storing leaves no half-written rows."""

from __future__ import annotations

import hashlib
from pathlib import Path

import fixtures_make as fx
import pytest
from samples import APPEAL, FIRST_INSTANCE, NON_LITIGATION
from sqlalchemy import func, select

from docgen.blobs import BlobStore
from docgen.config import Limits
from docgen.db import repo, session_scope
from docgen.db.models import Document, IngestBatch, Judgment, Party, Rejection
from docgen.ingest.service import DUPLICATE, REJECTED, STORED, Ingestor


@pytest.fixture
def ingestor(db_engine, tmp_path: Path) -> Ingestor:
    return Ingestor(db_engine, BlobStore(tmp_path / "blobs"), Limits(max_file_bytes=5 * 1024 * 1024))


def _count(engine, model) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_a_folder_of_good_and_bad_files(ingestor: Ingestor, tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "子目录").mkdir(parents=True)
    (d / "一审.txt").write_text(FIRST_INSTANCE, encoding="utf-8-sig")
    (d / "子目录" / "二审.txt").write_bytes(APPEAL.encode("gb18030"))
    (d / "非诉.docx").write_bytes(fx.make_docx(NON_LITIGATION.splitlines()))
    (d / "坏.docx").write_bytes(fx.make_corrupt_docx())
    (d / "空.txt").write_bytes(b"")
    (d / "扫描件.pdf").write_bytes(fx.make_scanned_pdf())
    (d / "炸弹.zip").write_bytes(fx.make_zip_bomb(200))
    (d / "实体.docx").write_bytes(fx.make_xml_entity_docx())
    (d / "大.txt").write_bytes(b"x" * (6 * 1024 * 1024))
    (d / "菜单.txt").write_text("今日菜单：米饭、青菜。", encoding="utf-8")
    (d / "旧版.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)

    report = ingestor.ingest_paths([d])
    by_name = {Path(r.name).name: r for r in report.results}
    assert {n for n, r in by_name.items() if r.status == STORED} == {"一审.txt", "二审.txt", "非诉.docx"}
    expected = {
        "坏.docx": "损坏的DOCX", "空.txt": "空文件", "扫描件.pdf": "无文字层，需先OCR",
        "炸弹.zip": "压缩炸弹", "实体.docx": "不安全的XML", "大.txt": "超过大小上限",
        "菜单.txt": "不是判决书/裁定书", "旧版.doc": "DOCX",
    }
    for name, words in expected.items():
        r = by_name[name]
        assert r.status == REJECTED, (name, r)
        assert words in r.message, (name, r.message)
    # every file is accounted for: three stored, the rest rejected and recorded
    assert _count(ingestor.engine, Document) == 3
    assert _count(ingestor.engine, Judgment) == 3
    assert _count(ingestor.engine, Rejection) == len(expected)
    with session_scope(ingestor.engine) as s:
        batch = s.get(IngestBatch, report.batch_id)
        assert (batch.status, batch.n_stored, batch.n_rejected) == ("done", 3, len(expected))
        messages = {r.original_name: r.message for r in s.scalars(select(Rejection))}
        assert all(messages.values())


def test_zip_with_gbk_names_dedupe_and_originals_kept(ingestor: Ingestor) -> None:
    first = FIRST_INSTANCE.encode("utf-8")
    data = fx.make_zip({"2023年/一审判决.txt": first, "2023年/二审判决.txt": APPEAL.encode("gbk"),
                        "2023年/重复件.txt": first})
    report = ingestor.ingest_upload("年度案件.zip", data)
    statuses = {r.name: r.status for r in report.results}
    assert statuses == {"年度案件.zip/2023年/一审判决.txt": STORED, "年度案件.zip/2023年/二审判决.txt": STORED,
                        "年度案件.zip/2023年/重复件.txt": DUPLICATE}
    # the original bytes are kept, content-addressed, unmodified
    sha = hashlib.sha256(first).hexdigest()
    assert ingestor.blobs.get(sha) == first
    # the same archive again: nothing new is stored
    again = ingestor.ingest_upload("年度案件（副本）.zip", data)
    assert [r.status for r in again.results] == [DUPLICATE] * 3
    assert _count(ingestor.engine, Document) == 2


def test_upload_over_the_limit_is_rejected_without_reading(ingestor: Ingestor) -> None:
    report = ingestor.ingest_upload("巨大.zip", b"PK" + b"\0" * (6 * 1024 * 1024))
    assert [r.status for r in report.results] == [REJECTED]
    assert "超过大小上限" in report.results[0].message


def test_failure_while_storing_leaves_nothing_half_written(ingestor: Ingestor, monkeypatch) -> None:
    real = repo.store_judgment

    def broken(session, **kw):
        real(session, **kw)  # Document, Judgment and Party rows are flushed …
        raise RuntimeError("disk full")  # … then the transaction dies

    monkeypatch.setattr(repo, "store_judgment", broken)
    with pytest.raises(RuntimeError):
        ingestor.ingest_upload("一审.txt", FIRST_INSTANCE.encode("utf-8"))
    assert _count(ingestor.engine, Document) == 0
    assert _count(ingestor.engine, Judgment) == 0
    assert _count(ingestor.engine, Party) == 0


def test_parser_bug_keeps_the_file_and_records_it(ingestor: Ingestor, monkeypatch) -> None:
    import docgen.ingest.service as service

    def boom(_text: str):
        raise ValueError("unexpected")

    monkeypatch.setattr(service, "parse_text", boom)
    data = FIRST_INSTANCE.encode("utf-8")
    report = ingestor.ingest_upload("一审.txt", data)
    assert report.results[0].status == REJECTED and report.results[0].code == "parse_failed"
    assert ingestor.blobs.get(hashlib.sha256(data).hexdigest()) == data


def test_reparse_restores_facts_from_the_kept_original_and_keeps_corrections(ingestor: Ingestor) -> None:
    from docgen.corrections import correct

    report = ingestor.ingest_upload("一审.txt", FIRST_INSTANCE.encode("utf-8"))
    doc_id = report.results[0].document_id
    with session_scope(ingestor.engine) as s:
        doc = s.get(Document, doc_id)
        doc.parser_version = "0"  # parsed by an older parser …
        doc.judgment.court = "错误的法院"  # … that got the court wrong
        correct(s, doc.judgment.id, "head_appeared", False, reviewer="审核人甲")
    assert ingestor.reparse() == {"reparsed": 1, "failed": 0}
    assert ingestor.reparse() == {"reparsed": 0, "failed": 0}  # nothing outdated any more
    with session_scope(ingestor.engine) as s:
        row = s.get(Document, doc_id).judgment
        assert row.court == "东川市临江区人民法院"
        assert row.head_appeared is False  # the reviewer's correction still wins
        assert row.parsed["head_appeared"] is True  # the prediction is kept beside it
