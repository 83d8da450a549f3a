"""find + resolve: the party list (当事人) and who represented the agencies.

A party line starts with a role ("被上诉人（原审被告）：某某局，住所地…"); the lines under it name
its 法定代表人 / 负责人 / 出庭负责人 / 委托代理人.  Sides follow the original role in parentheses
where there is one ("上诉人（原审被告）" is on the defendant side).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from docgen.model import Party, Person, Span
from docgen.nlp.clean import paragraphs
from docgen.nlp.patterns import compiled, parse_patterns

# Words that make a line narrative (审理经过) rather than a party entry.
_NARRATIVE = re.compile(r"一案|诉称|辩称|述称|不服|提起|向本院|申请再审|因与|因诉|诉被告|诉被申请人|纠纷|本院|称[：:，,]|请求|认为|于\d{4}年")
_CONTINUATION = re.compile(
    r"^(住所地|住所|住址|住|地址|经营场所|统一社会信用代码|社会信用代码|组织机构代码|特别授权|一般授权|执业证|"
    r"身份证|公民身份|联系电话|现住|户籍|职务|系|男|女|。$|（以下简称|\(以下简称)"
)
_ALIAS = re.compile(r"[（(](?:以下|下)简?称[^）)]*[）)]")


@dataclass(frozen=True)
class _Role:
    raw: str
    role: str
    side: str


@lru_cache(maxsize=1)
def _roles() -> tuple[list[_Role], re.Pattern[str]]:
    roles = [_Role(**r) for r in parse_patterns()["party_roles"]]
    roles.sort(key=lambda r: len(r.raw), reverse=True)
    alt = "|".join(re.escape(r.raw) for r in roles)
    pat = re.compile(
        rf"^(?P<role>{alt})(?P<paren>[（(][^）)]{{0,40}}[）)])?[：:]?\s*(?P<rest>.*)$"
    )
    return roles, pat


@lru_cache(maxsize=1)
def _kinds() -> tuple[dict[str, str], re.Pattern[str]]:
    kinds = {k["raw"]: k["kind"] for k in parse_patterns()["person_kinds"]}
    alt = "|".join(re.escape(k) for k in sorted(kinds, key=len, reverse=True))
    return kinds, re.compile(rf"^(?P<kind>{alt})[：:]?\s*(?P<rest>.*)$")


_TRAILING_PAREN = re.compile(r"[（(][^（）()]*[）)]$")


def is_agency(name: str) -> bool:
    n = _ALIAS.sub("", name).strip()
    while _TRAILING_PAREN.search(n):  # "某局（原某某局）"
        n = _TRAILING_PAREN.sub("", n).strip()
    if compiled("parse_patterns.yaml", "non_agency_suffix").search(n):
        return False
    return bool(compiled("parse_patterns.yaml", "agency_suffix").search(n))


def is_head_post(post: str | None, agency: str) -> bool:
    """True when ``post`` names the agency's own 正职/副职 head ("该局副局长", "XX局局长")."""
    if not post:
        return False
    p = re.sub(r"[\s　]", "", post)
    p = re.split(r"[，,。；;]", p)[0]
    if agency and p.startswith(agency):
        p = p[len(agency):]
    p = compiled("parse_patterns.yaml", "post_prefix").sub("", p, count=1)
    return bool(re.fullmatch(parse_patterns()["head_titles"], p))


def _split_name(rest: str) -> tuple[str, str]:
    """'某某局，住所地…' → ('某某局', '住所地…')."""
    rest = _ALIAS.sub("", rest)
    m = re.match(r"^([^，。,；;：:]{1,80})[，。,；;]?(.*)$", rest)
    if not m:
        return rest.strip(), ""
    return m.group(1).strip(" 　"), m.group(2).strip(" 　")


