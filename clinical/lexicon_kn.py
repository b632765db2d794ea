"""Kannada words for the canonical symptoms and their qualifiers, in Kannada script and romanised.

Read with `clinical.script_normal.skeleton` (ಗಡ್ಡೆ and gadde meet); a word may carry a case ending
("stanadalli", "gaddeyide": `clinical.indic_gloss`). Spellings whose skeletons differ ("gadde"/"gedde",
"novu"/"noovu") are listed. Written by the developers: a native-speaking clinician must review them before
any real use.
"""

from __future__ import annotations

# fmt: off
SYMPTOM_WORDS: dict[str, tuple[str, ...]] = {
    "lump": ("ಗಡ್ಡೆ", "ಗಂಟು", "gadde", "gedde", "gaddey", "gantu", "ಉಂಡೆ", "unde"),
    "armpit_lump": ("ಕಂಕುಳ ಗಡ್ಡೆ", "kankula gadde", "kankul gadde", "kankulalli gadde", "ಕಂಕುಳಲ್ಲಿ ಗಡ್ಡೆ"),
    "swelling": ("ಊತ", "ಬಾವು", "uta", "oota", "ootha", "utha", "bavu", "baavu", "ubbide", "ಉಬ್ಬಿದೆ", "ubbu"),
    "pain": ("ನೋವು", "novu", "noovu", "novvu", "novaagide", "noyuttide", "ನೋಯುತ್ತಿದೆ", "noytide"),
    "itching": ("ತುರಿಕೆ", "ಕೆರೆತ", "turike", "thurike", "turise", "kerata", "kereta"),
    "nipple_discharge": ("ಸ್ರಾವ", "ಸೋರಿಕೆ", "srava", "sraava", "sorike", "soorike", "soruttide", "ಸೋರುತ್ತಿದೆ"),
    "bloody_nipple_discharge": ("ರಕ್ತ", "ನೆತ್ತರು", "raktha", "rakta", "rakth", "nettaru"),
    "nipple_retraction": ("ಒಳಗೆ ಹೋಗಿದೆ", "olage hogide", "olage hoogide", "olage hogtide", "olakke hogide",
                          "ಒಳಕ್ಕೆ ಹೋಗಿದೆ", "olage eledide", "ಒಳಗೆ ಎಳೆದಿದೆ", "olage kusidide",
                          "ಒಳಗೆ ಕುಸಿದಿದೆ", "olamukha"),
    "nipple_rash": ("ಕಜ್ಜಿ", "ಚಕ್ಕೆ", "ಗುಳ್ಳೆ", "kajji", "chakke", "gulle", "ಪಕಳೆ", "pakale"),
    "skin_dimpling": ("ಗುಳಿ", "ಕುಳಿ", "guli", "kuli", "chamra eleta", "ಚರ್ಮ ಎಳೆತ",
                      "charma eledide"),
    "peau_d_orange": ("ಕಿತ್ತಳೆ ಸಿಪ್ಪೆ", "kittale sippe", "kittale", "ಕಿತ್ತಳೆ", "kittale hannina sippe"),
    "ulceration": ("ಹುಣ್ಣು", "ವ್ರಣ", "hunnu", "hunu", "vrana", "hunnagide", "ಹುಣ್ಣಾಗಿದೆ"),
    "redness": ("ಕೆಂಪಾಗಿದೆ", "ಕೆಂಪು ಬಣ್ಣ", "kempagide", "kempaagide", "kempu banna", "kemputana"),
    "skin_change": ("ಚರ್ಮ ಬದಲಾಗಿದೆ", "charma badalagide", "charmadalli badalavane", "ಚರ್ಮದಲ್ಲಿ ಬದಲಾವಣೆ"),
}

