"""Error pages: a login redirect, 403 (audited), 404 for an out-of-range path, and 500 with the same headers.

A 500 passes no middleware on its way out (Starlette's outermost layer answers it), so its handler adds the
security headers itself. Only the exception's type is logged: its text may carry SQL parameters.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse

from admin.headers import add_security_headers
from admin.rendering import render
from admin.security import Forbidden, LoginRequired, client_of, console_of
from store.staff import StaffIdentity

logger = logging.getLogger(__name__)


def _error_page(request: Request, title: str, message: str, status_code: int) -> Response:
    return render(request, "error.html", {"title": title, "message": message}, status_code=status_code)


def add_error_pages(app: FastAPI, headers: dict[str, str]) -> None:
    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, _: LoginRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        logger.info("refused: %s %s", request.method, request.url.path)
        identity = getattr(request.state, "identity", None)
        actor = identity.username if isinstance(identity, StaffIdentity) else "-"
        client = client_of(request)
        console_of(request).staff.audit(
            actor=actor, action="refused", target=request.url.path, detail=exc.reason, client=client
        )
        return _error_page(request, "Not allowed", exc.reason, 403)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        if any(error.get("loc", ("",))[0] == "path" for error in exc.errors()):
            return _error_page(request, "Not found", "No such page or record.", 404)
        return await request_validation_exception_handler(request, exc)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        logger.error("error answering %s %s: %s", request.method, request.url.path, type(exc).__name__)
        page = _error_page(request, "Something went wrong", "The console could not answer: try again.", 500)
        return add_security_headers(page, headers)
