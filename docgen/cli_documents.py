"""``docgen suggest-targets`` and ``docgen generate suggestion|risk-alert|whitepaper``.

    from docgen.cli_documents import register
    register(main)

Each ``generate`` command writes a DOCX (default folder: INSTANCE/drafts), records the draft
(version 1) in the database and prints the written path on stdout; the draft id, number and
the number of commented claims go to stderr.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

__all__ = ["register"]


def _settings(ctx: click.Context) -> Any:
    return ctx.find_root().obj["settings"]


@contextmanager
def _session(ctx: click.Context) -> Iterator[Any]:
    from docgen.db import init_db, make_engine, session_scope

    settings = _settings(ctx)
    init_db(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        with session_scope(engine) as s:
            yield s
    finally:
        engine.dispose()


def _errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """DocumentError (Chinese message for the user) → a clean click error, no traceback."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from docgen.documents import DocumentError

        try:
            return fn(*args, **kwargs)
        except DocumentError as err:
            raise click.ClickException(str(err)) from err

    return wrapper


@click.command("suggest-targets")
@click.option("--year", type=int, required=True, help="统计年度（结案年度）。")
@click.option("--court", help="只统计该法院（全称）。")
@click.option("--min-count", type=click.IntRange(min=1), default=3, show_default=True,
              help="同一类瑕疵被法院认定的最少案件数。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（含案号与法院原句）。")
@click.pass_context
@_errors
def suggest_targets_cmd(ctx: click.Context, year: int, court: str | None, min_count: int, as_json: bool) -> None:
    """列出宜制发司法建议书的行政机关：同一类瑕疵在该年度的案件中反复出现（不少于 N 件），并列出依据。"""
    from docgen.documents import suggestion_targets

    with _session(ctx) as s:
        targets = suggestion_targets(s, year=year, court=court, min_count=min_count)
    if as_json:
        click.echo(json.dumps([t.to_dict() for t in targets], ensure_ascii=False))
        return
    if not targets:
        click.echo(f"{year}年没有同一类瑕疵被认定{min_count}件以上的行政机关（可用 --min-count 降低门槛）。")
        return
    click.echo(f"{year}年同一类瑕疵被法院认定不少于{min_count}件的行政机关（共{len(targets)}项）：")
    for t in targets:
        click.echo(f"  {t.agency}  {t.code_name}（{t.code}）{t.count}件")
        for c in t.cases:
            click.echo(f"    {c['case_number'] or '（未识别案号）'}：{c['sentence']}")
    click.echo(f"生成：docgen generate suggestion --agency 机关名称 --year {year}")


@click.group("generate")
def generate_group() -> None:
    """生成文书草稿（DOCX）：司法建议书、行政诉讼风险提示函、行政审判白皮书。"""


def _out(ctx: click.Context, out: Path | None) -> Path:
    return out if out is not None else Path(_settings(ctx).instance_dir) / "drafts"


def _report(result: Any) -> None:
    click.echo(str(result.path))
    extra = f"，编号 {result.number}" if result.number else ""
    click.echo(f"已生成草稿 #{result.draft_id}（第{result.version}版{extra}），带批注的事实陈述 {result.claims} 处", err=True)


_out_option = click.option("--out", type=click.Path(file_okay=False, path_type=Path),
                           help="输出目录（默认：数据目录下的 drafts/）。")
_by_option = click.option("--by", "created_by", help="生成人（记入草稿记录）。")


@generate_group.command("suggestion")
@click.option("--agency", required=True, help="被建议单位（行政机关名称，按统一口径规范化后匹配）。")
@click.option("--year", type=int, required=True)
@click.option("--court", help="只用该法院的案件（全称），落款也为该法院。")
@click.option("--min-count", type=click.IntRange(min=1), default=2, show_default=True,
              help="写入建议书的瑕疵最少案件数。")
@_out_option
@_by_option
@click.pass_context
@_errors
def suggestion_cmd(ctx: click.Context, agency: str, year: int, court: str | None, min_count: int, out: Path | None,
                   created_by: str | None) -> None:
    """司法建议书（法释〔2023〕11号 附件2 样式），编号自动取号且不重复。"""
    from docgen.blobs import BlobStore
    from docgen.documents import generate_suggestion

    with _session(ctx) as s:
        result = generate_suggestion(s, BlobStore(_settings(ctx).blob_dir), _out(ctx, out), agency=agency,
                                     year=year, court=court, min_count=min_count, created_by=created_by)
    _report(result)


@generate_group.command("risk-alert")
@click.option("--agency", required=True, help="行政机关名称。")
@click.option("--year", type=int, required=True)
@click.option("--court", help="只用该法院的案件（全称），落款也为该法院。")
@_out_option
@_by_option
@click.pass_context
@_errors
def risk_alert_cmd(ctx: click.Context, agency: str, year: int, court: str | None, out: Path | None,
                   created_by: str | None) -> None:
    """行政诉讼风险提示函（风险提示线见 docgen/data/risk.yaml）。"""
    from docgen.blobs import BlobStore
    from docgen.documents import generate_risk_alert

    with _session(ctx) as s:
        result = generate_risk_alert(s, BlobStore(_settings(ctx).blob_dir), _out(ctx, out), agency=agency,
                                     year=year, court=court, created_by=created_by)
    _report(result)


def _chapters(value: str | None) -> list[int] | None:
    if not value:
        return None
    try:
        return [int(x) for x in value.replace("，", ",").split(",") if x.strip()]
    except ValueError:
        raise click.BadParameter("章节应为逗号分隔的数字，如 1,3", param_hint="--chapters") from None


@generate_group.command("whitepaper")
@click.option("--year", type=int, required=True)
@click.option("--chapters", help="只生成这些章节，如 1,3（1 基本情况 2 主要特点 3 存在的主要问题 4 意见建议 5 典型案例）。")
@click.option("--court", help="只统计该法院（全称）。")
@click.option("--compare", "compare_to", type=int, help="与该年度同比（默认：上一年度有数据时自动同比）。")
@click.option("--no-compare", is_flag=True, help="不做同比。")
@_out_option
@_by_option
@click.pass_context
@_errors
def whitepaper_cmd(ctx: click.Context, year: int, chapters: str | None, court: str | None, compare_to: int | None,
                   no_compare: bool, out: Path | None, created_by: str | None) -> None:
    """行政审判白皮书（全部或部分章节）。"""
    from docgen.blobs import BlobStore
    from docgen.documents import generate_whitepaper

    chosen = _chapters(chapters)
    with _session(ctx) as s:
        result = generate_whitepaper(s, BlobStore(_settings(ctx).blob_dir), _out(ctx, out), year=year,
                                     chapters=chosen, court=court,
                                     compare_to=None if no_compare else (compare_to if compare_to is not None else "auto"),
                                     created_by=created_by)  # fmt: skip
    _report(result)


def register(main: click.Group) -> None:
    """Add ``suggest-targets`` and ``generate`` to the ``docgen`` command group."""
    main.add_command(suggest_targets_cmd, "suggest-targets")
    main.add_command(generate_group, "generate")
