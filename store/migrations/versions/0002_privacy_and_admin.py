"""Privacy and the admin console: conversations, encrypted texts, images, analysis band/modality/timings,
consent scope and version, escalation workflow and notes, the audit log, staff accounts, sessions and login
attempts. Existing message texts are encrypted with the engine's key.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from store.crypto import cipher_of

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _recode_message_texts(*, encrypt: bool) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, text FROM messages WHERE text IS NOT NULL")).all()
    if not rows:
        return
    cipher = cipher_of(bind.dialect)
    for row_id, value in rows:
        data = str(value).encode("utf-8" if encrypt else "ascii")
        new = cipher.encrypt(data).decode("ascii") if encrypt else cipher.decrypt(data).decode("utf-8")
        bind.execute(sa.text("UPDATE messages SET text = :t WHERE id = :i"), {"t": new, "i": row_id})


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, unique=True
        ),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("last_message_at", TZ, nullable=False),
    )
    op.create_index("ix_conversations_last_message_at", "conversations", ["last_message_at"])
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("conversation_id", sa.Integer, nullable=True))
        batch.create_foreign_key(
            "fk_messages_conversation_id", "conversations", ["conversation_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index("ix_messages_conversation_id", ["conversation_id"])
    op.execute(
        "INSERT INTO conversations (user_id, started_at, last_message_at) "
        "SELECT user_id, MIN(created_at), MAX(created_at) FROM messages GROUP BY user_id"
    )
    op.execute(
        "UPDATE messages SET conversation_id = "
        "(SELECT c.id FROM conversations c WHERE c.user_id = messages.user_id)"
    )
    _recode_message_texts(encrypt=True)

    with op.batch_alter_table("analyses") as batch:
        batch.add_column(sa.Column("modality", sa.String(32), nullable=True))
        batch.add_column(sa.Column("band", sa.String(32), nullable=True))
        batch.add_column(sa.Column("timings", sa.Text, nullable=True))
    with op.batch_alter_table("consents") as batch:
        batch.add_column(
            sa.Column("scope", sa.String(64), nullable=False, server_default="storage_and_analysis")
        )
        batch.add_column(sa.Column("version", sa.String(16), nullable=False, server_default="1"))
    with op.batch_alter_table("escalations") as batch:
        batch.add_column(sa.Column("acknowledged_at", TZ, nullable=True))
        batch.add_column(sa.Column("acknowledged_by", sa.String(64), nullable=True))
        batch.add_column(sa.Column("closed_at", TZ, nullable=True))
        batch.add_column(sa.Column("closed_by", sa.String(64), nullable=True))

    op.create_table(
        "images",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("analysis_id", sa.Integer, sa.ForeignKey("analyses.id", ondelete="CASCADE"), nullable=True),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("deidentified", sa.Boolean, nullable=False),
        sa.Column("file_name", sa.String(64), nullable=True, unique=True),
        sa.Column("data", sa.LargeBinary, nullable=True),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_images_user_id", "images", ["user_id"])
    op.create_index("ix_images_analysis_id", "images", ["analysis_id"])
    op.create_index("ix_images_created_at", "images", ["created_at"])
    op.create_table(
        "escalation_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "escalation_id",
            sa.Integer,
            sa.ForeignKey("escalations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_escalation_notes_escalation_id", "escalation_notes", ["escalation_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("detail", sa.String(512), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_table(
        "staff_accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(256), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("last_login_at", TZ, nullable=True),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "account_id",
            sa.Integer,
            sa.ForeignKey("staff_accounts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
    )
    op.create_index("ix_staff_sessions_account_id", "staff_sessions", ["account_id"])
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("succeeded", sa.Boolean, nullable=False),
        sa.Column("at", TZ, nullable=False),
    )
    op.create_index("ix_login_attempts_username", "login_attempts", ["username"])
    op.create_index("ix_login_attempts_client", "login_attempts", ["client"])
    op.create_index("ix_login_attempts_at", "login_attempts", ["at"])


def downgrade() -> None:
    for table in (
        "login_attempts",
        "staff_sessions",
        "staff_accounts",
        "audit_log",
        "escalation_notes",
        "images",
    ):
        op.drop_table(table)
    with op.batch_alter_table("escalations") as batch:
        for column in ("closed_by", "closed_at", "acknowledged_by", "acknowledged_at"):
            batch.drop_column(column)
    with op.batch_alter_table("consents") as batch:
        batch.drop_column("version")
        batch.drop_column("scope")
    with op.batch_alter_table("analyses") as batch:
        for column in ("timings", "band", "modality"):
            batch.drop_column(column)
    _recode_message_texts(encrypt=False)
    with op.batch_alter_table("messages") as batch:
        batch.drop_index("ix_messages_conversation_id")
        batch.drop_constraint("fk_messages_conversation_id", type_="foreignkey")
        batch.drop_column("conversation_id")
    op.drop_table("conversations")
