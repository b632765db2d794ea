"""Path parameters: a record id is bounded, so a huge one is a 404 and never reaches the database."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

MAX_RECORD_ID = 2**31 - 1  # the integer primary keys' range on PostgreSQL (SQLite's is wider)

RecordId = Annotated[int, Path(ge=1, le=MAX_RECORD_ID)]
