"""The audit log (admins only): every view, export, change and login."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from admin.rendering import render
from admin.security import AdminOnly, ConsoleDep, audit

router = APIRouter(prefix="/audit", tags=["audit"])
PAGE_SIZE = 50


@router.get("", response_class=HTMLResponse)
def list_audit_entries(
    request: Request,
    console: ConsoleDep,
    identity: AdminOnly,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    audit(request, console, identity, "view", "audit", f"page={page}")
    entries, total = console.staff.audit_entries(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render(
        request,
        "audit.html",
        {"title": "Audit log", "entries": entries, "page": page, "pages": pages, "total": total},
    )
