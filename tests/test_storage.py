"""Storage layer: migrations, repository, transactions (SQLite and PostgreSQL), blob store."""

from __future__ import annotations

import hashlib
import os
import threading
from datetime import UTC, date, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, inspect, select
from sqlalchemy.exc import IntegrityError

from docgen import model as m
from docgen.blobs import BlobCorruptError, BlobStore
from docgen.db import alembic_config, init_db, make_engine, repo, session_scope
from docgen.db.models import Base, Document, IngestBatch, Party, Rejection
from docgen.errors import Rejected

PARSER_VERSION = "test-1"


def sha(data: str | bytes) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def span(text: str, needle: str) -> m.Span:
    start = text.index(needle)
    return m.Span(start, start + len(needle))


def make_judgment(
    case_no: str = "（2019）豫03行初516号", *, day: date | None = date(2020, 3, 5)
) -> m.Judgment:
    """A small but complete first-instance judgment, built by hand."""
    text = (
        "河南省洛阳市中级人民法院\n行政判决书\n"
        f"{case_no}\n"
        "原告张三，男，1970年1月1日出生。\n"
        "被告洛阳市自然资源和规划局，住所地洛阳市。\n"
        "法定代表人李四，局长。\n"
        "出庭负责人王五，副局长。\n"
        "委托代理人钱九，律师。\n"
        "第三人洛阳某某置业有限公司。\n"
        "法定代表人赵六，董事长。\n"
        "本院认为，被诉行政行为违反《中华人民共和国行政诉讼法》第七十条之规定。\n"
        "判决如下：撤销被告作出的洛自然资罚〔2019〕12号行政处罚决定。\n"
        "审判长陈七\n书记员周八\n二〇二〇年三月五日"
    )
    agency_people = [
        m.Person("李四", "法定代表人", "局长", is_head=True, span=span(text, "李四")),
        m.Person("王五", "出庭负责人", "副局长", is_head=True, span=span(text, "王五")),
        m.Person("钱九", "委托代理人", "律师", span=span(text, "钱九")),
    ]
    return m.Judgment(
        text=text,
        title="张三诉洛阳市自然资源和规划局行政处罚一审行政判决书",
        court="河南省洛阳市中级人民法院",
        doc_type="判决书",
        case_number=m.CaseNumber(
            case_no, case_no, int(case_no[1:5]), "豫03", "行初", "516", span=span(text, case_no)
        ),
        procedure="一审",
        parties=[
            m.Party("原告", "原告", "张三", "plaintiff", False, True, span=span(text, "原告张三")),
            m.Party("被告", "被告", "洛阳市自然资源和规划局", "defendant", True, False, agency_people),
            m.Party(
                "第三人",
                "第三人",
                "洛阳某某置业有限公司",
                "third",
                False,
                False,
                [m.Person("赵六", "法定代表人", "董事长")],
            ),
        ],  # fmt: skip
        head_appeared=True,
        head_evidence="出庭负责人王五，副局长。",
        sections=[
            m.Section(
                "本院认为",
                span(text, "本院认为，被诉行政行为违反《中华人民共和国行政诉讼法》第七十条之规定。"),
            )
        ],
        outcome=m.Outcome(
            "撤销", True, "撤销被告作出的洛自然资罚〔2019〕12号行政处罚决定。", alternatives=["部分撤销"]
        ),
        statutes=[m.Statute("中华人民共和国行政诉讼法", 70, raw="《中华人民共和国行政诉讼法》第七十条")],
        judgment_date=day,
        judges=["陈七"],
        clerk="周八",
        warnings=[],
    )


def store(
    session, j: m.Judgment, *, name: str = "2024年/判决1.docx", data: str | None = None, **kw
) -> Document:
    raw = (data or j.text).encode("utf-8")
    args = dict(sha256=sha(raw), original_name=name, fmt="docx", size_bytes=len(raw), encoding=None,
                judgment=j, parser_version=PARSER_VERSION)  # fmt: skip
    args.update(kw)
    return repo.store_judgment(session, **args)


def row_counts(engine) -> dict[str, int]:
    with session_scope(engine) as s:
        return repo.counts(s)


# -- migrations ---------------------------------------------------------------------------------


