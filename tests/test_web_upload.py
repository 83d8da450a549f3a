"""上传: files and ZIPs become a background job; every file ends 已入库, 重复 or 拒收 with the reason."""

from __future__ import annotations

import io
import os
import time
import zipfile

import pytest
from conftest import AuthActions, _close_app, _web_config, sample_judgments
from sqlalchemy import select

from docgen.db.models import AuditEntry, Document, IngestBatch, Job
from docgen.ingest.service import DUPLICATE, REJECTED, STORED
from webapp import create_app, db, worker


def make_zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def good_and_bad_zip() -> bytes:
    docs = sample_judgments()
    return make_zip({
        docs[0][0]: docs[0][1].encode("utf-8"),
        docs[4][0]: docs[4][1].encode("gb18030"),  # a GBK text file
        "副本/" + docs[0][0]: docs[0][1].encode("utf-8"),  # same bytes again: 重复
        "空白.txt": b"",
        "会议纪要.txt": "会议纪要：下周二讨论白皮书提纲。".encode(),
        "损坏.docx": b"PK\x03\x04 definitely not a docx",
    })  # fmt: skip


def upload(client, auth, files: list[tuple[bytes, str]]):
    return client.post("/upload/", data={"csrf_token": auth.token(),
                                         "files": [(io.BytesIO(d), n) for d, n in files]},
                       content_type="multipart/form-data")  # fmt: skip


def test_upload_page_has_drag_and_drop_and_a_plain_fallback(client, auth):
    auth.login("clerk")
    page = client.get("/upload/").get_data(as_text=True)
    assert 'type="file" name="files"' in page and "multiple" in page
    assert "把文件拖到这里" in page and "/static/upload.js" in page
    assert client.get("/static/upload.js").status_code == 200
    assert "cdn" not in page.lower() and "https://" not in page


def test_zip_with_good_and_bad_files(app, client, auth):
    auth.login("clerk")
    res = upload(client, auth, [(good_and_bad_zip(), "2023年案件.zip")])
    assert res.status_code == 302
    job_url = res.headers["Location"]
    data = client.get(job_url + ".json").get_json()
    assert data["status"] == "done" and data["finished"] and data["done"] == data["total"] == 6
    by_name = {r["name"].split("/", 1)[1]: r for r in data["results"]}
    assert by_name["2023年/判决1.txt"]["status"] == STORED
    assert by_name["2023年/判决1.txt"]["case_number"] == "（2023）东0102行初45号"
    assert by_name["2022年/二审判决.txt"]["status"] == STORED
    assert by_name["副本/2023年/判决1.txt"]["status"] == DUPLICATE
    assert "相同" in by_name["副本/2023年/判决1.txt"]["message"]
    assert by_name["空白.txt"]["status"] == REJECTED and by_name["空白.txt"]["message"] == "空文件"
    assert by_name["会议纪要.txt"]["status"] == REJECTED and "不是判决书" in by_name["会议纪要.txt"]["message"]
    assert by_name["损坏.docx"]["status"] == REJECTED and by_name["损坏.docx"]["message"]
    assert data["counts"] == {STORED: 2, DUPLICATE: 1, REJECTED: 3}

    page = client.get(job_url).get_data(as_text=True)  # a reload shows the same, server-rendered
    for text in ("已完成", "已入库", "重复", "拒收", "空文件", "不是判决书/裁定书", "（2023）东0102行初45号",
                 "2023年案件.zip/会议纪要.txt"):
        assert text in page, text
    jid = by_name["2023年/判决1.txt"]["judgment_id"]
    assert f'href="/cases/{jid}"' in page
    # polling only sends what is new
    assert client.get(job_url + ".json?since=4").get_json()["results"] == data["results"][4:]

    with app.app_context():
        s = db.session()
        job = s.scalar(select(Job))
        batch = s.get(IngestBatch, job.batch_id)
        assert (batch.status, batch.n_stored, batch.n_duplicate, batch.n_rejected) == ("done", 2, 1, 3)
        assert job.created_by == "lulu"
        entries = {e.action: e for e in s.scalars(select(AuditEntry).where(AuditEntry.username == "lulu"))}
        assert entries["upload"].detail["files"] == [{"name": "2023年案件.zip", "size": len(good_and_bad_zip())}]
        assert entries["ingest_done"].detail == {STORED: 2, DUPLICATE: 1, REJECTED: 3}

    again = upload(client, auth, [(good_and_bad_zip(), "again.zip")])
    data = client.get(again.headers["Location"] + ".json").get_json()
    assert data["counts"] == {STORED: 0, DUPLICATE: 3, REJECTED: 3}


