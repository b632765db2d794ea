"""The schema as `create_all` made it before migrations: users, messages, analyses, consents, dialogue
state, roles, cases, case analyses, escalations.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _user_fk() -> sa.Column[int]:
    return sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("pseudonym", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_users_pseudonym", "users", ["pseudonym"], unique=True)
    op.create_table(
        "messages",
        sa.Column("id", sa.Integer, primary_key=True),
        _user_fk(),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("intent", sa.String(64), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_messages_user_id", "messages", ["user_id"])
    op.create_table(
        "analyses",
        sa.Column("id", sa.Integer, primary_key=True),
        _user_fk(),
        sa.Column("task_id", sa.String(64), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("source_format", sa.String(16), nullable=True),
        sa.Column("probability", sa.Float, nullable=True),
        sa.Column("model_name", sa.String(64), nullable=True),
        sa.Column("model_version", sa.String(64), nullable=True),
        sa.Column("model_trained", sa.Boolean, nullable=True),
        sa.Column("error_kind", sa.String(64), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("completed_at", TZ, nullable=True),
    )
    op.create_index("ix_analyses_user_id", "analyses", ["user_id"])
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, unique=True
        ),
        sa.Column("granted", sa.Boolean, nullable=False),
        sa.Column("decided_at", TZ, nullable=False),
    )
    op.create_table(
        "conversation_states",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, unique=True
        ),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "roles",
        sa.Column("id", sa.Integer, primary_key=True),
        _user_fk(),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("granted_at", TZ, nullable=False),
        sa.UniqueConstraint("user_id", "role"),
    )
    op.create_index("ix_roles_user_id", "roles", ["user_id"])
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("public_id", sa.String(16), nullable=False),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("answers", sa.Text, nullable=False),
        sa.Column("red_flags", sa.String(256), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_index("ix_cases_public_id", "cases", ["public_id"], unique=True)
    op.create_index("ix_cases_owner_id", "cases", ["owner_id"])
    op.create_table(
        "case_analyses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
        sa.Column(
            "analysis_id",
            sa.Integer,
            sa.ForeignKey("analyses.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
    )
    op.create_index("ix_case_analyses_case_id", "case_analyses", ["case_id"])
    op.create_table(
        "escalations",
        sa.Column("id", sa.Integer, primary_key=True),
        _user_fk(),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=True),
        sa.Column("red_flags", sa.String(256), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_escalations_user_id", "escalations", ["user_id"])


def downgrade() -> None:
    for table in (
        "escalations",
        "case_analyses",
        "cases",
        "roles",
        "conversation_states",
        "consents",
        "analyses",
        "messages",
        "users",
    ):
        op.drop_table(table)