def test_migrations_apply_and_match_models(db_url):
    init_db(db_url)
    init_db(db_url)  # idempotent
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(ctx, Base.metadata) == []
            heads = ScriptDirectory.from_config(alembic_config()).get_heads()
            assert len(heads) == 1, "migrations must have a single head"
            assert ctx.get_current_heads() == tuple(heads)
        names = set(inspect(engine).get_table_names())
        assert {"documents", "judgments", "parties", "rejections", "ingest_batches"} <= names
        indexed = {ix["column_names"][0] for ix in inspect(engine).get_indexes("judgments")}
        assert {"year", "court", "procedure", "outcome", "category", "case_number"} <= indexed
    finally:
        engine.dispose()


def test_downgrade_then_upgrade_again(db_url):
    init_db(db_url)
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            cfg = alembic_config(db_url)
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    init_db(db_url)
    engine = make_engine(db_url)
    try:
        assert "parties" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_concurrent_init_db_is_serialised(db_url):
    errors: list[BaseException] = []

    def run() -> None:
        try:
            init_db(db_url)
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_heads() == tuple(
                ScriptDirectory.from_config(alembic_config()).get_heads()
            )
    finally:
        engine.dispose()


# -- repository -----------------------------------------------------------------------------------


def test_store_and_read_round_trip(db_engine):
    j = make_judgment()
    with session_scope(db_engine) as s:
        doc = store(s, j, encoding="utf-8", fmt="txt")
    doc_id = doc.id

    with session_scope(db_engine) as s:
        d = s.get(Document, doc_id)
        assert d.original_name == "2024年/判决1.docx"
        assert d.sha256 == sha(j.text) and d.size_bytes == len(j.text.encode())
        assert (d.fmt, d.encoding, d.parser_version) == ("txt", "utf-8", PARSER_VERSION)
        assert d.text == j.text
        assert d.created_at.tzinfo is not None and d.created_at.utcoffset().total_seconds() == 0
        assert abs((datetime.now(UTC) - d.created_at).total_seconds()) < 60
        assert d.batch_id is None

        jr = d.judgment
        assert jr.case_number == "（2019）豫03行初516号"
        assert (jr.case_year, jr.court_code, jr.case_type_code) == (2019, "豫03", "行初")
        assert jr.court == "河南省洛阳市中级人民法院"
        assert (jr.doc_type, jr.procedure, jr.outcome) == ("判决书", "一审", "撤销")
        assert jr.agency_lost is True and jr.head_appeared is True
        assert jr.judgment_date == date(2020, 3, 5) and jr.year == 2020
        assert jr.title == j.title and jr.judges == ["陈七"] and jr.clerk == "周八"
        assert jr.category is None and jr.field is None
        assert jr.parsed == j.to_dict()  # survives the JSON round trip unchanged
        assert jr.parsed["outcome_detail"]["alternatives"] == ["部分撤销"]

        parties = [(p.ordinal, p.role, p.name, p.side, p.is_agency, p.is_person) for p in jr.parties]
        assert parties == [
            (0, "原告", "张三", "plaintiff", False, True),
            (1, "被告", "洛阳市自然资源和规划局", "defendant", True, False),
            (2, "第三人", "洛阳某某置业有限公司", "third", False, False),
        ]
        plaintiff, agency, company = jr.parties
        assert (agency.head_name, agency.head_title, agency.head_appeared) == ("李四", "局长", True)
        assert (company.head_name, company.head_title, company.head_appeared) == ("赵六", "董事长", None)
        assert (plaintiff.head_name, plaintiff.head_appeared) == (None, None)


def test_head_appeared_per_agency(db_engine):
    """Judgment says no head appeared → False for each defendant agency; unknown → None."""
    j = make_judgment()
    j.head_appeared = False
    j.parties[1].people = [m.Person("孙十", "负责人", "主任")]  # no 出庭负责人, no is_head
    j.parties.append(m.Party("被告", "被告", "洛阳市人民政府", "defendant", True, False))
    j2 = make_judgment("（2019）豫03行初517号")
    j2.head_appeared = True
    j2.parties[1].people = []
    j2.parties.append(m.Party("被告", "被告", "洛阳市人民政府", "defendant", True, False))
    with session_scope(db_engine) as s:
        d1, d2 = store(s, j), store(s, j2, data="second")
        p1 = {p.name: (p.head_name, p.head_title, p.head_appeared) for p in d1.judgment.parties}
        p2 = {p.name: p.head_appeared for p in d2.judgment.parties}
    assert p1["洛阳市自然资源和规划局"] == ("孙十", "主任", False)
    assert p1["洛阳市人民政府"] == (None, None, False)
    assert p2["洛阳市自然资源和规划局"] is None  # two agencies, judgment-level "yes": whose head?


