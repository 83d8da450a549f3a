"""find: statute citations, structured.

《中华人民共和国行政诉讼法》第七十条第（三）项 → law, article 70, item 3; a run such as
"第七十条第（一）、（二）项、第七十四条" yields one citation per item/article of the same law.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docgen.model import Span, Statute
from docgen.nlp.clean import cn_to_int
from docgen.nlp.patterns import load_yaml

_NUM = r"[一二三四五六七八九十百千零〇两\d]+"
_LAW = re.compile(r"《([^《》]{2,60}(?:《[^《》]{2,40}》[^《》]{0,30})?)》")
_ART = re.compile(
    rf"第\s*(?P<art>{_NUM})\s*条(?:之(?P<sub>{_NUM}))?"
    rf"(?:\s*第\s*(?P<para>{_NUM})\s*款)?"
    rf"(?P<items>\s*第\s*[（(]?\s*{_NUM}\s*[）)]?(?:\s*[、和及]\s*(?:第\s*)?[（(]?\s*{_NUM}\s*[）)]?)*\s*项)?"
)
_ITEM = re.compile(rf"({_NUM})")
_JOIN = re.compile(r"^\s*(?:[、，,和及与]|以及)?\s*$")


def full_law_name(name: str) -> str:
    name = re.sub(r"\s+", "", name).replace("<", "《").replace(">", "》").replace("〈", "《").replace("〉", "》")
    aliases: dict[str, str] = load_yaml("laws.yaml")["aliases"]
    return aliases.get(name, name)


def find_statutes(text: str, start: int = 0, end: int | None = None) -> Iterator[Statute]:
    end = len(text) if end is None else end
    for lm in _LAW.finditer(text, start, end):
        law = full_law_name(lm.group(1))
        pos = lm.end()
        while True:
            am = _ART.match(text, pos, end)
            if not am:
                # allow "第七十条、第七十四条" style separators
                sep = re.match(r"\s*(?:[、，,和及与]|以及)\s*(?=第)", text[pos:end])
                if sep and pos != lm.end():
                    am = _ART.match(text, pos + sep.end(), end)
                if not am:
                    break
            article = cn_to_int(am.group("art"))
            para = cn_to_int(am.group("para")) if am.group("para") else None
            items = []
            if am.group("items"):
                for im in _ITEM.finditer(am.group("items")):
                    items.append(cn_to_int(im.group(1)))
            raw = text[lm.start():am.end()] if pos == lm.end() else text[am.start():am.end()]
            for it in items or [None]:
                yield Statute(law=law, article=article, paragraph=para, item=it, raw=raw,
                              span=Span(am.start(), am.end()))
            pos = am.end()
