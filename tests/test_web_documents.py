"""文书: generation as a background job, DOCX download, versions and diffs; and the page when the
documents package is missing."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from docgen.db.models import AuditEntry, Draft, DraftVersion
from webapp import db, documents, worker

AGENCY = "东川市临江区市场监督管理局"


def needs_documents() -> None:
    if worker.documents_api() is None:
        pytest.skip("文书生成模块 docgen.documents 未安装（或缺少所需函数）")


def generate(client, auth, data: dict) -> dict:
    res = auth.post("/documents/generate", data)
    assert res.status_code == 302 and res.headers["Location"].startswith("/jobs/"), res.get_data(as_text=True)
    job = client.get(res.headers["Location"] + ".json").get_json()
    assert job["status"] == "done", job
    return job


def docx_text(data: bytes) -> str:
    import docx

    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        parts += [c.text for row in t.rows for c in row.cells]
    return "\n".join(parts)


@pytest.mark.loaded
def test_documents_page_lists_targets(client, auth):
    needs_documents()
    auth.login("reviewer")
    page = client.get("/documents/?year=2023").get_data(as_text=True)
    assert "司法建议书" in page and "行政诉讼风险提示函" in page and "行政审判白皮书" in page
    assert f'<option value="{AGENCY}">{AGENCY} — ' in page  # a suggestion target: 4 cases, same defect
    assert "还没有生成过文书" in page
    assert 'name="chapters" value="1"' in page


@pytest.mark.loaded
def test_generate_suggestion_download_and_audit(app, client, auth):
    needs_documents()
    auth.login("reviewer")
    job = generate(client, auth, {"kind": "suggestion", "year": "2023", "agency": AGENCY, "min_count": "2"})
    draft_id = job["draft_id"]
    page = client.get(f"/jobs/{job['id']}").get_data(as_text=True)
    assert "下载 DOCX" in page and f"/documents/{draft_id}/download" in page
    res = client.get(f"/documents/{draft_id}/download")
    assert res.status_code == 200 and res.mimetype.endswith("wordprocessingml.document")
    cd = res.headers["Content-Disposition"]
    assert "attachment" in cd and "filename*=UTF-8''" in cd and ".docx" in cd
    text = docx_text(res.get_data())
    assert "司法建议书" in text and AGENCY in text
    listing = client.get("/documents/?year=2023").get_data(as_text=True)
    assert f'href="/documents/{draft_id}"' in listing
    with app.app_context():
        s = db.session()
        draft = s.get(Draft, draft_id)
        assert draft.kind == "suggestion" and draft.created_by == "shen"
        actions = [(e.username, e.action) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
        assert ("shen", "generate") in actions and ("shen", "generated") in actions and ("shen", "download") in actions


@pytest.mark.loaded
def test_generate_risk_alert_and_whitepaper(client, auth):
    needs_documents()
    auth.login("admin")
    job = generate(client, auth, {"kind": "risk_alert", "year": "2023", "agency_other": AGENCY})
    text = docx_text(client.get(f"/documents/{job['draft_id']}/download").get_data())
    assert "风险提示函" in text
    job = generate(client, auth, {"kind": "whitepaper", "year": "2023", "chapters": ["1", "3"], "compare": "auto"})
    text = docx_text(client.get(f"/documents/{job['draft_id']}/download").get_data())
    assert "基本情况" in text and "白皮书" in text


@pytest.mark.loaded
def test_generation_errors_are_shown_in_chinese(client, auth):
    needs_documents()
    auth.login("reviewer")
    res = auth.post("/documents/generate", {"kind": "suggestion", "year": "2023"})
    assert "请选择或填写行政机关" in client.get(res.headers["Location"]).get_data(as_text=True)
    res = auth.post("/documents/generate", {"kind": "suggestion", "year": "2023", "agency_other": "不存在的机关"})
    job = client.get(res.headers["Location"] + ".json").get_json()
    assert job["status"] == "failed" and job["error"].startswith("未能生成")
    assert re.search(r"[\u4e00-\u9fff]", job["error"])
    assert auth.post("/documents/generate", {"kind": "poem", "year": "2023"}).status_code == 400


@pytest.mark.loaded
def test_versions_upload_list_diff_and_latest_download(app, client, auth):
    needs_documents()
    import docx

    auth.login("reviewer")
    draft_id = generate(client, auth, {"kind": "suggestion", "year": "2023", "agency": AGENCY})["draft_id"]
    original = client.get(f"/documents/{draft_id}/download").get_data()
    edited = docx.Document(io.BytesIO(original))
    edited.add_paragraph("研究室补充：建议于三个月内完成整改并书面回复。")
    buf = io.BytesIO()
    edited.save(buf)
    res = client.post(f"/documents/{draft_id}/versions", data={
        "csrf_token": auth.token(), "note": "庭长意见", "file": (io.BytesIO(buf.getvalue()), "司法建议书（修改）.docx")},
        content_type="multipart/form-data")  # fmt: skip
    assert res.status_code == 302
    page = client.get(f"/documents/{draft_id}").get_data(as_text=True)
    assert "已保存为第 2 版" in page and "审核人上传" in page and "庭长意见" in page and "司法建议书（修改）.docx" in page
    assert "下载最新版（第 2 版）" in page
    latest = client.get(f"/documents/{draft_id}/download")
    assert "研究室补充" in docx_text(latest.get_data())
    assert "研究室补充" not in docx_text(client.get(f"/documents/{draft_id}/versions/1/download").get_data())
    diff = client.get(f"/documents/{draft_id}/diff?a=1&b=2").get_data(as_text=True)
    assert '<div class="d-ins"><span class="mk">＋</span>研究室补充' in diff and "原第 " in diff
    assert client.get(f"/documents/{draft_id}/diff").status_code == 200  # defaults: the last two
    assert client.get(f"/documents/{draft_id}/diff?a=1&b=9").status_code == 404
    assert client.get(f"/documents/{draft_id}/versions/9/download").status_code == 404

    # not a DOCX: refused with a reason, nothing stored
    for name, data, message in (("说明.txt", b"hello", "只接受 Word 的 DOCX 文件"),
                                ("假的.docx", b"not a zip at all", "未能保存新版本：")):
        res = client.post(f"/documents/{draft_id}/versions", data={
            "csrf_token": auth.token(), "file": (io.BytesIO(data), name)}, content_type="multipart/form-data")
        assert message in client.get(res.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        s = db.session()
        versions = list(s.scalars(select(DraftVersion).where(DraftVersion.draft_id == draft_id)))
        assert [(v.version, v.source, v.created_by) for v in versions] == [(1, "generated", "shen"), (2, "uploaded", "shen")]
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "version_upload"))
        assert entry.username == "shen" and entry.target == f"文书 {draft_id} 第2版"


@pytest.mark.loaded
def test_missing_documents_package_is_reported_clearly(app, client, auth, monkeypatch):
    monkeypatch.setattr(worker, "documents_api", lambda: None)
    monkeypatch.setattr(documents, "documents_api", lambda: None)
    auth.login("reviewer")
    page = client.get("/documents/").get_data(as_text=True)
    assert "文书生成模块未安装" in page
    res = auth.post("/documents/generate", {"kind": "suggestion", "year": "2023", "agency": AGENCY})
    assert res.status_code == 302
    assert "文书生成模块未安装" in client.get(res.headers["Location"]).get_data(as_text=True)
    # a job queued before the package went missing fails with the same message
    with app.test_request_context():
        from flask import g

        from webapp.auth import CurrentUser

        g.user = CurrentUser(2, "shen", "reviewer")
        job = worker.start_generate("whitepaper", {"year": 2023}, "shen", "2023年度行政审判白皮书")
        job_id = job.id
    data = client.get(f"/jobs/{job_id}.json").get_json()
    assert data["status"] == "failed" and "文书生成模块未安装" in data["error"]
