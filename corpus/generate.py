#!/usr/bin/env python3
"""Seeded generator of a synthetic corpus of Chinese administrative-litigation judgments.

Every document is fiction: people are drawn from a surname list plus given-name characters,
cities / districts / companies are invented, and all wording is assembled here from many
alternative fragments.  Nothing is copied from real judgments.

Usage::

    python corpus/generate.py                 # (re)writes corpus/docs/*.txt and corpus/labels.jsonl
    python corpus/generate.py --n 500 --out /tmp/big --seed 7

Library use (e.g. a benchmark)::

    from corpus.generate import generate
    for file_name, text, label in generate(10_000):
        ...

Output is a pure function of ``(n, seed)``: one ``random.Random`` per document, seeded from
``seed`` and the document index, so ``generate(n)[:k] == generate(k)`` and two runs are
byte-identical.  Labels follow ``../shared/realdata/LABELS.md``; ``defect_evidence`` sentences
are marked while the text is assembled and cut out after all formatting has been applied, so they
are always exact substrings of the court's own reasoning (after ``本院认为``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import string
import sys
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, timedelta
from pathlib import Path

DEFAULT_SEED = 2024
DEFAULT_N = 180

CATEGORIES_LITIGATION = (
    "行政处罚", "行政征收或者征用", "行政强制执行", "行政许可", "政府信息公开", "行政确认",
    "行政登记", "不履行法定职责", "行政协议", "行政赔偿", "行政强制措施", "行政复议",
    "行政给付", "行政补偿",
)
DEFECT_CODES = (
    "EVIDENCE", "LAW", "PROCEDURE", "NO_STATEMENT", "NO_HEARING", "SERVICE", "TIME_LIMIT",
    "ENFORCE_PROC", "EXPROP_PROC", "ULTRA_VIRES", "ABUSE", "UNREASONABLE", "NONPERFORMANCE",
    "DISCLOSURE", "MINOR_PROC",
)
PROC_CODES = ("PROCEDURE", "NO_STATEMENT", "NO_HEARING", "SERVICE", "TIME_LIMIT", "ENFORCE_PROC", "EXPROP_PROC")
AGAINST_AGENCY = {"撤销", "部分撤销", "确认违法", "确认无效", "责令履行", "变更", "赔偿", "不准予执行"}

# markers used while assembling; they never survive into the output
_M_OPEN, _M_MID, _M_CLOSE = "\ue000", "\ue001", "\ue002"
_MARK_RE = re.compile(_M_OPEN + r"([A-Z_]+)" + _M_MID + "(.*?)" + _M_CLOSE, re.S)

# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------

_FMT = string.Formatter()
_FIELDS: dict[str, tuple[str, ...]] = {}


def _fields(template: str) -> tuple[str, ...]:
    r = _FIELDS.get(template)
    if r is None:
        r = tuple(f for _, f, _, _ in _FMT.parse(template) if f)
        _FIELDS[template] = r
    return r


def usable(templates, v: dict) -> list[str]:
    return [t for t in templates if all(f in v for f in _fields(t))]


def fill(rng: random.Random, templates, v: dict) -> str:
    ok = usable(templates, v)
    if not ok:
        raise KeyError(f"no usable template among {templates[:2]!r}…")
    return rng.choice(ok).format_map(v)


def mark(code: str, sentence: str) -> str:
    return f"{_M_OPEN}{code}{_M_MID}{sentence}{_M_CLOSE}"


def wpick(rng: random.Random, pairs):
    """Weighted choice from [(value, weight), …] (deterministic)."""
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for value, w in pairs:
        x -= w
        if x < 0:
            return value
    return pairs[-1][0]


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


CN_DIGITS = "〇一二三四五六七八九"


def cn_small(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    if n == 10:
        return "十"
    if n < 20:
        return "十" + CN_DIGITS[n - 10]
    t, u = divmod(n, 10)
    return CN_DIGITS[t] + "十" + (CN_DIGITS[u] if u else "")


def cn_date(d: date, zero: str = "〇") -> str:
    y = "".join(CN_DIGITS[int(c)] for c in str(d.year)).replace("〇", zero)
    return f"{y}年{cn_small(d.month)}月{cn_small(d.day)}日"


def ad(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def ad_ym(d: date) -> str:
    return f"{d.year}年{d.month}月"


def add_days(d: date, n: int) -> date:
    return d + timedelta(days=n)


def rand_date(rng: random.Random, start: date, end: date) -> date:
    span = (end - start).days
    return start + timedelta(days=rng.randint(0, max(span, 0)))


def money(rng: random.Random, lo: int, hi: int, step: int = 1000) -> int:
    return rng.randint(lo // step, hi // step) * step


def yuan(n: int, rng: random.Random | None = None) -> str:
    if rng is not None and n >= 10000 and n % 10000 == 0 and chance(rng, 0.5):
        return f"{n // 10000}万元"
    if rng is not None and n >= 10000 and n % 1000 == 0 and chance(rng, 0.25):
        return f"{n / 10000:g}万元"
    return f"{n}元"


def cn_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + "和" + items[-1]


CN_ORD = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]

# ---------------------------------------------------------------------------
# fictional people, places, companies
# ---------------------------------------------------------------------------

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_ONE = list("伟芳娜敏静丽强磊军洋勇艳杰涛明超霞平刚英华慧红玲峰琳斌波辉鹏宇浩凯健俊帆蕾琴雯岚松柏鑫亮")
GIVEN_TWO = [
    "建国", "志强", "秀英", "桂兰", "海燕", "立新", "卫东", "春梅", "晓峰", "文华", "国庆", "红霞", "德明",
    "玉兰", "永刚", "丽娟", "家乐", "宏伟", "淑珍", "振华", "金凤", "长林", "素芬", "俊杰", "雪梅", "明辉",
    "凤英", "学军", "小平", "国强", "爱民", "秋菊", "建军", "少华", "天佑", "子轩", "雨欣", "思远", "慧敏",
    "永红", "兴旺", "德才", "玉梅", "长江", "宝山", "文斌", "晓东", "春生", "海波", "月娥", "守仁", "保国",
    "凤琴", "新民", "晓燕", "振宇", "思雨", "佳怡", "传福", "满仓", "桂芝", "润生", "兰芳", "志远", "卫国",
    "益民", "红梅", "光明", "立群", "雅琴", "胜利", "德华", "培林", "树森", "金花", "建平", "正清", "秀珍",
]
LAW_FIRM_BRANDS = ["正衡", "明理", "卓信", "方圆", "博闻", "致远", "守正", "鼎诚", "衡平", "知行", "立本", "澄明", "崇法", "诚睿"]
COMPANY_BRANDS = [
    "恒泰", "鑫源", "瑞丰", "宏达", "金穗", "华茂", "永盛", "嘉禾", "润通", "天诚", "博远", "鼎昌", "正阳", "安澜",
    "锦程", "明德", "泰和", "裕隆", "丰禾", "启航", "兴川", "蓝岸", "清辉", "汇金", "德盛", "祥瑞", "宏图", "绿源",
]
COMPANY_KINDS = [
    ("置业有限公司", "房地产"), ("建材有限公司", "建材"), ("食品有限公司", "食品"), ("物流有限公司", "物流"),
    ("化工有限公司", "化工"), ("纺织有限公司", "纺织"), ("餐饮管理有限公司", "餐饮"), ("商贸有限公司", "商贸"),
    ("机械制造有限公司", "机械"), ("农业开发有限公司", "农业"), ("环保科技有限公司", "环保"),
    ("运输有限公司", "运输"), ("塑料制品有限公司", "塑料"), ("家具有限公司", "家具"), ("教育咨询有限公司", "教育"),
    ("石材有限公司", "石材"), ("木业有限公司", "木业"), ("电子科技有限公司", "电子"),
]
ROADS = ["幸福路", "人民路", "建设大道", "解放路", "滨河路", "文化路", "长安街", "新华路", "朝阳路", "青年路", "光明街",
         "和平路", "春晖路", "迎宾大道", "工业路", "振兴路", "桂花路", "紫荆路", "纬三路", "经五路"]
TOWNS = ["桃园镇", "石桥镇", "新华街道", "长宁街道", "杨柳镇", "双河镇", "城关镇", "龙泉街道", "白鹭镇", "青山镇",
         "凤凰街道", "东城街道", "柏树镇", "清水镇", "南关街道", "马坊镇", "金沙镇", "北湖街道"]
VILLAGES = ["李家村", "河西村", "王庄村", "前营村", "后湾村", "张楼村", "新庄村", "柳树村", "东岗村", "石门村",
            "上坪村", "刘集村", "桥头村", "大营村", "三里村"]
COMMUNITIES = ["幸福社区", "锦绣社区", "和平社区", "滨江社区", "春晖社区", "文昌社区"]

# (province, abbreviation, [(city, city code, [(district, district code)])]); cities / districts are fictional
GEOGRAPHY = [
    ("河南省", "豫", [("东川市", "03", [("临江区", "02"), ("望川区", "03"), ("清河县", "22"), ("槐安县", "26")]),
                    ("岚州市", "11", [("鹤鸣区", "02"), ("南塘县", "21")])]),
    ("山东省", "鲁", [("溪宁市", "08", [("枫林区", "02"), ("青石县", "25"), ("西岑区", "04")])]),
    ("浙江省", "浙", [("宁川市", "05", [("柳岸区", "03"), ("云岭县", "22")])]),
    ("湖南省", "湘", [("桐原市", "09", [("鹭洲区", "02"), ("苇溪县", "23"), ("泓山县", "24")])]),
    ("四川省", "川", [("澜阳市", "13", [("北塔区", "02"), ("安平县", "21")])]),
    ("安徽省", "皖", [("青峪市", "12", [("江湾区", "04"), ("松岗县", "21")])]),
    ("江西省", "赣", [("瑶川市", "07", [("东林区", "02"), ("梅岭县", "22")])]),
]


@dataclass
class Geo:
    prov: str
    abbr: str
    city: str
    city_code: str
    dist: str
    dist_code: str

    @property
    def is_county(self) -> bool:
        return self.dist.endswith("县")

    @property
    def base_code(self) -> str:
        return self.city_code + self.dist_code

    @property
    def dist_short(self) -> str:
        return self.dist[:-1]

    @property
    def city_short(self) -> str:
        return self.city[:-1]

    @property
    def prefix(self) -> str:
        """Administrative prefix of a district/county agency name."""
        return self.dist if self.is_county else self.city + self.dist


def pick_geo(rng: random.Random) -> Geo:
    prov, abbr, cities = rng.choice(GEOGRAPHY)
    city, ccode, dists = rng.choice(cities)
    dist, dcode = rng.choice(dists)
    return Geo(prov, abbr, city, ccode, dist, dcode)


class Names:
    """Per-document name source that never repeats a name inside one document."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.used_surnames: set[str] = set()

    def full(self) -> str:
        rng = self.rng
        for _ in range(200):
            s = rng.choice(SURNAMES)
            g = rng.choice(GIVEN_TWO) if chance(rng, 0.6) else rng.choice(GIVEN_ONE)
            n = s + g
            if n not in self.used and s not in self.used_surnames:
                self.used.add(n)
                self.used_surnames.add(s)
                return n
        n = rng.choice(SURNAMES) + rng.choice(GIVEN_TWO) + rng.choice(GIVEN_ONE)
        self.used.add(n)
        return n

    def anon(self, style: str | None = None) -> str:
        rng = self.rng
        style = style or rng.choice(["某", "某某", "某某", "某"])
        for _ in range(200):
            s = rng.choice(SURNAMES)
            if s in self.used_surnames:
                continue
            self.used_surnames.add(s)
            n = s + style
            self.used.add(n)
            return n
        return rng.choice(SURNAMES) + "某甲"

    def person(self, anon_p: float = 0.5) -> str:
        return self.anon() if chance(self.rng, anon_p) else self.full()


def company_name(rng: random.Random, geo: Geo, kind: str | None = None) -> tuple[str, str]:
    brand = rng.choice(COMPANY_BRANDS)
    if kind is None:
        suffix, trade = rng.choice(COMPANY_KINDS)
    else:
        cands = [k for k in COMPANY_KINDS if k[1] == kind] or COMPANY_KINDS
        suffix, trade = rng.choice(cands)
    place = rng.choice([geo.city_short, geo.city, geo.dist_short, geo.city_short + geo.dist_short])
    return f"{place}{brand}{suffix}", trade


def address(rng: random.Random, geo: Geo, rural: bool | None = None, with_city: bool = True, flat: bool = True) -> str:
    if rural is None:
        rural = chance(rng, 0.4)
    town = rng.choice(TOWNS)
    head = (geo.city + geo.dist) if with_city else geo.dist
    if rural:
        return f"{head}{town}{rng.choice(VILLAGES)}{rng.randint(1, 12)}组{rng.randint(1, 88)}号"
    return f"{head}{rng.choice(ROADS)}{rng.randint(1, 399)}号{rng.choice(['', '', rng.choice(COMMUNITIES)])}" + (
        f"{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(1, 28)}0{rng.randint(1, 4)}室" if flat and chance(rng, 0.5) else "")


def credit_code(rng: random.Random) -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    return "91" + "".join(rng.choice(chars) for _ in range(16))


# ---------------------------------------------------------------------------
# parties
# ---------------------------------------------------------------------------


@dataclass
class Party:
    name: str
    kind: str  # person | company | org | village
    desc: str = ""  # text after the name in the party list
    rep_title: str = ""  # 法定代表人 / 负责人 / 经营者 …
    rep_line: str = ""  # e.g. 法定代表人：王某，该公司总经理。
    # agencies only
    short: str = ""
    head_title: str = ""
    deputy_title: str = ""
    pron: str = ""  # 该局 / 该府 …
    reps: list[str] = dc_field(default_factory=list)  # representation lines (委托代理人 …)
    attendees: list[str] = dc_field(default_factory=list)  # names who attended the hearing
    head_sentence: str = ""  # sentence about a head appearing (goes into 审理经过)

    @property
    def ref(self) -> str:
        return self.short or self.name


FEMININE = set("芳娜敏静丽艳霞英慧红玲琳蕾琴雯岚秀兰燕梅凤娟珍菊芬娥芝怡欣雨")


def make_person(rng: random.Random, names: Names, geo: Geo, anon_p: float = 0.5, rural: bool | None = None) -> Party:
    name = names.person(anon_p)
    if "某" in name:
        sex = rng.choice(["男", "男", "女"])
    else:
        sex = "女" if (set(name[1:]) & FEMININE and chance(rng, 0.9)) else ("男" if chance(rng, 0.9) else "女")
    born = date(rng.randint(1948, 1996), rng.randint(1, 12), rng.randint(1, 28))
    nation = "汉族" if chance(rng, 0.9) else rng.choice(["回族", "土家族", "苗族", "满族"])
    addr = address(rng, geo, rural, with_city=chance(rng, 0.7))
    style = rng.randrange(5)
    if style == 0:
        desc = f"{sex}，{ad(born)}出生，{nation}，住{addr}。"
    elif style == 1:
        desc = f"{sex}，{born.year}年{born.month}月生，{nation}，住{addr}。"
    elif style == 2:
        desc = f"{sex}，{nation}，{ad(born)}出生，户籍地{addr}。"
    elif style == 3:
        desc = f"{sex}，{born.year}年出生，{nation}，{rng.choice(['农民', '个体工商户', '无固定职业', '退休职工', '务工'])}，住{addr}。"
    else:
        desc = f"{sex}，{ad(born)}生，住{addr}。"
    return Party(name=name, kind="person", desc=desc)


def make_company(rng: random.Random, names: Names, geo: Geo, trade: str | None = None) -> Party:
    name, _ = company_name(rng, geo, trade)
    boss = names.person(0.45)
    addr = address(rng, geo, rural=chance(rng, 0.3))
    title = rng.choice(["执行董事", "总经理", "董事长", "执行董事兼总经理", "经理"])
    if chance(rng, 0.35):
        desc = f"统一社会信用代码{credit_code(rng)}，住所地{addr}。"
    else:
        desc = f"住所地{addr}。"
    return Party(name=name, kind="company", desc=desc, rep_title="法定代表人",
                 rep_line=f"法定代表人：{boss}，{rng.choice(['该公司', ''])}{title}。")


def make_shop(rng: random.Random, names: Names, geo: Geo, trade: str) -> Party:
    owner = names.full()
    shop = f"{geo.dist}{owner[0]}记{trade}"
    addr = address(rng, geo, rural=False)
    return Party(name=shop, kind="company", desc=f"经营场所{addr}。", rep_title="经营者",
                 rep_line=f"经营者：{owner}，{rng.choice(['男', '女'])}，{rng.randint(1960, 1995)}年出生，汉族。")


# agency kinds: (name builder, short builder, head title, deputy title, pronoun)
def make_agency(rng: random.Random, geo: Geo, kind: str, names: Names, town: str | None = None) -> Party:
    p, ds, cs = geo.prefix, geo.dist_short, geo.city_short
    if kind == "gov_dist":
        name, short = f"{geo.city}{geo.dist}人民政府", f"{geo.dist}政府"
        head, dep = ("县长", "副县长") if geo.is_county else ("区长", "副区长")
        pron = "该府"
    elif kind == "gov_city":
        name, short, head, dep, pron = f"{geo.city}人民政府", f"{geo.city}政府", "市长", "副市长", "该府"
    elif kind == "town":
        town = town or rng.choice(TOWNS)
        if town.endswith("镇"):
            name, short, head, dep, pron = f"{p}{town}人民政府", f"{town}政府", "镇长", "副镇长", "该镇"
        else:
            name, short, head, dep, pron = f"{p}{town}办事处", f"{town}办", "主任", "副主任", "该办"
    elif kind == "police":
        if geo.is_county:
            name, short = f"{geo.dist}公安局", f"{geo.dist}公安局"
        else:
            name, short = f"{geo.city}公安局{ds}分局", f"{ds}公安分局"
        head, dep, pron = "局长", "副局长", "该局"
    elif kind == "market":
        name, short, head, dep, pron = f"{p}市场监督管理局", f"{ds}{'县' if geo.is_county else '区'}市场监管局", "局长", "副局长", "该局"
    elif kind == "eco":
        if chance(rng, 0.5):
            name, short = f"{geo.city}生态环境局", f"{cs}市生态环境局"
        else:
            name, short = f"{geo.city}生态环境局{ds}分局", f"{ds}生态环境分局"
        head, dep, pron = "局长", "副局长", "该局"
    elif kind == "chengguan":
        suffix = rng.choice(["综合行政执法局", "城市管理局", "城市管理综合执法局"])
        name, short, head, dep, pron = f"{p}{suffix}", f"{ds}{'县' if geo.is_county else '区'}{suffix.replace('城市管理综合执法局', '城管执法局').replace('城市管理局', '城管局').replace('综合行政执法局', '综合执法局')}", "局长", "副局长", "该局"
    elif kind == "transport":
        name, short, head, dep, pron = f"{p}交通运输局", f"{ds}{'县' if geo.is_county else '区'}交通局", "局长", "副局长", "该局"
    elif kind == "natres":
        suffix = rng.choice(["自然资源局", "自然资源和规划局"])
        name, short, head, dep, pron = f"{p}{suffix}", f"{ds}{'县' if geo.is_county else '区'}自然资源局", "局长", "副局长", "该局"
    elif kind == "hrss":
        if chance(rng, 0.5):
            name, short = f"{geo.city}人力资源和社会保障局", f"{cs}市人社局"
        else:
            name, short = f"{p}人力资源和社会保障局", f"{ds}{'县' if geo.is_county else '区'}人社局"
        head, dep, pron = "局长", "副局长", "该局"
    elif kind == "tax":
        name, short, head, dep, pron = f"国家税务总局{geo.city}{geo.dist}税务局", f"{ds}{'县' if geo.is_county else '区'}税务局", "局长", "副局长", "该局"
    elif kind == "health":
        suffix = rng.choice(["卫生健康委员会", "卫生健康局"])
        name = f"{p}{suffix}"
        short = f"{ds}{'县' if geo.is_county else '区'}{'卫健委' if suffix.endswith('委员会') else '卫健局'}"
        head, dep, pron = ("主任", "副主任", "该委") if suffix.endswith("委员会") else ("局长", "副局长", "该局")
    elif kind == "edu":
        suffix = rng.choice(["教育局", "教育和体育局"])
        name, short, head, dep, pron = f"{p}{suffix}", f"{ds}{'县' if geo.is_county else '区'}教育局", "局长", "副局长", "该局"
    elif kind == "civil":
        name, short, head, dep, pron = f"{p}民政局", f"{ds}{'县' if geo.is_county else '区'}民政局", "局长", "副局长", "该局"
    elif kind == "housing":
        name, short, head, dep, pron = f"{p}住房和城乡建设局", f"{ds}{'县' if geo.is_county else '区'}住建局", "局长", "副局长", "该局"
    elif kind == "regcenter":
        name, short, head, dep, pron = f"{geo.city}不动产登记中心", f"{cs}市不动产登记中心", "主任", "副主任", "该中心"
    elif kind == "sicenter":
        name, short, head, dep, pron = f"{geo.city}社会保险事业管理中心", f"{cs}市社保中心", "主任", "副主任", "该中心"
    else:  # pragma: no cover - programming error
        raise ValueError(kind)
    addr = address(rng, geo, rural=False, with_city=True, flat=False)
    boss = names.full() if chance(rng, 0.8) else names.anon()
    rep_word = "法定代表人" if chance(rng, 0.85) else "负责人"
    if chance(rng, 0.35):
        rep_line = f"{rep_word}：{boss}，{head}。"
    else:
        rep_line = f"{rep_word}：{boss}，{pron}{head}。"
    desc = f"住所地{addr}。" if chance(rng, 0.8) else f"地址{addr}。"
    return Party(name=name, kind="org", desc=desc, rep_title=rep_word, rep_line=rep_line,
                 short=short, head_title=head, deputy_title=dep, pron=pron)


# ---------------------------------------------------------------------------
# phrase banks for the court's reasoning (本院认为)
#   {A} agency as referred to in this document, {P} the private party, {act} the action under review.
#   A template is usable only when every placeholder has a value for the case at hand, so
#   category-specific wording simply uses category-specific placeholders.
# ---------------------------------------------------------------------------

LEAD_INS = ["", "", "", "", "经查，", "本案中，", "从在案证据看，", "具体到本案，", "根据查明的事实，"]

FOUND = {
    "EVIDENCE": [
        "{A}认定{P}{fact}，但其提交的证据仅有{weak}，不足以证明该事实，{act}主要证据不足。",
        "{A}作出{act}时未查明{unclear}，认定事实不清，主要证据不足。",
        "{A}未能提供{missing}等证据证明其认定的事实，应当承担举证不能的不利后果，{act}缺乏事实根据。",
        "{A}提交的证据之间相互矛盾，不能形成完整的证据链，据此作出的{act}认定事实不清、证据不足。",
        "{r70}，{act}主要证据不足，应予撤销。",
        "{A}仅凭{weak}即认定{P}{fact}，证据明显不足。",
        "{act}所认定的“{key_fact}”这一关键事实，在案证据无法予以证实。",
        "对于{unclear}这一基本事实，{A}未作调查核实，其作出的{act}事实认定不清。",
        "{A}在未查清{unclear}的情况下即作出{act}，属于主要证据不足。",
    ],
    "LAW": [
        "{P}的行为应当适用{law_right}的规定处理，{A}适用{law_used}作出{act}，属于适用法律错误。",
        "{act}仅笼统载明依据{law_vague}，未写明具体适用的条、款、项，属于适用法律错误。",
        "{A}将{P}的行为定性为{wrong_nature}，定性错误，导致{act}适用法律错误。",
        "{r70}，{act}适用法律、法规错误，依法应予撤销。",
        "{A}作出{act}所依据的{law_invalid}已经废止，{A}仍以该规定作为依据，适用法律错误。",
        "{A}对{law_right}的理解存在偏差，据此作出的{act}适用法律错误。",
        "本案情形应适用{law_right}，{A}未予适用，属于适用法律、法规错误。",
    ],
    "PROCEDURE": [
        "{A}对{P}作出{act}前，未经{A_pron}负责人集体讨论决定，违反了《中华人民共和国行政处罚法》第五十七条第二款的规定。{xpun}",
        "{A}的执法人员在{inspect_scene}时未向{P}出示执法证件，询问笔录上亦仅有一名执法人员签名，执法程序违法。",
        "{A}在作出{act}之后才补充调取相关证据，违反了“先取证、后裁决”的基本程序规则。{xonsite}",
        "{A}在复议审理过程中未通知与被申请复议的行政行为有利害关系的{TP}参加复议，违反法定程序。{xreview}",
        "{r70}，{act}违反法定程序，应予撤销。",
        "{A}在工伤认定过程中未依法通知用人单位{employer}举证，即作出{act}，程序违法。",
        "{A}在未核实申请材料真实性、亦未实地查看的情况下即作出{act}，未尽到法定审查职责，程序违法。{xreg}",
        "{A}作出{act}的程序不符合{proc_rule}的规定，属于违反法定程序。",
        "{A}实施{act}时未制作现场笔录，亦未当场交付{seize_doc}，违反了《中华人民共和国行政强制法》第十八条的规定。",
        "{A}在{P}未到场的情况下作出{act}，既未邀请见证人在场，也未依法制作笔录，其程序不符合法律规定。{xonsite}",
    ],
    "NO_STATEMENT": [
        "{A}在作出{act}前，未告知{P}拟作出行政处罚的事实、理由及依据，亦未告知其依法享有陈述、申辩的权利，违反了《中华人民共和国行政处罚法》第四十四条的规定。{xns_none}",
        "{A}未听取{P}的陈述、申辩即作出{act}，程序违法。",
        "在案证据不能证明{A}在作出处罚前向{P}履行了告知义务，{P}依法享有的陈述、申辩权利未能得到保障。{xns_none}",
        "{P}在收到《行政处罚事先告知书》后即提出了申辩意见，{A}未进行复核即于当日作出{act}，实际剥夺了{P}的申辩权利。{xns_review}",
        "{A}送达《行政处罚事先告知书》的次日即作出{act}，未给予{P}合理的陈述、申辩期间，违反了《中华人民共和国行政处罚法》第四十五条的规定。{xns_quick}",
        "{A}未向{P}告知陈述、申辩权利即作出{act}，根据《中华人民共和国行政处罚法》第六十二条的规定，该处罚决定不能成立。{xns_none}",
        "{A}剥夺了{P}依法享有的陈述权和申辩权，其作出的{act}程序违法。",
    ],
    "NO_HEARING": [
        "{act}对{P}{big_penalty}，属于应当告知听证权利的情形，{A}未告知{P}有要求听证的权利，违反了《中华人民共和国行政处罚法》第六十三条的规定。{xnh_none}",
        "{A}在对{P}{big_penalty}之前未告知其享有要求听证的权利，程序违法。{xnh_none}",
        "{P}在法定期限内提出了听证申请，{A}未组织听证即作出{act}，违反法定程序。{xnh_req}",
        "{act}系{big_kind}，依法应当告知当事人有要求听证的权利，{A}未予告知，处罚程序明显违法。{xnh_none}",
        "{act}直接关系{TP}的重大利益，{A}在作出许可决定前未告知{TP}享有要求听证的权利，违反了《中华人民共和国行政许可法》第四十七条第一款的规定。",
        "{A}虽告知了{P}陈述、申辩的权利，但遗漏了对听证权利的告知，而{act}系{big_kind}，其程序违法。{xnh_none}",
    ],
    "SERVICE": [
        "{A}未将{doc}直接送达{P}，亦未采取留置送达、邮寄送达等方式，仅在{P}住所门口张贴，送达程序违法。{xsv_post}",
        "{A}在未穷尽其他送达方式的情况下即采用公告方式送达{doc}，不符合公告送达的适用条件。{xsv_public}",
        "{A}提供的送达回证上既无{P}的签名，也无见证人签字，不能证明{doc}已依法送达。{xsv_nosign}",
        "{A}将{doc}交由与{P}无关的人员代收，该代收行为不产生送达的法律效力。{xsv_proxy}",
        "{A}向{P}早已不再使用的地址邮寄{doc}，邮件被退回后亦未再行送达，送达程序违法。{xsv_oldaddr}",
        "{doc}未依法送达{P}，致使{P}未能及时知晓其内容并行使救济权利，{A}的送达行为违反法定程序。",
    ],
    "TIME_LIMIT": [
        "{A}于{apply_date}受理{P}的申请，直至{reply_date}才作出{act}，明显超过{limit}的法定期限。",
        "根据{limit_law}的规定，{A}应当在{limit}内作出决定，其逾期作出{act}，违反了法定期限的规定。{xdecide}",
        "{A}作出{act}超过了法定的办案期限，且未提供经依法批准延长期限的证据，程序违法。{xpun}",
        "{A}未在法定期限内作出{act}，拖延时间长达{delay}，违反了法定期限的规定。{xdecide}",
        "{A}在受理复议申请后未在六十日内作出复议决定，亦无延期审理的审批手续，违反了《中华人民共和国行政复议法》关于审理期限的规定。{xreview}",
        "{act}的作出时间距{A}受理申请之日（{apply_date}）已逾{delay}，明显超出法定期限。{xdecide}",
        "{A}对{item}采取的措施超过了{limit}的法定期限，且未办理延长手续，违反了{limit_law}的规定。",
    ],
    "ENFORCE_PROC": [
        "{A}在实施强制拆除前，未依法进行催告，亦未作出书面强制执行决定，违反了《中华人民共和国行政强制法》第三十五条、第三十七条的规定。{xe_nocall}",
        "{A}未依照《中华人民共和国行政强制法》第四十四条的规定予以公告并限期{P}自行拆除，即对{structure}实施强制拆除，程序违法。{xe_nonotice}",
        "{A}在实施强制拆除前未听取{P}的陈述和申辩，剥夺了其依法享有的程序权利，强制拆除行为违法。{xe_nohear}",
        "{P}在法定期限内对{basis_doc}申请了行政复议，{A}在复议期间即实施强制拆除，违反了《中华人民共和国行政强制法》第四十四条的规定。{xe_review}",
        "{A}实施强制拆除时未通知{P}到场，亦未对屋内物品进行登记造册，执行程序严重违法。{xe_inv}",
        "{A}于夜间实施强制拆除，违反了《中华人民共和国行政强制法》第四十三条第一款关于不得在夜间实施行政强制执行的规定。{xe_night}",
        "{A}未经催告、未作出强制拆除决定即拆除{structure}，其行为不符合法定程序。{xe_nocall}",
    ],
    "EXPROP_PROC": [
        "{A}在未与{P}签订补偿协议，亦未依法作出补偿决定的情况下，即组织拆除{P}的房屋，违反了《国有土地上房屋征收与补偿条例》第二十七条“先补偿、后搬迁”的规定。{xx_first}{xhouse}",
        "{A}作出房屋征收决定前，未对征收补偿方案组织论证并公布征求公众意见，违反了《国有土地上房屋征收与补偿条例》第十条的规定。{xx_plan}",
        "{A}未依法发布征收土地预公告，亦未听取被征地农村集体经济组织及其成员的意见，不符合《中华人民共和国土地管理法》第四十七条规定的征收程序。{xx_land}",
        "{A}未依法选定评估机构对被征收房屋进行评估，亦未向{P}送达评估报告，即作出补偿决定，剥夺了{P}申请复核评估的权利。{xx_eval}",
        "{A}作出征收决定前未进行社会稳定风险评估，违反了《国有土地上房屋征收与补偿条例》第十二条第一款的规定。{xx_risk}",
        "征收补偿过程中，{A}未告知{P}对评估结果申请复核、鉴定的权利，补偿程序违法。{xx_eval}",
        "{A}在征地补偿安置方案未经公告、补偿费用未足额支付的情况下即责令交地，违反了土地征收的法定程序。{xx_land}",
        "{A}未与{P}就补偿安置达成协议，也未作出补偿决定，即占用{P}承包的土地，征收程序违法。{xx_first}{xland}",
    ],
    "ULTRA_VIRES": [
        "根据{power_law}的规定，{matter}的职权属于{right_agency}，{A}不具有作出{act}的法定职权，属于超越职权。",
        "{A}系{parent}的内设机构，未经法律、法规授权，不具有以自己名义对外作出行政行为的主体资格。",
        "{A}作出{act}超出了其法定职权范围，属于超越职权。",
        "{A}对城市规划区内的违法建设不具有强制拆除的职权，其实施的强制拆除行为超越职权。{xcity}",
        "{A}并非法律规定的有权机关，由其作出{act}属于执法主体不适格。",
        "{r70}，{act}超越职权，应予撤销。",
        "{matter}依法应由{right_agency}负责，{A}越权作出{act}，于法无据。",
    ],
    "ABUSE": [
        "{A}在{P}已经履行相应义务的情况下，仍基于同一事实对其再次作出{act}，背离了行政执法目的，构成滥用职权。",
        "{A}为促使{P}签订补偿协议，采取停水停电等方式迫使其搬迁，明显背离法律授权的目的，属于滥用职权。{xhouse}",
        "{A}将与行政管理目的无关的因素作为作出{act}的考量依据，构成滥用职权。",
        "{A}在审批过程中为{P}设定法律规定之外的附加条件，属于滥用职权。{xlicense}",
        "{r70}，{act}系滥用职权作出，应予撤销。",
        "{A}对同一区域内的同类行为不予查处，仅针对{P}作出{act}，其选择性执法行为构成滥用职权。",
    ],
    "UNREASONABLE": [
        "{P}系初次违法，情节轻微并已及时改正，{A}对其{fine}，处罚幅度与违法行为的事实、性质、情节及社会危害程度不相当，明显不当。",
        "{A}对同类违法行为的其他当事人作出了较轻的处罚，却对{P}{fine}，违反了过罚相当原则，{act}明显不当。",
        "{act}确定的罚款数额明显过重，属于行政处罚明显不当。{xfine}",
        "{A}未考虑{P}具有的从轻、减轻处罚情节，作出的{act}明显不当。{xpun}",
        "{r70}，{act}明显不当，应予撤销。",
        "{A}确定的补偿标准明显低于同期同类{comp_ref}的市场价格，补偿数额明显不当。",
        "{A}对{P}顶格处罚，未说明任何理由，其裁量明显失当。{xfine}",
    ],
    "NONPERFORMANCE": [
        "{P}于{apply_date}向{A}提交书面申请，要求其{duty}，{A}至今未作处理，构成不履行法定职责。",
        "{A}对{P}的{apply_kind}负有依法调查处理的职责，其收到{apply_kind}后未在法定期限内作出处理，属于怠于履行法定职责。",
        "{A}虽辩称已对相关问题进行了调查，但未能提供相应证据，亦未作出处理决定并告知{P}，应认定其未依法履行法定职责。",
        "{A}以{refuse_reason}为由拒绝{duty}，该理由不能成立，其拒绝履行行为违法。",
        "{A}在收到{P}的{apply_kind}后长期未予答复，其不作为行为违法。",
        "依照《中华人民共和国行政诉讼法》第七十二条的规定，{A}不履行{duty}的法定职责，应判决其在一定期限内履行。",
        "{A}未按照协议约定的期限向{P}支付{owed}，亦未提出合法的抗辩理由，构成未依约履行协议义务。",
        "{P}符合领取{benefit}的条件，{A}至今未予核定发放，未履行法定给付职责。",
    ],
    "DISCLOSURE": [
        "{A}在答复中仅告知{P}所申请的信息不存在，但未说明其检索的范围和方式，亦未说明理由，答复不符合《中华人民共和国政府信息公开条例》第三十六条的规定。{xnoexist}",
        "{A}称{info}不存在，却未能提供其已尽合理检索义务的证据，其答复缺乏事实根据。{xnoexist}",
        "对于{P}申请公开的{info}，{A}仅公开了其中一部分，对其余信息既未公开也未说明不予公开的理由，答复内容不完整。{xpartial}",
        "{A}以涉及商业秘密为由不予公开{info}，但未征求第三方意见，亦未说明具体理由，其答复违法。{xsecret}",
        "{A}将{P}的政府信息公开申请作为信访事项处理，未依照政府信息公开条例作出答复，其行为违法。{xpetition}",
        "{A}以{info}属于内部管理信息为由不予公开，但未举证证明该信息仅涉及其内部管理事务，其不予公开的理由不能成立。{xinternal}",
        "{A}告知{P}相关信息已经主动公开，却未告知获取该信息的方式和途径，答复内容不符合法律规定。{xpublished}",
        "{A}对{info}是否存在、是否属于公开范围均未作出明确答复，{act}违反了《中华人民共和国政府信息公开条例》第三十六条的规定。{xpetition}",
        "{A}收到{P}的政府信息公开申请后，超过二十个工作日才作出答复，违反了《中华人民共和国政府信息公开条例》第三十三条第二款的规定。{xlate}",
    ],
    "MINOR_PROC": [
        "{A}作出{act}的程序存在瑕疵，属于程序轻微违法，但对{P}的权利不产生实际影响。",
        "{act}未载明{P}申请行政复议、提起行政诉讼的途径和期限，属于程序轻微违法，但并未对{P}行使救济权利造成实际影响。",
        "{A}在告知程序中存在期限计算错误的问题，系程序轻微违法，对{P}的陈述、申辩权利不产生实际影响。{xpun}",
        "{A}的上述程序问题虽不足以导致{act}被撤销，但属于《中华人民共和国行政诉讼法》第七十四条第一款第（二）项规定的程序轻微违法情形。",
        "{A}作出{act}时未加盖骑缝章、部分文书未注明日期，属于程序轻微违法，对{P}的实体权利不产生实际影响。",
    ],
}

# MINOR_PROC findings that also name a concrete procedural flaw (second element: optional code)
FOUND_MINOR_SPECIFIC = [
    ("{A}送达{doc}超过法定期限{delay}，属于程序轻微违法，对{P}的权利不产生实际影响。", "SERVICE"),
    ("{A}逾期{delay}作出{act}，属于程序轻微违法，对{P}依法享有的权利不产生实际影响。", "TIME_LIMIT"),
    ("{act}的作出超过法定期限，但逾期时间较短，属程序轻微违法，对{P}的权利不产生实际影响。", "TIME_LIMIT"),
]

