"""CSRF tokens, secure headers.

Every POST (every form, every fetch) must carry the session's token, as the ``csrf_token`` form
field or the ``X-CSRFToken`` header; otherwise the request is refused with 400 before any view
runs.  The token lives in the (signed, HttpOnly) session cookie and is compared in constant time.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, abort, request, session

__all__ = ["csrf_token", "init_app"]

_KEY = "_csrf"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
CSRF_MESSAGE = "表单已过期或缺少安全校验码（CSRF），请返回上一页刷新后重新提交。"

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def csrf_token() -> str:
    token = session.get(_KEY)
    if not token:
        token = session[_KEY] = secrets.token_urlsafe(32)
    return token


def _check_csrf() -> None:
    if request.method not in UNSAFE_METHODS:
        return
    expected = session.get(_KEY)
    sent = request.headers.get("X-CSRFToken") or request.form.get("csrf_token")
    if not expected or not sent or not hmac.compare_digest(str(expected), str(sent)):
        abort(400, description=CSRF_MESSAGE)


def _headers(response):  # type: ignore[no-untyped-def]
    h = response.headers
    h.setdefault("X-Content-Type-Options", "nosniff")
    h.setdefault("X-Frame-Options", "DENY")
    h.setdefault("Referrer-Policy", "same-origin")
    h.setdefault("Content-Security-Policy", CSP)
    if response.mimetype in ("text/html", "application/json"):
        h.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    app.before_request(_check_csrf)
    app.after_request(_headers)
    app.jinja_env.globals["csrf_token"] = csrf_token
