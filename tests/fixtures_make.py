"""Build good, bad and odd input files in memory for the ingestion tests.

Nothing here reads files from the repository: every fixture is made from code so the tests
show exactly what is being exercised.
"""

from __future__ import annotations

import functools
import io
import struct
import uuid
import zipfile
from collections.abc import Iterable, Sequence

# --------------------------------------------------------------------------------------------
# text
# --------------------------------------------------------------------------------------------

JUDGMENT = (
    "北京市第一中级人民法院\n"
    "行政判决书\n"
    "（2023）京01行初123号\n"
    "原告张三，男，1970年1月1日出生。\n"
    "被告某某市人民政府，住所地某某市。\n"
    "原告张三不服被告作出的行政复议决定，向本院提起行政诉讼。\n"
    "本院认为，被告作出的决定认定事实清楚，适用法律正确。\n"
    "判决如下：驳回原告张三的诉讼请求。\n"
    "审判长　李四\n"
)


def make_gbk_txt(text: str = JUDGMENT, *, crlf: bool = True) -> bytes:
    if crlf:
        text = text.replace("\n", "\r\n")
    return text.encode("gbk")


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------


def make_docx(
    paragraphs: Sequence[str],
    table_rows: Sequence[Sequence[str]] | None = None,
    after: Sequence[str] = (),
    *,
    header: str | None = None,
    footer: str | None = None,
) -> bytes:
    """paragraphs, then a table, then ``after`` paragraphs; optional page header/footer."""
    import docx

    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if table_rows:
        ncols = max(len(r) for r in table_rows)
        table = doc.add_table(rows=len(table_rows), cols=ncols)
        for r, row in enumerate(table_rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    for text in after:
        doc.add_paragraph(text)
    section = doc.sections[0]
    if header is not None:
        section.header.paragraphs[0].text = header
    if footer is not None:
        section.footer.paragraphs[0].text = footer
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def rewrite_zip(data: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    """Copy a ZIP (e.g. a DOCX), replacing and adding members."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
        for name, content in (add or {}).items():
            dst.writestr(name, content, compresslevel=9)
    return out.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>
"""


def make_xml_entity_docx(*, utf16: bool = False) -> bytes:
    """A DOCX whose word/document.xml is a billion-laughs bomb (optionally UTF-16 encoded)."""
    payload = BILLION_LAUGHS
    if utf16:
        payload = b"\xff\xfe" + payload.decode("utf-8").replace("UTF-8", "UTF-16").encode("utf-16-le")
    return rewrite_zip(make_docx(["x"]), {"word/document.xml": payload})


def make_docx_with_bomb_part(megabytes: int = 20) -> bytes:
    """A valid DOCX carrying an extra part of zeros (compression ratio ~1000:1)."""
    return rewrite_zip(make_docx(["正文"]), {}, {"word/media/padding.bin": bytes(megabytes * 1024 * 1024)})


def make_corrupt_docx() -> bytes:
    data = make_docx(["行政判决书", "本院认为"])
    return data[: len(data) // 2]


# --------------------------------------------------------------------------------------------
# PDF (hand-written, no extra packages)
# --------------------------------------------------------------------------------------------


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def _pdf_hex_ucs2(text: str) -> bytes:
    return b"<" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _assemble_pdf(objects: list[bytes]) -> bytes:
    """objects[i] is the body of object i+1; object 1 must be the catalog."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(content: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def make_pdf(pages: Sequence[Sequence[str] | None], *, cjk: bool = False) -> bytes:
    """One PDF page per item: a list of text lines, or None for a page with only a drawing.

    ASCII text uses Helvetica; ``cjk=True`` uses the non-embedded Adobe-GB1 font STSong-Light
    with the UniGB-UCS2-H CMap (text shown as UCS-2 hex strings), which pypdf can map back.
    """
    objects: list[bytes] = [b"", b""]  # catalog, pages: filled in below
    if cjk:
        objects.append(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
            b" /DescendantFonts [4 0 R] >>"
        )
        objects.append(
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >>"
            b" /FontDescriptor 5 0 R /DW 1000 >>"
        )
        objects.append(
            b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900]"
            b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
        )
    else:
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        if lines is None:
            content = b"q 0.5 g 72 72 400 600 re f Q"
        else:
            ops = [b"BT /F1 12 Tf 16 TL 72 780 Td"]
            for i, line in enumerate(lines):
                if i:
                    ops.append(b"T*")
                ops.append((_pdf_hex_ucs2(line) if cjk else _pdf_string(line)) + b" Tj")
            ops.append(b"ET")
            content = b"\n".join(ops)
        objects.append(_stream(content))
        content_ref = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
            b" /Contents %d 0 R >>" % content_ref
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    return _assemble_pdf(objects)


def make_pdf_with_text(text: str, *, cjk: bool = False) -> bytes:
    return make_pdf([text.split("\n")], cjk=cjk)


def make_scanned_pdf(n_pages: int = 2) -> bytes:
    return make_pdf([None] * n_pages)


def make_encrypted_pdf(user_password: str = "secret", owner_password: str = "owner") -> bytes:
    """RC4-128 (pure-Python in pypdf, no cryptography package needed)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf_with_text(ENGLISH_JUDGMENT))))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


