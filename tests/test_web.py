"""The web app: factory, login, roles on every route, CSRF, error pages, cookies, CLI."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import WEB_PASSWORD, WEB_USERS, _web_config
from sqlalchemy import select

from docgen.db.models import AuditEntry, User
from webapp import create_app, db, ensure_admin


def audit(app, action: str | None = None) -> list[tuple[str | None, str, str | None]]:
    """(username, action, target) of the audit log, oldest first."""
    with app.app_context():
        q = select(AuditEntry.username, AuditEntry.action, AuditEntry.target).order_by(AuditEntry.id)
        if action:
            q = q.where(AuditEntry.action == action)
        return [tuple(r) for r in db.session().execute(q)]


# Every GET page, with the roles allowed to see it ("all": every logged-in user).
PAGES = {
    "/": "all", "/account": "all", "/jobs/": "all", "/cases/": "all", "/cases/1": "all",
    "/cases/1/original": "all", "/stats/": "all", "/stats/report.json": "all", "/clusters/": "all",
    "/upload/": {"clerk", "admin"},
    "/documents/": {"reviewer", "admin"},
    "/admin/users": {"admin"}, "/admin/settings": {"admin"}, "/admin/audit": {"admin"},
}  # fmt: skip
# Every POST action with the roles allowed (others: 403), and form data that passes validation.
ACTIONS = {
    "/cases/1/correct": ({"reviewer", "admin"}, {"kind": "category", "value": "行政许可"}),
    "/documents/generate": ({"reviewer", "admin"}, {"kind": "bogus"}),
    "/upload/": ({"clerk", "admin"}, {}),
    "/admin/users": ({"admin"}, {"username": "newuser", "role": "录入员", "password": "long-enough-1"}),
    "/admin/users/1": ({"admin"}, {"action": "reset"}),
    "/admin/settings": ({"admin"}, {"default_court": "", "suggestion_min_count": "3", "page_size": "50"}),
}


@pytest.mark.loaded
@pytest.mark.parametrize("path", [*PAGES, "/nope", "/cases/999", "/jobs/1", "/jobs/1.json", "/documents/1",
                                  "/documents/1/download", "/documents/1/diff"])
def test_anonymous_users_are_sent_to_login_everywhere(client, path):
    res = client.get(path)
    assert res.status_code == 302
    assert res.headers["Location"].startswith("/login")
    assert "行政" not in res.get_data(as_text=True)  # nothing of the data leaks


@pytest.mark.parametrize("path", [*ACTIONS, "/logout", "/cases/1/correct", "/documents/1/versions"])
def test_anonymous_posts_are_sent_to_login(client, path):
    res = client.post(path, data={"x": "1"})
    assert res.status_code == 302 and res.headers["Location"].startswith("/login")


@pytest.mark.loaded
@pytest.mark.parametrize("role", ["clerk", "reviewer", "admin"])
def test_role_boundaries_on_every_page(client, auth, role):
    auth.login(role)
    for path, allowed in PAGES.items():
        res = client.get(path)
        ok = allowed == "all" or role in allowed
        assert res.status_code == (200 if ok else 403), (role, path, res.status_code)
        if not ok:
            text = res.get_data(as_text=True)
            assert "没有权限" in text and "需要以下角色之一" in text


@pytest.mark.loaded
@pytest.mark.parametrize("role", ["clerk", "reviewer", "admin"])
def test_role_boundaries_on_every_action(client, auth, role):
    auth.login(role)
    for path, (allowed, data) in ACTIONS.items():
        res = auth.post(path, data)
        if role in allowed:
            assert res.status_code in (200, 302, 400), (role, path, res.status_code)
        else:
            assert res.status_code == 403, (role, path, res.status_code)


@pytest.mark.loaded
def test_clerk_cannot_generate_download_or_see_the_audit_log(client, auth):
    auth.login("clerk")
    assert auth.post("/documents/generate", {"kind": "suggestion", "year": "2023", "agency": "x"}).status_code == 403
    assert client.get("/documents/1/download").status_code == 403
    assert client.get("/admin/audit").status_code == 403
    page = client.get("/").get_data(as_text=True)
    assert "/documents/" not in page and "/admin/" not in page  # no links to what they cannot use
    case = client.get("/cases/1").get_data(as_text=True)
    assert "删除此瑕疵" not in case and "更正案由" not in case


def test_login_logout_and_audit(client, auth, app):
    page = client.get("/login").get_data(as_text=True)
    assert "登录" in page and 'name="csrf_token"' in page
    res = auth.login("reviewer")
    assert res.status_code == 302 and res.headers["Location"] == "/"
    home = client.get("/").get_data(as_text=True)
    assert "shen" in home and "审核人" in home
    assert auth.logout().status_code == 302
    assert client.get("/").status_code == 302
    actions = [(user, action) for user, action, _ in audit(app)]
    assert ("shen", "login") in actions and ("shen", "logout") in actions


def test_wrong_password_unknown_user_and_throttling(client, auth, app):
    res = auth.login("reviewer", password="wrong-password")
    assert res.status_code == 200 and "用户名或密码错误" in res.get_data(as_text=True)
    assert auth.login("nobody").status_code == 200
    assert [(u, a) for u, a, _ in audit(app, "login_failed")] == [("shen", "login_failed"), ("nobody", "login_failed")]
    for _ in range(4):
        auth.login("reviewer", password="wrong-password")
    res = auth.login("reviewer")  # right password, but too many failures just now
    assert res.status_code == 429 and "密码错误次数过多" in res.get_data(as_text=True)


def test_next_parameter_only_redirects_within_the_site(client, auth):
    res = client.get("/stats/?year=2023")
    assert res.headers["Location"] == "/login?next=/stats/?year%3D2023"
    token = auth.token()
    res = client.post("/login", data={"username": "guan", "password": WEB_PASSWORD, "csrf_token": token,
                                      "next": "/stats/?year=2023"})
    assert res.headers["Location"] == "/stats/?year=2023"
    auth.logout()
    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        res = client.post("/login", data={"username": "guan", "password": WEB_PASSWORD, "csrf_token": auth.token(),
                                          "next": evil})
        assert res.headers["Location"] == "/", evil
        auth.logout()


def test_csrf_missing_or_wrong_is_refused(client, auth, app):
    res = client.post("/login", data={"username": "guan", "password": WEB_PASSWORD})
    assert res.status_code == 400 and "CSRF" in res.get_data(as_text=True)
    auth.login("admin")
    for data in ({}, {"csrf_token": "forged"}):
        res = client.post("/admin/users", data={"username": "x1", "role": "录入员", "password": "long-enough-1", **data})
        assert res.status_code == 400
        assert "安全校验码" in res.get_data(as_text=True)
    with app.app_context():
        assert db.session().scalar(select(User).where(User.username == "x1")) is None
    # the header works too (used by scripts)
    res = client.post("/admin/users", data={"username": "x2", "role": "录入员", "password": "long-enough-1"},
                      headers={"X-CSRFToken": auth.token()})
    assert res.status_code == 302


def test_deactivated_user_and_password_reset_end_sessions(app, auth, client):
    other = app.test_client()
    from conftest import AuthActions

    AuthActions(other).login("reviewer")
    assert other.get("/cases/").status_code == 200
    auth.login("admin")
    with app.app_context():
        uid = db.session().scalar(select(User.id).where(User.username == "shen"))
    res = auth.post(f"/admin/users/{uid}", {"action": "reset"})
    assert res.status_code == 302
    flashed = client.get("/admin/users").get_data(as_text=True)
    new_password = re.search(r"shen 的新密码：(\S+)（", flashed).group(1)
    assert other.get("/cases/").status_code == 302  # the old session ended
    assert AuthActions(other).login("reviewer", password=new_password).headers["Location"] == "/"
    auth.post(f"/admin/users/{uid}", {"action": "toggle"})
    assert other.get("/cases/").status_code == 302
    assert AuthActions(other).login("reviewer", password=new_password).status_code == 200  # refused


def test_admin_manages_users_but_not_the_last_admin(app, auth, client):
    auth.login("admin")
    res = auth.post("/admin/users", {"username": "新同事", "role": "审核人"})
    assert res.status_code == 302
    page = client.get("/admin/users").get_data(as_text=True)
    assert "已新建用户 新同事（审核人），初始密码：" in page
    res = auth.post("/admin/users", {"username": "新同事", "role": "审核人", "password": "long-enough-1"})
    assert "已存在" in res.get_data(as_text=True)
    res = auth.post("/admin/users", {"username": "short", "role": "审核人", "password": "123"})
    assert "密码至少 8 位" in res.get_data(as_text=True)
    with app.app_context():
        admin_id = db.session().scalar(select(User.id).where(User.username == "guan"))
    auth.post(f"/admin/users/{admin_id}", {"action": "role", "role": "clerk"})
    assert "不能取消最后一位管理员" in client.get("/admin/users").get_data(as_text=True)
    assert ("guan", "user_create", "用户 新同事") in audit(app)


def test_own_password_change(client, auth):
    auth.login("clerk")
    res = auth.post("/account", {"old_password": "wrong", "new_password": "n3w-password", "new_password2": "n3w-password"})
    assert "原密码不正确" in res.get_data(as_text=True)
    res = auth.post("/account", {"old_password": WEB_PASSWORD, "new_password": "n3w-password",
                                 "new_password2": "n3w-password"})
    assert res.status_code == 302
    auth.logout()
    assert auth.login("clerk", password="n3w-password").headers["Location"] == "/"


def test_error_pages_are_chinese_and_never_a_stack_trace(tmp_path, web_templates):
    import shutil

    shutil.copytree(web_templates["empty"], tmp_path / "inst")
    cfg = _web_config(tmp_path / "inst")
    cfg.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)
    app = create_app(cfg)

    def boom():
        raise RuntimeError("secret internal detail")

    app.add_url_rule("/boom", "boom", boom)
    client = app.test_client()
    from conftest import AuthActions

    AuthActions(client).login("admin")
    res = client.get("/boom")
    text = res.get_data(as_text=True)
    assert res.status_code == 500 and "系统内部错误" in text
    assert "Traceback" not in text and "secret internal detail" not in text and "RuntimeError" not in text
    res = client.get("/no-such-page")
    assert res.status_code == 404 and "页面不存在" in res.get_data(as_text=True)
    res = client.get("/logout")
    assert res.status_code == 405 and "操作方式不正确" in res.get_data(as_text=True)
    assert client.get("/jobs/12345.json").get_json()["error"] == "页面不存在"
    assert app.debug is False


def test_upload_over_the_size_limit_gets_a_clear_413(app, client, auth):
    import io

    app.config["MAX_CONTENT_LENGTH"] = 2000
    auth.login("clerk")
    token = auth.token()
    res = client.post("/upload/", data={"csrf_token": token, "files": [(io.BytesIO(b"x" * 5000), "大文件.zip")]},
                      content_type="multipart/form-data")
    text = res.get_data(as_text=True)
    assert res.status_code == 413 and "文件太大" in text and "MB" in text


def test_secure_cookie_settings_and_headers(tmp_path, web_templates, client, auth):
    res = auth.login("admin")
    cookie = res.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    page = client.get("/")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    import shutil

    shutil.copytree(web_templates["empty"], tmp_path / "secure")
    app2 = create_app({**_web_config(tmp_path / "secure"), "SESSION_COOKIE_SECURE": True})
    from conftest import AuthActions

    res = AuthActions(app2.test_client()).login("admin")
    assert "Secure" in res.headers["Set-Cookie"]


def test_secret_key_is_kept_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DOCGEN_SECRET_KEY", raising=False)
    cfg = _web_config(tmp_path / "inst")
    del cfg["SECRET_KEY"]
    a = create_app(cfg)
    b = create_app(cfg)
    key = tmp_path / "inst" / "secret_key"
    assert a.secret_key == b.secret_key == key.read_text().strip()
    assert key.stat().st_mode & 0o077 == 0


def test_ensure_admin_creates_the_first_admin_once(tmp_path):
    app = create_app(_web_config(tmp_path / "fresh"))
    first = ensure_admin(app)
    assert first is not None and first[0] == "admin" and len(first[1]) >= 12
    assert ensure_admin(app) is None
    from conftest import AuthActions

    client = app.test_client()
    res = client.post("/login", data={"username": "admin", "password": first[1],
                                      "csrf_token": AuthActions(client).token()})
    assert res.headers["Location"] == "/"


def test_flask_cli_create_user(runner, app):
    res = runner.invoke(args=["create-user", "小王", "--role", "录入员"])
    assert res.exit_code == 0, res.output
    assert "已新建用户 小王（录入员）" in res.output and "初始密码" in res.output
    res = runner.invoke(args=["create-user", "小王", "--role", "录入员"])
    assert res.exit_code != 0 and "已存在" in res.output
    res = runner.invoke(args=["create-user", "小李", "--role", "法官"])
    assert "未知的角色" in res.output


def test_docgen_create_user_command(tmp_path, monkeypatch):
    import click

    from docgen.cli import main
    from docgen.cli_web import register

    group = click.Group(commands=dict(main.commands), callback=main.callback, params=main.params)
    if "create-user" not in group.commands:
        register(group)
    monkeypatch.delenv("DOCGEN_DATABASE_URL", raising=False)
    monkeypatch.delenv("DOCGEN_BLOB_DIR", raising=False)
    monkeypatch.setenv("DOCGEN_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("DOCGEN_SECRET_KEY", "cli-test")
    res = CliRunner().invoke(group, ["create-user", "张三", "--role", "管理员", "--password", "long-enough-1"])
    assert res.exit_code == 0, res.output
    assert "已新建用户 张三（管理员）" in res.output and "初始密码" not in res.output
    app = create_app({"INSTANCE_DIR": str(tmp_path / "instance"), "TESTING": True})
    with app.app_context():
        user = db.session().scalar(select(User).where(User.username == "张三"))
        assert user.role == "admin" and user.password_hash != "long-enough-1"
    assert "serve" in group.commands
    res = CliRunner().invoke(group, ["serve", "--help"])
    assert "--host" in res.output and "--port" in res.output


def test_web_users_fixture_matches_roles(app):
    with app.app_context():
        rows = {u.username: u.role for u in db.session().scalars(select(User))}
    assert rows == {name: role for role, name in WEB_USERS.items()}
