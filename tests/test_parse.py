"""Parser unit tests on hand-written, fictional documents (no real text)."""

from __future__ import annotations

from datetime import date

import pytest
from samples import APPEAL, FIRST_INSTANCE, NON_LITIGATION

from docgen.errors import Rejected
from docgen.nlp.casenum import find_case_numbers, normalize_case_number, procedure_for_type
from docgen.nlp.clean import clean, cn_to_int
from docgen.nlp.parse import parse_text
from docgen.nlp.parties import is_agency, is_head_post
from docgen.nlp.statutes import find_statutes


def test_first_instance_facts() -> None:
    j = parse_text(FIRST_INSTANCE)
    assert j.court == "东川市临江区人民法院"
    assert j.doc_type == "判决书"
    assert j.case_number is not None
    assert j.case_number.normalized == "（2023）东0102行初45号"
    assert (j.case_number.year, j.case_number.court_code, j.case_number.type_code) == (2023, "东0102", "行初")
    assert j.procedure == "一审"
    assert j.outcome is not None and j.outcome.label == "撤销"
    assert "责令履行" in j.outcome.alternatives
    assert j.agency_lost is True
    assert j.head_appeared is True
    assert j.judgment_date == date(2023, 6, 12)
    assert j.judges == ["李文静", "赵刚", "陈秀英"]
    assert j.clerk == "黄小梅"
    assert j.plaintiffs == ["周明远"]
    assert j.defendants == ["东川市临江区市场监督管理局"]
    names = [s.name for s in j.sections]
    for name in ("首部", "当事人", "审理经过", "诉称", "辩称", "查明", "本院认为", "主文", "尾部"):
        assert name in names, name
    assert j.section_text("本院认为").startswith("本院认为")
    assert "撤销被告" in j.section_text("主文")
    assert j.section_text("尾部").startswith("审")


def test_every_span_points_into_the_text() -> None:
    j = parse_text(FIRST_INSTANCE)
    for s in j.sections:
        assert 0 <= s.span.start <= s.span.end <= len(j.text)
    for st in j.statutes:
        assert st.span is not None and "第" in j.text[st.span.start:st.span.end]
    for p in j.parties:
        assert p.span is not None and p.name in j.text[p.span.start:p.span.end]


def test_appeal_upholding_a_loss_counts_as_agency_loss() -> None:
    j = parse_text(APPEAL)
    assert j.procedure == "二审"
    assert j.outcome is not None and j.outcome.label == "维持原判"
    assert j.agency_lost is True  # the first-instance 撤销 stands
    assert j.head_appeared is False  # only 委托代理人
    assert j.judgment_date == date(2022, 9, 30)
    # the agency appealed but it is on the defendant side
    assert j.defendants == ["东川市自然资源局"]
    # the first-instance reasoning is not this court's
    assert "一审法院认为" not in j.section_text("本院认为")


def test_non_litigation_review() -> None:
    j = parse_text(NON_LITIGATION)
    assert j.procedure == "非诉执行审查"
    assert j.doc_type == "裁定书"
    assert j.outcome is not None and j.outcome.label == "不准予执行"
    assert j.agency_lost is True
    assert j.head_appeared is None  # no hearing in a 非诉 review
    assert j.case_number is not None and j.case_number.normalized == "（2024）清0321行审12号"


def test_court_and_heading_on_one_line_and_database_chrome() -> None:
    text = ("某某网 打印\n00:00/00:04\n北江市中级人民法院 行政裁定书\n(2021)北01行终9号\n当事人　　上诉人（原审原告）：何某。\n"
            "被上诉人（原审被告）：北江市人民政府。\n法定代表人：甘某，市长。\n"
            "审理经过　　上诉人何某因诉北江市人民政府房屋征收一案，不服北江市某区人民法院作出的行政裁定，向本院提起上诉。\n"
            "本院认为　　本院认为，原审裁定驳回起诉正确。依照《中华人民共和国行政诉讼法》第八十九条第一款第（一）项之规定，裁定如下：\n"
            "裁判结果　　驳回上诉，维持原裁定。\n落款审判长　白某\n二〇二一年五月六日\n书记员　丁某\n")
    j = parse_text(text)
    assert j.court == "北江市中级人民法院"
    assert j.doc_type == "裁定书"
    assert "00:00" not in j.text
    assert j.outcome is not None and j.outcome.label == "维持原判"
    assert j.agency_lost is False  # the appeal of a citizen whose case was dismissed
    assert j.judges == ["白某"]


def test_not_a_judgment_is_rejected() -> None:
    with pytest.raises(Rejected) as err:
        parse_text("本周食堂菜单：周一红烧肉，周二清蒸鱼。")
    assert err.value.code == "not_judgment"
    assert "不是判决书" in err.value.message


def test_case_numbers_in_every_style() -> None:
    cases = {
        "（2019）豫03行初516号": ("豫03", "行初", "一审"),
        "(2017)最高法行申4580号": ("最高法", "行申", "再审审查"),
        "[2005]安汉行执字第69号": ("安汉", "行执", "非诉执行审查"),
        "（2010）渝一中法行终字第2号": ("渝一中法", "行终", "二审"),
        "(2019)京行赔终85号": ("京", "行赔终", "二审"),
        "（ 2020 ）鲁行再 50 号": ("鲁", "行再", "再审"),
    }
    for raw, (court, tcode, proc) in cases.items():
        found = list(find_case_numbers(raw))
        assert len(found) == 1, raw
        cn = found[0]
        assert (cn.court_code, cn.type_code) == (court, tcode), raw
        assert procedure_for_type(cn.type_code) == proc
    assert normalize_case_number("(2019) 豫03行初516号") == normalize_case_number("〔2019〕豫03行初516号")