def test_duplicate_sha256_rejected_and_found(db_engine):
    j = make_judgment()
    with session_scope(db_engine) as s:
        first = store(s, j)
    with pytest.raises(IntegrityError):
        with session_scope(db_engine) as s:
            store(s, make_judgment("（2020）豫03行初1号"), name="a.zip/x.txt", data=j.text)
    with session_scope(db_engine) as s:
        found = repo.find_document_by_hash(s, sha(j.text))
        assert found is not None and found.id == first.id
        assert found.original_name == "2024年/判决1.docx"
        assert repo.find_document_by_hash(s, sha(j.text).upper()).id == first.id
        assert repo.find_document_by_hash(s, sha("nothing")) is None
    assert row_counts(db_engine)["documents"] == 1
    assert row_counts(db_engine)["judgments"] == 1


def test_rejection_recorded(db_engine):
    data = b"PK\x03\x04broken"
    with session_scope(db_engine) as s:
        r = repo.record_rejection(
            s, original_name="上传/坏包.zip", sha256=sha(data), size_bytes=len(data),
            rejected=Rejected("bad_zip", "中央目录损坏"),
        )  # fmt: skip
        repo.record_rejection(
            s, original_name="空.txt", sha256=None, size_bytes=0, rejected=Rejected("empty")
        )
    with session_scope(db_engine) as s:
        rows = s.scalars(select(Rejection).order_by(Rejection.id)).all()
        assert [(x.code, x.message) for x in rows] == [
            ("bad_zip", "损坏的ZIP压缩包：中央目录损坏"),
            ("empty", "空文件"),
        ]
        assert rows[0].id == r.id and rows[0].original_name == "上传/坏包.zip"
        assert rows[0].sha256 == sha(data) and rows[0].size_bytes == len(data)
        assert rows[1].sha256 is None
        assert rows[0].created_at.tzinfo is not None
    assert row_counts(db_engine)["documents"] == 0


def test_batch_counts(db_engine):
    with session_scope(db_engine) as s:
        batch_id = repo.start_batch(s, "/srv/上传/2024").id
    j = make_judgment()
    with session_scope(db_engine) as s:
        store(s, j, batch_id=batch_id)
    with session_scope(db_engine) as s:
        repo.record_rejection(s, original_name="副本.docx", sha256=sha(j.text), size_bytes=1,
                              rejected=Rejected("duplicate"), batch_id=batch_id)  # fmt: skip
        repo.record_rejection(s, original_name="x.exe", sha256=None, size_bytes=3,
                              rejected=Rejected("unsupported", ".exe"), batch_id=batch_id)  # fmt: skip
    with session_scope(db_engine) as s:
        running = s.get(IngestBatch, batch_id)
        assert running.status == "running" and running.finished_at is None
        b = repo.finish_batch(s, batch_id)
    assert (b.n_stored, b.n_duplicate, b.n_rejected, b.status) == (1, 1, 1, "done")
    assert b.finished_at is not None and b.finished_at >= b.started_at
    with session_scope(db_engine) as s:
        with pytest.raises(ValueError):
            repo.finish_batch(s, batch_id, status="weird")
        with pytest.raises(LookupError):
            repo.finish_batch(s, batch_id + 1000)
        assert s.get(IngestBatch, batch_id).documents[0].original_name == "2024年/判决1.docx"


class Boom(RuntimeError):
    pass


