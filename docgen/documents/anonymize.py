"""No natural person's name in any generated document.

Every string that goes into a 司法建议书, 风险提示函 or 白皮书 — template text, quoted court
sentences, case summaries, table cells, chart labels and Word comments — passes through
:meth:`Anonymizer.text`:

1. **Known names.** Every person known from the stored judgments is replaced by surname +
   “某某” (张三丰 → 张某某, 欧阳娜娜 → 欧阳某某): parties who are people, the 法定代表人 /
   负责人 of every party, the 委托代理人 and other people listed under the parties (from the
   stored parse of the judgments quoted), judges and clerks.  Names already anonymised
   (containing 某, e.g. 李某, 王某某) are left as they are.  Agencies and the court names are
   protected: a person's name is never replaced inside them.
2. **Safety net.** A 2–3 character name with a common surname directly after a role word
   (原告, 第三人, 法定代表人, 委托代理人, 审判长, 证人, 村民 …) is replaced too, in case the
   parser missed a person.

Matching is a scan over the text with a set lookup per position (lengths 2–6), so 50,000
judgments' names cost nothing per character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.db.models import Judgment, Party

__all__ = ["Anonymizer", "mask_name"]

MASK = "某某"
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "闻人", "申屠", "万俟", "澹台", "公冶",
)  # fmt: skip
# Common single-character surnames (the safety net only fires on these).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强"
    "帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓"
    "修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植"
    "衡富尧闭由"
)
ROLE_WORDS = (
    "再审申请人", "被上诉人", "上诉人", "被申请人", "申请人", "被执行人", "第三人", "原告", "申请执行人",
    "法定代表人", "负责人", "委托诉讼代理人", "委托代理人", "诉讼代理人", "代理人", "诉讼代表人", "出庭负责人",
    "审判长", "审判员", "人民陪审员", "陪审员", "书记员", "法官助理", "执行员", "证人", "村民", "户主",
    "经办人", "执法人员", "被处罚人", "受害人", "死者",
)  # fmt: skip
# Words that look like "surname + 1–2 characters" after a role word but are not names.
NOT_NAMES = {
    "方面", "方提交", "方当事人", "单位", "单方", "一方", "双方", "申请", "申请人", "向本院", "向法院", "于是",
    "应当", "应予", "曾经", "明确", "明知", "认为", "诉称", "称", "提出", "提交", "及其", "等人", "代表",
    "田地", "房屋", "金额", "全部", "全体", "关于", "都是", "平时", "时间", "时候", "强制", "安置", "公司",
    "承包", "华侨", "国家", "国有", "常住", "同意", "高度", "资格", "利益", "所在", "原审", "陈述", "陈诉",
    "申辩", "于同日", "于当日", "于次日", "于当天", "于法", "于理", "向其", "向被告", "安排", "管理",
}  # fmt: skip
_STRONG = set("，。、；：:,;（）()《》“”\"\n\t \u3000")
_WEAK = set("诉与等的系于向称因对在为及和作到签提经已未")
_SPACED = r"[ \t\u3000]*"
_SAFETY = re.compile(
    r"(?P<role>" + "|".join(_SPACED.join(map(re.escape, w)) for w in sorted(ROLE_WORDS, key=len, reverse=True))
    + r")(?P<sep>[：:]?[ \t\u3000]*)"
    r"(?P<surname>" + "|".join(COMPOUND_SURNAMES) + r"|[" + "".join(sorted(SURNAMES)) + r"])"
    r"(?P<given>[\u4e00-\u9fff]{1,2})"
)
_MAX_LEN = 6


def surname(name: str) -> str:
    for s in COMPOUND_SURNAMES:
        if name.startswith(s) and len(name) > len(s):
            return s
    return name[0]


def mask_name(name: str) -> str:
    """张三丰 → 张某某; already anonymised names (with 某) unchanged."""
    name = name.strip()
    if not name or "某" in name:
        return name
    return surname(name) + MASK


def _is_candidate(name: str | None) -> bool:
    if not name:
        return False
    n = name.strip()
    return 2 <= len(n) <= _MAX_LEN and "某" not in n and all("\u4e00" <= ch <= "\u9fff" or ch == "·" for ch in n)


_NOWHERE = re.compile(r"(?!)")  # matches nothing


def _first_chars(keys: Iterable[str]) -> re.Pattern[str]:
    """A pattern finding the characters ``keys`` start with: the scans below jump from one to
    the next instead of looking at every character (comments list hundreds of 案号)."""
    chars = sorted({k[0] for k in keys if k})
    return re.compile("[" + "".join(map(re.escape, chars)) + "]") if chars else _NOWHERE


def _parsed_people(parsed: dict, names: list[str | None], agencies: list[str]) -> None:
    """The people (parties who are people and their 委托代理人 …, judges, clerk) of a stored
    parse into ``names``, its agencies into ``agencies``."""
    for p in parsed.get("parties") or []:
        if p.get("is_person"):
            names.append(p.get("name"))
        elif p.get("is_agency") and p.get("name"):
            agencies.append(p["name"])
        names.extend(person.get("name") for person in p.get("people") or [])
    names.extend(parsed.get("judges") or [])
    names.append(parsed.get("clerk"))


class Anonymizer:
    """Replaces known person names (and role-word + name patterns) by 张某某 forms."""

    def __init__(self, names: Iterable[str] = (), protected: Iterable[str] = ()):
        self.names: set[str] = {n.strip() for n in names if _is_candidate(n)}
        self.protected: set[str] = {p.strip() for p in protected if p and len(p.strip()) >= 2}
        self.protected -= self.names
        self._index: dict[str, list[str]] | None = None
        self._index_starts: re.Pattern[str] = _NOWHERE
        self._index_size = -1
        self._heads: set[str] | None = None
        self._heads_starts: re.Pattern[str] = _NOWHERE
        self._heads_size = -1

    # -- building ------------------------------------------------------------------------------
    def add(self, names: Iterable[str | None]) -> None:
        # each name once: judges, clerks and agency heads recur in thousands of judgments
        self.names.update(n.strip() for n in set(names) if n and _is_candidate(n))

    @classmethod
    def from_session(cls, session: Session, judgment_ids: Iterable[int], protected: Iterable[str] = ()) -> Anonymizer:
        """The people of the judgments a document draws on (``judgment_ids``): parties who are
        people, every party's 法定代表人/负责人, the people listed under the parties (委托代理人 …),
        judges and clerks.  Protected: their agencies and courts, plus ``protected`` (e.g. every
        agency named in a table)."""
        anon = cls((), protected)
        ids = sorted(set(judgment_ids))
        names: list[str | None] = []
        prot: list[str] = []
        parsed_agencies: list[str] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for name, is_person, is_agency, head in session.execute(
                select(Party.name, Party.is_person, Party.is_agency, Party.head_name).where(Party.judgment_id.in_(chunk))
            ):
                if is_person:
                    names.append(name)
                elif is_agency:
                    prot.append(name)
                if head:
                    names.append(head)
            # only the parties of the stored parse (their people: 委托代理人 …), not the whole JSON
            for judges, clerk, court, parties in session.execute(
                select(Judgment.judges, Judgment.clerk, Judgment.court, Judgment.parsed["parties"])
                .where(Judgment.id.in_(chunk))
            ):
                names.extend(judges or [])
                names.append(clerk)
                if court:
                    prot.append(court)
                _parsed_people({"parties": parties or []}, names, parsed_agencies)
        # all names first, then the protected: every name is taken out of the protected at the
        # end, so collecting them in bulk (not judgment by judgment) changes nothing
        anon.add(names)
        anon.protected.update(parsed_agencies)
        anon.protected.update(p for p in prot if p and len(p) >= 2)
        anon.protected -= anon.names
        return anon

    def add_parsed(self, parsed: dict) -> None:
        """Names from a stored parse (``Judgment.parsed``): parties and their people, judges, clerk."""
        names: list[str | None] = []
        agencies: list[str] = []
        _parsed_people(parsed, names, agencies)
        self.add(names)
        self.protected.update(a for a in agencies if a not in self.names)

    # -- applying ------------------------------------------------------------------------------
    def _protected_index(self) -> dict[str, list[str]]:
        """Protected names by their first two characters, longest first."""
        if self._index is None or self._index_size != len(self.protected):
            index: dict[str, list[str]] = {}
            for p in self.protected:
                index.setdefault(p[:2], []).append(p)
            for names in index.values():
                names.sort(key=len, reverse=True)
            self._index, self._index_size = index, len(self.protected)
            self._index_starts = _first_chars(index)
        return self._index

    def _protected_spans(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        if not self.protected:
            return spans
        index = self._protected_index()
        i, n = 0, len(text)
        while i < n - 1:
            # only where a protected name may start: the text between is skipped in one step
            m = self._index_starts.search(text, i, n - 1)
            if m is None:
                break
            i = m.start()
            for p in index.get(text[i : i + 2], ()):
                if text.startswith(p, i):
                    spans.append((i, i + len(p)))
                    i += len(p)
                    break
            else:
                i += 1
        return spans

    def text(self, text: str) -> str:
        """``text`` with every person's name masked."""
        if not text:
            return text
        spans = self._protected_spans(text)
        heads = self._name_heads()
        out: list[str] = []
        i, n, k = 0, len(text), 0
        while i < n:
            while k < len(spans) and spans[k][1] <= i:
                k += 1
            if k < len(spans) and spans[k][0] <= i < spans[k][1]:
                out.append(text[i : spans[k][1]])
                i = spans[k][1]
                continue
            if text[i : i + 2] in heads:  # only try lengths where some name starts
                for length in range(min(_MAX_LEN, n - i), 1, -1):
                    cand = text[i : i + length]
                    if cand in self.names:
                        out.append(mask_name(cand))
                        i += length
                        break
                else:
                    out.append(text[i])
                    i += 1
            else:
                # copy up to the next place where a name or a protected name may start, at once
                stop = spans[k][0] if k < len(spans) else n
                m = self._heads_starts.search(text, i + 1, stop)
                end = m.start() if m else stop
                out.append(text[i:end])
                i = end
        return self._safety_net("".join(out))

    def _name_heads(self) -> set[str]:
        """First two characters of every known name (rebuilt when names were added)."""
        if self._heads is None or self._heads_size != len(self.names):
            self._heads = {n[:2] for n in self.names}
            self._heads_size = len(self.names)
            self._heads_starts = _first_chars(self._heads)
        return self._heads

    def _safety_net(self, text: str) -> str:
        spans = self._protected_spans(text)

        def repl(m: re.Match[str]) -> str:
            surname_, given, start = m.group("surname"), m.group("given"), m.start("surname")
            after = m.string[m.end() : m.end() + 1]

            def ends(n: int) -> str:  # what follows a name of n given characters
                return after if n == len(given) else given[n]

            choice = None
            for strength in (_STRONG, _WEAK):  # the longer name first, a clear boundary first
                for n in range(len(given), 0, -1):
                    nxt = ends(n)
                    if nxt == "" and strength is _STRONG or nxt in strength:
                        choice = n
                        break
                if choice:
                    break
            name = surname_ + given[: choice or 0]
            if (not choice or name in NOT_NAMES or name[len(surname_):] in NOT_NAMES or "某" in given
                    or any(a <= start < b for a, b in spans)):
                return m.group(0)
            return m.group("role") + m.group("sep") + mask_name(name) + given[choice:]

        return _SAFETY.sub(repl, text)

    def __call__(self, text: str) -> str:
        return self.text(text)
