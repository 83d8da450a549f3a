"""Defects with proof (docgen.nlp.defects) on fictional judgments written for these tests.

Every sentence here is invented; the real documents are only read by the realdata test at the end.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docgen.model import Judgment
from docgen.nlp import defects as D
from docgen.nlp.parse import parse_text
from docgen.nlp.sentences import quote_regions, split_sentences

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "dev"

# -- fictional documents ------------------------------------------------------------------------

_FIRST = """东川市临江区人民法院
行 政 判 决 书
（2023）东0102行初{n}号
原告：周明远，男，1970年3月2日出生，汉族，住东川市临江区。
委托代理人：吴清，东川鸿信律师事务所律师。
被告：{agency}，住所地东川市临江区滨河路8号。
法定代表人：钱立国，局长。
委托代理人：郑涛，工作人员。
　　原告周明远诉被告{agency}{cause}一案，本院于2023年3月1日立案后，依法组成合议庭，公开开庭审理了本案。本案现已审理终结。
　　原告诉称，{claim}
　　被告辩称，其作出的行政行为事实清楚，程序合法，请求驳回原告的诉讼请求。
　　经审理查明，2022年11月5日，被告对原告经营的门店进行了检查。
　　本院认为，{reasoning}
　　{basis}判决如下：
　　{operative}
　　案件受理费50元，由{payer}负担。
　　如不服本判决，可在判决书送达之日起十五日内提起上诉。
审　判　长　　李文静
审　判　员　　赵　刚
人民陪审员　　陈秀英
二〇二三年六月十二日
书　记　员　　黄小梅
"""

_APPEAL = """东川市中级人民法院
行 政 判 决 书
（2023）东01行终{n}号
上诉人（原审原告）：周明远，男，1970年3月2日出生，汉族，住东川市临江区。
被上诉人（原审被告）：{agency}，住所地东川市临江区。
法定代表人：钱立国，局长。
委托代理人：郑涛，工作人员。
　　上诉人周明远因诉被上诉人{agency}{cause}一案，不服东川市临江区人民法院（2022）东0102行初88号行政判决，向本院提起上诉。本院依法组成合议庭审理了本案，现已审理终结。
　　一审法院认为，{lower}
　　上诉人周明远上诉称，{claim}
　　本院认为，{reasoning}
　　{basis}判决如下：
　　{operative}
　　本判决为终审判决。
审　判　长　　高志远
审　判　员　　林　静
审　判　员　　何德明
二〇二三年九月三十日
书　记　员　　邓一凡
"""

AGENCY = "东川市临江区市场监督管理局"
VACATE = "撤销被告东川市临江区市场监督管理局作出的临市监罚〔2022〕88号行政处罚决定。"
REJECT = "驳回原告周明远的诉讼请求。"
LAW70 = "依照《中华人民共和国行政诉讼法》第七十条第（{item}）项之规定，"
LAW69 = "依照《中华人民共和国行政诉讼法》第六十九条之规定，"


def first_instance(reasoning: str, operative: str = VACATE, basis: str = "", *, claim: str = "请求撤销被诉行政行为。",
                   agency: str = AGENCY, cause: str = "行政处罚", n: int = 45) -> Judgment:
    payer = "原告" if operative.startswith("驳回") else "被告"
    return parse_text(_FIRST.format(n=n, agency=agency, cause=cause, claim=claim, reasoning=reasoning, basis=basis,
                                    operative=operative, payer=payer))


def appeal(lower: str, reasoning: str, operative: str, basis: str, *, claim: str = "请求撤销一审判决。",
           agency: str = AGENCY, cause: str = "行政处罚", n: int = 77) -> Judgment:
    return parse_text(_APPEAL.format(n=n, agency=agency, cause=cause, lower=lower, claim=claim, reasoning=reasoning,
                                     basis=basis, operative=operative))


def codes(j: Judgment) -> set[str]:
    return {f.code for f in D.find_defects(j)}


# -- each code ------------------------------------------------------------------------------------

CASES = {
    "EVIDENCE": ("被告认定原告销售假冒商品，仅有举报人的陈述，没有其他证据印证，主要证据不足。", LAW70.format(item="一")),
    "LAW": ("被告依据已经失效的《东川市养犬管理规定》对原告作出罚款决定，适用法律错误。", LAW70.format(item="二")),
    "PROCEDURE": ("被告立案后未进行任何调查取证即作出处罚决定，违反法定程序。", LAW70.format(item="三")),
    "ULTRA_VIRES": ("查处无照经营的职权依法属于市场监督管理部门，被告作为街道办事处不具有作出该处罚的法定职权，属于超越职权。",
                    LAW70.format(item="四")),
    "ABUSE": ("原告已依法补办了相关手续，被告仍以同一事由反复对其作出罚款，构成滥用职权。", LAW70.format(item="五")),
    "UNREASONABLE": ("原告系初次违法，且已主动消除违法后果，被告仍对其处以法定最高额罚款，处罚明显不当。",
                     "依照《中华人民共和国行政诉讼法》第七十七条第一款之规定，"),
    "MINOR_PROC": ("被告作出的行政处罚决定书未载明作出日期，程序存在瑕疵，但对原告的权利不产生实际影响。",
                   "依照《中华人民共和国行政诉讼法》第七十四条第一款第（二）项之规定，"),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_ground_of_article_70(code: str) -> None:
    reasoning, basis = CASES[code]
    operative = "确认被告作出的行政处罚决定违法。" if code == "MINOR_PROC" else VACATE
    found = D.find_defects(first_instance(reasoning, operative, basis))
    assert {f.code for f in found} == {code}
    f = found[0]
    assert f.section == "本院认为" and 0 < f.confidence <= 1 and f.source in ("pattern", "statute", "model")
    assert f.reason


def test_no_statement_with_the_procedure_basis() -> None:
    j = first_instance("被告在作出处罚决定前，未告知原告拟作出处罚的事实、理由及依据，也未听取原告的陈述和申辩，程序违法。",
                       basis=LAW70.format(item="三"))
    found = {f.code: f for f in D.find_defects(j)}
    assert set(found) == {"NO_STATEMENT", "PROCEDURE"}
    assert found["PROCEDURE"].source == "statute"  # the "程序违法" of the same sentence is the NO_STATEMENT finding
    assert "未听取原告的陈述和申辩" in found["NO_STATEMENT"].sentence


def test_no_hearing() -> None:
    j = first_instance("被告对原告处以五万元罚款，属于较大数额罚款，被告在作出处罚决定前未告知原告有要求举行听证的权利。")
    assert codes(j) == {"NO_HEARING"}


def test_service() -> None:
    j = first_instance("被告未向原告送达责令限期改正通知书，该通知对原告不发生法律效力。", cause="责令改正")
    assert codes(j) == {"SERVICE"}


def test_time_limit() -> None:
    j = first_instance("被告于2022年3月1日受理原告的申请，直至2022年9月20日才作出决定，超过了法定期限。",
                       "确认被告作出的不予登记决定违法。", cause="行政登记")
    assert codes(j) == {"TIME_LIMIT"}


def test_enforcement_procedure() -> None:
    j = first_instance("被告在实施强制拆除前未履行催告程序，也未告知原告依法享有的陈述权和申辩权，即对原告的门店实施强制拆除，"
                       "违反了《中华人民共和国行政强制法》第三十五条、第三十六条的规定。",
                       "确认被告强制拆除原告门店的行为违法。", cause="行政强制")
    assert codes(j) == {"ENFORCE_PROC"}


def test_expropriation_procedure() -> None:
    j = first_instance("被告在未与原告签订补偿协议、也未依法作出补偿决定的情况下，即组织人员拆除了原告的房屋，"
                       "违反了《国有土地上房屋征收与补偿条例》第二十七条的规定。",
                       "确认被告拆除原告房屋的行为违法。", agency="东川市临江区人民政府", cause="房屋征收")
    assert codes(j) == {"EXPROP_PROC"}


def test_nonperformance_from_reasoning_and_operative() -> None:
    j = first_instance("原告多次向被告举报邻居违法搭建，被告收到举报后既未立案，也未作出任何处理，属于不履行法定职责。",
                       "责令被告于本判决生效之日起六十日内对原告的举报依法履行查处职责。",
                       "依照《中华人民共和国行政诉讼法》第七十二条之规定，", cause="不履行法定职责")
    found = D.find_defects(j)
    assert [f.code for f in found] == ["NONPERFORMANCE"]


def test_disclosure_subsumes_the_generic_grounds() -> None:
    j = first_instance("被告以原告申请的信息涉及第三方商业秘密为由不予公开，但未提供证据证明该信息属于商业秘密，"
                       "其不予公开的理由不能成立。",
                       "责令被告于本判决生效之日起十五个工作日内对原告的政府信息公开申请重新作出答复。",
                       LAW70.format(item="一"), cause="政府信息公开")
    assert codes(j) == {"DISCLOSURE"}


# -- negation, hedging, allegation, quotation --------------------------------------------------------

TRAPS = [
    "被告在作出处罚决定前，已依法告知原告陈述、申辩的权利，程序合法。原告主张被告未听取其陈述申辩，缺乏依据，本院不予支持。",
    "原告认为被告超越职权、滥用职权，但未提供相应证据，其主张不能成立。被诉处罚决定认定事实清楚，证据确凿，"
    "适用法律正确，符合法定程序，并无不当。",
    "关于被告是否违反法定程序的问题。被告立案后依法进行了调查，制作了询问笔录和现场检查笔录，并向原告送达了告知书，"
    "不违反法定程序。",
    "原告主张被告作出的答复超过法定期限，经查，被告于收到申请后第十二个工作日作出答复，未超过法定期限，原告的该项主张不能成立。",
    "原告关于被诉处罚决定主要证据不足、适用法律错误的诉讼理由，与本院查明的事实不符，本院不予采纳。",
    "《中华人民共和国行政诉讼法》第七十条规定：“行政行为有下列情形之一的，人民法院判决撤销或者部分撤销，并可以判决被告重新作出"
    "行政行为：（一）主要证据不足的；（二）适用法律、法规错误的；（三）违反法定程序的；（四）超越职权的；（五）滥用职权的；"
    "（六）明显不当的。”本案中，被诉决定证据确凿，程序合法。",
    "即使被告的送达程序存在不规范之处，亦不足以撤销被诉决定。如果行政机关未告知当事人陈述申辩的权利，处罚决定不能成立，"
    "但本案被告已履行告知义务。",
    "原告未提供证据证明其门店系合法经营，应承担举证不能的法律后果。原告要求被告赔偿损失的请求，没有事实和法律依据。",
    "不能认定被告作出处罚决定违反法定程序。被告作出的处罚决定并无明显不当，原告的诉讼请求缺乏事实根据，本院不予支持。",
    "被告已经履行了法定职责，不存在不履行法定职责的情形。原告以被告滥用职权为由请求撤销处罚决定，理由不能成立。",
]


@pytest.mark.parametrize("reasoning", TRAPS)
def test_negated_hedged_and_alleged_defects_are_not_findings(reasoning: str) -> None:
    assert codes(first_instance(reasoning, REJECT, LAW69)) == set()


def test_a_defect_alleged_in_the_complaint_only() -> None:
    j = first_instance("被诉处罚决定认定事实清楚，证据确凿，适用法律正确，符合法定程序。", REJECT, LAW69,
                       claim="被告作出的处罚决定主要证据不足，程序违法，且未告知原告听证权利，请求撤销。")
    assert codes(j) == set()


def test_late_filing_by_the_citizen_is_no_time_limit_defect() -> None:
    j = first_instance("原告的起诉超过法定起诉期限，且无正当理由。", "驳回原告周明远的起诉。",
                       "依照《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第六十九条第一款第（二）项之规定，")
    assert codes(j) == set()


def test_minor_procedure_while_rejecting_the_claim() -> None:
    j = first_instance("被告作出的处罚决定书未载明救济途径，程序存在瑕疵，本院予以指正，但该瑕疵不足以导致处罚决定被撤销。",
                       REJECT, LAW69)
    assert codes(j) == {"MINOR_PROC"}


MORE_TRAPS = [
    # a short quotation of the plaintiff's words
    "关于原告提出的“被告认定事实不清”的主张，经查，被告提交的证据足以证明原告的违法事实。",
    # "等主张" and half-width commas
    "至于原告提出的被诉决定程序违法等主张,因其起诉已超过法定期限,本院不予实体审查。",
    "被诉决定适用法律、法规正确,处理结果并无不当。",
    # the party speaks without a colon
    "第三人孙某称被告滥用职权，但未提供任何证据予以证明，本院不予支持。",
    # an omission the law allows
    "涉案罚款数额未达到较大数额标准，被告未告知听证权利，不违反法定程序。",
    # the law in general
    "行政机关在作出行政处罚决定前未听取当事人陈述、申辩的，属于违反法定程序，应当依法撤销。",
    # the court explains a statute before applying it
    "《中华人民共和国行政诉讼法》第七十条第（一）项规定，主要证据不足的，人民法院判决撤销。本案被诉决定证据充分。",
    # the plaintiff's own failings
    "被告认定原告未经批准擅自改变房屋用途，事实清楚，证据确凿。",
    "原告逾期未缴纳罚款，被告依法加处罚款并无不当。",
    # the agency loses an argument about the lawsuit, not about its act
    "被告认为原告的起诉不属于行政诉讼受案范围的主张，缺乏法律依据，本院不予支持。",
]


@pytest.mark.parametrize("reasoning", MORE_TRAPS)
def test_more_readings_that_are_not_findings(reasoning: str) -> None:
    assert codes(first_instance(reasoning, REJECT, LAW69)) == set()


def test_the_court_answers_the_agency_after_a_concession() -> None:
    j = first_instance("被告虽辩称已对原告的举报进行了调查，但未能提供相应证据，亦未作出任何处理，应认定其未依法履行法定职责。",
                       "责令被告于本判决生效之日起六十日内对原告的举报作出处理。", cause="不履行法定职责")
    assert codes(j) == {"NONPERFORMANCE"}


def test_the_agencys_case_rejected_in_the_courts_words() -> None:
    j = first_instance("被告认为原告的经营行为构成无照经营的主张，缺乏事实依据。", VACATE, LAW70.format(item="一"))
    assert codes(j) == {"EVIDENCE"}


def test_non_litigation_review_with_reasoning_inside_a_paragraph() -> None:
    text = """东川市临江区人民法院
