"""Erasure covers every table about a person, read from the schema: the tables reached through foreign keys
from `users` are filled for two people and emptied for one; every other table says why it is kept."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    event,
    func,
    select,
)

from store import create_database_engine, create_schema, session_factory
from store.erasure import ERASED_PERSON_TARGET, erase_user, erased_tables, kept_tables, person_target
from store.models import AuditEntry, Base, User

PERSON, OTHER = "p" * 64, "o" * 64


def _value(table: Table, column: Column[Any], owner: str) -> Any:
    """A value of the column's type, unique per owner (for the unique columns)."""
    if column.name == "pseudonym":
        return owner
    kind = column.type
    if isinstance(kind, Boolean):
        return True
    if isinstance(kind, Integer):
        return 7
    if isinstance(kind, Float):
        return 0.5
    if isinstance(kind, DateTime):
        return datetime.now(UTC)
    if isinstance(kind, LargeBinary):
        return b"bytes"
    length = getattr(kind, "length", None) or 64
    return f"{owner[0]}-{table.name}-{column.name}"[:length]


def _fill(engine: Engine, metadata: MetaData) -> dict[tuple[str, str], Any]:
    """One row per owner in every erased table, each foreign key pointing at that owner's parent row;
    returns each row's primary key by (table, owner)."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    keys: dict[tuple[str, str], Any] = {}
    with engine.begin() as connection:
        for table in erased_tables(metadata):
            for owner in (PERSON, OTHER):
                values: dict[str, Any] = {}
                for column in table.columns:
                    if column.foreign_keys:
                        (fk,) = column.foreign_keys
                        values[column.name] = rows[fk.column.table.name, owner][fk.column.name]
                    elif not (column.primary_key or column.nullable or column.default is not None):
                        values[column.name] = _value(table, column, owner)
                inserted = connection.execute(table.insert().values(values)).inserted_primary_key
                assert inserted is not None
                (pk,) = table.primary_key.columns
                row = connection.execute(select(table).where(pk == inserted[0])).one()
                rows[table.name, owner] = dict(row._mapping)
                keys[table.name, owner] = inserted[0]
    return keys


def _left(engine: Engine, metadata: MetaData, keys: dict[tuple[str, str], Any], owner: str) -> dict[str, int]:
    with engine.connect() as connection:
        left = {}
        for table in erased_tables(metadata):
            (pk,) = table.primary_key.columns
            statement = select(func.count()).select_from(table).where(pk == keys[table.name, owner])
            left[table.name] = connection.execute(statement).scalar_one()
        return left


def _tables_of(keys: dict[tuple[str, str], Any]) -> list[str]:
    return sorted({table for table, _ in keys})


def _erase_person(engine: Engine, metadata: MetaData) -> None:
    with session_factory(engine).begin() as session:
        assert erase_user(session=session, pseudonym=PERSON, metadata=metadata) is not None


def _engine(tmp_path: Path, *, cascade: bool = True) -> Engine:
    """The migrated schema; `cascade=False` turns SQLite's foreign keys off, so that what is erased is what
    `erase_user` deletes, not what `ON DELETE CASCADE` would have taken with the user."""
    engine = create_database_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    if not cascade:
        event.listen(engine, "connect", lambda connection, _: connection.execute("PRAGMA foreign_keys=OFF"))
    create_schema(engine)  # the migrations, so a table missing from them fails here too
    return engine


def test_every_table_is_erased_or_says_why_it_is_kept() -> None:
    erased = {table.name for table in erased_tables()}
    kept = kept_tables()
    assert set(Base.metadata.tables) == erased | set(kept), "a table is neither erased nor kept on purpose"
    assert not erased & set(kept), "a table is both erased and kept"
    assert all(reason.strip() for reason in kept.values())


def test_no_kept_table_has_a_column_that_points_at_a_person() -> None:
    """A kept table with a `user_id`, `case_id`, ... column (without a foreign key) would escape erasure."""
    person_columns = {"pseudonym"} | {
        column.name for table in erased_tables() for column in table.columns if column.foreign_keys
    }
    for name in kept_tables():
        assert not person_columns & set(Base.metadata.tables[name].columns.keys()), name


def test_erasure_leaves_no_row_of_the_person_in_any_table(database_url: str) -> None:
    engine = create_database_engine(database_url)
    create_schema(engine)
    _check_erasure(engine)


def test_erasure_does_not_rely_on_cascading_foreign_keys(tmp_path: Path) -> None:
    _check_erasure(_engine(tmp_path, cascade=False))


def _check_erasure(engine: Engine) -> None:
    keys = _fill(engine, Base.metadata)
    _erase_person(engine, Base.metadata)
    assert _left(engine, Base.metadata, keys, PERSON) == dict.fromkeys(_tables_of(keys), 0)
    assert _left(engine, Base.metadata, keys, OTHER) == dict.fromkeys(_tables_of(keys), 1)
    engine.dispose()


def test_a_new_table_under_a_person_is_erased_without_listing_it(tmp_path: Path) -> None:
    metadata = MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(metadata)
    reminders = Table(
        "reminders",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("analysis_id", ForeignKey("analyses.id"), nullable=False),
        Column("note", String(32), nullable=False),
    )
    engine = _engine(tmp_path, cascade=False)
    reminders.create(engine)
    keys = _fill(engine, metadata)
    _erase_person(engine, metadata)
    assert _left(engine, metadata, keys, PERSON)["reminders"] == 0
    assert _left(engine, metadata, keys, OTHER)["reminders"] == 1
    engine.dispose()


def test_the_audit_log_keeps_the_action_but_no_longer_names_the_erased_person(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    with session_factory(engine).begin() as session:
        session.add(User(pseudonym=PERSON))
        for target in (person_target(PERSON), "user:" + PERSON[:6], person_target(OTHER), "escalation:3"):
            session.add(AuditEntry(actor="admin", action="revoke_role", target=target))
    _erase_person(engine, Base.metadata)
    with session_factory(engine)() as session:
        targets = session.scalars(select(AuditEntry.target).order_by(AuditEntry.id)).all()
    assert targets == [ERASED_PERSON_TARGET, ERASED_PERSON_TARGET, person_target(OTHER), "escalation:3"]
    assert all(PERSON[:6] not in target for target in targets)
    engine.dispose()
