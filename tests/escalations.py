"""What the clinician queue holds for one person (read straight from the stack's database)."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from bcdbot.stack import StackConfig
from store import pseudonymise
from tests.conftest import TEST_PSEUDONYM_SECRET


def escalations_of(stack: StackConfig, telegram_id: int) -> list[str]:
    """Every red flag escalated for the person, in order."""
    pseudonym = pseudonymise(telegram_id, secret=TEST_PSEUDONYM_SECRET.encode())
    engine = create_engine(stack.database_url)
    with engine.connect() as connection:
        flags = connection.execute(
            text(
                "SELECT e.red_flags FROM escalations e JOIN users u ON u.id = e.user_id"
                " WHERE u.pseudonym = :p"
            ),
            {"p": pseudonym},
        ).scalars()
        found = [flag for row in flags for flag in row.split(",")]
    engine.dispose()
    return found