行 政 裁 定 书
（2024）东0102行审31号
申请执行人：东川市临江区城市管理局，住所地东川市临江区。
法定代表人：邹平，局长。
被执行人：钱立新，男，汉族，住东川市临江区。
　　申请执行人东川市临江区城市管理局于2024年3月1日向本院申请强制执行其作出的临城罚〔2023〕77号行政处罚决定，本院受理后依法组成合议庭进行了审查。
　　经审查查明：2023年10月9日，申请执行人对被执行人作出罚款二万元的处罚决定。
　　经审查，本院认为，申请执行人在作出处罚决定前未向被执行人告知拟处罚的事实、理由和依据，也未听取其陈述和申辩。
　　被诉处罚决定明显违反法定程序，依照《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第一百六十一条之规定，裁定如下：
　　对东川市临江区城市管理局作出的临城罚〔2023〕77号行政处罚决定，不准予执行。
审　判　长　　方　晓
审　判　员　　袁　立
审　判　员　　宋　佳
二〇二四年四月八日
书　记　员　　韦　芳
"""
    assert codes(parse_text(text)) == {"NO_STATEMENT", "PROCEDURE"}


def test_an_edited_case_report_reads_each_courts_reasoning() -> None:
    text = """【裁判要旨】行政机关未给予当事人自行拆除的期限即强制拆除，程序违法。
