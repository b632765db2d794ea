"""The keyword backstop: canonical findings read from a message by the lexicon's words alone.

It runs on every message beside the NLU and its findings are merged with the NLU's, so a missed entity
cannot hide a red flag. How a message is read:
1. every lexicon word is found; a match inside a longer match of another symptom gives way to it
   ("open sore" is an ulcer, not pain; "skin pulled in" is dimpling, not a nipple);
2. matches in a denied clause are dropped ("no blood", "not a lump": `clinical.negation`);
3. context decides the site: a lump near an armpit word is an armpit lump, a nipple word must be there
   for a nipple finding, a colour next to a discharge word says whether it is blood-stained.

Hindi and Kannada, in either script or romanised, are read by the same rules through their English gloss
(`clinical.indic_gloss`), whatever language the person chose: the findings of a message are those of its
text and of its gloss together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from clinical.indic_gloss import gloss
from clinical.negation import is_negated, negated_spans
from clinical.red_flags import Findings
from clinical.symptom_lexicon import (
    ARMPIT_WORDS,
    BLOOD_COLOUR_WORDS,
    BLOOD_WORDS,
    BREAST_WORDS,
    CLEAR_COLOUR_WORDS,
    DISCHARGE_WORDS,
    NIPPLE_WORDS,
    SYMPTOMS,
)

ARMPIT_WINDOW_WORDS = 6


def words_pattern(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, as whole words (spaces and hyphens loose)."""
    forms = sorted(set(words), key=len, reverse=True)
    escaped = [re.escape(form).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?").replace("'", "['’]?")
               for form in forms]  # fmt: skip
    return r"(?<![\w'’])(?:" + "|".join(escaped) + r")(?![\w])"


_SYMPTOM_PATTERNS = [(symptom.name, re.compile(words_pattern(symptom.words), re.I)) for symptom in SYMPTOMS]
_NIPPLE = re.compile(words_pattern(NIPPLE_WORDS), re.I)
_BREAST = re.compile(words_pattern(BREAST_WORDS), re.I)
_ARMPIT = re.compile(words_pattern(ARMPIT_WORDS), re.I)
_DISCHARGE_CONTEXT = re.compile(words_pattern((*DISCHARGE_WORDS, *NIPPLE_WORDS, "bra", "bras")), re.I)
_BLOOD = re.compile(words_pattern(BLOOD_WORDS), re.I)
_FILLER = r"(?:(?!(?:and|but|or|also)\b)[\w'’]+[\s-]+)"
_DISCHARGE_WORD = words_pattern(DISCHARGE_WORDS)


def _next_to_discharge(colours: Iterable[str]) -> re.Pattern[str]:
    colour = words_pattern(colours)
    return re.compile(
        rf"{colour}[\s-]+(?:(?:colou?red|tinged|stained|ish)[\s-]+)?{_FILLER}{{0,2}}{_DISCHARGE_WORD}"
        rf"|{_DISCHARGE_WORD}[\s-]+{_FILLER}{{0,5}}{colour}",
        re.I,
    )


_BLOOD_COLOURED_DISCHARGE = _next_to_discharge(BLOOD_COLOUR_WORDS)
_BLOOD_COLOUR = re.compile(words_pattern(BLOOD_COLOUR_WORDS), re.I)
_CLOTHES = r"(bra|bras|nightie|nighty|nightdress|clothes|shirt|blouse|vest|dress|kurta|top|sheet|pad)"
_STAINED_CLOTHES = re.compile(
    words_pattern((*BLOOD_WORDS, *BLOOD_COLOUR_WORDS))
    + rf"\W+(\w+\W+){{0,3}}?(on|in)\W+(\w+\W+)?{_CLOTHES}\b",
    re.I,
)
_CLEAR_DISCHARGE = _next_to_discharge(CLEAR_COLOUR_WORDS)
_NOT_HEALING = (
    r"(won'?t|wont|doesn'?t|does not|did not|didn'?t|hasn'?t|has not|haven'?t|have not|is not|isn'?t"
    r"|not|never)\s+(\w+\s+)?(heal\w*|heel\w*|get(ting)? (better|healed)|clos\w*|dry\w*)"
)
_SORE_NOT_HEALING = re.compile(
    rf"\b(sore|wound|cut|spot|scab|scratch|pimple|boil)\W+(\w+\W+){{0,8}}?{_NOT_HEALING}"
    r"|\bnot (healing|heeling)\b|\bnon[- ]?healing\b|\b(sore|wound)\W+(\w+\W+){0,6}?(keeps? (coming back"
    r"|opening|reopening|breaking)|opens? (up )?again)",
    re.I,
)
# "a sore on my breast" is a lesion, "my breast is sore" is pain: the noun is a skin change to ask about
_SORE_NOUN = re.compile(
    r"\b(an?|the|this|that|deep|small|big|little|open|raw) sore\b|\bsores?\s+(on|over|near)\b", re.I
)
_INDRAWN = re.compile(
    r"\b(pulled|drawn|sunk|sunken|sucked|dragged|pinched|pushed|gone|going|sinking)\W+(in|inwards?|inside)\b"
    r"|\b(sunken|sunk)\b",
    re.I,
)
_SKIN_CHANGE = re.compile(
    r"\bskin\W+(\w+\W+){0,5}?(different|strange|weird|odd|funny|unusual|chang\w*|rough|thick\w*|tight"
    r"|shiny|dark\w*|discolou?r\w*|textur\w*)|\b(chang\w*|textur\w*) (in|of) (the|my|her) skin\b",
    re.I,
)
_NIPPLE_PATCH = re.compile(
    r"\b(patch|patches|spot|spots|scab|scabs)\W+(\w+\W+){0,3}?(on|of|around)\W+(\w+\W+)?"
    + words_pattern(NIPPLE_WORDS),
    re.I,
)