def test_statutes_are_structured() -> None:
    text = "依照《中华人民共和国行政诉讼法》第七十条第（一）、（二）项、第七十四条第一款第（二）项和《行政处罚法》第四十四条之规定"
    got = [(s.law, s.article, s.paragraph, s.item) for s in find_statutes(text)]
    assert ("中华人民共和国行政诉讼法", 70, None, 1) in got
    assert ("中华人民共和国行政诉讼法", 70, None, 2) in got
    assert ("中华人民共和国行政诉讼法", 74, 1, 2) in got
    assert ("中华人民共和国行政处罚法", 44, None, None) in got


def test_chinese_numerals() -> None:
    assert cn_to_int("七十") == 70
    assert cn_to_int("一百零一") == 101
    assert cn_to_int("二〇一九") == 2019
    assert cn_to_int("二○一九") == 2019
    assert cn_to_int("十二") == 12


def test_agency_and_head_rules() -> None:
    assert is_agency("东川市临江区人民政府")
    assert is_agency("某市公安局交通警察支队")
    assert is_agency("平江县市场监督管理局（原平江县食品药品监督管理局）")
    assert not is_agency("东川宏达建材有限公司")
    assert not is_agency("某村村民委员会")
    assert is_head_post("该局副局长", "某局")
    assert is_head_post("某县人民政府副县长", "某县人民政府")
    assert not is_head_post("某局项目办副主任", "某局")
    assert not is_head_post("该局法制科科长", "某局")
    assert not is_head_post("东川正平律师事务所律师", "某局")


def test_clean_keeps_text_and_drops_chrome() -> None:
    out = clean("审理经过　　原告某某诉被告某局一案\r\n\u200b复制全文\n第 3 页 共 5 页\n")
    assert out.startswith("　　原告某某诉被告某局一案")
    assert "复制全文" not in out and "第 3 页" not in out


@pytest.mark.parametrize(("sentence", "expected"), [
    ("原告李某，被告的负责人王某及委托代理人赵某到庭参加诉讼。", True),
    ("原告李某，被告法定代表人王某出庭应诉。", True),
    ("原告李某，被告的委托代理人赵某、钱某到庭参加诉讼。", False),
    ("原告李某到庭参加诉讼，被告经本院合法传唤无正当理由拒不到庭。", False),
])
def test_head_appearance_from_the_hearing_sentence(sentence: str, expected: bool) -> None:
    text = ("东川市临江区人民法院\n行政判决书\n（2023）东0102行初46号\n原告：李某。\n被告：东川市临江区城市管理局。\n"
            f"法定代表人：王某，局长。\n　　原告李某诉被告东川市临江区城市管理局行政强制一案，本院依法组成合议庭，公开开庭审理了本案。{sentence}\n"
            "　　本院认为，被告的行为并无不当。依照《中华人民共和国行政诉讼法》第六十九条之规定，判决如下：\n"
            "　　驳回原告李某的诉讼请求。\n审判长　周某\n二〇二三年七月一日\n书记员　吴某\n")
    j = parse_text(text)
    assert j.head_appeared is expected
    assert j.agency_lost is False


@pytest.mark.parametrize(("sentence", "expected"), [
    ("被告临江区城管局副局长孙某出庭应诉。", True),
    ("被告临江区城管局法制办主任孙某出庭应诉。", False),
    ("被告向本院提交了行政机关负责人不能出庭的书面说明，其委托代理人赵某到庭参加诉讼。", False),
])
def test_head_named_by_title_with_an_undeclared_short_name(sentence: str, expected: bool) -> None:
    text = ("东川市临江区人民法院\n行政判决书\n（2023）东0102行初47号\n原告：李某。\n被告：东川市临江区城市管理局。\n"
            "法定代表人：王某，局长。\n委托代理人：赵某，该局工作人员。\n"
            f"　　原告李某诉被告东川市临江区城市管理局行政处罚一案，本院公开开庭审理了本案。原告李某到庭参加诉讼。{sentence}\n"
            "　　本院认为，被告作出的处罚决定主要证据不足。依照《中华人民共和国行政诉讼法》第七十条第（一）项之规定，判决如下：\n"
            "　　撤销被告作出的处罚决定。\n审判长　周某\n二〇二三年七月一日\n书记员　吴某\n")
    assert parse_text(text).head_appeared is expected


def test_case_number_beside_the_heading_and_an_arabic_signature_date() -> None:
    text = ("东川市临江区人民法院行政裁定书（2022）东0102行初9号\n原告：刘某。\n被告：东川市临江区人民政府。\n"
            "　　原告刘某诉被告东川市临江区人民政府行政协议一案，本院依法组成合议庭审理了本案。\n"
            "　　本院认为，原告的起诉超过法定期限。依照《中华人民共和国行政诉讼法》第四十六条之规定，裁定如下：\n"
            "　　驳回原告刘某的起诉。\n审判长　周某\n2022年3月4日\n书记员　吴某\n")
    j = parse_text(text)
    assert j.case_number is not None and j.case_number.normalized == "（2022）东0102行初9号"
    assert j.court == "东川市临江区人民法院"
    assert j.doc_type == "裁定书" and j.outcome is not None and j.outcome.label == "驳回起诉"
    assert j.judgment_date == date(2022, 3, 4)