# the court rejects a possible defect (traps: same vocabulary, no defect)
DENY = {
    "EVIDENCE": [
        "{A}提交的{good_ev}等证据能够相互印证，足以证明{P}{fact}，{act}认定事实清楚，证据确凿。",
        "{P}主张{act}认定事实不清，但未提供相反证据予以推翻，本院不予支持。",
        "根据查明的事实，{act}认定的事实有相应证据证实，并无不当。",
        "在案证据足以证明“{key_fact}”，{P}关于{A}认定事实错误的主张缺乏事实依据，本院不予采纳。",
        "{P}关于{A}主要证据不足的主张，与在案证据不符，本院不予支持。",
    ],
    "LAW": [
        "{A}依据{law_used}作出{act}，适用法律正确。",
        "{P}认为{A}适用法律错误，但未说明具体理由，该主张不能成立。",
        "{act}适用法律、法规正确，处理结果并无不当。",
    ],
    "PROCEDURE": [
        "{A}立案后进行了调查取证，并经负责人审批后作出{act}，不违反法定程序。{xpun}",
        "{P}主张执法人员未出示执法证件，但询问笔录载明执法人员已出示证件，{P}亦签字确认，对其该项主张本院不予采纳。{xinspect}",
        "{A}作出{act}的程序符合法律规定，并无不当。",
        "{P}所称{A}程序违法的理由，均无证据支持，本院不予采信。",
    ],
    "NO_STATEMENT": [
        "{A}在作出处罚决定前已依法告知{P}拟作出处罚的事实、理由、依据及其享有的陈述、申辩权利，程序合法。",
        "{P}称其未被告知陈述、申辩权利，与在案的《行政处罚事先告知书》及送达回证不符，本院不予采信。",
        "{P}在告知期限内未提出陈述、申辩意见，视为放弃该项权利，{A}据此作出{act}并无不当。",
        "{A}对{P}提出的申辩意见进行了复核并作出书面答复，已充分保障其陈述、申辩权利。",
    ],
    "NO_HEARING": [
        "{act}对{P}{small_penalty}，未达到本省规定的较大数额标准，{A}未告知听证权利，不违反法定程序。",
        "{A}已告知{P}有要求听证的权利，{P}在法定期限内未申请听证，{A}据此作出{act}，程序合法。",
        "{A}依{P}的申请组织了听证，听证程序符合法律规定。",
    ],
    "SERVICE": [
        "{A}通过邮寄方式向{P}户籍地址送达{doc}，邮件已妥投，应视为已经送达，{P}关于未收到{doc}的主张本院不予支持。",
        "{A}在{P}拒绝签收的情况下，邀请见证人到场并将{doc}留置于其住所，留置送达合法有效。",
        "{doc}已由{P}本人签收，送达程序合法。",
    ],
    "TIME_LIMIT": [
        "{A}在法定期限内作出了{act}，{P}关于其超期作出的主张，缺乏事实依据。",
        "{A}自立案至作出{act}未超过法定期限，{P}的该项主张不能成立。{xpun}",
        "{A}于{apply_date}受理申请后，在法定期限内作出了{act}，不存在超期的情形。",
    ],
    "ENFORCE_PROC": [
        "{A}在实施强制拆除前依法向{P}送达了催告书，作出并送达了强制拆除决定书，并在现场予以公告，强制拆除程序合法。{xdemo}",
        "{P}主张{A}未经催告即实施强制拆除，与在案的《催告书》及送达回证不符，本院不予支持。{xdemo}",
        "{A}实施强制拆除时通知了{P}到场，并对屋内物品进行了登记造册和证据保全，不违反法定程序。{xdemo}",
    ],
    "EXPROP_PROC": [
        "{A}在作出征收决定前，对征收补偿方案进行了论证并公开征求意见，完成了社会稳定风险评估，并及时予以公告，征收程序符合法律规定。{xhouse}",
        "{A}依法选定评估机构并向{P}送达了评估报告，告知了其申请复核评估的权利，补偿程序合法。{xhouse}",
        "{P}主张{A}未履行征收公告程序，但在案证据显示征收土地预公告、征收土地公告均已依法张贴，该主张不能成立。{xland}",
    ],
    "ULTRA_VIRES": [
        "{P}主张{A}无权作出{act}，缺乏法律依据，本院不予采纳。",
    ],
    "ABUSE": [
        "{P}称{A}滥用职权，但未提供任何证据予以证明，本院不予支持。",
        "没有证据表明{A}作出{act}系出于与行政管理目的无关的考量，{P}关于滥用职权的主张不能成立。",
    ],
    "UNREASONABLE": [
        "{A}在法定幅度内对{P}{fine}，已充分考虑了其违法情节，处罚并无明显不当。",
        "{act}的处罚幅度与{P}违法行为的性质、情节相当，符合过罚相当原则。{xpun}",
        "{A}确定的补偿数额系依据评估报告作出，并无明显不当。{xcomp}",
    ],
    "NONPERFORMANCE": [
        "{A}已按照协议约定履行了付款义务，{P}主张{A}未依约履行协议，与查明的事实不符。{xagree}",
        "在案的付款凭证显示{A}已足额支付了协议约定的款项，不存在违约情形。{xagree}",
        "{A}在收到{P}的{apply_kind}后已进行了调查并作出书面答复{xduty}，已经履行了法定职责，{P}要求其履行职责的诉讼请求缺乏事实依据。",
        "{P}所请求履行的事项不属于{A}的法定职责范围，{A}不负有该项作为义务。{xduty}",
        "{A}已在法定期限内对{P}的{apply_kind}作出处理并告知处理结果，不存在不履行法定职责的情形。{xduty}",
    ],
    "DISCLOSURE": [
        "{A}经检索后告知{P}所申请的信息不存在，并说明了检索的范围和方式，已尽到合理检索义务，答复并无不当。{xnoexist}",
        "{P}申请公开的信息不属于{A}负责公开的范围，{A}已告知其负责公开该信息的机关名称，答复符合《中华人民共和国政府信息公开条例》第三十六条的规定。{xnotmine}",
        "{A}在法定期限内作出答复，答复内容明确、理由充分，并无不当。",
        "{A}已告知{P}获取该信息的具体网址和查询方式，履行了答复义务。{xpublished}",
    ],
}

# the court notes a blemish but does not hold the action unlawful (label: MINOR_PROC optional)
BLEMISH = [
    "{act}中存在个别文字表述错误，属于行政行为瑕疵，不影响其合法性，本院予以指正。",
    "{A}在作出{act}过程中存在文书制作不规范的问题，但尚不构成违法，{A}应在今后的执法工作中加以改进。",
    "{A}在送达回证中未注明送达时间，存在一定瑕疵，但不影响{act}的效力，本院予以指出。",
]

# what the plaintiff alleges (诉称 / 上诉理由 / 申请再审理由); {D} = agency as named by the party
ALLEGE = {
    "EVIDENCE": ["{D}认定事实不清，证据不足", "{D}认定{S}{fact}没有事实依据", "{D}作出的决定缺乏事实根据", "{D}未查清基本事实"],
    "LAW": ["适用法律错误", "{D}适用法律、法规错误", "{D}引用的法律条款与本案事实不符"],
    "PROCEDURE": ["程序违法", "{D}的办理程序严重违法", "执法人员在{inspect_scene}时未出示执法证件，程序违法"],
    "NO_STATEMENT": ["{D}在作出处罚决定前未告知{S}陈述、申辩的权利", "{D}未听取{S}的陈述和申辩", "{D}剥夺了{S}的申辩权"],
    "NO_HEARING": ["{D}对{S}处以巨额罚款却未告知{S}有权要求听证", "{D}未组织听证"],
    "SERVICE": ["{D}从未向{S}送达{doc}", "{D}送达程序违法，{S}至今未收到任何文书"],
    "TIME_LIMIT": ["{D}超过法定期限作出{act_plain}", "{D}拖延办理，严重超期"],
    "ENFORCE_PROC": ["{D}未经催告、未作出强制执行决定即强行拆除{S}的房屋", "{D}强拆前未予公告，也未通知{S}到场", "{D}的强制拆除程序严重违法"],
    "EXPROP_PROC": ["{D}未与{S}达成补偿协议即强行拆除{xdemo}", "征收程序违法，未依法评估{xsubcomp}", "{D}未依法公告征收补偿方案{xsubdecision}",
                    "{D}未进行社会稳定风险评估{xsubdecision}", "{D}未依法履行征收土地的公告、听证程序{xland}"],
    "ULTRA_VIRES": ["{D}无权作出该行为", "{D}不具有执法主体资格", "{D}越权执法"],
    "ABUSE": ["{D}滥用职权，打击报复{S}", "{D}选择性执法"],
    "UNREASONABLE": ["处罚畸重，明显不当{xfine}", "{D}确定的数额明显不合理", "处罚幅度明显过重{xfine}"],
    "NONPERFORMANCE": ["{D}至今未履行法定职责", "{D}对{S}的申请置之不理", "{D}推诿拖延，不作为"],
    "DISCLOSURE": ["{D}的答复敷衍了事，未公开{S}申请的信息", "{D}答复不全面"],
}

CONCLUDE_DEFECT = {
    "EVIDENCE": ["主要证据不足", "认定事实不清、主要证据不足", "缺乏事实根据"],
    "LAW": ["适用法律、法规错误", "适用法律错误"],
    "PROCEDURE": ["违反法定程序", "程序违法"],
    "NO_STATEMENT": ["违反法定程序", "程序违法"],
    "NO_HEARING": ["违反法定程序", "程序违法"],
    "SERVICE": ["违反法定程序"],
    "TIME_LIMIT": ["违反法定程序"],
    "ENFORCE_PROC": ["违反法定程序", "程序违法"],
    "EXPROP_PROC": ["违反法定程序"],
    "ULTRA_VIRES": ["超越职权"],
    "ABUSE": ["滥用职权"],
    "UNREASONABLE": ["明显不当"],
    "NONPERFORMANCE": ["构成不履行法定职责"],
    "DISCLOSURE": ["不符合政府信息公开条例的规定"],
    "MINOR_PROC": ["程序轻微违法"],
}
R70_ITEM = {"EVIDENCE": 1, "LAW": 2, "ULTRA_VIRES": 4, "ABUSE": 5, "UNREASONABLE": 6}
R70_ITEM.update({c: 3 for c in PROC_CODES})
ITEM_CN = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

ACPL = "《中华人民共和国行政诉讼法》"
INTERP = "《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》"


def cite_item(rng: random.Random, article: str, item: int | None = None, para: str | None = None) -> str:
    s = f"第{article}条"
    if para:
        s += f"第{para}款"
    if item:
        s += rng.choice([f"第（{ITEM_CN[item]}）项", f"第（{ITEM_CN[item]}）项", f"第{ITEM_CN[item]}项", f"第({ITEM_CN[item]})项"])
    return s


def r70_text(rng: random.Random, code: str) -> str:
    item = R70_ITEM.get(code, 3)
    lead = rng.choice(["依照", "根据", "按照"])
    return f"{lead}{ACPL}{cite_item(rng, '七十', item)}的规定"


# ---------------------------------------------------------------------------
# the case being written
# ---------------------------------------------------------------------------


@dataclass
class Case:
    idx: int
    rng: random.Random
    names: Names
    geo: Geo
    proc: str
    cat: str
    variant: str = ""  # procedure-specific scenario (see plan_outcome)
    field: str = "其他"
    plaintiffs: list[Party] = dc_field(default_factory=list)
    defendants: list[Party] = dc_field(default_factory=list)
    thirds: list[Party] = dc_field(default_factory=list)
    v: dict = dc_field(default_factory=dict)
    act: str = "被诉行政行为"  # how the court refers to the action
    act_title: str = ""  # document title of the action, e.g. 临市监罚〔2022〕56号《行政处罚决定书》
    act_plain: str = "行政行为"  # plain noun used by the parties
    act_date: date = date(2020, 1, 1)
    request: str = ""  # 诉讼请求
    story_p: list[str] = dc_field(default_factory=list)
    story_d: list[str] = dc_field(default_factory=list)
    third_said: str = ""
    facts: list[str] = dc_field(default_factory=list)
    agency_ev: list[str] = dc_field(default_factory=list)
    competence: list[str] = dc_field(default_factory=list)
    needs_mid: bool = False  # 一审 by an intermediate court (county-level government sued)
    case_kind: str = "行"  # 行 or 行赔 (赔偿 cases: 行赔初 / 行赔终)
    # outcome planning
    merits: str = ""  # first-instance merits result
    outcome: str = ""
    outcome_alt: list[str] = dc_field(default_factory=list)
    category_alt: list[str] = dc_field(default_factory=list)
    agency_lost: bool | None = None
    defects: list[str] = dc_field(default_factory=list)  # found by THIS court
    inner_defects: list[str] = dc_field(default_factory=list)  # found by the court below (quoted)
    alleged: list[str] = dc_field(default_factory=list)
    optional: list[str] = dc_field(default_factory=list)
    minor_code: str | None = None
    blemish: bool = False
    dismiss_reason: str = ""
    redo: bool = False
    appellant_agency: bool = False
    # operative-part hooks
    op: dict = dc_field(default_factory=dict)
    prefer: tuple = ()
    prefer_out: tuple = ()
    # dates
    J: date = date(2022, 1, 1)
    F1: date = date(2021, 6, 1)

    @property
    def P0(self) -> Party:
        return self.plaintiffs[0]

    @property
    def A0(self) -> Party:
        return self.defendants[0]


def pshort(p: Party) -> str:
    return p.short or p.name


def set_party_shorts(c: Case) -> None:
    for p in c.plaintiffs + c.thirds:
        if p.kind == "company" and not p.short:
            m = re.match(r"^(?:.*?)(" + "|".join(COMPANY_BRANDS) + ")", p.name)
            p.short = (m.group(1) + "公司") if (m and p.name.endswith("公司")) else p.name
    c.v.setdefault("Pn", pshort(c.P0))
    c.v.setdefault("An", c.A0.short)
    c.v.setdefault("A_pron", c.A0.pron[1:] if c.A0.pron.startswith("该") else c.A0.pron)


def doc_no(c: Case, kind: str, d: date) -> str:
    rng = c.rng
    a = c.A0.short
    head = a[:1] + (a[1:3] if chance(rng, 0.5) else a[-2:-1])
    br = rng.choice([("〔", "〕"), ("〔", "〕"), ("[", "]"), ("（", "）")])
    return f"{head}{kind}{br[0]}{d.year}{br[1]}{rng.randint(3, 999)}号"


def person_or_company(c: Case, p_company: float, trade: str | None = None, rural: bool | None = None) -> Party:
    if chance(c.rng, p_company):
        return make_company(c.rng, c.names, c.geo, trade)
    return make_person(c.rng, c.names, c.geo, rural=rural)


def std_story_p_tail(c: Case) -> str:
    return c.rng.choice([
        "为维护原告的合法权益，特诉至法院，请求判如所请。",
        "综上，请求人民法院依法支持原告的诉讼请求。",
        "原告为此诉至法院，请求依法判决。",
        "故请求法院依法撤销被诉行政行为。" if c.cat not in ("不履行法定职责", "行政赔偿", "行政给付") else "故请求法院依法判决。",
        "",
    ])


def std_story_d_tail(c: Case) -> str:
    if c.cat in ("不履行法定职责", "行政赔偿", "行政协议"):
        return c.rng.choice(["综上，请求法院依法驳回原告的诉讼请求。", "原告的诉讼请求缺乏事实和法律依据，请求依法驳回。", "请求驳回原告的诉讼请求。"])
    return c.rng.choice([
        "综上，请求法院依法驳回原告的诉讼请求。",
        "被诉行政行为认定事实清楚，证据确凿，适用法律正确，程序合法，请求驳回原告的诉讼请求。",
        "原告的诉讼请求缺乏事实和法律依据，请求依法驳回。",
        "请求驳回原告的诉讼请求。",
    ])


# ---------------------------------------------------------------------------
# 行政处罚 (also reused by 非诉执行审查)
# ---------------------------------------------------------------------------


def _pen_subvariant(c: Case) -> dict:
    rng, geo, names = c.rng, c.geo, c.names
    kinds = ["police_fight", "police_gamble", "food_unlicensed", "food_expired", "false_ad", "air", "eia",
             "street", "illegal_build", "transport", "land", "tax", "medical", "edu"]
    k = c.v.get("_pen_kind") or rng.choice(kinds)
    d: dict = {"kind": k}
    y = c.F1.year
    if k == "police_fight":
        victim = names.person(0.5)
        days, fine = rng.choice([(5, 200), (7, 300), (10, 500), (10, 200), (12, 500)])
        d.update(field="公安", agency="police", party=make_person(rng, names, geo),
                 fact="殴打他人", penalty=f"行政拘留{days}日，并处罚款{fine}元", fine=f"行政拘留{days}日并处罚款{fine}元",
                 fine_n=fine, change_to=f"行政拘留{max(days // 2, 3)}日，并处罚款{fine // 2}元",
                 obs=f"{victim}报警称其在{rng.choice(['小区门口', '菜市场', '自家院内', '村委会门前', '一家烧烤店内'])}被人殴打",
                 story=f"{victim}与{{Pn}}因{rng.choice(['宅基地界址', '邻里噪音', '停车位', '债务', '琐事'])}发生争执，双方发生推搡",
                 law_used="《中华人民共和国治安管理处罚法》第四十三条第一款",
                 law_right="《中华人民共和国治安管理处罚法》第九条关于调解处理的规定",
                 wrong_nature="结伙殴打他人", law_vague="《中华人民共和国治安管理处罚法》",
                 unclear=f"双方冲突的起因及{victim}伤情的形成原因",
                 weak=f"{victim}的单方陈述和一份未载明检查时间的门诊病历",
                 missing="现场监控视频、在场证人证言", key_fact=f"{{Pn}}先动手殴打{victim}",
                 good_ev="询问笔录、证人证言、伤情照片和现场监控视频", inspect_scene="调查询问",
                 power="根据《中华人民共和国治安管理处罚法》第七条第一款、第九十一条的规定，{A}作为{place}的公安机关，具有对辖区内违反治安管理的行为作出行政处罚的法定职权。",
                 title_kind="公（治）行罚决字", victim=victim,
                 matter="治安管理处罚", right_agency="县级以上人民政府公安机关", power_law="《中华人民共和国治安管理处罚法》第九十一条",
                 parent=f"{geo.city}公安局", evlist=["受案登记表", "询问笔录", "证人证言", "伤情照片", "门诊病历", "现场监控视频截图", "行政处罚告知笔录", "行政处罚决定书及送达回执"],
                 small=f"罚款{fine}元")
    elif k == "police_gamble":
        cash = rng.choice([600, 800, 1200, 1500, 2000, 3000])
        days, fine = rng.choice([(5, 500), (10, 1000), (3, 300)])
        d.update(field="公安", agency="police", party=make_person(rng, names, geo),
                 fact="以营利为目的参与赌博且赌资较大", penalty=f"行政拘留{days}日，并处罚款{fine}元",
                 fine=f"行政拘留{days}日并处罚款{fine}元", fine_n=fine, change_to=f"罚款{fine // 2}元",
                 obs=f"民警接群众举报，在{rng.choice(['一棋牌室', '一农家乐包间', '一出租屋内'])}查获{{Pn}}等四人以“斗地主”方式进行赌博，现场查扣赌资{cash}元",
                 story="{Pn}与亲友在家中打牌娱乐，输赢金额很小，并非赌博",
                 law_used="《中华人民共和国治安管理处罚法》第七十条",
                 law_right="《公安机关办理行政案件程序规定》关于亲属之间娱乐性活动的规定",
                 wrong_nature="赌博", law_vague="《中华人民共和国治安管理处罚法》",
                 unclear="涉案人员之间是否存在以营利为目的的赌博行为以及赌资的具体数额",
                 weak="部分在场人员的询问笔录", missing="赌资的来源及输赢情况", key_fact=f"涉案赌资达{cash}元",
                 good_ev="现场检查笔录、询问笔录、扣押清单和执法记录仪视频", inspect_scene="现场检查",
                 power="依照《中华人民共和国治安管理处罚法》第七条的规定，{A}负责本辖区内的治安管理工作，依法具有对违反治安管理行为作出处罚的职权。",
                 title_kind="公（治）行罚决字", matter="治安管理处罚", right_agency="公安机关",
                 power_law="《中华人民共和国治安管理处罚法》第九十一条", parent=f"{geo.city}公安局",
                 evlist=["受案登记表", "现场检查笔录", "询问笔录", "扣押清单", "执法记录仪视频", "行政处罚告知笔录"], small=f"罚款{fine}元")
    elif k in ("food_unlicensed", "food_expired"):
        p = make_shop(rng, names, geo, rng.choice(["小吃店", "超市", "副食店", "烧烤店"])) if chance(rng, 0.6) else make_company(rng, names, geo, "食品")
        gain = rng.choice([860, 1250, 2380, 3600, 5120])
        fine = rng.choice([50000, 50000, 60000, 80000, 100000])
        if k == "food_unlicensed":
            fact = "在未取得食品经营许可证的情况下从事食品经营活动"
            law_used = "《中华人民共和国食品安全法》第一百二十二条第一款"
            law_right = "《中华人民共和国食品安全法》第一百二十六条"
            obs = "{Pn}在未取得食品经营许可证的情况下从事餐饮服务经营活动"
            story = "{Pn}已于检查前向相关部门提交了食品经营许可申请，因审批尚未完成而先行试营业"
            wn = "生产经营不符合食品安全标准的食品"
        else:
            fact = "销售超过保质期的食品"
            law_used = "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项"
            law_right = "《中华人民共和国食品安全法》第一百三十六条"
            obs = f"{{Pn}}经营场所货架上摆放有{rng.choice(['超过保质期的饮料', '超过保质期的面包', '超过保质期的乳制品'])}{rng.randint(6, 40)}件"
            story = "涉案过期食品系顾客退回后暂放于货架的待处理商品，并未对外销售"
            wn = "经营腐败变质食品"
        d.update(field="市场监管", agency="market", party=p, fact=fact,
                 penalty=f"没收违法所得{gain}元，并处罚款{fine}元", fine=f"处以罚款{yuan(fine)}", fine_n=fine,
                 change_to=f"没收违法所得{gain}元，并处罚款{max(fine // 2, 20000)}元", partial=f"没收违法所得{gain}元",
                 obs=obs, story=story, law_used=law_used, law_right=law_right, wrong_nature=wn,
                 law_vague="《中华人民共和国食品安全法》", law_invalid="《食品流通许可证管理办法》",
                 unclear="涉案食品的来源、数量及违法所得的具体数额", weak="一份未经当事人签字确认的现场检查笔录",
                 missing="进货单据、销售记录", key_fact=f"{{Pn}}违法所得{gain}元",
                 good_ev="现场检查笔录、现场照片、询问笔录和销售台账", inspect_scene="现场检查",
                 power="根据《中华人民共和国食品安全法》第六条第二款的规定，{A}作为本行政区域内的市场监督管理部门，依法负有对辖区内食品经营活动进行监督管理的职责，具有作出{act}的法定职权。",
                 title_kind="市监罚", big=True, big_kind="较大数额罚款",
                 matter="食品安全监督管理", right_agency="县级以上人民政府市场监督管理部门",
                 power_law="《中华人民共和国食品安全法》第六条", parent=f"{geo.prefix}市场监督管理局",
                 evlist=["现场检查笔录", "现场照片", "询问笔录", "营业执照复印件", "进货单据", "行政处罚事先告知书及送达回证", "行政处罚决定书及送达回证"])
    elif k == "false_ad":
        p = make_company(rng, names, geo, rng.choice(["商贸", "电子", "教育", "家具"]))
        fine = rng.choice([200000, 200000, 250000, 300000])
        d.update(field="市场监管", agency="market", party=p, fact="在其微信公众号及经营场所发布虚假商业宣传",
                 penalty=f"责令停止违法行为，并处罚款{fine}元", fine=f"处以罚款{yuan(fine)}", fine_n=fine,
                 change_to="责令停止违法行为，并处罚款100000元",
                 obs="{Pn}在其微信公众号及经营场所张贴的宣传材料中使用“全市销量第一”“国家级专利产品”等用语，但无法提供相应依据",
                 story="涉案宣传内容系员工个人转发，且发现后已立即删除，未造成任何后果",
                 law_used="《中华人民共和国反不正当竞争法》第二十条第一款",
                 law_right="《中华人民共和国广告法》第五十五条", wrong_nature="虚假商业宣传",
                 law_vague="《中华人民共和国反不正当竞争法》",
                 unclear="涉案宣传内容的发布主体、发布期间及其传播范围", weak="几张未经公证的网页截图",
                 missing="宣传内容的发布记录及浏览量数据", key_fact="{Pn}发布了涉案虚假宣传内容",
                 good_ev="网页截图公证书、现场检查笔录、询问笔录", inspect_scene="现场检查",
                 power="根据《中华人民共和国反不正当竞争法》第四条的规定，县级以上人民政府履行工商行政管理职责的部门对不正当竞争行为进行查处，{A}具有作出{act}的法定职权。",
                 title_kind="市监处罚", big=True, big_kind="较大数额罚款",
                 matter="不正当竞争行为的查处", right_agency="县级以上人民政府市场监督管理部门",
                 power_law="《中华人民共和国反不正当竞争法》第四条", parent=f"{geo.prefix}市场监督管理局",
                 evlist=["立案审批表", "网页截图公证书", "现场检查笔录", "询问笔录", "行政处罚听证告知书", "行政处罚决定书"])
    elif k in ("air", "eia"):
        p = make_company(rng, names, geo, rng.choice(["化工", "建材", "塑料", "石材", "木业", "家具"]))
        if k == "air":
            fine = rng.choice([100000, 150000, 200000, 300000])
            fact = "超过大气污染物排放标准排放大气污染物"
            obs = "{Pn}废气排放口颗粒物排放浓度超过国家规定的排放标准"
            law_used = "《中华人民共和国大气污染防治法》第九十九条第（二）项"
            law_right = "《中华人民共和国大气污染防治法》第一百零八条"
            wn = "超标排放大气污染物"
            unclear = "监测采样是否符合技术规范以及采样时生产设施的运行工况"
            weak = "一份未载明采样人员资质的监测报告"
            missing = "采样原始记录、监测仪器检定证书"
            story = "监测时企业正处于设备检修调试阶段，监测数据不能反映正常生产状况"
        else:
            fine = rng.choice([200000, 250000, 300000, 500000])
            fact = "需要配套建设的环境保护设施未经验收即投入生产"
            obs = "{Pn}的生产线已投入生产，但需要配套建设的环境保护设施未经验收"
            law_used = "《建设项目环境保护管理条例》第二十三条第一款"
            law_right = "《中华人民共和国环境影响评价法》第三十一条"
            wn = "未批先建"
            unclear = "涉案生产线是否已正式投入生产"
            weak = "执法人员现场拍摄的两张照片"
            missing = "生产记录、用电记录"
            story = "涉案生产线尚处于试生产阶段，企业已委托第三方机构开展验收工作"
        d.update(field="生态环境", agency="eco", party=p, fact=fact, penalty=f"处罚款{fine}元",
                 fine=f"处以罚款{yuan(fine)}", fine_n=fine, change_to=f"处罚款{fine // 2}元", obs=obs, story=story,
                 law_used=law_used, law_right=law_right, wrong_nature=wn, law_vague="环境保护相关法律法规",
                 law_invalid="《建设项目竣工环境保护验收管理办法》", unclear=unclear, weak=weak, missing=missing,
                 key_fact="{Pn}" + fact, good_ev="现场检查（勘察）笔录、监测报告、现场照片和询问笔录",
                 inspect_scene="现场检查",
                 power="依照《中华人民共和国环境保护法》第十条第一款的规定，县级以上地方人民政府环境保护主管部门对本行政区域环境保护工作实施统一监督管理，{A}具有作出{act}的法定职权。",
                 title_kind="环罚", big=True, big_kind="较大数额罚款",
                 matter="生态环境违法行为的查处", right_agency="设区的市级人民政府生态环境主管部门",
                 power_law="《中华人民共和国环境保护法》第十条", parent=f"{geo.city}生态环境局",
                 evlist=["现场检查（勘察）笔录", "监测报告", "现场照片", "调查询问笔录", "行政处罚事先（听证）告知书", "行政处罚决定书", "送达回证"])
    elif k == "street":
        fine = rng.choice([200, 300, 500])
        d.update(field="城管", agency="chengguan", party=make_person(rng, names, geo), fact="占用城市道路摆摊经营",
                 penalty=f"罚款{fine}元", fine=f"罚款{fine}元", fine_n=fine, change_to="警告",
                 obs=f"{{Pn}}在{rng.choice(ROADS)}人行道上摆放{rng.choice(['水果摊', '小吃推车', '服装摊位'])}从事经营活动",
                 story="{Pn}系临时停放推车，并未从事经营活动，且执法人员劝离后即自行离开",
                 law_used="《城市市容和环境卫生管理条例》第三十六条", law_right="本省城市市容和环境卫生管理条例第二十八条",
                 wrong_nature="擅自占用城市道路", law_vague="《城市市容和环境卫生管理条例》",
                 unclear="{Pn}是否实际从事了经营活动", weak="执法人员事后制作的情况说明", missing="现场照片、执法记录仪视频",
                 key_fact="{Pn}占道经营", good_ev="现场照片、执法记录仪视频和现场检查笔录", inspect_scene="现场检查",
                 power="根据本省关于相对集中行政处罚权的规定，{A}负责辖区内市容环境卫生方面的行政处罚，具有作出{act}的职权。",
                 title_kind="综执罚", small=f"罚款{fine}元", matter="市容环境卫生管理方面的行政处罚",
                 right_agency="综合行政执法部门", power_law="本省相对集中行政处罚权工作的有关文件",
                 parent=f"{geo.prefix}综合行政执法局", evlist=["现场检查笔录", "现场照片", "执法记录仪视频", "询问笔录"])
    elif k == "illegal_build":
        p = person_or_company(c, 0.3)
        area = rng.randint(40, 600)
        d.update(field="城建规划", agency="chengguan", party=p, fact="未取得建设工程规划许可证进行建设",
                 penalty=f"限{rng.choice(['七', '十', '十五'])}日内自行拆除违法建筑{area}平方米",
                 fine="责令限期拆除", fine_n=0, change_to="",
                 obs=f"{{Pn}}在{rng.choice(TOWNS)}{rng.choice(ROADS)}附近建设{rng.choice(['钢结构厂房', '彩钢板房', '砖混结构楼房'])}一处，建筑面积约{area}平方米，未取得建设工程规划许可证",
                 story="涉案房屋系在原有旧房基础上进行的翻建，并已向村委会报备",
                 law_used="《中华人民共和国城乡规划法》第六十四条",
                 law_right="《中华人民共和国城乡规划法》第六十五条", wrong_nature="无法采取改正措施消除影响的违法建设",
                 law_vague="《中华人民共和国城乡规划法》",
                 unclear="涉案建筑的建设时间、建设主体以及是否位于城市规划区内",
                 weak="一份未经{Pn}签字的现场勘查笔录", missing="测绘报告、规划审批档案",
                 key_fact="涉案建筑系{Pn}建设", good_ev="现场勘验笔录、测量报告、现场照片和询问笔录", inspect_scene="现场勘查",
                 power="根据《中华人民共和国城乡规划法》第六十四条及本省相对集中行政处罚权的规定，{A}依法具有对辖区内违法建设作出限期拆除决定的职权。",
                 title_kind="规罚", big=True, big_kind="责令限期拆除决定", xcity="",
                 matter="城市规划区内违法建设的查处", right_agency="县级以上地方人民政府城乡规划主管部门或者依法行使相对集中行政处罚权的部门",
                 power_law="《中华人民共和国城乡规划法》第六十四条", parent=f"{geo.prefix}人民政府",
                 evlist=["现场勘验笔录", "测量报告", "现场照片", "询问笔录", "规划核实意见", "限期拆除决定书"])
    elif k == "transport":
        fine = rng.choice([10000, 10000, 20000, 30000])
        d.update(field="交通运输", agency="transport", party=make_person(rng, names, geo),
                 fact="未取得道路运输经营许可擅自从事道路旅客运输经营", penalty=f"罚款{fine}元",
                 fine=f"处以罚款{yuan(fine)}", fine_n=fine, change_to="罚款5000元",
                 obs=f"{{Pn}}驾驶车牌号为{geo.abbr}{rng.choice('ABCDEF')}·{rng.randint(10000, 99999)}的小型轿车搭载乘客{rng.randint(1, 4)}名，经询问乘客，该趟行程约定车费{rng.randint(20, 180)}元",
                 story="车上乘客系{Pn}的同事，属于顺路搭乘，并未收取费用",
                 law_used="《中华人民共和国道路运输条例》第六十三条",
                 law_right="《网络预约出租汽车经营服务管理暂行办法》第三十四条", wrong_nature="非法营运",
                 law_vague="《中华人民共和国道路运输条例》",
                 unclear="乘客与{Pn}之间是否存在有偿运输的约定", weak="一名乘客的询问笔录，且该乘客身份信息未经核实",
                 missing="车费支付记录、乘客身份证明", key_fact="{Pn}向乘客收取车费",
                 good_ev="乘客询问笔录、微信转账记录和执法记录仪视频", inspect_scene="路面检查",
                 power="根据《中华人民共和国道路运输条例》第七条第三款的规定，县级以上地方人民政府交通运输主管部门负责本行政区域的道路运输管理工作，{A}具有作出{act}的法定职权。",
                 title_kind="交罚", big=fine >= 10000, big_kind="较大数额罚款",
                 matter="道路运输违法行为的查处", right_agency="县级以上地方人民政府交通运输主管部门",
                 power_law="《中华人民共和国道路运输条例》第七条", parent=f"{geo.prefix}交通运输局",
                 evlist=["现场笔录", "乘客询问笔录", "当事人询问笔录", "执法记录仪视频", "车辆扣押决定书", "行政处罚决定书"])
    elif k == "land":
        p = person_or_company(c, 0.4, rural=True)
        area = rng.randint(200, 5000)
        fine = area * rng.choice([10, 20, 30])
        d.update(field="自然资源", agency="natres", party=p, fact="未经批准非法占用集体土地建设厂房",
                 penalty=f"责令退还非法占用的土地{area}平方米，限期拆除在非法占用的土地上新建的建筑物和其他设施，并处罚款{fine}元",
                 fine=f"处以罚款{yuan(fine)}", fine_n=fine, change_to=f"处罚款{fine // 2}元",
                 partial=f"罚款{fine}元",
                 obs=f"{{Pn}}未经批准占用{rng.choice(TOWNS)}{rng.choice(VILLAGES)}集体土地{area}平方米建设厂房及附属设施",
                 story="涉案土地系{Pn}与村集体签订租赁合同承租，且已按约支付租金",
                 law_used="《中华人民共和国土地管理法》第七十七条第一款",
                 law_right="《中华人民共和国土地管理法》第七十八条", wrong_nature="非法占用永久基本农田",
                 law_vague="《中华人民共和国土地管理法》", law_invalid="原《土地管理法实施条例》第四十二条",
                 unclear="涉案土地的地类性质及实际占地面积", weak="一份未附测绘图的现场勘测笔录",
                 missing="勘测定界图、土地利用现状图", key_fact=f"{{Pn}}非法占地{area}平方米",
                 good_ev="现场勘测笔录、勘测定界图、土地利用现状图和询问笔录", inspect_scene="现场勘测",
                 power="根据《中华人民共和国土地管理法》第五条、第六十七条的规定，县级以上人民政府自然资源主管部门对违反土地管理法律、法规的行为进行监督检查，{A}具有作出{act}的法定职权。",
                 title_kind="自然资罚", big=True, big_kind="较大数额罚款",
                 matter="土地违法行为的查处", right_agency="县级以上人民政府自然资源主管部门",
                 power_law="《中华人民共和国土地管理法》第六十七条", parent=f"{geo.prefix}自然资源局",
                 evlist=["立案呈批表", "现场勘测笔录", "勘测定界图", "土地利用现状图", "询问笔录", "行政处罚听证告知书", "行政处罚决定书"])
    elif k == "tax":
        p = make_company(rng, names, geo)
        owed = money(rng, 80000, 900000, 100)
        ratio = rng.choice(["百分之五十", "一倍", "百分之五十"])
        fine = owed // 2 if ratio == "百分之五十" else owed
        d.update(field="税务", agency="tax", party=p, fact="采取少列收入的手段进行虚假纳税申报，少缴增值税",
                 penalty=f"处少缴税款{ratio}的罚款计{fine}元", fine=f"处以少缴税款{ratio}的罚款", fine_n=fine,
                 change_to=f"处少缴税款百分之五十的罚款计{owed // 2}元",
                 obs=f"{{Pn}}在{c.F1.year - 2}年度通过个人账户收取货款未入账，少缴增值税{owed}元",
                 story="涉案款项系股东个人借款往来，并非经营收入",
                 law_used="《中华人民共和国税收征收管理法》第六十三条第一款",
                 law_right="《中华人民共和国税收征收管理法》第五十二条", wrong_nature="偷税",
                 law_vague="《中华人民共和国税收征收管理法》",
                 unclear="个人账户收取的款项是否属于{Pn}的销售收入", weak="个人银行账户流水的复印件",
                 missing="购销合同、出库单据", key_fact=f"{{Pn}}少缴增值税{owed}元",
                 good_ev="银行账户流水、财务账簿、询问笔录和税务检查工作底稿", inspect_scene="税务检查",
                 power="根据《中华人民共和国税收征收管理法》第十四条的规定，{A}作为税务机关，具有作出{act}的法定职权。",
                 title_kind="税罚", big=True, big_kind="较大数额罚款",
                 matter="税务违法行为的处罚", right_agency="县以上税务局（分局）",
                 power_law="《中华人民共和国税收征收管理法》第七十四条", parent=f"国家税务总局{geo.city}{geo.dist}税务局",
                 evlist=["税务检查通知书", "银行账户流水", "财务账簿", "询问笔录", "税务行政处罚事项告知书", "税务行政处罚决定书"])
    elif k == "medical":
        p = make_person(rng, names, geo)
        gain = rng.choice([3200, 5800, 8600])
        fine = rng.choice([50000, 60000, 100000])
        d.update(field="卫生", agency="health", party=p, fact="未取得医疗机构执业许可证擅自执业",
                 penalty=f"没收违法所得{gain}元及药品器械，并处罚款{fine}元", fine=f"处以罚款{yuan(fine)}", fine_n=fine,
                 change_to=f"没收违法所得{gain}元及药品器械，并处罚款{fine // 2}元", partial="没收药品器械",
                 obs=f"{{Pn}}在{rng.choice(TOWNS)}一处民房内为患者输液治疗，现场查见输液器、注射用药品等",
                 story="{Pn}系持有乡村医生执业证书的人员，仅为邻居提供临时帮助，未收取费用",
                 law_used="《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款",
                 law_right="《乡村医生从业管理条例》第四十二条", wrong_nature="非法行医",
                 law_vague="卫生健康相关法律法规", law_invalid="原《医疗机构管理条例实施细则》第七十七条",
                 unclear="{Pn}是否收取诊疗费用及违法所得数额", weak="一名患者的陈述", missing="收费凭证、诊疗记录",
                 key_fact=f"{{Pn}}违法所得{gain}元", good_ev="现场笔录、现场照片、患者询问笔录和扣押物品清单",
                 inspect_scene="现场检查",
                 power="根据《医疗机构管理条例》第五条第二款的规定，县级以上地方人民政府卫生行政部门负责本行政区域内医疗机构的监督管理工作，{A}具有作出{act}的法定职权。",
                 title_kind="卫医罚", big=True, big_kind="较大数额罚款",
                 matter="医疗卫生违法行为的查处", right_agency="县级以上人民政府卫生健康主管部门",
                 power_law="《医疗机构管理条例》第五条", parent=f"{geo.prefix}卫生健康委员会",
                 evlist=["现场笔录", "现场照片", "询问笔录", "扣押物品清单", "行政处罚事先告知书", "行政处罚决定书"])
    else:  # edu
        p = make_company(rng, names, geo, "教育")
        fine = rng.choice([30000, 50000, 80000])
        d.update(field="教育", agency="edu", party=p, fact="未经审批擅自面向中小学生开展学科类培训",
                 penalty=f"责令停止办学、退还所收费用，并处罚款{fine}元", fine=f"处以罚款{yuan(fine)}", fine_n=fine,
                 change_to="责令停止办学、退还所收费用，并处罚款10000元", partial="退还所收费用",
                 obs="{Pn}在未取得办学许可证的情况下，在其经营场所面向中小学生开展数学、英语等学科类培训",
                 story="{Pn}开展的是素质拓展类课程，不属于学科类培训",
                 law_used="《中华人民共和国民办教育促进法》第六十四条",
                 law_right="《中华人民共和国民办教育促进法实施条例》第六十条", wrong_nature="擅自举办民办学校",
                 law_vague="教育相关法律法规",
                 unclear="{Pn}所开展课程的性质及收费情况", weak="两名家长的电话记录",
                 missing="课程表、收费记录", key_fact="{Pn}面向中小学生开展学科类培训",
                 good_ev="现场检查笔录、课程表、宣传资料和学员家长询问笔录", inspect_scene="现场检查",
                 power="根据《中华人民共和国民办教育促进法》第八条第二款的规定，县级以上地方各级人民政府教育行政部门主管本行政区域内的民办教育工作，{A}具有作出{act}的法定职权。",
                 title_kind="教罚", big=True, big_kind="较大数额罚款",
                 matter="民办教育违法行为的查处", right_agency="县级以上人民政府教育行政部门",
                 power_law="《中华人民共和国民办教育促进法》第八条", parent=f"{geo.prefix}教育局",
                 evlist=["现场检查笔录", "课程表", "宣传资料", "家长询问笔录", "行政处罚告知书", "行政处罚决定书"])
    d.setdefault("big", False)
    d.setdefault("y", y)
    return d