_LONGSTANDING = re.compile(
    r"(?<!not )(?<!n't )(?<!never )\b(always (been|had|was|were)|since (birth|puberty|i was (a )?"
    r"(child|kid|teen\w*|young|little|born|girl))|all my life|my whole life|her whole life|all her life"
    r"|(been|was) like (that|this) for (many )?years|born with|from birth|since childhood"
    r"|since (she|he|i|we) (was|were) (a )?(child|kid|teen\w*|young|little|born|girl|small)"
    r"|since (my|her) teens|for as long as i (can )?remember)",
    re.I,
)
_RECENT = re.compile(
    r"\b(recent(ly)?|new(ly)?|now|sudden(ly)?|start(ed|ing)|began|begun|bec(a|o)me|becoming|lately"
    r"|chang(ed|ing)|getting|being|(has|have|had|'s) (\w+ )?(turned|gone|got|started|become|sunk|flattened)"
    r"|since (last|the last|a|about|around|\d+|one|two|three|few|couple|yesterday|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september"
    r"|october|november|december)|over the (last|past)|in the (last|past)|this (week|month|year)"
    r"|never (been|was|used to be) like|never like (this|that)|(not|n't) always"
    r"|used to (stick|point|be normal)"
    r"|no longer|anymore|previously (normal|everted|fine|out|ok)|was normal|were normal|wasn'?t (like|there)"
    r"|(is|are|'s) (\w+ )?(inverting|pulling|sinking|turning|flattening|going|retracting))\b",
    re.I,
)
_NOT_CLEARING = re.compile(
    r"(won'?t|wont|doesn'?t|does not|hasn'?t|has not|not|isn'?t|never|didn'?t|did not) (go(ne|ing)? away"
    r"|clear\w*|heal\w*|get(ting)? better|settl\w*|improv\w*)|still there|keeps? (coming|going) back"
    r"|for (weeks|months|ages|a long time)|comes and goes for (weeks|months)|not going|doesn'?t go\b"
    r"|does not go\b|won'?t go\b",
    re.I,
)
_MALE_SELF = re.compile(
    r"\b(i'?m|i am|im) (a |an )?(\d+ ?(year[- ]old |yrs? old |yo )?)?(man|male|guy|boy|gentleman)\b"
    r"|\bmale\b|\b(man|men|gentleman|boy)\b(?! (told|said|asked))|\b\d{1,2} ?(m|yo m|y/o m)\b"
    r"|\(\s*m\b|\bm\s*,\s*\d{1,2}\b",
    re.I,
)
_MALE_RELATIVE = re.compile(
    r"\b(husband|son|father|dad|brother|boyfriend|grandfather|grandpa|uncle|nephew|bhai|beta)\b", re.I
)
_HIS = re.compile(r"\b(he|his|him|he's)\b", re.I)
_HER_OWN_BODY = re.compile(r"\b(my|her) (left |right )?(breast|boob|nipple|armpit|chest|tit)s?\b", re.I)
_AGE = re.compile(
    r"\b(?:i'?m|im|i am|aged?:?|age is|she'?s|she is|he'?s|he is|patient is|who is|who's)"
    r"\s+(?P<stated>\d{1,3})\b"
    r"(?!\s*(?:weeks?|days?|months?|%|kg|cm|mm))"
    r"|\b(?P<aged>\d{1,3})\s*(?:years?|yrs?|yo|y/o|-?year-?old)\b(?! ago)"
    r"|\((?P<bracket>\d{2})\)"
    r"|\b(?:woman|lady|man|female|male|patient|mother|mom|mum|wife|sister) of (?P<of>\d{2})\b"
    r"|\b(?P<sexed>\d{2}) ?(?:f|m)\b",
    re.I,
)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
    "a few": 3, "few": 3, "several": 4,
}  # fmt: skip
_UNIT_DAYS = {"day": 1, "week": 7, "wk": 7, "fortnight": 14, "month": 30, "mth": 30, "year": 365, "yr": 365}
_DURATION = re.compile(
    r"\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|couple of"
    r"|a few|few|several)\s*(day|week|wk|fortnight|month|mth|year|yr)s?\b",
    re.I,
)


