"""统计 and 聚类 pages: the figures of docgen.stats with charts; sub-themes linked to the cases."""

from __future__ import annotations

import re

import pytest

from docgen.stats import DEFINITIONS


@pytest.mark.loaded
def test_stats_page_figures_charts_and_definitions(client, auth):
    auth.login("clerk")
    page = client.get("/stats/").get_data(as_text=True)  # newest year by default
    assert "2024年" in page
    page = client.get("/stats/?year=2023").get_data(as_text=True)
    assert "2023年，法院：全部" in page
    assert re.search(r"<b>4</b><span>结案数", page)
    assert "100.0%" in page  # 败诉率 4/4
    assert page.count('<svg class="chart"') >= 4
    assert ">行政处罚<" in page and "一审" in page
    assert "东川市临江区市场监督管理局" in page
    assert "未告知或未听取陈述、申辩" in page and "（2023）东0102行初45号" in page
    assert "同比（2023 年与 2022 年）" in page and "案由同比（件）" in page
    assert DEFINITIONS["loss_rate"][:20] in page
    assert "cdn" not in page.lower()


@pytest.mark.loaded
def test_stats_filters_and_json(client, auth):
    auth.login("reviewer")
    page = client.get("/stats/?year=2023&agency=东川市临江区市场监督管理局&compare=none").get_data(as_text=True)
    assert "行政机关：东川市临江区市场监督管理局" in page and "同比（" not in page
    page = client.get("/stats/?year=2023&compare=2024").get_data(as_text=True)
    assert "同比（2023 年与 2024 年）" in page
    page = client.get("/stats/?year=1999").get_data(as_text=True)
    assert "所选范围内没有案件" in page
    page = client.get("/stats/?year=&court=").get_data(as_text=True)
    assert "全部年度" in page
    data = client.get("/stats/report.json?year=2023").get_json()
    assert data["current"]["caseload"]["closed"] == 4
    assert data["current"]["loss_rate"]["percent"] == "100.0%"
    assert data["yoy"]["previous_year"] == 2022
    assert "loss_rate" in data["definitions"]


@pytest.mark.loaded
def test_stats_link_to_filtered_case_lists(client, auth):
    auth.login("clerk")
    page = client.get("/stats/?year=2023").get_data(as_text=True)
    link = re.search(r'href="(/cases/\?[^"]*defect=NO_STATEMENT[^"]*)"', page).group(1).replace("&amp;", "&")
    assert "共 4 件" in client.get(link).get_data(as_text=True)


@pytest.mark.loaded
def test_clusters_page_terms_and_representative_cases(client, auth):
    auth.login("clerk")
    page = client.get("/clusters/").get_data(as_text=True)  # the biggest category by default
    assert 'option value="行政处罚" selected' in page
    assert "子类 1" in page and "特征词" in page and "代表案件" in page
    links = re.findall(r'href="/cases/(\d+)"', page)
    assert links
    assert client.get(f"/cases/{links[0]}").status_code == 200
    again = client.get("/clusters/?category=行政处罚&k=2").get_data(as_text=True)
    assert "分为 " in again
    assert client.get("/clusters/?category=行政许可").status_code == 200


def test_clusters_and_stats_on_an_empty_database(client, auth):
    auth.login("clerk")
    assert "库内还没有已分类的案件" in client.get("/clusters/").get_data(as_text=True)
    assert "所选范围内没有案件" in client.get("/stats/").get_data(as_text=True)
    assert "还没有任务" in client.get("/").get_data(as_text=True)
