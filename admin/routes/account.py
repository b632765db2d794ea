"""One's own account: change the password (the current one, the session's CSRF token, throttled like a login).

The other sessions of the account end; this one goes on.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse

from admin.rendering import render
from admin.security import AnyStaff, ConsoleDep, CsrfField, audit, check_csrf, client_of
from store.passwords import MIN_PASSWORD_LENGTH
from store.staff import AccountError

router = APIRouter(prefix="/account", tags=["account"])
PasswordField = Annotated[str, Form(max_length=1000)]


def _page(request: Request, *, message: str = "", error: str = "", status_code: int = 200) -> Response:
    context = {
        "title": "Change password",
        "message": message,
        "error": error,
        "min_length": MIN_PASSWORD_LENGTH,
    }
    return render(request, "account.html", context, status_code=status_code)


@router.get("/password", response_class=HTMLResponse)
def read_password_form(request: Request, identity: AnyStaff) -> Response:
    return _page(request)


@router.post("/password")
def change_password(
    request: Request,
    console: ConsoleDep,
    identity: AnyStaff,
    csrf_token: CsrfField = "",
    current_password: PasswordField = "",
    new_password: PasswordField = "",
) -> Response:
    check_csrf(identity, csrf_token)
    attempt = console.throttle.claim(username=identity.username, client=client_of(request))
    if attempt is None:
        return _page(request, error="Too many wrong passwords: wait and try again.", status_code=429)
    right = console.staff.password_matches(account_id=identity.account_id, password=current_password)
    console.throttle.settle(attempt, succeeded=right)
    if not right:
        audit(request, console, identity, "password_refused", f"account:{identity.account_id}")
        return _page(request, error="The current password is wrong.", status_code=400)
    try:
        console.staff.set_password(
            account_id=identity.account_id, password=new_password, keep_session_id=identity.session_id
        )
    except AccountError as exc:
        return _page(request, error=str(exc), status_code=400)
    audit(request, console, identity, "change_password", f"account:{identity.account_id}")
    return _page(request, message="Password changed. Your other sessions have ended.")
