"""Structural validator for generated drafts (GB/T 9704 layout, named styles, comments, names).

Independent of the generator's code: reads the DOCX with python-docx and plain XML.

    problems = check_docx(path, names={"张三丰", ...})
    assert not problems, problems
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Length

A4 = (210.0, 297.0)
MARGINS = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
REQUIRED_PARAGRAPH_STYLES = (
    "公文标题", "文号", "主送机关", "正文", "一级标题", "二级标题", "三级标题", "成文日期", "落款", "附件说明",
    "联系人", "抄送", "表格文字", "表头", "表注", "图表说明", "图", "页码",
)  # fmt: skip
REQUIRED_CHARACTER_STYLES = ("待补充",)
FONTS = {"公文标题": "方正小标宋简体", "正文": "仿宋_GB2312", "一级标题": "黑体", "二级标题": "楷体_GB2312",
         "三级标题": "仿宋_GB2312", "成文日期": "仿宋_GB2312"}  # fmt: skip
SIZES = {"公文标题": 22.0, "正文": 16.0, "一级标题": 16.0, "二级标题": 16.0, "成文日期": 16.0, "页码": 14.0}
CASE_NUMBER = re.compile(r"[（(〔\[]\s*\d{4}\s*[)）〕\]][^，。；、\s]{1,30}?号|文书编号\d+")
COUNT_CLAIM = re.compile(r"[1-9]\d*件")
LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|None|[Uu]ndefined|\u27e6|\u27e7")
TODO = re.compile(r"【待补充[：:][^】]*】")
# Paragraph styles whose counts are not claims (tables carry comments on their rows; 附件 lists 案号).
NOT_CLAIM_STYLES = {"附件说明", "表注", "图表说明", "表格文字", "表头", "公文标题", "副标题", "文号"}


def _mm(length: Length | None) -> float:
    return round(length / 36000, 1) if length is not None else -1.0


def _style_font(style) -> str | None:  # type: ignore[no-untyped-def]
    rpr = style.element.find(qn("w:rPr"))
    rfonts = None if rpr is None else rpr.find(qn("w:rFonts"))
    return None if rfonts is None else rfonts.get(qn("w:eastAsia"))


def document_text(path: Path) -> tuple[str, list[str]]:
    """(body text incl. tables, headers and footers; comment texts)."""
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    for s in d.sections:
        for hf in (s.header, s.footer, s.even_page_footer, s.first_page_footer):
            parts.extend(p.text for p in hf.paragraphs)
    return "\n".join(parts), [c.text for c in d.comments]


def check_docx(path: Path | str, *, names: Iterable[str] = (), min_comments: int = 1) -> list[str]:
    path = Path(path)
    problems: list[str] = []
    d = docx.Document(str(path))

    # page
    for i, s in enumerate(d.sections):
        if (_mm(s.page_width), _mm(s.page_height)) != A4:
            problems.append(f"section {i}: page {_mm(s.page_width)}×{_mm(s.page_height)} mm, not A4")
        got = {"top": _mm(s.top_margin), "bottom": _mm(s.bottom_margin), "left": _mm(s.left_margin),
               "right": _mm(s.right_margin)}  # fmt: skip
        for k, v in MARGINS.items():
            if abs(got[k] - v) > 0.3:
                problems.append(f"section {i}: {k} margin {got[k]} mm, want {v}")

    # styles: exist, East-Asian fonts set, sizes
    styles = {s.name: s for s in d.styles}
    for name in REQUIRED_PARAGRAPH_STYLES + REQUIRED_CHARACTER_STYLES:
        if name not in styles:
            problems.append(f"style {name} missing")
    from docx.enum.style import WD_STYLE_TYPE

    for st in d.styles:  # every paragraph and character style, not only ours
        if st.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER) and not _style_font(st):
            problems.append(f"style {st.name}: no w:eastAsia font")
    for name, font in FONTS.items():
        st = styles.get(name)
        if st is not None and _style_font(st) != font:
            problems.append(f"style {name}: East-Asian font {_style_font(st)}, want {font}")
    for name, size in SIZES.items():
        st = styles.get(name)
        if st is not None and (st.font.size is None or abs(st.font.size.pt - size) > 0.01):
            problems.append(f"style {name}: size {st.font.size.pt if st.font.size else None}, want {size}")
    defaults = d.styles.element.find(qn("w:docDefaults"))
    rfonts = defaults.find(".//" + qn("w:rFonts")) if defaults is not None else None
    if rfonts is None or not rfonts.get(qn("w:eastAsia")):
        problems.append("docDefaults: no w:eastAsia font")

    # every body paragraph uses a named (custom) style; the key ones are used
    by_id = {s.style_id: s.name for s in d.styles}

    def pstyle(p) -> str:  # type: ignore[no-untyped-def]  # (p.style scans every style: slow)
        ppr = p._p.pPr
        sid = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        return by_id.get(sid, "Normal") if sid else "Normal"

    def rstyle(r) -> str:  # type: ignore[no-untyped-def]
        rpr = r._r.rPr
        sid = rpr.rStyle.val if rpr is not None and rpr.rStyle is not None else None
        return by_id.get(sid, "") if sid else ""

    custom = set(REQUIRED_PARAGRAPH_STYLES) | {"副标题"}
    used = set()
    paragraphs = d.paragraphs
    for p in paragraphs:
        name = pstyle(p)
        used.add(name)
        if name not in custom:
            problems.append(f"paragraph in style {name!r} (not a named 公文 style): {p.text[:30]!r}")
    for name in ("公文标题", "正文", "成文日期", "落款"):
        if name not in used:
            problems.append(f"style {name} not used")
    for t in d.tables:
        trpr = t.rows[0]._tr.trPr if t.rows else None
        if trpr is None or trpr.find(qn("w:tblHeader")) is None:
            problems.append("table without repeated header row (w:tblHeader)")
    # 待补充 placeholders carry the 待补充 character style
    for p in paragraphs:
        for r in p.runs:
            if TODO.search(r.text) and rstyle(r) != "待补充":
                problems.append(f"placeholder not in style 待补充: {r.text[:30]!r}")

    # footer: “— PAGE —”
    with zipfile.ZipFile(path) as z:
        footers = [z.read(n).decode("utf-8") for n in z.namelist() if re.match(r"word/footer\d*\.xml", n)]
    if not footers or not all("PAGE" in f and "—" in f for f in footers):
        problems.append("footer without “— PAGE —” page number")

    # comments: present, each citing a 案号; every count in the text is commented
    comments = list(d.comments)
    if len(comments) < min_comments:
        problems.append(f"{len(comments)} comments, want at least {min_comments}")
    for c in comments:
        if not CASE_NUMBER.search(c.text):
            problems.append(f"comment {c.comment_id} cites no 案号: {c.text[:60]!r}")
    for p in paragraphs:
        name = pstyle(p)
        text_wo_todo = TODO.sub("", p.text)
        if name in NOT_CLAIM_STYLES or not COUNT_CLAIM.search(text_wo_todo):
            continue
        if p._p.find(".//" + qn("w:commentRangeStart")) is None:
            problems.append(f"count without a comment: {p.text[:60]!r}")

    # text: no template leftovers, no person names
    body, comment_texts = document_text(path)
    everything = body + "\n" + "\n".join(comment_texts)
    m = LEFTOVER.search(everything)
    if m:
        problems.append(f"unrendered template syntax {m.group(0)!r}: …{everything[max(0, m.start() - 30):m.end() + 30]}…")
    for name in sorted(set(names)):
        if name and name in everything:
            i = everything.index(name)
            problems.append(f"person name {name!r} leaks: …{everything[max(0, i - 20):i + 20]}…")
    return problems
