"""Server-side SVG bar charts (no JavaScript, no CDN): Chinese labels, values printed on bars."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from markupsafe import Markup, escape

__all__ = ["hbar", "vbar_pairs"]

WIDTH = 560
ROW = 26
FONT = 13
COLORS = ("#2f6fad", "#9fbfdf")


def _text_width(s: str) -> float:
    return sum(FONT if unicodedata.east_asian_width(ch) in "WF" else FONT * 0.6 for ch in s)


def _label(s: str, limit: int = 16) -> str:
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _svg(height: int, body: list[str], title: str | None) -> Markup:
    label = escape(title or "图表")
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" style="max-width:{WIDTH}px" role="img" '
        f'aria-label="{label}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT}">' + "".join(body) + "</svg>"
    )


def hbar(items: Sequence[Sequence[object]], title: str | None = None, unit: str = "件",
         max_value: float | None = None, empty: str = "（无数据）") -> Markup:
    """Horizontal bars: ``items`` = [(label, value[, text shown instead of the value])]."""
    rows = [(str(it[0]), float(it[1] or 0), str(it[2]) if len(it) > 2 else f"{it[1]}{unit}") for it in items]
    if not rows:
        return Markup('<p class="muted small">') + escape(empty) + Markup("</p>")
    labels = [_label(r[0]) for r in rows]
    left = min(260, max(_text_width(x) for x in labels) + 12)
    right = 90
    top = ROW if title else 6
    vmax = max_value or max(r[1] for r in rows) or 1
    span = WIDTH - left - right
    body = []
    if title:
        body.append(f'<text x="0" y="{FONT + 2}" font-weight="bold">{escape(title)}</text>')
    for i, ((_, value, text), label) in enumerate(zip(rows, labels, strict=True)):
        y = top + i * ROW
        w = max(0.0, span * value / vmax)
        body.append(f'<text x="{left - 8}" y="{y + ROW / 2 + FONT / 2 - 2}" text-anchor="end">'
                    f'<title>{escape(rows[i][0])}</title>{escape(label)}</text>')
        body.append(f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="{ROW - 8}" fill="{COLORS[0]}" rx="2"/>')
        body.append(f'<text x="{left + w + 6:.1f}" y="{y + ROW / 2 + FONT / 2 - 2}" fill="#333">{escape(text)}</text>')
    return _svg(top + len(rows) * ROW + 4, body, title)


def vbar_pairs(items: Sequence[Sequence[object]], legend: tuple[str, str], title: str | None = None,
               unit: str = "件") -> Markup:
    """Two bars per row (this year, last year): ``items`` = [(label, current, previous)]."""
    rows = [(str(a), float(b or 0), float(c or 0)) for a, b, c in items]
    if not rows:
        return Markup('<p class="muted">（无数据）</p>')
    labels = [_label(r[0]) for r in rows]
    left = min(260, max(_text_width(x) for x in labels) + 12)
    right = 90
    top = ROW * 2 if title else ROW
    vmax = max(max(r[1], r[2]) for r in rows) or 1
    span = WIDTH - left - right
    row_h = ROW + 10
    body = []
    if title:
        body.append(f'<text x="0" y="{FONT + 2}" font-weight="bold">{escape(title)}</text>')
    ly = top - ROW + 6
    for k, name in enumerate(legend):
        x = left + k * 140
        body.append(f'<rect x="{x}" y="{ly}" width="14" height="12" fill="{COLORS[k]}"/>'
                    f'<text x="{x + 20}" y="{ly + 11}">{escape(name)}</text>')
    for i, ((_, cur, prev), label) in enumerate(zip(rows, labels, strict=True)):
        y = top + i * row_h
        body.append(f'<text x="{left - 8}" y="{y + row_h / 2 + FONT / 2 - 3}" text-anchor="end">'
                    f'<title>{escape(rows[i][0])}</title>{escape(label)}</text>')
        for k, v in enumerate((cur, prev)):
            w = max(0.0, span * v / vmax)
            by = y + 3 + k * (row_h / 2 - 3)
            bh = row_h / 2 - 5
            body.append(f'<rect x="{left}" y="{by:.1f}" width="{w:.1f}" height="{bh:.1f}" fill="{COLORS[k]}" rx="2"/>')
            shown = int(v) if v == int(v) else round(v, 1)
            body.append(f'<text x="{left + w + 6:.1f}" y="{by + bh - 2:.1f}" font-size="11" fill="#333">'
                        f'{escape(str(shown))}{escape(unit)}</text>')
    return _svg(top + len(rows) * row_h + 4, body, title)
