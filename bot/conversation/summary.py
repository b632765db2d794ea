"""The echo "I understand you have noticed ...", composed from canonical findings only.

Never from the words the person typed or the NLU's entity fragments: each canonical symptom has a noun,
a preposition and a site (`replies.FINDING_WORDS`), the side and a parsed duration are added, and findings
that share a preposition and a site are said together ("a lump and pain in your left breast"). A man's
breast is his chest; an armpit finding is never said to be in the breast.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot import replies

_UNITS = (("year", 365), ("month", 30), ("week", 7))


def join_words(words: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def duration_words(days: int | None, button_words: str | None = None) -> str:
    """ " for 3 weeks", " since yesterday", " for less than 2 weeks" (a button's words), or ""."""
    if button_words:
        return replies.DURATION_FOR.format(amount=button_words)
    if days is None or days < 0:
        return ""
    if days == 0:
        return replies.DURATION_TODAY
    if days == 1:
        return replies.DURATION_YESTERDAY
    unit, count = next(((unit, days // size) for unit, size in _UNITS if days % size == 0), ("day", days))
    one, many = replies.DURATION_UNITS[unit]
    return replies.DURATION_FOR.format(amount=one if count == 1 else many.format(n=count))


def findings_words(symptoms: Iterable[str], *, side: str | None, male: bool) -> str:
    """The findings as one phrase, grouped by preposition and site; unknown symptoms are left out."""
    groups: dict[tuple[str, str], list[str]] = {}
    for symptom in symptoms:
        if symptom not in replies.FINDING_WORDS:
            continue
        noun, preposition, site = replies.FINDING_WORDS[symptom]
        if site == "breast" and male:
            site = "chest"
        place = replies.SITE_WORDS[(site, side if side in ("left", "right", "both") else None)]
        nouns = groups.setdefault((preposition, place), [])
        if noun not in nouns:
            nouns.append(noun)
    phrases = [f"{join_words(nouns)} {preposition} {place}" for (preposition, place), nouns in groups.items()]
    return join_words(phrases) if phrases else replies.SUMMARY_NOTHING


def summary(
    symptoms: Iterable[str],
    *,
    side: str | None,
    male: bool,
    duration_days: int | None,
    duration_button: str | None = None,
) -> str:
    """One sentence restating what was understood."""
    return replies.SUMMARY_OPENING.format(
        findings=findings_words(symptoms, side=side, male=male),
        duration=duration_words(duration_days, duration_button),
    )
