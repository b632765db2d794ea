"""Alembic makes the schema, on SQLite and on a real PostgreSQL server; the models match the migrations."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from store import (
    Store,
    create_database_engine,
    create_schema,
    current_revision,
    downgrade_database,
    session_factory,
    upgrade_database,
)
from store.models import Base

HEAD = "0005"


def test_upgrade_makes_exactly_the_models_schema(database_url: str) -> None:
    engine = create_database_engine(database_url)
    create_schema(engine)
    create_schema(engine)  # idempotent: every start-up calls it
    assert current_revision(engine) == HEAD
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()


def test_downgrade_to_nothing_and_back(database_url: str) -> None:
    engine = create_database_engine(database_url)
    upgrade_database(engine)
    downgrade_database(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade_database(engine)
    assert current_revision(engine) == HEAD
    engine.dispose()


def test_a_database_from_before_migrations_is_adopted_and_its_texts_encrypted(tmp_path: Path) -> None:
    """A database made by the old `create_all` (revision 0001's schema, plaintext texts) is brought up."""
    engine = create_database_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade_database(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
        connection.execute(text("INSERT INTO users (id, pseudonym, created_at) VALUES (1, :p, '2026-01-01')"),
                           {"p": "p" * 64})  # fmt: skip
        connection.execute(
            text(
                "INSERT INTO messages (user_id, direction, kind, text, created_at) "
                "VALUES (1, 'in', 'text', 'an old plaintext message', '2026-01-01')"
            )
        )
    create_schema(engine)
    assert current_revision(engine) == HEAD
    with engine.connect() as connection:
        raw = connection.execute(text("SELECT text, conversation_id FROM messages")).one()
    assert "plaintext" not in raw[0] and raw[1] is not None
    store = Store(session_factory(engine))
    assert [m.text for m in store.messages_of(pseudonym="p" * 64)] == ["an old plaintext message"]
    engine.dispose()


def test_db_upgrade_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bcdbot import cli
    from settings import get_settings

    monkeypatch.setenv("BCDBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    get_settings.cache_clear()
    try:
        for argv in (["db", "upgrade"], ["db", "current"]):
            with pytest.raises(SystemExit) as exit_info:
                cli.main(argv)
            assert exit_info.value.code == 0
    finally:
        get_settings.cache_clear()
    assert capsys.readouterr().out.splitlines() == [f"database at revision {HEAD}", HEAD]
