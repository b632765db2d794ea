"""The FastAPI application: security headers, error pages, routes per resource, Jinja2 templates."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from admin.cookies import Cookies
from admin.error_pages import add_error_pages
from admin.headers import add_security_headers, security_headers
from admin.login_csrf import LoginCsrf
from admin.routes import account, audit, auth, cases, conversations, escalations, health, risk, users
from admin.security import Console
from settings import Settings
from store import Store, open_store
from store.login_throttle import LoginThrottle
from store.review import ReviewStore
from store.staff import StaffStore

STATIC = Path(__file__).resolve().parent / "static"


def create_app(settings: Settings, *, store: Store | None = None) -> FastAPI:
    """The console over `store` (default: opened from the settings, schema migrated)."""
    if store is None:
        store = open_store(
            database_url=settings.database_url,
            encryption_keys=settings.encryption_key_list,
            image_dir=settings.image_folder,
        )
    app = FastAPI(title="bcdbot admin", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.console = Console(
        settings=settings,
        staff=StaffStore(store.sessions),
        review=ReviewStore(store),
        throttle=LoginThrottle(
            store.sessions,
            limit=settings.admin_login_max_failures,
            window=timedelta(seconds=settings.admin_login_window_s),
        ),
        login_csrf=LoginCsrf(),
        cookies=Cookies(secure=settings.admin_cookie_secure),
    )
    headers = security_headers(settings)

    @app.middleware("http")
    async def send_security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        return add_security_headers(await call_next(request), headers)

    add_error_pages(app, headers)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (health, auth, account, conversations, escalations, cases, risk, audit, users):
        app.include_router(module.router)
    return app
