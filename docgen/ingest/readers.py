"""Turn the bytes of one input file into plain text, safely.

Supported: plain text (UTF-8 with/without BOM, UTF-16/32, GB18030/GBK, …), DOCX, PDF with a
text layer and HTML pages saved from judgment databases.  Every failure is reported as
:class:`docgen.errors.Rejected` with a stable code; no library exception escapes
:func:`extract_text`.

Nothing here touches the network or the file system: the input is a ``bytes`` object and all
parsing happens in memory with the limits of :class:`docgen.config.Limits`.
"""

from __future__ import annotations

import codecs
import io
import math
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from docgen.config import Limits
from docgen.errors import Rejected

__all__ = ["Extracted", "detect_format", "extract_text", "decode_text"]

FORMATS = ("txt", "docx", "pdf", "html")


@dataclass
class Extracted:
    """Text of one document. ``fmt`` is one of 'txt', 'docx', 'pdf', 'html'."""

    text: str
    fmt: str
    encoding: str | None
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# format detection
# --------------------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_PDF_MAGIC = b"%PDF-"
# Formats we recognise only to give the clerk a useful message.
_UNSUPPORTED_MAGICS: tuple[tuple[bytes, str], ...] = (
    (b"{\\rtf", "RTF文档请用Word另存为DOCX后上传"),
    (b"Rar!\x1a\x07", "RAR压缩包请改为ZIP格式后上传"),
    (b"7z\xbc\xaf\x27\x1c", "7z压缩包请改为ZIP格式后上传"),
    (b"\x1f\x8b", "GZIP压缩文件请改为ZIP格式后上传"),
    (b"\x89PNG\r\n\x1a\n", "图片文件无文字，需先OCR识别"),
    (b"\xff\xd8\xff", "图片文件无文字，需先OCR识别"),
    (b"GIF87a", "图片文件无文字，需先OCR识别"),
    (b"GIF89a", "图片文件无文字，需先OCR识别"),
    (b"II*\x00", "图片文件无文字，需先OCR识别"),
    (b"MM\x00*", "图片文件无文字，需先OCR识别"),
    (b"\x7fELF", "可执行程序"),
    (b"%!PS", "PostScript文件请转换为PDF后上传"),
)
# A ZIP whose central directory is this large is not a document we would sniff further.
_SNIFF_MAX_ENTRIES = 20_000
_HTML_EXTS = (".html", ".htm", ".xhtml", ".shtml", ".shtm")


def _ext(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


def _ole_detail(ext: str) -> str:
    if ext in (".docx", ".xlsx", ".pptx"):
        return "文件为加密的Office文档或旧版格式，请去除打开密码并另存为DOCX后上传"
    if ext in (".xls", ".et"):
        return "不支持Excel表格"
    if ext in (".ppt", ".dps"):
        return "不支持PowerPoint演示文稿"
    return "旧版Word(.doc)请另存为DOCX后上传"


def _zip_kind(data: bytes, ext: str) -> str:
    if data.count(b"PK\x01\x02") > _SNIFF_MAX_ENTRIES:
        return "zip"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except Exception:  # corrupt: let the docx/zip reader report it precisely
        return "docx" if ext == ".docx" else "zip"
    if "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names:  # an Office Open XML package that is not Word
        if any(n.startswith("xl/") for n in names):
            raise Rejected("unsupported", "不支持Excel表格")
        if any(n.startswith("ppt/") for n in names):
            raise Rejected("unsupported", "不支持PowerPoint演示文稿")
        if ext == ".docx":
            return "docx"  # unusual part names: python-docx follows the relationships
    lowered = {n.lower() for n in names}
    if "ofd.xml" in lowered:
        raise Rejected("unsupported", "OFD版式文件请转换为PDF或DOCX后上传")
    if "mimetype" in names and "meta-inf/manifest.xml" in lowered:
        raise Rejected("unsupported", "OpenDocument文档请另存为DOCX后上传")
    return "zip"


def _sniff_head(data: bytes) -> str:
    """The first few KB as lower-case text, good enough to look for markup."""
    head = data[:4096]
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="ignore")
    elif head.count(b"\x00") > len(head) // 4:
        # BOM-less UTF-16: ASCII markup has the NUL on the odd (LE) or even (BE) side
        odd = head[1::2].count(b"\x00")
        even = head[0::2].count(b"\x00")
        text = head.decode("utf-16-le" if odd >= even else "utf-16-be", errors="ignore")
    else:
        text = head.decode("latin-1")
    return text.lstrip("\ufeff \t\r\n").lower()


