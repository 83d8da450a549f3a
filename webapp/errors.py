"""Chinese error pages for every error; never a stack trace (the log gets it instead)."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

TITLES: dict[int, tuple[str, str]] = {
    400: ("请求无效", "请求的内容不完整或已过期，请返回上一页刷新后重试。"),
    401: ("需要登录", "请先登录。"),
    403: ("没有权限", "您的角色不能进行此操作。如需权限，请联系系统管理员。"),
    404: ("页面不存在", "您要找的页面或记录不存在，可能已被删除，或地址有误。"),
    405: ("操作方式不正确", "此页面不支持这种操作，请从页面上的按钮进入。"),
    413: ("文件太大", ""),
    429: ("操作太频繁", "请稍后再试。"),
    500: ("系统内部错误", "处理请求时出错，错误已记入服务器日志。请稍后重试，或联系系统管理员。"),
}


def _mb(n: int | None) -> str:
    return f"{(n or 0) / 1024 / 1024:.0f} MB"


def _page(code: int, description: str | None) -> Any:
    title, default = TITLES.get(code, TITLES[500] if code >= 500 else TITLES[400])
    if code == 413:
        from flask import current_app

        limit = current_app.config["LIMITS"].max_file_bytes
        default = (f"一次上传的内容超过了 {_mb(limit)} 的上限。请分几次上传，或把文件分成几个较小的 ZIP 压缩包。"
                   "（上限可由管理员通过环境变量 DOCGEN_MAX_FILE_MB 调整。）")
    message = description if description and _is_ours(description) else default
    if request.path.endswith(".json") or request.accept_mimetypes.best == "application/json":
        return jsonify({"error": title, "message": message}), code
    return render_template("error.html", code=code, title=title, message=message), code


def _is_ours(text: str) -> bool:
    """Werkzeug's default descriptions are English; show only messages written for users."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http(err: HTTPException) -> Any:
        if err.code is None or err.code < 400:
            return err
        if err.code >= 500:
            log.error("HTTP %s on %s", err.code, request.path)
        return _page(err.code, err.description)

    # Unhandled exceptions reach this handler (Flask has already logged the traceback) unless
    # the app propagates them (TESTING), so tests still see real tracebacks.
    app.register_error_handler(InternalServerError, lambda err: _page(500, None))
