"""管理: users (create, role, deactivate, reset password), settings, the audit log."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from docgen.db.models import USER_ROLES, AuditEntry, Judgment, User
from webapp import db
from webapp.audit import ACTION_NAMES, DETAIL_NAMES, record
from webapp.auth import (
    ROLE_NAMES,
    UserError,
    create_user,
    parse_role,
    permission_required,
    random_password,
    set_password,
)

bp = Blueprint("admin", __name__, url_prefix="/admin")

AUDIT_PAGE = 100


@bp.route("/")
@permission_required("admin")
def index() -> Any:
    return redirect(url_for("admin.users"))


@bp.route("/users", methods=["GET", "POST"])
@permission_required("admin")
def users() -> Any:
    s = db.session()
    if request.method == "POST":
        username = (request.form.get("username") or "").strip()
        password = request.form.get("password") or ""
        generated = not password
        password = password or random_password()
        try:
            user = create_user(s, username, password, request.form.get("role", ""))
        except UserError as err:
            s.rollback()
            flash(str(err), "error")
        else:
            record("user_create", f"用户 {user.username}", {"role": ROLE_NAMES[user.role]})
            s.commit()
            msg = f"已新建用户 {user.username}（{ROLE_NAMES[user.role]}）"
            flash(msg + (f"，初始密码：{password}（只显示这一次，请转告本人登录后修改）" if generated else "。"), "info")
            return redirect(url_for("admin.users"))
    rows = list(s.scalars(select(User).order_by(User.id)))
    return render_template("admin/users.html", users=rows, roles=[(r, ROLE_NAMES[r]) for r in USER_ROLES])


def _active_admins(s: Any) -> int:
    return s.scalar(select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True))) or 0


@bp.route("/users/<int:user_id>", methods=["POST"])
@permission_required("admin")
def update_user(user_id: int) -> Any:
    s = db.session()
    user = s.get(User, user_id)
    if user is None:
        abort(404)
    action = request.form.get("action")
    back = redirect(url_for("admin.users"))
    if action == "role":
        try:
            role = parse_role(request.form.get("role", ""))
        except UserError as err:
            flash(str(err), "error")
            return back
        if user.role == "admin" and role != "admin" and user.active and _active_admins(s) <= 1:
            flash("不能取消最后一位管理员的管理员角色。", "error")
            return back
        old, user.role = user.role, role
        record("user_update", f"用户 {user.username}", {"角色": f"{ROLE_NAMES[old]} → {ROLE_NAMES[role]}"})
        flash(f"{user.username} 的角色已改为{ROLE_NAMES[role]}。", "info")
    elif action == "toggle":
        if user.active and user.role == "admin" and _active_admins(s) <= 1:
            flash("不能停用最后一位管理员。", "error")
            return back
        if user.id == g.user.id:
            flash("不能停用自己的账号。", "error")
            return back
        user.active = not user.active
        record("user_update", f"用户 {user.username}", {"状态": "启用" if user.active else "停用"})
        flash(f"{user.username} 已{'启用' if user.active else '停用'}。", "info")
    elif action == "reset":
        password = random_password()
        set_password(user, password)
        record("user_update", f"用户 {user.username}", {"密码": "已重置"})
        flash(f"{user.username} 的新密码：{password}（只显示这一次，请转告本人登录后修改）", "info")
    else:
        abort(400, description="未知的操作。")
    s.commit()
    return back


@bp.route("/settings", methods=["GET", "POST"])
@permission_required("admin")
def settings() -> Any:
    s = db.session()
    if request.method == "POST":
        court = (request.form.get("default_court") or "").strip()[:200]
        try:
            min_count = int(request.form.get("suggestion_min_count") or 3)
            page_size = int(request.form.get("page_size") or 50)
        except ValueError:
            flash("件数和条数须为整数。", "error")
            return redirect(url_for("admin.settings"))
        if not 1 <= min_count <= 50 or not 10 <= page_size <= 200:
            flash("司法建议最少案件数须在 1–50 之间，每页条数须在 10–200 之间。", "error")
            return redirect(url_for("admin.settings"))
        new = {"default_court": court, "suggestion_min_count": min_count, "page_size": page_size}
        changed = {k: v for k, v in new.items() if db.get_setting(k, s) != v}
        for k, v in changed.items():
            db.set_setting(k, v, g.user.username, s)
        if changed:
            record("settings", "系统设置", {db.APP_SETTINGS[k][0]: v for k, v in changed.items()})
        s.commit()
        flash("设置已保存。" if changed else "设置没有变化。", "info")
        return redirect(url_for("admin.settings"))
    cfg = current_app.config
    limits = cfg["LIMITS"]
    system = [
        ("数据库", make_url(cfg["DATABASE_URL"]).render_as_string(hide_password=True)),
        ("数据目录", cfg["INSTANCE_DIR"]),
        ("原件存放目录", cfg["BLOB_DIR"]),
        ("文书草稿目录", cfg["DRAFTS_DIR"]),
        ("单个文件（含 ZIP）上限", f"{limits.max_file_bytes // 1024 // 1024} MB"),
        ("ZIP 解压总量上限", f"{limits.max_zip_total_bytes // 1024 // 1024} MB"),
        ("ZIP 条目数上限", str(limits.max_zip_entries)),
        ("登录有效期", f"{int(cfg['PERMANENT_SESSION_LIFETIME'].total_seconds() // 3600)} 小时"),
        ("Cookie 仅限 HTTPS", "是" if cfg["SESSION_COOKIE_SECURE"] else "否（启用 HTTPS 后设 DOCGEN_COOKIE_SECURE=1）"),
    ]
    values = {k: db.get_setting(k, s) for k in db.APP_SETTINGS}
    courts = [c for c in s.scalars(select(Judgment.court).distinct()) if c]
    return render_template("admin/settings.html", system=system, values=values, specs=db.APP_SETTINGS,
                           courts=sorted(courts))


_TARGET = re.compile(r"^(案件|文书|上传任务|生成任务) (\d+)")


def target_link(target: str | None) -> str | None:
    """The page of an audit entry's object ("案件 12" → /cases/12)."""
    m = _TARGET.match(target or "")
    if not m:
        return None
    kind, ident = m.group(1), int(m.group(2))
    if kind == "案件":
        return url_for("cases.show", jid=ident)
    if kind == "文书":
        return url_for("documents.show", draft_id=ident)
    return url_for("jobs.show", job_id=ident)


@bp.route("/audit")
@permission_required("admin")
def audit() -> Any:
    s = db.session()
    user = (request.args.get("user") or "").strip() or None
    action = (request.args.get("action") or "").strip() or None
    before = request.args.get("before", type=int)
    q = select(AuditEntry)
    if user:
        q = q.where(AuditEntry.username == user)
    if action in ACTION_NAMES:
        q = q.where(AuditEntry.action == action)
    if before:
        q = q.where(AuditEntry.id < before)
    rows = list(s.scalars(q.order_by(AuditEntry.id.desc()).limit(AUDIT_PAGE + 1)))
    more = len(rows) > AUDIT_PAGE
    rows = rows[:AUDIT_PAGE]
    usernames = [u for u in s.scalars(select(User.username).order_by(User.username))]
    return render_template("admin/audit.html", rows=rows, more=more, user=user, action=action, target_link=target_link,
                           usernames=usernames, ACTION_NAMES=ACTION_NAMES,
                           DETAIL_NAMES=DETAIL_NAMES)
