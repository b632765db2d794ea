"""The echo "I understand you have noticed ...", composed from canonical findings only.

Never from the words the person typed or the NLU's entity fragments: each canonical symptom has a noun,
a relation (in, of, on, from) and a site, the side and a parsed duration are added, and findings that share
a relation and a site are said together ("a lump and pain in your left breast"). A man's breast is his
chest; an armpit finding is never said to be in the breast. Each language's catalog composes these facts
its own way (`summary-group`, `summary-sentence`, `join-and`): no English fragment reaches another language.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot import replies
from bot.catalog import DEFAULT_LANGUAGE, Language, text
from bot.choices import DURATION_CHOICES, SIDES

# The relation and the site of each canonical symptom the summary can name.
FINDING_PLACES = {
    "lump": ("in", "breast"),
    "pain": ("in", "breast"),
    "swelling": ("of", "breast"),
    "redness": ("of", "breast"),
    "skin_dimpling": ("on", "breast"),
    "peau_d_orange": ("on", "breast"),
    "ulceration": ("on", "breast"),
    "skin_change": ("on", "breast"),
    "armpit_lump": ("in", "armpit"),
    "nipple_discharge": ("from", "nipple"),
    "bloody_nipple_discharge": ("from", "nipple"),
    "nipple_retraction": ("of", "nipple"),
    "nipple_rash": ("on", "nipple"),
    "itching": ("of", "nipple"),
}
# The intake keeps a duration button's English words (a clinician's record); the catalog needs its choice.
DURATION_CHOICE_OF_WORDS = {words: choice for choice, words in replies.DURATION_WORDS.items()}
_UNITS = (("year", 365), ("month", 30), ("week", 7))


def join_words(words: list[str], language: Language = DEFAULT_LANGUAGE, *, groups: bool = False) -> str:
    """ "a", "a and b", "a, b and c", with the language's own "and" (`join-groups` between groups)."""
    if len(words) == 1:
        return words[0]
    return text(
        language, "join-groups" if groups else "join-and", first=", ".join(words[:-1]), last=words[-1]
    )


def duration_words(days: int | None, choice: str | None = None, language: Language = DEFAULT_LANGUAGE) -> str:
    """ " for 3 weeks", " since yesterday", " for less than 2 weeks" (a button's choice, or the English
    words the intake keeps for it), or ""."""
    choice = DURATION_CHOICE_OF_WORDS.get(choice or "", choice)
    if choice in DURATION_CHOICES:
        return text(language, f"summary-for-{choice}")
    if days is None or days < 0:
        return ""
    if days <= 1:
        return text(language, "summary-since", when="today" if days == 0 else "yesterday")
    unit, count = next(((unit, days // size) for unit, size in _UNITS if days % size == 0), ("day", days))
    return text(language, "summary-for", unit=unit, count=count)


def findings_words(
    symptoms: Iterable[str], *, side: str | None, male: bool, language: Language = DEFAULT_LANGUAGE
) -> str:
    """The findings as one phrase, grouped by relation and site; unknown symptoms are left out."""
    groups: dict[tuple[str, str], list[str]] = {}
    for symptom in symptoms:
        if symptom not in FINDING_PLACES:
            continue
        relation, site = FINDING_PLACES[symptom]
        if site == "breast" and male:
            site = "chest"
        nouns = groups.setdefault((relation, site), [])
        noun = text(language, "summary-finding", symptom=symptom)
        if noun not in nouns:
            nouns.append(noun)
    place = side if side in SIDES else "none"
    phrases = [
        text(
            language,
            "summary-group",
            nouns=join_words(nouns, language),
            relation=relation,
            site=site,
            side=place,
        )
        for (relation, site), nouns in groups.items()
    ]
    return join_words(phrases, language, groups=True) if phrases else text(language, "summary-nothing")


def summary(
    symptoms: Iterable[str],
    *,
    side: str | None,
    male: bool,
    duration_days: int | None,
    duration_choice: str | None = None,
    language: Language = DEFAULT_LANGUAGE,
) -> str:
    """One sentence restating what was understood."""
    return text(
        language,
        "summary-sentence",
        findings=findings_words(symptoms, side=side, male=male, language=language),
        duration=duration_words(duration_days, duration_choice, language),
    )
