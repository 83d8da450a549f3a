"""docgen.ingest.readers: format detection and text extraction, happy and hostile paths."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from fixtures_make import (
    ENGLISH_JUDGMENT,
    JUDGMENT,
    make_corrupt_docx,
    make_docx,
    make_docx_with_bomb_part,
    make_encrypted_pdf,
    make_gbk_txt,
    make_judgment_html,
    make_pdf,
    make_pdf_with_text,
    make_scanned_pdf,
    make_xml_entity_docx,
    make_zip,
    rewrite_zip,
)

from docgen.config import Limits
from docgen.errors import REJECTION_REASONS, Rejected
from docgen.ingest import readers
from docgen.ingest.readers import Extracted, detect_format, extract_text

LIMITS = Limits()
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def rejected(data: bytes, name: str, limits: Limits = LIMITS) -> Rejected:
    with pytest.raises(Rejected) as info:
        extract_text(data, name, limits)
    assert info.value.code in REJECTION_REASONS
    return info.value


# --------------------------------------------------------------------------------------------
# detect_format
# --------------------------------------------------------------------------------------------


class TestDetectFormat:
    def test_magic_bytes(self) -> None:
        assert detect_format(make_docx(["x"]), "a.bin") == "docx"
        assert detect_format(make_zip({"a.txt": b"x"}), "a.docx") == "zip"  # magic beats the extension
        assert detect_format(make_pdf_with_text("hello"), "a.txt") == "pdf"
        assert detect_format(b"junk before header\n" + make_pdf_with_text("x"), "a") == "pdf"
        assert detect_format(make_judgment_html(), "a.txt") == "html"
        assert detect_format("<p>判决</p>".encode(), "a.htm") == "html"
        assert detect_format(make_judgment_html(charset="utf-16"), "a") == "html"
        assert detect_format(JUDGMENT.encode(), "a.html") == "txt"
        assert detect_format(make_gbk_txt(), "a.txt") == "txt"

    def test_extension_is_a_hint_for_damaged_files(self) -> None:
        assert detect_format(b"not really a docx", "x.docx") == "docx"
        assert detect_format(b"not really a pdf", "x.pdf") == "pdf"
        assert detect_format(b"not really a zip", "x.zip") == "zip"
        assert detect_format(make_corrupt_docx(), "x.docx") == "docx"
        assert detect_format(make_corrupt_docx(), "x.zip") == "zip"

    def test_old_word_doc_is_refused_with_advice(self) -> None:
        with pytest.raises(Rejected) as info:
            detect_format(OLE, "判决.doc")
        assert info.value.code == "unsupported"
        assert info.value.detail == "旧版Word(.doc)请另存为DOCX后上传"
        assert rejected(OLE, "判决.doc").code == "unsupported"

    @pytest.mark.parametrize(
        ("data", "name", "needle"),
        [
            (OLE, "加密.docx", "密码"),
            (OLE, "表.xls", "Excel"),
            (b"{\\rtf1\\ansi hello}", "a.doc", "RTF"),
            (b"Rar!\x1a\x07\x00" + bytes(20), "a.rar", "RAR"),
            (b"\x89PNG\r\n\x1a\n" + bytes(20), "scan.png", "OCR"),
            (b"\xff\xd8\xff\xe0" + bytes(20), "scan.jpg", "OCR"),
            (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n", "a.mht", "MHT"),
        ],
    )
    def test_recognised_but_unsupported(self, data: bytes, name: str, needle: str) -> None:
        err = rejected(data, name)
        assert err.code == "unsupported"
        assert needle in err.message

    def test_other_office_zips_are_not_archives(self) -> None:
        xlsx = make_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
        with pytest.raises(Rejected) as info:
            detect_format(xlsx, "a.xlsx")
        assert info.value.code == "unsupported"
        ofd = make_zip({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<x/>"})
        with pytest.raises(Rejected):
            detect_format(ofd, "判决.ofd")


# --------------------------------------------------------------------------------------------
# generic rules
# --------------------------------------------------------------------------------------------


class TestGenericRules:
    @pytest.mark.parametrize("data", [b"", b"   \r\n\t  \n", "\ufeff  \n".encode("utf-16")])
    def test_empty(self, data: bytes) -> None:
        assert rejected(data, "a.txt").code == "empty"

    def test_too_large_bytes(self) -> None:
        assert rejected(b"x" * 101, "a.txt", Limits(max_file_bytes=100)).code == "too_large"

    def test_too_large_text(self) -> None:
        limits = Limits(max_text_chars=50)
        assert rejected(JUDGMENT.encode(), "a.txt", limits).code == "too_large"
        assert rejected(make_docx([JUDGMENT]), "a.docx", limits).code == "too_large"
        assert rejected(make_judgment_html(), "a.html", limits).code == "too_large"
        assert rejected(make_pdf_with_text(ENGLISH_JUDGMENT), "a.pdf", limits).code == "too_large"

    def test_zip_is_not_a_document(self) -> None:
        assert rejected(make_zip({"a.txt": b"x"}), "a.zip").code == "unsupported"

    def test_library_exceptions_are_converted(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def boom(*args: object, **kwargs: object) -> None:
            raise RuntimeError("library bug")

        import docx

        docx_data, html_data, txt_data = make_docx(["正文"]), make_judgment_html(), make_gbk_txt()
        monkeypatch.setattr(docx, "Document", boom)
        assert rejected(docx_data, "a.docx").code == "bad_docx"
        monkeypatch.setattr(readers, "_render", boom)
        assert rejected(html_data, "a.html").code == "bad_html"
        monkeypatch.setattr(readers, "decode_text", boom)
        assert rejected(txt_data, "a.txt").code == "encoding"

    def test_extracted_shape(self) -> None:
        got = extract_text(JUDGMENT.encode(), "a.txt", LIMITS)
        assert isinstance(got, Extracted)
        assert (got.fmt, got.encoding, got.warnings) == ("txt", "utf-8", [])


# --------------------------------------------------------------------------------------------
# TXT
# --------------------------------------------------------------------------------------------


class TestTxt:
    @pytest.mark.parametrize(
        ("data", "encoding"),
        [
            (JUDGMENT.encode("utf-8"), "utf-8"),
            (JUDGMENT.encode("utf-8-sig"), "utf-8-sig"),
            (make_gbk_txt(), "gb18030"),
            (JUDGMENT.encode("gb18030"), "gb18030"),
            (JUDGMENT.encode("utf-16"), "utf-16-le"),  # BOM
            (b"\xfe\xff" + JUDGMENT.encode("utf-16-be"), "utf-16-be"),
            (JUDGMENT.encode("utf-16-le"), "utf-16-le"),  # no BOM
            (JUDGMENT.encode("utf-16-be"), "utf-16-be"),  # no BOM
            (JUDGMENT.encode("utf-32"), "utf-32-le"),
        ],
    )
    def test_encodings(self, data: bytes, encoding: str) -> None:
        got = extract_text(data, "判决.txt", LIMITS)
        assert got.text == JUDGMENT.strip()
        assert got.encoding == encoding

    def test_short_gbk_prefers_gb18030(self) -> None:
        # charset-normalizer alone calls these 10 bytes Korean (cp949)
        got = extract_text("行政判决书".encode("gbk"), "a.txt", LIMITS)
        assert (got.text, got.encoding) == ("行政判决书", "gb18030")

    def test_gb18030_only_characters(self) -> None:
        text = "原告𠀀某（生僻字）诉被告某某县人民政府行政确认一案。" * 3
        got = extract_text(text.encode("gb18030"), "a.txt", LIMITS)
        assert got.text == text and got.encoding == "gb18030"

    def test_newlines_and_control_characters(self) -> None:
        raw = "第一行\r\n第二行\r第三行\n\x00第四\x07行\t制表\x0c第五行\u200b\n\n\n\n末行  \n"
        got = extract_text(raw.encode("utf-8"), "a.txt", LIMITS)
        assert got.text == "第一行\n第二行\n第三行\n第四行\t制表\n第五行\n\n末行"

    def test_a_damaged_byte_in_a_long_file_is_tolerated_with_a_warning(self) -> None:
        text = JUDGMENT * 200
        data = text[:3000].encode("gbk") + b"\xff" + text[3000:].encode("gbk")  # at a character boundary
        got = extract_text(data, "a.txt", LIMITS)
        assert got.encoding == "gb18030"
        assert got.text.count("\ufffd") == 1 and any("无法按" in w for w in got.warnings)

    def test_undecodable_binary(self) -> None:
        data = bytes(range(256)) * 8
        assert rejected(data, "a.txt").code == "encoding"

    def test_bom_with_invalid_body(self) -> None:
        assert rejected(b"\xef\xbb\xbf" + "判决".encode("gbk") * 50 + b"\xff\xff", "a.txt").code == "encoding"


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_with_body(body_xml: str) -> bytes:
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W_NS}><w:body>{body_xml}</w:body></w:document>'
    return rewrite_zip(make_docx(["placeholder"]), {"word/document.xml": xml.encode("utf-8")})


class TestDocx:
    def test_paragraphs_and_tables_in_body_order_without_header_footer(self) -> None:
        data = make_docx(
            ["北京市第一中级人民法院", "行政判决书"],
            [["审判长", "李四"], ["书记员", "王五"]],
            ["二〇二三年五月一日"],
            header="页眉：不应提取",
            footer="页脚：第1页",
        )
        got = extract_text(data, "判决.docx", LIMITS)
        assert got.fmt == "docx"
        assert (
            got.text == "北京市第一中级人民法院\n行政判决书\n审判长\t李四\n书记员\t王五\n二〇二三年五月一日"
        )

    def test_tracked_changes_content_controls_and_breaks(self) -> None:
        body = (
            "<w:p><w:r><w:t>原告</w:t></w:r><w:ins><w:r><w:t>张三</w:t></w:r></w:ins>"
            "<w:del><w:r><w:delText>李四</w:delText></w:r></w:del><w:r><w:tab/><w:t>诉</w:t></w:r></w:p>"
            "<w:sdt><w:sdtContent><w:p><w:r><w:t>控件内的段落</w:t><w:br/><w:t>换行</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
            '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
            '<w:hyperlink><w:r><w:t xml:space="preserve">链接文字 </w:t></w:r></w:hyperlink></w:p>'
        )
        got = extract_text(docx_with_body(body), "a.docx", LIMITS)
        assert got.text == "原告张三\t诉\n控件内的段落\n换行\n链接文字"

    @pytest.mark.parametrize("utf16", [False, True])
    def test_billion_laughs_is_refused_fast(self, utf16: bool) -> None:
        start = time.monotonic()
        err = rejected(make_xml_entity_docx(utf16=utf16), "a.docx")
        assert err.code == "xml_attack"
        assert time.monotonic() - start < 1

    def test_doctype_alone_is_refused(self) -> None:
        xml = f'<?xml version="1.0"?><!DOCTYPE w:document><w:document {W_NS}><w:body/></w:document>'
        data = rewrite_zip(make_docx(["x"]), {"word/document.xml": xml.encode()})
        assert rejected(data, "a.docx").code == "xml_attack"

    def test_bomb_inside_docx_container(self) -> None:
        err = rejected(make_docx_with_bomb_part(20), "a.docx")
        assert err.code == "zip_bomb"
        small = Limits(max_zip_total_bytes=5_000)
        assert rejected(make_docx(["正文"]), "a.docx", small).code == "zip_bomb"
        assert rejected(make_docx(["正文"]), "a.docx", Limits(max_zip_entries=3)).code == "zip_too_many"

    def test_corrupt_docx(self) -> None:
        assert rejected(make_corrupt_docx(), "a.docx").code == "bad_docx"
        assert rejected(b"just text pretending", "a.docx").code == "bad_docx"

    def test_zip_with_word_document_but_broken_xml(self) -> None:
        data = rewrite_zip(make_docx(["x"]), {"word/document.xml": b"<w:document><unclosed>"})
        assert rejected(data, "a.docx").code == "bad_docx"

    def test_docx_with_bad_crc(self) -> None:
        data = bytearray(make_docx(["正文"]))
        central = data.find(b"PK\x01\x02")
        data[central + 16 : central + 20] = b"\xef\xbe\xad\xde"
        assert rejected(bytes(data), "a.docx").code == "bad_docx"

    def test_empty_docx(self) -> None:
        assert rejected(make_docx([]), "a.docx").code == "empty"


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------

SENTENCES = [
    "原告张三不服被告某某市人民政府作出的行政复议决定，向本院提起行政诉讼，本院于二〇二三年五月受理后依法组成合议庭。",
    "被告辩称，其作出的行政行为认定事实清楚，证据确凿，适用法律法规正确，符合法定程序，请求驳回原告的诉讼请求。",
    "经审理查明，原告于二〇二二年三月向被告申请公开政府信息，被告逾期未作答复，原告遂申请行政复议。",
    "本院认为，根据《中华人民共和国政府信息公开条例》的规定，行政机关应当在法定期限内作出答复。",
    "综上，依照《中华人民共和国行政诉讼法》第六十九条之规定，判决驳回原告张三的诉讼请求。",
]


def five_page_judgment() -> bytes:
    pages = []
    for i, sentence in enumerate(SENTENCES, start=1):
        lines = (
            ["北京市第一中级人民法院", "行政判决书", "（2023）京01行初123号"]
            if i == 1
            else ["（2023）京01行初123号"]
        )
        lines += [sentence[j : j + 30] for j in range(0, len(sentence), 30)]
        lines += [f"第{i}页 共5页" if i % 2 else f"- {i} -", "中国裁判文书网"]
        pages.append(lines)
    return make_pdf(pages, cjk=True)


class TestPdf:
    def test_ascii_text_layer(self) -> None:
        got = extract_text(make_pdf_with_text(ENGLISH_JUDGMENT), "a.pdf", LIMITS)
        assert got.fmt == "pdf"
        assert got.text == ENGLISH_JUDGMENT

    def test_kangxi_radicals_are_folded(self) -> None:
        got = extract_text(
            make_pdf_with_text("\u2f8f政判决书：本院认为被诉\u2f8f为合法，驳回原告诉讼请求。", cjk=True),
            "a.pdf",
            LIMITS,
        )
        assert got.text == "行政判决书：本院认为被诉行为合法，驳回原告诉讼请求。"

    def test_chinese_text_layer(self) -> None:
        got = extract_text(make_pdf_with_text(JUDGMENT.strip(), cjk=True), "a.pdf", LIMITS)
        assert got.text == JUDGMENT.strip()

    def test_running_headers_page_numbers_and_reflow(self) -> None:
        got = extract_text(five_page_judgment(), "a.pdf", LIMITS)
        expected = "\n".join(["北京市第一中级人民法院", "行政判决书", "（2023）京01行初123号", *SENTENCES])
        assert got.text == expected

    def test_scanned(self) -> None:
        err = rejected(make_scanned_pdf(3), "scan.pdf")
        assert err.code == "pdf_no_text"
        assert err.message.startswith("无文字层，需先OCR")

    def test_partly_scanned_warns(self) -> None:
        data = make_pdf([ENGLISH_JUDGMENT.split("\n"), None])
        got = extract_text(data, "a.pdf", LIMITS)
        assert got.text == ENGLISH_JUDGMENT
        assert any("第2页" in w and "无文字层" in w for w in got.warnings)

    def test_encrypted(self) -> None:
        assert rejected(make_encrypted_pdf(), "a.pdf").code == "pdf_encrypted"

    def test_encrypted_with_empty_user_password_opens(self) -> None:
        got = extract_text(make_encrypted_pdf(user_password=""), "a.pdf", LIMITS)
        assert got.text == ENGLISH_JUDGMENT

    @pytest.mark.parametrize("data", [b"%PDF-1.4\n garbage garbage", make_pdf_with_text("x" * 40)[:200]])
    def test_corrupt(self, data: bytes) -> None:
        assert rejected(data, "a.pdf").code == "bad_pdf"

    def test_too_many_pages(self) -> None:
        data = make_pdf([["page one text long enough"], ["page two"]])
        assert rejected(data, "a.pdf", Limits(max_pdf_pages=1)).code == "too_large"

    def test_every_page_failing_is_bad_pdf(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from pypdf import PageObject

        def boom(*args: object, **kwargs: object) -> str:
            raise KeyError("/Font")

        monkeypatch.setattr(PageObject, "extract_text", boom)
        assert rejected(make_pdf_with_text(ENGLISH_JUDGMENT), "a.pdf").code == "bad_pdf"


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

EXPECTED_HTML = "\n".join(
    [
        "某某诉某某市人民政府行政复议案",
        "北京市第一中级人民法院",
        "行 政 判 决 书",
        "（2023）京01行初123号",
        "原告张三，男，1970年1月1日出生。",
        "被告某某市人民政府，住所地某某市。",
        "原告张三不服被告作出的行政复议决定，向本院提起行政诉讼。本院受理后，依法组成合议庭，公开开庭审理了本案。",
        "本院认为，被告作出的决定认定事实清楚，适用法律正确，程序合法。",
        "判决如下：",
        "驳回原告张三的诉讼请求。 案件受理费50元，由原告负担。",
        "审判长\t李四",
        "书记员\t王五",
    ]
)


class TestHtml:
    @pytest.mark.parametrize(
        ("charset", "declare", "encoding"),
        [
            ("utf-8", True, "utf-8"),
            ("gbk", True, "gb18030"),
            ("gbk", False, "gb18030"),
            ("utf-16", True, "utf-16-le"),
        ],
    )
    def test_judgment_page(self, charset: str, declare: bool, encoding: str) -> None:
        got = extract_text(make_judgment_html(charset=charset, declare=declare), "判决.html", LIMITS)
        assert got.fmt == "html"
        assert got.encoding == encoding
        assert got.text == EXPECTED_HTML
        for chrome in (
            "首页",
            "登录",
            "民事案件",
            "广告",
            "分享",
            "网友评论",
            "相关推荐",
            "热门法规",
            "搜索",
            "版权所有",
        ):
            assert chrome not in got.text
        assert "脚本" not in got.text and "隐藏" not in got.text

    def test_declared_charset_is_checked_against_content(self) -> None:
        body = "<html><head><meta charset='{}'></head><body><p>本院认为，被诉行为合法。</p></body></html>"
        stale = extract_text(body.format("gb2312").encode("utf-8"), "a.html", LIMITS)
        assert (stale.encoding, stale.text) == ("utf-8", "本院认为，被诉行为合法。")
        western = extract_text(body.format("iso-8859-1").encode("gbk"), "a.html", LIMITS)
        assert (western.encoding, western.text) == ("gb18030", "本院认为，被诉行为合法。")

    def test_no_container_falls_back_to_body_without_chrome(self) -> None:
        page = (
            "<html><body><div class='topnav'>首页 登录</div><p>行政裁定书</p><p>本院认为，起诉不符合法定条件。</p>"
            "<footer>版权所有</footer></body></html>"
        )
        got = extract_text(page.encode(), "a.html", LIMITS)
        assert got.text == "行政裁定书\n本院认为，起诉不符合法定条件。"
        assert got.warnings == ["未找到正文容器，已提取整页文字"]

    def test_aspnet_form_wrapping_the_page_is_kept(self) -> None:
        page = (
            "<html><body><form id='form1'><div class='menu'>菜单</div>"
            "<div id='DivContent'><p>行政判决书</p><p>本院认为，被诉行为合法。</p></div></form></body></html>"
        )
        got = extract_text(page.encode(), "a.html", LIMITS)
        assert got.text == "行政判决书\n本院认为，被诉行为合法。"

    def test_article_header_is_kept(self) -> None:
        page = (
            "<html><body><header>网站标题</header><article><header><h1>行政判决书</h1></header>"
            "<p>本院认为，被诉行为合法，应予支持。原告的诉讼请求缺乏事实根据。</p></article></body></html>"
        )
        got = extract_text(page.encode(), "a.html", LIMITS)
        assert got.text == "行政判决书\n本院认为，被诉行为合法，应予支持。原告的诉讼请求缺乏事实根据。"

    def test_header_class_inside_content_is_kept_footer_is_not(self) -> None:
        page = (
            "<html><body><div class='page-header'>网站名称</div><div class='wenshu'>"
            "<div class='content-header'>行政裁定书</div><p>本院认为，起诉已超过法定期限，依法应予驳回。</p>"
            "<div class='content-footer'>打印 关闭</div></div></body></html>"
        )
        got = extract_text(page.encode(), "a.html", LIMITS)
        assert got.text == "行政裁定书\n本院认为，起诉已超过法定期限，依法应予驳回。"

    def test_entities_are_never_expanded(self) -> None:
        page = (
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html [<!ENTITY a "AAAAAAAAAA">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c SYSTEM "file:///etc/passwd">]>'
            "<html><body><div class='content'><p>判决 &b; &c; &amp; 完</p></div></body></html>"
        )
        got = extract_text(page.encode(), "a.html", LIMITS)
        assert "AAAA" not in got.text and "root:" not in got.text and "]>" not in got.text
        assert got.text.startswith("判决") and got.text.endswith("& 完")

    def test_unparseable(self) -> None:
        assert (
            rejected(b"<!DOCTYPE html>\n<!-- saved from url=(0042)http://example -->", "a.html").code
            == "bad_html"
        )

    def test_markup_without_text_is_empty(self) -> None:
        page = b"<html><head><title>t</title></head><body><script>var x = 1;</script><br></body></html>"
        assert rejected(page, "a.html").code == "empty"


def test_fixture_builders_are_valid() -> None:
    """Sanity checks on the fixtures themselves."""
    with zipfile.ZipFile(io.BytesIO(make_docx(["x"]))) as zf:
        assert "word/document.xml" in zf.namelist()
    assert make_pdf_with_text("x").startswith(b"%PDF-1.4")
