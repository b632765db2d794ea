"""Users and roles (admins only): staff accounts and the Telegram users holding the health-worker role.

A change of role, a deactivation or a password reset ends every session of the account.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from admin.paths import RecordId
from admin.rendering import render
from admin.security import AdminOnly, ConsoleDep, CsrfField, audit, check_csrf
from store.erasure import person_target
from store.review import WorkflowError
from store.staff import STAFF_ROLES, AccountError

router = APIRouter(prefix="/users", tags=["users"])


def _page(request: Request, console: ConsoleDep, *, error: str = "", status_code: int = 200) -> Response:
    context = {
        "title": "Users and roles",
        "accounts": console.staff.accounts(),
        "roles": STAFF_ROLES,
        "telegram_roles": console.review.telegram_roles(),
        "error": error,
    }
    return render(request, "users.html", context, status_code=status_code)


@router.get("", response_class=HTMLResponse)
def list_users(request: Request, console: ConsoleDep, identity: AdminOnly) -> Response:
    audit(request, console, identity, "view", "users")
    return _page(request, console)


@router.post("")
def create_user(
    request: Request,
    console: ConsoleDep,
    identity: AdminOnly,
    csrf_token: CsrfField = "",
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    role: Annotated[str, Form(max_length=32)] = "",
) -> Response:
    check_csrf(identity, csrf_token)
    try:
        account_id = console.staff.create_account(username=username, password=password, role=role)
    except AccountError as exc:
        return _page(request, console, error=str(exc), status_code=400)
    audit(request, console, identity, "create_user", f"account:{account_id}", f"role={role}")
    return RedirectResponse("/users", status_code=303)


@router.post("/{account_id}")
def update_user(
    request: Request,
    console: ConsoleDep,
    identity: AdminOnly,
    account_id: RecordId,
    csrf_token: CsrfField = "",
    role: Annotated[str, Form(max_length=32)] = "",
    active: Annotated[str, Form(max_length=3)] = "",
) -> Response:
    check_csrf(identity, csrf_token)
    if account_id == identity.account_id:
        return _page(request, console, error="You cannot change your own account here.", status_code=400)
    try:
        console.staff.set_account(
            account_id=account_id, role=role or None, active={"yes": True, "no": False}.get(active)
        )
    except AccountError as exc:
        return _page(request, console, error=str(exc), status_code=400)
    audit(request, console, identity, "update_user", f"account:{account_id}", f"role={role} active={active}")
    return RedirectResponse("/users", status_code=303)


@router.post("/{account_id}/password")
def reset_password(
    request: Request,
    console: ConsoleDep,
    identity: AdminOnly,
    account_id: RecordId,
    csrf_token: CsrfField = "",
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Another account's new password; its sessions end (one's own: the account page)."""
    check_csrf(identity, csrf_token)
    if account_id == identity.account_id:
        return _page(request, console, error="Change your own password on the account page.", status_code=400)
    try:
        console.staff.set_password(account_id=account_id, password=password)
    except AccountError as exc:
        return _page(request, console, error=str(exc), status_code=400)
    audit(request, console, identity, "reset_password", f"account:{account_id}")
    return RedirectResponse("/users", status_code=303)


@router.post("/telegram/revoke")
def revoke_telegram_role(
    request: Request,
    console: ConsoleDep,
    identity: AdminOnly,
    csrf_token: CsrfField = "",
    pseudonym: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    check_csrf(identity, csrf_token)
    try:
        revoked = console.review.revoke_telegram_role(pseudonym_prefix=pseudonym)
    except WorkflowError as exc:
        return _page(request, console, error=str(exc), status_code=400)
    audit(request, console, identity, "revoke_role", person_target(pseudonym), f"revoked={revoked}")
    return RedirectResponse("/users", status_code=303)