def service_fact(c: Case, an: str, pn: str, docname: str, d: date) -> str:
    """A fact about a defective service; sets the flag that unlocks the matching finding."""
    rng = c.rng
    mode = rng.choice(["post", "public", "nosign", "proxy", "oldaddr"])
    c.v["xsv_" + mode] = ""
    return {
        "post": f"{an}称已于{ad(d)}将{docname}张贴于{pn}住所门口，{pn}称其从未见到该文书。",
        "public": f"{an}于{ad(d)}在其门户网站上公告送达了{docname}，此前未采取其他方式送达。",
        "nosign": f"{an}提交的{docname}送达回证上，受送达人及见证人签名栏均为空白。",
        "proxy": f"{an}称{docname}已于{ad(d)}交由{pn}的邻居代为签收。",
        "oldaddr": f"{an}于{ad(d)}将{docname}邮寄至{pn}原住所地，该邮件因“查无此人”被退回。",
    }[mode]


def enforce_fact(c: Case, an: str, pn: str, basis_doc: str, basis_date: date, act_date: date) -> str:
    rng = c.rng
    mode = rng.choice(["nocall", "nocall", "nonotice", "nohear", "review", "inv", "night"])
    c.v["xe_" + mode] = ""
    return {
        "nocall": f"{ad(basis_date)}，{an}向{pn}送达{basis_doc}，要求其限期自行拆除。在案证据中未见{an}作出催告书及强制拆除决定书的材料。",
        "nonotice": f"{an}于{ad(basis_date)}作出{basis_doc}，但未提交其在强制拆除前予以公告并限期当事人自行拆除的证据。",
        "nohear": f"{an}提交的证据中没有在强制拆除前听取{pn}陈述、申辩的记录。",
        "review": f"{ad(basis_date)}，{an}作出{basis_doc}。{pn}不服，于{ad(add_days(basis_date, rng.randint(10, 40)))}申请行政复议，复议机关受理后尚未作出决定。",
        "inv": f"强制拆除时{pn}不在现场，{an}未通知其到场，亦未对屋内物品进行清点登记。",
        "night": f"{an}于{ad(act_date)}晚{rng.randint(20, 23)}时许组织人员实施了拆除。",
    }[mode]


def _fmt_pn(text: str, c: Case) -> str:
    return text.replace("{Pn}", c.v["Pn"]).replace("{An}", c.v["An"])


def b_penalty(c: Case) -> None:
    rng, geo = c.rng, c.geo
    sv = _pen_subvariant(c)
    c.field = sv["field"]
    c.plaintiffs = [sv["party"]]
    agency = make_agency(rng, geo, sv["agency"], c.names)
    c.defendants = [agency]
    set_party_shorts(c)
    v = c.v
    c.act_date = add_days(c.F1, -rng.randint(20, 170))
    d0 = add_days(c.act_date, -rng.randint(25, 80) if "TIME_LIMIT" not in c.defects + c.inner_defects else -rng.randint(130, 240))
    c.op["d0"] = add_days(d0, 1)
    d_file = add_days(d0, rng.randint(0, 3))
    d_notice = add_days(c.act_date, -rng.randint(6, 20))
    c.act_title = f"{doc_no(c, sv['title_kind'], c.act_date)}《行政处罚决定书》"
    c.act = rng.choice(["被诉处罚决定", "被诉行政处罚决定", "涉案处罚决定", "被诉处罚决定"])
    c.act_plain = "行政处罚决定"
    for key in ("fact", "law_used", "law_right", "wrong_nature", "law_vague", "law_invalid", "unclear", "weak",
                "missing", "key_fact", "good_ev", "inspect_scene", "matter", "right_agency", "power_law", "parent",
                "big_kind"):
        if key in sv:
            v[key] = _fmt_pn(sv[key], c)
    if sv.get("fine_n"):
        v["fine"] = sv["fine"]
        v["xfine"] = ""
    if sv.get("big"):
        v["big_penalty"] = sv["fine"] if sv.get("fine_n") else sv["penalty"]
        v.setdefault("big_kind", "较大数额罚款")
    elif sv.get("small"):
        v["small_penalty"] = sv["small"]
    if "xcity" in sv:
        v["xcity"] = ""
    v["doc"] = "《行政处罚决定书》"
    v["act_plain"] = "处罚决定"
    v["xpun"] = v["xonsite"] = v["xinspect"] = ""
    c.competence = [sv["power"], "{A}作为{role_desc}，依法具有作出{act}的职权。"]
    v["role_desc"] = {"公安": "县级以上地方人民政府公安机关", "市场监管": "市场监督管理部门", "生态环境": "生态环境主管部门",
                      "城管": "依法集中行使行政处罚权的行政机关", "城建规划": "依法集中行使行政处罚权的行政机关",
                      "交通运输": "交通运输主管部门", "自然资源": "自然资源主管部门", "税务": "税务机关",
                      "卫生": "卫生健康主管部门", "教育": "教育行政部门"}[c.field]
    v["place"] = geo.dist
    c.competence[0] = c.competence[0].replace("{place}", "{dist}")
    v["dist"] = geo.dist
    pn, an = v["Pn"], agency.short
    obs = _fmt_pn(sv["obs"], c)
    c.op["change_to"] = sv.get("change_to") or ""
    c.op["partial"] = sv.get("partial") or ""
    c.op["penalty"] = sv["penalty"]
    # facts (consistent with the defects the court finds)
    D = set(c.defects)
    f = []
    who = rng.choice(["执法人员", "工作人员", "民警" if c.field == "公安" else "执法人员"])
    first = rng.choice([
        f"{ad(d0)}，{an}{who}在检查中发现，{obs}。",
        f"{ad(d0)}，{an}接到举报后进行调查，发现{obs}。",
        f"{ad(d0)}，{obs}。{an}于同日{'受案' if c.field == '公安' else rng.choice(['立案', '进行登记'])}。",
    ])
    f.append(first)
    steps = f"{ad(d_file)}，{an}立案调查，{rng.choice(['先后', '依法', ''])}对{pn}{rng.choice(['的负责人', '', '本人'])}进行了询问并制作询问笔录，{rng.choice(['调取了相关书证', '对现场进行了拍照取证', '提取了相关物证'])}。"
    if sv["kind"].startswith("police"):
        steps = f"{an}{rng.choice(['当日', '随即'])}受案并开展调查，对{pn}及相关人员进行了询问，{rng.choice(['调取了现场监控视频', '制作了现场检查笔录', '收集了伤情照片等证据'])}。"
    f.append(steps)
    if "NO_STATEMENT" in D:
        mode = rng.choice(["none", "none", "review", "quick"])
        v["xns_" + mode] = ""
        f.append({
            "none": f"在案证据中未见{an}在作出处罚决定前向{pn}送达行政处罚事先告知书的材料。",
            "review": f"{ad(d_notice)}，{an}向{pn}送达了《行政处罚事先告知书》。{pn}于当日提交了书面申辩意见，{an}当日即作出了处罚决定。",
            "quick": f"{ad(add_days(c.act_date, -1))}，{an}向{pn}送达了《行政处罚事先告知书》。",
        }[mode])
    elif "NO_HEARING" in D:
        mode = rng.choice(["none", "none", "req"])
        v["xnh_" + mode] = ""
        f.append({
            "none": f"{ad(d_notice)}，{an}向{pn}送达《行政处罚事先告知书》，告知其享有陈述、申辩的权利，该告知书未载明听证权利。",
            "req": f"{ad(d_notice)}，{an}向{pn}送达《行政处罚听证告知书》，{pn}于{ad(add_days(d_notice, 2))}书面提出听证申请，{an}未组织听证。",
        }[mode])
    else:
        rights = "陈述、申辩"
        if sv.get("big") and "NO_HEARING" not in D:
            rights = "陈述、申辩和要求听证"
        f.append(rng.choice([
            f"{ad(d_notice)}，{an}向{pn}送达了《行政处罚事先告知书》，告知其拟作出处罚的事实、理由、依据及享有{rights}的权利。",
            f"{ad(d_notice)}，{an}作出《行政处罚{'听证' if '听证' in rights else '事先'}告知书》并于当日送达{pn}，告知其享有{rights}的权利。",
        ]) + rng.choice([f"{pn}在规定期限内未提出陈述、申辩。", f"{pn}提出了书面申辩意见，{an}经复核未予采纳。", ""]))
    if rng.random() < 0.35:
        f.append(rng.choice([
            f"该案经{an}{agency.deputy_title}{c.names.full()}审批。",
            f"{an}案件审核委员会对该案进行了集体讨论。" if "PROCEDURE" not in D else "",
            f"该案处罚决定经{an}负责人审批。",
        ]))
    f.append(f"{ad(c.act_date)}，{an}作出{c.act_title}，认定{pn}{v['fact']}，依据{v['law_used']}的规定，决定对{pn}{sv['penalty']}。")
    if "SERVICE" in D:
        f.append(service_fact(c, an, pn, "该决定书", add_days(c.act_date, rng.randint(1, 6))))
    else:
        f.append(rng.choice([f"该决定书于{ad(add_days(c.act_date, rng.randint(0, 5)))}送达{pn}。", f"{pn}于当日签收。", ""]))
    if "TIME_LIMIT" in D:
        v["delay"] = rng.choice(["四个月", "五个多月", "半年以上"])
    if c.minor_code:
        v["delay"] = rng.choice(["三日", "五日", "两日", "四日"])
    f.append(rng.choice([
        f"{pn}不服，于{ad(c.F1)}向本院提起行政诉讼。" if c.proc == "一审" and not c.dismiss_reason else "",
        f"{pn}不服，诉至本院。" if c.proc == "一审" else f"{pn}不服，提起行政诉讼。", "",
    ]))
    c.facts = [x for x in f if x]
    c.agency_ev = sv["evlist"]
    c.request = rng.choice([
        f"撤销被告{agency.name}于{ad(c.act_date)}作出的{c.act_title}",
        f"依法撤销{c.act_title}",
        f"撤销被告作出的{c.act_title}，并由被告承担本案诉讼费用",
    ])
    c.story_p = [
        _fmt_pn(sv["story"] + "。", c).replace(pn, "原告", 1) if chance(rng, 0.6) else _fmt_pn(sv["story"] + "。", c),
        f"被告认定原告{v['fact']}，并据此作出{c.act_title}，{rng.choice(['处罚明显错误', '原告不能认同', '严重侵害了原告的合法权益'])}。",
    ]
    c.story_d = [
        f"{ad(d0)}，被告{who}发现{obs}。" if chance(rng, 0.6) else f"被告经调查查明，原告{v['fact']}。",
        f"被告依法立案、调查取证，{rng.choice(['履行了告知程序', '依法告知原告相关权利', '听取了原告的陈述、申辩'])}后，依据{v['law_used']}的规定作出被诉处罚决定。",
    ]
    c.op["nonlit_duty"] = sv["penalty"]
    c.op["nonlit_money"] = sv.get("fine_n", 0)


def _house(c: Case, rural: bool | None = None) -> str:
    rng, geo = c.rng, c.geo
    if rural is None:
        rural = chance(rng, 0.5)
    if rural:
        return f"位于{geo.dist}{rng.choice(TOWNS)}{rng.choice(VILLAGES)}的{rng.choice(['房屋', '住宅', '养殖用房', '厂房'])}"
    return f"位于{geo.dist}{rng.choice(ROADS)}{rng.randint(1, 300)}号的{rng.choice(['房屋', '住宅', '门面房', '临街商铺'])}"


PROJECTS = ["棚户区改造项目", "旧城改造项目", "城中村改造项目", "滨河公园建设项目", "道路拓宽工程", "学校扩建项目",
            "老旧片区更新项目", "高铁站前广场项目"]


def _project(c: Case) -> str:
    rng = c.rng
    return f"{rng.choice([c.geo.dist_short, rng.choice(TOWNS)[:-2], rng.choice(ROADS)[:-1]])}{rng.choice(PROJECTS)}"


def b_exprop(c: Case) -> None:
    rng, geo = c.rng, c.geo
    sub = c.v.get("_sub") or rng.choice(["decision", "comp", "comp", "land"])
    c.v["_sub"] = sub
    c.v["xsub" + sub] = ""
    c.plaintiffs = [make_person(rng, c.names, geo, rural=(sub == "land"))]
    if chance(rng, 0.2):
        c.plaintiffs.append(make_person(rng, c.names, geo))
    proj = _project(c)
    v = c.v
    v["project"] = proj
    if sub in ("decision", "comp"):
        c.field = "房屋征收"
        gov = make_agency(rng, geo, "gov_dist", c.names)
        c.defendants = [gov]
        c.needs_mid = True
        set_party_shorts(c)
        v["xhouse"] = ""
        house = _house(c, rural=False)
        v["house"] = house
        c.act_date = add_days(c.F1, -rng.randint(30, 200))
        an, pn = gov.short, v["Pn"]
        if sub == "decision":
            c.act_title = f"{doc_no(c, '征字', c.act_date)}《房屋征收决定》"
            c.act = rng.choice(["被诉征收决定", "被诉房屋征收决定"])
            c.act_plain = "房屋征收决定"
            v.update(unclear="征收项目是否符合公共利益的需要以及是否纳入国民经济和社会发展年度计划",
                     missing="项目立项文件、年度计划批准文件", weak="一份会议纪要",
                     key_fact=f"{proj}系保障性安居工程", good_ev="项目立项批复、年度计划、征收补偿方案论证及征求意见材料、社会稳定风险评估报告",
                     law_used="《国有土地上房屋征收与补偿条例》第八条", law_right="《国有土地上房屋征收与补偿条例》第九条",
                     law_vague="《国有土地上房屋征收与补偿条例》")
            c.facts = [
                f"{ad(add_days(c.act_date, -rng.randint(120, 300)))}，{an}将{proj}列入{c.act_date.year}年度国民经济和社会发展计划。",
                rng.choice([
                    f"{an}委托房屋征收部门拟定了征收补偿方案，并于{ad(add_days(c.act_date, -rng.randint(60, 110)))}在征收范围内公布，征求公众意见，期限为三十日。",
                    f"征求意见期满后，{an}公布了征求意见情况和根据公众意见修改的情况。",
                ]),
                f"{ad(c.act_date)}，{an}作出{c.act_title}，决定对{proj}范围内的国有土地上房屋实施征收，并于次日予以公告。",
                f"{pn}所有的{house.replace('位于', '坐落于')}在征收范围内。",
            ]
            if "EXPROP_PROC" in c.defects:
                mode = rng.choice(["plan", "risk"])
                v["xx_" + mode] = ""
                c.facts[1] = ("在案证据中未见征收补偿方案论证及公开征求意见的材料。" if mode == "plan"
                              else f"{an}未提交其在作出征收决定前进行社会稳定风险评估的材料。")
            c.request = f"撤销被告{gov.name}作出的{c.act_title}"
            c.story_p = [f"原告的房屋位于征收范围内。被告作出的征收决定不符合公共利益需要，{rng.choice(['征收补偿方案未经论证', '未进行社会稳定风险评估', '征收补偿费用未足额到位'])}。"]
            c.story_d = ["被诉征收决定系为公共利益需要作出，征收项目符合规划并纳入年度计划，征收补偿方案经论证、公开征求意见，社会稳定风险评估已完成，征收补偿费用足额到位、专户存储。"]
            c.op["unlawful_keep"] = True
        else:
            c.act_title = f"{doc_no(c, '征补字', c.act_date)}《房屋征收补偿决定》"
            c.act = rng.choice(["被诉补偿决定", "被诉房屋征收补偿决定"])
            c.act_plain = "补偿决定"
            area = rng.randint(60, 260)
            v.update(unclear="被征收房屋的合法建筑面积及用途", missing="被征收房屋的测绘报告、产权档案",
                     weak="征收部门单方制作的入户调查表", key_fact=f"被征收房屋合法建筑面积为{area}平方米",
                     good_ev="入户调查登记表、测绘报告、评估报告及送达回证", comp_ref="房地产",
                     doc="《房屋征收补偿决定》", xcomp="", law_used="《国有土地上房屋征收与补偿条例》第二十六条",
                     law_right="《国有土地上房屋征收与补偿条例》第十九条", law_vague="《国有土地上房屋征收与补偿条例》")
            c.facts = [
                f"{ad(add_days(c.act_date, -rng.randint(200, 400)))}，{an}作出房屋征收决定，{pn}{house}在征收范围内，证载建筑面积{area}平方米。",
                rng.choice([
                    f"经被征收人协商选定，{rng.choice(COMPANY_BRANDS)}房地产土地评估有限公司对被征收房屋进行了评估，评估报告于{ad(add_days(c.act_date, -rng.randint(40, 90)))}送达{pn}。",
                    "在案证据中没有评估报告送达被征收人的材料。" if "EXPROP_PROC" in c.defects else f"评估机构作出的分户评估报告已依法送达{pn}，{pn}未申请复核评估。",
                ]),
                f"因双方在签约期限内未能达成补偿协议，{an}于{ad(c.act_date)}作出{c.act_title}，确定对{pn}的补偿方式为{rng.choice(['货币补偿', '产权调换'])}，补偿总额为{money(rng, 300000, 2600000, 100)}元。",
            ]
            if "EXPROP_PROC" in c.defects:
                v["xx_eval"] = ""
            if "SERVICE" in c.defects:
                c.facts.append(service_fact(c, an, pn, c.act_title[c.act_title.index("《"):], add_days(c.act_date, rng.randint(1, 6))))
            c.request = f"撤销被告{gov.name}作出的{c.act_title}" + rng.choice(["", "，判令被告重新作出补偿决定"])
            c.story_p = [f"被告作出的补偿决定{rng.choice(['补偿标准明显偏低', '未依法评估', '认定的房屋面积错误'])}，原告无法接受。"]
            c.story_d = ["被诉补偿决定系在双方未能达成补偿协议的情况下依法作出，评估机构由被征收人协商选定，评估程序合法，补偿标准符合规定。"]
            c.redo = chance(rng, 0.6)
            c.op["redo_text"] = "重新作出补偿决定"
        c.competence = [
            "根据《国有土地上房屋征收与补偿条例》第四条第一款的规定，市、县级人民政府负责本行政区域的房屋征收与补偿工作，{A}具有作出{act}的法定职权。",
            "依照《国有土地上房屋征收与补偿条例》第四条、第八条的规定，{A}作为县级人民政府，有权作出{act}。",
        ]
        c.agency_ev = ["项目立项批复", "年度计划", "征收补偿方案", "征求意见情况公告", "社会稳定风险评估报告", "征收决定公告", "评估报告", "送达回证"]
    else:
        c.field = "土地"
        land_gov = chance(rng, 0.5)
        ag = make_agency(rng, geo, "gov_dist" if land_gov else "natres", c.names)
        c.defendants = [ag]
        c.needs_mid = land_gov
        set_party_shorts(c)
        v["xland"] = ""
        an, pn = ag.short, v["Pn"]
        c.act_date = add_days(c.F1, -rng.randint(30, 200))
        mu = rng.randint(1, 12)
        v["house"] = f"位于{rng.choice(TOWNS)}{rng.choice(VILLAGES)}的承包地{mu}亩"
        if land_gov:
            c.act_title = f"{doc_no(c, '政征补', c.act_date)}《征地补偿安置决定》"
            c.act = "被诉补偿安置决定"
            c.act_plain = "补偿安置决定"
        else:
            c.act_title = f"{doc_no(c, '责交字', c.act_date)}《责令交出土地决定书》"
            c.act = rng.choice(["被诉责令交地决定", "被诉责令交出土地决定"])
            c.act_plain = "责令交出土地决定"
        v.update(unclear=f"{pn}承包地的面积、地上附着物数量及补偿款发放情况", missing="征收土地公告、补偿登记材料",
                 weak="村民委员会出具的一份情况说明", key_fact="征地补偿款已足额提存", good_ev="征地批准文件、征收土地预公告、征地补偿安置方案公告及听证告知材料",
                 doc=c.act_title[c.act_title.index("《"):], law_used="《中华人民共和国土地管理法实施条例》第六十二条",
                 law_right="《中华人民共和国土地管理法》第四十七条", law_vague="《中华人民共和国土地管理法》")
        c.facts = [
            f"{ad(add_days(c.act_date, -rng.randint(200, 500)))}，{geo.prov}人民政府作出批复，同意将{geo.dist}{rng.choice(TOWNS)}集体土地{rng.randint(30, 300)}公顷征收为国有，用于{rng.choice(['城市建设', '工业园区建设', '道路建设'])}。",
            rng.choice([
                "在案证据中没有征地补偿安置方案公告及听取被征地农民意见的材料。" if "EXPROP_PROC" in c.defects else f"{geo.dist}人民政府于{ad(add_days(c.act_date, -rng.randint(100, 190)))}发布征收土地预公告，并公告了征地补偿安置方案。",
                f"{pn}在征收范围内承包土地{mu}亩。",
            ]),
            f"因{pn}未在规定期限内交出土地，{an}于{ad(c.act_date)}作出{c.act_title}。",
        ]
        if "EXPROP_PROC" in c.defects:
            v["xx_land"] = ""
        if "SERVICE" in c.defects:
            c.facts.append(service_fact(c, an, pn, c.act_title[c.act_title.index("《"):], add_days(c.act_date, rng.randint(1, 6))))
        c.request = f"撤销被告作出的{c.act_title}"
        c.story_p = [f"原告系{geo.dist}{rng.choice(VILLAGES)}村民，依法承包集体土地。被告{rng.choice(['未足额支付补偿款', '未依法公告征地补偿安置方案', '未听取原告意见'])}即要求原告交出土地，侵害了原告的合法权益。"]
        c.story_d = ["涉案土地征收经省人民政府批准，征收土地预公告、征地补偿安置方案公告等程序均已依法履行，补偿款已依法提存。"]
        c.competence = ["根据《中华人民共和国土地管理法》第四十六条、第四十七条及《中华人民共和国土地管理法实施条例》第六十二条的规定，{A}具有作出{act}的职权。",
                        "依照《中华人民共和国土地管理法》第四十七条的规定，县级以上地方人民政府负责组织实施征收土地，{A}具有相应职权。"]
        c.agency_ev = ["征地批复", "征收土地预公告", "征地补偿安置方案公告", "听证告知书", "补偿款提存材料", "送达回证"]
    v.setdefault("doc", c.act_title[c.act_title.index("《"):] if "《" in c.act_title else "相关决定")


def b_enforce(c: Case) -> None:
    rng, geo = c.rng, c.geo
    kind = wpick(rng, [("town", 4), ("chengguan", 3), ("gov_dist", 2)])
    town = rng.choice(TOWNS)
    ag = make_agency(rng, geo, kind, c.names, town=town)
    c.defendants = [ag]
    c.needs_mid = kind == "gov_dist"
    c.plaintiffs = [person_or_company(c, 0.25, rural=True)]
    if chance(rng, 0.15):
        c.plaintiffs.append(make_person(rng, c.names, geo))
    set_party_shorts(c)
    v = c.v
    an, pn = ag.short, v["Pn"]
    struct = rng.choice(["房屋", "彩钢板房", "养殖大棚", "二层砖混结构房屋", "门面房", "钢结构厂房"])
    area = rng.randint(60, 900)
    place = f"{town}{rng.choice(VILLAGES) if town.endswith('镇') else rng.choice(ROADS) + str(rng.randint(1, 200)) + '号'}"
    v["structure"] = f"{pn}位于{place}的{struct}"
    c.act_date = add_days(c.F1, -rng.randint(20, 160))
    c.act = rng.choice(["被诉强制拆除行为", "被诉强拆行为", "涉案强制拆除行为"])
    c.act_title = f"于{ad(c.act_date)}对{pn}位于{place}的{struct}实施的强制拆除行为"
    c.act_plain = "强制拆除行为"
    c.v["xdemo"] = ""
    expro = kind == "gov_dist" or chance(rng, 0.3)
    c.field = "房屋征收" if expro and chance(rng, 0.6) else rng.choice(["城建规划", "城管", "城建规划"])
    if kind == "town" and geo.dist.endswith("区"):
        v["xcity"] = ""
    if expro:
        v["xhouse"] = ""
        c.category_alt = ["行政征收或者征用"] if chance(rng, 0.5) else []
    basis_date = add_days(c.act_date, -rng.randint(20, 90))
    v["basis_doc"] = f"{rng.choice(['《限期拆除决定书》', '《责令限期拆除通知书》', '《强制拆除决定书》'])}"
    v["doc"] = v["basis_doc"]
    v.update(unclear="涉案建筑是否属于违法建设", weak="一份现场照片", missing="违法建设认定的相关证据",
             key_fact="涉案建筑系未经规划许可建设的违法建筑", good_ev="限期拆除决定书、催告书、强制拆除决定书、公告及送达回证",
             power_law="《中华人民共和国城乡规划法》第六十五条、第六十八条", matter="城市规划区内违法建设的强制拆除",
             right_agency="县级以上地方人民政府责成的有关部门", parent=f"{geo.prefix}人民政府",
             law_used="《中华人民共和国城乡规划法》第六十五条", law_right="《中华人民共和国城乡规划法》第六十八条")
    D = set(c.defects)
    f = [f"{pn}在{place}建有{struct}一处，建筑面积约{area}平方米。"]
    if "ENFORCE_PROC" in D:
        f.append(enforce_fact(c, an, pn, v["basis_doc"], basis_date, c.act_date))
    else:
        f.append(rng.choice([
            f"{ad(basis_date)}，{an}作出{v['basis_doc']}并送达{pn}。{pn}在法定期限内未申请行政复议或者提起行政诉讼，亦未自行拆除。{an}随后向其送达了催告书，并作出强制拆除决定书，在现场张贴了强制拆除公告。",
            f"{an}于{ad(basis_date)}向{pn}送达了{v['basis_doc']}，后依法进行了催告、公告。",
        ]))
    f.append(rng.choice([
        f"{ad(c.act_date)}，{an}组织人员对上述建筑实施了强制拆除。",
        f"{ad(c.act_date)}{rng.choice(['上午', '下午', '']) if 'xe_night' not in v else ''}，上述建筑被{an}组织拆除。",
        f"{ad(c.act_date)}，{an}对涉案{struct}予以强制拆除，{pn}{rng.choice(['未到场', '到场阻止未果', '在现场'])}。",
    ]))
    if "EXPROP_PROC" in D:
        v["xx_first"] = ""
        f.append(f"{pn}与房屋征收部门未签订补偿安置协议，{an}亦未对其作出补偿决定。")
    c.facts = f
    c.request = rng.choice([f"确认被告{c.act_title}违法", f"确认被告{ag.name}强制拆除原告房屋的行为违法"])
    c.story_p = [f"原告在{place}建有{struct}，{rng.choice(['系合法建筑', '已居住多年', '系原告一家的生活来源'] if c.P0.kind == 'person' else ['系合法建筑', '一直用于生产经营'])}。{ad(c.act_date)}，被告组织人员{rng.choice(['强行拆除了原告的房屋', '将原告的房屋夷为平地'])}，屋内物品亦被毁损。"]
    c.story_d = [f"涉案建筑系违法建设，被告已依法作出{v['basis_doc']}并送达，原告逾期未拆除，被告依法实施强制拆除，程序合法。"
                 if c.merits != "驳回起诉" or chance(rng, 0.5) else "涉案建筑系由原告自行拆除，被告仅在现场维持秩序，并未实施强制拆除行为。"]
    c.competence = [
        "根据《中华人民共和国城乡规划法》第六十五条、第六十八条及《中华人民共和国行政强制法》第四十四条的规定，{A}对违法建设具有依法强制拆除的职权。",
        "依据本省关于相对集中行政处罚权的规定，{A}具有对违法建设实施强制拆除的职权。",
    ]
    c.agency_ev = ["限期拆除决定书", "催告书", "强制拆除决定书", "强制拆除公告", "现场照片", "送达回证", "物品登记清单"]
    c.op["comp"] = money(rng, 30000, 400000, 100)


def b_license(c: Case) -> None:
    rng, geo = c.rng, c.geo
    sub = rng.choice(["plan_permit", "deny_transport", "deny_medical", "deny_school", "deny_food"])
    v = c.v
    v["xlicense"] = ""
    if sub == "plan_permit":
        c.field = "城建规划"
        ag = make_agency(rng, geo, "natres", c.names)
        c.defendants = [ag]
        c.plaintiffs = [make_person(rng, c.names, geo, rural=False)]
        if chance(rng, 0.4):
            c.plaintiffs.append(make_person(rng, c.names, geo, rural=False))
        dev = make_company(rng, c.names, geo, "房地产")
        c.thirds = [dev]
        set_party_shorts(c)
        an, pn = ag.short, v["Pn"]
        c.act_date = add_days(c.F1, -rng.randint(40, 250))
        c.act_title = f"建字第{rng.randint(100000, 999999)}号《建设工程规划许可证》"
        c.act = rng.choice(["被诉规划许可", "被诉建设工程规划许可"])
        c.act_plain = "规划许可"
        v.update(TP="原告等相邻权利人", unclear="拟建建筑对相邻住宅日照的影响", weak="建设单位自行委托编制的日照分析报告",
                 missing="日照分析报告、规划条件核实材料", key_fact="拟建建筑不影响相邻住宅的日照标准",
                 good_ev="规划条件、设计方案审查意见、日照分析报告及批前公示材料", proc_rule="本省城乡规划条例关于批前公示",
                 law_used="《中华人民共和国城乡规划法》第四十条", law_right="《中华人民共和国行政许可法》第三十六条", law_vague="《中华人民共和国城乡规划法》")
        c.third_said = f"第三人{dev.short}述称，{rng.choice(['其已依法取得建设工程规划许可', '涉案项目经过日照分析，符合规划要求'])}，请求驳回原告的诉讼请求。"
        c.facts = [
            f"{dev.short}系{rng.choice(['滨河', '锦绣', '春晖'])}{rng.choice(['花园', '府', '广场'])}项目的建设单位。{ad(add_days(c.act_date, -rng.randint(60, 200)))}，{dev.short}向{an}申请核发建设工程规划许可证。",
            rng.choice([
                f"{an}对设计方案进行了批前公示，公示期间{pn}等人提出了异议。" if "NO_HEARING" not in c.defects else f"{pn}等人居住的住宅楼位于拟建项目北侧，{an}在审查过程中未告知其享有听证的权利。",
                f"{pn}居住的住宅位于拟建项目北侧，两者间距约{rng.randint(18, 40)}米。",
            ]),
            f"{ad(c.act_date)}，{an}向{dev.short}核发了{c.act_title}。",
        ]
        c.request = f"撤销被告向第三人{dev.name}核发的{c.act_title}"
        c.story_p = ["原告系拟建项目北侧住宅的业主。被诉规划许可批准建设的高层建筑将严重影响原告住宅的采光和通风。"]
        c.story_d = ["第三人提交的申请材料齐全，设计方案符合控制性详细规划和规划条件，日照分析表明对周边住宅不产生影响，被告依法核发许可证。"]
        c.competence = ["根据《中华人民共和国城乡规划法》第十一条、第四十条的规定，{A}作为城乡规划主管部门，具有核发建设工程规划许可证的法定职权。"]
        c.agency_ev = ["建设工程规划许可申请表", "规划条件", "设计方案审查意见", "日照分析报告", "批前公示材料", "建设工程规划许可证"]
        v["xreg"] = ""
        c.op["unlawful_keep"] = chance(rng, 0.5)
        return
    field_, kind, lic, rule = {
        "deny_transport": ("交通运输", "transport", "道路旅客运输经营许可", "《中华人民共和国道路运输条例》第十条"),
        "deny_medical": ("卫生", "health", "医疗机构执业许可", "《医疗机构管理条例》第十五条"),
        "deny_school": ("教育", "edu", "民办学校办学许可", "《中华人民共和国民办教育促进法》第十七条"),
        "deny_food": ("市场监管", "market", "食品经营许可", "《食品经营许可和备案管理办法》第十八条"),
    }[sub]
    c.field = field_
    ag = make_agency(rng, geo, kind, c.names)
    c.defendants = [ag]
    c.plaintiffs = [person_or_company(c, 0.7, trade={"deny_school": "教育", "deny_food": "食品", "deny_transport": "运输"}.get(sub))]
    set_party_shorts(c)
    an, pn = ag.short, v["Pn"]
    c.act_date = add_days(c.F1, -rng.randint(30, 200))
    late = "TIME_LIMIT" in c.defects + c.inner_defects
    apply = add_days(c.act_date, -rng.randint(60, 150) if late else -rng.randint(8, 19))
    c.act_title = f"{doc_no(c, '不许字', c.act_date)}《不予行政许可决定书》"
    c.act = rng.choice(["被诉不予许可决定", "被诉不予行政许可决定"])
    c.act_plain = "不予许可决定"
    reason = rng.choice(["申请材料不齐全", "经营场所不符合要求", "不符合本地区设置规划", "申请人不具备相应条件"])
    v.update(unclear="申请人的经营场所及设施设备是否符合法定条件", weak="一份现场核查记录", missing="现场核查的照片、检测材料",
             key_fact=f"{pn}{reason}", good_ev="现场核查记录、申请材料及审查意见",
             law_used=rule, law_right="《中华人民共和国行政许可法》第三十八条", law_vague="《中华人民共和国行政许可法》",
             apply_date=ad(apply), reply_date=ad(c.act_date), limit="二十日", limit_law="《中华人民共和国行政许可法》第四十二条第一款",
             delay=rng.choice(["三个多月", "近四个月", "五个月"]), apply_kind="许可申请", lic=lic)
    c.facts = [
        f"{ad(apply)}，{pn}向{an}提交{lic}申请及相关材料，{an}于{rng.choice(['当日', '次日', '三日后'])}受理。",
        rng.choice([f"{an}工作人员对申请人的经营场所进行了现场核查。", f"{an}对申请材料进行了审查，并组织了现场核查。"]),
        f"{ad(c.act_date)}，{an}以{pn}{reason}为由，作出{c.act_title}，决定不予许可。",
    ]
    c.request = rng.choice([f"撤销被告作出的{c.act_title}，判令被告依法向原告核发许可", f"撤销{c.act_title}并责令被告重新作出许可决定"])
    c.story_p = [f"原告于{ad(apply)}向被告申请{lic}，申请材料齐全，符合法定条件。被告以{reason}为由不予许可，缺乏依据。"]
    c.story_d = [f"经审查，原告{reason}，不符合{rule}规定的许可条件，被告依法作出不予许可决定，并告知了原告申请复议或者提起诉讼的权利。"]
    c.competence = [f"依照{rule}的规定，{{A}}具有对{lic}申请进行审查并作出许可决定的法定职权。",
                    "{A}作为本行政区域内的许可实施机关，依法负有对原告的许可申请进行审查并作出决定的职责。"]
    c.agency_ev = ["许可申请书", "受理通知书", "现场核查记录", "审查意见", "不予行政许可决定书", "送达回证"]
    c.redo = True
    c.op["redo_text"] = f"对{pn}的{lic}申请重新作出处理"
    v["xreg"] = ""


def b_disclosure(c: Case) -> None:
    rng, geo = c.rng, c.geo
    kind = wpick(rng, [("gov_dist", 3), ("housing", 2), ("natres", 2), ("gov_city", 1), ("market", 1)])
    ag = make_agency(rng, geo, kind, c.names)
    c.defendants = [ag]
    c.needs_mid = kind in ("gov_dist", "gov_city")
    c.plaintiffs = [make_person(rng, c.names, geo)]
    set_party_shorts(c)
    v = c.v
    an, pn = ag.short, v["Pn"]
    proj = _project(c)
    info, fld = {
        "gov_dist": rng.choice([(f"{proj}的征收补偿方案及社会稳定风险评估报告", "房屋征收"),
                                (f"{proj}的项目立项批复及征收补偿费用专户存储证明", "房屋征收"),
                                (f"{rng.choice(TOWNS)}{rng.choice(VILLAGES)}土地征收的批准文件及征地补偿费用支付凭证", "土地")]),
        "gov_city": rng.choice([(f"{proj}的征收决定及其附件", "房屋征收"), ("本市城中村改造专项规划", "城建规划")]),
        "housing": rng.choice([(f"{proj}的分户评估报告及评估机构选定过程的材料", "房屋征收"), ("原告所在小区的竣工验收备案材料", "城建规划")]),
        "natres": rng.choice([(f"{rng.choice(VILLAGES)}地块的建设用地规划许可证及附图", "城建规划"), ("原告承包地被征收的勘测定界图", "土地")]),
        "market": (f"对{rng.choice(COMPANY_BRANDS)}公司投诉举报的调查处理结果", "市场监管"),
    }[kind]
    c.field = fld
    apply = add_days(c.F1, -rng.randint(50, 170))
    late = "TIME_LIMIT" in c.defects or c.minor_code == "TIME_LIMIT" or ("DISCLOSURE" in c.defects + c.inner_defects and chance(rng, 0.3))
    if late and c.minor_code != "TIME_LIMIT":
        v["xlate"] = ""
    c.act_date = add_days(apply, rng.randint(10, 19)) if not late else add_days(apply, rng.randint(32, 36) if c.minor_code else rng.randint(45, 80))
    c.act_title = f"{doc_no(c, '信公复', c.act_date)}《政府信息公开申请答复书》"
    c.act = rng.choice(["被诉答复", "被诉政府信息公开答复", "涉案答复"])
    c.act_plain = "信息公开答复"
    v.update(info=info, apply_date=ad(apply), reply_date=ad(c.act_date), limit="二十个工作日",
             limit_law="《中华人民共和国政府信息公开条例》第三十三条第二款",
             delay=rng.choice(["两个工作日", "三日", "五日"]) if c.minor_code else rng.choice(["一个多月", "近两个月"]),
             doc="《政府信息公开申请答复书》", apply_kind="政府信息公开申请",
             duty=f"向{pn}公开{info}", refuse_reason="所申请的信息不存在")
    replies = [("所申请的信息不存在", "xnoexist"), ("所申请的信息属于内部管理信息，不予公开", "xinternal"),
               ("所申请的部分信息涉及第三方商业秘密，不予公开", "xsecret"), ("所申请的信息不属于本机关负责公开的范围", "xnotmine"),
               ("所申请公开的信息已主动公开，可通过政府网站查询", "xpublished"), ("已公开其中的部分信息，其余信息不予公开", "xpartial"),
               ("其反映的问题已作为信访事项转交相关部门办理", "xpetition")]
    if c.defects or c.inner_defects:
        replies = [r for r in replies if r[1] != "xnotmine"]
    else:
        replies = [r for r in replies if r[1] in ("xnoexist", "xnotmine", "xpublished")]
    reply, flag = rng.choice(replies)
    v[flag] = ""
    v["reply"] = reply
    c.facts = [
        f"{ad(apply)}，{pn}通过{rng.choice(['邮寄', '网上申请', '当面递交'])}方式向{an}提出政府信息公开申请，要求公开{info}。",
        f"{an}于{ad(c.act_date)}作出{c.act_title[c.act_title.index('《'):]}，告知{pn}{reply}。",
        rng.choice([f"{pn}不服，向{geo.city}人民政府申请行政复议，复议机关维持了该答复。", f"{pn}不服，提起本案诉讼。", ""]),
    ]
    c.facts = [x for x in c.facts if x]
    c.request = rng.choice([f"撤销被告作出的{c.act_title[c.act_title.index('《'):]}，责令被告依法公开{info}",
                            f"确认被告作出的答复违法，并判令被告公开{info}"])
    c.story_p = [f"原告于{ad(apply)}向被告申请公开{info}，被告答复称{reply}，原告认为被告的答复{rng.choice(['敷衍塞责', '没有法律依据', '侵犯了原告的知情权'])}。"]
    c.story_d = [f"被告在收到原告申请后进行了认真检索，并依法作出答复，告知原告{reply}，答复内容和程序均符合《中华人民共和国政府信息公开条例》的规定。"]
    c.competence = ["根据《中华人民共和国政府信息公开条例》第四条第一款、第十条的规定，{A}具有对{P}提出的政府信息公开申请作出答复的法定职责。",
                    "依照《中华人民共和国政府信息公开条例》的规定，{A}作为行政机关，负有对其制作或者保存的政府信息依申请予以公开的职责。"]
    c.agency_ev = ["政府信息公开申请表", "检索记录", "政府信息公开申请答复书", "邮寄凭证"]
    c.redo = True
    c.op["redo_text"] = f"对{pn}的政府信息公开申请重新作出答复"
    c.op["fulfil"] = rng.choice([f"向原告{pn}公开{info}", f"对原告{pn}于{ad(apply)}提出的政府信息公开申请重新作出答复"])


