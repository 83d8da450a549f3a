"""The audit log: one row per action (who, what, when, from where), written in the same
transaction as the action itself so the log and the data never disagree."""

from __future__ import annotations

from typing import Any

from flask import g, has_request_context, request
from sqlalchemy.orm import Session

from docgen.db.models import AuditEntry

__all__ = ["ACTION_NAMES", "DETAIL_NAMES", "record"]

ACTION_NAMES: dict[str, str] = {
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "登出",
    "password_change": "修改密码",
    "upload": "上传裁判文书",
    "ingest_done": "导入完成",
    "correct": "更正",
    "generate": "申请生成文书",
    "generated": "生成文书",
    "generate_failed": "生成失败",
    "version_upload": "上传文书新版本",
    "download": "下载",
    "user_create": "新建用户",
    "user_update": "修改用户",
    "settings": "修改设置",
}

# Chinese names of the detail keys, for the audit page.
DETAIL_NAMES: dict[str, str] = {
    "files": "文件", "file": "文件", "kind": "类型", "value": "更正为", "previous": "更正前", "note": "说明",
    "role": "角色", "by": "方式", "title": "标题", "job": "任务", "number": "文号", "error": "原因",
    "year": "年度", "agency": "行政机关", "court": "法院", "min_count": "最少件数", "chapters": "章节",
    "compare_to": "同比",
}  # fmt: skip


def record(action: str, target: str | None = None, detail: dict[str, Any] | None = None, *,
           username: str | None = None, s: Session | None = None) -> AuditEntry:
    """Add an audit entry to ``s`` (default: the request's session); the caller commits."""
    from webapp import db

    if action not in ACTION_NAMES:
        raise ValueError(f"unknown audit action {action!r}")
    if username is None and has_request_context() and g.get("user") is not None:
        username = g.user.username
    entry = AuditEntry(
        username=username,
        action=action,
        target=target,
        detail=detail or None,
        remote_addr=request.remote_addr if has_request_context() else None,
    )
    (s or db.session()).add(entry)
    return entry
