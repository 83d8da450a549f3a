"""Page layout and named styles of GB/T 9704-2012《党政机关公文格式》, for python-docx.

The ONLY module of docgen that touches raw WordprocessingML: python-docx has no API for the
East-Asian font of a style (``w:rFonts/@w:eastAsia``), character-unit indents, the document
grid, the PAGE field, repeated table header rows, outline levels or paragraph borders.  Callers
use :func:`new_document`, the style names in :data:`PARAGRAPH_STYLES` / :data:`CHARACTER_STYLES`
and the small helpers below, and never build XML themselves.

Layout (GB/T 9704-2012 §5): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm
(text block 156 mm × 225 mm); body 3号 (16 pt) 仿宋_GB2312, fixed line spacing 28.95 pt on a
22 lines × 28 characters grid; title 2号 (22 pt) 方正小标宋简体; headings 一、黑体 / （一）楷体_GB2312 /
1. 仿宋; page numbers “— N —” 4号 (14 pt) 宋体, odd pages right and even pages left, one
character from the edge; 成文日期 right, four characters from the right margin.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from docx import Document as new_docx
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

__all__ = [
    "BODY_PT",
    "CHARACTER_STYLES",
    "FONTS",
    "LINE_PT",
    "PARAGRAPH_STYLES",
    "TEXT_WIDTH_MM",
    "east_asia_font",
    "indent_chars",
    "new_document",
    "add_paragraph",
    "repeat_header",
    "set_paragraph_style",
    "set_run_style",
    "style_name",
    "set_indent",
    "style_table",
]

# -- the standard's numbers --------------------------------------------------------------------

PAGE_W_MM, PAGE_H_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = PAGE_W_MM - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156
TEXT_HEIGHT_MM = PAGE_H_MM - MARGINS_MM["top"] - MARGINS_MM["bottom"]  # 225
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PT = 28.95  # 225 mm / 22 lines ≈ 28.95 pt (579 twips), the usual value of 公文 templates
TITLE_PT, BODY_PT, SMALL_PT, TABLE_PT = 22, 16, 14, 12  # 2号, 3号, 4号, 小4号
_MM_PT = 72 / 25.4
CHAR_PITCH_PT = TEXT_WIDTH_MM * _MM_PT / CHARS_PER_LINE  # ≈ 15.79 pt
CONDENSE_PT = 0.25  # 16 pt − 0.25 pt = 15.75 pt a character: 28 characters fit in 156 mm

LATIN = "Times New Roman"
FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "h1": "黑体",
    "h2": "楷体_GB2312",
    "song": "宋体",
}


@dataclass(frozen=True)
class _P:
    """A paragraph style: font, size, alignment, indents in characters, spacing, extras."""

    font: str
    size: float = BODY_PT
    align: str = "justify"  # left | center | right | justify
    first_chars: float = 0  # first-line indent, in characters (negative: hanging)
    left_chars: float = 0
    right_chars: float = 0
    exact: float | None = LINE_PT  # fixed line spacing (pt); None: single
    before: float = 0
    after: float = 0
    bold: bool = False
    outline: int | None = None  # 0: level 1 heading …
    keep_next: bool = False
    border: str = ""  # "tb": top and bottom rule (版记)


PARAGRAPH_STYLES: dict[str, _P] = {
    "正文": _P(FONTS["body"], first_chars=2),
    "公文标题": _P(FONTS["title"], TITLE_PT, "center", exact=35, after=LINE_PT, keep_next=True),
    "副标题": _P(FONTS["h2"], BODY_PT, "center", after=LINE_PT / 2, keep_next=True),
    "文号": _P(FONTS["body"], align="right", after=LINE_PT, keep_next=True),
    "主送机关": _P(FONTS["body"], align="left", keep_next=True),
    "一级标题": _P(FONTS["h1"], first_chars=2, outline=0, keep_next=True),
    "二级标题": _P(FONTS["h2"], first_chars=2, outline=1, keep_next=True),
    "三级标题": _P(FONTS["body"], first_chars=2, outline=2, keep_next=True),
    "成文日期": _P(FONTS["body"], align="right", right_chars=4),
    "落款": _P(FONTS["body"], align="right", right_chars=4, before=LINE_PT),
    "附件说明": _P(FONTS["body"], align="left", left_chars=5, first_chars=-3, before=LINE_PT),
    "联系人": _P(FONTS["body"], first_chars=2, before=LINE_PT),
    "抄送": _P(FONTS["body"], SMALL_PT, "left", left_chars=4, first_chars=-3, right_chars=1,
               exact=None, before=LINE_PT, border="tb"),
    "表格文字": _P(FONTS["body"], TABLE_PT, "center", exact=None, before=1.5, after=1.5),
    "表头": _P(FONTS["h1"], TABLE_PT, "center", exact=None, before=1.5, after=1.5, keep_next=True),
    "表注": _P(FONTS["body"], TABLE_PT, "left", exact=None, after=6),
    "图表说明": _P(FONTS["h2"], SMALL_PT, "center", exact=None, before=6, after=6, keep_next=True),
    "图": _P(FONTS["body"], align="center", exact=None, keep_next=True),
    "页码": _P(FONTS["song"], SMALL_PT, "right", exact=None),
}
CHARACTER_STYLES = ("待补充",)

# -- low-level XML helpers (private) -----------------------------------------------------------


# Child order of the elements we touch (ECMA-376 sequences): Word rejects misordered XML.
_ORDER: dict[str, tuple[str, ...]] = {
    "w:rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
              "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
              "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"),
    "w:pPr": ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange"),
    "w:trPr": ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
               "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange"),
    "w:tblPr": ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
                "tblLook", "tblCaption", "tblDescription", "tblPrChange"),
    "w:styles": ("docDefaults", "latentStyles", "style"),
    "w:docDefaults": ("rPrDefault", "pPrDefault"),
}
_PREFIX = {qn("w:rPr"): "w:rPr", qn("w:pPr"): "w:pPr", qn("w:trPr"): "w:trPr", qn("w:tblPr"): "w:tblPr",
           qn("w:styles"): "w:styles", qn("w:docDefaults"): "w:docDefaults"}  # fmt: skip


def _child(parent, tag: str):  # type: ignore[no-untyped-def]
    """The child ``tag`` of ``parent``, created at its schema position when absent."""
    el = parent.find(qn(tag))
    if el is not None:
        return el
    el = OxmlElement(tag)
    order = _ORDER.get(_PREFIX.get(parent.tag, ""), ())
    name = tag.split(":", 1)[1]
    if name in order:
        later = {qn("w:" + n) for n in order[order.index(name) + 1 :]}
        for i, existing in enumerate(parent):
            if existing.tag in later:
                parent.insert(i, el)
                return el
    parent.append(el)
    return el


def _set_rfonts(rpr, east_asia: str, latin: str = LATIN) -> None:  # type: ignore[no-untyped-def]
    rfonts = _child(rpr, "w:rFonts")
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # themes win over names
        rfonts.attrib.pop(qn(attr), None)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin), ("w:eastAsia", east_asia)):
        rfonts.set(qn(attr), value)
    rfonts.set(qn("w:hint"), "eastAsia")


def east_asia_font(style: BaseStyle) -> str | None:
    """The ``w:eastAsia`` font set on a style (None when absent) — for validators."""
    rpr = style.element.find(qn("w:rPr"))
    rfonts = None if rpr is None else rpr.find(qn("w:rFonts"))
    return None if rfonts is None else rfonts.get(qn("w:eastAsia"))


def _set_style_font(style: BaseStyle, east_asia: str, size: float | None, bold: bool | None = None) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = LATIN
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    _set_rfonts(style.element.get_or_add_rPr(), east_asia)


def indent_chars(paragraph_format_element, *, first: float = 0, left: float = 0, right: float = 0,  # type: ignore[no-untyped-def]
                 size: float = BODY_PT) -> None:
    """Indents in character units (``w:firstLineChars`` …) plus the equivalent twips for
    programs that ignore character units."""
    ind = _child(paragraph_format_element, "w:ind")
    for attr in ("w:firstLine", "w:hanging", "w:firstLineChars", "w:hangingChars"):
        ind.attrib.pop(qn(attr), None)
    twips = lambda chars: str(round(chars * size * 20))  # noqa: E731
    if first > 0:
        ind.set(qn("w:firstLineChars"), str(round(first * 100)))
        ind.set(qn("w:firstLine"), twips(first))
    elif first < 0:
        ind.set(qn("w:hangingChars"), str(round(-first * 100)))
        ind.set(qn("w:hanging"), twips(-first))
    for side, chars in (("left", left), ("right", right)):
        if chars:
            ind.set(qn(f"w:{side}Chars"), str(round(chars * 100)))
            ind.set(qn(f"w:{side}"), twips(chars))
        else:
            ind.attrib.pop(qn(f"w:{side}Chars"), None)
            ind.attrib.pop(qn(f"w:{side}"), None)


def _border(ppr, sides: str) -> None:  # type: ignore[no-untyped-def]
    pbdr = _child(ppr, "w:pBdr")
    for side in ("top", "bottom"):
        if side[0] in sides:
            b = OxmlElement(f"w:{side}")
            b.set(qn("w:val"), "single")
            b.set(qn("w:sz"), "6")
            b.set(qn("w:space"), "1")
            b.set(qn("w:color"), "000000")
            pbdr.append(b)


_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}  # fmt: skip


def _paragraph_style(doc: Document, name: str, spec: _P) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    _set_style_font(style, spec.font, spec.size, spec.bold)
    pf = style.paragraph_format
    pf.alignment = _ALIGN[spec.align]
    pf.space_before = Pt(spec.before)
    pf.space_after = Pt(spec.after)
    pf.widow_control = True
    if spec.exact is not None:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(spec.exact)
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if spec.keep_next:
        pf.keep_with_next = True
    if spec.size == BODY_PT:
        _child(style.element.get_or_add_rPr(), "w:spacing").set(qn("w:val"), str(-round(CONDENSE_PT * 20)))
    ppr = style.element.get_or_add_pPr()
    indent_chars(ppr, first=spec.first_chars, left=spec.left_chars, right=spec.right_chars, size=spec.size)
    if spec.outline is not None:
        _child(ppr, "w:outlineLvl").set(qn("w:val"), str(spec.outline))
    if spec.border:
        _border(ppr, spec.border)
    if spec.exact is None or spec.size != BODY_PT:  # not 3号 on the 28.95 pt grid: no snapping
        _child(ppr, "w:snapToGrid").set(qn("w:val"), "0")


def _character_styles(doc: Document) -> None:
    todo = doc.styles.add_style("待补充", WD_STYLE_TYPE.CHARACTER)
    todo.base_style = doc.styles["Default Paragraph Font"]
    todo.quick_style = True
    _set_style_font(todo, FONTS["h2"], None)
    todo.font.highlight_color = WD_COLOR_INDEX.YELLOW
    todo.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    shd = _child(todo.element.get_or_add_rPr(), "w:shd")  # shading too: some programs ignore highlight in styles
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), "FFFF00")


def _defaults(doc: Document) -> None:
    """docDefaults and Normal: 仿宋_GB2312 3号 with the East-Asian font set explicitly."""
    styles_el = doc.styles.element
    rpr_default = _child(_child(_child(styles_el, "w:docDefaults"), "w:rPrDefault"), "w:rPr")
    _set_rfonts(rpr_default, FONTS["body"])
    for tag in ("w:sz", "w:szCs"):  # the character grid's pitch is relative to the default size
        _child(rpr_default, tag).set(qn("w:val"), str(BODY_PT * 2))
    lang = _child(rpr_default, "w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    _set_style_font(normal, FONTS["body"], BODY_PT)
    # every other style of the template too (Word's built-ins point at theme fonts): explicit East-Asian fonts
    for st in doc.styles:
        if st.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE) or st is normal:
            continue
        name = st.name or ""
        font = (FONTS["h1"] if name.startswith("Heading") or name.startswith("TOC") else
                FONTS["title"] if name.startswith("Title") else
                FONTS["song"] if name.startswith("Footer") else FONTS["body"])  # fmt: skip
        _set_rfonts(st.element.get_or_add_rPr(), font)


def _page(doc: Document) -> None:
    for section in doc.sections:
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = Mm(PAGE_W_MM), Mm(PAGE_H_MM)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        section.header_distance, section.footer_distance = Mm(15), Mm(28 - 7 - 3)  # 页码一字线距版心下边缘约7 mm
        sect = section._sectPr
        # A line grid of 22 lines; the 28 characters a line come from condensing 3号 text by
        # CONDENSE_PT (a "linesAndChars" grid does the same in Word, but LibreOffice then gives
        # every 16 pt character two 15.8 pt cells).
        grid = _child(sect, "w:docGrid")
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(LINE_PT * 20)))
        grid.attrib.pop(qn("w:charSpace"), None)
        _footers(doc, section)


def _page_field(paragraph: Paragraph) -> None:
    """“— N —” with a PAGE field."""
    def run(text: str | None = None, fld: str | None = None, instr: str | None = None) -> None:
        r = OxmlElement("w:r")
        if fld:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), fld)
            r.append(el)
        elif instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            r.append(el)
        else:
            el = OxmlElement("w:t")
            el.set(qn("xml:space"), "preserve")
            el.text = text or ""
            r.append(el)
        paragraph._p.append(r)

    run("— ")
    run(fld="begin")
    run(instr=" PAGE ")
    run(fld="separate")
    run("1")
    run(fld="end")
    run(" —")


def _footers(doc: Document, section) -> None:  # type: ignore[no-untyped-def]
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.style = doc.styles["页码"]
        p.alignment = align
        indent_chars(p._p.get_or_add_pPr(), left=1 if side == "left" else 0, right=1 if side == "right" else 0,
                     size=SMALL_PT)
        _page_field(p)


@cache
def _template() -> bytes:
    """The styled, empty document, built once per process (python-docx is slow at styles)."""
    doc = new_docx()
    _defaults(doc)
    for name, spec in PARAGRAPH_STYLES.items():
        _paragraph_style(doc, name, spec)
    _character_styles(doc)
    _page(doc)
    body = doc.element.body  # the template's empty first paragraph
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@cache
def _style_ids() -> dict[str, str]:
    doc = new_docx(io.BytesIO(_template()))
    return {s.name: s.style_id for s in doc.styles if s.name in PARAGRAPH_STYLES or s.name in CHARACTER_STYLES}


def new_document(title: str, *, subject: str = "", author: str = "docgen") -> Document:
    """An empty A4 document with the GB/T 9704 page, footers and every named style."""
    doc = new_docx(io.BytesIO(_template()))
    props = doc.core_properties
    props.title, props.subject, props.author, props.last_modified_by = title, subject, author, author
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0)
    props.revision = 1
    props.comments = ""
    props.keywords = ""
    return doc


def add_paragraph(container, style: str) -> Paragraph:  # type: ignore[no-untyped-def]
    """A new paragraph in the named style (document body or a comment / table cell)."""
    p = container.add_paragraph()
    set_paragraph_style(p, style)
    return p


def set_paragraph_style(paragraph: Paragraph, style: str) -> None:
    """Set a named paragraph style by id (python-docx's ``paragraph.style = …`` scans every style)."""
    ids = _style_ids()
    if style not in ids or style not in PARAGRAPH_STYLES:
        raise KeyError(f"unknown paragraph style {style!r}")
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = ids[style]


def style_name(paragraph: Paragraph) -> str:
    """The named style of a paragraph ('' for the default)."""
    ppr = paragraph._p.pPr
    sid = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
    return next((n for n, i in _style_ids().items() if i == sid), "") if sid else ""


def set_run_style(run, style: str) -> None:  # type: ignore[no-untyped-def]
    ids = _style_ids()
    if style not in CHARACTER_STYLES:
        raise KeyError(f"unknown character style {style!r}")
    run._r.get_or_add_rPr().get_or_add_rStyle().val = ids[style]


# -- tables ---------------------------------------------------------------------------------------


def repeat_header(row: _Row) -> None:
    """Repeat this row at the top of every page the table continues on (``w:tblHeader``)."""
    trpr = row._tr.get_or_add_trPr()
    _child(trpr, "w:tblHeader").set(qn("w:val"), "true")


def _cant_split(row: _Row) -> None:
    _child(row._tr.get_or_add_trPr(), "w:cantSplit").set(qn("w:val"), "true")


def style_table(table: Table, widths_mm: list[float]) -> None:
    """Grid borders, centred, fixed column widths; the first row is the repeated header;
    rows never split across pages."""
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tblpr = table._tbl.tblPr
    _child(tblpr, "w:tblLayout").set(qn("w:type"), "fixed")
    for i, w in enumerate(widths_mm):
        table.columns[i].width = Mm(w)
        for cell in table.columns[i].cells:
            cell.width = Mm(w)
    for k, row in enumerate(table.rows):
        _cant_split(row)
        if k == 0:
            repeat_header(row)
        for cell in row.cells:
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            if k < 3:  # the header never ends a page alone
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True


def set_indent(paragraph: Paragraph, *, first: float = 0, left: float = 0, right: float = 0) -> None:
    """Direct indents of one paragraph in characters (as its style would set them)."""
    spec = PARAGRAPH_STYLES.get(style_name(paragraph))
    size = spec.size if spec else BODY_PT
    first = first or (spec.first_chars if spec else 0)
    left = left or (spec.left_chars if spec else 0)
    indent_chars(paragraph._p.get_or_add_pPr(), first=first, left=left, right=right, size=size)
