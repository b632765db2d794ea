"""Retention: messages and images older than the configured days are purged (rows and files) by a Celery beat
job; erasure on /delete is in tests/test_store.py."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text, update

from imaging import clean_upload
from store import AnalysisResult, Store, create_database_engine, create_schema, session_factory
from store.maintenance import ORPHAN_FILE_GRACE_S, purge_expired
from store.models import Message, StoredImage
from tests.admin_seed import png


def make_store(database_url: str, image_dir: Path) -> Store:
    engine = create_database_engine(database_url)
    create_schema(engine)
    return Store(session_factory(engine), image_dir=image_dir)


def age(store: Store, days: int) -> None:
    """Make every message and image so far `days` old."""
    then = datetime.now(UTC) - timedelta(days=days)
    with store.sessions.begin() as session:
        session.execute(update(Message).values(created_at=then))
        session.execute(update(StoredImage).values(created_at=then))


def add(store: Store, pseudonym: str, word: str) -> None:
    store.record_message(pseudonym=pseudonym, direction="in", kind="text", text=word)
    store.save_upload(pseudonym=pseudonym, task_id=word, upload=clean_upload(png((5, 5, 5)), seed="s"))
    store.record_analysis_result(
        task_id=word, result=AnalysisResult(status="done", heatmap_png=png((6, 6, 6)))
    )


def test_purge_removes_only_what_is_older_than_the_retention(database_url: str, tmp_path: Path) -> None:
    images = tmp_path / "images"
    store = make_store(database_url, images)
    add(store, "a" * 64, "old-words")
    age(store, days=31)
    add(store, "a" * 64, "new-words")
    orphan = images / ("0" * 32 + ".bin")
    orphan.write_bytes(b"left by a crashed transaction")
    os.utime(orphan, (time.time() - ORPHAN_FILE_GRACE_S - 5,) * 2)
    assert len(list(images.iterdir())) == 5

    report = purge_expired(store, retention_days=30)

    assert (report.messages, report.images, report.orphan_files) == (1, 2, 1)
    assert [m.text for m in store.messages_of(pseudonym="a" * 64)] == ["new-words"]
    with store.engine.connect() as connection:
        names = set(connection.execute(text("SELECT file_name FROM images")).scalars())
        assert connection.execute(text("SELECT COUNT(*) FROM analyses")).scalar_one() == 2  # numbers stay
    assert {path.name for path in images.iterdir()} == names and len(names) == 2
    assert purge_expired(store, retention_days=30) == type(report)(0, 0, 0)
    store.engine.dispose()


def test_the_beat_schedule_runs_the_purge_task(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from settings import Settings, get_settings
    from workers.maintenance import (
        MAINTENANCE_QUEUE,
        PURGE_EXPIRED,
        create_maintenance_celery,
        purge_expired_task,
    )

    url = f"sqlite:///{tmp_path / 'beat.sqlite3'}"
    store = make_store(url, tmp_path / "images")
    add(store, "b" * 64, "old")
    age(store, days=8)
    store.engine.dispose()

    settings = Settings(_env_file=None, retention_check_s=60)  # type: ignore[call-arg]
    app = create_maintenance_celery(settings)
    (entry,) = app.conf.beat_schedule.values()
    assert (entry["task"], entry["schedule"], entry["options"]["queue"]) == (
        PURGE_EXPIRED,
        60,
        MAINTENANCE_QUEUE,
    )
    assert app.conf.task_routes[PURGE_EXPIRED] == {"queue": MAINTENANCE_QUEUE}

    for name, value in {
        "BCDBOT_DATABASE_URL": url,
        "BCDBOT_IMAGE_DIR": str(tmp_path / "images"),
        "BCDBOT_RETENTION_DAYS": "7",
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        assert purge_expired_task.run() == {"messages": 1, "images": 2, "orphan_files": 0}
    finally:
        get_settings.cache_clear()
    assert list((tmp_path / "images").iterdir()) == []
