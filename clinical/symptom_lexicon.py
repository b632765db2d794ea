"""The one table of canonical symptoms and the words people use for them.

Both readers of free text are built from it: the keyword backstop (`clinical.red_flags`) compiles the words
into patterns, and the Rasa training data's symptom synonyms (`nlu/data/symptom_synonyms.yml`) are written
from it by `python -m nlu.lexicon_export` (a test fails when the file and this table disagree). Add a lay
word or a misspelling here, once, and both learn it.

Words are lower case and literal: every form is listed ("dimple", "dimpled", "dimpling"), because Rasa's
synonym mapper matches whole extracted texts. A word belongs to one canonical symptom only.

Hindi and Kannada words, native and romanised, are in `clinical.lexicon_hi` and `clinical.lexicon_kn` (one
table per language, with the words that qualify a finding); `words_in_every_language` joins them to these.

| canonical               | site   | what it means                                               |
| ----------------------- | ------ | ----------------------------------------------------------- |
| lump                    | breast | a lump, knot, hard bit or localised swelling                |
| armpit_lump             | armpit | a lump or swollen gland in the armpit                       |
| swelling                | breast | the breast swollen (not known to be a lump: asked)          |
| pain                    | breast | pain, soreness, tenderness                                  |
| itching                 | nipple | itching without a visible rash                              |
| nipple_discharge        | nipple | fluid from the nipple, colour unknown or clear              |
| bloody_nipple_discharge | nipple | blood, or pink, red or brown fluid from the nipple          |
| nipple_retraction       | nipple | the nipple turned in, pulled in, sunk or flattened          |
| nipple_rash             | nipple | rash, eczema, crusting or scaling of the nipple             |
| skin_dimpling           | skin   | dimpling, a dent, puckering or tethering of the skin        |
| peau_d_orange           | skin   | orange-peel skin                                            |
| ulceration              | skin   | an ulcer, open sore or wound                                |
| redness                 | skin   | redness or warmth                                           |
| skin_change             | skin   | a skin change not yet described (asked)                     |
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from clinical import lexicon_hi, lexicon_kn


class Site(StrEnum):
    BREAST = "breast"
    ARMPIT = "armpit"
    NIPPLE = "nipple"
    SKIN = "skin"


@dataclass(frozen=True)
class Symptom:
    """A canonical symptom, where it is, and its lay words (lower case, literal)."""

    name: str
    site: Site
    words: tuple[str, ...]


SYMPTOMS: tuple[Symptom, ...] = (
    Symptom("lump", Site.BREAST, (
        "lump", "lumps", "lumpy", "a lump", "hard lump", "small lump", "lmup", "lumb", "lupm", "lumpp",
        "lunp", "lumo", "mass", "masses", "bump", "bumps", "knot", "knots", "hard bit", "hard bits",
        "hard spot", "hard area", "hard patch", "hard part", "hard thing", "something hard", "hardness",
        "hard swelling", "a swelling", "firm area", "firm bit", "thickening", "thickened area",
        "thick area", "thick bit", "thick patch", "growth", "nodule", "nodules", "pea", "pea-sized",
        "pea sized", "marble", "stone", "cyst", "cysts", "tumour", "tumor",
    )),
    Symptom("armpit_lump", Site.ARMPIT, (
        "armpit lump", "underarm lump", "lump in my armpit", "lump in the armpit", "lump under my arm",
        "lump in my underarm", "swollen lymph node", "swollen lymph nodes", "swollen gland",
        "swollen glands", "swollen gland in my armpit", "enlarged lymph node", "enlarged lymph nodes",
        "swollen node", "hard gland", "swelling in my armpit", "swelling under my arm",
    )),
    Symptom("swelling", Site.BREAST, (
        "swollen", "swelling", "swelled", "swelling up", "puffy", "sweling", "swolen", "swollan",
        "engorged",
    )),
    Symptom("pain", Site.BREAST, (
        "pain", "painful", "pains", "hurt", "hurts", "hurting", "sore", "soreness", "ache", "aches", "aching",
        "achy", "tender", "tenderness", "breast pain", "sharp pain", "stabbing pain", "stabbing pains",
        "pian", "painfull", "paining", "burning",
    )),
    Symptom("itching", Site.NIPPLE, ("itchy", "itching", "itch", "itches", "itchiness")),
    Symptom("nipple_discharge", Site.NIPPLE, (
        "discharge", "nipple discharge", "leaking", "leaks", "leak", "leaky nipple", "leaking nipple",
        "milky discharge", "clear discharge", "fluid coming out of my nipple", "fluid from my nipple",
        "liquid from my nipple", "discharge from my nipple", "dischage", "dicharge", "dischrge", "dischrage",
        "discharg", "oozing", "ooze", "oozes", "secretion",
    )),
    Symptom("bloody_nipple_discharge", Site.NIPPLE, (
        "blood-stained discharge", "blood stained discharge", "bloodstained discharge", "bloody discharge",
        "bloody nipple discharge", "blood from my nipple", "blood coming out of my nipple",
        "bleeding nipple", "nipple bleeding", "bleeding", "bleeds", "blood", "bloody", "bleding",
        "bloody fluid", "brown discharge", "brownish discharge", "reddish discharge", "red discharge",
        "pink discharge", "pinkish discharge", "rusty discharge", "dark discharge", "brownish fluid",
        "reddish fluid", "pinkish fluid", "blood stains",
    )),
    Symptom("nipple_retraction", Site.NIPPLE, (
        "nipple retraction", "retracted nipple", "inverted nipple", "inverted", "invertd", "retracted",
        "turned inwards", "turned in", "turning in", "turning inwards", "nipple is pulled in", "pulled in",
        "sunken nipple", "nipple turned in", "sunk in", "sunk", "sunken", "flattened", "flattened nipple",
        "flat nipple", "gone in", "gone inside", "pointing inwards", "pointing inward", "facing inwards",
        "facing inward", "inward", "inwards", "drawn in", "tucked in", "pushed in", "flat", "inverting",
        "pulling in", "pulling inside", "pulled inside", "going in", "going inside", "gone inwards",
        "doesn't point out", "does not point out", "not pointing out", "doesn't stick out",
        "does not stick out", "not sticking out", "sinking in", "sinking", "retracting",
        "turn in", "turns in", "turn inwards", "turns inwards", "went in", "went inside", "disappeared",
        "disappearing", "inversion", "pushed inside", "doesn't come out", "does not come out",
    )),
    Symptom("nipple_rash", Site.NIPPLE, (
        "nipple rash", "rash on my nipple", "rash around my nipple", "scaly nipple", "scaly",
        "crusty nipple", "crusty", "flaky nipple", "flaky", "eczema", "rash", "crusting", "crust",
        "crusted", "scaling", "scales", "peeling", "flaking", "eczematous", "ekzema", "exema", "eczma",
        "dermatitis", "scab", "scabs", "scabby", "flakey", "flakes", "flaky skin",
    )),
    Symptom("skin_dimpling", Site.SKIN, (
        "dimpling", "dimple", "dimples", "dimpled", "dimply", "dimpled skin", "skin dimpling",
        "dimpeling", "dimpel", "dimpal", "puckering", "puckered", "puckered skin", "pucker", "dent",
        "dents", "dented", "a dent", "dip", "dipping", "indent", "indentation", "tethering", "tethered",
        "skin pulled in", "pulled skin", "skin pulling", "skin drawn in", "crater", "groove", "hollow",
        "sucked in", "pulled inward", "pulled from inside", "pulled from within", "pinched in",
        "pulled inwards", "pinched inward", "pinched inwards", "crease", "dragged",
        "dragged in", "dragged inwards", "pit", "dips", "dipped", "puckred", "pukered", "puckerd",
        "fold", "stuck to", "indented", "depression in the skin", "depression in my breast",
        "skin depression", "sunken spot", "sunken area", "dimpeled", "dimpld",
    )),
    Symptom("peau_d_orange", Site.SKIN, (
        "peau d'orange", "peau d orange", "peau dorange", "orange peel", "orange-peel", "orange peel skin",
        "skin like orange peel", "orange skin", "like an orange", "pitted", "pitting", "tiny holes",
        "big pores", "enlarged pores", "orange", "oranje", "orange-like", "like orange", "oranj", "ornage",
        "orenge", "orange peal", "pits", "lemon skin", "lemon peel", "like a lemon", "like lemon",
    )),
    Symptom("ulceration", Site.SKIN, (
        "ulcer", "ulcers", "ulcerated", "ulceration", "open sore", "open wound", "weeping sore",
        "sore that won't heal", "sore that does not heal", "wound", "weeping", "non-healing sore",
        "raw area", "raw patch", "broken skin", "hole in the skin", "hole in my skin", "hole in my breast",
        "ulsar", "ulcr", "alcer", "open sores",
    )),
    Symptom("redness", Site.SKIN, (
        "red", "reddish", "red skin", "red patch", "reddened", "inflamed", "redness", "warm", "hot",
        "warmth", "flushed",
    )),
    Symptom("skin_change", Site.SKIN, (
        "skin change", "skin changes", "skin changed", "change in the skin", "skin looks different",
        "skin looks strange", "skin looks weird", "skin looks odd", "skin texture", "rough skin",
        "thick skin", "thickened skin", "discoloured", "discolored", "discolouration", "discoloration",
    )),
)  # fmt: skip

BY_NAME: dict[str, Symptom] = {symptom.name: symptom for symptom in SYMPTOMS}

# Words that qualify a finding rather than name one; the backstop reads them near the finding.
# fmt: off
BREAST_WORDS = (
    "breast", "breasts", "boob", "boobs", "brest", "brests", "breat", "bosom", "chest", "tit", "tits",
    "nipple", "nipples", "areola",
)
NIPPLE_WORDS = (
    "nipple", "nipples", "nippel", "nippels", "nipel", "niple", "nipple's", "areola", "areolas", "nip",
    "nippal", "nippals", "nipal", "nippl", "nipl", "nippple", "nipplr", "teat",
)
ARMPIT_WORDS = (
    "armpit", "armpits", "arm pit", "arm pits", "armpitt", "underarm", "underarms", "under arm",
    "under my arm", "under the arm", "under her arm", "under his arm", "axilla", "axillary",
    "lymph node", "lymph nodes", "gland", "glands", "node", "nodes",
)
DISCHARGE_WORDS = (
    "discharge", "dischage", "dicharge", "dischrge", "discharg", "dischrage", "fluid", "liquid", "leak",
    "leaks", "leaking", "leaked", "ooze", "oozes", "oozing", "secretion", "stain", "stains", "staining",
    "coming out", "comes out", "came out", "water",
)
BLOOD_WORDS = (
    "blood", "bloody", "bleed", "bleeds", "bleeding", "bled", "bleding", "blood-stained", "bloodstained",
    "serosanguinous", "serosanguineous", "sanguineous", "haemorrhagic", "hemorrhagic", "blood-tinged",
)
BLOOD_COLOUR_WORDS = (
    "pink", "pinkish", "red", "reddish", "brown", "brownish", "rusty", "rust", "dark", "darkish", "maroon",
    "black", "blackish", "blood coloured", "blood colored", "tinged",
)
CLEAR_COLOUR_WORDS = (
    "clear", "watery", "milky", "milk", "white", "whitish", "yellow", "yellowish", "green",
    "greenish", "creamy", "cloudy", "colourless", "colorless", "transparent",
)
# fmt: on


def canonical_symptoms() -> frozenset[str]:
    """Every canonical symptom name (what the NLU and the backstop may report)."""
    return frozenset(BY_NAME)


def words_in_every_language(symptom: Symptom) -> tuple[str, ...]:
    """The symptom's English, Hindi and Kannada words, as written."""
    return symptom.words + lexicon_hi.SYMPTOM_WORDS[symptom.name] + lexicon_kn.SYMPTOM_WORDS[symptom.name]


def site_of(symptom: str) -> Site:
    return BY_NAME[symptom].site
