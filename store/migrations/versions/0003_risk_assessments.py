"""Risk assessments: the breast-cancer risk questionnaire's answers and results (NCI BCRAT), per person and,
in health-worker mode, per case. Answers and results are encrypted JSON (`EncryptedText`).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "risk_assessments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("answers", sa.Text, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_risk_assessments_user_id", "risk_assessments", ["user_id"])
    op.create_index("ix_risk_assessments_case_id", "risk_assessments", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_risk_assessments_case_id", "risk_assessments")
    op.drop_index("ix_risk_assessments_user_id", "risk_assessments")
    op.drop_table("risk_assessments")