_HTML_TAG_RE = re.compile(r"<(html|head|body|meta|title|div|p|table|span|br|h[1-6])\b")


def _looks_like_html(head: str, ext: str) -> bool:
    if head.startswith("<!doctype html"):
        return True
    if head.startswith("<") and _HTML_TAG_RE.search(head):
        return True
    return ext in _HTML_EXTS and _HTML_TAG_RE.search(head) is not None


def _looks_like_mhtml(head: str) -> bool:
    return "multipart/related" in head and ("mime-version:" in head or "content-type:" in head[:200])


def detect_format(data: bytes, name: str) -> str:
    """Return 'zip', 'docx', 'pdf', 'html' or 'txt' for ``data``.

    Magic bytes decide; the extension of ``name`` is only a hint (a file called ``.docx`` or
    ``.pdf`` that is not one is reported as a damaged DOCX/PDF by :func:`extract_text`).
    Raises ``Rejected('unsupported')`` for formats we recognise but cannot read (old binary
    Word ``.doc``, RTF, RAR/7z, images, OFD, Excel …).
    """
    ext = _ext(name)
    if data.startswith(_OLE_MAGIC):
        raise Rejected("unsupported", _ole_detail(ext))
    if data.startswith(_ZIP_MAGICS):
        return _zip_kind(data, ext)
    if _PDF_MAGIC in data[:1024]:
        return "pdf"
    for magic, detail in _UNSUPPORTED_MAGICS:
        if data.startswith(magic):
            raise Rejected("unsupported", detail)
    head = _sniff_head(data)
    if _looks_like_mhtml(head):
        raise Rejected("unsupported", "MHT网页存档请在浏览器中另存为“网页，仅HTML”后上传")
    if _looks_like_html(head, ext):
        return "html"
    if ext == ".docx":
        return "docx"
    if ext == ".pdf":
        return "pdf"
    if ext == ".zip":
        return "zip"
    return "txt"


# --------------------------------------------------------------------------------------------
# text decoding and normalisation
# --------------------------------------------------------------------------------------------

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    (b"\x84\x31\x95\x33", "gb18030", "gb18030"),
)
_UNTRUSTED_DECLARED = {"latin-1", "iso8859-1", "cp1252", "ascii", "iso8859-15"}
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "ms936", "euc_cn", "euc-cn"}
# A damaged byte or two in a long file is tolerated (replaced by U+FFFD, with a warning).
_MAX_BAD_CHARS = 20
_MAX_BAD_RATIO = 1 / 2000


def _canonical_codec(name: str) -> str | None:
    try:
        canon = codecs.lookup(name).name
    except LookupError:
        return None
    if canon in _GB_FAMILY or name.lower().replace("-", "_") in {"gb2312", "gbk", "x_gbk", "cp936"}:
        return "gb18030"  # superset of GB2312 and GBK
    return canon


def _decode_with(data: bytes, codec: str, label: str, warnings: list[str]) -> tuple[str, str] | None:
    try:
        return data.decode(codec), label
    except (UnicodeDecodeError, LookupError):
        pass
    try:
        text = data.decode(codec, errors="replace")
    except LookupError:
        return None
    bad = text.count("\ufffd")
    if 0 < bad <= max(1, min(_MAX_BAD_CHARS, int(len(text) * _MAX_BAD_RATIO) + 1)):
        warnings.append(f"有{bad}处无法按{label}解码的字节，已替换为“\ufffd”")
        return text, label
    return None


