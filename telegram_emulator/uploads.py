"""Storing uploaded photos and documents, shared by the Bot API and the control API."""

from __future__ import annotations

from .errors import bad_request
from .media import document_mime, pillow_available, probe_image
from .state import DOCUMENT, PHOTO, EmulatorState, StoredFile

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


def store_photo(state: EmulatorState, data: bytes, content_type: str | None, *, strict: bool) -> StoredFile:
    """Keep the bytes as given with their real pixel size; ``strict`` refuses non-images as Telegram does."""
    if not data:
        raise bad_request("file must be non-empty")
    if len(data) > MAX_PHOTO_BYTES:
        raise bad_request("PHOTO_INVALID_DIMENSIONS")
    info = probe_image(data)
    if strict and info.mime_type is None and pillow_available():
        raise bad_request("IMAGE_PROCESS_FAILED")
    declared = content_type if content_type and content_type.startswith("image/") else None
    mime = info.mime_type or declared or "image/jpeg"
    return state.add_file(PHOTO, data, mime, width=info.width, height=info.height)


def store_document(
    state: EmulatorState,
    data: bytes,
    file_name: str | None,
    content_type: str | None,
    *,
    allow_empty: bool = False,
) -> StoredFile:
    """Keep the bytes, the file name and a MIME type from the declared type, the name or the bytes.

    ``allow_empty`` lets the control API deliver a zero-byte file from a user, so the bot's handling of
    empty uploads can be tested; bots themselves may not send one (as on Telegram).
    """
    if not data and not allow_empty:
        raise bad_request("file must be non-empty")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise bad_request("file is too big")
    mime = document_mime(file_name, content_type, data)
    return state.add_file(DOCUMENT, data, mime, file_name=file_name)
