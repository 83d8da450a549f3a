"""The anonymiser collects every person of the stored judgments, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib

from samples import FIRST_INSTANCE

from docgen.db import repo, session_scope
from docgen.documents.anonymize import Anonymizer
from docgen.nlp.parse import parse_text


def test_people_of_stored_judgments_are_masked(db_engine) -> None:
    j = parse_text(FIRST_INSTANCE)
    with session_scope(db_engine) as s:
        doc = repo.store_judgment(s, sha256=hashlib.sha256(FIRST_INSTANCE.encode()).hexdigest(),
                                  original_name="a.txt", fmt="txt", size_bytes=1, encoding="utf-8",
                                  judgment=j, parser_version="1")
        jid = doc.judgment.id
    with session_scope(db_engine) as s:
        anon = Anonymizer.from_session(s, [jid])
    # plaintiff, 委托代理人 (only in the stored parse), agency head, judges and clerk
    for name in ("周明远", "吴清", "孙建华", "郑涛", "李文静", "黄小梅"):
        assert name in anon.names, name
    assert "东川市临江区市场监督管理局" not in anon.names
