"""Log in (throttled, CSRF double-submit cookie), log out."""

from __future__ import annotations

import hmac
import logging
import secrets
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from admin.rendering import render
from admin.security import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    AnyStaff,
    ConsoleDep,
    CsrfField,
    Forbidden,
    audit,
    check_csrf,
    client_of,
)

logger = logging.getLogger(__name__)
router = APIRouter(tags=["auth"])


def _safe_next(target: str) -> str:
    """Only a path on this site (no open redirect)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/conversations"


def _login_page(request: Request, next_path: str, *, error: str = "", status_code: int = 200) -> Response:
    token = secrets.token_urlsafe(32)
    response = render(
        request,
        "login.html",
        {"csrf_token": token, "next": _safe_next(next_path), "error": error, "title": "Log in"},
        status_code=status_code,
    )
    secure = request.app.state.console.settings.admin_cookie_secure
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, max_age=3600, httponly=True, secure=secure, samesite="strict"
    )
    return response


@router.get("/")
def read_root() -> Response:
    return RedirectResponse("/conversations", status_code=303)


@router.get("/login")
def read_login(request: Request, next: str = "/conversations") -> Response:
    return _login_page(request, next)


@router.post("/login")
def create_session(
    request: Request,
    console: ConsoleDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/conversations",
) -> Response:
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not csrf_token or not cookie or not hmac.compare_digest(csrf_token.encode(), cookie.encode()):
        raise Forbidden("The form's security token is missing or out of date: reload the page and try again.")
    settings = console.settings
    client = client_of(request)
    window = timedelta(seconds=settings.admin_login_window_s)
    if console.staff.recent_failures(username=username, client=client, window=window) >= (
        settings.admin_login_max_failures
    ):
        console.staff.audit(actor="-", action="login_throttled", detail="too many failures", client=client)
        minutes = settings.admin_login_window_s // 60
        message = f"Too many failed attempts. Wait {minutes} minutes and try again."
        return _login_page(request, next, error=message, status_code=429)
    account = console.staff.authenticate(username=username, password=password, client=client)
    if account is None:
        console.staff.audit(actor="-", action="login_failed", client=client)
        return _login_page(request, next, error="Wrong username or password.", status_code=401)
    token = console.staff.start_session(account_id=account.id, lifetime=console.idle)
    console.staff.audit(actor=account.username, action="login", client=client)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=16 * settings.admin_session_idle_s,
        httponly=True,
        secure=settings.admin_cookie_secure,
        samesite="strict",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
def delete_session(
    request: Request, console: ConsoleDep, identity: AnyStaff, csrf_token: CsrfField = ""
) -> Response:
    check_csrf(identity, csrf_token)
    console.staff.end_session(request.cookies.get(SESSION_COOKIE, ""))
    audit(request, console, identity, "logout", "")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
