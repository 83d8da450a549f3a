"""案件: list filters, sort and paging (50,000 rows), the marked text, corrections with who/when."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, insert, select, text

from docgen.db.models import AuditEntry, Correction, Document, Finding, Judgment
from webapp import caselist, db
from webapp.render import Mark, marked_text
from webapp.worker import display_name


def ids_on_page(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'<td class="nowrap"><a href="/cases/(\d+)">', html)]


def judgment_id(app, case_number: str) -> int:
    with app.app_context():
        return db.session().scalar(select(Judgment.id).where(Judgment.case_number == case_number))


@pytest.mark.loaded
def test_case_list_filters_and_sorts(client, auth, app):
    auth.login("clerk")
    page = client.get("/cases/").get_data(as_text=True)
    assert "共 6 件" in page
    assert "东川市临江区市场监督管理局" in page and "未告知或未听取陈述、申辩" in page
    checks = {
        "year=2023": 4, "year=2022": 1, "court=东川市中级人民法院": 1, "category=行政处罚": None,
        "outcome=撤销": 4, "defect=NO_STATEMENT": 5, "head=yes": 4, "head=unknown": None,
        "agency=东川市临江区市场监督管理局": 4, "agency=东川市临江区市场监督管理局（以下简称临江区市场监管局）": 4,
        "q=行初46": 1, "year=2023&defect=NO_STATEMENT&head=yes": 4, "year=1999": 0,
    }
    for query, expected in checks.items():
        html = client.get(f"/cases/?{query}").get_data(as_text=True)
        n = int(re.search(r"共 (\d+) 件", html).group(1))
        if expected is not None:
            assert n == expected, (query, n)
        assert len(ids_on_page(html)) == n
    newest = ids_on_page(client.get("/cases/?sort=date_desc").get_data(as_text=True))
    oldest = ids_on_page(client.get("/cases/?sort=date_asc").get_data(as_text=True))
    assert newest == oldest[::-1]
    by_number = client.get("/cases/?sort=case_number&year=2023").get_data(as_text=True)
    assert re.findall(r"（2023）东0102行初(\d+)号", by_number)[:4] == ["45", "46", "47", "48"]
    assert "没有符合条件的案件" in client.get("/cases/?year=1999").get_data(as_text=True)
    assert client.get("/cases/?year=abc&sort=evil&head=maybe").status_code == 200  # bad values ignored


@pytest.mark.loaded
def test_default_court_setting_applies_to_the_list(client, auth, app):
    auth.login("admin")
    auth.post("/admin/settings", {"default_court": "东川市中级人民法院", "suggestion_min_count": "3", "page_size": "10"})
    assert "共 1 件" in client.get("/cases/").get_data(as_text=True)
    assert "共 6 件" in client.get("/cases/?court=").get_data(as_text=True)
    with app.app_context():
        entry = db.session().scalar(select(AuditEntry).where(AuditEntry.action == "settings"))
        assert entry.detail == {"默认法院": "东川市中级人民法院", "案件列表每页条数": 10}


@pytest.mark.loaded
def test_case_page_marks_sections_and_findings(client, auth, app):
    auth.login("clerk")
    jid = judgment_id(app, "（2023）东0102行初45号")
    page = client.get(f"/cases/{jid}").get_data(as_text=True)
    for section in ("首部", "当事人", "本院认为", "主文", "尾部"):
        assert f'<div class="sec-name">{section}</div>' in page, section
    with app.app_context():
        f = db.session().execute(select(Finding.id, Finding.span_start, Finding.span_end)
                                 .where(Finding.judgment_id == jid, Finding.code == "NO_STATEMENT")).one()
        doc_text = db.session().scalar(select(Document.text).join(Judgment).where(Judgment.id == jid))
    marked = re.search(rf'<span class="anchor" id="f-{f.id}"></span><mark class="hl[^"]*" data-codes="([^"]+)"[^>]*>(.*?)</mark>',
                       page, re.S)
    assert marked and "NO_STATEMENT" in marked.group(1)
    assert doc_text[f.span_start:f.span_end].startswith(marked.group(2)[:10])
    assert f'href="#f-{f.id}"' in page  # the list links to the sentence
    for fact in ("东川市临江区人民法院", "一审", "行政处罚", "撤销", "钱立国", "孙建华"):
        assert fact in page, fact
    assert "尚无更正" in page


def test_marked_text_escapes_and_handles_overlaps():
    text = "首部<b>。本院认为，被告未告知陈述申辩权利，违反法定程序。判决如下：撤销。"
    parsed = {"sections": [{"name": "首部", "span": {"start": 0, "end": 9}},
                           {"name": "本院认为", "span": {"start": 9, "end": 36}}]}
    s = text.index("被告")
    e = text.index("。判决")
    marks = [Mark(1, "NO_STATEMENT", "未告知", s, e), Mark(2, "PROCEDURE", "程序", text.index("违反"), e),
             Mark(3, "X", "bad", 5, 500)]
    html = str(marked_text(text, parsed, marks))
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert html.count('class="anchor"') == 2
    assert 'class="hl hl-multi" data-codes="NO_STATEMENT PROCEDURE"' in html
    assert html.count('<div class="sec-name">') == 2


@pytest.mark.loaded
def test_reviewer_corrects_and_history_keeps_who_and_when(client, auth, app):
    jid = judgment_id(app, "（2023）东0102行初46号")
    auth.login("reviewer")
    res = auth.post(f"/cases/{jid}/correct", {"kind": "category", "value": "行政许可", "note": "看错了"})
    assert res.status_code == 302 and res.headers["Location"] == f"/cases/{jid}"
    page = client.get(f"/cases/{jid}").get_data(as_text=True)
    assert "已更正案由：行政许可" in page and "shen更正" in page and "说明：看错了" in page
    assert "案由：行政许可" in page and re.search(r"<td>行政处罚</td>", page)  # history: before

    auth.post(f"/cases/{jid}/correct", {"kind": "head_appeared", "value": "否"})
    auth.post(f"/cases/{jid}/correct", {"kind": "outcome", "value": "确认违法"})
    auth.post(f"/cases/{jid}/correct", {"kind": "defect_remove", "code": "NO_STATEMENT"})
    with app.app_context():
        doc_text = db.session().scalar(select(Document.text).join(Judgment).where(Judgment.id == jid))
    sentence = re.search(r"被告在作出处罚决定前[^。]*。", doc_text).group(0)
    res = auth.post(f"/cases/{jid}/correct", {"kind": "defect_add", "code": "PROCEDURE", "sentence": sentence})
    assert res.status_code == 302
    page = client.get(f"/cases/{jid}").get_data(as_text=True)
    assert "已删除" in page and "审核人补充" in page
    with app.app_context():
        s = db.session()
        row = s.get(Judgment, jid)
        assert (row.category, row.head_appeared, row.outcome) == ("行政许可", False, "确认违法")
        assert [c.reviewer for c in s.scalars(select(Correction).where(Correction.judgment_id == jid))] == ["shen"] * 5
        audit = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "correct")))
        assert len(audit) == 5 and {a.username for a in audit} == {"shen"} and audit[0].target == f"案件 {jid}"
        assert audit[0].detail["value"] == "行政许可" and audit[0].detail["previous"] == "行政处罚"
    # the list and its filters use the corrected values from now on
    listing = client.get("/cases/?category=行政许可").get_data(as_text=True)
    assert "共 1 件" in listing and "更正" in listing
    assert "共 3 件" in client.get("/cases/?year=2023&defect=NO_STATEMENT").get_data(as_text=True)


@pytest.mark.loaded
def test_invalid_corrections_show_the_chinese_reason(client, auth, app):
    jid = judgment_id(app, "（2023）东0102行初45号")
    auth.login("admin")
    for data, message in (
        ({"kind": "defect_add", "code": "PROCEDURE", "sentence": "原文里没有的一句话。"}, "找不到"),
        ({"kind": "category", "value": "随便"}, "不是法发〔2020〕44号规定的二级案由"),
        ({"kind": "defect_remove", "code": "ABUSE"}, "无需删除"),
    ):
        res = auth.post(f"/cases/{jid}/correct", data)
        assert res.status_code == 302
        assert message in client.get(res.headers["Location"]).get_data(as_text=True)
    assert auth.post(f"/cases/{jid}/correct", {"kind": "agency_name", "value": "x"}).status_code == 400
    assert auth.post("/cases/99999/correct", {"kind": "category", "value": "行政许可"}).status_code == 404
    with app.app_context():
        assert db.session().scalar(select(func.count()).select_from(Correction)) == 0


@pytest.mark.loaded
def test_original_download_uses_a_safe_chinese_filename(client, auth, app):
    jid = judgment_id(app, "（2023）东0102行初45号")
    auth.login("clerk")
    res = client.get(f"/cases/{jid}/original")
    assert res.status_code == 200
    cd = res.headers["Content-Disposition"]
    assert cd.startswith("attachment;") and "filename*=UTF-8''" in cd and "%E5%88%A4%E5%86%B3" in cd  # 判决
    assert "东川市临江区人民法院" in res.get_data().decode("utf-8")
    with app.app_context():
        entry = db.session().scalar(select(AuditEntry).where(AuditEntry.action == "download"))
        assert entry.username == "lulu" and entry.target == f"案件 {jid} 原件"


def test_display_names():
    assert display_name("../../etc/passwd") == "passwd"
    assert display_name("C:\\Users\\x\\判决.docx") == "判决.docx"
    assert display_name("\x00") == "未命名文件"


# -- 50,000 cases -------------------------------------------------------------------------------------


def _fill(app, n: int) -> None:
    """n minimal documents + judgments, straight into the tables (no parsing)."""
    years = (2021, 2022, 2023, 2024)
    with app.app_context():
        s = db.session()
        docs = [{"id": i, "sha256": f"{i:064x}", "original_name": f"d{i}.txt", "fmt": "txt", "size_bytes": 1,
                 "text": "", "parser_version": "t"} for i in range(1, n + 1)]  # fmt: skip
        s.execute(insert(Document), docs)
        rows = [{"id": i, "document_id": i, "case_number": f"（{years[i % 4]}）东01行初{i}号", "year": years[i % 4],
                 "court": f"法院{i % 20}", "outcome": "撤销" if i % 3 else "驳回诉讼请求",
                 "category": "行政处罚" if i % 2 else "行政许可", "head_appeared": bool(i % 2),
                 "judgment_date": date(years[i % 4], 1 + i % 12, 1 + i % 28), "judges": [], "parsed": {}}
                for i in range(1, n + 1)]  # fmt: skip
        s.execute(insert(Judgment), rows)
        s.commit()


def _plan(app, f: caselist.CaseFilters) -> str:
    with app.app_context():
        s = db.session()
        sql = caselist.page_query(f, 500, 50).compile(s.get_bind(), compile_kwargs={"literal_binds": True})
        return " | ".join(str(r[-1]) for r in s.execute(text(f"EXPLAIN QUERY PLAN {sql}")))


def test_case_list_paging_stays_indexed_with_50000_cases(app, client, auth):
    _fill(app, 50_000)
    for f in (caselist.CaseFilters(), caselist.CaseFilters(sort="date_asc"),
              caselist.CaseFilters(year=2023), caselist.CaseFilters(sort="case_number")):
        plan = _plan(app, f)
        assert "USING" in plan and "INDEX" in plan, (f, plan)
        assert "TEMP B-TREE" not in plan, (f, plan)  # no sorting of the whole table
    assert _plan(app, caselist.CaseFilters(sort="id_desc")) == "SCAN judgments"  # in primary-key order
    auth.login("clerk")
    page = client.get("/cases/?page=700").get_data(as_text=True)
    assert "共 50000 件" in page and "第 700 / 1000 页" in page and len(ids_on_page(page)) == 50
    page = client.get("/cases/?year=2023&head=no&page=2").get_data(as_text=True)
    assert "共 12500 件" in page and len(ids_on_page(page)) == 50
    last = client.get("/cases/?page=99999").get_data(as_text=True)
    assert "第 1000 / 1000 页" in last