ENGLISH_JUDGMENT = (
    "Administrative Judgment\n"
    "Case (2023) Jing 01 Xing Chu No. 123\n"
    "The plaintiff challenges the reconsideration decision of the defendant.\n"
    "The court holds that the decision is lawful. The claim is dismissed."
)


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


def make_judgment_html(*, charset: str = "utf-8", declare: bool = True) -> bytes:
    """A page as saved from a judgment database: chrome around a ``PDF_pox`` content block."""
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if declare else ""
    page = f"""<!DOCTYPE html>
<html><head>{meta}<title>某某诉某某市人民政府行政复议案 - 裁判文书网</title>
<style>.PDF_pox {{ font-size: 16px }}</style>
<script>var tracking = "不应出现的脚本文字";</script></head>
<body class="has-sidebar">
<div id="header" class="site-header"><a href="/">首页</a> | <a href="/login">登录</a></div>
<nav class="main-nav"><ul><li>刑事案件</li><li>民事案件</li><li>行政案件</li></ul></nav>
<div class="breadcrumb">首页 &gt; 行政案件 &gt; 判决书</div>
<div class="ad-box">广告：律师在线咨询</div>
<div id="wrapper">
  <div class="detail">
    <div class="PDF_title">某某诉某某市人民政府行政复议案</div>
    <div class="PDF_pox">
      <div style="text-align:center">北京市第一中级人民法院</div>
      <div style="text-align:center">行 政 判 决 书</div>
      <div style="text-align:right">（2023）京01行初123号</div>
      <p>原告张三，男，1970年1月1日出生。</p>
      <p>被告某某市人民政府，住所地某某市。</p>
      <p>原告张三不服被告作出的行政复议决定，向本院提起行政诉讼。本院受理后，依法组成合议庭，公开开庭审理了本案。</p>
      <p>本院认为，被告作出的决定认定事实清楚，适用法律正确，程序合法。<br>判决如下：</p>
      <p>驳回原告张三的诉讼请求。&nbsp;案件受理费50元，由原告负担。</p>
      <table><tr><td>审判长</td><td>李四</td></tr><tr><td>书记员</td><td>王五</td></tr></table>
      <span style="display:none">隐藏的统计文字</span>
    </div>
  </div>
  <div class="share-bar">分享到：微信 微博</div>
  <div class="comments"><h3>网友评论</h3><p>这个判决很好。</p></div>
  <div class="recommend-list"><h3>相关推荐</h3><ul><li>某某诉某某区政府案</li></ul></div>
  <aside>热门法规</aside>
</div>
<form action="/search"><input name="q"><button>搜索</button></form>
<div id="footer">版权所有 &copy; 最高人民法院</div>
</body></html>
"""
    return page.encode(charset)


# --------------------------------------------------------------------------------------------
# ZIP
# --------------------------------------------------------------------------------------------

Members = dict[str, bytes] | Iterable[tuple[str | bytes, bytes]]