def b_confirm(c: Case) -> None:
    rng, geo = c.rng, c.geo
    c.field = "人社"
    ag = make_agency(rng, geo, "hrss", c.names)
    c.defendants = [ag]
    worker = make_person(rng, c.names, geo)
    employer = make_company(rng, c.names, geo)
    emp_plaintiff = chance(rng, 0.55)
    if emp_plaintiff:
        c.plaintiffs, c.thirds = [employer], [worker]
    else:
        c.plaintiffs, c.thirds = [worker], [employer]
    set_party_shorts(c)
    v = c.v
    an = ag.short
    wn, en = worker.name, pshort(employer)
    inj = add_days(c.F1, -rng.randint(200, 500))
    apply = add_days(inj, rng.randint(20, 120))
    ontime = "TIME_LIMIT" not in c.defects
    c.act_date = add_days(apply, rng.randint(30, 58) if ontime else rng.randint(90, 200))
    scene = rng.choice([
        ("在下班途中驾驶电动自行车与一辆小型轿车相撞受伤", "下班途中受到非本人主要责任的交通事故伤害", "第十四条第（六）项"),
        ("在车间操作机器时右手被卷入受伤", "在工作时间和工作场所内，因工作原因受到事故伤害", "第十四条第（一）项"),
        ("在工作岗位上突发疾病，经抢救无效于四十八小时内死亡", "在工作时间和工作岗位突发疾病在四十八小时之内经抢救无效死亡", "第十五条第一款第（一）项"),
        ("受单位指派外出送货途中摔伤", "因工外出期间，由于工作原因受到伤害", "第十四条第（五）项"),
    ])
    recognized = emp_plaintiff
    c.act_title = f"{doc_no(c, '工伤认字' if recognized else '不予工伤认字', c.act_date)}《{'认定工伤决定书' if recognized else '不予认定工伤决定书'}》"
    c.act = rng.choice(["被诉工伤认定决定", "被诉认定工伤决定"]) if recognized else "被诉不予认定工伤决定"
    c.act_plain = "工伤认定决定"
    v.update(unclear=f"{wn}受伤时是否处于工作时间、工作场所以及是否因工作原因受伤",
             weak=f"{wn}的单方陈述及其同事出具的证明", missing="考勤记录、工作安排记录、事故责任认定书",
             key_fact=f"{wn}{scene[1]}", good_ev="工伤认定申请表、劳动合同、事故责任认定书、证人证言及医疗诊断证明",
             law_used=f"《工伤保险条例》{scene[2]}", law_right="《工伤保险条例》第十六条", law_vague="《工伤保险条例》",
             employer=en, apply_date=ad(apply), reply_date=ad(c.act_date), limit="六十日",
             limit_law="《工伤保险条例》第二十条第一款", delay=rng.choice(["四个多月", "半年", "三个多月"]),
             doc=c.act_title[c.act_title.index("《"):], apply_kind="工伤认定申请")
    c.facts = [
        f"{wn}系{en}{rng.choice(['职工', '员工', '工人', '驾驶员'])}，{rng.choice(['双方签订有劳动合同', '双方存在劳动关系'])}。",
        f"{ad(inj)}，{wn}{scene[0]}。",
        f"{ad(apply)}，{wn if chance(rng, 0.7) else en}向{an}提出工伤认定申请，{an}于{rng.choice(['当日', '同月', '次日'])}受理。",
        (f"{an}向{en}送达了工伤认定举证通知书，{en}在规定期限内提交了书面意见。" if "PROCEDURE" not in c.defects
         else f"在案证据中没有{an}向用人单位送达举证通知书的材料。"),
        f"{ad(c.act_date)}，{an}作出{c.act_title}，{'认定' + wn + '受到的事故伤害属于工伤' if recognized else '认为' + wn + '受到的伤害不符合工伤认定的情形，决定不予认定工伤'}。",
    ]
    if recognized:
        c.request = f"撤销被告作出的{c.act_title}"
        c.story_p = [f"第三人{wn}受伤并非因工作原因所致，被告认定工伤{rng.choice(['证据不足', '适用法律错误', '事实不清'])}。"]
        c.story_d = [f"第三人{wn}{scene[1]}，符合《工伤保险条例》{scene[2]}的规定，被告依法认定为工伤。"]
        c.third_said = f"第三人{wn}述称，其受伤系因工作原因，被诉工伤认定决定正确，请求驳回原告的诉讼请求。"
    else:
        c.request = f"撤销被告作出的{c.act_title}，责令被告重新作出工伤认定"
        c.story_p = [f"原告{scene[0]}，符合工伤认定条件，被告不予认定工伤错误。"]
        c.story_d = ["原告提交的证据不能证明其受伤系因工作原因，被告不予认定工伤并无不当。"]
        c.third_said = f"第三人{en}述称，{wn}受伤并非在工作时间、工作场所内，同意被告的意见。"
    c.competence = ["根据《工伤保险条例》第五条第二款、第十七条的规定，{A}作为社会保险行政部门，具有负责本行政区域内工伤认定工作的法定职责。",
                    "依照《工伤保险条例》第五条第二款的规定，{A}具有作出{act}的法定职权。"]
    c.agency_ev = ["工伤认定申请表", "劳动合同", "医疗诊断证明", "证人证言", "举证通知书及送达回证", c.act_title[c.act_title.index("《"):]]
    c.redo = True
    c.op["redo_text"] = f"对{wn}的工伤认定申请重新作出认定"


def b_registration(c: Case) -> None:
    rng, geo = c.rng, c.geo
    sub = rng.choice(["realestate", "realestate", "marriage", "equity"])
    v = c.v
    c.plaintiffs = [make_person(rng, c.names, geo)]
    c.act_date = add_days(c.F1, -rng.randint(120, 900))
    if sub == "realestate":
        c.field = "自然资源"
        ag = make_agency(rng, geo, rng.choice(["natres", "regcenter"]), c.names)
        buyer = make_person(rng, c.names, geo)
        c.thirds = [buyer]
        c.defendants = [ag]
        set_party_shorts(c)
        an, pn, bn = ag.short, v["Pn"], buyer.name
        house = _house(c, rural=False)
        c.act_title = f"将{house}登记至{bn}名下的不动产转移登记行为"
        c.act = rng.choice(["被诉登记行为", "被诉不动产转移登记行为", "涉案登记行为"])
        c.act_plain = "不动产登记"
        v.update(unclear="申请人提交的授权委托书是否系原告本人签署", weak="一份未经公证的授权委托书",
                 missing="原告本人到场申请或者经公证的授权委托书", key_fact=f"{pn}委托他人办理了转移登记",
                 good_ev="不动产登记申请书、询问记录、买卖合同和身份证明材料", reg="",
                 law_used="《不动产登记暂行条例》第十四条", law_right="《不动产登记暂行条例》第十八条",
                 law_vague="《不动产登记暂行条例》")
        c.facts = [
            f"{house.replace('位于', '')}原登记在{pn}名下。",
            f"{ad(add_days(c.act_date, -rng.randint(2, 20)))}，{bn}持{pn}的身份证复印件、授权委托书及房屋买卖合同等材料向{an}申请办理转移登记。",
            ("在案证据中没有" + an + "对委托书真实性进行核验或者询问原告本人的记录。") if c.defects else f"{an}对申请材料进行了查验，并对申请人进行了询问。",
            f"{ad(c.act_date)}，{an}将该房屋登记至{bn}名下。",
            f"{pn}称其{rng.choice(['从未签署过授权委托书', '直到办理抵押时才得知房屋已被过户'])}，遂提起本案诉讼。",
        ]
        c.third_said = f"第三人{bn}述称，其系通过正常买卖取得涉案房屋，已支付全部房款，属于善意取得，请求驳回原告的诉讼请求。"
        c.competence = ["根据《不动产登记暂行条例》第六条、第七条的规定，{A}作为本行政区域的不动产登记机构，具有办理不动产登记的法定职责。"]
        c.agency_ev = ["不动产登记申请书", "询问记录", "授权委托书", "房屋买卖合同", "身份证明材料", "不动产登记簿"]
    elif sub == "marriage":
        c.field = "其他"
        ag = make_agency(rng, geo, "civil", c.names)
        c.defendants = [ag]
        spouse = make_person(rng, c.names, geo)
        c.thirds = [spouse] if chance(rng, 0.6) else []
        set_party_shorts(c)
        an, pn, sn = ag.short, v["Pn"], spouse.name
        c.act_title = f"为{pn}与{sn}办理的结婚登记"
        c.act = rng.choice(["被诉结婚登记行为", "涉案婚姻登记行为"])
        c.act_plain = "婚姻登记"
        v.update(unclear=f"结婚登记时到场的当事人是否为{pn}本人", weak="登记档案中的身份证复印件",
                 missing="当事人双方亲自到场的证明、声明书本人签字的鉴定意见",
                 key_fact=f"{pn}本人到场办理了结婚登记", good_ev="结婚登记审查处理表、申请结婚登记声明书及身份证明材料",
                 reg="", law_used="《婚姻登记条例》第七条", law_right="《婚姻登记条例》第六条", law_vague="《婚姻登记条例》")
        c.facts = [
            f"{ad(c.act_date)}，{an}为{pn}与{sn}办理了结婚登记，并颁发结婚证。",
            f"{pn}称其身份证件于{c.act_date.year - 1}年遗失，登记档案中“{pn}”的签名并非其本人所写。",
            rng.choice([f"经本院委托鉴定，结婚登记声明书上“{pn}”的签名不是{pn}本人书写。" if c.defects else f"经查，登记档案中的照片与{pn}本人相符。",
                        f"{an}未提交登记时核对当事人身份的相关材料。" if c.defects else f"登记档案中有{pn}本人签名及捺印。"]),
        ]
        c.competence = ["根据《婚姻登记条例》第二条的规定，{A}作为县级人民政府民政部门，是办理婚姻登记的机关。"]
        c.agency_ev = ["结婚登记审查处理表", "申请结婚登记声明书", "身份证明材料", "结婚证存根"]
    else:
        c.field = "市场监管"
        ag = make_agency(rng, geo, "market", c.names)
        c.defendants = [ag]
        comp = make_company(rng, c.names, geo)
        c.thirds = [comp]
        set_party_shorts(c)
        an, pn, cn_ = ag.short, v["Pn"], pshort(comp)
        c.act_title = f"对{comp.name}作出的股东变更登记"
        c.act = rng.choice(["被诉变更登记", "被诉股权变更登记行为"])
        c.act_plain = "变更登记"
        v.update(unclear="股权转让协议及股东会决议上原告签名的真实性", weak="申请人提交的股东会决议复印件",
                 missing="原告本人签署的股权转让协议原件", key_fact=f"{pn}同意转让其持有的股权",
                 good_ev="变更登记申请书、股东会决议、股权转让协议", reg="",
                 law_used="《中华人民共和国市场主体登记管理条例》第二十四条", law_right="《中华人民共和国市场主体登记管理条例》第四十条",
                 law_vague="《中华人民共和国市场主体登记管理条例》")
        c.facts = [
            f"{pn}原系{cn_}股东，持股{rng.choice([20, 30, 35, 40, 49])}%。",
            f"{ad(c.act_date)}，{cn_}向{an}申请股东变更登记，提交了股东会决议、股权转让协议等材料，{an}当日予以登记。",
            f"经本院委托鉴定，股权转让协议上“{pn}”的签名并非其本人所签。" if c.defects else f"{pn}对股东会决议上其本人签名的真实性未申请鉴定。",
        ]
        c.competence = ["根据《中华人民共和国市场主体登记管理条例》第五条的规定，{A}具有办理辖区内市场主体登记的法定职权。"]
        c.agency_ev = ["变更登记申请书", "股东会决议", "股权转让协议", "营业执照"]
    v["xreg"] = ""
    c.request = f"撤销被告{c.A0.name}{c.act_title}"
    c.story_p = [rng.choice([f"原告从未申请或者委托他人办理{c.act_plain}，相关材料上的签名系他人伪造，被告未尽审查义务。",
                             f"被告在申请材料明显存在疑点的情况下仍予办理{c.act_plain}，侵害了原告的合法权益。"])]
    c.story_d = [f"被告依法对申请材料进行了形式审查，申请材料齐全、符合法定形式，被告办理{c.act_plain}并无不当。"]
    c.op["unlawful_keep"] = bool(c.thirds) and chance(rng, 0.5)


NONPERF_SUBS = [
    ("chengguan", "城建规划", "举报", "对{target}的违法建设依法予以查处", "{target}在其住宅旁违法搭建房屋"),
    ("market", "市场监管", "投诉举报", "对{target}销售不合格商品的行为立案调查并告知处理结果", "{target}销售不合格商品"),
    ("police", "公安", "报警求助", "对{target}殴打其的行为依法调查处理", "{target}殴打其"),
    ("eco", "生态环境", "举报", "对{target}夜间超标排放噪声的行为依法查处", "{target}夜间施工产生噪声污染"),
    ("tax", "税务", "退税申请", "依法退还其多缴纳的税款", "其多缴纳税款"),
    ("health", "卫生", "举报", "对{target}无证行医的行为依法查处", "{target}无证行医"),
    ("natres", "自然资源", "申请", "对{target}非法占用其承包地的行为依法查处", "{target}非法占用其承包地"),
    ("hrss", "人社", "投诉", "责令{target}支付拖欠的劳动报酬", "{target}拖欠其工资"),
]


def b_nonperf(c: Case) -> None:
    rng, geo = c.rng, c.geo
    kind, fld, apply_kind, duty, issue = rng.choice(NONPERF_SUBS)
    c.field = fld
    ag = make_agency(rng, geo, kind, c.names)
    c.defendants = [ag]
    c.plaintiffs = [person_or_company(c, 0.15)]
    set_party_shorts(c)
    v = c.v
    an, pn = ag.short, v["Pn"]
    target = rng.choice([c.names.person(0.6), company_name(rng, geo)[0]]) if kind != "police" else c.names.person(0.6)
    duty = duty.format(target=target)
    issue = issue.format(target=target)
    apply = add_days(c.F1, -rng.randint(70, 300))
    c.act_date = apply
    c.act_title = f"未履行{duty}法定职责的行为"
    c.v["xduty"] = ""
    c.act = rng.choice(["被诉不作为行为", "涉案不作为行为"])
    c.act_plain = "不履行法定职责"
    v.update(duty=duty, apply_date=ad(apply), apply_kind=apply_kind,
             refuse_reason=rng.choice(["该事项已由其他部门处理", "原告不是利害关系人", "相关事实已超过追诉时效"]),
             limit="六十日", limit_law="《中华人民共和国行政诉讼法》第四十七条第一款", delay=rng.choice(["八个多月", "十个月", "一年有余"]),
             unclear="原告反映的问题是否属实", missing="调查处理的相关记录", weak="一份工作人员的情况说明",
             key_fact=f"{an}已对{pn}的{apply_kind}作出处理", good_ev="调查笔录、处理意见及送达回证")
    D = set(c.defects)
    c.facts = [
        f"{ad(apply)}，{pn}向{an}{rng.choice(['邮寄', '提交', '递交'])}书面{apply_kind}，反映{issue}，请求{an}{duty}。",
        rng.choice([f"{an}于{ad(add_days(apply, rng.randint(2, 8)))}签收了该邮件。", f"{an}工作人员当场接收了该材料。"]),
        (f"截至本案庭审之日，{an}未作出处理，亦未告知{pn}。" if "NONPERFORMANCE" in D else
         f"{an}于{ad(add_days(apply, rng.randint(15, 55)))}对相关情况进行了调查，并于{ad(add_days(apply, rng.randint(56, 59)))}书面告知{pn}处理结果。"),
    ]
    if c.merits == "确认违法":
        c.facts.append(f"本案诉讼期间，{an}于{ad(add_days(c.F1, rng.randint(10, 40)))}对{pn}的{apply_kind}作出了书面答复。")
    c.request = rng.choice([f"判令被告依法履行{duty}的法定职责", f"确认被告不履行法定职责违法，并判令被告{duty}"])
    c.story_p = [f"{pn if chance(rng, 0.3) else '原告'}于{ad(apply)}向被告提交{apply_kind}，反映{issue}。被告收到后{rng.choice(['至今未作任何处理', '一直未予答复', '始终未给予任何回复'])}。"]
    c.story_d = [rng.choice([f"被告收到原告的{apply_kind}后，已及时进行了调查核实，并依法作出了处理，不存在不履行法定职责的情形。",
                             "原告所反映的事项不属于被告的职责范围，被告已告知原告向有权机关反映。"])]
    c.competence = [f"{{A}}作为本行政区域内的{ {'chengguan': '违法建设查处部门', 'market': '市场监督管理部门', 'police': '公安机关', 'eco': '生态环境主管部门', 'tax': '税务机关', 'health': '卫生健康主管部门', 'natres': '自然资源主管部门', 'hrss': '劳动保障行政部门'}[kind]}，对{{P}}反映的事项负有依法调查处理的法定职责。",
                    "根据相关法律法规的规定，{A}对{P}的" + apply_kind + "负有依法作出处理的职责。"]
    c.agency_ev = ["邮件签收记录", "调查笔录", "处理意见", "答复书及送达回证"]
    if c.dismiss_reason == "no_apply":
        c.facts = [f"{pn}主张其曾多次向{an}口头反映{issue}，但未提交其在起诉前向{an}提出书面申请或者{an}收到其申请的证据。"]
    c.op["fulfil"] = rng.choice([f"在本判决生效之日起六十日内对原告{pn}的{apply_kind}依法作出处理",
                                 f"于本判决生效后两个月内{duty}"])


def b_agreement(c: Case) -> None:
    rng, geo = c.rng, c.geo
    sub = rng.choice(["relocation", "relocation", "invest"])
    v = c.v
    if sub == "relocation":
        c.field = "房屋征收"
        ag = make_agency(rng, geo, rng.choice(["gov_dist", "town", "housing"]), c.names)
        c.needs_mid = ag.name.endswith("区人民政府") or ag.name.endswith("县人民政府")
        c.plaintiffs = [make_person(rng, c.names, geo)]
        c.defendants = [ag]
        set_party_shorts(c)
        an, pn = ag.short, v["Pn"]
        c.act_date = add_days(c.F1, -rng.randint(200, 700))
        owed = money(rng, 80000, 900000, 100)
        c.act_title = f"与{pn}签订的《房屋征收补偿安置协议》"
        c.act = rng.choice(["涉案补偿协议", "案涉行政协议", "涉案《房屋征收补偿安置协议》"])
        c.act_plain = "补偿安置协议"
        v.update(owed=f"剩余补偿款{owed}元", xhouse="", unclear="协议约定的付款条件是否已经成就",
                 missing="已付款凭证", weak="征收工作人员的情况说明", key_fact=f"{an}已支付全部补偿款",
                 good_ev="补偿安置协议、付款凭证、交房确认单", power_law="《国有土地上房屋征收与补偿条例》第四条、第五条",
                 matter="房屋征收补偿协议的签订", right_agency="市、县级人民政府确定的房屋征收部门", parent=f"{geo.prefix}人民政府",
                 apply_kind="付款申请", duty="支付剩余补偿款", xagree="")
        c.facts = [
            f"{ad(c.act_date)}，{pn}与{an}签订{c.act_title[c.act_title.index('《'):]}，约定{pn}{_house(c, rural=False)}由{an}征收，补偿款总额{owed + money(rng, 100000, 600000, 100)}元，{an}应于{pn}腾空房屋后{rng.choice(['三十日', '六十日', '三个月'])}内付清。",
            f"{pn}于{ad(add_days(c.act_date, rng.randint(10, 40)))}腾空并交付了房屋。",
            (f"{an}至今尚欠补偿款{owed}元未予支付。" if "NONPERFORMANCE" in c.defects else f"{an}已按约支付了全部补偿款，{pn}对此无异议。"),
        ]
        if c.merits == "确认无效":
            c.request = "确认原、被告签订的《房屋征收补偿安置协议》无效"
            c.story_p = [f"涉案协议系由不具有征收主体资格的{an}与原告签订，且补偿标准明显低于同类房屋，协议应属无效。"]
            c.story_d = ["被告系受区人民政府委托签订协议，协议系双方真实意思表示，合法有效。"]
            c.facts[-1] = f"{an}{rng.choice(['未提交区人民政府委托其签订补偿协议的文件', '系区人民政府的工作部门，未经委托以自己名义签订了上述协议'])}。"
        else:
            c.request = rng.choice([f"判令被告继续履行协议，支付剩余补偿款{owed}元及利息", "判令被告履行协议约定的支付义务"])
            c.story_p = [f"原告依约腾空交付了房屋，被告{rng.choice(['却以财政资金未到位为由拖欠补偿款', '至今未按约支付剩余补偿款'])}。"]
            c.story_d = [rng.choice(["协议约定的付款条件尚未成就，被告不存在违约行为。", "被告已按照协议约定履行了全部义务。"])]
        c.competence = ["根据《国有土地上房屋征收与补偿条例》第四条、第二十五条的规定，{A}与{P}签订的补偿协议属于行政协议，{A}依法负有按约履行协议的义务。"]
        c.op["fulfil"] = f"于本判决生效之日起三十日内向原告{pn}支付补偿款{owed}元及逾期付款利息"
        c.op["comp"] = int(owed * rng.choice([0.04, 0.06, 0.08])) // 10 * 10
        c.op["comp_what"] = "逾期付款利息损失"
    else:
        c.field = "其他"
        ag = make_agency(rng, geo, rng.choice(["gov_dist", "gov_dist", "town"]), c.names)
        c.needs_mid = ag.name.endswith("人民政府") and "镇" not in ag.name
        c.plaintiffs = [make_company(rng, c.names, geo)]
        c.defendants = [ag]
        set_party_shorts(c)
        an, pn = ag.short, v["Pn"]
        c.act_date = add_days(c.F1, -rng.randint(300, 900))
        owed = money(rng, 500000, 5000000, 10000)
        terminate = add_days(c.F1, -rng.randint(20, 120))
        c.act_title = f"于{ad(terminate)}作出的《关于解除招商引资协议的通知》"
        c.act = rng.choice(["被诉解除协议行为", "被诉解除通知", "被告单方解除协议的行为"])
        c.act_plain = "解除协议行为"
        v.update(owed=f"约定的扶持资金{owed}元", unclear=f"{pn}是否存在协议约定的根本违约情形",
                 weak="一份会议纪要", missing="项目未按期投产的核查记录", key_fact=f"{pn}未按约定期限完成投资",
                 good_ev="招商引资协议、项目核查记录和催告函", law_used="《中华人民共和国民法典》第五百六十三条",
                 law_right="《最高人民法院关于审理行政协议案件若干问题的规定》第十六条", law_vague="《中华人民共和国民法典》",
                 fact="未按约定期限完成投资")
        c.facts = [
            f"{ad(c.act_date)}，{an}与{pn}签订《招商引资协议》，约定{pn}在{geo.dist}投资建设{rng.choice(['新型建材', '农产品加工', '智能装备'])}项目，{an}给予{v['owed']}。",
            f"协议签订后，{pn}{rng.choice(['取得了项目用地并开工建设', '完成了项目备案并投入资金'])}。",
            f"{ad(terminate)}，{an}以{pn}未按约定期限完成投资为由，向其发出解除协议通知。",
        ]
        c.request = f"撤销被告{c.act_title}，判令被告继续履行《招商引资协议》"
        c.story_p = ["原告已按约投入资金进行项目建设，项目进度延误系因被告未按约交付土地所致，被告单方解除协议没有依据。"]
        c.story_d = ["原告未在协议约定的期限内完成投资，经被告多次催告仍未改正，被告依约解除协议。"]
        c.competence = ["{A}为实现招商引资的行政管理目标，与{P}签订的《招商引资协议》属于行政协议，本案应当对{A}解除协议行为的合法性进行审查。"]
        c.op["fulfil"] = f"继续履行与原告{pn}签订的《招商引资协议》"
        c.op["comp"] = money(rng, 200000, 1500000, 1000)
        c.op["comp_what"] = "前期投入损失"
        if c.merits == "赔偿":
            c.request = f"判令被告赔偿原告前期投入损失{int(c.op['comp'] * 1.5)}元"
    c.agency_ev = ["协议文本", "付款凭证", "催告函", "会议纪要"]


def b_compensation(c: Case) -> None:
    rng, geo = c.rng, c.geo
    c.case_kind = "行赔"
    sub = rng.choice(["demolish", "demolish", "seize", "detain"])
    v = c.v
    if sub == "demolish":
        kind = rng.choice(["town", "chengguan", "gov_dist"])
        c.field = "房屋征收" if kind == "gov_dist" else "城建规划"
        ag = make_agency(rng, geo, kind, c.names)
        c.needs_mid = kind == "gov_dist"
        c.plaintiffs = [make_person(rng, c.names, geo, rural=True)]
        c.defendants = [ag]
        set_party_shorts(c)
        an, pn = ag.short, v["Pn"]
        c.act_date = add_days(c.F1, -rng.randint(200, 600))
        struct = _house(c)
        v["structure"] = f"{pn}{struct}"
        v["basis_doc"] = "《限期拆除决定书》"
        c.act_title = f"于{ad(c.act_date)}强制拆除{pn}{struct}的行为"
        c.act = rng.choice(["涉案强制拆除行为", "被告的强制拆除行为"])
        c.act_plain = "强制拆除行为"
        loss = money(rng, 150000, 1800000, 100)
        c.facts = [
            f"{ad(c.act_date)}，{an}组织人员对{pn}{struct}实施了强制拆除。",
            rng.choice([f"{pn}不服，提起行政诉讼，{geo.city}中级人民法院于{ad(add_days(c.act_date, rng.randint(150, 300)))}作出终审判决，确认该强制拆除行为违法。",
                        "该强制拆除行为已被生效判决确认违法。"]),
            f"{pn}于{ad(add_days(c.F1, -rng.randint(60, 120)))}向{an}提出行政赔偿申请，要求赔偿房屋及室内物品损失共计{loss}元，{an}{rng.choice(['逾期未作出赔偿决定', '作出不予赔偿决定'])}。",
        ]
        c.request = f"判令被告赔偿原告房屋及室内物品损失共计{loss}元"
        c.story_p = [f"被告违法拆除原告房屋，该行为已被生效判决确认违法。原告的房屋及室内家具、家电等物品全部损毁，损失共计{loss}元。"]
        c.story_d = [rng.choice(["原告主张的损失数额过高，缺乏证据支持，室内物品损失无法证明。", "涉案房屋系违法建筑，不属于合法权益，依法不予赔偿。"])]
        c.competence = ["根据《中华人民共和国国家赔偿法》第四条第（四）项、第七条第一款的规定，行政机关及其工作人员在行使行政职权时造成财产损害的，该行政机关为赔偿义务机关，{A}为本案的赔偿义务机关。"]
        c.op["comp"] = int(loss * rng.choice([0.35, 0.5, 0.6, 0.75])) // 100 * 100
        c.op["comp_what"] = "房屋及室内物品损失"
        if "ENFORCE_PROC" in c.defects:
            c.facts[1] = enforce_fact(c, an, pn, "《限期拆除决定书》", add_days(c.act_date, -rng.randint(20, 60)), c.act_date)
        v["xhouse"] = ""
        c.op["hint"] = "ENFORCE_PROC"
        v["xdemo"] = ""
    elif sub == "seize":
        c.field = rng.choice(["公安", "交通运输"])
        ag = make_agency(rng, geo, "police" if c.field == "公安" else "transport", c.names)
        c.plaintiffs = [make_person(rng, c.names, geo)]
        c.defendants = [ag]
        set_party_shorts(c)
        an, pn = ag.short, v["Pn"]
        c.act_date = add_days(c.F1, -rng.randint(200, 500))
        plate = f"{geo.abbr}{rng.choice('ABCDEF')}·{rng.randint(10000, 99999)}"
        c.act_title = f"扣押{pn}所有的{plate}号车辆的行为"
        c.act = "涉案扣押行为"
        c.act_plain = "扣押行为"
        loss = money(rng, 8000, 90000, 100)
        c.facts = [f"{ad(c.act_date)}，{an}扣押了{pn}所有的车牌号为{plate}的车辆，至{ad(add_days(c.act_date, rng.randint(120, 300)))}才予以返还。",
                   "该扣押行为已被生效判决确认违法。" if chance(rng, 0.6) else "",
                   f"车辆返还时，{pn}发现车辆{rng.choice(['前挡风玻璃破裂', '电瓶损坏、轮胎老化', '多处漆面受损'])}。"]
        c.facts = [x for x in c.facts if x]
        c.request = f"判令被告赔偿车辆损失及停运损失共计{loss}元"
        c.story_p = [f"被告违法扣押原告车辆长达数月，造成车辆损坏及停运损失共计{loss}元。"]
        c.story_d = ["车辆在扣押期间由停车场妥善保管，原告主张的损失与扣押行为之间不存在因果关系。"]
        c.competence = ["依照《中华人民共和国国家赔偿法》第四条、第七条的规定，{A}作为作出扣押行为的行政机关，是本案的赔偿义务机关。"]
        c.op["comp"] = int(loss * rng.choice([0.3, 0.5, 0.8])) // 100 * 100
        c.op["comp_what"] = "车辆损失"
        c.op["hint"] = "TIME_LIMIT"
    else:
        c.field = "公安"
        ag = make_agency(rng, geo, "police", c.names)
        c.plaintiffs = [make_person(rng, c.names, geo)]
        c.defendants = [ag]
        set_party_shorts(c)
        an, pn = ag.short, v["Pn"]
        c.act_date = add_days(c.F1, -rng.randint(200, 500))
        days = rng.choice([5, 7, 10, 12])
        c.act_title = f"对{pn}行政拘留{days}日的行为"
        c.act = "涉案行政拘留"
        c.act_plain = "行政拘留"
        c.facts = [f"{ad(c.act_date)}，{an}以{pn}{rng.choice(['殴打他人', '寻衅滋事', '阻碍执行职务'])}为由，决定对其行政拘留{days}日，并已执行完毕。",
                   (f"该行政处罚决定已被{rng.choice(['生效判决撤销', '复议机关撤销'])}。" if c.merits != "驳回诉讼请求" else
                    f"{pn}对该拘留决定提起的行政诉讼，已被生效判决驳回诉讼请求。"),
                   f"{pn}向{an}申请国家赔偿，{an}{rng.choice(['未予答复', '决定不予赔偿'])}。"]
        daily = rng.choice([346.75, 379.82, 410.48, 436.89])
        c.request = f"判令被告支付侵犯人身自由赔偿金{daily * days:.2f}元，并赔礼道歉、消除影响"
        c.story_p = [f"被告对原告作出的拘留决定已被撤销，原告被限制人身自由{days}日，依法应当获得赔偿。" if c.merits != "驳回诉讼请求"
                     else f"被告对原告作出的拘留决定认定事实错误，原告被限制人身自由{days}日，依法应当获得赔偿。"]
        c.story_d = ["原告的行为本身存在过错，其主张的精神损害抚慰金缺乏依据。"]
        c.competence = ["根据《中华人民共和国国家赔偿法》第三条第（一）项的规定，行政机关违法拘留公民的，受害人有取得赔偿的权利，{A}为赔偿义务机关。"]
        c.op["comp"] = f"{daily * days:.2f}"
        c.op["comp_what"] = f"侵犯人身自由赔偿金（按{c.J.year - 1}年度国家职工日平均工资{daily}元计算{days}日）"
        c.op["hint"] = ""
    c.op["deny_reason"] = {
        "demolish": "原告主张的室内物品损失，未能提供购买凭证、照片等证据予以证明，其主张的房屋损失亦高于同地段同类房屋的市场价格，且被告已向原告支付了相应的补偿款，原告的损失已经得到填补。",
        "seize": "车辆在扣押期间由停车场统一保管，原告未能提供证据证明其主张的车辆损坏系扣押期间所致，其主张的停运损失亦缺乏证据支持。",
        "detain": "原告据以主张赔偿的拘留决定并未被确认违法或者撤销，不符合国家赔偿的法定条件。",
    }[sub]
    if c.dismiss_reason == "no_claim":
        c.facts = [x for x in c.facts if "赔偿申请" not in x and "申请国家赔偿" not in x]
        c.facts.append(f"{v['Pn']}在提起本案诉讼前，未向{c.A0.short}提出赔偿申请。")
    c.agency_ev = ["生效判决书", "赔偿申请书", "现场照片", "价格评估材料"]
    v.setdefault("doc", "相关决定")


def b_coercive(c: Case) -> None:
    rng, geo = c.rng, c.geo
    sub = rng.choice(["police_car", "market_goods", "eco_equipment", "transport_car"])
    v = c.v
    kind, fld = {"police_car": ("police", "公安"), "market_goods": ("market", "市场监管"),
                 "eco_equipment": ("eco", "生态环境"), "transport_car": ("transport", "交通运输")}[sub]
    c.field = fld
    ag = make_agency(rng, geo, kind, c.names)
    c.defendants = [ag]
    c.plaintiffs = [person_or_company(c, 0.6 if sub in ("market_goods", "eco_equipment") else 0.1)]
    set_party_shorts(c)
    an, pn = ag.short, v["Pn"]
    c.act_date = add_days(c.F1, -rng.randint(30, 160))
    item = {"police_car": f"{pn}的小型普通客车一辆", "market_goods": f"{pn}仓库内的{rng.choice(['电线电缆', '儿童玩具', '化妆品', '白酒'])}{rng.randint(20, 900)}件",
            "eco_equipment": f"{pn}的{rng.choice(['喷漆房', '破碎机', '熔炼炉'])}等生产设施设备", "transport_car": f"{pn}驾驶的小型轿车一辆"}[sub]
    word = "查封" if sub == "eco_equipment" else "扣押"
    c.act_title = f"{doc_no(c, '扣字' if word == '扣押' else '封字', c.act_date)}《{'查封决定书' if word == '查封' else '扣押决定书'}》"
    c.act = rng.choice([f"被诉{word}行为", f"被诉{word}决定"])
    c.act_plain = f"{word}决定"
    v.update(item=item, seize_doc=f"{word}决定书和{word}清单", unclear=f"被{word}财物与涉嫌违法行为之间的关联性",
             weak="一份现场照片", missing="涉嫌违法的初步证据", key_fact=f"{pn}涉嫌违法", good_ev=f"现场笔录、{word}决定书、{word}清单及送达回证",
             limit="三十日", limit_law="《中华人民共和国行政强制法》第二十五条第一款", delay=rng.choice(["四个多月", "九十余日", "半年"]),
             law_used={"police_car": "《中华人民共和国治安管理处罚法》第八十九条", "market_goods": "《中华人民共和国产品质量法》第十八条",
                       "eco_equipment": "《中华人民共和国环境保护法》第二十五条", "transport_car": "《中华人民共和国道路运输条例》第六十八条"}[sub],
             law_right="《中华人民共和国行政强制法》第二十三条", law_vague="《中华人民共和国行政强制法》",
             power_law="《中华人民共和国行政强制法》第十七条", matter=f"{word}措施的实施", right_agency="法律、法规规定的行政机关",
             parent=f"{geo.prefix}人民政府", doc=f"《{word}决定书》", xonsite="", xinspect="", inspect_scene="现场检查")
    v.pop("xdecide", None)
    D = set(c.defects)
    c.facts = [
        f"{ad(c.act_date)}，{an}{'民警' if sub == 'police_car' else '执法人员'}在{ {'police_car': '路面盘查', 'market_goods': '市场检查', 'eco_equipment': '现场检查', 'transport_car': '路检'}[sub]}中发现{pn}涉嫌{ {'police_car': '利用车辆从事违法活动', 'market_goods': '销售不合格产品', 'eco_equipment': '违法排放污染物', 'transport_car': '非法营运'}[sub]}，遂对{item}予以{word}。",
        (f"{an}未当场制作现场笔录，亦未向{pn}交付{word}清单。" if "PROCEDURE" in D else f"{an}当场制作了现场笔录，并向{pn}送达了{c.act_title[c.act_title.index('《'):]}及{word}清单。"),
        (f"该{word}措施持续至{ad(add_days(c.act_date, rng.randint(100, 200)))}方才解除，期间未办理延长手续。" if "TIME_LIMIT" in D else
         f"{an}于{ad(add_days(c.act_date, rng.randint(20, 29)))}{rng.choice(['解除了' + word, '作出处理决定'])}。"),
    ]
    if c.merits == "确认违法":
        c.op["released"] = True
    c.request = f"撤销被告作出的{c.act_title}" if chance(rng, 0.5) else f"确认被告{word}{item}的行为违法"
    c.story_p = [f"被告在没有任何证据的情况下{word}{item}，{rng.choice(['且长期不予解除', '未出具任何手续', '给原告造成了严重损失'])}。"]
    c.story_d = [f"原告涉嫌违法，被告依法采取{word}措施，履行了法定程序，并在法定期限内作出了处理。"]
    c.competence = [f"根据{v['law_used']}的规定，{{A}}在查处违法行为过程中依法可以采取{word}措施。",
                    f"依照《中华人民共和国行政强制法》第十七条的规定，{{A}}具有实施{word}的法定职权。"]
    c.agency_ev = ["现场笔录", f"{word}决定书", f"{word}清单", "送达回证", "解除决定书"]


