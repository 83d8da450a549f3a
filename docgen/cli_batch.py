"""``docgen batch``: added to the main group by :func:`register`.

    from docgen.cli_batch import register
    register(main)

``python -m docgen.cli_batch ...`` runs the full ``docgen`` command line with ``batch`` in it
(used by the tests before the main group registers it).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

__all__ = ["batch_cmd", "register"]


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--year", type=int, required=True, help="文书年度（统计、司法建议书、风险提示函与白皮书）。")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="输出目录：文书、index.csv/index.xlsx、statistics.json 与断点续跑状态 batch-state.json。")
@click.option("--court", help="只就该法院（全称）生成文书。")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="解析进程数（默认 CPU 核数；0＝在本进程内解析）。")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local：本机多进程；dask：dask.distributed 集群。")
@click.option("--scheduler", help="dask 调度器地址（如 tcp://10.0.0.5:8786）；不给则在本机起 LocalCluster。")
@click.option("--min-count", type=click.IntRange(min=1), default=3, show_default=True,
              help="同一机关同类问题达到该件数才生成司法建议书。")
@click.option("--chunk", type=click.IntRange(min=1), default=None, hidden=True,
              help="每个任务的文书数（默认 local 8，dask 16）。")
@click.option("--no-drafts", is_flag=True, help="只入库与统计，不生成文书。")
@click.option("--progress/--no-progress", default=None, help="进度条（默认：终端中显示，CI 中不显示）。")
@click.option("--json", "as_json", is_flag=True, help="结束时输出 JSON 汇总。")
@click.pass_context
def batch_cmd(ctx: click.Context, inputs: tuple[Path, ...], year: int, out: Path, court: str | None,
              workers: int | None, engine: str, scheduler: str | None, min_count: int, chunk: int | None,
              no_drafts: bool, progress: bool | None, as_json: bool) -> None:
    """年终批处理：导入全部文书（文件夹、ZIP），统计，生成全部司法建议书、风险提示函与白皮书，并编制索引。

    中断（Ctrl-C、kill -9）后用同一命令重新运行，已完成的部分跳过，结果与不中断时相同。
    """
    from docgen.batch import BatchError, BatchOptions, result_dict, run_batch

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler 只用于 --engine dask")
    settings = ctx.find_root().obj["settings"]
    opts = BatchOptions(inputs=list(inputs), year=year, out=out, court=court,
                        workers=workers if workers is not None else (os.cpu_count() or 1), engine=engine,
                        scheduler=scheduler, min_count=min_count, chunk=chunk, drafts=not no_drafts,
                        progress=progress)
    try:
        result = run_batch(settings, opts, echo=lambda m: click.echo(m, err=True))
    except KeyboardInterrupt:
        click.echo("\n已中断。用同一命令重新运行即可从中断处继续。", err=True)
        sys.exit(130)
    except BatchError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(result_dict(result), ensure_ascii=False, default=str))
        return
    for line in result.summary_lines():
        click.echo(line)
    if result.drafts_skipped and not no_drafts:
        sys.exit(2)


def register(main: click.Group) -> None:
    main.add_command(batch_cmd)


if __name__ == "__main__":
    from docgen.cli import main as _main

    if "batch" not in _main.commands:
        register(_main)
    _main()