def _side(role: _Role, paren: str, name: str) -> str:
    p = paren or ""
    if role.role in ("被申请人", "被上诉人", "被告") and is_agency(name):
        return "defendant"  # an agency answering the case is on the defendant side whatever it was below
    if re.search(r"(原审|一审|二审)?被告|被申请执行|赔偿义务机关", p):
        return "defendant"
    if re.search(r"(原审|一审|二审)?原告|赔偿请求人", p):
        return "plaintiff"
    if "第三人" in p:
        return "third"
    if role.side in ("applicant", "respondent"):
        return "defendant" if is_agency(name) else "plaintiff"
    return role.side


def find_parties(text: str, start: int, end: int | None = None) -> tuple[list[Party], Span | None]:
    """Parties in text[start:end]; returns them and the span of the party block."""
    roles, role_re = _roles()
    role_by_raw = {r.raw: r for r in roles}
    kinds, kind_re = _kinds()
    parties: list[Party] = []
    block_start: int | None = None
    block_end = start
    misses = 0
    for s, e in paragraphs(text):
        if s < start or (end is not None and s >= end):
            continue
        line = text[s:e]
        m = role_re.match(line)
        if m and not _NARRATIVE.search(line[: 60]):
            role = role_by_raw[m.group("role")]
            name, attrs = _split_name(m.group("rest"))
            if not name or len(name) > 60 or _NARRATIVE.search(name):
                break
            names = [name]
            if "、" in name and all(len(x) <= 4 for x in name.split("、")):
                names = name.split("、")
            for nm in names:
                agency = is_agency(nm)
                person = not agency and len(nm) <= 4 and not re.search(r"公司|厂|社|会|村|组|店", nm)
                parties.append(Party(
                    role=role.role,
                    role_raw=m.group("role") + (m.group("paren") or ""),
                    name=nm,
                    side=_side(role, m.group("paren") or "", nm),
                    is_agency=agency,
                    is_person=person,
                    span=Span(s, e),
                ))
            block_start = s if block_start is None else block_start
            block_end = e
            misses = 0
            continue
        if block_start is None:
            if len(parties) == 0 and s - start > 3000:
                break
            continue
        k = kind_re.match(line)
        if k and parties:
            kind = kinds[k.group("kind")]
            body = k.group("rest")
            nm, post = _split_name(body)
            post = re.sub(r"^(职务|系)[:：]?", "", post)
            owner = parties[-1]
            for one in re.split(r"[、]", nm) if kind == "委托代理人" else [nm]:
                one = one.strip()
                if not one:
                    continue
                head = kind == "出庭负责人" or (kind == "委托代理人" and owner.is_agency
                                            and is_head_post(post, owner.name))
                owner.people.append(Person(name=one, kind=kind, title=post or None, is_head=head,
                                           span=Span(s, e)))
            block_end = e
            misses = 0
            continue
        if _CONTINUATION.match(line) or (len(line) < 40 and not _NARRATIVE.search(line)):
            block_end = e
            misses += 1
            if misses > 4:
                break
            continue
        break
    if block_start is None:
        return [], None
    return parties, Span(block_start, block_end)


_APPEAR = re.compile(r"(到庭|出庭)(参加|应诉)?")
_NOT_APPEARED = re.compile(r"(不能|未能|未|无法|没有|不)(亲自)?(出庭|到庭)")
# "被告的负责人张某出庭应诉", "被上诉人法定代表人李某到庭参加诉讼"
_HEAD_IN_COURT = re.compile(
    r"(?P<who>行政机关|被告|被上诉人|被申请人|上诉人|赔偿义务机关)[^，。；]{0,20}?(负责人|法定代表人|正职|副职)"
    r"(?P<between>[^，。；]{0,20}?)(出庭|到庭)")
# "被告望川区政府副区长陆峰出庭应诉": an agency (named any way) with a head title, then in court
_TITLED_IN_COURT = re.compile(
    r"(?P<who>被告|被上诉人|被申请人|上诉人|赔偿义务机关)(?P<between>[^，。；、]{0,20}?)"
    r"(?P<title>" + parse_patterns()["head_titles"] + r")[\u4e00-\u9fa5·]{1,4}?(出庭|到庭)")
