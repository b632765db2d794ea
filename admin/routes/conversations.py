"""Conversations: the filtered, paginated list, its CSV export, one conversation, and its images."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse
from PIL import Image

from admin.paths import RecordId
from admin.rendering import render, to_csv
from admin.security import AnyStaff, ConsoleDep, audit
from store.review import MAX_SEARCH_LENGTH, ConversationFilter

router = APIRouter(tags=["conversations"])
PAGE_SIZE = 25
TriState = Annotated[str, Query(max_length=3)]


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _tri(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def parse_filter(
    q: Annotated[str, Query(max_length=MAX_SEARCH_LENGTH)] = "",
    date_from: Annotated[str, Query(max_length=10)] = "",
    date_to: Annotated[str, Query(max_length=10)] = "",
    band: Annotated[str, Query(max_length=32)] = "",
    modality: Annotated[str, Query(max_length=32)] = "",
    red_flag: TriState = "",
    escalated: TriState = "",
) -> ConversationFilter:
    return ConversationFilter(
        text=q,
        date_from=_date(date_from),
        date_to=_date(date_to),
        band=band or None,
        modality=modality or None,
        red_flag=_tri(red_flag),
        escalated=_tri(escalated),
    )


FilterDep = Annotated[ConversationFilter, Depends(parse_filter)]


def _query_of(wanted: ConversationFilter) -> dict[str, str]:
    def tri(value: bool | None) -> str:
        return "" if value is None else ("yes" if value else "no")

    values = {
        "q": wanted.text,
        "date_from": wanted.date_from.isoformat() if wanted.date_from else "",
        "date_to": wanted.date_to.isoformat() if wanted.date_to else "",
        "band": wanted.band or "",
        "modality": wanted.modality or "",
        "red_flag": tri(wanted.red_flag),
        "escalated": tri(wanted.escalated),
    }
    return {key: value for key, value in values.items() if value}


@router.get("/conversations", response_class=HTMLResponse)
def list_conversations(
    request: Request,
    console: ConsoleDep,
    identity: AnyStaff,
    wanted: FilterDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    rows, total = console.review.conversations(wanted, page=page, page_size=PAGE_SIZE)
    audit(request, console, identity, "view", "conversations", f"page={page} {wanted.describe()}")
    query = _query_of(wanted)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render(
        request,
        "conversations.html",
        {
            "title": "Conversations",
            "rows": rows,
            "total": total,
            "page": page,
            "pages": pages,
            "filter": wanted,
            "query": query,
            "choices": console.review.choices(),
            "export_url": "/conversations/export.csv?" + urlencode(query),
            "previous_url": "/conversations?" + urlencode({**query, "page": page - 1}) if page > 1 else None,
            "next_url": "/conversations?" + urlencode({**query, "page": page + 1}) if page < pages else None,
        },
    )


@router.get("/conversations/export.csv")
def export_conversations(
    request: Request,
    console: ConsoleDep,
    identity: AnyStaff,
    wanted: FilterDep,
) -> Response:
    """The filtered list as CSV: numbers and flags only, no message text (data minimisation)."""
    rows = console.review.all_conversations(wanted)
    audit(request, console, identity, "export", "conversations.csv", f"rows={len(rows)} {wanted.describe()}")
    header = [
        "conversation", "pseudonym", "started_at", "last_message_at", "messages", "max_probability",
        "bands", "modalities", "red_flags", "escalation", "language",
    ]  # fmt: skip
    body = to_csv(
        header,
        (
            [
                row.id,
                row.pseudonym,
                row.started_at.isoformat(),
                row.last_message_at.isoformat(),
                row.messages,
                "" if row.max_probability is None else f"{row.max_probability:.4f}",
                ";".join(row.bands),
                ";".join(row.modalities),
                ";".join(row.red_flags),
                row.escalation or "",
                row.language or "",
            ]
            for row in rows
        ),
    )
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="conversations-{stamp}.csv"'},
    )


@router.get("/conversations/{conversation_id}", response_class=HTMLResponse)
def read_conversation(
    request: Request, console: ConsoleDep, identity: AnyStaff, conversation_id: RecordId
) -> Response:
    detail = console.review.conversation(conversation_id)
    audit(request, console, identity, "view", f"conversation:{conversation_id}")
    if detail is None:
        context = {"title": "Not found", "message": "No such conversation."}
        return render(request, "error.html", context, status_code=404)
    return render(
        request, "conversation.html", {"title": f"Conversation {conversation_id}", "detail": detail}
    )


@router.get("/images/{image_id}")
def read_image(request: Request, console: ConsoleDep, identity: AnyStaff, image_id: RecordId) -> Response:
    """An image, decrypted for display; DICOM is rendered to PNG (its header never leaves the server)."""
    found = console.review.image(image_id)
    audit(request, console, identity, "view", f"image:{image_id}")
    if found is None:
        return Response("no such image", status_code=404, media_type="text/plain")
    image, data = found
    media_type = image.media_type
    if media_type == "application/dicom":
        data, media_type = _dicom_as_png(data), "image/png"
    return Response(data, media_type=media_type)


def _dicom_as_png(data: bytes) -> bytes:
    from detector.reading import read_image as read_pixels

    pixels = read_pixels(data).pixels
    buffer = io.BytesIO()
    Image.fromarray((pixels * 255.0).clip(0, 255).astype("uint8"), mode="L").save(buffer, format="PNG")
    return buffer.getvalue()