def b_review(c: Case) -> None:
    rng, geo = c.rng, c.geo
    ag = make_agency(rng, geo, "gov_dist" if chance(rng, 0.6) else "gov_city", c.names)
    c.defendants = [ag]
    c.needs_mid = True
    c.plaintiffs = [person_or_company(c, 0.3)]
    orig = make_agency(rng, geo, rng.choice(["market", "natres", "police", "chengguan", "hrss"]), c.names)
    set_party_shorts(c)
    v = c.v
    an, pn = ag.short, v["Pn"]
    c.field = {"市场监督管理局": "市场监管", "公安": "公安", "自然资源": "自然资源", "执法局": "城管", "管理局": "城管", "社会保障局": "人社"}.get(
        next((k for k in ("市场监督管理局", "公安", "自然资源", "执法局", "管理局", "社会保障局") if k in orig.name), ""), "其他")
    sub = rng.choice(["reject", "reject", "dismiss"])
    apply = add_days(c.F1, -rng.randint(100, 250))
    on_time = "TIME_LIMIT" not in c.defects
    c.act_date = add_days(apply, rng.randint(20, 59) if on_time else rng.randint(80, 150))
    if sub == "reject":
        c.act_title = f"{doc_no(c, '行复不受字', c.act_date)}《不予受理行政复议申请决定书》"
        c.act = rng.choice(["被诉不予受理决定", "被诉复议不予受理决定"])
        c.act_plain = "不予受理决定"
        reason = "申请超过法定的复议申请期限"
    else:
        c.act_title = f"{doc_no(c, '行复字', c.act_date)}《驳回行政复议申请决定书》"
        c.act = rng.choice(["被诉复议决定", "被诉驳回复议申请决定"])
        c.act_plain = "复议决定"
        reason = "申请人与被申请复议的行政行为不具有利害关系"
    tp = make_person(rng, c.names, geo) if chance(rng, 0.4) else None
    if tp:
        c.thirds = [tp]
    v.update(TP=(tp.name if tp else "利害关系人"), unclear=f"{pn}知道原行政行为的具体时间", weak="一份未载明签收人的邮寄回执",
             missing="原行政行为送达申请人的证据", key_fact=f"{pn}的复议申请超过法定期限", good_ev="复议申请书、原行政行为送达回证、复议审查记录",
             law_used="《中华人民共和国行政复议法》第九条第一款" if sub == "reject" else "《中华人民共和国行政复议法实施条例》第四十八条",
             law_right="《中华人民共和国行政复议法》第二十条" if sub == "reject" else "《中华人民共和国行政复议法》第二条",
             law_vague="《中华人民共和国行政复议法》", apply_date=ad(apply), reply_date=ad(c.act_date), limit="六十日",
             limit_law="《中华人民共和国行政复议法》第三十一条第一款", delay=rng.choice(["三个月", "四个多月"]),
             doc=c.act_title[c.act_title.index("《"):], proc_rule="《中华人民共和国行政复议法实施条例》第九条")
    c.facts = [
        f"{ad(add_days(apply, -rng.randint(60, 400)))}，{orig.short}对{pn}作出{rng.choice(['行政处罚决定', '处理决定', '责令整改通知'])}。",
        f"{pn}不服，于{ad(apply)}向{an}申请行政复议。",
        f"{ad(c.act_date)}，{an}以{reason}为由，作出{c.act_title}。",
    ]
    if tp and "PROCEDURE" in c.defects:
        c.facts.insert(2, f"{tp.name}系原行政行为的利害关系人，{an}在复议过程中未通知其参加复议。")
    c.request = f"撤销被告{ag.name}作出的{c.act_title}，责令被告重新作出复议决定"
    c.story_p = [f"原告于{ad(apply)}申请行政复议，被告以{reason}为由{'不予受理' if sub == 'reject' else '驳回复议申请'}，认定事实错误。"]
    c.story_d = [f"原告{reason}，被告依法作出{c.act_plain}，并无不当。"]
    c.competence = ["根据《中华人民共和国行政复议法》的规定，{A}作为复议机关，具有对{P}的复议申请进行审查并作出复议决定的法定职责。",
                    "{A}系本案的复议机关，依法负有受理复议申请并作出复议决定的职责。"]
    c.agency_ev = ["行政复议申请书", "复议审查记录", c.act_title[c.act_title.index("《"):], "送达回证"]
    c.redo = True
    c.op["redo_text"] = f"对{pn}的行政复议申请重新作出处理"
    v["xreview"] = ""


def b_benefit(c: Case) -> None:
    rng, geo = c.rng, c.geo
    sub = rng.choice(["dibao", "pension", "injury_pay"])
    v = c.v
    c.plaintiffs = [make_person(rng, c.names, geo)]
    if sub == "dibao":
        c.field = "其他"
        ag = make_agency(rng, geo, "civil", c.names)
        benefit = "最低生活保障金"
        what = "停发最低生活保障金决定" if chance(rng, 0.5) else "不予批准最低生活保障申请的决定"
    elif sub == "pension":
        c.field = "人社"
        ag = make_agency(rng, geo, rng.choice(["sicenter", "hrss"]), c.names)
        benefit = "基本养老保险待遇"
        what = "不予核定基本养老保险待遇的决定"
    else:
        c.field = "人社"
        ag = make_agency(rng, geo, "sicenter", c.names)
        benefit = "一次性工伤医疗补助金等工伤保险待遇"
        what = "不予支付工伤保险待遇的决定"
    c.defendants = [ag]
    set_party_shorts(c)
    an, pn = ag.short, v["Pn"]
    apply = add_days(c.F1, -rng.randint(90, 260))
    c.act_date = add_days(apply, rng.randint(20, 50))
    c.act_title = f"于{ad(c.act_date)}作出的{what}"
    c.act = rng.choice(["被诉决定", "被诉不予给付决定", "被诉行政行为"])
    c.act_plain = what
    reason = {"dibao": rng.choice(["家庭人均收入高于当地最低生活保障标准", "家庭成员名下登记有机动车辆"]),
              "pension": rng.choice(["缴费年限不足十五年", "视同缴费年限证明材料不足"]),
              "injury_pay": "用人单位未缴纳工伤保险费"}[sub]
    v.update(benefit=benefit, unclear=f"{pn}家庭的实际收入和财产状况" if sub == "dibao" else f"{pn}的实际缴费年限",
             weak="一份未经核实的入户调查表" if sub == "dibao" else "一份不完整的缴费记录打印件",
             missing="收入核算依据" if sub == "dibao" else "档案中的视同缴费年限认定材料",
             key_fact=f"{pn}{reason}", good_ev="入户调查表、收入核算表、公示材料" if sub == "dibao" else "参保缴费记录、个人档案材料",
             law_used="《社会救助暂行办法》第九条" if sub == "dibao" else "《中华人民共和国社会保险法》第十六条",
             law_right="《社会救助暂行办法》第十一条" if sub == "dibao" else "《中华人民共和国社会保险法》第四十一条",
             law_vague="社会保障相关规定", apply_date=ad(apply), reply_date=ad(c.act_date), limit="法定",
             delay="三个多月", duty=f"核定并支付{benefit}", apply_kind="申请",
             refuse_reason=reason, fact=reason)
    c.facts = [
        f"{ad(apply)}，{pn}向{an}申请{benefit}。",
        rng.choice([f"{an}工作人员进行了入户调查，并在村（居）委员会进行了公示。" if sub == "dibao" else f"{an}调取了{pn}的参保缴费记录。",
                    f"{an}对{pn}提交的材料进行了审核。"]),
        f"{ad(c.act_date)}，{an}以{pn}{reason}为由，作出{what}。",
    ]
    c.request = f"撤销被告作出的{what}，判令被告向原告支付{benefit}"
    c.story_p = [f"原告符合领取{benefit}的条件，被告以{reason}为由不予给付，认定事实错误。"]
    c.story_d = [f"经审核，原告{reason}，不符合领取{benefit}的条件，被告作出的决定事实清楚、依据充分。"]
    c.competence = ["根据相关法律法规的规定，{A}负责本行政区域内" + benefit.replace("等工伤保险待遇", "等待遇") + "的审核和发放工作，具有作出{act}的法定职权。"]
    c.agency_ev = ["申请表", "入户调查表" if sub == "dibao" else "缴费记录", "审核意见", "决定书及送达回证"]
    c.redo = True
    c.op["redo_text"] = f"对{pn}的{benefit}申请重新作出处理"
    c.op["fulfil"] = f"自本判决生效之日起三十日内向原告{pn}核定并支付{benefit}"
    c.op["change_to"] = f"每月{rng.randint(500, 900)}元"


def b_indemnity(c: Case) -> None:
    rng, geo = c.rng, c.geo
    sub = rng.choice(["farm", "road", "permit"])
    v = c.v
    kind = rng.choice(["gov_dist", "town"]) if sub != "permit" else "natres"
    ag = make_agency(rng, geo, kind, c.names)
    c.defendants = [ag]
    c.needs_mid = kind == "gov_dist"
    c.plaintiffs = [person_or_company(c, 0.4, rural=True)]
    set_party_shorts(c)
    an, pn = ag.short, v["Pn"]
    c.act_date = add_days(c.F1, -rng.randint(40, 220))
    amount = money(rng, 20000, 800000, 100)
    if sub == "farm":
        c.field = "生态环境"
        what = f"{pn}位于{rng.choice(TOWNS)}的养殖场划入禁养区被关闭拆除"
        comp_ref = "养殖设施"
    elif sub == "road":
        c.field = "交通运输"
        what = f"{rng.choice(ROADS)}延伸工程占用{pn}承包地上的林木及青苗"
        comp_ref = "林木及地上附着物"
    else:
        c.field = "自然资源"
        what = f"{an}提前撤回{pn}的采砂许可"
        comp_ref = "采砂设备及经营"
    c.act_title = f"{doc_no(c, '补字', c.act_date)}《补偿决定书》"
    c.act = rng.choice(["被诉补偿决定", "涉案补偿决定"])
    c.act_plain = "补偿决定"
    v.update(comp_ref=comp_ref, xcomp="", unclear=f"{pn}实际损失的范围和数额", weak="工作人员现场清点的记录",
             missing="资产评估报告", key_fact=f"{pn}的损失为{amount}元", good_ev="资产评估报告、现场清点记录及补偿标准文件",
             owed=f"补偿款{amount}元", benefit="补偿款", duty="依法作出补偿决定", apply_date=ad(add_days(c.act_date, -rng.randint(60, 200))),
             apply_kind="补偿申请", refuse_reason="补偿资金尚未到位")
    c.facts = [
        f"因{what}，{pn}要求{an}给予补偿。",
        rng.choice([f"{an}委托评估机构对{pn}的损失进行了评估。", f"{an}组织工作人员对现场进行了清点登记。"]),
        f"{ad(c.act_date)}，{an}作出{c.act_title}，决定给予{pn}补偿{amount}元。",
    ]
    c.request = f"撤销被告作出的{c.act_title}，判令被告重新作出补偿决定"
    c.story_p = [f"因{what}，原告遭受了巨大损失，被告确定的补偿数额{rng.choice(['明显偏低', '远低于实际损失', '没有依据'])}。"]
    c.story_d = ["被告依据评估结果和本地补偿标准确定补偿数额，程序合法，数额适当。"]
    c.competence = ["根据《中华人民共和国行政许可法》第八条及本省相关规定，{A}作为补偿义务主体，具有作出{act}的职权。" if sub == "permit" else
                    "依照本省相关规定，{A}负责本行政区域内的补偿工作，具有作出{act}的职权。"]
    c.agency_ev = ["补偿方案", "评估报告", "清点记录", "补偿决定书", "送达回证"]
    c.redo = True
    c.op["redo_text"] = f"对{pn}的补偿事项重新作出处理"
    c.op["fulfil"] = f"在本判决生效之日起九十日内对原告{pn}的补偿申请依法作出处理"
    c.op["change_to"] = f"{int(amount * rng.choice([1.3, 1.5, 1.8])) // 100 * 100}元"


BUILDERS = {
    "行政处罚": b_penalty, "行政征收或者征用": b_exprop, "行政强制执行": b_enforce, "行政许可": b_license,
    "政府信息公开": b_disclosure, "行政确认": b_confirm, "行政登记": b_registration, "不履行法定职责": b_nonperf,
    "行政协议": b_agreement, "行政赔偿": b_compensation, "行政强制措施": b_coercive, "行政复议": b_review,
    "行政给付": b_benefit, "行政补偿": b_indemnity,
}


# ---------------------------------------------------------------------------
# statutes quoted in long reasoning, elaborations used in long pleadings
# ---------------------------------------------------------------------------

PUNISH = ("行政处罚",)
STATUTES = {
    "acpl34": (f"{ACPL}第三十四条第一款规定：“被告对作出的行政行为负有举证责任，应当提供作出该行政行为的证据和所依据的规范性文件。”", None),
    "acpl70": (f"{ACPL}第七十条规定：“行政行为有下列情形之一的，人民法院判决撤销或者部分撤销，并可以判决被告重新作出行政行为：（一）主要证据不足的；（二）适用法律、法规错误的；（三）违反法定程序的；（四）超越职权的；（五）滥用职权的；（六）明显不当的。”", None),
    "acpl74": (f"{ACPL}第七十四条第一款规定：“行政行为有下列情形之一的，人民法院判决确认违法，但不撤销行政行为：（一）行政行为依法应当撤销，但撤销会给国家利益、社会公共利益造成重大损害的；（二）行政行为程序轻微违法，但对原告权利不产生实际影响的。”", None),
    "acpl72": (f"{ACPL}第七十二条规定：“人民法院经过审理，查明被告不履行法定职责的，判决被告在一定期限内履行。”", None),
    "acpl77": (f"{ACPL}第七十七条第一款规定：“行政处罚明显不当，或者其他行政行为涉及对款额的确定、认定确有错误的，人民法院可以判决变更。”", None),
    "pun44": ("《中华人民共和国行政处罚法》第四十四条规定：“行政机关在作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利。”", PUNISH),
    "pun45": ("《中华人民共和国行政处罚法》第四十五条第一款规定：“当事人有权进行陈述和申辩。行政机关必须充分听取当事人的意见，对当事人提出的事实、理由和证据，应当进行复核；当事人提出的事实、理由或者证据成立的，行政机关应当采纳。”", PUNISH),
    "pun63": ("《中华人民共和国行政处罚法》第六十三条第一款规定：“行政机关拟作出下列行政处罚决定，应当告知当事人有要求听证的权利，当事人要求听证的，行政机关应当组织听证：（一）较大数额罚款；（二）没收较大数额违法所得、没收较大价值非法财物；（三）降低资质等级、吊销许可证件；（四）责令停产停业、责令关闭、限制从业；（五）其他较重的行政处罚；（六）法律、法规、规章规定的其他情形。”", PUNISH),
    "pun57": ("《中华人民共和国行政处罚法》第五十七条第二款规定：“对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。”", PUNISH),
    "pun60": ("《中华人民共和国行政处罚法》第六十条规定：“行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。法律、法规、规章另有规定的，从其规定。”", PUNISH),
    "pun5": ("《中华人民共和国行政处罚法》第五条第二款规定：“设定和实施行政处罚必须以事实为依据，与违法行为的事实、性质、情节以及社会危害程度相当。”", PUNISH),
    "pun40": ("《中华人民共和国行政处罚法》第四十条规定：“公民、法人或者其他组织违反行政管理秩序的行为，依法应当给予行政处罚的，行政机关必须查明事实；违法事实不清、证据不足的，不得给予行政处罚。”", PUNISH),
    "force35": ("《中华人民共和国行政强制法》第三十五条规定：“行政机关作出强制执行决定前，应当事先催告当事人履行义务。催告应当以书面形式作出，并载明下列事项：（一）履行义务的期限；（二）履行义务的方式；（三）涉及金钱给付的，应当有明确的金额和给付方式；（四）当事人依法享有的陈述权和申辩权。”", ("行政强制执行", "行政赔偿")),
    "force44": ("《中华人民共和国行政强制法》第四十四条规定：“对违法的建筑物、构筑物、设施等需要强制拆除的，应当由行政机关予以公告，限期当事人自行拆除。当事人在法定期限内不申请行政复议或者提起行政诉讼，又不拆除的，行政机关可以依法强制拆除。”", ("行政强制执行", "行政赔偿")),
    "force25": ("《中华人民共和国行政强制法》第二十五条第一款规定：“查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。法律、行政法规另有规定的除外。”", ("行政强制措施",)),
    "force18": ("《中华人民共和国行政强制法》第十八条规定，行政机关实施行政强制措施，应当由两名以上行政执法人员实施，出示执法身份证件，通知当事人到场，当场告知当事人采取行政强制措施的理由、依据以及当事人依法享有的权利、救济途径，听取当事人的陈述和申辩，并制作现场笔录。", ("行政强制措施",)),
    "exp27": ("《国有土地上房屋征收与补偿条例》第二十七条第一款规定：“实施房屋征收应当先补偿、后搬迁。”", ("行政征收或者征用", "行政强制执行", "行政协议")),
    "exp10": ("《国有土地上房屋征收与补偿条例》第十条第二款规定：“市、县级人民政府应当组织有关部门对征收补偿方案进行论证并予以公布，征求公众意见。征求意见期限不得少于30日。”", ("行政征收或者征用",)),
    "exp12": ("《国有土地上房屋征收与补偿条例》第十二条第一款规定：“市、县级人民政府作出房屋征收决定前，应当按照有关规定进行社会稳定风险评估；房屋征收决定涉及被征收人数量较多的，应当经政府常务会议讨论决定。”", ("行政征收或者征用",)),
    "gi36": ("《中华人民共和国政府信息公开条例》第三十六条规定，对政府信息公开申请，行政机关应当根据不同情况分别作出答复；经检索没有所申请公开信息的，告知申请人该政府信息不存在；所申请公开信息不属于本行政机关负责公开的，告知申请人并说明理由；行政机关依据本条例的规定决定不予公开的，告知申请人不予公开并说明理由。", ("政府信息公开",)),
    "gi33": ("《中华人民共和国政府信息公开条例》第三十三条第二款规定：“行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。”", ("政府信息公开",)),
    "inj20": ("《工伤保险条例》第二十条第一款规定：“社会保险行政部门应当自受理工伤认定申请之日起60日内作出工伤认定的决定，并书面通知申请工伤认定的职工或者其直系亲属和该职工所在单位。”", ("行政确认",)),
    "inj19": ("《工伤保险条例》第十九条第二款规定：“职工或者其近亲属认为是工伤，用人单位不认为是工伤的，由用人单位承担举证责任。”", ("行政确认",)),
    "lic47": ("《中华人民共和国行政许可法》第四十七条第一款规定：“行政许可直接涉及申请人与他人之间重大利益关系的，行政机关在作出行政许可决定前，应当告知申请人、利害关系人享有要求听证的权利；申请人、利害关系人在被告知听证权利之日起五日内提出听证申请的，行政机关应当在二十日内组织听证。”", ("行政许可",)),
    "lic42": ("《中华人民共和国行政许可法》第四十二条第一款规定：“除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日，并应当将延长期限的理由告知申请人。但是，法律、法规另有规定的，依照其规定。”", ("行政许可",)),
    "rev31": ("《中华人民共和国行政复议法》第三十一条第一款规定，行政复议机关应当自受理申请之日起六十日内作出行政复议决定；情况复杂，不能在规定期限内作出行政复议决定的，经行政复议机关的负责人批准，可以适当延长，但是延长期限最多不超过三十日。", ("行政复议",)),
}
CODE_STATUTES = {
    "EVIDENCE": ["acpl34", "pun40"], "LAW": ["acpl70"], "PROCEDURE": ["pun57", "force18", "acpl70"],
    "NO_STATEMENT": ["pun44", "pun45"], "NO_HEARING": ["pun63", "lic47"], "SERVICE": ["acpl70"],
    "TIME_LIMIT": ["pun60", "gi33", "inj20", "lic42", "rev31", "force25"], "ENFORCE_PROC": ["force35", "force44"],
    "EXPROP_PROC": ["exp27", "exp10", "exp12"], "ULTRA_VIRES": ["acpl70"], "ABUSE": ["acpl70"],
    "UNREASONABLE": ["pun5", "acpl77"], "NONPERFORMANCE": ["acpl72"], "DISCLOSURE": ["gi36", "gi33"],
    "MINOR_PROC": ["acpl74"],
}
PRINCIPLES = {
    "EVIDENCE": ["行政诉讼中，被告对作出的行政行为负有举证责任。", "行政机关作出对当事人不利的行政行为，应当以查明的事实为依据，做到事实清楚、证据确凿。"],
    "LAW": ["行政机关作出行政行为，应当准确适用法律规范，做到定性准确、依据充分。"],
    "PROCEDURE": ["程序正当是依法行政的基本要求，行政机关应当严格遵守法定程序。", "程序公正是实体公正的保障。"],
    "NO_STATEMENT": ["正当程序原则要求行政机关在作出对当事人不利的行政行为之前，应当听取当事人的陈述和申辩。"],
    "NO_HEARING": ["听证程序是保障当事人程序权利的重要制度。"],
    "SERVICE": ["行政决定只有依法送达当事人，才能对其发生法律效力。"],
    "TIME_LIMIT": ["行政机关应当在法定期限内履行职责，以保障行政效率和相对人的合法权益。"],
    "ENFORCE_PROC": ["强制拆除直接涉及当事人的重大财产权益，行政机关应当严格遵循行政强制法规定的程序。"],
    "EXPROP_PROC": ["征收补偿应当遵循决策民主、程序正当、结果公开的原则。"],
    "ULTRA_VIRES": ["行政机关应当在法定职权范围内行使职权，法无授权不可为。"],
    "ABUSE": ["行政机关行使职权必须符合法律授予该项职权的目的。"],
    "UNREASONABLE": ["行政机关行使裁量权，应当遵循比例原则，做到过罚相当。"],
    "NONPERFORMANCE": ["行政机关对依法应当履行的职责，应当在法定期限内积极履行。"],
    "DISCLOSURE": ["政府信息公开应当坚持以公开为常态、不公开为例外。"],
    "MINOR_PROC": ["行政行为程序轻微违法，但对原告权利不产生实际影响的，人民法院判决确认违法，但不撤销行政行为。"],
}
ELAB = {
    "EVIDENCE": ["被告仅凭个别人的陈述即认定相关事实，没有其他证据相互印证。", "被告据以认定事实的材料系事后补作，不能作为定案依据。",
                 "被告的认定与客观事实不符。"],
    "LAW": ["被告援引的条款与原告的行为并不对应。", "即便原告存在过错，也应当适用其他规定处理。"],
    "PROCEDURE": ["被告在办理过程中从未听取原告的意见。", "被告的办理程序存在诸多问题，严重损害了原告的程序权利。"],
    "NO_STATEMENT": ["原告从未收到过任何告知书，被告直接送达了处罚决定。", "原告曾多次要求向被告说明情况，但被告均未予理睬。"],
    "NO_HEARING": ["对于如此大额的罚款，原告依法享有要求听证的权利。", "被告的告知书中根本没有听证权利的内容。"],
    "SERVICE": ["原告直至被人告知才得知该决定的存在。", "被告所称的送达地址并非原告的实际住所。"],
    "TIME_LIMIT": ["被告的办理时间远远超过了法律规定的期限。", "原告多次催促，被告始终未在期限内作出决定。"],
    "ENFORCE_PROC": ["拆除当天原告不在家中，屋内的家具、家电等物品均被掩埋。", "原告从未收到过催告书和强制拆除决定书。"],
    "EXPROP_PROC": ["原告从未见到过征收补偿方案的公告，也未参与评估机构的选定。{xhouse}", "被告在原告未签订补偿协议的情况下即组织拆除。{xdemo}",
                    "被告从未就征地补偿安置方案听取原告的意见。{xland}"],
    "ULTRA_VIRES": ["根据法律规定，该事项应当由其他部门负责。", "被告不具有相应的行政执法资格。"],
    "ABUSE": ["被告的行为明显是对原告此前信访行为的报复。", "同一区域内其他主体存在相同情况，被告却只针对原告。"],
    "UNREASONABLE": ["原告系初次违法，且已及时改正，未造成任何危害后果。", "原告经营规模很小，被告确定的数额远超其承受能力。"],
    "NONPERFORMANCE": ["原告多次电话催促，被告均以各种理由推脱。", "被告的不作为导致原告的合法权益持续受到侵害。"],
    "DISCLOSURE": ["原告申请公开的信息与其切身利益密切相关，依法应当公开。", "被告的答复对原告申请的大部分内容避而不谈。"],
}


DOCTRINE = {
    "行政处罚": "行政处罚是行政机关依法对违反行政管理秩序的公民、法人或者其他组织，以减损权益或者增加义务的方式予以惩戒的行为。行政机关实施行政处罚，应当遵循公正、公开的原则，坚持处罚与教育相结合，做到事实清楚、证据确凿、依据正确、程序合法、处罚适当。",
    "行政征收或者征用": "征收涉及被征收人的重大财产权益。市、县级人民政府组织实施征收，应当符合公共利益的需要，并严格遵循征收补偿方案论证、公开征求意见、社会稳定风险评估、补偿费用足额到位等法定程序，依法给予被征收人公平补偿。",
    "行政强制执行": "强制拆除是对当事人财产权益影响最为直接的行政行为之一。对违法建筑实施强制拆除，行政机关应当依法作出限期拆除决定，并依照行政强制法的规定履行催告、作出强制执行决定、公告等程序，保障当事人陈述、申辩的权利。",
    "行政许可": "行政许可是行政机关根据公民、法人或者其他组织的申请，经依法审查，准予其从事特定活动的行为。行政机关应当依照法定的权限、范围、条件和程序实施行政许可，并依法保护利害关系人的合法权益。",
    "政府信息公开": "公民、法人或者其他组织依法享有获取政府信息的权利。行政机关收到政府信息公开申请后，应当在法定期限内，根据所申请信息的不同情况分别作出答复，并说明理由。",
    "行政确认": "工伤认定是社会保险行政部门依法对职工受到的伤害是否属于工伤作出确认的行为，关系到职工能否依法获得工伤保险待遇。社会保险行政部门应当全面调查核实，准确认定事实和适用法律。",
    "行政登记": "行政登记是行政机关依申请对特定法律事实或者权利状态予以确认并记载的行为。登记机构应当对申请材料进行必要的审查，尽到审慎审查义务。",
    "不履行法定职责": "行政机关负有法定职责的，应当依照法律规定的期限和程序履行。公民、法人或者其他组织申请行政机关履行保护其人身权、财产权等合法权益的法定职责，行政机关应当依法作出处理并告知申请人。",
    "行政协议": "行政协议是行政机关为了实现行政管理或者公共服务目标，与公民、法人或者其他组织协商订立的具有行政法上权利义务内容的协议。行政机关应当依法全面履行协议约定的义务，不得随意变更、解除协议。",
    "行政赔偿": "行政机关及其工作人员在行使行政职权时侵犯公民、法人或者其他组织的合法权益造成损害的，受害人有依法取得国家赔偿的权利。行政赔偿以违法行为、损害事实以及二者之间的因果关系为构成要件。",
    "行政强制措施": "行政强制措施是行政机关在行政管理过程中，为制止违法行为、防止证据损毁、避免危害发生、控制危险扩大等情形，依法对财物实施暂时性控制的行为。实施行政强制措施应当遵循法定的条件、程序和期限。",
    "行政复议": "行政复议是行政机关内部层级监督和纠错的重要制度。复议机关应当依法受理复议申请，全面审查被申请的行政行为，并在法定期限内作出复议决定。",
    "行政给付": "行政给付是行政机关依法向符合条件的公民提供物质帮助的行为。行政机关应当依照法定条件和程序审核申请人的情况，对符合条件的申请人依法给予给付。",
    "行政补偿": "行政机关为了公共利益的需要依法实施的行为给公民、法人或者其他组织的合法权益造成损失的，应当依法给予公平、合理的补偿。补偿数额的确定应当有充分的事实依据。",
}
PURPOSES = ["案件来源及立案情况", "调查取证的过程", "被诉行为认定的事实", "告知及听取意见的情况", "作出决定的依据", "送达情况",
            "程序合法", "原告的主体情况", "相关事实客观存在"]
P_EVIDENCE = ["身份证明材料", "现场照片", "营业执照复印件", "录音光盘及文字整理稿", "证人证言", "申请书及邮寄凭证", "情况说明",
              "相关文书复印件", "村民委员会证明", "费用票据", "房屋所有权证复印件", "视频资料"]


AGENCY_EV_EXTRA = ["内部审批表", "送达回证", "相关法律法规及规范性文件", "情况说明", "电话记录", "工作人员身份证明"]
ENFORCEMENT_EV = ["执法人员执法证件复印件", "现场照片若干张", "调查终结报告", "案件集体讨论记录", "法制审核意见"]
EV_BY_CAT = {"行政强制执行": ["催告书", "公告及张贴照片", "物品清单"], "政府信息公开": ["检索记录", "公开申请登记表"],
             "行政征收或者征用": ["入户调查表", "评估报告", "公告及张贴照片"], "行政确认": ["调查笔录", "工伤认定举证通知书"],
             "行政登记": ["登记簿", "申请人身份证明材料"], "行政许可": ["现场核查照片", "专家评审意见"]}
INVESTIGATED = ("行政处罚", "行政强制措施", "行政强制执行", "行政确认", "行政许可", "行政给付", "行政征收或者征用")


EV_CONTENT = (("笔录", ["记载了调查的时间、地点、参与人员及相关人员的陈述", "载明了当事人对相关事实的陈述，并有其签名"]),
              ("照片", ["反映了现场的实际状况", "显示了涉案场所的具体情况"]),
              ("告知书", ["载明了拟作出决定的事实、理由、依据及当事人享有的权利"]),
              ("决定书", ["载明了认定的事实、适用的依据及处理结果"]),
              ("送达", ["载明了送达的时间、地点和方式"]),
              ("审批", ["载明了承办人意见及审批意见"]),
              ("申请", ["载明了申请事项及理由"]),
              ("报告", ["载明了调查的过程及结论"]),
              ("协议", ["载明了双方约定的权利义务"]),
              ("证明", ["载明了相关情况"]))


def ev_content(rng: random.Random, item: str) -> str:
    for key, opts in EV_CONTENT:
        if key in item:
            return rng.choice(opts)
    return rng.choice(["反映了相关情况", "系作出被诉行为过程中形成的材料"])


def purpose_for(rng: random.Random, item: str) -> str:
    for key, purpose in (("送达", "相关文书已依法送达"), ("告知", "已依法履行告知义务"), ("笔录", "调查取证的过程及相关事实"),
                         ("立案", "案件来源及立案情况"), ("审批", "作出决定前经过审批"), ("决定书", "被诉行为的内容"),
                         ("照片", "现场情况"), ("法律", "作出被诉行为的法律依据"), ("证件", "执法主体及人员资格"),
                         ("申请", "原告提出申请的情况"), ("报告", "相关事实"), ("公告", "已依法公告")):
        if key in item:
            return purpose
    return rng.choice(PURPOSES)


def evidence_detail(c: Case, who: str, other: str) -> list[str]:
    """Itemised evidence of both sides, the cross-examination and the court's assessment (very long documents)."""
    rng = c.rng
    pool = AGENCY_EV_EXTRA + EV_BY_CAT.get(c.cat, []) + (ENFORCEMENT_EV if c.cat in ("行政处罚", "行政强制措施", "行政强制执行") else [])
    pool = [x for x in pool if not any(x[:2] == y[:2] or x in y or y in x for y in c.agency_ev)]
    ev = c.agency_ev[:] + rng.sample(pool, min(len(pool), rng.randint(6, 10) if c.v.get("_xxl") else rng.randint(2, 5)))
    pev = rng.sample(P_EVIDENCE, rng.randint(3, 6))
    out = [f"{who}在法定举证期限内向本院提交了以下证据：" + "；".join(f"{k + 1}.{x}，{ev_content(rng, x)}，拟证明{purpose_for(rng, x)}" for k, x in enumerate(ev))
           + f"。{who}还提交了{rng.choice(['相关法律、法规及规范性文件', '作出被诉行为所依据的法律规范'])}作为依据。"]
    aims = ["其主体资格", "相关事实经过", "被告的行为违法", "其主张的事实"] + (["其遭受的损失"] if c.cat in ("行政赔偿", "行政补偿", "行政强制执行", "行政征收或者征用") else [])
    out.append(f"{other}向本院提交了以下证据：" + "；".join(f"{k + 1}.{x}，拟证明{rng.choice(aims)}" for k, x in enumerate(pev)) + "。")
    objections = []
    for k in range(len(ev)):
        objections.append(f"对证据{k + 1}{rng.choice(['的真实性无异议，但对证明目的有异议', '无异议', '的真实性、合法性有异议，认为系事后补作', '的关联性有异议'])}")
    out.append(f"经庭审质证，{other}质证认为：" + "；".join(objections) + "。" + f"{who}质证认为：对{other}提交证据的真实性无异议，但"
               + rng.choice(["该组证据不能证明其主张", "与本案缺乏关联性", "不能达到其证明目的"]) + "。")
    judged = "；".join(f"证据{k + 1}{rng.choice(['来源合法、内容真实', '系依法制作', '与其他证据能够相互印证', '符合证据的形式要件'])}，本院予以采信"
                       for k in range(len(ev)))
    out.append("本院对上述证据认证如下：" + f"{who}提交的证据中，{judged}。"
               + f"{other}提交的证据中，{pev[0]}、{pev[1]}能够证明相关事实，本院予以采信，其余证据与本案缺乏关联性，本院不予采信。")
    return out


REVIEW_FOUND = {
    "EVIDENCE": "从{A}提交的证据看，相关笔录仅记载了个别人员的陈述，其他证据亦未载明形成的具体过程，各证据之间无法相互印证。",
    "LAW": "从{act}的内容看，其援引的法律依据与查明的事实并不对应。",
    "ULTRA_VIRES": "从{A}提交的职权依据看，其均不能证明{A}对本案所涉事项享有管理职权。",
    "ABUSE": "从{act}作出的背景和过程看，{A}的考量因素明显偏离了相关法律规定的目的。",
    "UNREASONABLE": "从{P}的违法情节、后果及事后表现看，{act}所确定的处理结果明显偏重。",
    "NONPERFORMANCE": "从在案证据看，{A}在收到{P}的申请后，既未进行调查核实，也未作出任何书面处理。",
    "DISCLOSURE": "从{act}的内容看，{A}并未针对{P}的申请事项逐项作出答复。",
    "MINOR_PROC": "从{A}提交的证据看，其在办理过程中存在一定的程序问题。",
}
REVIEW_PROC_FOUND = "从{A}提交的证据看，其在作出{act}前的办理程序存在明显缺失，直接影响了{P}程序权利的行使。"
REVIEW_DENY = [
    "从{A}提交的证据看，相关证据形成时间、内容相互衔接，能够形成完整的证据链。",
    "结合庭审查明的事实，{A}的相关做法并无不当。",
    "{P}对此未能提供相反证据予以证明。",
]


def review_sentence_xl(c: Case, grp: tuple, found: list[str], deny: list[str], A: str, P: str) -> str:
    rng = c.rng
    v = {"A": A, "P": P, "act": c.act}
    hit = [x for x in grp if x in found]
    if hit:
        code = hit[0]
        t = REVIEW_PROC_FOUND if code in PROC_CODES else REVIEW_FOUND.get(code, REVIEW_PROC_FOUND)
        return t.format_map(v)
    if any(x in deny for x in grp):
        return rng.choice(REVIEW_DENY).format_map(v)
    return ""


def statute_or_principle(c: Case, codes: list[str]) -> str:
    rng = c.rng
    keys = [k for code in codes for k in CODE_STATUTES.get(code, [])
            if STATUTES[k][1] is None or c.cat in STATUTES[k][1] or (c.proc == "非诉执行审查" and STATUTES[k][1] == PUNISH)]
    if keys and chance(rng, 0.7):
        return STATUTES[rng.choice(keys)][0]
    pool = [x for code in codes for x in PRINCIPLES.get(code, [])]
    return rng.choice(pool) if pool else ""


# ---------------------------------------------------------------------------
# outcome tables: first-instance merits result -> weight, defect combinations
# ---------------------------------------------------------------------------

