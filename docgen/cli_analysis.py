"""``docgen stats`` and ``docgen correct``: added to the main group by :func:`register`.

    from docgen.cli_analysis import register
    register(main)
"""

from __future__ import annotations

import json
from typing import Any

import click

__all__ = ["register"]


def _echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))


def _engine(ctx: click.Context) -> Any:
    from docgen.db import init_db, make_engine

    settings = ctx.find_root().obj["settings"]
    init_db(settings.database_url)
    return make_engine(settings.database_url)


@click.command("stats")
@click.option("--year", type=int, help="统计年度（结案年度：裁判日期所在年；收案按案号年份）。不给则统计全部年度。")
@click.option("--court", help="只统计该法院（全称）。")
@click.option("--agency", help="只统计该行政机关（名称按统一口径规范化后匹配）。")
@click.option("--compare", "compare_to", type=int,
              help="与该年度同比（默认：上一年度有数据时自动同比）。")
@click.option("--no-compare", is_flag=True, help="不做同比。")
@click.option("--top", type=int, default=20, show_default=True, help="表格中列出的行政机关数。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（全部数字、案号与口径说明）。")
@click.pass_context
def stats_cmd(ctx: click.Context, year: int | None, court: str | None, agency: str | None,
              compare_to: int | None, no_compare: bool, top: int, as_json: bool) -> None:
    """统计：收结案、案由与领域构成、各机关败诉率与负责人出庭率、非诉执行审查、瑕疵及同比。"""
    from docgen.db import session_scope
    from docgen.stats import AUTO, build_report, format_report

    if compare_to is not None and year is None:
        raise click.UsageError("--compare 需要同时给出 --year")
    engine = _engine(ctx)
    try:
        with session_scope(engine) as s:
            report = build_report(s, year, court=court, agency=agency,
                                  compare_to=None if no_compare else (compare_to if compare_to is not None else AUTO))
            if report.current.caseload.closed == 0 and (court or agency):
                _hint_no_match(s, court, agency)
            if as_json:
                _echo_json(report.to_dict())
            else:
                click.echo(format_report(report, top=top))
    finally:
        engine.dispose()


def _hint_no_match(session: Any, court: str | None, agency: str | None) -> None:
    from sqlalchemy import select

    from docgen.db.models import Judgment, Party
    from docgen.stats import normalize_agency

    if court:
        names = session.scalars(select(Judgment.court).distinct().where(Judgment.court.contains(court)).limit(10)).all()
        if names:
            click.echo(f"提示：没有法院全称为“{court}”的文书；相近的有：{'、'.join(n for n in names if n)}", err=True)
    if agency:
        key = normalize_agency(agency) or agency
        names = session.scalars(
            select(Party.agency_name).distinct().where(Party.agency_name.contains(key)).limit(10)
        ).all()
        if names:
            click.echo(f"提示：没有名为“{key}”的行政机关；相近的有：{'、'.join(n for n in names if n)}", err=True)