【案号】一审：（2021）东0102行初5号
【基本案情】
原告孙某诉称，被告未经催告即拆除其仓库，请求确认违法。
被告东川市临江区城市管理局辩称，拆除程序合法。
【裁判结果】
东川市临江区人民法院经审理认为：被告在作出强制拆除决定后，未给予原告自行拆除的期限，亦未履行催告程序即强制拆除原告的仓库，违反了《中华人民共和国行政强制法》第三十五条、第四十四条的规定。
据此，东川市临江区人民法院判决：确认被告强制拆除原告仓库的行为违法。
【评析】
笔者认为，行政机关滥用职权强拆的现象仍时有发生，应予重视。
"""
    j = parse_text(text)
    assert j.doc_type == "其他"
    assert codes(j) == {"ENFORCE_PROC"}


# -- appeals: this court's reasoning, not the quoted first instance ---------------------------------

def test_first_instance_finding_reversed_on_appeal() -> None:
    j = appeal(lower="被上诉人未告知上诉人听证权利，程序违法，判决撤销被诉处罚决定。",
               reasoning="一审判决认定被诉处罚决定违反法定程序错误，本院予以纠正。被诉处罚决定的罚款数额未达到较大数额标准，"
                         "被上诉人无需告知听证权利，其作出的处罚决定程序合法。",
               operative="一、撤销东川市临江区人民法院（2022）东0102行初88号行政判决；\n　　二、驳回周明远的诉讼请求。",
               basis="依照《中华人民共和国行政诉讼法》第八十九条第一款第（二）项之规定，")
    assert codes(j) == set()


def test_first_instance_judgment_criticised_not_the_agency() -> None:
    j = appeal(lower="被诉处罚决定事实清楚，判决驳回原告的诉讼请求。",
               reasoning="一审判决认定事实不清，适用法律错误，本院予以纠正。被上诉人作出的处罚决定所认定的违法事实，"
                         "仅有一份未经核实的举报材料，主要证据不足。",
               operative="一、撤销东川市临江区人民法院（2022）东0102行初88号行政判决；\n　　二、撤销被上诉人作出的行政处罚决定。",
               basis="依照《中华人民共和国行政诉讼法》第七十条第（一）项、第八十九条第一款第（二）项之规定，")
    assert codes(j) == {"EVIDENCE"}


def test_appeal_upholding_the_finding_keeps_it() -> None:
    j = appeal(lower="被上诉人未经催告即强制拆除上诉人的门店，违反法定程序。",
               reasoning="被上诉人在未履行催告程序的情况下即对上诉人的门店实施强制拆除，一审法院确认该行为违法正确，本院予以维持。",
               operative="驳回上诉，维持原判。",
               basis="依照《中华人民共和国行政诉讼法》第八十九条第一款第（一）项之规定，")
    j.outcome.agency_lost = True  # the first instance's 确认违法 stands (fiction: the appeal is by the agency's side)
    assert codes(j) == {"ENFORCE_PROC"}


# -- statute as evidence ----------------------------------------------------------------------------

def test_statute_as_evidence_only_when_the_agency_lost() -> None:
    j = first_instance("被告作出的决定存在诸多问题。", VACATE, "依照《中华人民共和国行政诉讼法》第七十条第（一）、（三）项之规定，")
    assert {(f.code, f.source) for f in D.find_defects(j)} == {("EVIDENCE", "statute"), ("PROCEDURE", "statute")}
    j = first_instance("原告的诉讼请求不能成立。", REJECT, LAW69)
    assert codes(j) == set()


def test_the_1989_law_with_its_mu() -> None:
    j = first_instance("被告作出的处罚决定不能成立。", VACATE,
                       "依照《中华人民共和国行政诉讼法》第五十四条第（二）项第2目、第5目之规定，")
    j.judgment_date = j.judgment_date.replace(year=2012)
    assert codes(j) == {"LAW", "ABUSE"}


def test_citations_are_parsed() -> None:
    text = "依照《中华人民共和国行政诉讼法》第五十四条第（二）项第1、3目、第六十一条（二）项及行政诉讼法第七十四条第一款第二项之规定"
    got = [(c.article, c.para, c.item, c.mus) for c in D.find_citations(text)]
    assert got == [(54, None, 2, (1, 3)), (61, None, 2, ()), (74, 1, 2, ())]


# -- the pieces --------------------------------------------------------------------------------------

def test_sentences_split_on_marks_and_paragraphs_but_not_wrapped_lines() -> None:
    text = "本院认为，本案的\n争议焦点是甲。原告主张乙；\n\n被告违反法定程序！\n　　依照某法之规定，判决如下："
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["本院认为，本案的\n争议焦点是甲。", "原告主张乙；", "被告违反法定程序！",
                                       "依照某法之规定，判决如下："]
    assert all(text[s.span.start:s.span.end] == s.text for s in sents)
    assert sents[2].context_start == sents[1].span.start  # "；" does not end the period sentence


def test_quotes_and_continued_sentences() -> None:
    text = "违反了《某法》第九条“任何组织不得侵犯。”之规定，属于认定错误。"
    sents = split_sentences(text, quotes=quote_regions(text))
    assert sents[1].text == "之规定，属于认定错误。" and sents[1].context_start == 0


def test_findings_point_into_the_text_and_are_one_per_code() -> None:
    j = first_instance("被告作出处罚决定主要证据不足。被告认定的违法事实证据不足，且违反法定程序。", VACATE,
                       LAW70.format(item="一"))
    found = D.find_defects(j)
    assert [f.code for f in found] == sorted({f.code for f in found}, key=[f.code for f in found].index)
    assert len({f.code for f in found}) == len(found)
    for f in found:
        assert j.text[f.span.start:f.span.end] == f.sentence
    assert [f.span.start for f in found] == sorted(f.span.start for f in found)


def test_the_pipeline_is_built_once_and_registered() -> None:
    nlp = D.nlp_pipeline()
    assert nlp is D.nlp_pipeline()
    assert nlp.pipe_names == ["defect_sentencizer", "defect_matcher", "defect_statutes", "defect_context",
                              "defect_classifier"]
    # each set phrase is one token for the PhraseMatcher
    for phrase in ("违反法定程序", "主要证据不足", "程序轻微违法", "滥用职权"):
        assert [t.text for t in nlp.make_doc(phrase)] == [phrase]


def test_taxonomy_is_complete() -> None:
    want = {"EVIDENCE", "LAW", "PROCEDURE", "NO_STATEMENT", "NO_HEARING", "SERVICE", "TIME_LIMIT", "ENFORCE_PROC",
            "EXPROP_PROC", "ULTRA_VIRES", "ABUSE", "UNREASONABLE", "NONPERFORMANCE", "DISCLOSURE", "MINOR_PROC"}
    assert set(D.defect_codes()) == want
    assert all(D.code_name(c) != c for c in want)


def test_sentence_classifier() -> None:
    probs = D.classify_sentences(["被告作出的处罚决定滥用职权。", "原告的诉讼请求缺乏事实根据，本院不予支持。"])
    assert max(probs[0], key=probs[0].get) == "ABUSE"
    assert max(probs[1], key=probs[1].get) == "NONE"
    assert all(abs(sum(p.values()) - 1) < 1e-4 for p in probs)


# -- the real development set -----------------------------------------------------------------------

@pytest.mark.realdata
@pytest.mark.skipif(not (REALDATA / "labels.jsonl").exists(), reason="../shared/realdata/dev is absent")
def test_realdata_micro_f1() -> None:
    tp = fp = fn = 0
    for line in (REALDATA / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        label = json.loads(line)
        j = parse_text((REALDATA / label["file"]).read_text(encoding="utf-8"))
        optional = set(label.get("defects_optional") or [])
        gold = set(label.get("defects") or []) - optional
        got = codes(j) - optional
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    assert f1 >= 0.80, (p, r, f1)
