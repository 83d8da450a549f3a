"""``docgen batch``: parallel ingest with ordered writes, resuming after Ctrl-C / kill -9, the
dask engine, the drafts stage (with a stand-in documents module, and with the real one when it
is there) and the index.

The inputs are a generated corpus (corpus/generate.py) plus a ZIP, a duplicate and files that
must be rejected.  "Same result" means: the same documents with the same ids, names, hashes and
parse results, the same rejections, the same statistics, the same index rows and drafts.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import types
import zipfile
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from docgen import batch as B
from docgen.batch_engines import InlineEngine
from docgen.blobs import BlobStore
from docgen.config import Limits, Settings
from docgen.db import init_db, make_engine, session_scope
from docgen.db.models import Document, DocumentNumber, Draft, DraftVersion, IngestBatch, Judgment, Rejection
from docgen.ingest.service import DUPLICATE, REJECTED, STORED, Ingestor

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2023
N_FOLDER, N_ZIP = 80, 15


def _generate(n: int, seed: int) -> list[tuple[str, str, dict]]:
    spec = importlib.util.spec_from_file_location("docgen_test_corpus_generate", ROOT / "corpus" / "generate.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = mod  # type: ignore[union-attr]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod.generate(n, seed)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of generated judgments, a ZIP of more, a duplicate, and three files to reject."""
    root = tmp_path_factory.mktemp("batch-inputs")
    docs = _generate(N_FOLDER + N_ZIP, seed=11)
    folder = root / "年度"
    (folder / "一批").mkdir(parents=True)
    for name, text, _ in docs[:N_FOLDER]:
        (folder / "一批" / name).write_text(text, encoding="utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text, _ in docs[N_FOLDER:]:
            zf.writestr(f"补充/{name}", text.encode("gb18030"))
    (folder / "补充.zip").write_bytes(buf.getvalue())
    (folder / "副本.txt").write_text(docs[0][1], encoding="utf-8")  # same bytes as 一批/0001.txt
    (folder / "空.txt").write_bytes(b"")
    (folder / "纪要.txt").write_text("会议纪要：下周二讨论白皮书提纲。", encoding="utf-8")
    return folder


def _settings(root: Path) -> Settings:
    inst = root / "instance"
    return Settings(instance_dir=inst, database_url=f"sqlite:///{inst / 'docgen.sqlite3'}",
                    blob_dir=inst / "originals", limits=Limits())


def _options(inputs: Path, out: Path, **kw: Any) -> B.BatchOptions:
    kw.setdefault("workers", 0)
    kw.setdefault("drafts", False)
    return B.BatchOptions(inputs=[inputs], year=YEAR, out=out, progress=False, **kw)


def snapshot(settings: Settings) -> dict[str, Any]:
    """Everything the ingest stage decides, in database order."""
    engine = make_engine(settings.database_url)
    try:
        with session_scope(engine) as s:
            docs = [tuple(r) for r in s.execute(select(Document.id, Document.sha256, Document.original_name,
                                                       Document.batch_id).order_by(Document.id))]
            parsed = [r.parsed for r in s.scalars(select(Judgment).order_by(Judgment.document_id))]
            rejections = [tuple(r) for r in s.execute(select(Rejection.original_name, Rejection.code,
                                                             Rejection.message, Rejection.batch_id)
                                                      .order_by(Rejection.id))]
            batches = [tuple(r) for r in s.execute(select(IngestBatch.id, IngestBatch.status, IngestBatch.n_stored,
                                                          IngestBatch.n_duplicate, IngestBatch.n_rejected))]
    finally:
        engine.dispose()
    return {"documents": docs, "parsed": parsed, "rejections": rejections, "batches": batches}


def _outputs(out: Path) -> dict[str, Any]:
    return {"index": (out / "index.csv").read_text(encoding="utf-8-sig"),
            "statistics": json.loads((out / "statistics.json").read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def reference(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An uninterrupted run, parsing in this process (``--workers 0``) one document at a time,
    as ``docgen ingest`` does (the other runs parse chunks, with the models primed per chunk)."""
    root = tmp_path_factory.mktemp("batch-reference")
    settings = _settings(root)
    result = B.run_batch(settings, _options(inputs, root / "out", chunk=1))
    return {"settings": settings, "result": result, "snapshot": snapshot(settings),
            "outputs": _outputs(root / "out"), "root": root, "inputs": inputs}


# -- ingest -------------------------------------------------------------------------------------------------


def test_reference_run_accounts_for_every_input(reference: dict[str, Any]) -> None:
    r: B.BatchResult = reference["result"]
    assert (r.stored, r.duplicates, r.rejected) == (N_FOLDER + N_ZIP, 1, 2)
    assert r.reasons == {"空文件": 1, "不是判决书/裁定书": 1}
    snap = reference["snapshot"]
    names = [d[2] for d in snap["documents"]]
    # written in input order: folder walk in name order, then the ZIP's members
    assert names[0].endswith("一批/0001.txt") and names[N_FOLDER].endswith(f"补充.zip/补充/{N_FOLDER + 1:04d}.txt")
    assert names == sorted(names[:N_FOLDER]) + names[N_FOLDER:]
    dup = [x for x in snap["rejections"] if x[1] == "duplicate"]
    assert len(dup) == 1 and dup[0][0].endswith("副本.txt") and "0001.txt" in dup[0][2]
    assert snap["batches"] == [(1, "done", N_FOLDER + N_ZIP, 1, 2)]
    state = json.loads((reference["root"] / "out" / B.STATE_FILE).read_text(encoding="utf-8"))
    assert state["ingest"]["batch_id"] == 1 and state["summary"]["stored"] == N_FOLDER + N_ZIP
    assert any("拒收原因 空文件: 1" in line for line in r.summary_lines())
    assert B.estimate_inputs([reference["inputs"]]) == N_FOLDER + N_ZIP + 3  # for the progress bar


def test_rerun_skips_what_is_done_and_changes_nothing(inputs: Path, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    some = tmp_path / "some"
    some.mkdir()
    files = sorted((inputs / "一批").iterdir())[:6]
    for f in files:
        (some / f.name).write_bytes(f.read_bytes())
    (some / "空.txt").write_bytes(b"")
    first = B.run_batch(settings, _options(some, tmp_path / "out"))
    before = snapshot(settings)
    again = B.run_batch(settings, _options(some, tmp_path / "out"))
    assert again.seen == {B.RESUMED: 7}
    assert snapshot(settings) == before
    assert (again.stored, again.rejected) == (first.stored, first.rejected) == (6, 1)
    # a new file in the same folder: only it is processed, in the same ingest batch
    (some / "新.txt").write_bytes(files[0].read_bytes() + "\n补正。".encode())
    third = B.run_batch(settings, _options(some, tmp_path / "out"))
    assert third.seen[STORED] == 1 and third.seen[B.RESUMED] == 7 and third.batch_id == first.batch_id
    # a batch into another folder: documents stored before are duplicates, as with docgen ingest
    other = B.run_batch(settings, _options(some, tmp_path / "out2"))
    assert other.batch_id != first.batch_id and other.seen[DUPLICATE] == 7 and other.seen[REJECTED] == 1


@dataclass
class _FlakyEngine:
    """Runs chunks in this process; a chunk holding ``poison`` fails like a killed worker would,
    and ``flaky`` fails only the first time."""

    poison: str
    flaky: str
    workers: int = 2
    chunk: int = 3
    calls: list[list[str]] = field(default_factory=list)
    recovered: int = 0

    def submit(self, chunk):  # noqa: ANN001, ANN201
        names = [n for n, _ in chunk]
        self.calls.append(names)
        fut: Future = Future()
        if any(self.poison in n for n in names) or (
                any(self.flaky in n for n in names) and sum(self.flaky in x for c in self.calls for x in c) == 1):
            fut.set_exception(BrokenProcessPool("a worker died"))
        else:
            fut.set_result(InlineEngine(Limits(), None).submit(chunk).result())
        return fut

    def recover(self) -> None:
        self.recovered += 1

    def close(self, *, cancel: bool = False) -> None:
        pass


def test_a_dead_worker_costs_one_document_not_the_batch(inputs: Path, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    init_db(settings.database_url)
    ing = Ingestor(make_engine(settings.database_url), BlobStore(settings.blob_dir))
    with session_scope(ing.engine) as s:
        from docgen.db import repo

        batch_id = repo.start_batch(s, source="test").id
    engine = _FlakyEngine(poison="0005.txt", flaky="0002.txt")
    results = []
    items = list(B.iter_paths([inputs / "一批"], Limits()))[:10]
    B.OrderedIngest(ing, engine, batch_id, B.Counter(), results.append).run(items)
    by_name = {Path(r.name).name: r for r in results}
    assert [Path(r.name).name for r in results] == [Path(i.name).name for i in items]  # in order
    assert by_name["0005.txt"].status == REJECTED and by_name["0005.txt"].code == "parse_failed"
    assert "BrokenProcessPool" in by_name["0005.txt"].message
    assert sum(r.status == STORED for r in results) == 9  # 0002.txt went through on its second try
    assert ing.blobs.exists(by_name["0005.txt"].sha256)  # the original is kept for a later reparse
    assert ["0005.txt" in n for n in engine.calls[-1]].count(True) <= 1
    ing.engine.dispose()


# -- kill -9 and rerun ----------------------------------------------------------------------------------


def _cli(args: list[str], instance: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("DOCGEN_DATABASE_URL", "DOCGEN_BLOB_DIR")}
    env["DOCGEN_INSTANCE"] = str(instance)
    return subprocess.Popen([sys.executable, "-m", "docgen.cli_batch", "batch", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _count_documents(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_kill_9_mid_ingest_then_rerun_gives_the_uninterrupted_result(inputs: Path, reference: dict[str, Any],
                                                                      tmp_path: Path) -> None:
    """One worker process, killed (the parent, kill -9) mid-ingest; rerun with two worker
    processes: the database and outputs equal those of the uninterrupted in-process run."""
    inst, out = tmp_path / "instance", tmp_path / "out"
    args = [str(inputs), "--year", str(YEAR), "--out", str(out), "--no-drafts"]
    proc = _cli(args + ["--workers", "1"], inst)
    deadline = time.monotonic() + 90
    try:
        while _count_documents(inst / "docgen.sqlite3") < 25:
            assert proc.poll() is None, f"the batch ended before it could be killed: {proc.communicate()}"
            assert time.monotonic() < deadline, "no progress"
            time.sleep(0.05)
        workers = _children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    killed_at = _count_documents(inst / "docgen.sqlite3")
    assert 25 <= killed_at < N_FOLDER + N_ZIP
    # the orphaned worker processes notice and leave
    gone_by = time.monotonic() + 15
    while any(_alive(p) for p in workers) and time.monotonic() < gone_by:
        time.sleep(0.1)
    left = [p for p in workers if _alive(p)]
    for p in left:
        os.kill(p, signal.SIGKILL)
    assert not left, "worker processes outlived the killed batch"

    rerun = _cli(args + ["--workers", "2", "--chunk", "3"], inst)
    stdout, stderr = rerun.communicate(timeout=180)
    assert rerun.returncode == 0, stderr
    assert "此前已处理" in stdout
    settings = Settings(instance_dir=inst, database_url=f"sqlite:///{inst / 'docgen.sqlite3'}",
                        blob_dir=inst / "originals")
    assert snapshot(settings) == reference["snapshot"]
    assert _outputs(out) == reference["outputs"]


# -- dask ---------------------------------------------------------------------------------------------------


def test_dask_engine_on_a_local_cluster(inputs: Path, reference: dict[str, Any], tmp_path: Path) -> None:
    """As in production: a running cluster (here a LocalCluster of two worker processes) reached
    through its scheduler address."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        settings = _settings(tmp_path)
        result = B.run_batch(settings, _options(inputs, tmp_path / "out", engine="dask", workers=2, chunk=16,
                                                scheduler=cluster.scheduler_address))
    assert result.seen[STORED] == N_FOLDER + N_ZIP
    assert snapshot(settings) == reference["snapshot"]
    assert _outputs(tmp_path / "out") == reference["outputs"]


def test_dask_engine_starts_its_own_cluster_without_a_scheduler(inputs: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    some = tmp_path / "in"
    some.mkdir()
    for f in sorted((inputs / "一批").iterdir())[:3]:
        (some / f.name).write_bytes(f.read_bytes())
    result = B.run_batch(_settings(tmp_path), _options(some, tmp_path / "out", engine="dask", workers=1))
    assert result.seen[STORED] == 3


# -- drafts (a stand-in for docgen.documents, with the same API) ---------------------------------------------


@dataclass
class _Target:
    agency: str
    code: str
    count: int
    cases: list[str]


@dataclass
class _RiskTarget:
    agency: str
    risks: list[Any]


@dataclass
class _Generated:
    path: Path
    title: str
    number: str | None
    kind: str
    claims: list[str]
    draft_id: int


def _fake_documents(log: list[str]) -> types.ModuleType:
    """Targets: the three agencies with most cases; numbers from the persistent counter, in the
    caller's transaction; the DOCX stand-in is a text file, also kept in the blob store."""
    from docgen.db.models import Party

    def agencies(session, year):  # noqa: ANN001, ANN202
        rows = session.execute(select(Party.agency_name, func.count(Party.id)).join(Judgment)
                               .where(Judgment.year == year, Party.agency_name.is_not(None), Party.side == "defendant")
                               .group_by(Party.agency_name).order_by(func.count(Party.id).desc(), Party.agency_name)
                               .limit(3)).all()
        return [(a, n) for a, n in rows]

    def suggestion_targets(session, *, year, court=None, min_count=3):  # noqa: ANN001, ANN202
        # as the real one: one target per (agency, defect); the first agency has two defects
        out = [_Target(a, "PROCEDURE", n, [f"{a}案{i}" for i in range(n)]) for a, n in agencies(session, year)
               if n >= min_count]
        if out:
            a = out[0].agency
            out.append(_Target(a, "EVIDENCE", 2, [f"{a}案0", f"{a}案99"]))
        return out

    def risk_targets(session, *, year, court=None, thresholds=None):  # noqa: ANN001, ANN202
        return [_RiskTarget(a, [types.SimpleNamespace(cases=[f"案{i}" for i in range(n)])])
                for a, n in agencies(session, year)[:2]]

    def _make(session, blobs, out_dir, kind, agency, year, number, created_by):  # noqa: ANN001, ANN202
        title = f"关于{agency or '全市'}的{B.KIND_NAMES[kind]}"
        body = f"{title}\n{number or ''}\n"
        path = Path(out_dir) / f"{B.KIND_NAMES[kind]}-{agency or year}.txt"
        path.write_text(body, encoding="utf-8")
        sha = blobs.put(body.encode())
        d = Draft(kind=kind, title=title, number=number, agency=agency or None, year=year, created_by=created_by)
        d.versions.append(DraftVersion(version=1, sha256=sha, filename=path.name, size_bytes=len(body.encode()),
                                       text=body))
        session.add(d)
        session.flush()
        log.append(f"{kind}:{agency}:{number}")
        return _Generated(path, title, number, kind, ["论点一", "论点二"], d.id)

    def generate_suggestion(session, blobs, out_dir, *, agency, year, court=None, min_count=2,  # noqa: ANN001, ANN202
                            created_by=None):
        counter = session.scalar(select(DocumentNumber).where(DocumentNumber.prefix == "东法建",
                                                              DocumentNumber.year == year))
        if counter is None:
            counter = DocumentNumber(prefix="东法建", year=year, last_number=0)
            session.add(counter)
        counter.last_number += 1
        return _make(session, blobs, out_dir, "suggestion", agency, year, f"东法建〔{year}〕{counter.last_number}号",
                     created_by)

    def generate_risk_alert(session, blobs, out_dir, *, agency, year, court=None, created_by=None):  # noqa: ANN001, ANN202
        return _make(session, blobs, out_dir, "risk_alert", agency, year, None, created_by)

    def generate_whitepaper(session, blobs, out_dir, *, year, chapters=None, court=None, compare_to="auto",  # noqa: ANN001, ANN202
                            created_by=None):
        return _make(session, blobs, out_dir, "whitepaper", "", year, None, created_by)

    mod = types.ModuleType("fake_documents")
    for fn in (suggestion_targets, risk_targets, generate_suggestion, generate_risk_alert, generate_whitepaper):
        setattr(mod, fn.__name__, fn)
    return mod


def _numbers(settings: Settings) -> list[str | None]:
    engine = make_engine(settings.database_url)
    try:
        with session_scope(engine) as s:
            return list(s.scalars(select(Draft.number).where(Draft.kind == "suggestion").order_by(Draft.id)))
    finally:
        engine.dispose()


def _copy_db(src: Settings, root: Path) -> Settings:
    """A copy of the reference database and blobs: the drafts tests need stored judgments only."""
    import shutil

    dst = _settings(root)
    shutil.copytree(src.instance_dir, dst.instance_dir)
    return dst


def test_drafts_resume_without_reissuing_numbers(reference: dict[str, Any], inputs: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    generated: list[str] = []
    monkeypatch.setattr(B, "documents_api", lambda: _fake_documents(generated))
    opts = dict(drafts=True, min_count=1)

    # uninterrupted, for comparison
    clean = _copy_db(reference["settings"], tmp_path / "clean")
    full = B.run_batch(clean, _options(inputs, tmp_path / "clean" / "out", **opts))
    kinds = [r.kind for r in full.drafts]
    assert kinds == ["司法建议书"] * 3 + ["风险提示函"] * 2 + ["白皮书"]
    assert [r.number for r in full.drafts[:3]] == [f"东法建〔{YEAR}〕{i}号" for i in (1, 2, 3)]
    assert all(r.claims == 2 and r.cases for r in full.drafts)
    engine = make_engine(clean.database_url)
    with session_scope(engine) as s:
        targets = _fake_documents([]).suggestion_targets(s, year=YEAR, min_count=1)
    engine.dispose()
    assert len(targets) == 4 and targets[0].agency == targets[-1].agency  # two defects, one 司法建议书
    assert full.drafts[0].cases == targets[0].count + 1  # both defects' cases, each case once
    clean_index = (tmp_path / "clean" / "out" / "index.csv").read_text(encoding="utf-8-sig")

    # crash 1: right after the state names the second 司法建议书, before its transaction commits
    settings = _copy_db(reference["settings"], tmp_path / "crashy")
    out = tmp_path / "crashy" / "out"
    real_save = B.State.save

    def dying_save(self: B.State) -> None:
        real_save(self)
        if len(self.drafts) == 2:
            raise KeyboardInterrupt  # as good as kill -9 here: nothing after this line runs

    monkeypatch.setattr(B.State, "save", dying_save)
    with pytest.raises(KeyboardInterrupt):
        B.run_batch(settings, _options(inputs, out, **opts))
    monkeypatch.setattr(B.State, "save", real_save)
    assert _numbers(settings) == [f"东法建〔{YEAR}〕1号"]  # the second rolled back, counter too

    # rerun to the end
    generated.clear()
    resumed = B.run_batch(settings, _options(inputs, out, **opts))
    assert generated[0] == f"suggestion:{full.drafts[1].agency}:东法建〔{YEAR}〕2号"  # same number, reissued
    assert (out / "index.csv").read_text(encoding="utf-8-sig") == clean_index
    assert _numbers(settings) == [f"东法建〔{YEAR}〕{i}号" for i in (1, 2, 3)]
    assert resumed.drafts_kept == 1 and resumed.drafts_new == 5

    # rerun: everything kept, nothing generated, no number issued
    generated.clear()
    again = B.run_batch(settings, _options(inputs, out, **opts))
    assert generated == [] and again.drafts_kept == 6
    # a lost file comes back from the blob store, byte for byte
    lost = out / full.drafts[0].path
    content = lost.read_bytes()
    lost.unlink()
    B.run_batch(settings, _options(inputs, out, **opts))
    assert generated == [] and lost.read_bytes() == content
    assert _numbers(settings) == [f"东法建〔{YEAR}〕{i}号" for i in (1, 2, 3)]
    assert not (out / ".staging").exists()

    # new inputs (another document): the drafts are made again, with new numbers
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "新.txt").write_bytes((inputs / "一批" / "0003.txt").read_bytes() + b"\n")
    B.run_batch(settings, B.BatchOptions(inputs=[extra], year=YEAR, out=out, progress=False, workers=0, **opts))
    assert len(generated) == 6 and _numbers(settings)[-1] == f"东法建〔{YEAR}〕6号"


def test_index_csv_and_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    rows = [B.IndexRow("东川市临江区市场监督管理局", "司法建议书", "关于规范行政处罚程序的司法建议", "东法建〔2023〕1号",
                       "司法建议书/a.docx", 3, 7),
            B.IndexRow("", "白皮书", "2023年度行政审判白皮书", "", "白皮书/w.docx", None, 120)]
    B.write_index(tmp_path, rows)
    with open(tmp_path / "index.csv", encoding="utf-8-sig", newline="") as fh:
        got = list(csv.reader(fh))
    assert got[0] == list(B.INDEX_FIELDS)
    assert got[1] == ["东川市临江区市场监督管理局", "司法建议书", "关于规范行政处罚程序的司法建议", "东法建〔2023〕1号",
                      "司法建议书/a.docx", "3", "7"]
    ws = load_workbook(tmp_path / "index.xlsx").active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0] == list(B.INDEX_HEADERS)
    assert values[1][5:] == [3, 7] and values[2][5] is None
    assert not list(tmp_path.glob(".*tmp*"))


def test_cli_summary_and_options(inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import click
    from click.testing import CliRunner

    from docgen.cli import main
    from docgen.cli_batch import register

    if "batch" not in main.commands:
        register(main)
    assert isinstance(main.commands["batch"], click.Command)
    monkeypatch.delenv("DOCGEN_DATABASE_URL", raising=False)
    monkeypatch.delenv("DOCGEN_BLOB_DIR", raising=False)
    monkeypatch.setenv("DOCGEN_INSTANCE", str(tmp_path / "instance"))
    some = tmp_path / "in"
    some.mkdir()
    for f in sorted((inputs / "一批").iterdir())[:3]:
        (some / f.name).write_bytes(f.read_bytes())
    (some / "空.txt").write_bytes(b"")
    runner = CliRunner()
    res = runner.invoke(main, ["batch", str(some), "--year", str(YEAR), "--out", str(tmp_path / "out"),
                               "--workers", "0", "--no-drafts"])
    assert res.exit_code == 0, res.output
    assert "已入库 3，重复 0，拒收 1" in res.output and "拒收原因 空文件: 1" in res.output
    res = runner.invoke(main, ["batch", str(some), "--year", str(YEAR), "--out", str(tmp_path / "out"),
                               "--workers", "0", "--no-drafts", "--json"])
    data = json.loads(res.output.strip().splitlines()[-1])
    assert data["stored"] == 3 and data["seen"] == {B.RESUMED: 4}
    bad = runner.invoke(main, ["batch", str(some), "--year", str(YEAR), "--out", str(tmp_path / "o"),
                               "--scheduler", "tcp://127.0.0.1:1"])
    assert bad.exit_code == 2 and "--engine dask" in bad.output


# -- drafts with the real docgen.documents ----------------------------------------------------------------


def _real_documents() -> Any:
    try:
        return B.documents_api()
    except ImportError as err:
        pytest.skip(f"docgen.documents not usable yet: {err}")


def test_real_drafts_and_rerun(reference: dict[str, Any], inputs: Path, tmp_path: Path) -> None:
    _real_documents()
    settings = _copy_db(reference["settings"], tmp_path / "real")
    out = tmp_path / "real" / "out"
    first = B.run_batch(settings, _options(inputs, out, drafts=True))
    kinds = {r.kind for r in first.drafts}
    assert "白皮书" in kinds and first.drafts_skipped is None
    for r in first.drafts:
        assert (out / r.path).is_file(), r
    numbers = _numbers(settings)
    again = B.run_batch(settings, _options(inputs, out, drafts=True))
    assert again.drafts_new == 0 and again.drafts_kept == len(first.drafts)
    assert _numbers(settings) == numbers
    assert B.index_rows(out / "index.csv") == [
        {k: "" if v is None else str(v) for k, v in zip(B.INDEX_FIELDS, r.values(), strict=True)}
        for r in first.drafts]


def _draft_texts(out: Path) -> dict[str, str]:
    from docgen.documents.drafts import docx_text

    rows = B.index_rows(out / "index.csv")
    return {r["path"]: docx_text((out / r["path"]).read_bytes(), r["path"]) for r in rows}


def test_kill_9_mid_drafts_then_rerun_issues_no_number_twice(reference: dict[str, Any], inputs: Path,
                                                              tmp_path: Path) -> None:
    _real_documents()
    # uninterrupted
    clean = _copy_db(reference["settings"], tmp_path / "clean")
    full = B.run_batch(clean, _options(inputs, tmp_path / "clean" / "out", drafts=True, min_count=1))
    assert len(full.drafts) >= 3 and any(r.number for r in full.drafts)
    # killed while drafting, then rerun
    crashy = _copy_db(reference["settings"], tmp_path / "crashy")
    out = tmp_path / "crashy" / "out"
    args = [str(inputs), "--year", str(YEAR), "--out", str(out), "--workers", "0", "--min-count", "1"]
    proc = _cli(args, crashy.instance_dir)
    deadline = time.monotonic() + 90
    try:
        while True:
            try:
                written = len(json.loads((out / B.STATE_FILE).read_text(encoding="utf-8")).get("drafts", {}))
            except (OSError, ValueError):
                written = 0
            if written >= 2:
                break
            assert proc.poll() is None, f"the batch ended before it could be killed: {proc.communicate()}"
            assert time.monotonic() < deadline, "no progress"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    state = json.loads((out / B.STATE_FILE).read_text(encoding="utf-8"))
    assert len(state["drafts"]) < len(full.drafts), "killed too late"
    rerun = _cli(args, crashy.instance_dir)
    stdout, stderr = rerun.communicate(timeout=180)
    assert rerun.returncode == 0, stderr
    assert (out / "index.csv").read_text(encoding="utf-8-sig") == \
        (tmp_path / "clean" / "out" / "index.csv").read_text(encoding="utf-8-sig")
    assert _draft_texts(out) == _draft_texts(tmp_path / "clean" / "out")
    assert _numbers(crashy) == _numbers(clean)  # no number issued twice, none skipped
    assert not (out / ".staging").exists()


def test_batch_on_each_database(db_url: str, inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ingest (with a worker-free engine), resume, and drafts with issued numbers, on SQLite and PostgreSQL."""
    generated: list[str] = []
    monkeypatch.setattr(B, "documents_api", lambda: _fake_documents(generated))
    some = tmp_path / "in"
    some.mkdir()
    for f in sorted((inputs / "一批").iterdir())[:12]:
        (some / f.name).write_bytes(f.read_bytes())
    (some / "副本.txt").write_bytes((inputs / "一批" / "0001.txt").read_bytes())
    settings = Settings(instance_dir=tmp_path / "instance", database_url=db_url, blob_dir=tmp_path / "blobs")
    first = B.run_batch(settings, _options(some, tmp_path / "out", drafts=True, min_count=1, chunk=4))
    assert (first.stored, first.duplicates, first.rejected) == (12, 1, 0)
    assert first.drafts_new == len(first.drafts) > 1
    again = B.run_batch(settings, _options(some, tmp_path / "out", drafts=True, min_count=1))
    assert again.seen == {B.RESUMED: 13} and again.drafts_kept == len(first.drafts) and again.drafts_new == 0
    assert [r.number for r in again.drafts] == [r.number for r in first.drafts]
