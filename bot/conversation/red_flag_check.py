"""The red-flag bookkeeping of every turn: which flags the intake shows, which are new, and the words."""

from __future__ import annotations

from collections.abc import Collection

from bot.catalog import DEFAULT_LANGUAGE, Language, text
from bot.conversation.intake import Intake
from bot.conversation.summary import join_words
from clinical.red_flags import red_flags


def current_flags(intake: Intake, *, held: Collection[str] = ()) -> list[str]:
    """Every red flag the intake shows now, except those `held` until a clarifying answer decides them."""
    return [str(flag) for flag in red_flags(intake.findings()) if flag not in held]


def escalate_new(intake: Intake, flags: list[str]) -> tuple[str, ...]:
    """The flags not escalated before, now marked as escalated in the intake (answered once each)."""
    new = tuple(flag for flag in flags if flag not in intake.escalated)
    intake.escalated.extend(new)
    return new


def red_flag_text(flags: Collection[str], *, recorded: bool, language: Language = DEFAULT_LANGUAGE) -> str:
    findings = join_words([text(language, "red-flag-finding", flag=flag) for flag in flags], language)
    return text(language, "red-flag" if recorded else "red-flag-unrecorded", findings=findings)