@dataclass(frozen=True)
class _Match:
    symptom: str
    start: int
    end: int


def _age(text: str) -> int | None:
    """An age stated in `text` ("I'm 45", "52 years old", "aged 61", "45F", "(58)"), or None. 1 to 120."""
    for match in _AGE.finditer(text):
        value = int(next(group for group in match.groups() if group is not None))
        if 1 <= value <= 120:
            return value
    return None


def parse_age(text: str) -> int | None:
    """An age stated in `text`, in English, Hindi or Kannada ("meri umar 45 saal", "ನನಗೆ ೪೫ ವರ್ಷ")."""
    return _age(gloss(text))


def parse_age_answer(text: str) -> int | None:
    """The age in an answer to "How old are you?": a bare number ("45", "४५") or a sentence."""
    glossed = gloss(text)
    stripped = glossed.strip().rstrip(".!।")
    if stripped.isdigit():
        value = int(stripped)
        return value if 1 <= value <= 120 else None
    return _age(glossed)


def parse_duration_days(text: str) -> int | None:
    """Days in a duration, in English, Hindi or Kannada ("do hafte" -> 14, "ಮೂರು ದಿನ" -> 3)."""
    return _duration_days(gloss(text))


def _duration_days(text: str) -> int | None:
    """Days in a duration ("3 weeks" -> 21, "a couple of months" -> 60, "since yesterday" -> 1), or None."""
    lowered = text.lower()
    match = _DURATION.search(lowered)
    medical = re.search(r"\b(\d{1,2}) ?/ ?(52|12|7)\b", lowered)  # clinicians' "6/52": six weeks
    if medical is not None:
        return int(medical.group(1)) * {"52": 7, "12": 30, "7": 1}[medical.group(2)]
    if match is not None:
        amount = match.group(1)
        count = int(amount) if amount.isdigit() else _NUMBER_WORDS[amount]
        return count * _UNIT_DAYS[match.group(2)]
    if re.search(r"\b(today|this morning|tonight|just now)\b", lowered):
        return 0
    if "yesterday" in lowered:
        return 1
    if re.search(r"since last (week|\w+day)", lowered):
        return 7
    if re.search(r"since last month", lowered):
        return 30
    return None


def _lexicon_matches(text: str, denied: list[tuple[int, int]]) -> list[_Match]:
    """Every lexicon word in `text` that is not `denied` and not part of a longer match."""
    found = [
        _Match(name, match.start(), match.end())
        for name, pattern in _SYMPTOM_PATTERNS
        for match in pattern.finditer(text)
        if not is_negated(denied, match.start(), match.end())
    ]
    return [
        match
        for match in found
        if not any(
            other.symptom != match.symptom
            and other.start <= match.start
            and match.end <= other.end
            and other.end - other.start > match.end - match.start
            for other in found
        )
    ]


def _words_between(text: str, start: int, end: int) -> int:
    return len(re.findall(r"\w+", text[start:end]))


def _near_armpit(text: str, match: _Match) -> bool:
    for armpit in _ARMPIT.finditer(text):
        if armpit.end() <= match.start:
            gap = _words_between(text, armpit.end(), match.start)
        elif armpit.start() >= match.end:
            gap = _words_between(text, match.end, armpit.start())
        else:
            return True  # "swollen lymph node": the armpit word is part of the finding
        if gap <= ARMPIT_WINDOW_WORDS:
            return True
    return False


