"""Drafts and their versions; the persistent 法建 number counter.

Nothing here commits: the caller's transaction decides (a number drawn in a transaction that
rolls back was never issued, so it is not a gap anyone saw).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from docgen.blobs import BlobStore
from docgen.config import Limits
from docgen.db.models import DocumentNumber, Draft, DraftVersion
from docgen.documents.config import DocumentError
from docgen.errors import Rejected

__all__ = ["add_version", "docx_text", "next_number", "record_draft", "safe_filename", "version_diff"]

_BAD_CHARS = re.compile(r"[\\/:*?\"<>|\x00-\x1f]+")


def safe_filename(name: str, default: str = "文书.docx") -> str:
    """A file name without path parts or characters Windows refuses."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _BAD_CHARS.sub("_", base).strip(" .")
    return base[:150] or default


def next_number(session: Session, prefix: str, year: int) -> int:
    """Issue the next number for (prefix, year): atomic ``UPDATE … SET last_number = last_number + 1``
    (the row is locked until the transaction ends on PostgreSQL; SQLite serialises writers), the
    row created on first use.  Numbers are never handed out twice."""
    for _ in range(3):
        stmt = (
            update(DocumentNumber)
            .where(DocumentNumber.prefix == prefix, DocumentNumber.year == year)
            .values(last_number=DocumentNumber.last_number + 1)
            .returning(DocumentNumber.last_number)
        )
        got = session.execute(stmt, execution_options={"synchronize_session": False}).scalar_one_or_none()
        if got is not None:
            return int(got)
        try:
            with session.begin_nested():
                session.add(DocumentNumber(prefix=prefix, year=year, last_number=1))
                session.flush()
            return 1
        except IntegrityError:  # created meanwhile by a concurrent transaction: increment it
            continue
    raise DocumentError("无法取得司法建议书编号（编号计数器被占用），请稍后重试")


def docx_text(data: bytes, filename: str = "draft.docx", limits: Limits | None = None) -> str:
    """Plain text of a DOCX (body paragraphs and table rows) via the ingest readers, which
    check the container safely (sizes, zip bombs, XML entities); raises DocumentError."""
    from docgen.ingest.readers import detect_format, extract_text

    limits = limits or Limits()
    try:
        fmt = detect_format(data, filename)
    except Rejected as rej:
        raise DocumentError(f"上传的文件无法读取：{rej.message}") from rej
    if fmt != "docx":
        raise DocumentError(f"上传的文件不是Word文档（DOCX），而是 {fmt} 格式；请在Word或WPS中另存为DOCX后上传")
    try:
        return extract_text(data, filename, limits).text
    except Rejected as rej:
        raise DocumentError(f"上传的Word文档无法读取：{rej.message}") from rej


def record_draft(session: Session, blobs: BlobStore, *, kind: str, title: str, number: str | None,
                 court: str | None, agency: str | None, year: int | None, params: dict[str, Any],
                 created_by: str | None, data: bytes, filename: str) -> tuple[Draft, DraftVersion]:
    """Store the DOCX in the blob store and record Draft + version 1 (flushed, not committed)."""
    sha = blobs.put(data)
    draft = Draft(kind=kind, title=title, number=number, court=court, agency=agency, year=year, params=params,
                  created_by=created_by)
    version = DraftVersion(version=1, sha256=sha, filename=safe_filename(filename), size_bytes=len(data),
                           text=docx_text(data, filename), source="generated", created_by=created_by)
    draft.versions.append(version)
    session.add(draft)
    session.flush()
    return draft, version


def add_version(session: Session, blobs: BlobStore, draft_id: int, data: bytes, filename: str, *,
                created_by: str, note: str | None = None) -> DraftVersion:
    """A reviewer's edited DOCX uploaded back: validated, stored, next version number."""
    if not isinstance(created_by, str) or not created_by.strip():
        raise DocumentError("请写明上传人（created_by）")
    draft = session.scalars(select(Draft).where(Draft.id == draft_id).with_for_update()).one_or_none()
    if draft is None:
        raise DocumentError(f"未找到编号为 {draft_id} 的草稿")
    limits = Limits()
    if not data:
        raise DocumentError("上传的文件是空的")
    if len(data) > limits.max_file_bytes:
        raise DocumentError(f"上传的文件过大（{len(data) / 1024 / 1024:.1f} MB，上限 {limits.max_file_bytes // 1024 // 1024} MB）")
    name = safe_filename(filename or "", default=f"{draft.title}.docx")
    text = docx_text(data, name, limits)
    sha = blobs.put(data)
    last = session.scalar(select(func.max(DraftVersion.version)).where(DraftVersion.draft_id == draft.id)) or 0
    version = DraftVersion(draft_id=draft.id, version=last + 1, sha256=sha, filename=name,
                           size_bytes=len(data), text=text, source="uploaded", created_by=created_by.strip(),
                           note=note.strip() if note and note.strip() else None)  # fmt: skip
    session.add(version)
    session.flush()
    return version


def version_diff(session: Session, draft_id: int, a: int, b: int) -> list[str]:
    """Unified diff (one line per paragraph) from version ``a`` to version ``b``."""
    rows = {v.version: v for v in session.scalars(
        select(DraftVersion).where(DraftVersion.draft_id == draft_id, DraftVersion.version.in_((a, b)))
    )}  # fmt: skip
    for n in (a, b):
        if n not in rows:
            raise DocumentError(f"草稿 {draft_id} 没有第 {n} 版")
    va, vb = rows[a], rows[b]
    return list(difflib.unified_diff(
        va.text.splitlines(), vb.text.splitlines(),
        fromfile=f"第{a}版（{va.filename}）", tofile=f"第{b}版（{vb.filename}）", lineterm="", n=1,
    ))  # fmt: skip


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