def _charset_normalizer_guess(data: bytes) -> list[str]:
    """Codecs proposed by charset-normalizer, best first, GB family promoted on a tie."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return []
    best_chaos = min(m.chaos for m in matches)
    order: list[str] = []
    # Chinese court documents: when a GB codec is about as plausible as the winner, take GB18030.
    for m in matches:
        canon = _canonical_codec(m.encoding)
        if canon == "gb18030" and m.chaos <= best_chaos + 0.05:
            order.append("gb18030")
            break
    for m in matches:
        canon = _canonical_codec(m.encoding)
        if canon and canon not in order:
            order.append(canon)
    return order


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Decode bytes of unknown encoding: BOM, strict UTF-8, ``declared``, then detection.

    Strict UTF-8 goes before a declared charset: Chinese text that is valid UTF-8 is UTF-8,
    whatever a stale ``<meta charset=gb2312>`` says.  Declared single-byte Western charsets
    (often a server default) are ignored because they decode anything.
    Returns ``(text, encoding label, warnings)``; raises ``Rejected('encoding')``.
    """
    warnings: list[str] = []
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), label, warnings
            except UnicodeDecodeError:
                continue  # e.g. FF FE 00 00 may be UTF-16-LE text starting with U+0000
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError:
        pass
    codec = _canonical_codec(declared) if declared else None
    if codec and codec not in _UNTRUSTED_DECLARED and not codec.startswith(("utf-16", "utf-32", "utf-8")):
        try:
            return data.decode(codec), codec, warnings
        except UnicodeDecodeError:
            warnings.append(f"声明的编码{declared}与内容不符，已自动识别编码")
    try:
        candidates = _charset_normalizer_guess(data)
    except Exception as err:  # pragma: no cover - detector bug
        raise Rejected("encoding", f"编码识别失败（{type(err).__name__}）") from err
    for codec in candidates:
        got = _decode_with(data, codec, codec, warnings)
        if got is not None:
            return got[0], got[1], warnings
    # Short GBK snippets fool every detector; a judgment is Chinese, so try GB18030 once more.
    got = _decode_with(data, "gb18030", "gb18030", warnings)
    if got is not None and _cjk_share(got[0]) >= 0.5:
        warnings.append("编码无法可靠识别，已按GB18030解码")
        return got[0], got[1], warnings
    raise Rejected("encoding", "既不是UTF-8/UTF-16，也不是GB18030/GBK等可识别的编码")


def _cjk_share(text: str) -> float:
    letters = [c for c in text if not c.isspace() and not c.isascii()]
    if not letters:
        return 0.0
    cjk = sum(
        1
        for c in letters
        if "\u3400" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
    )
    return cjk / len(letters)


# C0/C1 controls except \t \n, zero-width characters, stray BOMs and non-characters.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\ufffe\uffff]")
_NEWLINE_RE = re.compile("\r\n|[\r\x0b\x0c\u2028\u2029\x85]")
_BLANKS_RE = re.compile(r"\n{3,}")


def _radical_table() -> dict[int, str]:
    """Kangxi radicals and CJK compatibility ideographs -> unified ideographs.

    PDF text layers often carry e.g. U+2F8F "⾏" instead of U+884C "行" (the font maps the glyph
    that way); the text looks right but no search for "行政" matches it.  Only these blocks
    are folded: NFKC on everything would also turn full-width "（）：" into ASCII.
    """
    table: dict[int, str] = {}
    for lo, hi in ((0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)):
        for cp in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if folded != chr(cp) and len(folded) == 1:
                table[cp] = folded
    return table


_RADICALS = _radical_table()
_HAS_RADICAL = re.compile("[\u2F00-\u2FDF\uF900-\uFAFF\U0002F800-\U0002FA1F]")  # translate only if needed


def normalise_text(text: str) -> str:
    """\\n newlines, no control characters, unified ideographs, no trailing spaces, ≤1 blank line in a row."""
    text = _NEWLINE_RE.sub("\n", text)
    text = _CONTROL_RE.sub("", text)
    if _HAS_RADICAL.search(text):
        text = text.translate(_RADICALS)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANKS_RE.sub("\n\n", text).strip("\n")


