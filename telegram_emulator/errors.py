"""Bot API errors, answered as ``{"ok": false, "error_code": ..., "description": ...}``."""

from __future__ import annotations


class ApiError(Exception):
    """A Bot API error with Telegram's status code and description."""

    def __init__(self, error_code: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after


def bad_request(reason: str) -> ApiError:
    """Return a 400 error whose description reads ``Bad Request: <reason>`` as Telegram's do."""
    return ApiError(400, f"Bad Request: {reason}")


def conflict(reason: str) -> ApiError:
    """Return a 409 error whose description reads ``Conflict: <reason>``."""
    return ApiError(409, f"Conflict: {reason}")


def too_many_requests(retry_after: int) -> ApiError:
    """Telegram's flood-control answer: 429 with ``parameters.retry_after`` in seconds."""
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)
