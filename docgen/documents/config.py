"""The documents' data: court.yaml (who issues), suggestions.yaml (what to suggest per defect),
risk.yaml (when to warn and what to say).  Edited by the court, read here, validated once."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from docgen.corrections import DEFECT_NAMES, defect_names
from docgen.db.models import Judgment
from docgen.errors import DocgenError

__all__ = [
    "CourtInfo",
    "DocumentError",
    "court_info",
    "court_settings",
    "derive_abbreviation",
    "risk_settings",
    "suggestion_library",
]


class DocumentError(DocgenError, ValueError):
    """A document that cannot be made as asked; the message (Chinese) says why."""


def _load(name: str) -> Any:
    from docgen.nlp.patterns import load_yaml

    try:
        return load_yaml(name)
    except FileNotFoundError as err:
        raise DocumentError(f"缺少数据文件 docgen/data/{name}") from err


@cache
def court_settings() -> dict[str, Any]:
    data = _load("court.yaml") or {}
    for key in ("name", "abbr", "contact", "reply_period", "cc"):
        if key not in data:
            raise DocumentError(f"docgen/data/court.yaml 缺少 {key}")
    return data


@cache
def suggestion_library() -> dict[str, Any]:
    """codes: code → {topic, field, problem, frame, basis, suggestions}; clusters: [...]."""
    data = _load("suggestions.yaml") or {}
    codes = data.get("codes") or {}
    required = ("topic", "field", "problem", "frame", "basis", "suggestions")
    for code in list(DEFECT_NAMES) + [c for c in defect_names() if c not in DEFECT_NAMES]:
        spec = codes.get(code)
        if not isinstance(spec, dict):
            raise DocumentError(f"docgen/data/suggestions.yaml 缺少瑕疵代码 {code} 的建议")
        missing = [k for k in required if not spec.get(k)]
        if missing:
            raise DocumentError(f"docgen/data/suggestions.yaml 中 {code} 缺少：{'、'.join(missing)}")
        if isinstance(spec["suggestions"], str):
            spec["suggestions"] = [spec["suggestions"]]
    seen: set[str] = set()
    for cl in data.get("clusters") or []:
        for code in cl["codes"]:
            if code in seen:
                raise DocumentError(f"docgen/data/suggestions.yaml：{code} 出现在多个 clusters 中")
            seen.add(code)
    rest = [c for c in codes if c not in seen]
    clusters = list(data.get("clusters") or [])
    if rest:
        clusters.append({"title": "其他方面", "codes": rest})
    return {"codes": codes, "clusters": clusters}


@cache
def risk_settings() -> dict[str, Any]:
    data = _load("risk.yaml") or {}
    for key in ("loss_rate", "recurring_defect", "appearance_rate", "refused_enforcement"):
        if key not in (data.get("thresholds") or {}) or key not in (data.get("risks") or {}):
            raise DocumentError(f"docgen/data/risk.yaml 缺少 {key}")
    return data


def thresholds(overrides: dict[str, Any] | None = None) -> dict[str, dict[str, float]]:
    """risk.yaml thresholds, with ``overrides`` ({kind: {key: value}} or {kind: value} for
    the main key: threshold / min_count / below) applied on top."""
    merged = {k: dict(v) for k, v in risk_settings()["thresholds"].items()}
    main = {"loss_rate": "threshold", "recurring_defect": "min_count", "appearance_rate": "below",
            "refused_enforcement": "min_count"}  # fmt: skip
    for kind, value in (overrides or {}).items():
        if kind not in merged:
            raise DocumentError(f"未知的风险类别：{kind}（可选：{'、'.join(merged)}）")
        if isinstance(value, dict):
            unknown = set(value) - set(merged[kind])
            if unknown:
                raise DocumentError(f"风险类别 {kind} 没有阈值 {'、'.join(sorted(unknown))}")
            merged[kind].update(value)
        else:
            merged[kind][main[kind]] = value
    return merged


# -- the issuing court --------------------------------------------------------------------------

_PROVINCES = {
    "北京": "京", "天津": "津", "上海": "沪", "重庆": "渝", "河北": "冀", "山西": "晋", "辽宁": "辽",
    "吉林": "吉", "黑龙江": "黑", "江苏": "苏", "浙江": "浙", "安徽": "皖", "福建": "闽", "江西": "赣",
    "山东": "鲁", "河南": "豫", "湖北": "鄂", "湖南": "湘", "广东": "粤", "海南": "琼", "四川": "川",
    "贵州": "贵", "云南": "云", "陕西": "陕", "甘肃": "甘", "青海": "青", "内蒙古": "蒙", "广西": "桂",
    "西藏": "藏", "宁夏": "宁", "新疆": "新",
}  # fmt: skip
_PROVINCE_PREFIX = re.compile(r"^(?:" + "|".join(_PROVINCES) + r")(?:省|市|(?:壮族|回族|维吾尔)?自治区)?")


def derive_abbreviation(court: str) -> str:
    """A best-effort 地名简称 (configure the real one in court.yaml ``abbreviations``)."""
    if court == "最高人民法院":
        return ""
    m = re.match(r"^(.+?)(?:省|市|(?:壮族|回族|维吾尔)?自治区)高级人民法院$", court)
    if m and m.group(1) in _PROVINCES:
        return _PROVINCES[m.group(1)] + "高"
    rest = _PROVINCE_PREFIX.sub("", court) or court
    m = re.match(r"^(.+?)(?:市|州|盟|地区)中级人民法院$", rest)
    if m:
        return m.group(1)[0] + "中"
    m = re.match(r"^(?:.+?(?:市|州|盟))?(.+?)(?:区|县|市|旗)人民法院$", rest)
    if m:
        return m.group(1)[0]
    m = re.match(r"^(.+?)铁路运输(?:中级)?法院$", rest)
    if m:
        return m.group(1)[0] + "铁"
    return rest[0]


@dataclass
class CourtInfo:
    """Who issues the documents and what the data covers."""

    name: str  # 落款 and title
    abbr: str  # 地名简称 for 法建 numbers
    scope_court: str | None  # the court filter of the figures (None: every court in the database)
    own_data: bool  # the figures are this court's own cases ("我院") rather than several courts'
    contact: dict[str, str] = field(default_factory=dict)
    reply_period: str = "两个月"
    cc: dict[str, list[str]] = field(default_factory=dict)

    @property
    def number_prefix(self) -> str:
        return f"{self.abbr}法建"


def court_info(session: Session, court: str | None = None) -> CourtInfo:
    """The issuing court: ``court`` > DOCGEN_COURT_NAME > the database's only court > court.yaml."""
    cfg = court_settings()
    courts = [c for c in session.scalars(
        select(Judgment.court).where(Judgment.court.is_not(None)).group_by(Judgment.court).limit(2)
    )]  # fmt: skip
    env_name = (os.environ.get("DOCGEN_COURT_NAME") or "").strip()
    if court:
        name = court
    elif env_name:
        name = env_name
    elif len(courts) == 1:
        name = courts[0]
    else:
        name = str(cfg["name"])
    env_abbr = os.environ.get("DOCGEN_COURT_ABBR")
    abbreviations = {str(k): str(v or "") for k, v in (cfg.get("abbreviations") or {}).items()}
    if env_abbr is not None and env_abbr.strip():
        abbr = env_abbr.strip()
    elif name in abbreviations:
        abbr = abbreviations[name]
    elif name == cfg["name"]:
        abbr = str(cfg["abbr"])
    else:
        abbr = derive_abbreviation(name)
    own = bool(court) or (len(courts) == 1 and courts[0] == name)
    if court and not session.scalar(select(func.count()).select_from(Judgment).where(Judgment.court == court)):
        raise DocumentError(f"库内没有法院全称为“{court}”的文书")
    cc = cfg.get("cc") or {}
    return CourtInfo(
        name=name, abbr=abbr, scope_court=court or None, own_data=own,
        contact={k: str(v) for k, v in (cfg.get("contact") or {}).items()},
        reply_period=str(cfg.get("reply_period") or "两个月"),
        cc={k: [str(x) for x in (v or [])] for k, v in cc.items()},
    )  # fmt: skip