OUTCOMES: dict[str, list[tuple[str, int, list[list[str]]]]] = {
    "行政处罚": [
        ("撤销", 30, [["EVIDENCE"], ["TIME_LIMIT"], ["NO_STATEMENT"], ["NO_STATEMENT"], ["NO_HEARING"], ["NO_HEARING"], ["LAW"], ["PROCEDURE"],
                    ["ULTRA_VIRES"], ["EVIDENCE", "LAW"], ["NO_STATEMENT", "NO_HEARING"], ["ABUSE"], ["ABUSE", "EVIDENCE"],
                    ["EVIDENCE", "PROCEDURE"], ["NO_STATEMENT", "SERVICE"], ["SERVICE", "EVIDENCE"], ["TIME_LIMIT", "EVIDENCE"]]),
        ("部分撤销", 10, [["EVIDENCE"], ["LAW"], ["UNREASONABLE"]]),
        ("变更", 10, [["UNREASONABLE"]]),
        ("确认违法", 10, [["MINOR_PROC"]]),
        ("确认无效", 4, [["ULTRA_VIRES"]]),
        ("驳回诉讼请求", 34, [[]]),
        ("驳回起诉", 8, [[]]),
    ],
    "行政征收或者征用": [
        ("撤销", 16, [["EXPROP_PROC"], ["EVIDENCE"], ["EXPROP_PROC", "EVIDENCE"], ["UNREASONABLE"], ["LAW"], ["SERVICE", "EXPROP_PROC"],
                    ["ABUSE"]]),
        ("确认违法", 14, [["EXPROP_PROC"], ["EXPROP_PROC", "EVIDENCE"], ["EXPROP_PROC", "ABUSE"]]),
        ("驳回诉讼请求", 34, [[]]),
        ("驳回起诉", 12, [[]]),
    ],
    "行政强制执行": [
        ("确认违法", 42, [["ENFORCE_PROC"], ["ENFORCE_PROC"], ["ULTRA_VIRES"], ["EXPROP_PROC"], ["ENFORCE_PROC", "EXPROP_PROC"],
                        ["ENFORCE_PROC", "ULTRA_VIRES"], ["ENFORCE_PROC", "ABUSE"]]),
        ("驳回诉讼请求", 24, [[]]),
        ("驳回起诉", 14, [[]]),
    ],
    "行政许可": [
        ("撤销", 26, [["NO_HEARING"], ["EVIDENCE"], ["LAW"], ["TIME_LIMIT"], ["ABUSE"], ["EVIDENCE", "PROCEDURE"]]),
        ("确认违法", 8, [["NO_HEARING"], ["PROCEDURE"], ["MINOR_PROC"]]),
        ("驳回诉讼请求", 34, [[]]),
        ("驳回起诉", 10, [[]]),
    ],
    "政府信息公开": [
        ("撤销", 20, [["DISCLOSURE"], ["DISCLOSURE"], ["DISCLOSURE", "TIME_LIMIT"]]),
        ("责令履行", 10, [["DISCLOSURE"]]),
        ("确认违法", 14, [["MINOR_PROC"], ["DISCLOSURE"], ["TIME_LIMIT"]]),
        ("驳回诉讼请求", 28, [[]]),
        ("驳回起诉", 12, [[]]),
    ],
    "行政确认": [
        ("撤销", 30, [["EVIDENCE"], ["LAW"], ["PROCEDURE"], ["EVIDENCE", "LAW"], ["TIME_LIMIT", "EVIDENCE"]]),
        ("确认违法", 8, [["MINOR_PROC"]]),
        ("驳回诉讼请求", 36, [[]]),
        ("驳回起诉", 6, [[]]),
    ],
    "行政登记": [
        ("撤销", 30, [["EVIDENCE"], ["PROCEDURE"], ["EVIDENCE", "PROCEDURE"]]),
        ("确认违法", 10, [["EVIDENCE"], ["PROCEDURE"]]),
        ("驳回诉讼请求", 30, [[]]),
        ("驳回起诉", 15, [[]]),
    ],
    "不履行法定职责": [
        ("责令履行", 35, [["NONPERFORMANCE"]]),
        ("确认违法", 12, [["NONPERFORMANCE"]]),
        ("驳回诉讼请求", 30, [[]]),
        ("驳回起诉", 12, [[]]),
    ],
    "行政协议": [
        ("责令履行", 26, [["NONPERFORMANCE"]]),
        ("撤销", 14, [["EVIDENCE"], ["LAW"]]),
        ("确认无效", 6, [["ULTRA_VIRES"]]),
        ("赔偿", 6, [["NONPERFORMANCE"]]),
        ("驳回诉讼请求", 26, [[]]),
        ("驳回起诉", 8, [[]]),
    ],
    "行政赔偿": [
        ("赔偿", 50, [[], [], ["ENFORCE_PROC"]]),
        ("驳回诉讼请求", 26, [[]]),
        ("驳回起诉", 14, [[]]),
    ],
    "行政强制措施": [
        ("撤销", 20, [["EVIDENCE"], ["PROCEDURE"], ["ULTRA_VIRES"], ["LAW"]]),
        ("确认违法", 20, [["PROCEDURE"], ["TIME_LIMIT"], ["EVIDENCE"]]),
        ("驳回诉讼请求", 35, [[]]),
        ("驳回起诉", 10, [[]]),
    ],
    "行政复议": [
        ("撤销", 30, [["LAW"], ["EVIDENCE"], ["PROCEDURE"], ["TIME_LIMIT", "LAW"]]),
        ("确认违法", 6, [["MINOR_PROC"]]),
        ("驳回诉讼请求", 35, [[]]),
        ("驳回起诉", 8, [[]]),
    ],
    "行政给付": [
        ("撤销", 25, [["EVIDENCE"], ["LAW"], ["EVIDENCE", "LAW"]]),
        ("责令履行", 15, [["NONPERFORMANCE"]]),
        ("驳回诉讼请求", 35, [[]]),
        ("驳回起诉", 8, [[]]),
    ],
    "行政补偿": [
        ("撤销", 25, [["EVIDENCE"], ["UNREASONABLE"]]),
        ("责令履行", 10, [["NONPERFORMANCE"]]),
        ("变更", 5, [["UNREASONABLE"], ["EVIDENCE"]]),
        ("驳回诉讼请求", 35, [[]]),
        ("驳回起诉", 8, [[]]),
    ],
}
NONLIT_OUTCOMES = [
    ("准予执行", 60, [[]]),
    ("不准予执行", 40, [["EVIDENCE"], ["LAW"], ["ULTRA_VIRES"], ["NO_STATEMENT"], ["NO_HEARING"], ["SERVICE"], ["PROCEDURE"],
                     ["EVIDENCE", "NO_STATEMENT"]]),
]
ALLEGE_POOL = {
    "行政处罚": ["EVIDENCE", "LAW", "PROCEDURE", "NO_STATEMENT", "NO_HEARING", "SERVICE", "UNREASONABLE", "ABUSE", "TIME_LIMIT"],
    "行政征收或者征用": ["EXPROP_PROC", "EVIDENCE", "LAW", "UNREASONABLE", "SERVICE"],
    "行政强制执行": ["ENFORCE_PROC", "EXPROP_PROC", "ULTRA_VIRES"],
    "行政许可": ["EVIDENCE", "LAW", "PROCEDURE", "NO_HEARING", "TIME_LIMIT", "ABUSE"],
    "政府信息公开": ["DISCLOSURE", "TIME_LIMIT"],
    "行政确认": ["EVIDENCE", "LAW", "PROCEDURE", "TIME_LIMIT"],
    "行政登记": ["EVIDENCE", "PROCEDURE"],
    "不履行法定职责": ["NONPERFORMANCE"],
    "行政协议": ["NONPERFORMANCE", "EVIDENCE", "LAW"],
    "行政赔偿": [],
    "行政强制措施": ["PROCEDURE", "EVIDENCE", "TIME_LIMIT", "ULTRA_VIRES"],
    "行政复议": ["PROCEDURE", "TIME_LIMIT", "LAW", "EVIDENCE"],
    "行政给付": ["EVIDENCE", "LAW"],
    "行政补偿": ["EVIDENCE", "UNREASONABLE"],
}

# ---------------------------------------------------------------------------
# reasoning (本院认为) composition
# ---------------------------------------------------------------------------


def is_revoke(outcome: str) -> bool:
    return outcome in ("撤销", "部分撤销")


def roles_vars(c: Case, A: str, P: str, outcome: str, code: str | None = None) -> dict:
    v = dict(c.v)
    v.update(A=A, P=P, act=c.act)
    if code and is_revoke(outcome):
        v["r70"] = r70_text(c.rng, code)
    return v


def found_sentence(c: Case, code: str, A: str, P: str, outcome: str, marked: bool) -> str:
    rng = c.rng
    v = roles_vars(c, A, P, outcome, code)
    if code == "MINOR_PROC" and c.minor_code:
        cands = [t for t, opt in FOUND_MINOR_SPECIFIC if opt == c.minor_code]
        s = fill(rng, cands, v)
    else:
        s = fill(rng, FOUND[code], v)
    lead = rng.choice(LEAD_INS) if not s.startswith(("根据", "依照", "按照", "本案", "对于", "征收", "在案")) else ""
    return lead + (mark(code, s) if marked else s)


def deny_sentence(c: Case, code: str, A: str, P: str) -> str | None:
    v = roles_vars(c, A, P, "")
    ok = usable(DENY.get(code, []), v)
    if not ok:
        return None
    s = c.rng.choice(ok).format_map(v)
    if c.v.get("_xl") and code in ALLEGE and code in c.alleged:
        claim = allegation(c, code, A, P)
        return f"关于{P}提出的“{claim}”的主张。" + s
    return (c.rng.choice(["", "", "经查，", "经审查，"]) if not s.startswith(P) else "") + s


def can_find(c: Case, code: str, outcome: str = "撤销") -> bool:
    v = roles_vars(c, "被告", "原告", outcome, code)
    if code == "MINOR_PROC" and c.minor_code:
        return bool(usable([t for t, o in FOUND_MINOR_SPECIFIC if o == c.minor_code], v))
    return bool(usable(FOUND[code], v))


def can_deny(c: Case, code: str) -> bool:
    return bool(usable(DENY.get(code, []), roles_vars(c, "被告", "原告", "")))


def allegation(c: Case, code: str, D: str, S: str) -> str:
    v = dict(c.v)
    v.update(D=D, S=S, act_plain=c.act_plain)
    return fill(c.rng, ALLEGE[code], v)


def summarize(c: Case, codes: list[str]) -> str:
    parts: list[str] = []
    for code in codes:
        p = c.rng.choice(CONCLUDE_DEFECT[code])
        if p not in parts:
            parts.append(p)
    return "，".join(parts) if len(parts) < 3 else "、".join(parts)


def competence_sentence(c: Case, A: str, P: str) -> str:
    v = roles_vars(c, A, P, "")
    return fill(c.rng, c.competence, v)


def merits_paragraphs(c: Case, A: str, P: str, outcome: str, found: list[str], deny: list[str], marked: bool,
                      with_competence: bool = True) -> list[str]:
    """Paragraphs of the court's own assessment of the action (no conclusion)."""
    rng = c.rng
    paras: list[str] = []
    first: list[str] = []
    found = list(found)
    if "ULTRA_VIRES" in found or outcome == "确认无效":
        deny = []
    if not found and outcome in ("驳回诉讼请求", "维持原判"):
        if "EVIDENCE" not in deny and can_deny(c, "EVIDENCE") and c.cat not in ("不履行法定职责", "行政赔偿") \
                and (c.cat != "行政协议" or "解除" in c.act_plain):
            deny = ["EVIDENCE"] + list(deny)
        if "NONPERFORMANCE" not in deny and c.cat in ("不履行法定职责", "行政协议") and can_deny(c, "NONPERFORMANCE"):
            deny = list(deny) + ["NONPERFORMANCE"]
    if chance(rng, 0.3):
        first.append(rng.choice([
            f"根据{ACPL}第六条的规定，人民法院审理行政案件，对行政行为是否合法进行审查。",
            "行政机关作出行政行为，应当做到认定事实清楚、证据确凿、适用法律正确、符合法定程序。",
        ]))
    if with_competence:
        if "ULTRA_VIRES" in found:
            first.append(found_sentence(c, "ULTRA_VIRES", A, P, outcome, marked))
            found.remove("ULTRA_VIRES")
        else:
            first.append(competence_sentence(c, A, P))
    if chance(rng, 0.35):
        if c.cat == "行政协议":
            first.append(rng.choice([f"本案的争议焦点为{A}是否存在不依法履行、未按照约定履行协议的情形。", f"本案的争议焦点在于{c.act}的效力及履行问题。"]))
        elif c.cat == "不履行法定职责":
            first.append(rng.choice([f"本案的争议焦点为{A}是否依法履行了法定职责。", f"本案的争议焦点在于{A}对{P}的申请是否负有处理职责以及是否已经履行。"]))
        elif c.cat == "行政赔偿":
            first.append(f"本案的争议焦点为{A}是否应当承担赔偿责任以及赔偿的范围和数额。")
        else:
            first.append(rng.choice([
                f"本案的争议焦点为{c.act}是否合法。",
                f"结合各方当事人的诉辩意见，本案的争议焦点在于{c.act}认定事实是否清楚、程序是否合法、适用法律是否正确。",
                f"本案的争议焦点是{c.act}的合法性。",
            ]))
    if first:
        paras.append("".join(first))
    if c.v.get("_long") and chance(rng, 0.7) and c.cat in DOCTRINE:
        paras.append(DOCTRINE[c.cat])
    decisive = None
    groups = [("EVIDENCE", "LAW"), PROC_CODES + ("MINOR_PROC",), ("ABUSE", "UNREASONABLE"), ("NONPERFORMANCE", "DISCLOSURE")]
    proc_found = any(x in PROC_CODES for x in found)
    focus_names = ["{act}认定事实是否清楚、适用法律是否正确", "{act}的作出程序是否合法", "{act}是否存在滥用职权或者明显不当的情形",
                   "{A}是否依法履行了法定职责"]
    numbered = bool(c.v.get("_xl")) and chance(rng, 0.7)
    live = [k for k, grp in enumerate(groups) if any(x in found or x in deny for x in grp)]
    if numbered and len(live) >= 2:
        paras.append("结合各方当事人的诉辩意见，本案的争议焦点为：" + "；".join(
            f"{CN_ORD[n]}、{focus_names[k].format(act=c.act, A=A)}" for n, k in enumerate(live)) + "。本院分别评述如下：")
    else:
        numbered = False
    for gi, grp in enumerate(groups):
        sents: list[str] = []
        for code in grp:
            if code in found:
                sents.append(found_sentence(c, code, A, P, outcome, marked))
                decisive = decisive or code
        for code in grp:
            if code in deny and code not in found:
                if proc_found and code in ("PROCEDURE",):
                    continue
                if code in ("EVIDENCE",) and "EVIDENCE" in found:
                    continue
                d = deny_sentence(c, code, A, P)
                if d:
                    sents.insert(0 if chance(rng, 0.5) else len(sents), d)
        if sents:
            for i in range(1, len(sents)):
                prev_found, cur_found = _M_OPEN in sents[i - 1], _M_OPEN in sents[i]
                if cur_found and not prev_found and chance(rng, 0.5):
                    sents[i] = rng.choice(["但是，", "然而，", "不过，"]) + sents[i]
                elif cur_found and prev_found and chance(rng, 0.4):
                    sents[i] = rng.choice(["此外，", "同时，", "另外，"]) + sents[i]
            if c.v.get("_xl"):
                rv = review_sentence_xl(c, grp, found, deny, A, P)
                if rv:
                    sents.insert(0, rv)
            if c.v.get("_long") and chance(rng, 0.8):
                pre = statute_or_principle(c, [x for x in grp if x in found or x in deny])
                if pre:
                    sents.insert(0, pre + rng.choice(["", "本案中，", "据此，"]))
            if numbered and gi in live:
                sents.insert(0, f"{CN_ORD[live.index(gi)]}、关于{focus_names[gi].format(act=c.act, A=A)}的问题。")
            paras.append(tidy("".join(sents)))
    if c.blemish and not found:
        v = roles_vars(c, A, P, "")
        paras.append(fill(rng, BLEMISH, v))
    if c.cat == "行政赔偿" and outcome == "驳回诉讼请求" and c.op.get("deny_reason"):
        paras.append(c.op["deny_reason"].replace("原告", P).replace("被告", A))
    if c.v.get("_xl"):
        paras.append(rng.choice([
            f"此外，{P}在庭审中提出的其他意见，或与本案被诉行为的合法性无关，或缺乏相应的证据支持，本院不再一一评述。",
            "对于各方当事人争议的其他问题，因不影响本案的处理结果，本院不再赘述。",
            f"关于{P}提出的其他主张，经审查，均不足以影响本案的处理，本院不予采纳。",
        ]))
    return paras


_STACKED = [(re.compile(r"(本案中，|据此，)(本案中，|另，|经查，|具体到本案，|从在案证据看，|根据查明的事实，)"), r"\2"),
            (re.compile(r"(但是，|然而，|不过，|此外，|同时，|另外，)(另，|本案中，)"), r"\1")]


def tidy(text: str) -> str:
    for rx, sub in _STACKED:
        text = rx.sub(sub, text)
    return text


def join_codes_items(rng: random.Random, codes: list[str]) -> str:
    items = sorted({R70_ITEM.get(x, 3) for x in codes if x in R70_ITEM})
    if not items:
        items = [3]
    return "、".join(cite_item(rng, "七十", i) if k == 0 else rng.choice([f"第（{ITEM_CN[i]}）项", f"第（{ITEM_CN[i]}）项"]) for k, i in enumerate(items))


def conclusion_first(c: Case, outcome: str, codes: list[str], A: str, P: str, word: str = "判决") -> str:
    """Closing paragraph of a first-instance style decision (conclusion + statutes + 判决如下)."""
    rng = c.rng
    act = c.act
    lead = rng.choice(["综上，", "综上所述，", "据此，"])
    if outcome == "撤销":
        s = f"{lead}{act}{summarize(c, codes)}，依法应予撤销。"
        if c.redo:
            s += rng.choice([f"{A}应当依法重新作出处理。", f"{A}应在法定期限内{c.op.get('redo_text', '重新作出处理')}。", ""])
        law = f"依照{ACPL}{join_codes_items(rng, codes)}" + ("、第七十二条" if c.redo and chance(rng, 0.3) else "") + "的规定"
    elif outcome == "部分撤销":
        s = f"{lead}{act}中关于“{c.op.get('partial', '')}”的部分{summarize(c, codes)}，应予撤销，其余部分并无不当。"
        law = f"依照{ACPL}第六十九条、{join_codes_items(rng, codes)}的规定"
    elif outcome == "变更":
        s = f"{lead}{act}{summarize(c, codes)}，本院依法予以变更。"
        law = f"依照{ACPL}第七十七条第一款的规定"
    elif outcome == "确认违法":
        if "MINOR_PROC" in codes:
            s = f"{lead}{act}程序轻微违法，但对{P}的权利不产生实际影响，应确认违法但不撤销。"
            law = f"依照{ACPL}{cite_item(rng, '七十四', 2, '一')}的规定"
        elif c.cat in ("行政强制执行", "行政赔偿") or c.op.get("released"):
            s = f"{lead}{act}{summarize(c, codes)}，因该行为{rng.choice(['已经实施完毕', '已实施完毕，不具有可撤销内容', '不具有可撤销内容'])}，依法应确认违法。"
            law = f"依照{ACPL}{cite_item(rng, '七十四', 1, '二')}的规定"
        elif c.cat in ("不履行法定职责",) or "NONPERFORMANCE" in codes:
            s = f"{lead}{A}未在法定期限内履行职责，鉴于其已在诉讼中作出处理，判决其履行已无实际意义，应确认其不履行法定职责的行为违法。"
            law = f"依照{ACPL}{cite_item(rng, '七十四', 3, '二')}的规定"
        elif c.cat == "政府信息公开":
            s = f"{lead}{act}{summarize(c, codes)}，鉴于{A}已在诉讼中重新作出答复，应确认{act}违法。"
            law = f"依照{ACPL}{cite_item(rng, '七十四', 2, '二')}的规定"
        else:
            s = f"{lead}{act}{summarize(c, codes)}，本应予以撤销，但撤销该行为将会给{rng.choice(['社会公共利益', '第三人的合法权益及社会公共利益', '国家利益、社会公共利益'])}造成重大损害，故依法确认违法，不予撤销。"
            law = f"依照{ACPL}{cite_item(rng, '七十四', 1, '一')}的规定"
    elif outcome == "确认无效":
        s = f"{lead}{act}{rng.choice(['实施主体不具有行政主体资格', '没有依据', '属于重大且明显违法的情形'])}，应确认无效。"
        law = f"依照{ACPL}第七十五条的规定"
    elif outcome == "责令履行" and c.cat == "行政协议":
        s = f"{lead}{P}要求{A}履行协议约定义务的诉讼请求成立，本院予以支持。"
        law = f"依照{ACPL}第七十八条第一款、《最高人民法院关于审理行政协议案件若干问题的规定》第十九条第一款的规定"
    elif outcome == "责令履行":
        s = f"{lead}{P}要求{A}履行职责的诉讼请求成立，本院予以支持。"
        law = f"依照{ACPL}第七十二条的规定"
    elif outcome == "驳回诉讼请求":
        if c.cat in ("不履行法定职责",):
            s = f"{lead}{P}要求{A}履行法定职责的诉讼请求缺乏事实和法律依据，本院不予支持。"
        elif c.cat in ("行政赔偿",):
            s = f"{lead}{P}的赔偿请求缺乏事实和法律依据，本院不予支持。"
        elif c.cat in ("行政协议",):
            s = f"{lead}{P}的诉讼请求缺乏事实依据，本院不予支持。"
        else:
            s = lead + rng.choice([
                f"{act}认定事实清楚，证据确凿，适用法律、法规正确，符合法定程序。{P}的诉讼请求缺乏事实和法律依据，本院不予支持。",
                f"{P}要求撤销{act}的诉讼请求理由不能成立，本院不予支持。",
                f"{act}并无不当，{P}的诉讼请求不能成立。",
            ])
        law = f"依照{ACPL}第六十九条的规定"
    elif outcome == "赔偿" and c.cat == "行政协议":
        s = f"{lead}{A}的违约行为给{P}造成了损失，应当承担相应的赔偿责任，本院根据在案证据酌定赔偿数额。"
        law = f"依照{ACPL}第七十八条第一款、《最高人民法院关于审理行政协议案件若干问题的规定》第十九条第二款的规定"
    elif outcome == "赔偿":
        s = f"{lead}{A}应当对{P}因{c.act_plain}所受的直接损失承担赔偿责任，本院根据在案证据酌定赔偿数额。"
        law = rng.choice(["依照《中华人民共和国国家赔偿法》第四条、第七条第一款、第三十六条及" + ACPL + "第七十六条的规定",
                          "依照《中华人民共和国国家赔偿法》第三十二条、第三十六条的规定"])
    else:  # pragma: no cover
        s, law = lead, ""
    return f"{s}{law}，{word}如下："


DISMISS_REASONS = {
    "late": ("{P}于{know}即已知道{act}的内容，至{sue}才提起诉讼，已超过{acpl}第四十六条第一款规定的六个月起诉期限，且无正当理由。", 2),
    "standing": ("{P}与{act}之间不具有利害关系，不具备提起本案诉讼的原告主体资格。", 1),
    "scope": ("{act}系{nature}，对{P}的权利义务不产生实际影响，不属于人民法院行政诉讼的受案范围。", 8),
    "repeat": ("{P}曾就同一事项提起诉讼，本院已作出生效裁判，{P}再次提起诉讼，构成重复起诉。", 6),
    "no_apply": ("{P}在提起诉讼前未向{A}提出履行职责的申请，其直接提起本案诉讼不符合法定起诉条件。", 1),
    "no_claim": ("{P}单独提起行政赔偿诉讼，应当以赔偿义务机关先行处理为前置条件，{P}未先向{A}提出赔偿申请，其起诉不符合法定条件。", 1),
}


def dismiss_paragraphs(c: Case, A: str, P: str) -> list[str]:
    rng = c.rng
    reason = c.dismiss_reason
    tmpl, item = DISMISS_REASONS[reason]
    know = add_days(c.act_date, rng.randint(1, 20))
    sue = c.F1
    nature = rng.choice(["信访答复", "过程性行为", "行政机关的内部行为", "对当事人权利义务不产生实际影响的告知行为"])
    s1 = tmpl.format(P=P, A=A, act=c.act, know=ad(know), sue=ad(sue), acpl=ACPL, nature=nature)
    paras = [rng.choice(["", f"根据{ACPL}第四十九条的规定，提起诉讼应当符合法定条件。"]) + s1]
    if c.alleged and chance(rng, 0.6):
        paras.append(rng.choice([
            f"至于{P}提出的{c.act}{rng.choice(['程序违法', '认定事实不清', '违法'])}等主张，因其起诉不符合法定起诉条件，本院不予实体审查。",
            f"{P}所称{A}{rng.choice(['程序违法', '未履行法定程序'])}等问题，属于实体审理的范畴，本院在本案中不予评判。",
        ]))
    paras.append(f"{rng.choice(['综上，', '据此，', ''])}{P}的起诉依法应予驳回。依照{INTERP}{cite_item(rng, '六十九', item, '一')}的规定，裁定如下：")
    return paras


# ---------------------------------------------------------------------------
# courts, case numbers, judges
# ---------------------------------------------------------------------------


@dataclass
class Court:
    name: str  # as printed in the title
    short: str  # as referred to inside other documents
    code: str  # 豫0302 / 豫03 / 豫 / 最高法
    level: str  # basic | rail | mid | high | supreme


def basic_court(c: Case) -> Court:
    g = c.geo
    if chance(c.rng, 0.08):
        n = f"{g.city}铁路运输法院"
        return Court(n, n, f"{g.abbr}71{c.rng.randint(1, 9):02d}", "rail")
    short = f"{g.city}{g.dist}人民法院" if chance(c.rng, 0.6) else f"{g.dist}人民法院"
    name = (g.prov if chance(c.rng, 0.45) else "") + f"{g.city}{g.dist}人民法院"
    return Court(name, short, g.abbr + g.base_code, "basic")


def mid_court(c: Case) -> Court:
    g = c.geo
    name = (g.prov if chance(c.rng, 0.55) else "") + f"{g.city}中级人民法院"
    return Court(name, f"{g.city}中级人民法院", g.abbr + g.city_code, "mid")


def high_court(c: Case) -> Court:
    g = c.geo
    return Court(f"{g.prov}高级人民法院", f"{g.prov}高级人民法院", g.abbr, "high")


def supreme_court() -> Court:
    return Court("最高人民法院", "最高人民法院", "最高法", "supreme")


def court_chain(c: Case) -> list[Court]:
    first = mid_court(c) if c.needs_mid else basic_court(c)
    chain = [first]
    chain.append(high_court(c) if first.level == "mid" else mid_court(c))
    chain.append(supreme_court() if chain[1].level == "high" else high_court(c))
    return chain


def case_number(c: Case, court: Court, year: int, kind: str, printed: bool = True) -> str:
    rng = c.rng
    seq = rng.randint(1, 420) if court.level in ("basic", "rail", "mid") else rng.randint(1, 2600)
    if printed:
        lb, rb = wpick(rng, [(("（", "）"), 70), (("(", ")"), 18), (("〔", "〕"), 12)])
    else:
        lb, rb = "（", "）"
    return f"{lb}{year}{rb}{court.code}{c.case_kind}{kind}{seq}号"


def judges(c: Case, panel: str) -> list[tuple[str, str]]:
    n = c.names
    if panel == "single":
        return [("审判员", n.full())]
    if panel == "jury":
        if chance(c.rng, 0.5):
            return [("审判长", n.full()), ("人民陪审员", n.full()), ("人民陪审员", n.full())]
        return [("审判长", n.full()), ("审判员", n.full()), ("人民陪审员", n.full())]
    return [("审判长", n.full()), ("审判员", n.full()), ("审判员", n.full())]


def sign_lines(c: Case, panel: list[tuple[str, str]], d: date) -> list[str]:
    rng = c.rng
    style = rng.randrange(4)
    zero = "○" if chance(rng, 0.2) else "〇"
    out = []
    for title, name in panel:
        if style == 0:
            t = "　".join(title) if len(title) == 3 else title
            out.append(f"{t}　　{name}")
        elif style == 1:
            out.append(f"{title}  {name}")
        elif style == 2:
            out.append(f"{' '.join(title)} {name}")
        else:
            out.append(f"{title}：{name}" if chance(rng, 0.5) else f"{title}　{name}")
    out.append(cn_date(d, zero))
    if chance(rng, 0.35):
        out.append("本件与原本核对无异")
    if chance(rng, 0.3):
        out.append(f"法官助理　{c.names.full()}")
    clerk = c.names.full()
    out.append({0: f"书　记　员　　{clerk}", 1: f"书记员  {clerk}", 2: f"书 记 员 {clerk}"}.get(style, f"书记员：{clerk}"))
    return out


# ---------------------------------------------------------------------------
# representation and the head-of-agency appearance (head_appeared)
# ---------------------------------------------------------------------------

DEPTS = ["法制科", "政策法规科", "办公室", "执法监督科", "综合科", "法规股", "执法大队", "行政审批科"]


def boss_of(p: Party) -> str:
    m = re.search(r"：(.+?)，", p.rep_line)
    return m.group(1) if m else ""


def represent(c: Case, heard: bool, with_reps: bool, role_of, head_p: float = 0.3) -> tuple[bool | None, str]:
    """Fill representation lines; return (head_appeared, attendance sentence fragment)."""
    rng, names = c.rng, c.names
    rw = rng.choice(["委托代理人", "委托诉讼代理人"])
    c.v["_rw"] = rw
    firm = f"{c.geo.city_short}{rng.choice(LAW_FIRM_BRANDS)}律师事务所"
    att: list[str] = []
    for p in c.plaintiffs:
        p.reps = []
        if with_reps and chance(rng, 0.65):
            n = names.full()
            if chance(rng, 0.75):
                p.reps.append(f"{rw}：{n}，{firm if chance(rng, 0.6) else c.geo.city_short + rng.choice(LAW_FIRM_BRANDS) + '律师事务所'}律师。")
            else:
                rel = rng.choice(["儿子", "女儿", "丈夫", "妻子", "弟弟"]) if p.kind == "person" else "员工"
                p.reps.append(f"{rw}：{n}，系{role_of(p)}{pshort(p)}{'之' if p.kind == 'person' else '的'}{rel}。")
            if heard:
                att.append(f"{role_of(p)}{pshort(p) if p.kind != 'person' else p.name}{'的' if p.kind != 'person' else '及其'}{rw}{n}" if p.kind == "person" or chance(rng, 0.5)
                           else f"{role_of(p)}{pshort(p)}的{rw}{n}")
        elif heard:
            if p.kind == "company" and boss_of(p):
                att.append(f"{role_of(p)}{pshort(p)}的{p.rep_title}{boss_of(p)}")
            else:
                att.append(f"{role_of(p)}{p.name}")
    head: bool | None = None
    if with_reps:
        head = False
        head_here = chance(rng, head_p)
        styles = ["line", "line", "deputy_rep", "sentence", "legalrep_sentence", "line_chief"] if heard else ["deputy_rep"]
        style = rng.choice(styles) if head_here else ""
        extra_sentence = ""
        for k, a in enumerate(c.defendants):
            a.reps = []
            people: list[tuple[str, str]] = []
            if k == 0 and style in ("line", "line_chief"):
                n = boss_of(a) if style == "line_chief" and boss_of(a) else names.full()
                title = a.head_title if style == "line_chief" else a.deputy_title
                label = rng.choice(["行政机关负责人", "出庭负责人", "出庭应诉负责人", "行政机关出庭应诉负责人"])
                a.reps.append(f"{label}：{n}，{rng.choice([a.pron, ''])}{title}。")
                people.append(("出庭负责人" if "出庭" in label else "负责人", n))
                head = True
            if k == 0 and style == "deputy_rep":
                n = names.full()
                a.reps.append(f"{rw}：{n}，{a.pron}{a.deputy_title}。")
                people.append((rw, n))
                head = True
            for _ in range(rng.choice([1, 1, 2])):
                n = names.full()
                kind = rng.randrange(5)
                if kind == 0:
                    a.reps.append(f"{rw}：{n}，{a.pron}工作人员。")
                elif kind == 1:
                    a.reps.append(f"{rw}：{n}，{a.pron}{rng.choice(DEPTS)}{rng.choice(['科长', '副科长', '股长', '主任科员', '科员'])}。")
                elif kind == 2:
                    a.reps.append(f"{rw}：{n}，{c.geo.city_short}{rng.choice(LAW_FIRM_BRANDS)}律师事务所律师。")
                elif kind == 3:
                    a.reps.append(f"{rw}：{n}，{a.pron}法律顾问。")
                else:
                    a.reps.append(f"{rw}：{n}，{rng.choice(TOWNS) if a.name.endswith('人民政府') else a.short}工作人员。")
                people.append((rw, n))
            if k == 0 and style == "sentence":
                n = names.full()
                extra_sentence = f"{role_of(a)}{a.short}{a.deputy_title}{n}出庭应诉。"
                head = True
            if k == 0 and style == "legalrep_sentence" and boss_of(a):
                extra_sentence = f"{role_of(a)}{a.short}的{a.rep_title}{boss_of(a)}到庭参加诉讼。"
                head = True
            elif k == 0 and style == "legalrep_sentence":
                n = names.full()
                extra_sentence = f"{role_of(a)}{a.short}{a.deputy_title}{n}出庭应诉。"
                head = True
            if heard:
                groups: dict[str, list[str]] = {}
                for lbl, n in people:
                    groups.setdefault(lbl, []).append(n)
                att.append(f"{role_of(a)}{a.short}的" + "及".join(lbl + "、".join(ns) for lbl, ns in groups.items()))
        for t in c.thirds:
            t.reps = []
            if heard:
                if chance(rng, 0.3):
                    att.append(f"{role_of(t)}{pshort(t)}经本院合法传唤未到庭")
                else:
                    att.append(f"{role_of(t)}{pshort(t)}")
        if not head and heard and chance(rng, 0.12):
            extra_sentence = rng.choice([
                f"{role_of(c.A0)}{c.A0.short}的行政机关负责人未出庭应诉，委托工作人员出庭。",
                f"{role_of(c.A0)}{c.A0.short}向本院提交了行政机关负责人不能出庭的书面说明。",
            ])
        c.v["_extra_att"] = extra_sentence
    else:
        for a in c.defendants:
            a.reps = []
        for t in c.thirds:
            t.reps = []
        c.v["_extra_att"] = ""
    if heard and att:
        ok = [x for x in att if "未到庭" not in x]
        miss = [x for x in att if "未到庭" in x]
        sent = "，".join(ok) + "到庭参加诉讼" + ("，" + "，".join(miss) if miss else "") + "。"
        return head, sent + c.v["_extra_att"]
    return head, c.v.get("_extra_att", "")


def party_lines(c: Case, role_of) -> list[str]:
    rng = c.rng
    colon = "：" if chance(rng, 0.7) else ""
    lines = []
    order = c.v.get("_order", "pa")
    groups = [c.plaintiffs, c.defendants] if order == "pa" else [c.defendants, c.plaintiffs]
    for grp in groups + [c.thirds]:
        for p in grp:
            sep = "，" if p.desc else "。"
            lines.append(f"{role_of(p)}{colon}{p.name}{sep}{p.desc}")
            if p.rep_line:
                lines.append(p.rep_line)
            lines.extend(p.reps)
    return lines


def evidence_list(c: Case, items: list[str], who: str) -> str:
    rng = c.rng
    items = items[:]
    rng.shuffle(items)
    items = items[: rng.randint(3, len(items))] if len(items) > 3 else items
    style = rng.randrange(3)
    if style == 0:
        body = "；".join(f"{k + 1}.{x}" for k, x in enumerate(items))
    elif style == 1:
        body = "；".join(f"证据{cn_small(k + 1)}：{x}，证明{rng.choice(['案件来源', '调查过程', '相关事实', '程序合法', '送达情况'])}" for k, x in enumerate(items))
    else:
        body = "、".join(items)
    return f"{who}{rng.choice(['在法定期限内向本院提交了以下证据', '向本院提供了作出被诉行政行为的证据、依据', '提交了如下证据'])}：{body}。"


def ops_first(c: Case, outcome: str, P_role: str = "原告", A_role: str = "被告") -> list[str]:
    """Operative items of a first-instance result."""
    rng = c.rng
    a = c.A0
    pn = "、".join(p.name for p in c.plaintiffs)
    obj = act_obj(c)
    items: list[str] = []
    review = c.op.get("review")
    if outcome == "撤销":
        items.append(f"撤销{A_role}{a.name}{obj}")
        if review:
            items.append(f"撤销{A_role}{review[0].name}作出的{review[1]}")
        if c.redo:
            days = rng.choice(["六十日", "三十日", "十五个工作日", "九十日"])
            items.append(f"责令{A_role}{a.name}于本判决生效之日起{days}内{c.op.get('redo_text', '重新作出行政行为')}")
    elif outcome == "部分撤销":
        items += [f"撤销{A_role}{a.name}{obj}中“{c.op.get('partial', '')}”的部分", f"驳回{P_role}{pn}的其他诉讼请求"]
    elif outcome == "变更":
        if c.cat == "行政处罚":
            items.append(f"变更{A_role}{a.name}{obj}中对{P_role}{pn}“{c.op['penalty']}”的处罚为“{c.op['change_to']}”")
        else:
            items.append(f"变更{A_role}{a.name}{obj}确定的数额为{c.op['change_to']}")
    elif outcome == "确认违法":
        items.append(f"确认{A_role}{a.name}{obj}违法")
        if review:
            items.append(f"撤销{A_role}{review[0].name}作出的{review[1]}")
        if c.op.get("with_comp"):
            items.append(f"{A_role}{a.name}于本判决生效之日起三十日内赔偿{P_role}{pn}损失{c.op['comp']}元")
        if chance(rng, 0.35) or c.op.get("with_comp"):
            items.append(f"驳回{P_role}{pn}的其他诉讼请求")
    elif outcome == "确认无效":
        items.append(f"确认{A_role}{a.name}{obj}无效")
    elif outcome == "责令履行":
        if c.cat in ("政府信息公开",) and chance(rng, 0.5):
            items.append(f"撤销{A_role}{a.name}{obj}")
            c.outcome_alt = sorted(set(c.outcome_alt) | {"撤销"})
        items.append(f"责令{A_role}{a.name}{c.op.get('fulfil', '于本判决生效之日起六十日内依法履行法定职责')}")
    elif outcome == "驳回诉讼请求":
        items.append(f"驳回{P_role}{pn}的{'赔偿请求' if c.cat == '行政赔偿' and chance(rng, 0.5) else '诉讼请求'}")
    elif outcome == "驳回起诉":
        items.append(f"驳回{P_role}{pn}的起诉")
    elif outcome == "赔偿":
        items.append(f"{A_role}{a.name}于本判决生效之日起三十日内赔偿{P_role}{pn}{c.op.get('comp_what', '损失')}{c.op['comp']}元")
        if chance(rng, 0.7):
            items.append(f"驳回{P_role}{pn}的其他赔偿请求")
    return items


def act_obj(c: Case) -> str:
    t = c.act_title
    if t.startswith(("于", "将", "为", "对", "与", "未", "扣押", "强制")):
        return t if not t.startswith("未") else f"{t}"
    return f"于{ad(c.act_date)}作出的{t}"


def number_items(rng: random.Random, items: list[str]) -> list[str]:
    if len(items) == 1:
        return [items[0] + "。"]
    out = []
    for k, it in enumerate(items):
        end = "。" if k == len(items) - 1 else "；"
        out.append(f"{CN_ORD[k]}、{it}{end}")
    return out


def inline_items(items: list[str]) -> str:
    if len(items) == 1:
        return items[0] + "。"
    return "".join(f"{CN_ORD[k]}、{it}{'。' if k == len(items) - 1 else '；'}" for k, it in enumerate(items))


def cause_name(c: Case) -> str:
    base = {"行政处罚": "行政处罚", "行政征收或者征用": "房屋征收" if c.field == "房屋征收" else "土地征收",
            "行政强制执行": "行政强制", "行政许可": "行政许可", "政府信息公开": "政府信息公开",
            "行政确认": "工伤认定", "行政登记": "行政登记", "不履行法定职责": "不履行法定职责",
            "行政协议": "行政协议", "行政赔偿": "行政赔偿", "行政强制措施": "行政强制措施", "行政复议": "行政复议",
            "行政给付": "行政给付", "行政补偿": "行政补偿"}.get(c.cat, "行政")
    return base


# ---------------------------------------------------------------------------
# planning: procedure variant, outcome, defects, allegations
# ---------------------------------------------------------------------------


def _choose(rng: random.Random, table, pred=None, prefer: tuple = (), prefer_out: tuple = ()):
    """Pick (outcome, defects).  ``prefer`` / ``prefer_out`` list codes / outcomes used least so far in the corpus;
    they steer some choices so that rare codes and results still show up in a small corpus."""
    rows = [r for r in table if pred is None or pred(r[0])]
    if not rows:
        rows = [r for r in table if r[0] in AGAINST_AGENCY]
    names = [r[0] for r in rows]
    if prefer and rng.random() < 0.25:
        for code in prefer[:3]:
            hits = [(r[0], cb) for r in rows for cb in r[2] if code in cb]
            if hits:
                outcome, cb = rng.choice(hits)
                return outcome, list(cb)
    rare = [o for o in prefer_out[:4] if o in names and o in AGAINST_AGENCY]
    if rare and rng.random() < 0.3:
        outcome = rare[0]
    else:
        outcome = wpick(rng, [(r[0], r[1]) for r in rows])
    combos = next(r[2] for r in rows if r[0] == outcome)
    if prefer and rng.random() < 0.75:
        for code in prefer[:6]:
            cands = [cb for cb in combos if code in cb]
            if cands:
                return outcome, list(rng.choice(cands))
    return outcome, list(rng.choice(combos))


def _extras(c: Case, exclude: list[str], k: int) -> list[str]:
    pool = [x for x in ALLEGE_POOL.get(c.cat, []) if x not in exclude]
    c.rng.shuffle(pool)
    return pool[:k]


DISMISS_BY_CAT = {
    "不履行法定职责": ["no_apply", "repeat"], "行政赔偿": ["no_claim", "repeat"], "行政协议": ["repeat", "standing"],
    "政府信息公开": ["scope", "repeat", "standing"], "行政许可": ["standing", "late"],
    "行政登记": ["late", "standing"], "行政强制执行": ["late", "standing", "repeat"],
}