@pytest.mark.parametrize("failure", ["database_error", "python_error", "caller_error"])
def test_failure_midway_leaves_nothing(db_engine, monkeypatch, failure):
    with session_scope(db_engine) as s:  # an earlier, committed document must survive
        store(s, make_judgment("（2018）豫03行初1号"), name="earlier.docx", data="earlier")

    statements: list[str] = []

    def log(conn, cursor, statement, *args):
        statements.append(statement.split(None, 3)[:3])

    event.listen(db_engine, "before_cursor_execute", log)
    j = make_judgment()
    expected: type[BaseException] = Boom
    if failure == "database_error":
        j.parties[2].name = None  # NOT NULL violation when the Party rows are inserted
        expected = IntegrityError
    elif failure == "python_error":

        def explode(*a, **kw):
            raise Boom("after the Document insert")

        monkeypatch.setattr(repo, "_party_row", explode)
    try:
        with pytest.raises(expected):
            with session_scope(db_engine) as s:
                store(s, j)
                raise Boom("caller fails after store_judgment")
    finally:
        event.remove(db_engine, "before_cursor_execute", log)
    assert ["INSERT", "INTO", "documents"] in statements, "the Document row must have been written"

    assert {k: v for k, v in row_counts(db_engine).items() if k != "batches"} == {
        "documents": 1, "judgments": 1, "parties": 3, "rejections": 0,
    }  # fmt: skip
    with session_scope(db_engine) as s:
        assert repo.find_document_by_hash(s, sha(j.text)) is None
        assert repo.find_document_by_hash(s, sha("earlier")).original_name == "earlier.docx"


def test_foreign_keys_and_cascade(db_engine):
    with pytest.raises(IntegrityError):
        with session_scope(db_engine) as s:
            s.add(Party(judgment_id=999_999, ordinal=0, role="原告", role_raw="原告", name="x",
                        side="plaintiff", is_agency=False, is_person=True))  # fmt: skip
    with session_scope(db_engine) as s:
        doc_id = store(s, make_judgment()).id
    with session_scope(db_engine) as s:
        s.delete(s.get(Document, doc_id))
    assert row_counts(db_engine) == {
        "documents": 0,
        "judgments": 0,
        "parties": 0,
        "rejections": 0,
        "batches": 0,
    }


def test_list_judgments_and_counts(db_engine):
    with session_scope(db_engine) as s:
        store(s, make_judgment("（2019）豫03行初3号", day=date(2020, 5, 1)), data="a")
        store(s, make_judgment("（2019）豫03行初2号", day=date(2020, 1, 2)), data="b")
        store(s, make_judgment("（2021）豫03行初9号", day=None), data="c")  # year from case number
        other = make_judgment("（2020）豫0302行初7号", day=date(2020, 8, 8))
        other.court, other.procedure = "洛阳市老城区人民法院", "一审"
        other.outcome = m.Outcome("驳回诉讼请求", False, "驳回原告张三的诉讼请求。")
        store(s, other, data="d")
    with session_scope(db_engine) as s:
        assert [x.case_number for x in repo.list_judgments(s, 2020)] == [
            "（2019）豫03行初2号", "（2019）豫03行初3号", "（2020）豫0302行初7号",
        ]  # fmt: skip
        assert [x.year for x in repo.list_judgments(s)] == [2020, 2020, 2020, 2021]
        assert repo.list_judgments(s)[-1].judgment_date is None  # undated last
        assert [x.outcome for x in repo.list_judgments(s, court="洛阳市老城区人民法院")] == ["驳回诉讼请求"]
        assert len(repo.list_judgments(s, year=2020, court="河南省洛阳市中级人民法院", outcome="撤销")) == 2
        assert len(repo.list_judgments(s, agency_lost=False)) == 1
        assert len(repo.list_judgments(s, procedure="二审")) == 0
        page = repo.list_judgments(s, limit=2, offset=1)
        assert [x.case_number for x in page] == ["（2019）豫03行初3号", "（2020）豫0302行初7号"]
        first = repo.list_judgments(s, limit=1)[0]
        assert first.parties[1].name == "洛阳市自然资源和规划局"
        assert first.document.original_name == "2024年/判决1.docx"
        assert repo.counts(s) == {
            "documents": 4,
            "judgments": 4,
            "parties": 12,
            "rejections": 0,
            "batches": 0,
        }


def test_nul_characters_are_storable(db_engine):
    """PostgreSQL refuses NUL in text; it is replaced by U+FFFD so spans stay valid."""
    j = make_judgment()
    j.text = j.text.replace("行政判决书", "行政\x00判决书")
    j.parties[0].name = "张\x00三"
    with session_scope(db_engine) as s:
        doc = store(s, j, name="坏\x00名.txt")
    with session_scope(db_engine) as s:
        d = s.get(Document, doc.id)
        assert len(d.text) == len(j.text) and "\x00" not in d.text and "\ufffd" in d.text
        assert d.judgment.parties[0].name == "张\ufffd三"


