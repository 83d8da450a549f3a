"""Text from jinja2 templates (``docgen/templates/*.j2``) into a list of styled blocks.

Templates write one paragraph per line in a tiny markup (see ``docgen/templates/README.md``):

* ``@样式名 文字`` — a paragraph in a named style (公文标题, 文号, 主送机关, 一级标题 …); a line
  without ``@`` is 正文.
* ``@表格 key`` / ``@图 key`` — the table / figure ``key`` prepared by the code; ``@分页`` — a page break.
* ``{% filter cite(evidence) %}…{% endfilter %}`` — the enclosed words are a factual claim: they
  get a Word comment with the 案号 and the court's sentences of ``evidence``.
* ``【待补充：…】`` — left for the reviewer; shown in the character style 待补充 (highlighted).

The environment is strict: an undefined variable (StrictUndefined) or a ``None`` value raises,
and leftover template syntax in the output is an error, so a draft never says “None” or has
a silent gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, FunctionLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from docgen.documents.config import DocumentError
from docgen.documents.evidence import Evidence
from docgen.documents.gbt9704 import PARAGRAPH_STYLES

__all__ = ["Block", "Rendered", "environment", "render", "CLAIM_OPEN", "CLAIM_CLOSE", "TODO"]

CLAIM_OPEN, CLAIM_CLOSE = "\u27e6c:", "\u27e6/c\u27e7"  # ⟦c:N⟧ … ⟦/c⟧
TODO = re.compile(r"【待补充[：:][^】]*】")
DIRECTIVES = ("表格", "图", "分页")
_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|None|[Uu]ndefined")
_CLAIM_MARK = re.compile("\u27e6c:(\\d+)\u27e7|\u27e6/c\u27e7")


@dataclass
class Block:
    kind: str  # p | table | figure | pagebreak
    style: str = "正文"
    text: str = ""
    key: str = ""


@dataclass
class Rendered:
    blocks: list[Block]
    claims: list[Evidence] = field(default_factory=list)
    source: str = ""  # the rendered markup (for debugging)


def _load_template(name: str) -> tuple[str, str, Any]:
    path = resources.files("docgen").joinpath("templates", name)
    try:
        return path.read_text(encoding="utf-8"), f"docgen/templates/{name}", lambda: True
    except FileNotFoundError as err:
        raise DocumentError(f"缺少模板 docgen/templates/{name}") from err


def _finalize(value: Any) -> Any:
    if value is None:
        raise DocumentError("模板中的值为空（None）：请检查数据或模板")
    return value


@pass_context
def _cite(ctx: Context, text: Any, evidence: Evidence) -> str:
    claims = ctx.get("claims_registry")
    if claims is None:
        raise DocumentError("cite 只能在 render() 中使用")
    if not isinstance(evidence, Evidence):
        raise DocumentError(f"cite 需要 Evidence，收到 {type(evidence).__name__}")
    text = str(text).strip()
    if not text:
        raise DocumentError("cite 包住的文字为空")
    claims.append(evidence)
    return f"{CLAIM_OPEN}{len(claims) - 1}\u27e7{text}{CLAIM_CLOSE}"


CN_DIGITS = "〇一二三四五六七八九"


def cn_index(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (for （一） headings)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def _pct(rate: Any, digits: int = 1) -> str:
    return rate.percent(digits)


def _join(items: Any, sep: str = "、") -> str:
    return sep.join(str(i) for i in items)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(_load_template),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=False,  # lines holding only a block tag become empty lines, which are dropped
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_finalize,
    )
    env.filters["cite"] = _cite
    env.filters["pct"] = _pct
    env.filters["join_cn"] = _join
    env.filters["cn"] = cn_index
    return env


def render_string(source: str, context: dict[str, Any]) -> str:
    """A small template held as data (e.g. a ``frame`` in suggestions.yaml), strictly rendered."""
    out = environment().from_string(source).render(**context)
    _check_leftovers(out, "数据中的文字模板")
    return out


def _check_leftovers(text: str, where: str) -> None:
    m = _LEFTOVER.search(text)
    if m:
        start = max(0, m.start() - 20)
        raise DocumentError(f"{where}渲染后仍有未替换的内容“{m.group(0)}”：…{text[start:m.end() + 20]}…")


def render(template: str, context: dict[str, Any]) -> Rendered:
    """Render ``template`` and split it into blocks; raises on undefined/None values."""
    claims: list[Evidence] = []
    out = environment().get_template(template).render(**context, claims_registry=claims)
    _check_leftovers(out, f"模板 {template} ")
    blocks: list[Block] = []
    for raw in out.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("@"):
            head, _, rest = line[1:].partition(" ")
            rest = rest.strip()
            if head == "分页":
                blocks.append(Block("pagebreak"))
            elif head in ("表格", "图"):
                if not rest:
                    raise DocumentError(f"模板 {template}：@{head} 后缺少名称")
                blocks.append(Block("table" if head == "表格" else "figure", key=rest))
            elif head in PARAGRAPH_STYLES:
                if rest:
                    blocks.append(Block("p", head, rest))
            else:
                raise DocumentError(f"模板 {template}：未知的样式或指令 @{head}")
        else:
            blocks.append(Block("p", "正文", line))
    _check_claims(blocks, len(claims), template)
    return Rendered(blocks, claims, out)


def _check_claims(blocks: list[Block], n: int, template: str) -> None:
    seen: set[int] = set()
    for b in blocks:
        depth = 0
        for m in _CLAIM_MARK.finditer(b.text):
            if m.group(1) is not None:
                depth += 1
                seen.add(int(m.group(1)))
            else:
                depth -= 1
            if depth not in (0, 1):
                raise DocumentError(f"模板 {template}：cite 不能嵌套")
        if depth:
            raise DocumentError(f"模板 {template}：cite 包住的文字不能跨行")
    if len(seen) != n:
        raise DocumentError(f"模板 {template}：有 cite 的文字没有出现在段落中")
