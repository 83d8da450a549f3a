"""Command line: ``docgen`` (also ``python -m docgen``).  A thin layer over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from docgen.config import Settings
from docgen.errors import Rejected


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj["settings"]


def _echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))


@click.group()
@click.option("--instance", type=click.Path(file_okay=False), envvar="DOCGEN_INSTANCE",
              help="数据目录（默认 ./instance）：SQLite 数据库与原件存放处。")
@click.pass_context
def main(ctx: click.Context, instance: str | None) -> None:
    """docgen：行政诉讼裁判文书分析与文书草稿生成（离线运行）。"""
    ctx.ensure_object(dict)
    ctx.obj["settings"] = Settings.load(instance)


@main.command("init-db")
@click.pass_context
def init_db_cmd(ctx: click.Context) -> None:
    """创建或升级数据库结构（Alembic 迁移）。"""
    from docgen.db import init_db

    s = _settings(ctx)
    init_db(s.database_url)
    click.echo(f"数据库已就绪：{_safe_url(s.database_url)}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="逐个文件输出 JSON 行。")
@click.option("--quiet", "-q", is_flag=True, help="只输出汇总。")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], as_json: bool, quiet: bool) -> None:
    """导入裁判文书：TXT、DOCX、PDF、HTML 及其 ZIP 压缩包（可含子目录）。"""
    from docgen.ingest.service import Ingestor

    ing = Ingestor.from_settings(_settings(ctx))

    def show(r: Any) -> None:
        if as_json:
            _echo_json({"file": r.name, "status": r.status, "message": r.message, "code": r.code,
                        "document_id": r.document_id, "case_number": r.case_number})
        elif not quiet:
            click.echo(f"[{r.status}] {r.name}  {r.message}")

    report = ing.ingest_paths(paths, progress=show)
    summary = f"导入完成（批次 {report.batch_id}）：已入库 {report.stored}，重复 {report.duplicates}，拒收 {report.rejected}"
    click.echo(summary, err=as_json)
    if report.rejected and not as_json:
        reasons: dict[str, int] = {}
        for r in report.results:
            if r.status == "拒收":
                key = r.message.split("：")[0]
                reasons[key] = reasons.get(key, 0) + 1
        for k, v in sorted(reasons.items(), key=lambda kv: -kv[1]):
            click.echo(f"  拒收原因 {k}: {v}")


@main.command()
@click.option("--all", "everything", is_flag=True, help="全部重新解析（默认只解析旧版本解析器处理过的）。")
@click.pass_context
def reparse(ctx: click.Context, everything: bool) -> None:
    """用当前解析器重新解析已入库文书的原件（审核人的更正保留）。"""
    from docgen.ingest.service import Ingestor

    ing = Ingestor.from_settings(_settings(ctx))
    done = ing.reparse(everything=everything, progress=lambda name, msg: click.echo(f"{name}  {msg}"))
    click.echo(f"重新解析 {done['reparsed']} 件，失败 {done['failed']} 件")


@main.command()
@click.argument("ident", required=False)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def show(ctx: click.Context, ident: str | None, as_json: bool) -> None:
    """无参数：库内概况；给出文书编号或案号：该文书解析出的事实。"""
    from docgen.db import init_db, make_engine, session_scope
    from docgen.summary import find_judgment, format_overview, overview

    s = _settings(ctx)
    init_db(s.database_url)
    engine = make_engine(s.database_url)
    with session_scope(engine) as sess:
        if ident is None:
            data = overview(sess)
            if as_json:
                _echo_json(data)
            else:
                click.echo(format_overview(data))
            return
        row = find_judgment(sess, ident)
        if row is None:
            raise click.ClickException(f"未找到文书：{ident}")
        from docgen.corrections import effective

        facts = dict(row.parsed)
        facts.update(effective(sess, row).to_dict())  # reviewers' corrections win
        facts["document_id"] = row.document_id
        facts["original_name"] = row.document.original_name
        if as_json:
            _echo_json(facts)
        else:
            for key in ("document_id", "original_name", "case_number", "court", "doc_type", "procedure",
                        "outcome", "agency_lost", "head_appeared", "head_evidence", "judgment_date",
                        "plaintiffs", "defendants", "judges", "clerk", "warnings"):
                click.echo(f"{key:<15}{facts.get(key)}")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="每个文件一行 JSON（字段同 LABELS.md）。")
@click.pass_context
def parse(ctx: click.Context, files: tuple[Path, ...], as_json: bool) -> None:
    """解析文书并输出提取结果（不入库）。"""
    from docgen.nlp.parse import parse_text
    from docgen.pipeline import analyze, prediction, read_text

    settings = _settings(ctx)
    limits = settings.limits
    failed = 0
    for f in files:
        try:
            j = analyze(parse_text(read_text(f.read_bytes(), f.name, limits)), settings.models_dir)
        except Rejected as rej:
            failed += 1
            rec = {"file": f.name, "error": rej.message, "code": rej.code}
            if as_json:
                _echo_json(rec)
            else:
                click.echo(f"{f.name}: 拒收：{rej.message}", err=True)
            continue
        rec = prediction(j, f.name)
        if as_json:
            _echo_json(rec)
        else:
            click.echo(f"== {f.name}")
            for k in ("case_number", "court", "doc_type", "procedure", "category", "field", "outcome",
                      "agency_lost", "head_appeared", "judgment_date", "plaintiffs", "defendants"):
                click.echo(f"  {k:<15}{rec[k]}")
    if failed and not as_json:
        sys.exit(1)


@main.command("eval")
@click.option("--docs", "docs_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--labels", "labels_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="标注文件（默认：DIR/labels.jsonl）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（格式见 LABELS.md）。")
@click.pass_context
def eval_cmd(ctx: click.Context, docs_dir: Path, labels_file: Path, as_json: bool) -> None:
    """在有标注的文书上评测解析准确率。"""
    from docgen.evaluate import evaluate_dir, format_table

    labels_file = labels_file or docs_dir / "labels.jsonl"
    if not labels_file.exists():
        raise click.ClickException(f"找不到标注文件：{labels_file}")
    settings = _settings(ctx)
    rep = evaluate_dir(docs_dir, labels_file, settings.limits, settings.models_dir)
    if as_json:
        _echo_json(rep.to_json())
    else:
        click.echo(format_table(rep))


@main.command()
@click.option("--corpus", "corpus_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="有标注的语料目录（含 docs/ 与 labels.jsonl；默认：随程序的 corpus/）。")
@click.option("--dev", "dev_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="另用一个有标注的目录评测新模型（如 ../shared/realdata/dev）。")
@click.option("--no-reclassify", is_flag=True, help="只训练，不重新分类已入库文书。")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def train(ctx: click.Context, corpus_dir: Path | None, dev_dir: Path | None, no_reclassify: bool,
          as_json: bool) -> None:
    """重新训练案由与管理领域模型（语料＋审核人的更正），保存为新版本并重新分类库内文书。"""
    from docgen.analysis import retrain
    from docgen.db import init_db, make_engine

    s = _settings(ctx)
    init_db(s.database_url)
    report = retrain(make_engine(s.database_url), s.models_dir, corpus_dir=corpus_dir, dev_dir=dev_dir,
                     reclassify=not no_reclassify, progress=lambda m: click.echo(m, err=True))
    if as_json:
        _echo_json(report)
        return
    for task, name in (("category", "案由"), ("domain", "管理领域")):
        entry = report.get(task, {})
        m = entry.get("metrics", {})
        click.echo(f"{name}模型 v{entry.get('version', '-')}：留出集准确率 {m.get('accuracy', '-')}"
                   f"（训练 {m.get('n_train', '-')} 件，其中更正 {m.get('n_corrections', 0)} 件）"
                   f"  {entry.get('path', '')}")
    d = report.get("defects")
    if d:
        click.echo(f"瑕疵句子分类器 v{d['version']}：{d['n_sentences']} 句（其中审核更正 {d['n_corrections']} 句）  {d['path']}")
    if "dev" in report:
        click.echo(f"评测集：{json.dumps(report['dev'], ensure_ascii=False, default=str)[:300]}")
    if "reclassified" in report:
        click.echo(f"已重新分类库内文书 {report['reclassified']} 件")


@main.command()
@click.option("--category", help="案由（二级），如 行政处罚。")
@click.option("--year", type=int)
@click.option("--court")
@click.option("--k", type=int, help="指定子类数（默认按轮廓系数自动选择）。")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def clusters(ctx: click.Context, category: str | None, year: int | None, court: str | None, k: int | None,
             as_json: bool) -> None:
    """按案由、年度把案件聚成子类，给出特征词与代表案件。"""
    from docgen.analysis import case_clusters
    from docgen.db import init_db, make_engine, session_scope

    s = _settings(ctx)
    init_db(s.database_url)
    with session_scope(make_engine(s.database_url)) as sess:
        result = case_clusters(sess, category=category, year=year, court=court, k=k)
    if as_json:
        _echo_json(result.to_dict())
        return
    total = sum(c.size for c in result.clusters)
    click.echo(f"{category or '全部案由'}{f' {year}年' if year else ''}：{total} 件，分为 {result.k} 个子类"
               f"（{result.method}，轮廓系数 {result.silhouette}）")
    for c in result.clusters:
        click.echo(f"  子类{c.id + 1}（{c.size}件）：{'、'.join(c.label_terms[:6])}")
        click.echo(f"    代表案件：{'；'.join(c.representative_ids)}")


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


from docgen.cli_analysis import register as _register_analysis  # noqa: E402
from docgen.cli_batch import register as _register_batch  # noqa: E402
from docgen.cli_documents import register as _register_documents  # noqa: E402
from docgen.cli_web import register as _register_web  # noqa: E402

_register_analysis(main)
_register_documents(main)
_register_web(main)
_register_batch(main)

if __name__ == "__main__":
    main()
