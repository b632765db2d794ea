"""The clinician queue: red flags to acknowledge, note and close."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from admin.paths import RecordId
from admin.rendering import render
from admin.security import AnyStaff, ConsoleDep, CsrfField, audit, check_csrf
from store.review import ACKNOWLEDGED, CLOSED, OPEN, WorkflowError

router = APIRouter(prefix="/escalations", tags=["escalations"])


@router.get("", response_class=HTMLResponse)
def list_escalations(request: Request, console: ConsoleDep, identity: AnyStaff, show: str = "") -> Response:
    statuses = (OPEN, ACKNOWLEDGED, CLOSED) if show == "all" else (OPEN, ACKNOWLEDGED)
    escalations = console.review.escalations(statuses=statuses)
    audit(request, console, identity, "view", "escalations", f"show={'all' if show == 'all' else 'waiting'}")
    return render(
        request,
        "escalations.html",
        {"title": "Escalation queue", "escalations": escalations, "show_all": show == "all", "error": ""},
    )


def _act(
    request: Request, console: ConsoleDep, identity: AnyStaff, escalation_id: int, action: str, note: str = ""
) -> Response:
    try:
        if action == "acknowledge":
            console.review.acknowledge(escalation_id, by=identity.username)
        elif action == "close":
            console.review.close(escalation_id, by=identity.username)
        else:
            console.review.add_note(escalation_id, by=identity.username, text=note)
    except WorkflowError as exc:
        escalations = console.review.escalations()
        context = {
            "title": "Escalation queue",
            "escalations": escalations,
            "show_all": False,
            "error": str(exc),
        }
        return render(request, "escalations.html", context, status_code=409)
    audit(request, console, identity, action, f"escalation:{escalation_id}")
    return RedirectResponse("/escalations", status_code=303)


@router.post("/{escalation_id}/acknowledge")
def acknowledge_escalation(
    request: Request,
    console: ConsoleDep,
    identity: AnyStaff,
    escalation_id: RecordId,
    csrf_token: CsrfField = "",
) -> Response:
    check_csrf(identity, csrf_token)
    return _act(request, console, identity, escalation_id, "acknowledge")


@router.post("/{escalation_id}/close")
def close_escalation(
    request: Request,
    console: ConsoleDep,
    identity: AnyStaff,
    escalation_id: RecordId,
    csrf_token: CsrfField = "",
) -> Response:
    check_csrf(identity, csrf_token)
    return _act(request, console, identity, escalation_id, "close")


@router.post("/{escalation_id}/notes")
def create_note(
    request: Request,
    console: ConsoleDep,
    identity: AnyStaff,
    escalation_id: RecordId,
    csrf_token: CsrfField = "",
    note: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    check_csrf(identity, csrf_token)
    return _act(request, console, identity, escalation_id, "note", note)
