"""Rendered blocks → a GB/T 9704 DOCX with a Word comment on every factual claim.

Every string passes the document's :class:`~docgen.documents.anonymize.Anonymizer` on its way
in (paragraphs, table cells, figure legends, comments), so no person's name can slip through
any path.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Mm
from docx.text.run import Run

from docgen.documents import gbt9704
from docgen.documents.anonymize import Anonymizer
from docgen.documents.config import DocumentError
from docgen.documents.evidence import Evidence
from docgen.documents.render import CLAIM_CLOSE, TODO, Rendered

__all__ = ["BR", "DocxWriter", "FigureSpec", "TableSpec"]

AUTHOR, INITIALS = "docgen", "DG"
BR = "\u27e6br\u27e7"  # a line break inside a paragraph (templates: {{ br }})
_TOKENS = re.compile("(\u27e6c:\\d+\u27e7|\u27e6/c\u27e7|\u27e6br\u27e7|【待补充[：:][^】]*】)")


@dataclass
class TableSpec:
    headers: list[str]
    rows: list[list[str]]
    widths_mm: list[float]
    row_claims: dict[int, Evidence] = field(default_factory=dict)  # row index → comment on its first cell
    align_left: tuple[int, ...] = (0,)  # columns aligned left (names)


@dataclass
class FigureSpec:
    png: bytes
    width_mm: float = 150
    legend: list[tuple[str, str]] = field(default_factory=list)  # (编号, 名称) when the chart has no CJK font


class DocxWriter:
    def __init__(self, title: str, anonymizer: Anonymizer, *, subject: str = ""):
        self.doc = gbt9704.new_document(title, subject=subject)
        self.anon = anonymizer
        self.claims = 0

    # -- comments ------------------------------------------------------------------------------
    def _comment(self, runs: list, evidence: Evidence) -> None:  # type: ignore[type-arg]
        lines = [self.anon.text(line) for line in evidence.comment()]
        if not lines:
            raise DocumentError("内部错误：批注内容为空")
        if any(_BREAKS.search(line) for line in lines):  # python-docx splits them: let it
            comment = self.doc.add_comment(runs, text=lines[0], author=AUTHOR, initials=INITIALS)
            for line in lines[1:]:
                comment.add_paragraph(line)
        else:  # the same XML, built faster (a white paper's comments hold thousands of lines)
            comment = self.doc.add_comment(runs, text="", author=AUTHOR, initials=INITIALS)
            paragraphs = [comment.paragraphs[0]._p] + [comment._element.add_p() for _ in lines[1:]]
            for k, (p, line) in enumerate(zip(paragraphs, lines, strict=True)):
                if line:  # as Comments.add_comment and Comment.add_paragraph: no run for no text
                    _add_run(p, line)
                if k:
                    p.style = "CommentText"  # as Comment.add_paragraph
        self.claims += 1

    # -- paragraphs ----------------------------------------------------------------------------
    def paragraph(self, style: str, text: str, claims: list[Evidence] | None = None):  # type: ignore[no-untyped-def]
        p = gbt9704.add_paragraph(self.doc, style)
        self._runs(p, self.anon.text(text), claims or [])
        return p

    def _runs(self, p, text: str, claims: list[Evidence]) -> None:  # type: ignore[no-untyped-def]
        open_claim: int | None = None
        claim_runs: list = []  # type: ignore[type-arg]
        for token in _TOKENS.split(text):
            if not token:
                continue
            if token.startswith("\u27e6c:"):
                open_claim = int(token[3:-1])
                claim_runs = []
                continue
            if token == CLAIM_CLOSE:
                if open_claim is None or not claim_runs:
                    raise DocumentError("内部错误：批注范围为空")
                self._comment(claim_runs, claims[open_claim])
                open_claim = None
                continue
            if token == BR:
                run = p.add_run()
                run.add_break()
            elif TODO.fullmatch(token):
                run = Run(_add_run(p._p, token), p)
                gbt9704.set_run_style(run, "待补充")
            else:
                run = Run(_add_run(p._p, token), p)
            if open_claim is not None:
                claim_runs.append(run)

    def add_rendered(self, rendered: Rendered, tables: dict[str, TableSpec] | None = None,
                     figures: dict[str, FigureSpec] | None = None) -> None:
        tables, figures = tables or {}, figures or {}
        legend: list[tuple[str, str]] = []  # a figure's numbered legend goes under its caption
        for b in rendered.blocks:
            if legend and not (b.kind == "p" and b.style == "图表说明"):
                self._legend(legend)
                legend = []
            if b.kind == "p":
                self.paragraph(b.style, b.text, rendered.claims)
                if legend:
                    self._legend(legend)
                    legend = []
            elif b.kind == "pagebreak":
                p = gbt9704.add_paragraph(self.doc, "正文")
                p.add_run().add_break(WD_BREAK.PAGE)
            elif b.kind == "table":
                if b.key not in tables:
                    raise DocumentError(f"内部错误：模板引用了不存在的表格 {b.key}")
                self.table(tables[b.key])
            elif b.kind == "figure":
                if b.key not in figures:
                    raise DocumentError(f"内部错误：模板引用了不存在的图 {b.key}")
                self.figure(figures[b.key])
                legend = figures[b.key].legend
        if legend:
            self._legend(legend)

    # -- tables and figures ---------------------------------------------------------------------
    def table(self, spec: TableSpec) -> None:
        ncols = len(spec.headers)
        table = self.doc.add_table(rows=1 + len(spec.rows), cols=ncols)
        gbt9704.style_table(table, spec.widths_mm)
        rows = table.rows
        for j, cell in enumerate(rows[0].cells):  # a row's cells are computed anew on each access
            p = cell.paragraphs[0]
            gbt9704.set_paragraph_style(p, "表头")
            _add_run(p._p, self.anon.text(spec.headers[j]))
        for i, row in enumerate(spec.rows):
            if len(row) != ncols:
                raise DocumentError("内部错误：表格列数不一致")
            cells = rows[i + 1].cells
            for j, value in enumerate(row):
                p = cells[j].paragraphs[0]
                gbt9704.set_paragraph_style(p, "表格文字")
                if j in spec.align_left:
                    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                run = Run(_add_run(p._p, self.anon.text(str(value))), p)
                if j == 0 and i in spec.row_claims:
                    self._comment([run], spec.row_claims[i])

    def figure(self, spec: FigureSpec) -> None:
        p = gbt9704.add_paragraph(self.doc, "图")
        p.add_run().add_picture(io.BytesIO(spec.png), width=Mm(spec.width_mm))

    def _legend(self, legend: list[tuple[str, str]]) -> None:
        """编号 → 名称 for a chart drawn without a CJK font (numbered labels)."""
        self.paragraph("表注", "图中编号对应的名称：").paragraph_format.keep_with_next = True
        self.table(TableSpec(["编号", "名称"], [[k, v] for k, v in legend], [20, 120], align_left=(1,)))

    def _finish_layout(self) -> None:
        """Keep the last paragraphs with the 附件说明 and the signature (GB/T 9704 7.3.5: no page
        with only the signature), and centre the court's name over the 成文日期 (right four characters)."""
        paragraphs = self.doc.paragraphs
        names = [gbt9704.style_name(p) for p in paragraphs]
        for i, p in enumerate(paragraphs):
            name = names[i]
            if name in ("附件说明", "落款", "成文日期") and i > 0:
                paragraphs[i - 1].paragraph_format.keep_with_next = True
            if name == "落款" and i + 1 < len(paragraphs) and names[i + 1] == "成文日期":
                court, date = _width(p.text), _width(paragraphs[i + 1].text)
                court_right = 4 + (date - court) / 2
                date_right = 4.0
                if court_right < 2:  # a long court name: keep it two characters from the margin
                    date_right += 2 - court_right
                    court_right = 2
                gbt9704.set_indent(p, right=court_right)
                gbt9704.set_indent(paragraphs[i + 1], right=date_right)

    def to_bytes(self) -> bytes:
        self._finish_layout()
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


_BREAKS = re.compile("[\t\r\n]")


def _add_run(p: CT_P, text: str) -> CT_R:
    """``Paragraph.add_run(text)`` on the XML.  python-docx turns the text into run content one
    character at a time (a tab or line break becomes an element of its own); text without
    them is a single ``w:t``, added directly: the same XML, many times faster."""
    r = p.add_r()
    if text and _BREAKS.search(text):
        r.text = text
    elif text:
        r.add_t(text)
    return r


def _width(text: str) -> float:
    """Width in characters: ASCII digits and letters are half a character."""
    return sum(0.5 if ord(ch) < 128 else 1 for ch in text)
