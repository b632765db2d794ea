"""Erasure of everything stored about one person, derived from the schema rather than listed by hand.

A person's rows are their `users` row and, table by table, every row with a foreign key to a row already
taken: their messages, consent and roles; the cases they own and everything on those cases; their analyses
and the images and case links of those; the escalations and risk assessments raised for them or their
cases, and the notes on those escalations. The rows are deleted child-first, so the foreign keys hold at
every step and nothing relies on `ON DELETE CASCADE`. A new table with a foreign key into this graph is
erased with no change here.

The audit log is kept (who did what in the admin console), but an entry that names the person by their
pseudonym prefix (`person_target`) is rewritten to `user:erased`: the record of the action stays, the link
to the person goes.

A table outside the graph must say in `store.models` why it is kept (`info={ERASURE_KEPT: "why"}`);
`tests/test_store_erasure.py` fails on a table that does neither.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, MetaData, Table, delete, or_, select, update
from sqlalchemy.orm import Session

from store.models import ERASURE_KEPT, AuditEntry, Base, StoredImage, User

__all__ = [
    "ERASED_PERSON_TARGET",
    "ERASURE_KEPT",
    "erase_user",
    "erased_tables",
    "kept_tables",
    "person_target",
]

PERSON_TARGET_PREFIX = "user:"
ERASED_PERSON_TARGET = "user:erased"
PERSON_TARGET_CHARACTERS = 12


def person_target(pseudonym: str) -> str:
    """How the audit log names a person the bot talks to: a short pseudonym prefix, never more."""
    return PERSON_TARGET_PREFIX + pseudonym[:PERSON_TARGET_CHARACTERS]


def erased_tables(metadata: MetaData = Base.metadata) -> list[Table]:
    """The tables holding rows about a person, `users` first and every parent before its children."""
    users = metadata.tables[User.__tablename__]
    reached = [users]
    for table in metadata.sorted_tables:  # parents before children
        if table is not users and any(fk.column.table in reached for fk in table.foreign_keys):
            reached.append(table)
    return reached


def kept_tables(metadata: MetaData = Base.metadata) -> dict[str, str]:
    """The tables erasure leaves alone, each with the reason `store.models` gives."""
    return {
        table.name: str(table.info[ERASURE_KEPT])
        for table in metadata.sorted_tables
        if ERASURE_KEPT in table.info
    }


def _conditions(tables: list[Table], user_id: int) -> dict[Table, ColumnElement[bool]]:
    """For each table, the condition that picks the person's rows (through any foreign key into the graph)."""
    users = tables[0]
    picked: dict[Table, ColumnElement[bool]] = {users: users.c.id == user_id}
    for table in tables[1:]:
        picked[table] = or_(
            *(
                fk.parent.in_(select(fk.column).where(picked[fk.column.table]))
                for fk in table.foreign_keys
                if fk.column.table in picked and fk.column.table is not table
            )
        )
    return picked


def erase_user(
    *, session: Session, pseudonym: str, metadata: MetaData = Base.metadata
) -> tuple[str, ...] | None:
    """Delete every row about the person; returns the image file names to remove once this commits, or
    None when nothing is stored about them. `metadata` is the schema to read (the models' by default)."""
    _unlink_audit(session, metadata, pseudonym)
    user_id = session.scalar(select(User.id).where(User.pseudonym == pseudonym))
    if user_id is None:
        return None
    tables = erased_tables(metadata)
    picked = _conditions(tables, user_id)
    images = metadata.tables[StoredImage.__tablename__]
    files = tuple(name for name in session.scalars(select(images.c.file_name).where(picked[images])) if name)
    for table in reversed(tables):  # children first
        session.execute(delete(table).where(picked[table]))
    return files


def _unlink_audit(session: Session, metadata: MetaData, pseudonym: str) -> None:
    """Audit entries that name the person (by any prefix of their pseudonym) name nobody from now on."""
    audit = metadata.tables.get(AuditEntry.__tablename__)
    if audit is None:
        return
    rows = session.execute(
        select(audit.c.id, audit.c.target).where(audit.c.target.startswith(PERSON_TARGET_PREFIX))
    )
    naming = [
        row_id
        for row_id, target in rows
        if target != ERASED_PERSON_TARGET
        and (prefix := target.removeprefix(PERSON_TARGET_PREFIX))
        and pseudonym.startswith(prefix)
    ]
    if naming:
        session.execute(update(audit).where(audit.c.id.in_(naming)).values(target=ERASED_PERSON_TARGET))