def make_zip(
    members: Members,
    *,
    gbk_names: bool = True,
    name_encoding: str = "gbk",
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A ZIP as Windows' "send to compressed folder" makes it.

    With ``gbk_names`` non-ASCII names are stored as ``name_encoding`` bytes *without* the
    UTF-8 flag (zipfile would always set the flag, so ASCII placeholders of the same byte
    length are written and then patched).  ``name_encoding="utf-8"`` imitates macOS.  Names
    ending in "/" become directory entries.  ``members`` values may also be raw name bytes
    when given as ``(bytes_name, content)`` pairs.
    """
    items = list(members.items()) if isinstance(members, dict) else list(members)
    patches: dict[bytes, bytes] = {}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, content in items:
            raw = name if isinstance(name, bytes) else name.encode(name_encoding)
            is_dir = raw.endswith(b"/")
            stored_name = raw.decode("ascii") if raw.isascii() else str(name)
            if isinstance(name, bytes) or (gbk_names and not raw.isascii()):
                raw = raw.rstrip(b"/")
                token = uuid.uuid4().hex.encode("ascii")
                placeholder = (token * (len(raw) // len(token) + 1))[: len(raw)]
                patches[placeholder] = raw
                stored_name = placeholder.decode("ascii") + ("/" if is_dir else "")
            if is_dir:
                zf.writestr(zipfile.ZipInfo(stored_name), b"")
            else:
                zf.writestr(stored_name, content)
    data = buf.getvalue()
    for placeholder, raw in patches.items():
        assert data.count(placeholder) == 2  # local header + central directory
        data = data.replace(placeholder, raw)
    return data


def make_nested_zip(levels: int, leaf_name: str = "判决.txt", leaf: bytes | None = None) -> bytes:
    """``levels`` ZIPs inside each other (1 = a plain ZIP holding the leaf)."""
    data = make_zip({leaf_name: leaf if leaf is not None else JUDGMENT.encode("utf-8")})
    for level in range(2, levels + 1):
        data = make_zip({f"第{level}层.zip": data})
    return data


@functools.lru_cache(maxsize=4)
def make_zip_bomb(megabytes: int = 200) -> bytes:
    """``megabytes`` MB of zeros in one member, streamed in 1 MB writes (~200 KB, < 1 s)."""
    buf = io.BytesIO()
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("说明.txt", "正常文件".encode())
        with zf.open("bomb.txt", "w") as fh:
            for _ in range(megabytes):
                fh.write(chunk)
    return buf.getvalue()


def _patch_headers(
    data: bytes, *, file_size: int | None = None, flag_or: int = 0, crc: int | None = None
) -> bytes:
    """Patch every local and central header of a single-member-friendly ZIP."""
    out = bytearray(data)
    pos = 0
    while (pos := out.find(b"PK\x03\x04", pos)) != -1:
        if flag_or:
            struct.pack_into("<H", out, pos + 6, struct.unpack_from("<H", out, pos + 6)[0] | flag_or)
        if crc is not None:
            struct.pack_into("<I", out, pos + 14, crc)
        if file_size is not None:
            struct.pack_into("<I", out, pos + 22, file_size)
        pos += 4
    pos = 0
    while (pos := out.find(b"PK\x01\x02", pos)) != -1:
        if flag_or:
            struct.pack_into("<H", out, pos + 8, struct.unpack_from("<H", out, pos + 8)[0] | flag_or)
        if crc is not None:
            struct.pack_into("<I", out, pos + 16, crc)
        if file_size is not None:
            struct.pack_into("<I", out, pos + 24, file_size)
        pos += 4
    return bytes(out)


def make_lying_zip(declared: int = 100, actual_mb: int = 8) -> bytes:
    """One member of ``actual_mb`` MB of zeros whose headers claim ``declared`` bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("liar.txt", bytes(actual_mb * 1024 * 1024))
    return _patch_headers(buf.getvalue(), file_size=declared)


def make_encrypted_zip() -> bytes:
    """Members flagged as traditionally encrypted (flag bit 0) — rejected before decryption."""
    return _patch_headers(make_zip({"判决.txt": "机密".encode()}, gbk_names=False), flag_or=0x1)


def make_zip_with_bad_crc_member() -> bytes:
    """Two members; the first one's stored CRC is wrong."""
    good = make_zip({"a.txt": "第一份".encode(), "b.txt": "第二份".encode()}, gbk_names=False)
    out = bytearray(good)
    local = out.find(b"PK\x03\x04")
    central = out.find(b"PK\x01\x02")
    struct.pack_into("<I", out, local + 14, 0xDEADBEEF)
    struct.pack_into("<I", out, central + 16, 0xDEADBEEF)
    return bytes(out)