def _blood_coloured_discharge(text: str, denied: list[tuple[int, int]]) -> bool:
    """A blood colour next to a discharge word ("brownish fluid", "the discharge is pink"), not denied."""
    for match in _BLOOD_COLOURED_DISCHARGE.finditer(text):
        for colour in _BLOOD_COLOUR.finditer(text, match.start(), match.end()):
            if not is_negated(denied, colour.start(), colour.end()):
                return True
    return False


def keyword_symptoms(text: str) -> frozenset[str]:
    """Canonical symptoms found by keywords alone (the backstop for a missed NLU entity)."""
    glossed = gloss(text)
    found = _symptoms(text)
    return found if glossed == text else found | _symptoms(glossed)


def _symptoms(text: str) -> frozenset[str]:
    denied = negated_spans(text)
    matches = _lexicon_matches(text, denied)
    found = {match.symptom for match in matches}
    has_nipple = _NIPPLE.search(text) is not None
    if not has_nipple:
        if "nipple_rash" in found:
            found.add("skin_change")  # a rash on the breast's skin: which kind is asked
        found -= {"nipple_retraction", "nipple_rash"}
    if not _DISCHARGE_CONTEXT.search(text):
        found -= {"nipple_discharge", "bloody_nipple_discharge"}
    blood = any(not is_negated(denied, m.start(), m.end()) for m in _BLOOD.finditer(text))
    if (
        (blood and _DISCHARGE_CONTEXT.search(text))
        or _blood_coloured_discharge(text, denied)
        or _STAINED_CLOTHES.search(text)
    ):
        found.add("bloody_nipple_discharge")
        found.discard("redness")
    if "bloody_nipple_discharge" in found:
        found.discard("nipple_discharge")
    if _SORE_NOT_HEALING.search(text):
        found.add("ulceration")
        found.discard("pain")
    elif _SORE_NOUN.search(text):
        found.add("skin_change")
    if _INDRAWN.search(text) and not has_nipple and _BREAST.search(text):
        found.add("skin_dimpling")  # skin drawn in somewhere on the breast, no nipple in sight
    if has_nipple and _NIPPLE_PATCH.search(text):
        found.add("nipple_rash")
    if _SKIN_CHANGE.search(text):
        found.add("skin_change")
    lumps = [match for match in matches if match.symptom in ("lump", "armpit_lump", "swelling")]
    in_armpit = [match for match in lumps if match.symptom == "armpit_lump" or _near_armpit(text, match)]
    if in_armpit:
        found.add("armpit_lump")
    breast_lumps = [match for match in lumps if match.symptom == "lump" and match not in in_armpit]
    found.discard("lump")
    if breast_lumps or (any(m.symptom == "lump" for m in in_armpit) and _BREAST.search(text)):
        found.add("lump")
    if not any(match.symptom == "swelling" and match not in in_armpit for match in lumps):
        found.discard("swelling")
    if "lump" in found:
        found.discard("swelling")
    return frozenset(found)


def _male(text: str) -> bool:
    """The person with the symptom is a man: he says so, or a male relative is the subject ("my son has a
    lump under his nipple"), not a woman writing about her own breast ("my husband found a lump in my
    breast")."""
    if _MALE_SELF.search(text):
        return True
    if _MALE_RELATIVE.search(text) is None:
        return False
    return _HIS.search(text) is not None or _HER_OWN_BODY.search(text) is None


def _recent_nipple_change(text: str) -> bool:
    return _RECENT.search(text) is not None or (_duration_days(text) or 10_000) < 2 * 365


def keyword_findings(text: str) -> Findings:
    """Everything the keyword backstop reads from one message, in any of its languages."""
    glossed = gloss(text)
    findings = _findings(text)
    if glossed == text:
        return findings
    return replace(_findings(glossed).merge(findings), sources=findings.sources)


def _findings(text: str) -> Findings:
    longstanding = _LONGSTANDING.search(text) is not None
    denied = negated_spans(text)
    blood_denied = any(is_negated(denied, m.start(), m.end()) for m in _BLOOD.finditer(text))
    return Findings(
        symptoms=_symptoms(text),
        age=_age(text),
        male=_male(text),
        duration_days=_duration_days(text),
        longstanding_nipple_change=longstanding,
        recent_nipple_change=not longstanding and _recent_nipple_change(text),
        discharge_not_bloody=blood_denied or _CLEAR_DISCHARGE.search(text) is not None,
        rash_not_clearing=_NOT_CLEARING.search(text) is not None,
        sources=("keywords",),
    )