_DEPARTMENT = re.compile(r"(科|股|室|办|组|中心|庭|处|部)$")
# "被告经本院合法传唤未到庭" — nobody appeared for the agency, its head included
_AGENCY_ABSENT = re.compile(r"(被告|被上诉人|被申请人)[^，。；]{0,30}?(未到庭|拒不到庭|未出庭|无正当理由拒不到庭)")


def head_appeared(text: str, parties: list[Party], hearing_text: str) -> tuple[bool | None, str | None]:
    """Did the agency's 负责人 take part?  (value, evidence sentence)."""
    agencies = [p for p in parties if p.side == "defendant" and p.is_agency]
    for p in agencies:
        for person in p.people:
            if person.is_head:
                ev = text[person.span.start:person.span.end] if person.span else person.name
                return True, ev
    # a sentence in 审理经过: "被告某局副局长张某及委托代理人李某到庭参加诉讼"
    for sent in re.split(r"[。\n]", hearing_text):
        if not _APPEAR.search(sent) or "未到庭" in sent and "负责人" not in sent:
            continue
        if _NOT_APPEARED.search(sent):  # "提交了行政机关负责人不能出庭的书面说明"
            continue
        if re.search(r"(出庭|应诉)负责人|行政机关负责人", sent) or _head_in_court(sent, parties):
            return True, sent.strip()
        for p in agencies:
            short = [p.name] + _aliases(hearing_text, p.name)
            for nm in short:
                idx = sent.find(nm)
                if idx < 0:
                    continue
                after = re.split(r"[，,；;]", sent[idx + len(nm):])[0]
                m = re.match(r"^(的)?(法定代表人|负责人)?(?P<post>(常务)?副?[\u4e00-\u9fa5]{0,6}?(局长|县长|区长|市长|镇长|乡长|厅长|部长|主任|大队长|支队长|所长|署长|处长|站长|书记))", after)
                if m and is_head_post(m.group("post"), ""):
                    return True, sent.strip()
    for p in agencies:
        if any(person.kind == "委托代理人" for person in p.people):
            return False, None
    if agencies and re.search(r"委托(诉讼)?代理人[^。]{0,30}(到庭|出庭)", hearing_text):
        return False, None
    if agencies and _AGENCY_ABSENT.search(hearing_text):
        return False, None
    return None, None


def _head_in_court(sent: str, parties: list[Party]) -> bool:
    for m in _TITLED_IN_COURT.finditer(sent):
        who, between = m.group("who"), m.group("between")
        if not any(p.is_agency and p.role_raw.startswith(who) for p in parties):
            continue
        if "的" in between or "委托" in between:
            continue  # "…的委托代理人"
        dept = _DEPARTMENT.search(between)
        if dept and not any(p.is_agency and p.name.endswith(dept.group(1)) for p in parties):
            continue  # "法制办主任" of a 局 is not its head; "社保中心副主任" of a 中心 is
        return True
        return True
    for m in _HEAD_IN_COURT.finditer(sent):
        who = m.group("who")
        if who != "行政机关" and not any(p.is_agency and p.role_raw.startswith(who) for p in parties):
            continue  # "被上诉人的法定代表人" of a company is not an agency head
        first = re.split(r"及|和|、|以及", m.group("between"))[0]
        if "委托" not in first and "代理" not in first:
            return True
    return False


def _aliases(text: str, name: str) -> list[str]:
    out = []
    for m in re.finditer(re.escape(name) + r"[（(](?:以下|下)简?称[“\"]?([^）)”\"]{1,15})[”\"]?[）)]", text):
        out.append(m.group(1))
    out += ["被告", "被上诉人", "上诉人", "被申请人"]
    return out
