"""Log in (throttled before the password is checked, signed CSRF token), log out."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from admin.rendering import render
from admin.security import (
    CSRF_REFUSED,
    AnyStaff,
    Console,
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


def _login_page(
    request: Request, console: Console, next_path: str, *, error: str = "", status_code: int = 200
) -> Response:
    token = console.login_csrf.issue()
    response = render(
        request,
        "login.html",
        {"csrf_token": token, "next": _safe_next(next_path), "error": error, "title": "Log in"},
        status_code=status_code,
    )
    console.cookies.set(response, console.cookies.login_csrf, token, max_age_s=console.login_csrf.max_age_s)
    return response


def _failed_login_target(console: Console, username: str) -> str:
    """The account a failed login named, if any; a typed name is never kept (it may be a password)."""
    account_id = console.staff.account_id(username)
    return f"account:{account_id}" if account_id is not None else "unknown account"


@router.get("/")
def read_root() -> Response:
    return RedirectResponse("/conversations", status_code=303)


@router.get("/login")
def read_login(request: Request, console: ConsoleDep, next: str = "/conversations") -> Response:
    return _login_page(request, console, next)


@router.post("/login")
def create_session(
    request: Request,
    console: ConsoleDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/conversations",
) -> Response:
    if not console.login_csrf.accepts(csrf_token, request.cookies.get(console.cookies.login_csrf, "")):
        raise Forbidden(CSRF_REFUSED)
    client = client_of(request)
    attempt = console.throttle.claim(username=username, client=client)
    if attempt is None:
        console.staff.audit(actor="-", action="login_throttled", detail="too many failures", client=client)
        minutes = console.settings.admin_login_window_s // 60
        message = f"Too many failed attempts. Wait {minutes} minutes and try again."
        return _login_page(request, console, next, error=message, status_code=429)
    account = console.staff.authenticate(username=username, password=password)
    console.throttle.settle(attempt, succeeded=account is not None)
    if account is None:
        target = _failed_login_target(console, username)
        console.staff.audit(actor="-", action="login_failed", target=target, client=client)
        return _login_page(request, console, next, error="Wrong username or password.", status_code=401)
    token = console.staff.start_session(account_id=account.id, lifetime=console.idle)
    console.staff.audit(actor=account.username, action="login", client=client)
    response = RedirectResponse(_safe_next(next), status_code=303)
    console.cookies.set(
        response, console.cookies.session, token, max_age_s=16 * console.settings.admin_session_idle_s
    )
    console.cookies.clear(response, console.cookies.login_csrf)
    return response


@router.post("/logout")
def delete_session(
    request: Request, console: ConsoleDep, identity: AnyStaff, csrf_token: CsrfField = ""
) -> Response:
    check_csrf(identity, csrf_token)
    console.staff.end_session(request.cookies.get(console.cookies.session, ""))
    audit(request, console, identity, "logout", "")
    response = RedirectResponse("/login", status_code=303)
    console.cookies.clear(response, console.cookies.session)
    return response