@click.command("correct")
@click.argument("ident")
@click.option("--category", help="更正案由（22个二级案由之一，如 行政处罚）。")
@click.option("--field", "field_", help="更正管理领域（如 市场监管）。")
@click.option("--outcome", help="更正裁判结果（如 撤销、驳回诉讼请求、准予执行）。")
@click.option("--head-appeared", help="负责人是否出庭：yes/no/unknown（是/否/不明）。")
@click.option("--agency-lost", help="行政机关是否败诉：yes/no/unknown（是/否/不明），优先于按裁判结果推定。")
@click.option("--add-defect", help="添加瑕疵代码（如 NO_STATEMENT）。")
@click.option("--sentence", help="与 --add-defect 同用：法院认定该瑕疵的原句（须从文书中原样复制）。")
@click.option("--remove-defect", multiple=True, help="删除瑕疵代码（可多次）。")
@click.option("--reviewer", help="审核人姓名（必填，除 --history 外）。")
@click.option("--note", help="备注（更正理由）。")
@click.option("--history", is_flag=True, help="只显示该文书的更正记录。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.pass_context
def correct_cmd(ctx: click.Context, ident: str, category: str | None, field_: str | None, outcome: str | None,
                head_appeared: str | None, agency_lost: str | None, add_defect: str | None,
                sentence: str | None, remove_defect: tuple[str, ...], reviewer: str | None, note: str | None,
                history: bool, as_json: bool) -> None:
    """更正一份文书的识别结果（IDENT：文书编号或案号）；更正留痕，并在统计与文书中优先于系统识别。"""
    from docgen.corrections import KIND_NAMES, CorrectionError, correct, effective
    from docgen.corrections import history as history_of
    from docgen.db import session_scope
    from docgen.summary import find_judgment

    changes: list[tuple[str, Any]] = []
    if category is not None:
        changes.append(("category", category))
    if field_ is not None:
        changes.append(("field", field_))
    if outcome is not None:
        changes.append(("outcome", outcome))
    if head_appeared is not None:
        changes.append(("head_appeared", head_appeared))
    if agency_lost is not None:
        changes.append(("agency_lost", agency_lost))
    if sentence is not None and add_defect is None:
        raise click.UsageError("--sentence 只能与 --add-defect 同用")
    if add_defect is not None:
        changes.append(("defect_add", {"code": add_defect, "sentence": sentence}))
    changes += [("defect_remove", code) for code in remove_defect]
    if not history and not changes:
        raise click.UsageError("请至少给出一项更正（--category/--field/--outcome/--head-appeared/"
                               "--agency-lost/--add-defect/--remove-defect），或使用 --history")  # fmt: skip
    if changes and not (reviewer and reviewer.strip()):
        raise click.UsageError("请用 --reviewer 写明审核人")

    engine = _engine(ctx)
    try:
        with session_scope(engine) as s:
            row = find_judgment(s, ident)
            if row is None:
                raise click.ClickException(f"未找到文书：{ident}")
            made = []
            try:
                for kind, value in changes:
                    made.append(correct(s, row.id, kind, value, reviewer or "", note))
            except CorrectionError as err:
                raise click.ClickException(str(err)) from err  # rolls back every change of this call
            facts = effective(s, row)
            records = history_of(s, row.id)
            if as_json:
                _echo_json({"effective": facts.to_dict(), "made": [_record(c) for c in made],
                            "history": [_record(c) for c in records]})  # fmt: skip
                return
            if history or not made:
                click.echo(f"{facts.case_number or ident} 的更正记录：")
                for c in records:
                    click.echo(f"  {c.created_at:%Y-%m-%d %H:%M} {c.reviewer} {KIND_NAMES[c.kind]} "
                               f"{_show(c.previous)} → {_show(c.value)}" + (f"（{c.note}）" if c.note else ""))
                if not records:
                    click.echo("  （无）")
            for c in made:
                click.echo(f"已更正 {facts.case_number or ident}：{KIND_NAMES[c.kind]} {_show(c.previous)} → {_show(c.value)}")
                if c.kind == "defect_add" and not (c.value or {}).get("sentence"):
                    click.echo("  提示：未引用法院原句，文书中将无法引证该瑕疵；可用 --sentence 补充。", err=True)
                if c.kind == "outcome" and "agency_lost" in facts.corrected:
                    click.echo("  提示：该文书的“行政机关败诉”曾单独更正，仍以那次更正为准。", err=True)
            click.echo(f"现在：案由 {facts.category or '—'}，领域 {facts.field or '—'}，裁判结果 {facts.outcome or '—'}，"
                       f"行政机关败诉 {_show(facts.agency_lost)}，负责人出庭 {_show(facts.head_appeared)}，"
                       f"瑕疵 {'、'.join(facts.defect_codes) or '无'}")  # fmt: skip
    finally:
        engine.dispose()


def _show(v: Any) -> str:
    if v is None:
        return "不明"
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, dict):
        if "present" in v:
            return f"{v['code']}（{'有' if v['present'] else '无'}）"
        return str(v.get("code")) + (f"「{v['sentence']}」" if v.get("sentence") else "")
    return str(v)


def _record(c: Any) -> dict[str, Any]:
    return {"id": c.id, "kind": c.kind, "code": c.code, "value": c.value, "previous": c.previous,
            "reviewer": c.reviewer, "note": c.note, "created_at": c.created_at.isoformat()}  # fmt: skip


def register(main: click.Group) -> None:
    """Add ``stats`` and ``correct`` to the ``docgen`` command group."""
    main.add_command(stats_cmd, "stats")
    main.add_command(correct_cmd, "correct")
