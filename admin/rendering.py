"""Jinja2 templates (autoescaped) and small helpers shared by the routes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


TEMPLATES.env.filters["when"] = _when
TEMPLATES.env.filters["percent"] = _percent


def render(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    identity = getattr(request.state, "identity", None)
    return TEMPLATES.TemplateResponse(
        request, template, {"identity": identity, **context}, status_code=status_code
    )


def csv_cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(CSV_FORMULA_PREFIXES) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue()