GLOSSES: dict[str, tuple[str, ...]] = {
    # The side, which the intake reads from the gloss (and asks for when it finds none).
    "left": ("ಎಡ", "ಎಡದ", "ಎಡಗಡೆ", "ಎಡಗಡೆಯ", "ಎಡಭಾಗ", "ಎಡಭಾಗದ", "eda", "edada", "edagade", "edagadeya",
             "edabhaga", "edabhagada"),
    "right": ("ಬಲ", "ಬಲದ", "ಬಲಗಡೆ", "ಬಲಗಡೆಯ", "ಬಲಭಾಗ", "ಬಲಭಾಗದ", "bala", "balada", "balagade", "balagadeya",
              "balabhaga", "balabhagada"),
    "both": ("ಎರಡೂ", "ಎರಡು", "eradu", "eradoo", "eraDu"),
    "breast": ("ಸ್ತನ", "ಮೊಲೆ", "ಎದೆ", "stana", "stan", "ede", "yede", "edeya"),
    "nipple": ("ತೊಟ್ಟು", "ಮೊಲೆತೊಟ್ಟು", "ಮೊಲೆ ತೊಟ್ಟು", "ಸ್ತನಾಗ್ರ", "ನಿಪ್ಪಲ್", "ನಿಪಲ್", "tottu", "thottu",
               "moletottu", "mole tottu", "mole thottu", "stanagra", "mole tudi", "tottininda", "ತೊಟ್ಟಿನಿಂದ",
               "thottininda", "tottinalli", "ತೊಟ್ಟಿನಲ್ಲಿ", "tottige", "ತೊಟ್ಟಿಗೆ", "tottinda", "tottina", "ತೊಟ್ಟಿನ",
               "thottina"),
    "armpit": ("ಕಂಕುಳ", "ಕಂಕುಳು", "kankula", "kankul", "kankulu", "kankala", "kankalu"),
    "water": ("ನೀರು", "neeru", "niru"),
    "fluid": ("ದ್ರವ", "drava"),
    "coming out": ("ಬರುತ್ತಿದೆ", "ಬರುತ್ತದೆ", "ಬರ್ತಿದೆ", "baruttide", "baruthide", "bartide", "barthide",
                   "baruttade", "bartaide", "bandide", "ಬಂದಿದೆ", "horage", "ಹೊರಗೆ"),
    "red": ("ಕೆಂಪು", "kempu", "kempa"),
    "pink": ("ಗುಲಾಬಿ", "gulabi"),
    "brown": ("ಕಂದು", "kandu"),
    "clear": ("ತಿಳಿ", "ಸ್ಪಷ್ಟ", "tili", "thili", "spashta"),
    "milky": ("ಹಾಲು", "ಹಾಲಿನಂತೆ", "haalu", "halu", "haalinante"),
    "white": ("ಬಿಳಿ", "bili", "bilupu"),
    "yellow": ("ಹಳದಿ", "haladi"),
    "skin": ("ಚರ್ಮ", "charma", "chamra"),
    "changed": ("ಬದಲಾಗಿದೆ", "ಬದಲಾವಣೆ", "badalagide", "badalaagide", "badalavane"),
    "warm": ("ಬಿಸಿ", "bisi"),
    "not healing": ("ವಾಸಿಯಾಗಿಲ್ಲ", "vaasiyaagilla", "vasiyagilla", "vaasi aagilla", "vasi agilla",
                    "maayuttilla", "mayuttilla", "ಮಾಯುತ್ತಿಲ್ಲ", "maagilla", "ಮಾಗಿಲ್ಲ"),
    "not going away": ("ಹೋಗುತ್ತಿಲ್ಲ", "ಹೋಗಿಲ್ಲ", "hoguttilla", "hogtilla", "hogilla", "kadime aagilla",
                       "kadimeyagilla", "ಕಡಿಮೆಯಾಗಿಲ್ಲ"),
    "my": ("ನನ್ನ", "nanna"),
    "husband": ("ಗಂಡ", "ಪತಿ", "ganda", "pati", "yajamanru"),
    "man": ("ಗಂಡಸು", "ಪುರುಷ", "gandasu", "purusha"),
    "son": ("ಮಗ", "maga", "magane"),
    "brother": ("ಅಣ್ಣ", "ತಮ್ಮ", "anna", "tamma"),
    "years": ("ವರ್ಷ", "ವರ್ಷದ", "varsha", "varsh", "varshada", "varshagalu", "ವರ್ಷಗಳು"),
    "age": ("ವಯಸ್ಸು", "vayassu", "vayasu", "vayasso"),
    "weeks": ("ವಾರ", "ವಾರಗಳು", "ವಾರದಿಂದ", "vaara", "vara", "vaaragalu", "varagalinda", "vaaradinda"),
    "days": ("ದಿನ", "ದಿನಗಳು", "ದಿನಗಳಿಂದ", "dina", "dinagalu", "dinagalinda", "dinadinda"),
    "months": ("ತಿಂಗಳು", "ತಿಂಗಳಿಂದ", "tingalu", "thingalu", "tingal", "tingalinda", "thingalinda"),
    "new": ("ಹೊಸದಾಗಿ", "ಹೊಸ", "hosadagi", "hosadaagi", "hosa"),
    "now": ("ಈಗ", "iga", "eega"),
    "suddenly": ("ಇದ್ದಕ್ಕಿದ್ದಂತೆ", "iddakkiddante", "ekaeki", "ಏಕಾಏಕಿ"),
    "recently": ("ಇತ್ತೀಚೆಗೆ", "ittichege", "itteechege"),
    "always been": ("ಯಾವಾಗಲೂ", "yavagalu", "yaavaagalu", "yavaglu"),
    "since birth": ("ಹುಟ್ಟಿನಿಂದ", "huttininda", "huttidaaginda", "ಹುಟ್ಟಿದಾಗಿನಿಂದ"),
    "since childhood": ("ಬಾಲ್ಯದಿಂದ", "chikkandininda", "balyadinda", "ಚಿಕ್ಕಂದಿನಿಂದ"),
}
# fmt: on

NUMBERS: dict[str, int] = {
    "ondu": 1, "ಒಂದು": 1, "eradu": 2, "ಎರಡು": 2, "mooru": 3, "muru": 3, "ಮೂರು": 3, "naalku": 4, "nalku": 4,
    "ನಾಲ್ಕು": 4, "aidu": 5, "ಐದು": 5, "aaru": 6, "ಆರು": 6, "elu": 7, "ಏಳು": 7, "entu": 8, "ಎಂಟು": 8,
    "ombattu": 9, "ಒಂಬತ್ತು": 9, "hattu": 10, "ಹತ್ತು": 10, "ippattu": 20, "ಇಪ್ಪತ್ತು": 20, "muvattu": 30,
    "ಮೂವತ್ತು": 30, "nalavattu": 40, "ನಲವತ್ತು": 40, "aivattu": 50, "ಐವತ್ತು": 50, "aravattu": 60,
    "ಅರವತ್ತು": 60, "eppattu": 70, "ಎಪ್ಪತ್ತು": 70,
}  # fmt: skip
