"""sentences: split a stretch of a judgment into sentences with character spans into ``j.text``.

A sentence ends at 。！？；(and their ASCII forms) or at a paragraph break.  The cleaner keeps the
line breaks of the source, and legal databases break lines in the middle of sentences
("本院认为，本案的\\n争议焦点是…", "依照\\n《中华人民共和国行政诉讼法》…"), so a line break ends a
sentence only where it is a paragraph break: the next line is blank or indented, or the line
ended with sentence punctuation or a colon.  A closing quotation mark right after the end mark
("…的规定。”") stays with its sentence.

Besides the sentence (the unit a finding quotes), two wider units are needed to read a sentence
the way a lawyer does:

``context_start``  where the *period sentence* begins: databases also break lines after ；, so a
                   "原告主张，…；\\n…违反法定程序。" list of allegations is one period sentence made of
                   several ；-sentences, and who is speaking is decided at its start.
``clauses``        the ，-separated parts inside a sentence (negation and subjects are read per
                   clause).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from docgen.model import Judgment, Span

END_MARKS = "。！？；!?;"
_CLOSERS = "”’\"』」）)"
_HARD_END = "。！？!?"
_LINE_JOINERS = "；;，,、：:"  # a line ending in these continues the period sentence
_INDENT = " \t　"
CLAUSE_MARKS = "，,：:；;。！？!?"
_CONTINUES = re.compile(r"[ 　]*(?:(?:之|的|等|中)?(?:规定|情形|要求|精神|内容|条件)|的|之|等[，,])")


@dataclass(frozen=True)
class Sentence:
    text: str  # exactly j.text[span.start:span.end]
    span: Span
    section: str = ""
    context_start: int = 0  # absolute offset where the period sentence containing it begins

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n　\r":
        s += 1
    while e > s and text[e - 1] in " \t\n　\r":
        e -= 1
    return s, e


def _is_paragraph_break(text: str, nl: int, end: int) -> bool:
    """Is the line break at ``nl`` a paragraph break (not a line wrapped mid-sentence)?"""
    j = nl - 1
    while j >= 0 and text[j] in _INDENT:
        j -= 1
    prev = text[j] if j >= 0 else "\n"
    if prev == "\n" or prev in END_MARKS or prev in "：:" or prev in _CLOSERS:
        return True
    nxt = nl + 1
    if nxt >= end:
        return True
    return text[nxt] in "\n" or text[nxt] in _INDENT


def split_sentences(text: str, start: int = 0, end: int | None = None, section: str = "",
                    quotes: list[tuple[int, int]] | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]``, each with its absolute span (leading/trailing blanks trimmed).

    ``quotes`` (from ``quote_regions``): a sentence that ends inside a quotation does not end the
    period sentence — "违反了《某法》第九条“……不得侵犯。”之规定，属于…" is read as one.
    """
    end = len(text) if end is None else end
    quotes = quotes or []

    def quoted(pos: int) -> bool:
        return any(a < pos < b - 1 for a, b in quotes)

    out: list[Sentence] = []
    context = start
    s = start
    i = start
    while i < end:
        c = text[i]
        cut = None
        keep_context = False
        if c in END_MARKS:
            k = i + 1
            while k < end and text[k] in _CLOSERS:
                k += 1
            cut = k
            # "…不得侵犯。”之规定，属于…": the quotation ended, the court's sentence goes on
            keep_context = k > i + 1 and bool(_CONTINUES.match(text, k, end))
        elif c == "\n" and _is_paragraph_break(text, i, end):
            cut = i
        if cut is not None:
            a, b = _strip(text, s, cut)
            if a < b:
                out.append(Sentence(text[a:b], Span(a, b), section, max(context, start)))
                last = text[b - 1]
                if keep_context or quoted(b - 1):
                    pass
                elif last in _HARD_END or last in _CLOSERS and b >= 2 and text[b - 2] in _HARD_END:
                    context = cut
                elif last not in _LINE_JOINERS:
                    context = cut  # a heading or a paragraph without end mark
            s = cut if cut > i else i + 1
            i = max(i + 1, cut)
            continue
        i += 1
    a, b = _strip(text, s, end)
    if a < b:
        out.append(Sentence(text[a:b], Span(a, b), section, max(context, start)))
    return out


def judgment_sentences(j: Judgment, sections: Iterable[str] = ("本院认为", "主文")) -> list[Sentence]:
    """Sentences of the named sections of a parsed judgment, in text order."""
    out: list[Sentence] = []
    for sec in j.sections:
        if sec.name in sections:
            out.extend(split_sentences(j.text, sec.span.start, sec.span.end, sec.name))
    out.sort(key=lambda x: x.span.start)
    return out


def clause_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause (between ，：；。 marks) of ``text`` around ``pos``, limited to ``[lo, hi)``."""
    a = pos
    while a > lo and text[a - 1] not in CLAUSE_MARKS:
        a -= 1
    b = pos
    while b < hi and text[b] not in CLAUSE_MARKS:
        b += 1
    return a, b


_QUOTE_OPENERS = re.compile("[“「『\"]")
_QUOTE_CLOSERS = {"“": re.compile("[”\"]"), "\"": re.compile("[\"”]"), "「": re.compile("」"), "『": re.compile("』")}


def quote_regions(text: str, start: int = 0, end: int | None = None, max_len: int = 2000) -> list[tuple[int, int]]:
    """(start, end) of quoted passages “…” (or "…", 「…」) in ``text[start:end]``, end exclusive.

    Judgments quote statutes and the parties at length; a phrase inside a long quotation is the
    statute's or the party's words, not the court's.  Unbalanced quotes are closed after
    ``max_len`` characters or at the end of the range.
    """
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    open_at = -1
    i = start
    while i < end:  # jump from one quotation mark to the next
        m = _QUOTE_OPENERS.search(text, i, end)
        if m is None:
            break
        open_at = m.start()
        limit = open_at + max_len + 1  # the first position past the longest quotation
        close = _QUOTE_CLOSERS[m.group(0)].search(text, open_at + 1, min(end, limit + 1))
        if close is not None:
            out.append((open_at, close.start() + 1))
            i = close.start() + 1
        elif limit < end:
            out.append((open_at, limit))  # unbalanced: closed after max_len characters
            i = limit
        else:
            i = end
            break
        open_at = -1
    if open_at >= 0:
        out.append((open_at, end))
    return out
