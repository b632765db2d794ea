"""Red-flag rules: each rule, its boundaries, and the keyword backstop on everyday phrasings."""

from __future__ import annotations

import pytest

from clinical.keyword_backstop import (
    keyword_findings,
    keyword_symptoms,
    parse_age,
    parse_age_answer,
    parse_duration_days,
)
from clinical.red_flags import Findings, RedFlag, needs_age, needs_duration, red_flags


def flags(*symptoms: str, **kwargs: object) -> tuple[RedFlag, ...]:
    return red_flags(Findings(symptoms=frozenset(symptoms), **kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("symptom", "flag"),
    [
        ("bloody_nipple_discharge", RedFlag.BLOOD_STAINED_DISCHARGE),
        ("nipple_retraction", RedFlag.NIPPLE_RETRACTION),
        ("skin_dimpling", RedFlag.SKIN_TETHERING),
        ("peau_d_orange", RedFlag.PEAU_D_ORANGE),
        ("ulceration", RedFlag.ULCERATION),
    ],
)
@pytest.mark.parametrize("age", [None, 18, 29, 30, 75])
def test_age_independent_flags(symptom: str, flag: RedFlag, age: int | None) -> None:
    assert flags(symptom, age=age) == (flag,)


@pytest.mark.parametrize(
    ("age", "flagged"), [(None, False), (16, False), (29, False), (30, True), (82, True)]
)
def test_lump_is_a_red_flag_from_30(age: int | None, flagged: bool) -> None:
    assert (RedFlag.LUMP_AGE_30_PLUS in flags("lump", age=age)) is flagged
    assert (RedFlag.ARMPIT_LUMP_AGE_30_PLUS in flags("armpit_lump", age=age)) is flagged


@pytest.mark.parametrize("symptom", ["lump", "armpit_lump"])
@pytest.mark.parametrize("age", [None, 17, 45])
def test_any_lump_in_a_man_is_a_red_flag(symptom: str, age: int | None) -> None:
    assert flags(symptom, age=age, male=True) == (RedFlag.LUMP_IN_A_MAN,)


def test_nipple_rash_is_a_red_flag_only_when_it_does_not_clear() -> None:
    assert flags("nipple_rash") == ()
    assert flags("nipple_rash", duration_days=7) == ()
    assert flags("nipple_rash", duration_days=14) == (RedFlag.NIPPLE_ECZEMA_NOT_CLEARING,)
    assert flags("nipple_rash", rash_not_clearing=True) == (RedFlag.NIPPLE_ECZEMA_NOT_CLEARING,)


def test_longstanding_nipple_inversion_is_not_a_red_flag() -> None:
    assert flags("nipple_retraction", longstanding_nipple_change=True) == ()


@pytest.mark.parametrize("symptom", ["pain", "nipple_discharge", "redness", "swelling"])
def test_other_symptoms_are_not_red_flags(symptom: str) -> None:
    assert flags(symptom, age=60) == ()


def test_several_flags_are_all_reported_in_order() -> None:
    assert flags("lump", "ulceration", "bloody_nipple_discharge", age=50) == (
        RedFlag.BLOOD_STAINED_DISCHARGE,
        RedFlag.ULCERATION,
        RedFlag.LUMP_AGE_30_PLUS,
    )


def test_what_is_still_missing_for_a_decision() -> None:
    assert needs_age(Findings(symptoms=frozenset({"lump"})))
    assert not needs_age(Findings(symptoms=frozenset({"lump"}), age=40))
    assert not needs_age(Findings(symptoms=frozenset({"lump"}), male=True))
    assert not needs_age(Findings(symptoms=frozenset({"pain"})))
    assert needs_duration(Findings(symptoms=frozenset({"nipple_rash"})))
    assert not needs_duration(Findings(symptoms=frozenset({"nipple_rash"}), duration_days=3))


def test_merge_keeps_known_values() -> None:
    merged = Findings(symptoms=frozenset({"lump"}), age=40).merge(
        Findings(symptoms=frozenset({"pain"}), age=20, male=True, duration_days=5)
    )
    assert merged.symptoms == {"lump", "pain"}
    assert (merged.age, merged.male, merged.duration_days) == (40, True, 5)


# --- keyword backstop: each red flag phrased several ways -----------------------------------------------

RED_FLAG_PHRASES = [
    ("there is blood coming from my nipple", RedFlag.BLOOD_STAINED_DISCHARGE),
    ("my left nipple is bleeding", RedFlag.BLOOD_STAINED_DISCHARGE),
    ("blood-stained discharge on my bra", RedFlag.BLOOD_STAINED_DISCHARGE),
    ("pinkish bloody fluid leaking from the nipple", RedFlag.BLOOD_STAINED_DISCHARGE),
    ("my nipple has turned inwards", RedFlag.NIPPLE_RETRACTION),
    ("my right nipple is suddenly inverted", RedFlag.NIPPLE_RETRACTION),
    ("the nipple is being pulled in", RedFlag.NIPPLE_RETRACTION),
    ("nipple looks retracted since last month", RedFlag.NIPPLE_RETRACTION),
    ("there's dimpling on my breast", RedFlag.SKIN_TETHERING),
    ("the skin is puckered when I lift my arm", RedFlag.SKIN_TETHERING),
    ("skin tethering near the scar", RedFlag.SKIN_TETHERING),
    ("my breast skin looks like orange peel", RedFlag.PEAU_D_ORANGE),
    ("peau d'orange on the left", RedFlag.PEAU_D_ORANGE),
    ("the skin is pitted like an orange", RedFlag.PEAU_D_ORANGE),
    ("an open sore on my breast", RedFlag.ULCERATION),
    ("I have an ulcer on the breast", RedFlag.ULCERATION),
    ("there's a weeping wound that won't heal", RedFlag.ULCERATION),
    ("I'm 45 and found a lump in my breast", RedFlag.LUMP_AGE_30_PLUS),
    ("hard lmup in my boob, 52 years old", RedFlag.LUMP_AGE_30_PLUS),
    ("aged 61, a mass in the right breast", RedFlag.LUMP_AGE_30_PLUS),
    ("lump in my armpit, I am 40", RedFlag.ARMPIT_LUMP_AGE_30_PLUS),
    ("I'm 33 with a swollen lymph node", RedFlag.ARMPIT_LUMP_AGE_30_PLUS),
    ("a knot under my arm, I'm 35", RedFlag.ARMPIT_LUMP_AGE_30_PLUS),
    ("eczema on my nipple that won't go away", RedFlag.NIPPLE_ECZEMA_NOT_CLEARING),
    ("a scaly rash on my nipple for 2 months", RedFlag.NIPPLE_ECZEMA_NOT_CLEARING),
    ("itchy crusty nipple that isn't getting better", RedFlag.NIPPLE_ECZEMA_NOT_CLEARING),
    ("I'm a man and I found a lump behind my nipple", RedFlag.LUMP_IN_A_MAN),
    ("my husband has a lump in his chest", RedFlag.LUMP_IN_A_MAN),
    ("male, 22, lump in the left breast", RedFlag.LUMP_IN_A_MAN),
]


@pytest.mark.parametrize(("text", "flag"), RED_FLAG_PHRASES)
def test_keyword_backstop_finds_each_red_flag(text: str, flag: RedFlag) -> None:
    assert flag in red_flags(keyword_findings(text)), keyword_findings(text)


@pytest.mark.parametrize(
    "text",
    [
        "my breasts are sore before my period",
        "I'm 25 and found a lump",
        "what is breast cancer",
        "my nipple has always been inverted, since puberty",
        "itchy nipple for 3 days",
        "milky discharge from both nipples",
        "how do I check my breasts",
    ],
)
def test_keyword_backstop_does_not_raise_false_alarms(text: str) -> None:
    assert red_flags(keyword_findings(text)) == ()


def test_armpit_lump_alone_is_not_also_a_breast_lump() -> None:
    assert keyword_symptoms("a lump in my armpit") == {"armpit_lump"}
    assert keyword_symptoms("a lump in my breast and my armpit") >= {"lump", "armpit_lump"}


@pytest.mark.parametrize(
    ("text", "age"),
    [("I'm 45", 45), ("im 38 and worried", 38), ("52 years old", 52), ("aged 61", 61), ("48yo", 48),
     ("I am 36 weeks pregnant", None), ("it started 3 years ago", None), ("hello", None)],
)  # fmt: skip
def test_parse_age(text: str, age: int | None) -> None:
    assert parse_age(text) == age


@pytest.mark.parametrize(
    ("text", "age"), [("45", 45), (" 29. ", 29), ("I'm 70", 70), ("0", None), ("abc", None)]
)
def test_parse_age_answer(text: str, age: int | None) -> None:
    assert parse_age_answer(text) == age


@pytest.mark.parametrize(
    ("text", "days"),
    [("3 weeks", 21), ("for two months", 60), ("a few days", 3), ("a couple of weeks", 14),
     ("since yesterday", 1), ("this morning", 0), ("1 year", 365), ("a fortnight", 14), ("a while", None)],
)  # fmt: skip
def test_parse_duration_days(text: str, days: int | None) -> None:
    assert parse_duration_days(text) == days
