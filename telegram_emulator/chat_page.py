"""The web chat page at ``/``: static HTML, JS and CSS that talk to the control API."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

STATIC_DIR = Path(__file__).parent / "static"
NO_CACHE = {"Cache-Control": "no-cache"}


def add_chat_page_routes(app: web.Application) -> None:
    async def index(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(STATIC_DIR / "index.html", headers=NO_CACHE)

    async def static_file(request: web.Request) -> web.StreamResponse:
        path = STATIC_DIR / request.match_info["name"]
        if path.parent != STATIC_DIR or not path.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(path, headers=NO_CACHE)

    app.router.add_get("/", index)
    app.router.add_get("/static/{name:[A-Za-z0-9_-]+\\.[a-z]+}", static_file)
