"""登录/登出, roles and the checks every page makes.

Roles: 录入员 (clerk: upload), 审核人 (reviewer: review, correct, generate), 管理员 (admin: users,
settings, audit log — and everything else).  Every request but the login page and static files
needs a logged-in, active user (:func:`_require_login`, app-wide); actions check a permission
with :func:`permission_required`.  Passwords are stored as werkzeug hashes only.  A session
remembers a fingerprint of the password hash, so changing or resetting a password, or
deactivating the user, ends that user's other sessions.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

import click
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from docgen.db.models import USER_ROLES, User, utcnow
from webapp import db
from webapp.audit import record

__all__ = [
    "PERMISSIONS",
    "ROLE_NAMES",
    "CurrentUser",
    "UserError",
    "bp",
    "create_first_admin",
    "create_user",
    "parse_role",
    "permission_required",
    "random_password",
    "set_password",
]

ROLE_NAMES: dict[str, str] = {"clerk": "录入员", "reviewer": "审核人", "admin": "管理员"}
PERMISSIONS: dict[str, frozenset[str]] = {
    "view": frozenset(USER_ROLES),  # case list and details, statistics, clusters
    "upload": frozenset({"clerk", "admin"}),
    "review": frozenset({"reviewer", "admin"}),  # corrections
    "generate": frozenset({"reviewer", "admin"}),  # documents: generate, versions, download
    "admin": frozenset({"admin"}),
}
PERMISSION_NAMES = {"view": "查看", "upload": "上传裁判文书", "review": "审核更正", "generate": "生成和下载文书",
                    "admin": "系统管理"}  # fmt: skip
MIN_PASSWORD = 8
_USERNAME = re.compile(r"[^\s/\\<>\"'&]{2,64}")
PUBLIC_ENDPOINTS = {"auth.login", "static"}

# Login throttling (per user name, per app): after MAX_FAILURES wrong passwords within
# FAILURE_WINDOW seconds, further attempts are refused until the window has passed.
MAX_FAILURES = 5
FAILURE_WINDOW = 300

bp = Blueprint("auth", __name__, cli_group=None)  # `flask --app webapp create-user …`

F = TypeVar("F", bound=Callable[..., Any])


class UserError(ValueError):
    """Invalid user data; the message is Chinese and shown as it is."""


@dataclass(frozen=True)
class CurrentUser:
    id: int
    username: str
    role: str

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)

    def can(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission]


def parse_role(value: str) -> str:
    """'管理员' or 'admin' → 'admin'."""
    v = (value or "").strip()
    for code, name in ROLE_NAMES.items():
        if v in (code, name):
            return code
    raise UserError(f"未知的角色：{value!r}。可选：{'、'.join(ROLE_NAMES.values())}")


def random_password() -> str:
    return secrets.token_urlsafe(12)


def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise UserError(f"密码至少 {MIN_PASSWORD} 位")


def create_user(s: Session, username: str, password: str, role: str) -> User:
    """Add a user (flushed, not committed); raises :class:`UserError` with a Chinese message."""
    username = (username or "").strip()
    if not _USERNAME.fullmatch(username):
        raise UserError("用户名须为 2–64 个字符，不能含空格、斜杠、引号或尖括号")
    role = parse_role(role)
    _check_password(password)
    if s.scalar(select(User.id).where(User.username == username)) is not None:
        raise UserError(f"用户名“{username}”已存在")
    user = User(username=username, password_hash=generate_password_hash(password), role=role, active=True)
    s.add(user)
    s.flush()
    return user


def set_password(user: User, password: str) -> None:
    _check_password(password)
    user.password_hash = generate_password_hash(password)


def create_first_admin() -> tuple[str, str] | None:
    """The first administrator when there is no user (inside an app context)."""
    s = db.session()
    if s.scalar(select(func.count()).select_from(User)):
        return None
    password = random_password()
    create_user(s, "admin", password, "admin")
    record("user_create", "用户 admin", {"role": "admin", "by": "首次启动"}, username="系统", s=s)
    s.commit()
    return "admin", password


# -- every request ---------------------------------------------------------------------------------


def _load_user() -> None:
    g.user = None
    uid = session.get("uid")
    if uid is None:
        return
    row = db.session().get(User, uid)
    if row is None or not row.active or session.get("pwfp") != _fingerprint(row.password_hash):
        session.clear()
        return
    g.user = CurrentUser(row.id, row.username, row.role)


def _require_login() -> Any:
    if request.endpoint in PUBLIC_ENDPOINTS or g.user is not None:
        return None
    target = None
    if request.method == "GET":
        target = request.full_path if request.query_string else request.path
    return redirect(url_for("auth.login", next=target) if target and target != "/" else url_for("auth.login"))


def permission_required(permission: str) -> Callable[[F], F]:
    """Refuse (403, Chinese page) users whose role lacks ``permission``."""
    if permission not in PERMISSIONS:
        raise ValueError(permission)

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if g.get("user") is None:
                return redirect(url_for("auth.login"))
            if not g.user.can(permission):
                roles = "、".join(ROLE_NAMES[r] for r in USER_ROLES if r in PERMISSIONS[permission])
                abort(403, description=f"“{PERMISSION_NAMES[permission]}”需要以下角色之一：{roles}。"
                                       f"您当前的角色是{g.user.role_name}。")
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def init_app(app: Flask) -> None:
    app.extensions["docgen_login_failures"] = _Failures()
    app.before_request(_load_user)
    app.before_request(_require_login)

    @app.context_processor
    def _inject() -> dict[str, Any]:
        return {"current_user": g.get("user"), "ROLE_NAMES": ROLE_NAMES}


def add_user_from_cli(name: str, role: str, password: str | None) -> list[str]:
    """``docgen create-user`` / ``flask create-user`` (inside an app context): the lines to print.
    Raises :class:`UserError`."""
    s = db.session()
    shown = password is None
    password = password or random_password()
    user = create_user(s, name, password, role)
    record("user_create", f"用户 {user.username}", {"role": ROLE_NAMES[user.role], "by": "命令行"},
           username="命令行", s=s)
    s.commit()
    lines = [f"已新建用户 {user.username}（{ROLE_NAMES[user.role]}）"]
    if shown:
        lines.append(f"初始密码：{password}（只显示这一次，请登录后在“修改密码”中修改）")
    return lines


@bp.cli.command("create-user")
@click.argument("name")
@click.option("--role", default="审核人", show_default=True, help="录入员、审核人或管理员")
@click.option("--password", help="初始密码（至少 8 位）；不给则自动生成并显示一次")
def create_user_command(name: str, role: str, password: str | None) -> None:
    """新建网页登录用户（与 `docgen create-user` 相同）。"""
    try:
        for line in add_user_from_cli(name, role, password):
            click.echo(line)
    except UserError as err:
        raise click.ClickException(str(err)) from None


# -- pages -----------------------------------------------------------------------------------------


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site (no scheme, no host, no //, no backslash tricks)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


class _Failures:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}

    def throttled(self, username: str) -> bool:
        now = time.monotonic()
        with self.lock:
            recent = [t for t in self.times.get(username, []) if now - t < FAILURE_WINDOW]
            self.times[username] = recent
            return len(recent) >= MAX_FAILURES

    def add(self, username: str) -> None:
        with self.lock:
            self.times.setdefault(username, []).append(time.monotonic())

    def clear(self, username: str) -> None:
        with self.lock:
            self.times.pop(username, None)


def _failures() -> _Failures:
    return current_app.extensions["docgen_login_failures"]


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    next_url = _safe_next(request.values.get("next"))
    if g.user is not None and request.method == "GET":
        return redirect(next_url or url_for("main.index"))
    if request.method == "POST":
        username = (request.form.get("username") or "").strip()
        password = request.form.get("password") or ""
        s = db.session()
        if _failures().throttled(username):
            flash(f"密码错误次数过多，请 {FAILURE_WINDOW // 60} 分钟后再试。", "error")
            return render_template("auth/login.html", next=next_url, username=username), 429
        user = s.scalar(select(User).where(User.username == username)) if username else None
        if user is None or not user.active or not check_password_hash(user.password_hash, password):
            _failures().add(username)
            record("login_failed", f"用户 {username}" if username else None, username=username or None, s=s)
            s.commit()
            flash("用户名或密码错误，或该用户已停用。", "error")
            return render_template("auth/login.html", next=next_url, username=username), 200
        _failures().clear(username)
        session.clear()  # a fresh session (and CSRF token) after login
        session.permanent = True
        session["uid"] = user.id
        session["pwfp"] = _fingerprint(user.password_hash)
        user.last_login_at = utcnow()
        g.user = CurrentUser(user.id, user.username, user.role)
        record("login", f"用户 {user.username}", s=s)
        s.commit()
        return redirect(next_url or url_for("main.index"))
    return render_template("auth/login.html", next=next_url, username="")


@bp.route("/logout", methods=["POST"])
def logout() -> Any:
    s = db.session()
    record("logout", f"用户 {g.user.username}", s=s)
    s.commit()
    session.clear()
    flash("已退出登录。", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
def account() -> Any:
    """Change one's own password."""
    if request.method == "POST":
        s = db.session()
        user = s.get(User, g.user.id)
        old = request.form.get("old_password") or ""
        new = request.form.get("new_password") or ""
        if not check_password_hash(user.password_hash, old):
            flash("原密码不正确。", "error")
        elif new != (request.form.get("new_password2") or ""):
            flash("两次输入的新密码不一致。", "error")
        else:
            try:
                set_password(user, new)
            except UserError as err:
                flash(str(err), "error")
            else:
                record("password_change", f"用户 {user.username}", s=s)
                s.commit()
                session["pwfp"] = _fingerprint(user.password_hash)
                flash("密码已修改。", "info")
                return redirect(url_for("auth.account"))
    return render_template("auth/account.html")
