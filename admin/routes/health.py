"""The container healthcheck: answers while the console serves requests (no session, no data, no audit)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["health"])
HEALTH_PATH = "/healthz"


@router.get(HEALTH_PATH)
def read_health() -> dict[str, bool]:
    return {"ok": True}