def plan(c: Case) -> None:
    rng = c.rng
    table = NONLIT_OUTCOMES if c.proc == "非诉执行审查" else OUTCOMES[c.cat]
    if c.proc == "一审":
        c.merits, D = _choose(rng, table, prefer=c.prefer, prefer_out=c.prefer_out)
        c.outcome, c.defects = c.merits, D
        c.alleged = sorted(set(D) - {"MINOR_PROC"}) + _extras(c, D, rng.choice([0, 1, 1, 2, 3]))
    elif c.proc == "二审":
        c.variant = wpick(rng, [("keep_against", 28), ("keep_for", 22), ("keep_dismiss", 6), ("rev_against", 14),
                                ("rev_for", 10), ("remand", 12), ("resume", 5)])
        if c.variant == "keep_against":
            c.merits, D = _choose(rng, table, prefer=c.prefer, prefer_out=c.prefer_out, pred=lambda o: o in AGAINST_AGENCY)
            c.defects = c.inner_defects = D
            c.outcome = "维持原判"
            c.appellant_agency = chance(rng, 0.8)
            c.alleged = _extras(c, D, rng.choice([0, 1, 2]))
        elif c.variant == "keep_for":
            c.merits, c.outcome = "驳回诉讼请求", "维持原判"
            c.alleged = _extras(c, [], rng.choice([1, 2, 3]))
        elif c.variant == "keep_dismiss":
            c.merits, c.outcome = "驳回起诉", "维持原判"
            c.alleged = _extras(c, [], rng.choice([0, 1, 2]))
        elif c.variant == "rev_against":
            c.merits = "驳回诉讼请求"
            o, D = _choose(rng, table, prefer=c.prefer, prefer_out=c.prefer_out, pred=lambda o: o in AGAINST_AGENCY and o not in ("部分撤销", "变更", "赔偿"))
            c.defects, c.outcome = D, "改判"
            c.outcome_alt = [o]
            c.op["final"] = o
            c.alleged = sorted(set(D) - {"MINOR_PROC"}) + _extras(c, D, rng.choice([0, 1]))
        elif c.variant == "rev_for":
            c.merits, D = _choose(rng, table, prefer=c.prefer, prefer_out=c.prefer_out, pred=lambda o: o in AGAINST_AGENCY and o not in ("赔偿",))
            c.inner_defects = D
            c.outcome = "改判"
            c.outcome_alt = ["驳回诉讼请求"]
            c.appellant_agency = True
            c.alleged = sorted(set(D) - {"MINOR_PROC"})
        elif c.variant == "remand":
            c.merits, D = _choose(rng, table, prefer=c.prefer, prefer_out=c.prefer_out, pred=lambda o: o != "驳回起诉")
            c.inner_defects = D
            c.outcome = "发回重审"
            c.appellant_agency = c.merits in AGAINST_AGENCY
            c.alleged = _extras(c, D, 1)
        else:
            c.merits, c.outcome = "驳回起诉", "其他"
            c.outcome_alt = ["发回重审"]
            c.alleged = _extras(c, [], 1)
    elif c.proc == "再审审查":
        c.variant = wpick(rng, [("reject_citizen", 65), ("reject_agency", 15), ("order", 20)])
        if c.variant == "reject_citizen":
            c.merits = "驳回诉讼请求" if chance(rng, 0.8) else "驳回起诉"
            c.outcome = "驳回再审申请"
            c.alleged = _extras(c, [], rng.choice([1, 2, 3]))
        elif c.variant == "reject_agency":
            c.merits, D = _choose(rng, table, prefer=c.prefer, prefer_out=c.prefer_out, pred=lambda o: o in AGAINST_AGENCY)
            c.defects = c.inner_defects = D
            c.outcome = "驳回再审申请"
            c.appellant_agency = True
        else:
            c.merits = "驳回诉讼请求"
            c.outcome = "其他"
            c.alleged = _extras(c, [], rng.choice([1, 2]))
            if c.alleged and chance(rng, 0.6):
                c.optional = [c.alleged[0]]
    elif c.proc == "再审":
        c.variant = wpick(rng, [("rev_against", 50), ("rev_for", 25), ("keep", 25)])
        if c.variant == "rev_against":
            c.merits = "驳回诉讼请求"
            o, D = _choose(rng, table, prefer=c.prefer, prefer_out=c.prefer_out, pred=lambda o: o in AGAINST_AGENCY and o not in ("部分撤销", "变更", "赔偿"))
            c.defects, c.outcome = D, "改判"
            c.outcome_alt = [o]
            c.op["final"] = o
            c.alleged = sorted(set(D) - {"MINOR_PROC"})
        elif c.variant == "rev_for":
            c.merits, D = _choose(rng, table, prefer=c.prefer, prefer_out=c.prefer_out, pred=lambda o: o in AGAINST_AGENCY and o not in ("赔偿",))
            c.inner_defects = D
            c.outcome = "改判"
            c.outcome_alt = ["驳回诉讼请求"]
            c.appellant_agency = True
            c.alleged = sorted(set(D) - {"MINOR_PROC"})
        else:
            c.merits = "驳回诉讼请求"
            c.outcome = "维持原判"
            c.alleged = _extras(c, [], rng.choice([1, 2]))
    else:  # 非诉执行审查
        c.outcome = wpick(rng, [(r[0], r[1]) for r in table])
        _, D = _choose(rng, table, pred=lambda o: o == c.outcome, prefer=c.prefer)
        if c.cat == "行政征收或者征用" and D:
            D = [rng.choice(["EXPROP_PROC", "EVIDENCE", "SERVICE"])]
        c.merits = c.outcome
        c.defects = D
        c.alleged = _extras(c, D, rng.choice([0, 0, 1])) if c.cat == "行政处罚" else []
    # MINOR_PROC flavours
    if "MINOR_PROC" in c.defects + c.inner_defects:
        c.minor_code = rng.choice([None, None, "TIME_LIMIT", "SERVICE"]) if c.cat != "政府信息公开" else "TIME_LIMIT"
    if c.merits == "驳回诉讼请求" and not c.defects and c.cat not in ("行政协议", "不履行法定职责", "行政赔偿") and chance(rng, 0.1):
        c.blemish = True
    if c.merits == "驳回起诉":
        c.dismiss_reason = rng.choice(DISMISS_BY_CAT.get(c.cat, ["late", "standing", "scope", "late"]))
    if c.merits in ("撤销",) and c.proc != "非诉执行审查":
        pass  # redo decided by the builder
    # agency_lost
    c.agency_lost = agency_lost_of(c)


def agency_lost_of(c: Case) -> bool | None:
    o = c.outcome
    if o in AGAINST_AGENCY:
        return True
    if o in ("驳回诉讼请求", "驳回起诉", "准予执行"):
        return False
    if o in ("发回重审", "其他"):
        return None
    if o == "维持原判":
        if c.proc == "再审":
            return False
        return c.merits in AGAINST_AGENCY
    if o == "改判":
        return c.variant == "rev_against"
    if o == "驳回再审申请":
        return c.variant == "reject_agency"
    return None


def validate(c: Case) -> bool:
    for code in set(c.defects) | set(c.inner_defects):
        outcome = c.op.get("final") or c.merits
        if not can_find(c, code, outcome):
            return False
    if c.proc == "二审" and c.variant == "rev_for" and not all(can_deny(c, x) for x in c.inner_defects if x != "MINOR_PROC"):
        return False
    if c.proc == "再审" and c.variant == "rev_for" and not all(can_deny(c, x) for x in c.inner_defects if x != "MINOR_PROC"):
        return False
    for o in {c.merits, c.op.get("final", "")}:
        if o == "变更" and not c.op.get("change_to"):
            return False
        if o == "部分撤销" and not c.op.get("partial"):
            return False
        if o == "责令履行" and not c.op.get("fulfil"):
            return False
        if o in ("赔偿",) and not c.op.get("comp"):
            return False
    if c.cat == "行政协议":
        if c.merits == "撤销" and "解除" not in c.act_plain:
            return False
        if c.merits == "确认无效" and "解除" in c.act_plain:
            return False
    if c.cat == "行政征收或者征用" and "UNREASONABLE" in c.defects + c.inner_defects and "xcomp" not in c.v:
        return False
    if c.cat == "行政许可" and "NO_HEARING" in c.defects + c.inner_defects and "TP" not in c.v:
        return False
    if c.cat == "行政登记" and c.merits == "确认违法" and not c.op.get("unlawful_keep"):
        return False
    if c.cat == "行政许可" and c.merits == "确认违法" and "MINOR_PROC" not in c.defects + c.inner_defects and not c.op.get("unlawful_keep"):
        return False
    if c.cat == "行政征收或者征用" and c.merits == "确认违法" and not c.op.get("unlawful_keep"):
        return False
    if c.cat == "行政强制措施" and c.merits == "确认违法":
        c.op["released"] = True
    if c.cat == "行政协议" and "解除" not in c.act_plain:
        c.alleged = [x for x in c.alleged if x not in ("EVIDENCE", "LAW")]
    c.alleged = [x for x in dict.fromkeys(c.alleged) if x in ALLEGE and (x in c.defects + c.inner_defects or can_deny(c, x))]
    return True


def finish_labels(c: Case) -> None:
    """Optional codes and alternative values a careful reader could defend."""
    opt = set(c.optional)
    if any(x in c.defects for x in ("NO_STATEMENT", "NO_HEARING", "SERVICE", "ENFORCE_PROC", "EXPROP_PROC", "TIME_LIMIT")) \
            and "PROCEDURE" not in c.defects:
        opt.add("PROCEDURE")
    if "MINOR_PROC" in c.defects and c.minor_code:
        opt.add(c.minor_code)
    if "DISCLOSURE" in c.defects and "TIME_LIMIT" not in c.defects:
        opt.add("TIME_LIMIT")
    if "NONPERFORMANCE" in c.defects and "TIME_LIMIT" not in c.defects:
        opt.add("TIME_LIMIT")
    if c.blemish:
        opt.add("MINOR_PROC")
    if c.cat == "行政赔偿" and c.outcome == "赔偿" and not c.defects and c.op.get("hint"):
        opt.add(c.op["hint"])
    c.optional = sorted(opt - set(c.defects))
    if c.merits == "撤销" and c.redo and c.outcome == "撤销":
        c.outcome_alt = sorted(set(c.outcome_alt) | {"责令履行"})
    if c.op.get("with_comp") and c.outcome == "确认违法":
        c.outcome_alt = sorted(set(c.outcome_alt) | {"赔偿"})


# ---------------------------------------------------------------------------
# document bodies per procedure
# ---------------------------------------------------------------------------


def is_in(p: Party, grp: list[Party]) -> bool:
    return any(p is x for x in grp)


@dataclass
class Doc:
    court: str
    title: str
    caseno: str
    parties: list[str]
    body: list[tuple[str, str]]  # (section, paragraph); section in SECTION keys for optional headings
    ops: list[str]
    tail: list[str]
    signs: list[str]


HEADINGS = {"经过": ["审理经过", "审理经过"], "诉称": ["原告诉称", "诉讼请求"], "辩称": ["被告辩称", "被告答辩"],
            "查明": ["本院查明", "经审理查明"], "认为": ["本院认为", "裁判理由"], "主文": ["裁判结果", "判决结果"],
            "一审": ["一审情况", "原审情况"], "上诉": ["上诉理由", "上诉请求"], "申请": ["再审申请理由", "申请再审理由"]}


def allegations_text(c: Case, D: str, S: str) -> str:
    rng = c.rng
    if not c.alleged:
        return ""
    parts = [allegation(c, code, D, S) for code in c.alleged]
    style = rng.randrange(3)
    if style == 0 or len(parts) == 1:
        return "；".join(parts) + "。"
    if style == 1:
        return "具体理由如下：" + "；".join(f"{CN_ORD[k]}是{p}" for k, p in enumerate(parts)) + "。"
    return "此外，" + "，".join(parts) + "。"


def intro_first(c: Case, court: Court, heard: bool, panel: str, att: str, dates: dict) -> str:
    rng = c.rng
    a = c.A0
    pn = "、".join(p.name for p in c.plaintiffs)
    dn = "、".join(x.name for x in c.defendants)
    alias = f"（以下简称{a.short}）" if chance(rng, 0.35) else ""
    if c.cat in ("不履行法定职责", "行政赔偿", "行政协议") or chance(rng, 0.4):
        s = f"原告{pn}诉被告{dn}{alias}{cause_name(c)}{rng.choice(['一案', '纠纷一案', '一案']) if c.cat == '行政协议' else '一案'}，本院于{ad(dates['F1r'])}立案后，{rng.choice(['依法', '于法定期限内'])}向被告送达了起诉状副本及应诉通知书。"
    else:
        s = f"原告{pn}不服被告{a.name}{alias}{act_obj(c)}，于{ad(dates['F1'])}向本院提起行政诉讼。本院于{ad(dates['F1r'])}立案后，{rng.choice(['于五日内', '依法', '在法定期限内'])}向被告送达了起诉状副本及应诉通知书。"
    if c.thirds:
        s += f"因{'、'.join(pshort(t) for t in c.thirds)}与本案被诉行政行为有利害关系，本院依法通知其作为第三人参加诉讼。"
    if heard and c.v.get("_xl"):
        s += (f"被告于{ad(add_days(dates['F1r'], rng.randint(8, 15)))}向本院提交了答辩状及作出被诉行政行为的证据、依据。"
              + rng.choice(["因案情复杂，经本院院长批准，本案延长审理期限三个月。", "", f"本院于{ad(add_days(dates['F1r'], rng.randint(18, 28)))}组织各方当事人进行了证据交换。"]))
    if heard:
        if panel == "single":
            s += f"本案依法适用简易程序，于{ad(dates['H'])}公开开庭进行了审理。"
        else:
            s += f"本院依法组成合议庭，于{ad(dates['H'])}{rng.choice(['公开开庭审理了本案', '公开开庭进行了审理', '在本院第' + cn_small(rng.randint(1, 9)) + '法庭公开开庭审理了本案'])}。"
        s += att
        s += rng.choice(["本案现已审理终结。", "本案现已审理终结。", ""])
    else:
        s += rng.choice(["本院依法组成合议庭对本案进行了审查，现已审查终结。", "本院依法进行了审查。本案现已审查终结。"])
    return s


def costs_first(c: Case, outcome: str) -> str:
    rng = c.rng
    pn = "、".join(p.name for p in c.plaintiffs)
    if c.cat == "行政赔偿":
        return rng.choice(["本案不收取诉讼费用。", "行政赔偿案件不收取案件受理费。", ""])
    if outcome == "驳回起诉":
        return rng.choice([f"案件受理费50元，退还原告{pn}。", "原告预交的案件受理费50元予以退还。", ""])
    fee = rng.choice(["50元", "人民币50元", "50元"])
    if outcome in AGAINST_AGENCY:
        return f"案件受理费{fee}，由被告{c.A0.short if chance(rng, 0.4) else c.A0.name}负担。"
    return f"案件受理费{fee}，由原告{pn}负担。"


def appeal_notice(c: Case, upper: Court, word: str) -> str:
    days = "十五日" if word == "判决" else "十日"
    return c.rng.choice([
        f"如不服本{word}，可以在{word}书送达之日起{days}内，向本院递交上诉状，并按对方当事人的人数提出副本，上诉于{upper.short}。",
        f"如不服本{word}，可在{word}书送达之日起{days}内向本院递交上诉状，并按对方当事人人数提出副本，上诉于{upper.short}。",
    ])


def long_claims(c: Case, D: str, S: str) -> str:
    """Numbered grounds of a plaintiff / appellant, each allegation with an elaboration."""
    rng = c.rng
    parts = []
    for k, code in enumerate(c.alleged or ["EVIDENCE"]):
        pool = [t.format_map(c.v) for t in usable(ELAB.get(code, []), c.v)] or [""]
        elab = "".join(rng.sample(pool, 2 if c.v.get("_xl") and len(pool) > 1 else 1)).replace("原告", S).replace("被告", D)
        parts.append(f"{CN_ORD[k]}、{allegation(c, code, D, S)}。{elab}")
    if c.v.get("_xl"):
        k = len(parts)
        parts.append(f"{CN_ORD[k]}、{D}的行为给{S}造成了{rng.choice(['重大经济损失', '严重的生活困难', '难以弥补的损失'])}。"
                     f"{S}{rng.choice(['为此多次奔走于各部门之间', '长期无法正常生产经营', '一家人的生活受到严重影响'])}，{D}对此应当承担相应的法律责任。")
        parts.append(f"{CN_ORD[k + 1]}、根据{ACPL}第七十条的规定，行政行为主要证据不足、适用法律法规错误或者违反法定程序的，人民法院应当判决撤销。"
                     f"{D}的行为符合上述情形，依法应予撤销或者确认违法。")
    return "".join(parts)


def long_defence(c: Case, who: str = "被告", other: str = "原告") -> str:
    rng = c.rng
    comp = competence_sentence(c, who, other)
    items = [f"一、{who}具有作出{c.act}的法定职权。{comp}",
             f"二、{c.act}认定事实清楚，证据确凿。" + "".join(c.story_d[:1]).replace("原告", other).replace("被告", who),
             f"三、{c.act}程序合法。{who}依法履行了{rng.choice(['立案、调查、告知、决定、送达等程序', '受理、审查、决定及送达等程序', '调查核实、听取意见、作出决定和送达等程序'])}，保障了{other}的各项程序权利。"]
    if "law_used" in c.v:
        items.append(f"四、{c.act}适用法律正确。{who}依据{c.v['law_used']}的规定作出{c.act}，于法有据。")
    if c.v.get("_xl"):
        n = CN_ORD[len(items)]
        items.append(f"{n}、{other}的诉讼理由均不能成立。{other}所称{rng.choice(['程序违法', '事实不清', '适用法律错误'])}等问题，"
                     f"或者与事实不符，或者缺乏法律依据。{who}在作出{c.act}的过程中，"
                     f"{rng.choice(['严格按照法定程序办理', '充分听取并采纳了合理意见', '全面收集了相关证据'])}，{c.act}合法有效。")
    return "".join(items)


def cross_exam(c: Case, ev: list[str]) -> str:
    rng = c.rng
    ev = ev[:] or ["相关证据"]
    rng.shuffle(ev)
    a, b = ev[0], ev[-1]
    s = (f"经庭审质证，原告对被告提交的{a}的真实性无异议，但对其证明目的有异议；对{b}的真实性、合法性均有异议，认为该证据"
         f"{rng.choice(['系事后补作', '未经原告签字确认', '来源不明', '与本案缺乏关联性'])}。被告对原告提交证据的真实性无异议，但认为不能证明原告的主张。")
    if c.thirds:
        s += "第三人对被告提交的证据无异议。"
    s += ("本院对上述证据认证如下：被告提交的证据来源合法，内容真实，与本案具有关联性，本院予以采信；原告提交的证据能够证明其身份及相关情况，本院予以采信；"
          "对于原告提出的异议，本院将结合全案证据在裁判理由部分一并评述。")
    return s


EVENTS = [
    "{d}，{an}工作人员到现场进行了勘查，制作了现场勘查笔录，并拍摄了现场照片。",
    "{d}，{an}向{pn}送达了《询问通知书》，要求其于指定时间到{an}接受询问。",
    "{d}，{an}对{pn}进行了询问，{pn}对相关事实作了陈述，并在询问笔录上签字确认。",
    "{d}，{an}调取了{pn}的{doc_kind}。",
    "{d}，{an}向{pn}所在地的{org}了解相关情况，并制作了调查笔录。",
    "{d}，{an}将调查情况向分管负责人进行了汇报。",
    "{d}，{pn}向{an}提交了书面情况说明，对相关事实提出异议。",
    "{d}，{an}再次通知{pn}补充提交相关材料，{pn}于{d2}提交了部分材料。",
    "{d}，{an}工作人员电话联系{pn}，告知其有关事项，并制作了电话记录。",
    "{d}，{an}对收集的证据进行了整理，形成调查终结报告。",
    "{d}，{an}向{pn}送达了《协助调查通知书》。",
    "{d}，{an}工作人员再次到现场进行核查，现场情况与此前记录基本一致。",
    "{d}，{an}就相关问题征求了{org}的意见。",
    "{d}，{pn}的委托代理人到{an}查阅了相关材料。",
]


def chronology(c: Case) -> str:
    rng = c.rng
    pn, an = c.v["Pn"], c.A0.short
    start = c.op.get("d0") or add_days(c.act_date, -rng.randint(60, 150))
    span = max((c.act_date - start).days, 12)
    k = min(rng.randint(8, 12) if c.v.get("_xxl") else rng.randint(5, 9), len(EVENTS), span - 2)
    days = sorted(rng.sample(range(1, span), k), reverse=True)
    events = rng.sample(EVENTS, k)
    out = []
    for day, ev in zip(days, events, strict=True):
        d = add_days(c.act_date, -day)
        out.append(ev.format(d=ad(d), d2=ad(add_days(d, rng.randint(3, 9))), pn=pn, an=an,
                             doc_kind=rng.choice(["登记信息", "户籍信息", "相关档案材料", "申请材料原件"]),
                             org=rng.choice(["村民委员会", "社区居民委员会", "街道办事处"])))
    return rng.choice(["在调查处理过程中，", "另，根据在案证据，", "此外，"]) + "".join(out)


def act_quote(c: Case) -> str:
    rng = c.rng
    pn, an = c.v["Pn"], c.A0.short
    if "《" in c.act_title:
        name = c.act_title[c.act_title.index("《"):]
        body = f"{name}载明：" if chance(rng, 0.5) else f"{an}作出的{name}主要内容为："
        if c.cat == "行政处罚":
            body += (f"经查，{pn}{c.v.get('fact', '存在违法行为')}。上述事实有{c.v.get('good_ev', '相关证据')}等证据证实。"
                     f"{pn}的上述行为违反了相关法律规定。依据{c.v.get('law_used', '相关法律规定')}的规定，决定：{c.op.get('penalty', '作出如下处理')}。")
        elif c.cat == "政府信息公开":
            return (f"{name}载明：“{pn}：你于{c.v['apply_date']}提出的政府信息公开申请收悉。经审查，{c.v.get('reply', '现答复如下')}。"
                    f"根据《中华人民共和国政府信息公开条例》第三十六条的规定，特此告知。如对本答复不服，可以依法申请行政复议或者提起行政诉讼。”")
        elif "law_used" in c.v and "key_fact" in c.v:
            body += f"经审查，{c.v['key_fact']}。根据{c.v['law_used']}的规定，作出本决定。"
        else:
            return ""
        body += (f"如不服本决定，可以在收到本决定书之日起六十日内向{rng.choice([c.geo.dist + '人民政府', c.geo.city + '人民政府'])}申请行政复议，"
                 f"或者在六个月内依法向人民法院提起行政诉讼。")
        return body
    return f"庭审中，{an}确认{c.act_title.lstrip('于对将为与')}系由其组织实施。"


def court_collected(c: Case) -> str:
    """Material collected by the court itself and late evidence (very long documents)."""
    rng = c.rng
    pn, an = c.v["Pn"], c.A0.short
    org = rng.choice([f"{c.geo.dist}{rng.choice(TOWNS)}{rng.choice(['村民委员会', '社区居民委员会'])}", f"{c.geo.city}不动产登记中心",
                      f"{c.geo.dist}档案馆", f"{c.geo.city}公安局{c.geo.dist_short}分局户政部门"])
    return (f"审理过程中，本院依职权向{org}调取了与本案有关的{rng.choice(['档案材料', '登记资料', '证明材料'])}。该材料显示，"
            f"{pn}{rng.choice(['与本案被诉行为存在利害关系', '的身份信息及相关登记情况与其陈述一致', '曾于案涉期间办理过相关手续'])}。"
            f"各方当事人对该材料的真实性均无异议，本院予以确认。"
            f"庭审后，{an}补充提交了{rng.choice(['执法人员的执法证件复印件', '内部审批材料', '相关会议纪要'])}，"
            f"{pn}质证认为该证据{rng.choice(['超过举证期限', '系被告单方制作'])}，不应采信。对此，本院将结合其他证据综合判断。")


def hearing_supplement(c: Case) -> str:
    rng = c.rng
    pn, an = c.v["Pn"], c.A0.short
    return (f"庭审中，{pn}补充陈述称，{rng.choice(['其对相关事实一直存有异议', '其曾多次与被告沟通未果', '其合法权益因被诉行为受到严重影响'])}，"
            f"{rng.choice(['希望法院依法公正处理', '请求法院支持其诉讼请求'])}。{an}补充答辩称，{rng.choice(['其已充分听取了原告的意见', '被诉行为系依法作出', '原告所述与事实不符'])}，"
            f"{rng.choice(['坚持答辩意见', '请求驳回原告的诉讼请求'])}。双方均表示{rng.choice(['不同意调解', '无其他补充意见'])}。")


def background(c: Case) -> str:
    rng = c.rng
    p = c.P0
    if p.kind == "company":
        return (f"另查明，{pshort(p)}成立于{rng.randint(2003, 2019)}年{rng.randint(1, 12)}月，经营范围为"
                f"{rng.choice(['建材销售、建筑装饰材料批发零售', '食品销售、餐饮服务', '货物运输、仓储服务', '五金交电、日用百货销售', '教育咨询、文化艺术交流'])}等。")
    return rng.choice([f"另查明，{p.name}系{c.geo.dist}{rng.choice(TOWNS)}{rng.choice(VILLAGES)}村民，其户籍登记在该村。",
                       f"另查明，{p.name}自{rng.randint(2000, 2018)}年起在{c.geo.dist}居住生活。",
                       f"另查明，{p.name}曾就相关事项向有关部门反映，相关部门已作出书面回复。"])


