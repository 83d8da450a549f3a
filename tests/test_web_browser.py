"""The whole job in a real browser: headless Chromium (Debian's) driven by Playwright.

A clerk logs in and uploads a ZIP, the page shows the background job finishing; a reviewer
corrects findings on a case page, generates a 司法建议书 and downloads it; an administrator reads
the audit log.  A screenshot of every page goes to /tmp/screens (DOCGEN_SCREENS to change).

Skipped, with the reason, when Playwright or /usr/bin/chromium is missing
(``scripts/setup-browser.sh`` installs the browser; the Makefile's test target runs it).
"""

from __future__ import annotations

import io
import os
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from conftest import WEB_PASSWORD, WEB_USERS, _close_app, _web_config, sample_judgments

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--lang=zh-CN"]  # fmt: skip
SCREENS = Path(os.environ.get("DOCGEN_SCREENS", "/tmp/screens"))
AGENCY = "东川市临江区市场监督管理局"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None


pytestmark = [
    pytest.mark.skipif(sync_playwright is None, reason="Playwright 未安装（pip install playwright）"),
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="未找到 /usr/bin/chromium（以 root 运行 scripts/setup-browser.sh 安装 Debian 的 chromium）"),
]


def upload_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in sample_judgments():
            z.writestr(name, text.encode("utf-8"))
        z.writestr("重复/判决1.txt", sample_judgments()[0][1].encode("utf-8"))
        z.writestr("会议纪要.txt", "会议纪要：下周二讨论白皮书提纲。".encode())
        z.writestr("扫描件.pdf", b"%PDF-1.4 broken")
    return buf.getvalue()


@pytest.fixture
def live_server(tmp_path, web_templates):
    from werkzeug.serving import make_server

    from webapp import create_app

    shutil.copytree(web_templates["empty"], tmp_path / "instance")
    app = create_app({**_web_config(tmp_path / "instance"), "TESTING": False, "JOBS_SYNC": False})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)
        _close_app(app)


@pytest.fixture
def browser_page(tmp_path):
    SCREENS.mkdir(parents=True, exist_ok=True)
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS, accept_downloads=True,
            viewport={"width": 1400, "height": 900}, locale="zh-CN")
        context.set_default_timeout(30_000)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        # (the one 403 is the clerk's deliberate visit to the documents page)
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" and "403" not in msg.text
                else None)
        try:
            yield page, errors
        finally:
            context.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)


