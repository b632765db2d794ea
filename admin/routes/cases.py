"""Health workers' cases, most suspicious first."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from admin.rendering import render
from admin.security import AnyStaff, ConsoleDep, audit

router = APIRouter(prefix="/cases", tags=["cases"])


@router.get("", response_class=HTMLResponse)
def list_cases(request: Request, console: ConsoleDep, identity: AnyStaff) -> Response:
    cases = console.review.cases()
    audit(request, console, identity, "view", "cases")
    return render(request, "cases.html", {"title": "Health-worker cases", "cases": cases})