def test_invalid_sha256_refused(db_engine):
    with session_scope(db_engine) as s:
        with pytest.raises(ValueError):
            store(s, make_judgment(), sha256="../../etc/passwd")
        with pytest.raises(ValueError):
            repo.find_document_by_hash(s, "abc")


def test_naive_datetime_refused(db_engine):
    with pytest.raises(Exception, match="naive datetime"):
        with session_scope(db_engine) as s:
            s.add(IngestBatch(source="x", started_at=datetime(2024, 1, 1)))
            s.flush()


# -- SQLite specifics ---------------------------------------------------------------------------


def test_sqlite_engine_settings(tmp_path):
    path = tmp_path / "新建目录" / "深" / "docgen.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    try:
        assert path.parent.is_dir()  # created by make_engine
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        engine.dispose()
    init_db(f"sqlite:///{path}")
    assert (path.parent / "docgen.sqlite3-wal").exists() or path.exists()
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:  # settings restored after migrating
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()


def test_sqlite_json_keeps_chinese_readable(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    init_db(url)
    engine = make_engine(url)
    try:
        with session_scope(engine) as s:
            store(s, make_judgment())
        with engine.connect() as conn:
            raw = conn.exec_driver_sql("SELECT judges, parsed FROM judgments").one()
        assert raw[0] == '["陈七"]' and "洛阳市自然资源和规划局" in raw[1]
    finally:
        engine.dispose()


# -- blob store ---------------------------------------------------------------------------------


def test_blob_put_get_layout(tmp_path):
    store_ = BlobStore(tmp_path / "originals")
    data = "判决书原件".encode() * 100
    h = store_.put(data)
    assert h == hashlib.sha256(data).hexdigest()
    assert store_.path(h) == tmp_path / "originals" / h[:2] / h[2:4] / h
    assert store_.exists(h) and store_.get(h) == data
    assert not store_.exists(sha("other"))
    with pytest.raises(FileNotFoundError):
        store_.get(sha("other"))
    empty = store_.put(b"")
    assert store_.get(empty) == b""


def test_blob_put_is_idempotent_and_never_rewrites(tmp_path, monkeypatch):
    store_ = BlobStore(tmp_path)
    h = store_.put(b"original bytes")
    before = os.stat(store_.path(h))

    def no_write(*a, **kw):  # a second put of the same content must not touch the disk
        raise AssertionError("rewrote an existing blob")

    monkeypatch.setattr(os, "replace", no_write)
    assert store_.put(b"original bytes") == h
    after = os.stat(store_.path(h))
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (
        before.st_ino,
        before.st_mtime_ns,
        before.st_size,
    )
    assert not os.access(store_.path(h), os.W_OK) or os.geteuid() == 0  # read-only file
    assert sorted(p.name for p in store_.path(h).parent.iterdir()) == [h]


def test_blob_put_is_atomic(tmp_path, monkeypatch):
    store_ = BlobStore(tmp_path)

    def crash(src, dst):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated"):
        store_.put(b"half written")
    monkeypatch.undo()
    h = sha(b"half written")
    assert not store_.exists(h)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []  # temp file cleaned up
    assert store_.put(b"half written") == h and store_.get(h) == b"half written"


def test_blob_rejects_bad_hash_and_detects_corruption(tmp_path):
    store_ = BlobStore(tmp_path)
    for bad in ("../../etc/passwd", "ABC", sha("x").upper(), sha("x") + "0"):
        with pytest.raises(ValueError):
            store_.path(bad)
    h = store_.put(b"good")
    p = store_.path(h)
    os.chmod(p, 0o644)
    p.write_bytes(b"evil")
    with pytest.raises(BlobCorruptError):
        store_.get(h)
    assert store_.get(h, verify=False) == b"evil"


def test_blob_concurrent_puts(tmp_path):
    store_ = BlobStore(tmp_path)
    data = os.urandom(256 * 1024)
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(store_.put(data))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(results) == {hashlib.sha256(data).hexdigest()}
    assert store_.get(results[0]) == data
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [results[0]]
