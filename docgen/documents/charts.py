"""Charts for 白皮书 一、基本情况, as PNG (matplotlib, Agg backend, no display needed).

Chinese labels need a CJK font.  :func:`cjk_font` looks for one among the installed fonts
(``DOCGEN_CHART_FONT`` = a font file or family name first; then Noto Sans/Serif CJK, Source Han,
WenQuanYi, SimHei, Microsoft YaHei, SimSun, Fandol …).  Without one the charts do NOT print
Chinese (that would give empty boxes): bars are labelled 1, 2, 3 … and the document puts a
numbered legend table (编号 → 名称) under the picture.  ``DOCGEN_CHART_FONT=none`` forces that.

Titles and units are never inside the picture: the document's 图表说明 caption carries them,
so the picture needs no Chinese beyond the category labels.  Output is deterministic
(no timestamps in the PNG).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from functools import cache
from typing import Any

__all__ = ["Chart", "bar_chart", "cjk_font", "grouped_bar_chart"]

PREFERRED = (
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "Source Han Sans SC", "Source Han Sans CN",
    "Source Han Serif SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei", "SimSun",
    "FangSong", "KaiTi", "FandolHei", "FandolSong", "FandolFang", "AR PL UMing CN", "AR PL UKai CN",
    "Droid Sans Fallback",
)  # fmt: skip
DPI = 200
BAR = "#4a6fa5"
BAR2 = "#b0b8c4"


@dataclass
class Chart:
    png: bytes
    legend: list[tuple[str, str]] = field(default_factory=list)  # (编号, 名称) when no CJK font


def _mpl() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


@cache
def cjk_font() -> Any | None:
    """A matplotlib FontProperties with Chinese glyphs, or None."""
    wanted = (os.environ.get("DOCGEN_CHART_FONT") or "").strip()
    if wanted.lower() == "none":
        return None
    _mpl()
    from matplotlib import font_manager

    if wanted and os.path.isfile(wanted):
        return font_manager.FontProperties(fname=wanted)
    names = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    for name in ((wanted,) if wanted else ()) + PREFERRED:
        if name in names:
            return font_manager.FontProperties(fname=names[name])
    for f in font_manager.fontManager.ttflist:  # any other font that says it is CJK
        if any(k in f.name for k in ("CJK", "Hei", "Song", "Kai", "Ming", "Fang", "YaHei")):
            return font_manager.FontProperties(fname=f.fname)
    return None


def _labels(labels: list[str]) -> tuple[list[str], list[tuple[str, str]], Any]:
    font = cjk_font()
    if font is not None:
        return labels, [], font
    numbered = [str(i + 1) for i in range(len(labels))]
    return numbered, list(zip(numbered, labels, strict=True)), None


def _save(fig: Any) -> bytes:
    plt = _mpl()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def bar_chart(labels: list[str], values: list[float], *, value_labels: list[str] | None = None,
              percent_axis: bool = False) -> Chart:
    """Horizontal bars, first label on top; ``value_labels`` printed at the bar ends."""
    plt = _mpl()
    shown, legend, font = _labels(labels)
    n = len(labels)
    fig, ax = plt.subplots(figsize=(6.2, max(1.6, 0.36 * n + 0.6)))
    ys = list(range(n))[::-1]
    ax.barh(ys, values, color=BAR, height=0.6)
    ax.set_yticks(ys)
    ax.set_yticklabels(shown, fontproperties=font, fontsize=9)
    top = max(values) if values and max(values) > 0 else 1
    ax.set_xlim(0, top * 1.18)
    for y, v, text in zip(ys, values, value_labels or [f"{v:g}" for v in values], strict=True):
        ax.text(v + top * 0.01, y, text, va="center", fontsize=8)
    if percent_axis:
        ax.xaxis.set_major_formatter(lambda x, _pos: f"{x:.0%}")
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="x", labelsize=8)
    fig.tight_layout()
    return Chart(_save(fig), legend)


def grouped_bar_chart(labels: list[str], series: list[tuple[str, list[float]]]) -> Chart:
    """Vertical grouped bars (e.g. this year and last year per procedure); series names must be
    ASCII/digits (years) so they need no CJK font."""
    plt = _mpl()
    shown, legend, font = _labels(labels)
    n, k = len(labels), len(series)
    width = 0.8 / max(k, 1)
    fig, ax = plt.subplots(figsize=(6.2, 3.0))
    colors = [BAR2, BAR, "#7f9cc4", "#d0d6de"]
    for s, (name, values) in enumerate(series):
        xs = [i - 0.4 + width * (s + 0.5) for i in range(n)]
        bars = ax.bar(xs, values, width=width * 0.95, label=name, color=colors[s % len(colors)])
        for bar_, v in zip(bars, values, strict=True):
            ax.text(bar_.get_x() + bar_.get_width() / 2, bar_.get_height(), f"{v:g}", ha="center", va="bottom",
                    fontsize=7)
    ax.set_xticks(list(range(n)))
    ax.set_xticklabels(shown, fontproperties=font, fontsize=9)
    ax.legend(fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    return Chart(_save(fig), legend)
