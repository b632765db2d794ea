"""The FastAPI application: security headers, error pages, routes per resource, Jinja2 templates."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from admin.rendering import render
from admin.routes import audit, auth, cases, conversations, escalations, risk, users
from admin.security import Console, Forbidden, LoginRequired
from bcdbot.settings import Settings
from store import Store, open_store
from store.review import ReviewStore
from store.staff import StaffStore

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",  # pages hold health data: never in a shared or back-button cache
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def create_app(settings: Settings, *, store: Store | None = None) -> FastAPI:
    """The console over `store` (default: opened from the settings, schema migrated)."""
    if store is None:
        store = open_store(
            database_url=settings.database_url,
            encryption_keys=settings.encryption_key_list,
            image_dir=settings.image_folder,
            deid_secret=settings.pseudonym_secret.get_secret_value().encode(),
        )
    app = FastAPI(title="bcdbot admin", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.console = Console(
        settings=settings, staff=StaffStore(store.sessions), review=ReviewStore(store)
    )

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, _: LoginRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        logger.info("refused: %s %s", request.method, request.url.path)
        return render(request, "error.html", {"title": "Not allowed", "message": exc.reason}, status_code=403)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (auth, conversations, escalations, cases, risk, audit, users):
        app.include_router(module.router)
    return app
