"""Retention (purge what is older than the configured days) and encryption-key rotation."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import column, delete, select, table, update

from store.crypto import cipher_of
from store.database import checkpoint
from store.images import ImageVault
from store.models import Message, StoredImage
from store.repository import Store

logger = logging.getLogger(__name__)

ORPHAN_FILE_GRACE_S = 3600  # a file written by a transaction that is still open is not an orphan yet
ENCRYPTED_TEXT_COLUMNS = (
    ("messages", "text"),
    ("escalation_notes", "text"),
    ("risk_assessments", "answers"),
    ("risk_assessments", "result"),
)


@dataclass(frozen=True)
class PurgeReport:
    messages: int
    images: int
    orphan_files: int


def purge_expired(store: Store, *, retention_days: int, now: datetime | None = None) -> PurgeReport:
    """Delete messages and images (rows and files) older than `retention_days`, and orphaned image files."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    with store.sessions.begin() as session:
        files = list(session.scalars(select(StoredImage.file_name).where(StoredImage.created_at < cutoff)))
        images = getattr(
            session.execute(delete(StoredImage).where(StoredImage.created_at < cutoff)), "rowcount", 0
        )
        messages = getattr(session.execute(delete(Message).where(Message.created_at < cutoff)), "rowcount", 0)
    store.images.remove_files(files)
    checkpoint(store.engine)
    orphans = _remove_orphan_files(store)
    report = PurgeReport(messages=int(messages or 0), images=int(images or 0), orphan_files=orphans)
    logger.info(
        "retention purge: %d messages, %d images, %d orphan files",
        report.messages,
        report.images,
        report.orphan_files,
    )
    return report


def _remove_orphan_files(store: Store) -> int:
    vault: ImageVault = store.images
    if vault.directory is None:
        return 0
    with store.sessions() as session:
        known = set(session.scalars(select(StoredImage.file_name).where(StoredImage.file_name.is_not(None))))
    old = time.time() - ORPHAN_FILE_GRACE_S
    orphans = [name for name in vault.file_names() - known if (vault.directory / name).stat().st_mtime < old]
    vault.remove_files(orphans)
    return len(orphans)


def rotate_keys(store: Store) -> dict[str, int]:
    """Re-encrypt every encrypted value and image with the primary key; returns counts per kind."""
    cipher = cipher_of(store.engine.dialect)
    counts: dict[str, int] = {}
    with store.sessions.begin() as session:
        for table_name, column_name in ENCRYPTED_TEXT_COLUMNS:
            raw = table(table_name, column("id"), column(column_name))
            changed = 0
            for row_id, value in session.execute(select(raw.c.id, raw.c[column_name])).all():
                if value is None or cipher.is_current(str(value).encode("ascii")):
                    continue
                new = cipher.rotate(str(value).encode("ascii")).decode("ascii")
                session.execute(update(raw).where(raw.c.id == row_id).values({column_name: new}))
                changed += 1
            counts[f"{table_name}.{column_name}"] = changed
        images = 0
        for image in session.scalars(select(StoredImage)):
            images += store.images.rotate(image)
        counts["images"] = images
    logger.info("key rotation: %s", counts)
    return counts
