"""The judgment text as HTML: sections marked, each finding highlighted at its sentence.

All text is escaped; only our own tags are added.  Spans are character offsets into
``Document.text`` (the cleaned text every span of the parser points into).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

__all__ = ["Mark", "marked_text"]


@dataclass(frozen=True)
class Mark:
    id: int
    code: str
    name: str
    start: int
    end: int


def _sections(parsed: dict | None, n: int) -> list[tuple[str, int, int]]:
    out = []
    for sec in (parsed or {}).get("sections") or []:
        span = sec.get("span") or {}
        start, end = span.get("start"), span.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n:
            out.append((str(sec.get("name") or ""), start, end))
    out.sort(key=lambda x: x[1])
    clean: list[tuple[str, int, int]] = []
    last = 0
    for name, start, end in out:  # no overlaps
        start = max(start, last)
        if start < end:
            clean.append((name, start, end))
            last = end
    return clean


def _region(text: str, a: int, b: int, marks: list[Mark], anchored: set[int]) -> str:
    while a < b and text[a].isspace():  # blank lines and indents at a section's edges: not shown
        a += 1
    while b > a and text[b - 1].isspace():  # (the next paragraph's indent belongs to the next section)
        b -= 1
    points = {a, b}
    for m in marks:
        if m.start < b and m.end > a:
            points.update(p for p in (m.start, m.end) if a < p < b)
    cuts = sorted(points)
    out = []
    for x, y in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m.start <= x and m.end >= y]
        piece = str(escape(text[x:y]))
        if not covering:
            out.append(piece)
            continue
        anchors = "".join(f'<span class="anchor" id="f-{m.id}"></span>' for m in covering
                          if m.id not in anchored and m.start == x)
        anchored.update(m.id for m in covering if m.start == x)
        codes = " ".join(sorted({m.code for m in covering}))
        title = "；".join(sorted({f"{m.name}（{m.code}）" for m in covering}))
        multi = " hl-multi" if len({m.code for m in covering}) > 1 else ""
        out.append(f'{anchors}<mark class="hl{multi}" data-codes="{escape(codes)}" title="{escape(title)}">'
                   f"{piece}</mark>")
    return "".join(out)


def marked_text(text: str, parsed: dict | None, marks: list[Mark]) -> Markup:
    n = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end <= n]
    anchored: set[int] = set()
    html = []
    pos = 0
    for i, (name, start, end) in enumerate(_sections(parsed, n)):
        if pos < start and text[pos:start].strip():
            html.append(f'<div class="sec sec-none">{_region(text, pos, start, marks, anchored)}</div>')
        html.append(f'<div class="sec" id="sec-{i}"><div class="sec-name">{escape(name)}</div>'
                    f'<div class="sec-body">{_region(text, start, end, marks, anchored)}</div></div>')
        pos = end
    if pos < n and text[pos:n].strip():
        html.append(f'<div class="sec sec-none">{_region(text, pos, n, marks, anchored)}</div>')
    return Markup("".join(html))
