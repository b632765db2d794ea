"""File downloads at ``/file/bot<token>/<file_path>``, where getFile's file_path points."""

from __future__ import annotations

from aiohttp import web

from .bot_api import api_error
from .state import EmulatorState, StoredFile
from .tokens import bot_id_from_token


def file_response(stored: StoredFile) -> web.Response:
    """The file's bytes with its MIME type."""
    return web.Response(body=stored.data, headers={"Content-Type": stored.mime_type})


def add_file_routes(app: web.Application, state: EmulatorState) -> None:
    async def download_file(request: web.Request) -> web.Response:
        if bot_id_from_token(request.match_info["token"]) is None:
            return api_error(401, "Unauthorized")
        stored = state.file_by_path(request.match_info["file_path"])
        if stored is None:
            return api_error(404, "Not Found")
        return file_response(stored)

    app.router.add_get("/file/bot{token}/{file_path:.+}", download_file)
