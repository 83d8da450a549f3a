"""``docgen create-user`` and ``docgen serve``: added to the main group by :func:`register`.

    from docgen.cli_web import register
    register(main)
"""

from __future__ import annotations

from typing import Any

import click

__all__ = ["register"]

ROLE_CHOICES = ("录入员", "审核人", "管理员", "clerk", "reviewer", "admin")


def _app(ctx: click.Context, **extra: Any) -> Any:
    from webapp import create_app

    settings = ctx.find_root().obj["settings"]
    return create_app({"INSTANCE_DIR": str(settings.instance_dir), "DATABASE_URL": settings.database_url,
                       "BLOB_DIR": str(settings.blob_dir), **extra})


@click.command("create-user")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLE_CHOICES), default="审核人", show_default=True,
              help="录入员：上传；审核人：审核更正、生成文书；管理员：用户、设置、审计日志及以上全部。")
@click.option("--password", help="初始密码（至少 8 位）。不给则自动生成并显示一次。")
@click.pass_context
def create_user_cmd(ctx: click.Context, name: str, role: str, password: str | None) -> None:
    """新建网页登录用户。"""
    from webapp.auth import UserError, add_user_from_cli

    app = _app(ctx, JOBS_SYNC=True, JOBS_RESUME=False)  # no background worker for a one-off command
    with app.app_context():
        try:
            lines = add_user_from_cli(name, role, password)
        except UserError as err:
            raise click.ClickException(str(err)) from None
    for line in lines:
        click.echo(line)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；让内网其他电脑访问时用 0.0.0.0 或本机内网 IP。")
@click.option("--port", type=int, default=5000, show_default=True)
@click.option("--threads", type=int, default=8, show_default=True, help="同时处理的请求数。")
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int, threads: int) -> None:
    """启动网页界面（内网使用；首次启动时创建管理员账号并显示初始密码）。"""
    from webapp import ensure_admin

    app = _app(ctx)
    first = ensure_admin(app)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    click.echo(f"docgen 网页界面：http://{shown}:{port}/")
    if first:
        click.echo(f"首次使用：管理员账号 {first[0]}，初始密码 {first[1]}（只显示这一次，请登录后修改密码）")
    else:
        click.echo("请用已有账号登录；新建账号：docgen create-user 姓名 --role 审核人")
    click.echo("按 Ctrl+C 停止。")
    try:
        try:
            from waitress import serve  # a production WSGI server, pure Python
        except ImportError:  # pragma: no cover - waitress is a dependency; keep working without it
            from werkzeug.serving import run_simple

            run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)
        else:
            # (the upload size limit is Flask's MAX_CONTENT_LENGTH, which answers with a Chinese page)
            serve(app, host=host, port=port, threads=max(2, threads), ident="docgen")
    except KeyboardInterrupt:
        pass
    except OSError as err:  # e.g. the port is taken
        click.echo(f"无法在 {host}:{port} 启动：{err}", err=True)
        _stop(app, 1)
    _stop(app, 0)


def _stop(app: Any, code: int) -> None:
    """Stop without waiting for a running upload: every file is its own transaction and an
    interrupted upload goes on from where it stopped at the next start."""
    import os
    import sys

    from webapp import worker

    worker.runner(app).shutdown()
    if code == 0:
        click.echo("已停止。未处理完的上传会在下次启动时继续。")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def register(main: click.Group) -> None:
    main.add_command(create_user_cmd)
    main.add_command(serve_cmd)