def test_several_files_and_names_are_never_paths(app, client, auth):
    docs = sample_judgments()
    auth.login("admin")
    res = upload(client, auth, [(docs[1][1].encode(), "../../../etc/判决2.txt"),
                                (docs[2][1].encode(), "C:\\Users\\clerk\\判决3.txt")])
    data = client.get(res.headers["Location"] + ".json").get_json()
    assert [r["status"] for r in data["results"]] == [STORED, STORED]
    assert data["results"][0]["name"] == "判决2.txt"
    name = data["results"][1]["name"]  # (the test client drops the backslashes; a browser sends the base name)
    assert name.endswith("判决3.txt") and "/" not in name and "\\" not in name
    # storage is by content hash only: no file anywhere carries the uploaded name
    instance = app.config["INSTANCE_DIR"]
    names = [f for _, _, files in os.walk(os.path.dirname(instance)) for f in files]
    assert not any("判决" in f or "etc" == f for f in names)
    with app.app_context():
        doc = db.session().scalar(select(Document).order_by(Document.id))
        assert doc.original_name == "判决2.txt"
        assert db.blobs().exists(doc.sha256)


def test_no_file_chosen_and_wrong_role(client, auth):
    auth.login("clerk")
    res = client.post("/upload/", data={"csrf_token": auth.token()}, content_type="multipart/form-data")
    assert res.status_code == 200 and "请选择要上传的文件" in res.get_data(as_text=True)
    auth.logout()
    auth.login("reviewer")
    assert upload(client, auth, [(b"x", "a.txt")]).status_code == 403


def test_jobs_are_private_to_their_creator_except_for_admins(app, client, auth):
    auth.login("clerk")
    job_url = upload(client, auth, [(b"", "empty.txt")]).headers["Location"]
    assert client.get("/jobs/").get_data(as_text=True).count("empty.txt") == 1
    auth.logout()
    auth.login("reviewer")
    assert client.get(job_url).status_code == 403
    assert client.get(job_url + ".json").status_code == 403
    assert "empty.txt" not in client.get("/jobs/").get_data(as_text=True)
    auth.logout()
    auth.login("admin")
    assert client.get(job_url).status_code == 200
    assert client.get("/jobs/999").status_code == 404


def _wait(client, url: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        data = client.get(url).get_json()
        if data["finished"]:
            return data
        time.sleep(0.1)
    raise AssertionError(f"job not finished in {timeout}s: {data}")


def test_background_worker_thread_processes_the_upload(tmp_path, web_templates):
    import shutil

    shutil.copytree(web_templates["empty"], tmp_path / "inst")
    app = create_app({**_web_config(tmp_path / "inst"), "JOBS_SYNC": False})
    try:
        client = app.test_client()
        auth = AuthActions(client)
        auth.login("clerk")
        res = upload(client, auth, [(good_and_bad_zip(), "后台.zip")])
        first = client.get(res.headers["Location"] + ".json").get_json()
        assert first["status"] in ("queued", "running", "done")
        page = client.get(res.headers["Location"]).get_data(as_text=True)
        assert "/static/job.js" in page
        data = _wait(client, res.headers["Location"] + ".json")
        assert data["status"] == "done" and data["counts"] == {STORED: 2, DUPLICATE: 1, REJECTED: 3}
    finally:
        _close_app(app)


def test_interrupted_upload_is_resumed_after_a_restart(tmp_path, web_templates):
    """The bytes were stored and two files processed when the server stopped: a new app goes on
    with the rest and nothing is lost or stored twice."""
    import shutil

    shutil.copytree(web_templates["empty"], tmp_path / "inst")
    cfg = _web_config(tmp_path / "inst")
    app = create_app(cfg)
    data = good_and_bad_zip()
    with app.app_context():
        s = db.session()
        sha = db.blobs().put(data)
        job = Job(kind="ingest", status="running", title="中断.zip", params={"files": [
            {"name": "中断.zip", "sha256": sha, "size": len(data)}]}, results=[], done=0, total=6, created_by="lulu")
        s.add(job)
        s.commit()
        job_id = job.id
    # process the first two files, then "crash"
    st = db.state(app)
    real = worker._run_ingest

    class Crash(Exception):
        pass

    calls = {"n": 0}
    from docgen.ingest.service import Ingestor

    orig_item = Ingestor.ingest_item

    def crashing(self, item, batch_id=None):
        calls["n"] += 1
        if calls["n"] > 2:
            raise Crash()
        return orig_item(self, item, batch_id)

    Ingestor.ingest_item = crashing
    orig_flush = worker.FLUSH_SECONDS
    worker.FLUSH_SECONDS = 0
    try:
        with pytest.raises(Crash):
            real(st, job_id)
    finally:
        Ingestor.ingest_item = orig_item
        worker.FLUSH_SECONDS = orig_flush
    with app.app_context():
        job = db.session().get(Job, job_id)
        assert job.status == "running" and len(job.results) == 2
    _close_app(app)

    app2 = create_app({**cfg, "JOBS_SYNC": False, "JOBS_RESUME": True})
    try:
        client = app2.test_client()
        AuthActions(client).login("admin")
        done = _wait(client, f"/jobs/{job_id}.json")
        assert done["counts"] == {STORED: 2, DUPLICATE: 1, REJECTED: 3}
        assert [r["status"] for r in done["results"]].count(STORED) == 2
    finally:
        _close_app(app2)
