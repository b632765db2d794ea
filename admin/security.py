"""Who is asking: session cookies, roles, CSRF tokens, and the audit trail of every view and change.

- Sessions are server-side rows; the cookie (`admin.cookies`: `__Host-` prefixed, HttpOnly, SameSite=Strict,
  Secure unless turned off for plain-HTTP development) holds a random token (only its SHA-256 is stored)
  and expires after `admin_session_idle_s` without use (and at most 16 idle periods after login).
- Every POST carries the session's CSRF token in a hidden field (the login form: a token this process
  signed, in a field and a cookie, `admin.login_csrf`); a missing or wrong token is refused with 403,
  whatever else the request says, and the refusal is audited.
- Every page declares the roles it needs; an anonymous request is redirected to /login.
- Logins are throttled per username and per client (`store.login_throttle`) before a password is checked.
- The client address is the connecting one; `X-Forwarded-For` is believed only from the proxies named in
  `admin_trusted_proxies` (the server, `admin.serving`, rewrites the address; default: no proxy).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Form, Request

from admin.cookies import Cookies
from admin.login_csrf import LoginCsrf
from settings import Settings
from store.login_throttle import LoginThrottle
from store.review import ReviewStore
from store.staff import ADMIN, CLINICIAN, StaffIdentity, StaffStore

EVERYONE = (ADMIN, CLINICIAN)
ADMINS = (ADMIN,)


class LoginRequired(Exception):
    """No live session: the handler redirects to the login page."""


class Forbidden(Exception):
    """A live session without the role the page needs, or a refused CSRF token."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Console:
    """What the routes need, kept on `app.state.console`."""

    settings: Settings
    staff: StaffStore
    review: ReviewStore
    throttle: LoginThrottle
    login_csrf: LoginCsrf
    cookies: Cookies

    @property
    def idle(self) -> timedelta:
        return timedelta(seconds=self.settings.admin_session_idle_s)


def console_of(request: Request) -> Console:
    console = request.app.state.console
    assert isinstance(console, Console)
    return console


ConsoleDep = Annotated[Console, Depends(console_of)]


def client_of(request: Request) -> str:
    """The connecting address, or the forwarded one when the server trusts the proxy it came through."""
    return request.client.host if request.client else "unknown"


def current_staff(request: Request, console: ConsoleDep) -> StaffIdentity:
    token = request.cookies.get(console.cookies.session)
    identity = console.staff.identity(token, idle=console.idle) if token else None
    if identity is None:
        raise LoginRequired()
    request.state.identity = identity
    return identity


def requires(*roles: str) -> object:
    """A dependency: the logged-in staff member, if their role is one of `roles`."""

    def dependency(identity: Annotated[StaffIdentity, Depends(current_staff)]) -> StaffIdentity:
        if identity.role not in roles:
            raise Forbidden(f"This page needs the role {' or '.join(roles)}.")
        return identity

    return Depends(dependency)


AnyStaff = Annotated[StaffIdentity, requires(*EVERYONE)]
AdminOnly = Annotated[StaffIdentity, requires(*ADMINS)]


CSRF_REFUSED = "The form's security token is missing or out of date: reload the page and try again."


def check_csrf(identity: StaffIdentity, token: str) -> None:
    if not token or not hmac.compare_digest(token.encode(), identity.csrf_token.encode()):
        raise Forbidden(CSRF_REFUSED)


CsrfField = Annotated[str, Form()]


def audit(
    request: Request, console: Console, identity: StaffIdentity, action: str, target: str, detail: str = ""
) -> None:
    console.staff.audit(
        actor=identity.username, action=action, target=target, detail=detail, client=client_of(request)
    )