def render_first(c: Case, chain: list[Court], dates: dict, long: bool) -> tuple[Doc, bool | None]:
    rng = c.rng
    court = chain[0]
    dismiss = c.outcome == "驳回起诉"
    word = "裁定" if dismiss else "判决"
    heard = not dismiss or chance(rng, 0.55)
    panel = "single" if (not dismiss and court.level in ("basic", "rail") and chance(rng, 0.15)) else "jury"

    def role_of(p: Party) -> str:
        return "原告" if is_in(p, c.plaintiffs) else ("被告" if is_in(p, c.defendants) else "第三人")

    head, att = represent(c, heard, heard, role_of)
    A = "被告" if chance(rng, 0.7) else f"被告{c.A0.short}"
    P = "原告" if chance(rng, 0.7) else f"原告{pshort(c.P0)}"
    body: list[tuple[str, str]] = [("经过", intro_first(c, court, heard, panel, att, dates))]
    pn = "、".join(p.name for p in c.plaintiffs)
    # 诉称
    if long and not dismiss:
        s = (f"原告{pn}诉称{rng.choice(['，', '：'])}" + "".join(c.story_p) + "被告的行为存在以下违法之处：" + long_claims(c, "被告", "原告")
             + std_story_p_tail(c) + f"请求：{c.request}。")
    elif chance(rng, 0.5):
        s = f"原告{pn}向本院提出诉讼请求：{c.request}。事实和理由：" + "".join(c.story_p) + allegations_text(c, "被告", "原告") + std_story_p_tail(c)
    else:
        s = f"原告{pn}诉称{rng.choice(['，', '：'])}" + "".join(c.story_p) + allegations_text(c, "被告", "原告") + f"请求{rng.choice(['：', '判令：', '人民法院'])}{c.request}。"
    body.append(("诉称", s))
    if not dismiss or heard:
        if long and not dismiss:
            d = f"被告{c.A0.short}辩称{rng.choice(['，', '：'])}" + long_defence(c) + std_story_d_tail(c)
        else:
            d = f"被告{c.A0.short}辩称{rng.choice(['，', '：'])}" + "".join(c.story_d) + std_story_d_tail(c)
        body.append(("辩称", d))
        if c.v.get("_xl"):
            body += [("辩称", x) for x in evidence_detail(c, "被告", "原告")]
        elif long and c.agency_ev:
            body.append(("辩称", evidence_list(c, c.agency_ev, "被告")))
        if c.thirds and c.third_said:
            body.append(("辩称", c.third_said))
        if long and not c.v.get("_xl"):
            body.append(("辩称", f"原告{pn}向本院提交了以下证据：{rng.choice(['身份证明', '身份证复印件'])}、{rng.choice(['现场照片', '相关文书复印件', '邮寄凭证'])}、{rng.choice(['证人证言', '录音资料', '情况说明'])}。"))
            body.append(("辩称", cross_exam(c, c.agency_ev) if chance(rng, 0.6) else rng.choice([
                "经庭审质证，各方当事人对对方提交证据的真实性均无异议，但对证明目的持有异议。本院对上述证据的真实性予以确认，其证明效力将结合案件事实予以综合认定。",
                "经庭审质证，原告对被告提交证据的合法性和关联性提出异议，认为相关证据不能证明被告主张的事实。对此，本院经审查认为，被告提交的证据来源合法，与本案具有关联性，本院予以采信；原告提交的证据能够证明其身份及相关情况，本院予以采信。",
                "上述证据均已随案移送。庭审中，双方围绕证据的真实性、合法性、关联性进行了质证，本院依法对证据作出认定并在卷佐证。",
            ])))
    # 查明
    facts = c.facts if not dismiss else c.facts[: max(1, len(c.facts) // 2)]
    fact_head = rng.choice(["经审理查明：", "本院经审理查明：", "经审理查明，", "本院认定事实如下：", "根据当事人的举证、质证及庭审陈述，本院确认以下事实："])
    if dismiss and not heard:
        fact_head = rng.choice(["经审查查明：", "经审查，"])
    if chance(rng, 0.5) or len(facts) < 3:
        body.append(("查明", fact_head + "".join(facts)))
    else:
        body.append(("查明", fact_head + "".join(facts[:2])))
        body.append(("查明", "".join(facts[2:])))
    if c.op.get("review"):
        body.append(("查明", c.op["review_fact"]))
    if long and not dismiss:
        body.append(("查明", background(c)))
    if c.v.get("_xl") and not dismiss and c.cat in INVESTIGATED:
        first_fact = next(k for k, (sec, _) in enumerate(body) if sec == "查明")
        body.insert(first_fact + 1, ("查明", chronology(c)))
        if act_quote(c):
            body.append(("查明", act_quote(c)))
        body.append(("查明", hearing_supplement(c)))
        if c.v.get("_xxl"):
            body.append(("查明", court_collected(c)))
    # 本院认为
    opening = rng.choice(["本院认为，", "本院认为：", "本院认为，"])
    if dismiss:
        paras = dismiss_paragraphs(c, A, P)
    else:
        paras = merits_paragraphs(c, A, P, c.outcome, c.defects, c.alleged, marked=True)
        if c.op.get("review"):
            paras.append(review_sentence(c, c.outcome in AGAINST_AGENCY))
        paras.append(conclusion_first(c, c.outcome, c.defects, A, P, word))
    paras[0] = opening + paras[0]
    for p in paras:
        body.append(("认为", p))
    ops = number_items(rng, ops_first(c, c.outcome))
    tail = [x for x in (costs_first(c, c.outcome), appeal_notice(c, chain[1], word)) if x]
    panel_members = judges(c, panel)
    title = "行政判决书" if word == "判决" else "行政裁定书"
    if dismiss and chance(rng, 0.04):
        title = "行政判决书"  # mis-headed document: the operative part decides (裁定如下)
    caseno = dates["no1"]
    return Doc(court.name, title, caseno, party_lines(c, role_of), body, ops, tail, sign_lines(c, panel_members, c.J)), head


def review_sentence(c: Case, against: bool) -> str:
    rev, title = c.op["review"]
    if against:
        return c.rng.choice([f"{rev.short}作出的{title}维持了{c.act}，亦应一并予以撤销。",
                             f"复议机关{rev.short}维持{c.act}的复议决定亦属错误，应一并撤销。"])
    return c.rng.choice([f"{rev.short}受理复议申请后，依法作出复议决定，复议程序合法。",
                         f"复议机关{rev.short}作出的复议决定认定事实清楚，程序合法。"])


OUTCOME_DESC = {
    "撤销": "撤销被诉行政行为", "部分撤销": "部分撤销被诉行政行为", "确认违法": "确认被诉行政行为违法",
    "确认无效": "确认被诉行政行为无效", "责令履行": "责令被告履行法定职责", "变更": "变更被诉行政行为",
    "驳回诉讼请求": "驳回原告的诉讼请求", "驳回起诉": "驳回原告的起诉", "赔偿": "判决被告予以赔偿",
}


def inner_reasoning(c: Case, A: str, P: str, court_label: str) -> str:
    """A condensed first-instance reasoning, quoted in appellate / retrial documents (never marked)."""
    rng = c.rng
    o = c.merits
    if o == "驳回起诉":
        tmpl, _ = DISMISS_REASONS[c.dismiss_reason]
        know = add_days(c.act_date, rng.randint(1, 20))
        s = tmpl.format(P=P, A=A, act=c.act, know=ad(know), sue=ad(c.F1), acpl=ACPL,
                        nature=rng.choice(["信访答复", "过程性行为", "内部行为"]))
        return f"{court_label}认为，{s}遂裁定驳回{P}的起诉。"
    found = c.inner_defects if o in AGAINST_AGENCY else []
    deny = [] if found else (c.alleged or ["EVIDENCE"])
    paras = merits_paragraphs(c, A, P, o, found, deny, marked=False, with_competence=chance(rng, 0.6))
    if found:
        concl = f"{c.act}{summarize(c, found)}，依法应予{'撤销' if is_revoke(o) else '纠正'}。"
    else:
        concl = rng.choice([f"{P}的诉讼请求缺乏事实和法律依据，依法应予驳回。", f"{P}的诉讼理由不能成立。"])
    return (f"{court_label}认为，" + "".join(paras) + concl).replace("本院", "该院")


def render_appeal(c: Case, chain: list[Court], dates: dict, long: bool) -> tuple[Doc, bool | None]:
    rng = c.rng
    lower, court = chain[0], chain[1]
    var = c.variant
    inner_word = "裁定" if c.merits == "驳回起诉" else "判决"
    ruling = var in ("keep_dismiss", "remand", "resume")
    agency_app = c.appellant_agency

    def role_of(p: Party) -> str:
        if is_in(p, c.plaintiffs):
            return "被上诉人（原审原告）" if agency_app else "上诉人（原审原告）"
        if is_in(p, c.defendants):
            return "上诉人（原审被告）" if agency_app else "被上诉人（原审被告）"
        return "原审第三人"

    def role_short(p: Party) -> str:
        return role_of(p).split("（")[0]

    c.v["_order"] = "ap" if agency_app else "pa"
    heard = chance(rng, 0.6)
    with_reps = heard or chance(rng, 0.8)
    head, att = represent(c, heard, with_reps, role_short)
    A = role_short(c.A0) + (c.A0.short if chance(rng, 0.4) else "")
    P = role_short(c.P0) + (pshort(c.P0) if chance(rng, 0.3) else "")
    app = c.defendants[0] if agency_app else c.P0
    app_name = app.short if agency_app else "、".join(p.name for p in c.plaintiffs)
    other = ("、".join(p.name for p in c.plaintiffs)) if agency_app else c.A0.name
    inner_no = dates["no1p"]
    body: list[tuple[str, str]] = []
    s = (f"上诉人{app_name}因{'与被上诉人' + other if chance(rng, 0.6) else ''}{cause_name(c)}一案，不服{lower.short}{inner_no}行政{inner_word}，"
         f"向本院提起上诉。本院于{ad(dates['F2'])}立案后，依法组成合议庭，")
    if heard:
        s += f"于{ad(dates['H'])}公开开庭审理了本案。" + att
    else:
        s += rng.choice(["对本案进行了审理。", "因本案事实清楚，依法不开庭进行了审理。", "经过阅卷、调查和询问当事人，对本案进行了审理。"])
    s += "本案现已审理终结。"
    body.append(("经过", s))
    xl = bool(c.v.get("_xl"))
    if long:
        body.append(("一审", f"{'、'.join(p.name for p in c.plaintiffs)}向一审法院起诉请求：{c.request}。" + "".join(c.story_p)
                     + (("其主要理由为：" + long_claims(c, "被告", "原告")) if xl else "")))
        body.append(("一审", f"{c.A0.short}在一审中辩称：" + long_defence(c)))
        if xl:
            for x in evidence_detail(c, "被告", "原告"):
                x = x.replace("本院", "一审法院")
                body.append(("一审", x if x.startswith(("经庭审", "一审法院")) else "一审中，" + x))
    if c.merits != "驳回起诉" or chance(rng, 0.5):
        facts = c.facts[:] if long else c.facts[: rng.randint(2, max(2, len(c.facts)))]
        body.append(("一审", rng.choice(["一审法院查明：", "一审法院经审理查明：", "原审法院查明，"]) + "".join(facts)))
        if xl:
            if c.cat in INVESTIGATED:
                body.append(("一审", chronology(c)))
            if act_quote(c):
                body.append(("一审", act_quote(c)))
            if c.v.get("_xxl"):
                body.append(("一审", court_collected(c).replace("本院", "一审法院")))
    lbl = rng.choice(["一审法院", "原审法院"])
    body.append(("一审", inner_reasoning(c, "被告", "原告", lbl)))
    inner_ops = ops_first(c, c.merits)
    body.append(("一审", rng.choice(["据此，一审法院", "一审法院遂", "一审法院依照相关法律规定，"]) + f"{inner_word}：" + inline_items(inner_ops)))
    # appeal grounds
    if agency_app:
        g = (f"上诉人{app_name}不服一审{inner_word}，上诉称：一审{inner_word}认定事实{rng.choice(['错误', '不清'])}。"
             + "".join(c.story_d).replace("原告", "被上诉人").replace("被告", "上诉人")
             + f"请求撤销一审{inner_word}，{rng.choice(['改判驳回被上诉人的诉讼请求', '依法改判或发回重审'])}。")
    else:
        g = (f"上诉人{app_name}不服一审{inner_word}，上诉称{rng.choice(['：', '，'])}一审{inner_word}{rng.choice(['认定事实不清，适用法律错误', '认定事实错误', '适用法律错误，依法应予纠正'])}。"
             + (("主要理由如下：" + long_claims(c, "被上诉人", "上诉人")) if long and c.alleged else allegations_text(c, "被上诉人", "上诉人"))
             + f"请求撤销一审{inner_word}，{rng.choice(['依法改判支持上诉人的一审诉讼请求', '发回重审或者依法改判', '支持上诉人的全部诉讼请求'])}。")
    body.append(("上诉", g))
    resp = c.P0 if agency_app else c.A0
    if xl and agency_app:
        body.append(("上诉", f"被上诉人{pshort(resp)}答辩称：" + "".join(c.story_p).replace("原告", "被上诉人").replace("被告", "上诉人")
                     + "一审法院查明事实清楚，适用法律正确。具体理由如下：" + long_claims(c, "上诉人", "被上诉人") + "请求驳回上诉，维持原判。"))
    elif xl:
        body.append(("上诉", f"被上诉人{pshort(resp)}答辩称：" + long_defence(c, "被上诉人", "上诉人") + "一审判决正确，请求驳回上诉，维持原判。"))
    else:
        body.append(("上诉", rng.choice([
            f"被上诉人{pshort(resp)}答辩称：一审{inner_word}认定事实清楚，适用法律正确，请求驳回上诉，维持原{inner_word}。",
            f"被上诉人{pshort(resp)}{rng.choice(['未提交书面答辩意见', '答辩称，同意一审' + inner_word + '，请求驳回上诉'])}。",
        ])))
    if xl:
        body.append(("上诉", f"二审期间，上诉人向本院提交了{rng.choice(['一份情况说明', '两张现场照片', '一份证人证言', '相关部门的答复意见'])}，拟证明{rng.choice(['一审认定事实错误', '其上诉主张成立'])}。"
                     f"被上诉人质证认为，该证据{rng.choice(['不属于新证据', '不能证明上诉人的主张', '与本案缺乏关联性'])}。"
                     f"对此，本院认证如下：该证据{rng.choice(['不属于二审新证据', '不能达到上诉人的证明目的', '与本案争议事实缺乏关联'])}，本院不予采纳。"))
    body.append(("查明", rng.choice([
        f"本院经审理查明的事实与一审{inner_word}认定的事实一致，本院予以确认。",
        "二审中，各方当事人均未提交新的证据。本院对一审法院查明的事实予以确认。",
        "经审理，本院对一审法院查明的事实予以确认。",
    ])))
    # reasoning
    paras: list[str] = []
    pn = "、".join(p.name for p in c.plaintiffs)
    if var == "keep_against":
        paras += merits_paragraphs(c, A, P, c.merits, c.defects, c.alleged, marked=True, with_competence=chance(rng, 0.5))
        paras.append(f"一审{inner_word}{OUTCOME_DESC[c.merits].replace('原告', P).replace('被告', A)}，{rng.choice(['并无不当', '结果正确', '处理正确'])}，本院予以维持。上诉人的上诉理由不能成立，本院不予支持。"
                     f"依照{ACPL}{cite_item(rng, '八十九', 1, '一')}的规定，判决如下：")
        ops = ["驳回上诉，维持原判。"]
    elif var in ("keep_for",):
        paras += merits_paragraphs(c, A, P, "驳回诉讼请求", [], c.alleged or ["EVIDENCE"], marked=True, with_competence=chance(rng, 0.6))
        paras.append(f"一审判决驳回{P}的诉讼请求{rng.choice(['正确', '并无不当'])}。上诉人的上诉请求缺乏事实和法律依据，本院不予支持。"
                     f"依照{ACPL}{cite_item(rng, '八十九', 1, '一')}的规定，判决如下：")
        ops = ["驳回上诉，维持原判。"]
    elif var == "keep_dismiss":
        tmpl, _ = DISMISS_REASONS[c.dismiss_reason]
        know = add_days(c.act_date, rng.randint(1, 20))
        paras.append(tmpl.format(P=P, A=A, act=c.act, know=ad(know), sue=ad(c.F1), acpl=ACPL,
                                 nature=rng.choice(["信访答复", "过程性行为", "内部行为"])))
        if c.alleged:
            paras.append(f"上诉人提出的{c.act}违法的理由，涉及实体问题，因其起诉不符合法定条件，本院不予审查。")
        paras.append(f"一审裁定驳回{P}的起诉并无不当。依照{ACPL}{cite_item(rng, '八十九', 1, '一')}的规定，裁定如下：")
        ops = ["驳回上诉，维持原裁定。"]
    elif var == "rev_against":
        final = c.op["final"]
        paras += merits_paragraphs(c, A, P, final, c.defects, c.alleged, marked=True, with_competence=chance(rng, 0.5))
        paras.append(f"一审判决驳回{P}的诉讼请求，{rng.choice(['属于认定事实错误', '适用法律错误', '处理结果不当'])}，本院依法予以纠正。"
                     + conclusion_first(c, final, c.defects, A, P, "判决").replace("综上，", "").replace("综上所述，", "").replace("据此，", "")
                     .replace("判决如下：", "").rstrip("，") + f"、{ACPL}{cite_item(rng, '八十九', 2, '一')}的规定，判决如下：")
        items = [f"撤销{lower.short}{inner_no}行政判决"] + ops_first(c, final, P_role="", A_role="")
        ops = number_items(rng, items)
    elif var == "rev_for":
        phrase = summarize(c, c.inner_defects)
        paras.append(rng.choice([
            f"一审法院以{c.act}{phrase}为由{OUTCOME_DESC[c.merits].replace('被诉行政行为', '').replace('原告', P).replace('被告', A) or '作出判决'}，经审查，该认定与在案证据不符。",
            f"一审判决认定{c.act}{phrase}，缺乏事实和法律依据，本院予以纠正。",
            f"对于一审法院认定的{c.act}{phrase}的问题，经查，该认定不能成立。",
        ]))
        paras += merits_paragraphs(c, A, P, "驳回诉讼请求", [], [x for x in c.inner_defects if x != "MINOR_PROC"] or ["PROCEDURE"],
                                   marked=True, with_competence=chance(rng, 0.6))
        paras.append(f"综上，{c.act}认定事实清楚，适用法律正确，程序合法。一审判决{OUTCOME_DESC[c.merits].replace('原告', P).replace('被告', A)}错误，应予纠正。"
                     f"依照{ACPL}{cite_item(rng, '八十九', 2, '一')}、第六十九条的规定，判决如下：")
        ops = number_items(rng, [f"撤销{lower.short}{inner_no}行政判决", f"驳回{pn}的诉讼请求"])
    elif var == "remand":
        reason, item = rng.choice([
            (f"{c.thirds[0].name if c.thirds else '相关权利人'}与本案被诉行政行为有利害关系，系必须参加诉讼的当事人，一审法院未通知其参加诉讼，遗漏了当事人，严重违反法定程序。", 4),
            (f"一审法院在未查明{c.v.get('unclear', '相关事实')}的情况下即作出判决，认定基本事实不清、证据不足。", 3),
            (f"一审法院未依法传唤{P}即缺席判决，剥夺了当事人的辩论权利，严重违反法定程序。", 4),
        ])
        paras.append(reason)
        paras.append(f"依照{ACPL}{cite_item(rng, '八十九', item, '一')}的规定，裁定如下：")
        ops = number_items(rng, [f"撤销{lower.short}{inner_no}行政判决", f"本案发回{lower.short}重审"])
    else:  # resume
        paras.append(f"{P}的起诉符合{ACPL}第四十九条规定的起诉条件，且未超过法定起诉期限，一审裁定驳回其起诉不当，应予纠正。")
        paras.append(f"依照{ACPL}{cite_item(rng, '八十九', 2, '一')}、{INTERP}第一百零九条第一款的规定，裁定如下：")
        ops = number_items(rng, [f"撤销{lower.short}{inner_no}行政裁定", f"本案指令{lower.short}继续审理"])
    paras[0] = rng.choice(["本院认为，", "本院认为：", "本院认为，"]) + paras[0]
    body += [("认为", p) for p in paras]
    if var in ("remand", "resume"):
        tail = [rng.choice(["上诉人预交的二审案件受理费50元予以退还。", ""]), "本裁定为终审裁定。"]
    elif var == "keep_dismiss":
        tail = ["本裁定为终审裁定。"]
    elif var == "rev_against":
        tail = [f"一、二审案件受理费各50元，均由{c.A0.short}负担。", "本判决为终审判决。"]
    elif var == "rev_for":
        tail = [f"一、二审案件受理费各50元，均由{pn}负担。", "本判决为终审判决。"]
    else:
        tail = [f"二审案件受理费50元，由上诉人{app_name}负担。", "本判决为终审判决。"]
    tail = [t for t in tail if t]
    title = "行政裁定书" if ruling else "行政判决书"
    return Doc(court.name, title, dates["no2"], party_lines(c, role_of), body, ops, tail,
               sign_lines(c, judges(c, "panel"), c.J)), head


def render_retrial_review(c: Case, chain: list[Court], dates: dict, long: bool) -> tuple[Doc, bool | None]:
    rng = c.rng
    lower, mid, court = chain[0], chain[1], chain[2]
    agency_app = c.appellant_agency
    inner_word = "裁定" if c.merits == "驳回起诉" else "判决"

    def role_of(p: Party) -> str:
        if is_in(p, c.plaintiffs):
            return "被申请人（一审原告、二审被上诉人）" if agency_app else "再审申请人（一审原告、二审上诉人）"
        if is_in(p, c.defendants):
            return "再审申请人（一审被告、二审上诉人）" if agency_app else "被申请人（一审被告、二审被上诉人）"
        return "原审第三人"

    def role_short(p: Party) -> str:
        return role_of(p).split("（")[0]

    c.v["_order"] = "ap" if agency_app else "pa"
    mode = wpick(rng, [("asked", 40), ("reps", 20), ("none", 40)])
    head, att = represent(c, mode == "asked", mode != "none", role_short)
    A = role_short(c.A0) + (c.A0.short if chance(rng, 0.4) else "")
    P = role_short(c.P0) + (pshort(c.P0) if chance(rng, 0.3) else "")
    app_name = c.A0.short if agency_app else "、".join(p.name for p in c.plaintiffs)
    other = "、".join(p.name for p in c.plaintiffs) if agency_app else c.A0.name
    body: list[tuple[str, str]] = []
    s = (f"再审申请人{app_name}因与被申请人{other}{cause_name(c)}一案，不服{mid.short}{dates['no2p']}行政{inner_word}，向本院申请再审。"
         f"本院依法组成合议庭进行了审查，{('并于' + ad(dates['H']) + '询问了当事人，' + att) if mode == 'asked' else ''}现已审查终结。")
    body.append(("经过", s))
    if long or chance(rng, 0.5):
        body.append(("一审", f"{lower.short}{'一审' if chance(rng, 0.5) else ''}查明：" + "".join(c.facts[:3])))
        body.append(("一审", inner_reasoning(c, "被告", "原告", lower.short)))
        body.append(("一审", f"{lower.short}{inner_word}：" + inline_items(ops_first(c, c.merits))))
        body.append(("一审", f"{'、'.join(p.name for p in c.plaintiffs) if c.merits not in AGAINST_AGENCY else c.A0.short}不服，提起上诉。{mid.short}二审认为，一审{inner_word}认定事实清楚，适用法律正确，{inner_word}驳回上诉，维持原{inner_word}。"))
    else:
        body.append(("一审", f"{lower.short}作出{dates['no1p']}行政{inner_word}，{OUTCOME_DESC[c.merits]}。{mid.short}二审{inner_word}驳回上诉，维持原{inner_word}。"))
    if agency_app:
        g = f"{app_name}申请再审称：原审{inner_word}认定事实错误。" + "".join(c.story_d).replace("原告", "被申请人").replace("被告", "再审申请人") + f"请求撤销一、二审{inner_word}，再审本案。"
    else:
        g = (f"{app_name}申请再审称{rng.choice(['：', '，'])}原审{inner_word}认定事实不清，适用法律错误。" + allegations_text(c, "被申请人", "再审申请人")
             + f"请求撤销一、二审{inner_word}，{rng.choice(['依法再审', '再审支持其诉讼请求', '提审本案'])}。")
    body.append(("申请", g + rng.choice(["", f"其申请再审的理由符合{ACPL}第九十一条第（三）项、第（四）项规定的情形。"])))
    if chance(rng, 0.4):
        resp = c.P0 if agency_app else c.A0
        body.append(("申请", f"{pshort(resp)}提交意见称，原审{inner_word}认定事实清楚，适用法律正确，请求驳回再审申请。"))
    paras: list[str] = []
    if c.variant == "reject_citizen":
        if c.merits == "驳回起诉":
            tmpl, _ = DISMISS_REASONS[c.dismiss_reason]
            know = add_days(c.act_date, rng.randint(1, 20))
            paras.append(tmpl.format(P=P, A=A, act=c.act, know=ad(know), sue=ad(c.F1), acpl=ACPL,
                                     nature=rng.choice(["信访答复", "过程性行为", "内部行为"])) + f"原审裁定驳回{P}的起诉，并无不当。")
        else:
            paras += merits_paragraphs(c, A, P, "驳回诉讼请求", [], c.alleged or ["EVIDENCE"], marked=True, with_competence=chance(rng, 0.5))
            paras.append(f"原审{inner_word}驳回{P}的诉讼请求{rng.choice(['并无不当', '正确'])}。")
        paras.append(f"综上，{app_name}的再审申请不符合{ACPL}第九十一条规定的情形。依照{INTERP}第一百一十六条第二款的规定，裁定如下：")
        ops = [f"驳回{app_name}的再审申请。"]
    elif c.variant == "reject_agency":
        paras += merits_paragraphs(c, A, P, c.merits, c.defects, [], marked=True, with_competence=chance(rng, 0.5))
        paras.append(f"原审{inner_word}{OUTCOME_DESC[c.merits].replace('原告', P).replace('被告', A)}并无不当。{app_name}的再审申请理由不能成立。"
                     f"依照{INTERP}第一百一十六条第二款的规定，裁定如下：")
        ops = [f"驳回{app_name}的再审申请。"]
    else:
        issue = rng.choice([f"{c.act}是否合法的问题", f"原审{inner_word}对{c.v.get('unclear', '相关事实')}的认定", "原审判决适用法律的问题"])
        paras.append(f"{app_name}的再审申请涉及{issue}，原审{inner_word}可能存在错误，{rng.choice(['本案有必要进一步审理', '需要进一步审查核实'])}。")
        if chance(rng, 0.5):
            paras.append(f"依照{ACPL}第九十一条第（四）项、第九十二条第二款，{INTERP}第一百一十八条第一款的规定，裁定如下：")
            ops = number_items(rng, ["本案由本院提审", f"再审期间，中止原{inner_word}的执行"])
        else:
            paras.append(f"依照{ACPL}第九十一条第（三）项、第九十二条第二款的规定，裁定如下：")
            ops = number_items(rng, [f"本案指令{mid.short}再审", f"再审期间，中止原{inner_word}的执行"])
    paras[0] = rng.choice(["本院认为，", "本院认为：", "经审查，本院认为，"]) + paras[0]
    body += [("认为", p) for p in paras]
    return Doc(court.name, "行政裁定书", dates["no3"], party_lines(c, role_of), body, ops, [],
               sign_lines(c, judges(c, "panel"), c.J)), head


def render_retrial(c: Case, chain: list[Court], dates: dict, long: bool) -> tuple[Doc, bool | None]:
    rng = c.rng
    lower, mid, court = chain[0], chain[1], chain[2]
    agency_app = c.appellant_agency

    def role_of(p: Party) -> str:
        if is_in(p, c.plaintiffs):
            return "被申请人（一审原告、二审被上诉人）" if agency_app else "再审申请人（一审原告、二审上诉人）"
        if is_in(p, c.defendants):
            return "再审申请人（一审被告、二审上诉人）" if agency_app else "被申请人（一审被告、二审被上诉人）"
        return "原审第三人"

    def role_short(p: Party) -> str:
        return role_of(p).split("（")[0]

    c.v["_order"] = "ap" if agency_app else "pa"
    head, att = represent(c, True, True, role_short)
    A = role_short(c.A0) + (c.A0.short if chance(rng, 0.4) else "")
    P = role_short(c.P0) + (pshort(c.P0) if chance(rng, 0.3) else "")
    app_name = c.A0.short if agency_app else "、".join(p.name for p in c.plaintiffs)
    other = "、".join(p.name for p in c.plaintiffs) if agency_app else c.A0.name
    pn = "、".join(p.name for p in c.plaintiffs)
    body: list[tuple[str, str]] = []
    body.append(("经过", f"再审申请人{app_name}因与被申请人{other}{cause_name(c)}一案，不服{mid.short}{dates['no2p']}行政判决，向本院申请再审。"
                        f"本院于{ad(dates['R'])}作出{dates['no_shen']}行政裁定，提审本案。本院依法组成合议庭，于{ad(dates['H'])}公开开庭审理了本案。{att}本案现已审理终结。"))
    body.append(("一审", f"{lower.short}一审查明：" + "".join(c.facts)))
    body.append(("一审", inner_reasoning(c, "被告", "原告", f"{lower.short}一审")))
    body.append(("一审", f"{lower.short}判决：" + inline_items(ops_first(c, c.merits))))
    body.append(("一审", f"{pn if c.merits not in AGAINST_AGENCY else c.A0.short}不服，提起上诉。{mid.short}二审认为，一审判决认定事实清楚，适用法律正确，判决驳回上诉，维持原判。"))
    if agency_app:
        g = f"{app_name}申请再审称：原审判决认定事实错误。" + "".join(c.story_d).replace("原告", "被申请人").replace("被告", "再审申请人")
    else:
        g = f"{app_name}申请再审称：原审判决认定事实不清，适用法律错误。" + allegations_text(c, "被申请人", "再审申请人")
    body.append(("申请", g + "请求撤销一、二审判决，依法改判。"))
    body.append(("申请", f"{pshort(c.P0) if agency_app else c.A0.short}答辩称，原审判决正确，请求予以维持。"))
    body.append(("查明", "本院再审查明的事实与原审查明的事实一致，本院予以确认。"))
    paras: list[str] = []
    if c.variant == "rev_against":
        final = c.op["final"]
        paras += merits_paragraphs(c, A, P, final, c.defects, c.alleged, marked=True, with_competence=chance(rng, 0.5))
        paras.append(f"一、二审判决驳回{P}的诉讼请求错误，本院依法予以纠正。依照{ACPL}{cite_item(rng, '八十九', 2, '一')}、{INTERP}第一百一十九条、第一百二十二条的规定，判决如下：")
        ops = number_items(rng, [f"撤销{mid.short}{dates['no2p']}行政判决和{lower.short}{dates['no1p']}行政判决"] + ops_first(c, final, "", ""))
        tail = [f"一、二审案件受理费各50元，由{c.A0.short}负担。"]
    elif c.variant == "rev_for":
        phrase = summarize(c, c.inner_defects)
        paras.append(f"原审判决认定{c.act}{phrase}，{rng.choice(['与在案证据不符', '缺乏事实和法律依据', '系对法律规定的错误理解'])}。")
        paras += merits_paragraphs(c, A, P, "驳回诉讼请求", [], [x for x in c.inner_defects if x != "MINOR_PROC"] or ["PROCEDURE"],
                                   marked=True, with_competence=chance(rng, 0.5))
        paras.append(f"综上，原审判决{OUTCOME_DESC[c.merits].replace('原告', P).replace('被告', A)}错误，应予纠正。依照{ACPL}{cite_item(rng, '八十九', 2, '一')}、第六十九条，{INTERP}第一百二十二条的规定，判决如下：")
        ops = number_items(rng, [f"撤销{mid.short}{dates['no2p']}行政判决和{lower.short}{dates['no1p']}行政判决", f"驳回{pn}的诉讼请求"])
        tail = [f"一、二审案件受理费各50元，由{pn}负担。"]
    else:
        paras += merits_paragraphs(c, A, P, "驳回诉讼请求", [], c.alleged or ["EVIDENCE"], marked=True, with_competence=True)
        paras.append(f"原审判决认定事实清楚，适用法律正确，应予维持。依照{ACPL}{cite_item(rng, '八十九', 1, '一')}、{INTERP}第一百二十二条的规定，判决如下：")
        ops = [f"维持{mid.short}{dates['no2p']}行政判决。"]
        tail = []
    paras[0] = rng.choice(["本院认为，", "再审中，本院认为：", "本院认为："]) + paras[0]
    body += [("认为", p) for p in paras]
    tail.append("本判决为终审判决。")
    return Doc(court.name, "行政判决书", dates["no_zai"], party_lines(c, role_of), body, ops, tail,
               sign_lines(c, judges(c, "panel"), c.J)), head


NONLIT_ITEM = {"ULTRA_VIRES": 1, "EVIDENCE": 2, "LAW": 3}


def render_nonlit(c: Case, chain: list[Court], dates: dict, long: bool) -> tuple[Doc, bool | None]:
    rng = c.rng
    court = chain[0]

    def role_of(p: Party) -> str:
        return "被执行人" if is_in(p, c.plaintiffs) else ("申请执行人" if is_in(p, c.defendants) else "第三人")

    c.v["_order"] = "ap"
    c.thirds = []
    represent(c, False, False, role_of)
    A = rng.choice(["申请执行人", f"申请执行人{c.A0.short}"])
    P = rng.choice(["被执行人", f"被执行人{pshort(c.P0)}"])
    an = c.A0.name
    body: list[tuple[str, str]] = []
    body.append(("经过", f"申请执行人{an}{rng.choice(['于' + ad(dates['F1']) + '向本院申请强制执行其作出的', '申请强制执行其作出的'])}{c.act_title}，本院{rng.choice(['于' + ad(dates['F1r']) + '立案受理', '受理'])}后，依法组成合议庭对该行政行为进行了{rng.choice(['合法性审查', '审查'])}，现已审查终结。"))
    facts = "".join(x for x in c.facts if "提起行政诉讼" not in x and "诉至本院" not in x)
    body.append(("查明", rng.choice(["经审查查明：", "经审查，", "本院经审查查明："]) + facts
                 + f"{c.P0.name if c.P0.kind == 'person' else pshort(c.P0)}在法定期限内未申请行政复议，也未提起行政诉讼，"
                 + rng.choice(["经申请执行人催告后仍未履行。", "且至今未履行上述决定确定的义务。", f"申请执行人于{ad(add_days(dates['F1'], -rng.randint(15, 40)))}向其送达了催告书，其仍未履行。"])))
    if c.alleged and rng.random() < 0.8:
        body.append(("查明", f"{P}{rng.choice(['向本院提交书面意见称', '在审查中提出'])}，" + "，".join(allegation(c, x, "申请执行人", "其") for x in c.alleged) + "。"))
    paras: list[str] = []
    dispose = c.op.get("nonlit_duty") or c.act_plain
    if c.outcome == "准予执行":
        paras.append(competence_sentence(c, A, P))
        if c.alleged:
            for x in c.alleged:
                d = deny_sentence(c, x, A, P)
                if d:
                    paras.append(d)
        paras.append(rng.choice([
            f"{c.act}认定事实清楚，证据充分，适用法律、法规正确，程序合法，{P}在法定期限内既未申请行政复议也未提起行政诉讼，又不履行义务，{A}的申请符合法律规定，本院予以准许。",
            f"经审查，{c.act}不存在{INTERP}第一百六十一条规定的不准予执行的情形，{A}的申请符合法定条件。",
        ]) + f"依照{ACPL}第九十七条、{INTERP}第一百五十五条、第一百六十条的规定，裁定如下：")
        ops = [f"对申请执行人{an}作出的{c.act_title}{rng.choice(['，准予强制执行', '准予强制执行', '，准予执行'])}。"]
        if chance(rng, 0.3):
            ops = number_items(rng, [ops[0].rstrip("。"), rng.choice([f"由{an}负责组织实施", "由本院执行"])])
        tail = [rng.choice(["本裁定送达后即发生法律效力。", "本裁定为终审裁定。", ""])]
    else:
        paras.append(rng.choice([competence_sentence(c, A, P), f"根据{INTERP}第一百六十条、第一百六十一条的规定，人民法院应当对申请执行的行政行为的合法性进行审查。"]))
        sents = []
        for code in c.defects:
            sents.append(found_sentence(c, code, A, P, "不准予执行", True))
        paras.append("".join(sents))
        items = sorted({NONLIT_ITEM.get(x, 4) for x in c.defects})
        paras.append(f"{c.act}存在{INTERP}第一百六十一条第一款" + "、".join(f"第（{ITEM_CN[i]}）项" for i in items)
                     + f"规定的情形，依法不准予执行。依照{INTERP}第一百六十条、第一百六十一条第一款的规定，裁定如下：")
        ops = [f"对申请执行人{an}作出的{c.act_title}{rng.choice(['，不准予强制执行', '不准予执行', '，不准予执行'])}。"]
        tail = [f"申请执行人如不服本裁定，可以自收到裁定书之日起十五日内向{chain[1].short}申请复议。" if chance(rng, 0.6) else "本裁定送达后即发生法律效力。"]
    _ = dispose
    paras[0] = rng.choice(["本院认为，", "本院认为：", "经审查，本院认为，"]) + paras[0]
    body += [("认为", p) for p in paras]
    tail = [t for t in tail if t]
    return Doc(court.name, "行政裁定书", dates["no1"], party_lines(c, role_of), body, ops, tail,
               sign_lines(c, judges(c, rng.choice(["panel", "jury"])), c.J)), None


# ---------------------------------------------------------------------------
# extra twists applied after the category builder
# ---------------------------------------------------------------------------


def maybe_add_review(c: Case) -> None:
    """复议机关维持原行为 → 共同被告 (category stays the original action; 行政复议 is an accepted alternative)."""
    rng = c.rng
    if c.proc not in ("一审", "二审") or c.cat not in ("行政处罚", "行政确认", "行政许可") or not chance(rng, 0.15):
        return
    if c.merits == "驳回起诉":
        return
    rev = make_agency(rng, c.geo, "gov_dist" if chance(rng, 0.7) else "gov_city", c.names)
    gap = max((c.F1 - c.act_date).days, 20)
    d1 = add_days(c.act_date, rng.randint(5, max(6, gap // 3)))
    d2 = add_days(d1, rng.randint(10, max(11, gap // 2)))
    br = rng.choice([("〔", "〕"), ("[", "]")])
    title = f"{rev.short[:2]}复决字{br[0]}{d2.year}{br[1]}{rng.randint(5, 300)}号《行政复议决定书》"
    c.defendants.append(rev)
    c.op["review"] = (rev, title)
    pn = c.v["Pn"]
    c.op["review_fact"] = f"{pn}不服，于{ad(d1)}向{rev.short}申请行政复议。{rev.short}于{ad(d2)}作出{title}，维持了{c.act_title if '《' in c.act_title else c.act}。"
    c.category_alt = sorted(set(c.category_alt) | {"行政复议"})
    c.request += f"，并撤销被告{rev.name}作出的{title}"
    c.story_d.append(f"被告{rev.short}辩称，其受理原告的复议申请后依法进行了审查，在法定期限内作出复议决定，复议程序合法。")


def add_dismiss_fact(c: Case) -> None:
    """Facts behind a dismissal for repeated suit or lack of standing (the others are in the builders)."""
    rng, pn = c.rng, c.v["Pn"]
    if c.dismiss_reason == "repeat":
        prior = add_days(c.F1, -rng.randint(200, 500))
        c.facts.append(f"另查明，{pn}曾于{ad(prior)}就同一事项向人民法院提起诉讼，该案已经作出生效裁判。")
    elif c.dismiss_reason == "standing":
        c.facts.append(rng.choice([f"在案证据不能证明{pn}系相关不动产的权利人或者实际使用人。",
                                   f"{pn}并非被诉行政行为的相对人，其主张的权益与被诉行政行为之间不存在直接关联。"]))


def maybe_add_comp(c: Case) -> None:
    if c.proc == "一审" and c.cat == "行政强制执行" and c.merits == "确认违法" and chance(c.rng, 0.2):
        c.op["with_comp"] = True
        c.request += f"，并判令被告赔偿原告损失{int(c.op['comp'] * 1.6)}元"
        c.category_alt = sorted(set(c.category_alt) | {"行政赔偿"})


# ---------------------------------------------------------------------------
# assembling one document
# ---------------------------------------------------------------------------

_HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"})


def assemble(c: Case, doc: Doc) -> str:
    rng = c.rng
    indent = rng.choice(["", "", "　　", "　　", "　　", "    ", "  "])
    pind = indent if chance(rng, 0.5) else ""
    sep = "\n\n" if chance(rng, 0.22) else "\n"
    headings = chance(rng, 0.18)
    halfwidth = chance(rng, 0.12)
    center = rng.choice(["", "", "", "　　　　　　", "          "])
    title = doc.title if chance(rng, 0.65) else " ".join(doc.title)
    lines = [center + doc.court, center + title]
    lines.append(doc.caseno if chance(rng, 0.7) else " " * rng.randint(12, 30) + doc.caseno)
    for pl in doc.parties:
        lines.append(pind + pl)
    last = None
    for sec, para in doc.body:
        if headings and sec != last and sec in HEADINGS:
            lines.append(rng.choice(HEADINGS[sec]))
        last = sec
        if halfwidth and chance(rng, 0.4):
            para = para.translate(_HALF)
        lines.append(indent + para)
    if headings:
        lines.append(rng.choice(HEADINGS["主文"]))
    for op in doc.ops:
        lines.append(indent + op)
    for t in doc.tail:
        lines.append(indent + t)
    sign_ind = rng.choice(["", "　　　　　　　　", "                "])
    for s in doc.signs:
        lines.append(sign_ind + s)
    return sep.join(lines) + "\n"


NONLIT_PEN_KINDS = ["food_unlicensed", "food_expired", "false_ad", "air", "eia", "street", "illegal_build", "transport",
                    "land", "medical", "edu"]


def _dates(c: Case) -> dict:
    rng = c.rng
    J = c.J
    d: dict = {}
    if c.proc == "一审":
        c.F1 = add_days(J, -rng.randint(45, 260))
        d["H"] = add_days(c.F1, rng.randint(30, max(31, (J - c.F1).days - 8)))
    elif c.proc == "二审":
        J1 = add_days(J, -rng.randint(75, 240))
        c.F1 = add_days(J1, -rng.randint(45, 220))
        d["J1"] = J1
        d["F2"] = add_days(J1, rng.randint(25, 55))
        d["H"] = add_days(d["F2"], rng.randint(10, max(11, (J - d["F2"]).days - 5)))
    elif c.proc == "再审审查":
        J2 = add_days(J, -rng.randint(80, 300))
        J1 = add_days(J2, -rng.randint(70, 220))
        c.F1 = add_days(J1, -rng.randint(45, 220))
        d.update(J1=J1, J2=J2, F2=add_days(J1, rng.randint(25, 50)), F3=add_days(J, -rng.randint(25, 70)))
        d["H"] = add_days(d["F3"], rng.randint(5, 20))
    elif c.proc == "再审":
        R = add_days(J, -rng.randint(60, 180))
        J2 = add_days(R, -rng.randint(60, 200))
        J1 = add_days(J2, -rng.randint(70, 200))
        c.F1 = add_days(J1, -rng.randint(45, 200))
        d.update(R=R, J1=J1, J2=J2, F2=add_days(J1, rng.randint(25, 50)), F3=add_days(R, -rng.randint(30, 80)),
                 FZ=add_days(R, rng.randint(3, 15)))
        d["H"] = add_days(d["FZ"], rng.randint(15, max(16, (J - d["FZ"]).days - 5)))
    else:
        app = add_days(J, -rng.randint(7, 50))
        c.F1 = add_days(app, -rng.randint(160, 200))
        d["APP"] = app
    d["F1"] = c.F1
    d["F1r"] = add_days(c.F1, rng.randint(0, 7))
    return d


def build_case(i: int, seed: int, proc: str, cat: str, prefer: tuple = (), prefer_out: tuple = ()) -> tuple[str, dict]:
    for attempt in range(60):
        rng = random.Random(f"{seed}:{i}:{attempt}")
        names = Names(rng)
        geo = pick_geo(rng)
        c = Case(idx=i, rng=rng, names=names, geo=geo, proc=proc, cat=cat, prefer=prefer, prefer_out=prefer_out)
        year = 2021 + rng.randrange(4)
        c.J = rand_date(rng, date(year, 1, 6), date(year, 12, 28))
        dates = _dates(c)
        if proc == "非诉执行审查":
            if cat == "行政处罚":
                c.v["_pen_kind"] = rng.choice(NONLIT_PEN_KINDS)
            else:
                c.v["_sub"] = "comp"
        plan(c)
        c.v["xdecide"] = ""
        real_f1 = c.F1
        if c.dismiss_reason == "late":
            c.F1 = add_days(real_f1, -rng.randint(330, 600))
        BUILDERS[cat](c)
        c.F1 = real_f1
        if proc == "非诉执行审查":
            c.needs_mid = False
        maybe_add_review(c)
        maybe_add_comp(c)
        add_dismiss_fact(c)
        if not validate(c):
            continue
        finish_labels(c)
        chain = court_chain(c)
        if proc == "非诉执行审查":
            chain = [basic_court(c), mid_court(c), high_court(c)]
            while chain[0].level == "rail":
                chain[0] = basic_court(c)
        long = chance(rng, 0.35)
        c.v["_long"] = long
        c.v["_xl"] = long and chance(rng, 0.45)
        c.v["_xxl"] = c.v["_xl"] and proc in ("一审", "二审") and chance(rng, 0.4)
        if c.v["_xxl"] and c.merits not in ("驳回起诉",):
            extra = [x for x in ALLEGE_POOL.get(cat, []) if x not in c.alleged and x not in c.defects + c.inner_defects and can_deny(c, x)]
            c.alleged = (c.alleged + extra)[:6]
        if c.v["_xl"] and c.P0.kind == "person" and proc != "非诉执行审查" and (
                c.v["_xxl"] or (cat in ("行政征收或者征用", "行政强制执行", "政府信息公开", "不履行法定职责") and chance(rng, 0.6))):
            for _ in range(rng.randint(2, 5)):
                c.plaintiffs.append(make_person(rng, names, geo))
        if proc == "一审":
            dates["no1"] = case_number(c, chain[0], dates["F1r"].year, "初")
            doc, head = render_first(c, chain, dates, long)
        elif proc == "二审":
            dates["no1p"] = case_number(c, chain[0], dates["F1r"].year, "初", printed=chance(rng, 0.5))
            dates["no2"] = case_number(c, chain[1], dates["F2"].year, "终")
            doc, head = render_appeal(c, chain, dates, long)
        elif proc == "再审审查":
            dates["no1p"] = case_number(c, chain[0], dates["F1r"].year, "初", printed=False)
            dates["no2p"] = case_number(c, chain[1], dates["F2"].year, "终", printed=chance(rng, 0.5))
            dates["no3"] = case_number(c, chain[2], dates["F3"].year, "申")
            doc, head = render_retrial_review(c, chain, dates, long)
        elif proc == "再审":
            dates["no1p"] = case_number(c, chain[0], dates["F1r"].year, "初", printed=False)
            dates["no2p"] = case_number(c, chain[1], dates["F2"].year, "终", printed=False)
            dates["no_shen"] = case_number(c, chain[2], dates["F3"].year, "申", printed=False)
            dates["no_zai"] = case_number(c, chain[2], dates["FZ"].year, "再")
            doc, head = render_retrial(c, chain, dates, long)
        else:
            dates["F1"] = dates["APP"]
            dates["F1r"] = add_days(dates["APP"], rng.randint(0, 5))
            kind_save = c.case_kind
            c.case_kind = "行"
            dates["no1"] = case_number(c, chain[0], dates["F1r"].year, "审")
            c.case_kind = kind_save
            doc, head = render_nonlit(c, chain, dates, long)
        raw = assemble(c, doc)
        evidence: dict[str, str] = {}
        for m in _MARK_RE.finditer(raw):
            code, sent = m.group(1), m.group(2)
            if code not in evidence or len(sent) < len(evidence[code]):
                evidence[code] = sent
        text = _MARK_RE.sub(lambda m: m.group(2), raw)
        if set(evidence) != set(c.defects):
            continue
        last_op = [p for s, p in doc.body if s == "认为"][-1]
        doc_type = "裁定书" if last_op.rstrip().endswith("裁定如下：") else "判决书"
        defects = [x for x in DEFECT_CODES if x in c.defects]
        label = {
            "case_number": doc.caseno,
            "court": doc.court,
            "doc_type": doc_type,
            "procedure": proc,
            "category": cat,
            "field": c.field,
            "plaintiffs": [p.name for p in c.plaintiffs],
            "defendants": [a.name for a in c.defendants],
            "head_appeared": head,
            "outcome": c.outcome,
            "agency_lost": c.agency_lost,
            "defects": defects,
            "defect_evidence": {k: evidence[k] for k in defects},
            "judgment_date": c.J.isoformat(),
        }
        if c.outcome_alt:
            label["outcome_alt"] = sorted(set(c.outcome_alt) - {c.outcome})
            if not label["outcome_alt"]:
                del label["outcome_alt"]
        if c.category_alt:
            label["category_alt"] = sorted(set(c.category_alt) - {cat})
        optional = set(c.optional)
        if "第七十二条" in text and "NONPERFORMANCE" not in defects:
            # a court citing 行政诉讼法第七十二条 (判决履行) is read by some as finding non-performance
            optional.add("NONPERFORMANCE")
        if optional:
            label["defects_optional"] = [x for x in DEFECT_CODES if x in optional]
        return text, label
    raise RuntimeError(f"could not build document {i} ({proc}/{cat})")


# ---------------------------------------------------------------------------
# corpus-level plan: procedures per block of 20, categories cycled
# ---------------------------------------------------------------------------

FIRST_OUTCOMES = ("撤销", "部分撤销", "确认违法", "确认无效", "责令履行", "变更", "驳回诉讼请求", "驳回起诉", "赔偿")
CAT_CYCLE = (["行政处罚"] * 4 + ["行政征收或者征用"] * 2 + ["行政强制执行"] * 2 + ["不履行法定职责"] * 2
             + ["行政许可", "政府信息公开"] * 2 + [ "行政确认", "行政登记", "行政协议", "行政赔偿", "行政强制措施", "行政复议",
                "行政给付", "行政补偿"])
NONLIT_CYCLE = ["行政处罚"] * 4 + ["行政征收或者征用"]


def _block(seed: int, b: int) -> list[str]:
    rng = random.Random(f"{seed}:block:{b}")
    slots = ["一审"] * 11 + ["二审"] * 5 + ["非诉执行审查"] * 2
    slots += ["再审审查" if rng.random() < 0.7 else "再审" for _ in range(2)]
    rng.shuffle(slots)
    return slots


def _cycled(seed: int, tag: str, cycle: list[str], k: int) -> str:
    r, j = divmod(k, len(cycle))
    order = cycle[:]
    random.Random(f"{seed}:{tag}:{r}").shuffle(order)
    return order[j]


def generate(n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> list[tuple[str, str, dict]]:
    """Return ``n`` synthetic judgments as (file name, text, label); pure function of (n, seed)."""
    out: list[tuple[str, str, dict]] = []
    lit = non = 0
    block: list[str] = []
    code_use = dict.fromkeys(DEFECT_CODES, 0)
    outcome_use: dict[str, int] = {}
    for i in range(n):
        b, j = divmod(i, 20)
        if j == 0:
            block = _block(seed, b)
        proc = block[j]
        if proc == "非诉执行审查":
            cat = _cycled(seed, "nonlit", NONLIT_CYCLE, non)
            non += 1
        else:
            cat = _cycled(seed, "cat", CAT_CYCLE, lit)
            lit += 1
        prefer = tuple(sorted(DEFECT_CODES, key=lambda x: (code_use[x], DEFECT_CODES.index(x))))
        prefer_out = tuple(sorted(FIRST_OUTCOMES, key=lambda x: (outcome_use.get(x, 0), FIRST_OUTCOMES.index(x))))
        text, label = build_case(i, seed, proc, cat, prefer, prefer_out)
        for code in label["defects"]:
            code_use[code] += 1
        if proc == "一审":
            outcome_use[label["outcome"]] = outcome_use.get(label["outcome"], 0) + 1
        name = f"{i + 1:04d}.txt"
        out.append((name, text, {"file": name, **label}))
    return out


def write_corpus(out_dir: Path, n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> int:
    docs = out_dir / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for old in sorted(docs.glob("*.txt")):
        if re.fullmatch(r"\d{4,}\.txt", old.name):
            old.unlink()
    items = generate(n, seed)
    with open(out_dir / "labels.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for name, text, label in items:
            with open(docs / name, "w", encoding="utf-8", newline="\n") as df:
                df.write(text)
            fh.write(json.dumps(label, ensure_ascii=False) + "\n")
    return len(items)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate the synthetic administrative-judgment corpus.")
    ap.add_argument("--n", type=int, default=DEFAULT_N, help=f"number of documents (default {DEFAULT_N})")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                    help="output folder; docs/ and labels.jsonl are written inside (default: this folder)")
    args = ap.parse_args(argv)
    k = write_corpus(args.out, args.n, args.seed)
    print(f"wrote {k} documents to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