def login(page, base: str, role: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", WEB_USERS[role])
    page.fill("input[name=password]", WEB_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def logout(page) -> None:
    page.click("header form button")
    page.wait_for_url("**/login")


def test_the_whole_job_in_a_browser(live_server, browser_page, tmp_path):
    import docx

    page, errors = browser_page
    base = live_server

    page.goto(f"{base}/cases/")
    page.wait_for_url("**/login?next=**")
    shot(page, "01-login")

    # 录入员: upload a ZIP, watch the job finish
    login(page, base, "clerk")
    shot(page, "02-home-clerk")
    page.click("nav a:has-text('上传')")
    (tmp_path / "upload").mkdir()
    zpath = tmp_path / "upload" / "2023年度案件.zip"
    zpath.write_bytes(upload_zip())
    page.set_input_files("#files", str(zpath))
    assert "2023年度案件.zip" in page.inner_text("#chosen")
    shot(page, "03-upload")
    page.click("#submit")
    page.wait_for_url("**/jobs/*")
    shot(page, "04a-job-started")  # queued or running: the page updates itself
    page.wait_for_selector("#job-status .st-done", timeout=90_000)
    assert page.inner_text("#n-stored") == "6"
    assert page.inner_text("#n-dup") == "1"
    assert page.inner_text("#n-rej") == "2"
    assert "不是判决书/裁定书" in page.inner_text("#results")
    shot(page, "04-job-done")
    page.reload()  # the page survives a reload
    assert page.inner_text("#n-stored") == "6" and page.locator("#results tbody tr").count() == 9
    page.goto(f"{base}/documents/")
    assert "没有权限" in page.inner_text("main")
    shot(page, "05-forbidden")
    logout(page)

    # 审核人: review and correct a case
    login(page, base, "reviewer")
    page.click("nav a:has-text('案件')")
    assert "共 6 件" in page.inner_text("h1")
    shot(page, "06-cases")
    page.select_option("select[name=year]", "2023")
    page.click(".filters button[type=submit]")
    assert "共 4 件" in page.inner_text("h1")
    page.click("a:has-text('（2023）东0102行初48号')")
    page.wait_for_selector("#doctext mark.hl")
    shot(page, "07-case")
    page.click(".finding-list button:has-text('删除此瑕疵')")
    page.wait_for_selector(".flash-info")
    assert "已更正删除瑕疵" in page.inner_text(".flash-info")
    # select the court's sentence in the text, take it over and add a defect
    page.evaluate("""() => {
        const body = [...document.querySelectorAll('.sec')].find(s => s.textContent.includes('本院认为'));
        const node = [...body.querySelectorAll('.sec-body')][0];
        const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
        let t; while ((t = walker.nextNode())) { if (t.data.includes('违反法定程序')) break; }
        const i = t.data.indexOf('被告在作出');
        const start = i >= 0 ? i : 0;
        const range = document.createRange();
        range.setStart(t, start); range.setEnd(t, t.data.indexOf('。', start) + 1);
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    }""")
    page.click("#use-selection")
    assert "违反法定程序" in page.input_value("#sentence")
    page.select_option("#add-defect select[name=code]", "PROCEDURE")
    page.click("#add-defect button[type=submit]")
    page.wait_for_selector(".flash-info")
    assert "已更正添加瑕疵" in page.inner_text(".flash-info")
    page.select_option("form:has(input[value=category]) select[name=value]", "行政许可")
    page.click("form:has(input[value=category]) button")
    page.wait_for_selector(".flash-info")
    history = page.inner_text(".history")
    assert "shen" in history and "行政许可" in history and "删除瑕疵" in history
    shot(page, "08-case-corrected")

    page.click("nav a:has-text('统计')")
    page.wait_for_selector("svg.chart")
    assert "行政机关败诉率" in page.inner_text("main")
    shot(page, "09-stats")
    page.click("nav a:has-text('聚类')")
    page.select_option(".filters select[name=year]", "")  # all years
    page.click(".filters button[type=submit]")
    page.wait_for_selector(".cluster")
    assert "5 件" in page.inner_text("main")
    shot(page, "10-clusters")

    # 审核人: generate a 司法建议书 and download it
    page.click("nav a:has-text('文书')")
    if "文书生成模块未安装" in page.inner_text("main"):
        shot(page, "11-documents-missing")
        pytest.skip("文书生成模块 docgen.documents 未安装：浏览器测试到生成文书为止")
    page.select_option("form[data-autosubmit] select[name=year]", "2023")  # reloads with 2023's targets
    page.wait_for_url("**/documents/?year=2023**")
    shot(page, "11-documents")
    page.select_option("#gen-suggestion select[name=agency]", AGENCY)
    page.click("#gen-suggestion button[type=submit]")
    page.wait_for_url("**/jobs/*")
    page.wait_for_selector("#draft-box:not([hidden])", timeout=90_000)
    shot(page, "12-generated")
    with page.expect_download() as info:
        page.click("#draft-download")
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    saved = tmp_path / "download.docx"
    download.save_as(saved)
    d = docx.Document(str(saved))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "司法建议书" in text and AGENCY in text

    # 版本: upload the edited DOCX back and compare
    d.add_paragraph("研究室补充：请于两个月内书面回复。")
    edited = tmp_path / "upload" / "司法建议书（修改稿）.docx"
    d.save(str(edited))
    page.click("#draft-link")
    page.set_input_files("#version-form input[type=file]", str(edited))
    page.fill("#version-form input[name=note]", "按庭长意见修改")
    page.click("#version-form button[type=submit]")
    page.wait_for_selector(".flash-info")
    assert "第 2 版" in page.inner_text(".flash-info")
    shot(page, "13-versions")
    page.click("button:has-text('查看差异')")
    page.wait_for_selector(".diff")
    assert "研究室补充" in page.inner_text(".diff")
    shot(page, "14-diff")
    logout(page)

    # 管理员: users, settings and the audit log
    login(page, base, "admin")
    page.click("nav a:has-text('管理')")
    shot(page, "15-admin-users")
    page.click(".tabs a:has-text('设置')")
    shot(page, "16-admin-settings")
    page.click(".tabs a:has-text('审计日志')")
    log = page.inner_text("table.audit")
    for action in ("上传裁判文书", "导入完成", "更正", "生成文书", "下载", "上传文书新版本", "登录"):
        assert action in log, action
    shot(page, "17-audit")
    assert not errors, errors
