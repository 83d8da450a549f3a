"""find: the 尾部 — judgment date, judges and clerk."""

from __future__ import annotations

import re
from datetime import date

from docgen.nlp.clean import cn_to_int

_CN = "〇○零OＯ0一二三四五六七八九"
CN_DATE = re.compile(
    rf"(?P<y>[{_CN}]{{4}})\s*年\s*(?P<m>[一二三四五六七八九十]{{1,3}})\s*月\s*(?P<d>[一二三四五六七八九十]{{1,4}})\s*日"
)
AR_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[年.\-/]\s*(?P<m>\d{1,2})\s*[月.\-/]\s*(?P<d>\d{1,2})\s*日?")
_JUDGE = re.compile(r"^(审\s*判\s*长|审\s*判\s*员|代理审判员|人民陪审员|独任审判员|执\s*行\s*员)[\s　:：]*(?P<name>[\u4e00-\u9fa5·ＸX×]{1,6}(?:\s+[\u4e00-\u9fa5]{1,3})?)\s*$")
_CLERK = re.compile(r"^(书\s*记\s*员|代理书记员)[\s　:：]*(?P<name>[\u4e00-\u9fa5·ＸX×]{1,6}(?:\s+[\u4e00-\u9fa5]{1,3})?)\s*$")


def to_date(y: str, m: str, d: str) -> date | None:
    yi, mi, di = cn_to_int(y), cn_to_int(m), cn_to_int(d)
    if not (yi and mi and di):
        return None
    try:
        return date(yi, mi, di)
    except ValueError:
        return None


def find_date(text: str, start: int) -> tuple[date | None, int | None]:
    """The last Chinese-numeral date from ``start`` on (the 成文日期)."""
    found = None
    for m in CN_DATE.finditer(text, start):
        d = to_date(m.group("y"), m.group("m"), m.group("d"))
        if d:
            found = (d, m.start())
    return found if found else (None, None)


def parse_arabic_date(s: str) -> date | None:
    m = AR_DATE.search(s)
    return to_date(m.group("y"), m.group("m"), m.group("d")) if m else None


def find_judges(text: str, start: int) -> tuple[list[str], str | None]:
    judges: list[str] = []
    clerk = None
    for line in text[start:].split("\n"):
        line = line.strip(" \t　")
        m = _JUDGE.match(line)
        if m:
            judges.append(re.sub(r"\s+", "", m.group("name")))
            continue
        c = _CLERK.match(line)
        if c and clerk is None:
            clerk = re.sub(r"\s+", "", c.group("name"))
    return judges, clerk
