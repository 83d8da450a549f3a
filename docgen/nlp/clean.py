"""clean: raw extracted text → the canonical text every span points into.

What it does, all of it conservative:
- newlines normalised, zero-width and control characters removed, NBSP → space;
- full-width ASCII letters and digits → half-width (brackets and Chinese punctuation kept);
- page chrome of legal databases and web pages removed (timers, share buttons, page numbers);
- section labels that databases prepend ("审理经过　　原告…") removed;
- runs of blank lines collapsed.
Line breaks inside sentences are kept: later stages treat them as whitespace.
"""

from __future__ import annotations

import re
import unicodedata

from docgen.nlp.patterns import compiled, parse_patterns

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()}
# str.translate looks every character up in its table: it runs only where there is something to
# translate (most texts have no zero-width characters and only a few full-width letters)
_HAS_ZERO_WIDTH = re.compile("[" + "".join(map(chr, _ZERO_WIDTH)) + "]")
_FULLWIDTH_ALNUM_RUN = re.compile("[" + "".join(map(chr, sorted(_FULLWIDTH_ALNUM))) + "]+")


def _label_regex() -> re.Pattern[str]:
    labels = sorted(parse_patterns()["database_section_labels"], key=len, reverse=True)
    alt = "|".join(map(re.escape, labels))
    return re.compile(rf"^[ \t　]*(?:{alt})(?:[ \t　]{{2,}}|[ \t　]*$)")


_LABELS = _label_regex()


def normalize_chars(text: str) -> str:
    """Character-level normalisation (length may change only by removing characters)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _HAS_ZERO_WIDTH.search(text):
        text = text.translate(_ZERO_WIDTH)
    text = text.replace("\u00a0", " ").replace("\u2002", " ").replace("\u2003", "　")
    text = _CONTROL.sub("", text)
    return _FULLWIDTH_ALNUM_RUN.sub(lambda m: m.group(0).translate(_FULLWIDTH_ALNUM), text)


def clean(raw: str) -> str:
    """Return the canonical text of a document."""
    text = normalize_chars(raw)
    chrome = compiled("parse_patterns.yaml", "chrome_lines")
    glued = compiled("parse_patterns.yaml", "glued_tail_label")
    out: list[str] = []
    blank = 0
    for line in text.split("\n"):
        stripped = line.strip(" \t　")
        if stripped and chrome.search(stripped):
            continue
        line = glued.sub("", line)
        m = _LABELS.match(line)
        if m:
            line = line[m.end():]
            if not line.strip(" \t　"):
                continue
            line = "　　" + line.lstrip(" \t　")
        if not line.strip(" \t　"):
            blank += 1
            if blank > 1:
                continue
            out.append("")
            continue
        blank = 0
        out.append(line.rstrip())
    return "\n".join(out).strip("\n") + "\n"


_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "o": 0, "0": 0, "一": 1, "二": 2, "两": 2, "三": 3,
              "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_to_int(s: str) -> int | None:
    """Chinese or Arabic numeral → int: 七十 → 70, 一百零一 → 101, 二〇一九 → 2019, 12 → 12."""
    s = s.strip()
    if not s:
        return None
    s = unicodedata.normalize("NFKC", s)
    if s.isdigit():
        return int(s)
    if all(c in _CN_DIGITS for c in s):  # digit-by-digit (years)
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    total, current = 0, 0
    for c in s:
        if c in _CN_DIGITS:
            current = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[c]
            current = 0
        else:
            return None
    return total + current


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line, end exclusive, leading indentation skipped."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        lead = len(line) - len(line.lstrip(" \t　"))
        if line.strip(" \t　"):
            spans.append((start + lead, start + len(line)))
        pos += len(line) + 1
    return spans