def _visible_len(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


# --------------------------------------------------------------------------------------------
# TXT
# --------------------------------------------------------------------------------------------


def _extract_txt(data: bytes, limits: Limits) -> Extracted:
    text, encoding, warnings = decode_text(data)
    if len(text) > limits.max_text_chars * 2:  # cheap early exit before normalising
        raise Rejected("too_large", f"文字超过{limits.max_text_chars}字")
    if "\x00" in text and text.count("\x00") > len(text) // 10:
        raise Rejected("encoding", "内容含大量空字符，疑似二进制文件")
    return Extracted(normalise_text(text), "txt", encoding, warnings)


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {
    "w": _W,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
}
_XML_ATTACK_MARKERS: tuple[bytes, ...] = tuple(
    marker.encode(enc)
    for marker in ("<!doctype", "<!entity")
    for enc in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
# Runs of a paragraph, in order, minus deleted/moved-away text, VML/DrawingML fallbacks and
# text boxes (whose text is not part of the paragraph's reading order).
_RUN_BITS = etree.XPath(
    "(.//w:r/w:t | .//w:r/w:tab | .//w:r/w:br | .//w:r/w:cr | .//w:r/w:noBreakHyphen)"
    "[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::mc:Fallback"
    " or ancestor::w:txbxContent or ancestor::v:textbox)]",
    namespaces=_NS,
)


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM_XML, _ALT_CHUNK = (
    _q(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "altChunk")
)
_T, _TAB, _BR, _CR, _NB_HYPHEN = (_q(t) for t in ("t", "tab", "br", "cr", "noBreakHyphen"))


def _scan_docx_container(data: bytes, limits: Limits) -> None:
    """Open the DOCX zip ourselves first: size/ratio limits, CRC, and no DTDs/entities."""
    from docgen.ingest.archive import Budget, check_declared, read_member

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except Exception as err:
        raise Rejected("bad_docx", f"不是有效的ZIP/DOCX结构（{type(err).__name__}）") from err
    with zf:
        infos = zf.infolist()
        check_declared(infos, limits, data_len=len(data), what="DOCX文档")
        budget = Budget(limits.max_zip_total_bytes)
        for info in infos:
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise Rejected("bad_docx", "文档部件被加密")
            try:
                part = read_member(data, info, limits, budget, zf=zf)
            except Rejected as rej:
                if rej.code == "zip_bomb":
                    raise
                raise Rejected("bad_docx", rej.detail or rej.message) from rej
            lowered = part.lower()
            if any(m in lowered for m in _XML_ATTACK_MARKERS):
                raise Rejected("xml_attack", f"部件“{info.filename}”含有DOCTYPE/ENTITY声明")


def _para_text(p: Any) -> str:
    out: list[str] = []
    for el in _RUN_BITS(p):
        tag = el.tag
        if tag == _T:
            out.append(el.text or "")
        elif tag == _TAB:
            out.append("\t")
        elif tag in (_BR, _CR):
            out.append("\n")
        elif tag == _NB_HYPHEN:
            out.append("-")
    return "".join(out)


def _unwrap(parent: Any, wanted: str) -> list[Any]:
    """Children with tag ``wanted``, looking through content controls and custom XML."""
    found: list[Any] = []
    for child in parent.iterchildren():
        if child.tag == wanted:
            found.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                found.extend(_unwrap(content, wanted))
        elif child.tag == _CUSTOM_XML:
            found.extend(_unwrap(child, wanted))
    return found


def _docx_blocks(container: Any, warnings: list[str]) -> list[str]:
    """Paragraphs and table rows of a body/cell in document order, one string each."""
    lines: list[str] = []
    for child in container.iterchildren():
        tag = child.tag
        if tag == _P:
            lines.append(_para_text(child))
        elif tag == _TBL:
            for row in _unwrap(child, _TR):
                cells = []
                for cell in _unwrap(row, _TC):
                    parts = [s.strip() for s in _docx_blocks(cell, warnings)]
                    cells.append(" ".join(s.replace("\n", " ") for s in parts if s))
                lines.append("\t".join(cells))
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                lines.extend(_docx_blocks(content, warnings))
        elif tag == _CUSTOM_XML:
            lines.extend(_docx_blocks(child, warnings))
        elif tag == _ALT_CHUNK:
            warnings.append("文档含有嵌入的外部内容（altChunk），未提取")
    return lines


def _extract_docx(data: bytes, limits: Limits) -> Extracted:
    _scan_docx_container(data, limits)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as err:
        raise Rejected("bad_docx", f"无法打开Word文档（{type(err).__name__}）") from err
    warnings: list[str] = []
    text = normalise_text("\n".join(_docx_blocks(body, warnings)))
    return Extracted(text, "docx", None, sorted(set(warnings)))


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------

_PDF_MIN_CHARS = 20  # fewer visible characters than this: a scan with a stray text object
_ZONE = 3  # lines at the top/bottom of a page that may be running headers/footers
_PAGE_NO_ANYWHERE = re.compile(
    r"^\s*(?:"
    r"第\s*\d+\s*页\s*[,，/、]?\s*(?:共\s*\d+\s*页)?"
    r"|共\s*\d+\s*页\s*[,，/、]?\s*第\s*\d+\s*页"
    r"|[-－—–]\s*\d{1,4}\s*[-－—–]"
    r"|page\s*\d+(?:\s*(?:of|/)\s*\d+)?"
    r")\s*$",
    re.IGNORECASE,
)
_PAGE_NO_EDGE = re.compile(r"^\s*(?:\d{1,4}|\d{1,4}\s*/\s*\d{1,4})\s*$")
_DIGITS = re.compile(r"[0-9０-９]+")
_SENTENCE_END = set("。！？；：”’）】」』…!?;:")


def _line_key(line: str) -> str:
    return _DIGITS.sub("#", "".join(line.split()))


def _edge_indexes(lines: list[str], top: bool) -> list[int]:
    idx = [i for i, ln in enumerate(lines) if ln.strip()]
    return idx[:_ZONE] if top else idx[-_ZONE:]


def _strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and header/footer lines that recur on most pages."""
    cleaned: list[list[str]] = []
    for lines in pages:
        edges = set(_edge_indexes(lines, True)[:2] + _edge_indexes(lines, False)[-2:])
        cleaned.append(
            [
                ln
                for i, ln in enumerate(lines)
                if not _PAGE_NO_ANYWHERE.match(ln) and not (i in edges and _PAGE_NO_EDGE.match(ln))
            ]
        )
    n = len(cleaned)
    if n < 3:
        return cleaned
    head_count: Counter[str] = Counter()
    foot_count: Counter[str] = Counter()
    for p, lines in enumerate(cleaned):
        if p > 0:  # the first page's top holds the court, title and case number: never a header
            head_count.update({_line_key(lines[i]) for i in _edge_indexes(lines, True)})
        foot_count.update({_line_key(lines[i]) for i in _edge_indexes(lines, False)})
    head_min = max(2, math.ceil(0.6 * (n - 1)))
    foot_min = max(2, math.ceil(0.6 * n))
    heads = {k for k, c in head_count.items() if c >= head_min and k}
    feet = {k for k, c in foot_count.items() if c >= foot_min and k}
    out: list[list[str]] = []
    for p, lines in enumerate(cleaned):
        drop = {i for i in _edge_indexes(lines, False) if _line_key(lines[i]) in feet}
        if p > 0:
            drop.update(i for i in _edge_indexes(lines, True) if _line_key(lines[i]) in heads)
        out.append([ln for i, ln in enumerate(lines) if i not in drop])
    return out


def _is_cjkish(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or ch.isdigit()


def _reflow(lines: list[str]) -> list[str]:
    """Re-join Chinese paragraphs that the PDF broke into visual lines.

    Only a line about as long as the page's full lines, ending without sentence punctuation,
    is joined to a following line that is not indented; headings and short lines stay.
    """
    lengths = sorted(len(ln.strip()) for ln in lines if ln.strip())
    if len(lengths) < 5:
        return lines
    full = lengths[int(0.8 * (len(lengths) - 1))]
    if full < 15:
        return lines
    out: list[str] = []
    joining = False
    for ln in lines:
        cur = ln.strip()
        if joining and cur and not ln[:1].isspace() and _is_cjkish(cur[0]):
            out[-1] += cur
        else:
            out.append(ln)
        # only the current visual line decides whether the next one continues the paragraph
        joining = bool(cur) and len(cur) >= full - 2 and cur[-1] not in _SENTENCE_END and _is_cjkish(cur[-1])
    return out


def _extract_pdf(data: bytes, limits: Limits) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, WrongPasswordError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except (FileNotDecryptedError, WrongPasswordError) as err:
        raise Rejected("pdf_encrypted", "需要打开密码") from err
    except DependencyError as err:
        raise Rejected("pdf_encrypted", "需要AES解密组件（cryptography）") from err
    except Exception as err:
        raise Rejected("bad_pdf", f"无法解析（{type(err).__name__}）") from err
    try:
        if reader.is_encrypted:
            from pypdf import PasswordType

            try:
                result = reader.decrypt("")
            except DependencyError as err:
                raise Rejected("pdf_encrypted", "需要AES解密组件（cryptography）") from err
            except Exception as err:
                raise Rejected("pdf_encrypted", f"无法解密（{type(err).__name__}）") from err
            if result == PasswordType.NOT_DECRYPTED:
                raise Rejected("pdf_encrypted", "需要打开密码")
        n_pages = len(reader.pages)
    except Rejected:
        raise
    except Exception as err:
        raise Rejected("bad_pdf", f"页面结构损坏（{type(err).__name__}）") from err
    if n_pages == 0:
        raise Rejected("bad_pdf", "PDF没有页面")
    if n_pages > limits.max_pdf_pages:
        raise Rejected("too_large", f"PDF共{n_pages}页，超过{limits.max_pdf_pages}页上限")

    warnings: list[str] = []
    pages: list[list[str]] = []
    failed: list[int] = []
    blank: list[int] = []
    total = 0
    for number in range(1, n_pages + 1):
        try:
            raw = reader.pages[number - 1].extract_text() or ""
        except LimitReachedError as err:
            raise Rejected("too_large", f"第{number}页数据流超过解压上限") from err
        except (FileNotDecryptedError, DependencyError) as err:
            raise Rejected("pdf_encrypted", "无法解密页面内容") from err
        except Exception:
            failed.append(number)
            raw = ""
        raw = normalise_text(raw)
        total += len(raw)
        if total > limits.max_text_chars * 2:
            raise Rejected("too_large", f"文字超过{limits.max_text_chars}字")
        if _visible_len(raw) < 5:
            blank.append(number)
        pages.append(raw.split("\n"))
    if len(failed) == n_pages:
        raise Rejected("bad_pdf", "所有页面的文字都无法提取")
    lines = [ln for page in _strip_running_lines(pages) for ln in page]
    text = normalise_text("\n".join(_reflow(lines)))
    if _visible_len(text) < _PDF_MIN_CHARS:
        raise Rejected("pdf_no_text", f"共{n_pages}页，均为图像（扫描件）")
    if failed:
        warnings.append(f"第{_page_list(failed)}页文字提取失败，已跳过")
    scanned = [p for p in blank if p not in failed]
    if scanned:
        warnings.append(f"第{_page_list(scanned)}页无文字层（可能为扫描页），其内容未提取")
    return Extracted(text, "pdf", None, warnings)


def _page_list(numbers: list[int]) -> str:
    shown = "、".join(str(n) for n in numbers[:20])
    return shown + ("等" if len(numbers) > 20 else "")


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.IGNORECASE)
_XML_DECL_ENC_RE = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_\-]+)""", re.IGNORECASE)
_PROLOG_RE = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype[^\[>]*(?:\[.*?\]\s*)?>)?", re.I | re.S
)
# Never visible, never part of a judgment.
_JUNK_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
    "svg", "math", "canvas", "audio", "video", "button", "select", "textarea", "input", "head", "link",
    "meta", "map",
)  # fmt: skip
# Page chrome by HTML5 semantics; removed unless they hold most of the page's text.
_CHROME_TAGS = {"nav", "header", "footer", "aside", "form", "menu", "dialog"}
_CHROME_WORDS = {
    "nav", "navbar", "navigation", "menu", "menus", "header", "footer", "sidebar", "breadcrumb",
    "breadcrumbs", "crumb", "crumbs", "ad", "ads", "advert", "adverts", "advertisement", "banner",
    "share", "sharing", "login", "signin", "comment", "comments", "recommend", "recommended",
    "related", "toolbar", "topbar", "copyright", "social", "popup", "modal", "cookie", "cookies",
}  # fmt: skip
_CHROME_AFFIXES = ("nav", "menu", "header", "footer", "sidebar", "breadcrumb", "banner", "toolbar")
_CONTENT_WORDS = {
    "content", "contents", "article", "main", "detail", "details", "judgment", "judgement",
    "judgments", "judgements", "wenshu", "ws", "cpws", "fulltext", "document",
}  # fmt: skip
_CONTENT_AFFIXES = ("content", "article", "detail", "judgment", "judgement", "wenshu", "main")
_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "main", "blockquote", "pre", "dl", "dt", "dd", "center", "address", "figure",
    "figcaption", "hr", "caption", "thead", "tbody", "tfoot", "body", "html", "header", "footer",
    "nav", "aside", "form", "fieldset", "legend", "details", "summary",
}  # fmt: skip
_CELL_TAGS = {"td", "th"}
_TOKEN_SPLIT_RE = re.compile(r"[^a-zA-Z0-9]+|(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _attr_tokens(el: Any) -> set[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}"
    tokens = {t.lower() for t in _TOKEN_SPLIT_RE.split(raw) if t}
    if "pdf_pox" in raw.lower():
        tokens.add("pdf_pox")
    return tokens


def _chrome_kind(el: Any) -> str | None:
    """'header' for a (possibly article-level) header, 'chrome' for other page furniture."""
    if el.get("hidden") is not None or _HIDDEN_STYLE_RE.search(el.get("style") or ""):
        return "chrome"
    if el.tag in _CHROME_TAGS and el.tag != "header":
        return "chrome"
    tokens = _attr_tokens(el)
    other = {t for t in tokens if t != "header" and not t.startswith("header") and not t.endswith("header")}
    for tok in other:
        if tok in _CHROME_WORDS or tok.startswith(_CHROME_AFFIXES) or tok.endswith(_CHROME_AFFIXES):
            return "chrome"
    if el.tag == "header" or len(other) < len(tokens):
        return "header"
    return None


def _is_content(el: Any) -> bool:
    if el.tag in ("article", "main"):
        return True
    for tok in _attr_tokens(el):
        if tok in _CONTENT_WORDS or tok == "pdf_pox":
            return True
        if tok.startswith(_CONTENT_AFFIXES) or tok.endswith(_CONTENT_AFFIXES):
            return True
    return False


def _text_sizes(root: Any) -> dict[Any, int]:
    """Visible characters under each element (own text and descendants, not its tail)."""
    sizes: dict[Any, int] = {}
    for event, el in etree.iterwalk(root, events=("end",)):
        del event
        n = _visible_len(el.text or "") if isinstance(el.tag, str) else 0
        for child in el:
            n += sizes.get(child, 0) + _visible_len(child.tail or "")
        sizes[el] = n
    return sizes


def _decode_html(data: bytes) -> tuple[str, str, list[str]]:
    declared = None
    head = data[:8192]
    if not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        m = _XML_DECL_ENC_RE.search(head) or _META_CHARSET_RE.search(head)
        if m:
            declared = m.group(1).decode("ascii", "ignore")
    return decode_text(data, declared)


def _render(container: Any) -> str:
    parts: list[str] = []
    for event, el in etree.iterwalk(container, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag == "br" or tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.text and tag:
                parts.append(el.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            elif tag in _CELL_TAGS:
                parts.append("\t")
            if el is not container and el.tail:
                parts.append(el.tail)
    lines = []
    for line in "".join(parts).split("\n"):
        line = re.sub(r"[ \xa0\u2000-\u200a\u202f\u205f]+", " ", line)
        line = re.sub(r" *\t[\t ]*", "\t", line).strip(" \t\u3000")
        if line:
            lines.append(line)
    return "\n".join(lines)


def _pick_container(body: Any) -> Any:
    sizes = _text_sizes(body)
    total = sizes.get(body, 0)
    if total == 0:
        return body
    candidates = [el for el in body.iter() if isinstance(el.tag, str) and el is not body and _is_content(el)]
    big = [el for el in candidates if sizes.get(el, 0) >= 0.5 * total]
    if not big:
        return body
    chosen = min(big, key=lambda el: sizes.get(el, 0))
    # A wrapper that adds little (the title above the text, say) is part of the document.
    cand_set = set(candidates)
    parent = chosen.getparent()
    while parent is not None and parent is not body:
        if parent in cand_set and sizes.get(parent, 0) <= 1.15 * sizes.get(chosen, 0):
            chosen = parent
        parent = parent.getparent()
    return chosen


def _extract_html(data: bytes, limits: Limits) -> Extracted:
    import lxml.html

    text, encoding, warnings = _decode_html(data)
    text = _PROLOG_RE.sub("", text, count=1)  # no XML declaration, no DTD (entities!) for lxml
    if not text.strip():
        raise Rejected("empty", "网页没有内容")
    parser = lxml.html.HTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True, recover=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except Exception as err:
        raise Rejected("bad_html", f"无法解析（{type(err).__name__}）") from err
    if root is None:
        raise Rejected("bad_html", "没有可解析的HTML结构")
    for el in list(root.iter(*_JUNK_TAGS)):
        el.drop_tree()
    body = root.find("body")
    if body is None:
        body = root
    sizes = _text_sizes(body)
    total = sizes.get(body, 0)
    for el in list(body.iter()):
        if not isinstance(el.tag, str) or el is body:
            continue
        kind = _chrome_kind(el)
        if kind is None or sizes.get(el, 0) > 0.5 * total:
            continue  # not chrome, or a layout wrapper (e.g. ASP.NET's page-wide <form>)
        if kind == "header" and any(
            a.tag in ("article", "main") or _is_content(a) for a in el.iterancestors()
        ):
            continue  # an article's own header holds its title
        el.drop_tree()
    container = _pick_container(body)
    if container is body:
        warnings.append("未找到正文容器，已提取整页文字")
    return Extracted(normalise_text(_render(container)), "html", encoding, warnings)


# --------------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------------

_EXTRACTORS: dict[str, Callable[[bytes, Limits], Extracted]] = {
    "txt": _extract_txt,
    "docx": _extract_docx,
    "pdf": _extract_pdf,
    "html": _extract_html,
}
_BAD_CODE = {"txt": "encoding", "docx": "bad_docx", "pdf": "bad_pdf", "html": "bad_html"}


def extract_text(data: bytes, name: str, limits: Limits) -> Extracted:
    """Text of one document; raises :class:`Rejected` (never anything else).

    Codes: empty, too_large, unsupported (incl. old .doc and ZIP archives — expand those with
    :func:`docgen.ingest.archive.expand` first), encoding, bad_docx, xml_attack, zip_bomb,
    zip_too_many, bad_pdf, pdf_encrypted, pdf_no_text, bad_html.
    """
    if len(data) > limits.max_file_bytes:
        raise Rejected("too_large", f"{len(data)}字节，上限{limits.max_file_bytes}字节")
    if not data.strip():
        raise Rejected("empty")
    fmt = ""
    try:
        fmt = detect_format(data, name)
        if fmt == "zip":
            raise Rejected("unsupported", "ZIP压缩包不是文书，应先解包")
        result = _EXTRACTORS[fmt](data, limits)
    except Rejected:
        raise
    except Exception as err:  # RecursionError, MemoryError and library bugs alike
        code = _BAD_CODE.get(fmt, "unsupported")
        raise Rejected(code, f"读取失败（{type(err).__name__}）") from err
    if not result.text.strip():
        if result.fmt == "pdf":
            raise Rejected("pdf_no_text")
        raise Rejected("empty", "文件中没有文字")
    if len(result.text) > limits.max_text_chars:
        raise Rejected("too_large", f"文字{len(result.text)}字，超过{limits.max_text_chars}字上限")
    return result
