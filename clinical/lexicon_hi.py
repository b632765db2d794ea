"""Hindi words for the canonical symptoms and their qualifiers, in Devanagari and romanised.

Read with `clinical.script_normal.skeleton`, so one spelling of each sound is enough: गांठ/गाँठ and
gaanth/ganth/gath meet. Spellings whose skeletons differ (medial vowels people drop, "gilti"/"gilti") are
listed. Words were written by the developers and need a native-speaking clinician's review before any
real use.
"""

from __future__ import annotations

# fmt: off
SYMPTOM_WORDS: dict[str, tuple[str, ...]] = {
    "lump": ("गांठ", "गांठें", "गठान", "गिल्टी", "gaanth", "gaanthein", "gaanthen", "gathan", "gilti", "giltee",
             "gutthi", "गुठली", "guthli", "gaath"),
    "armpit_lump": ("बगल में गांठ", "bagal mein gaanth", "bagal me ganth", "कांख में गांठ", "kankh mein gaanth",
                    "bagal ki gaanth"),
    "swelling": ("सूजन", "सूजा", "sujan", "soojan", "soojh", "sooja", "suja", "sujaa hua", "फूला", "phoola",
                 "phula"),
    "pain": ("दर्द", "पीड़ा", "dard", "dardd", "peeda", "pida", "dukhta", "दुखता", "dukhti", "दुखती", "dukhna"),
    "itching": ("खुजली", "khujli", "khujlee", "khujali", "kharish", "खारिश"),
    "nipple_discharge": ("स्राव", "srav", "sraav", "रिसाव", "risav", "rissav", "risaav"),
    "bloody_nipple_discharge": ("खून", "रक्त", "khoon", "khun", "rakt", "rakth", "rakat", "लहू", "lahoo",
                                "lahu"),
    "nipple_retraction": ("अंदर धंस", "andar dhans", "andar dhas", "andar dhasa", "andar dhasi", "अंदर घुस",
                          "andar ghus", "andar ghusa", "andar ghusi", "andar chala", "andar chali", "अंदर चला",
                          "andar mud", "andar mudi", "अंदर मुड़", "andar khinch", "andar khinchi", "अंदर खिंच",
                          "ulta", "उल्टा"),
    "nipple_rash": ("चकत्ते", "चकत्ता", "chakatte", "chakatta", "chakte", "पपड़ी", "papdi", "papadi", "खुरंड",
                    "khurand", "daane", "दाने", "एक्जिमा", "eczema wala"),
    "skin_dimpling": ("गड्ढा", "gaddha", "gadhha", "खिंचाव", "khinchav", "khichav",
                      "khinchaav", "सिकुड़न", "sikudan", "sikudi"),
    "peau_d_orange": ("संतरे", "संतरा", "santre", "santra", "santare", "narangi", "नारंगी", "santre ke chhilke",
                      "संतरे के छिलके"),
    "ulceration": ("घाव", "ज़ख्म", "जख्म", "ghav", "ghaav", "zakhm", "jakhm", "zakham", "नासूर", "nasoor",
                   "nasur"),
    "redness": ("लाली", "लालिमा", "लालपन", "laali", "lali", "lalima", "laalpan", "lalpan"),
    "skin_change": ("त्वचा में बदलाव", "twacha mein badlav", "chamdi badal", "चमड़ी बदल", "twacha badal",
                    "त्वचा बदल"),
}

# What a word says, in the English word the backstop already reads ("breast", "blood", "not healing", ...).
GLOSSES: dict[str, tuple[str, ...]] = {
    # The side, which the intake reads from the gloss (and asks for when it finds none).
    "left": ("बायाँ", "बायां", "बाएँ", "बाएं", "बायें", "बाईं", "baayan", "baayaan", "bayan", "baayein",
             "bayein", "baayen", "bayen", "baayi", "bayi"),
    "right": ("दायाँ", "दायां", "दाएँ", "दाएं", "दायें", "दाईं", "daayan", "daayaan", "dayan", "daayein",
              "dayein", "daayen", "dayen", "daayi", "dayi", "दाहिना", "दाहिने", "दाहिनी", "dahina", "dahine",
              "dahini"),
    "both": ("दोनों", "dono", "donon", "dono hi"),
    "breast": ("स्तन", "स्तनों", "छाती", "सीना", "stan", "stano", "stanon", "chhati", "chhaati", "chati",
               "seena", "sina", "doodh ki thaili"),
    "nipple": ("निप्पल", "चूचुक", "स्तनाग्र", "घुंडी", "निपल", "choochuk", "chuchuk", "chuchak", "stanagra",
               "ghundi"),
    "armpit": ("बगल", "कांख", "bagal", "baghal", "kankh", "kaankh", "kakh"),
    "water": ("पानी", "paani", "pani"),
    "fluid": ("तरल", "द्रव", "taral", "drav", "drav padarth"),
    "coming out": ("निकल", "निकलता", "निकलती", "निकल रहा", "निकल रही", "nikal", "nikalta", "nikalti", "nikla",
                   "nikli", "nikalna", "rista", "risti", "रिसता", "रिसती", "aata", "aati", "आता", "आती"),
    "red": ("लाल", "lal", "laal"),
    "pink": ("गुलाबी", "gulabi", "gulaabi"),
    "brown": ("भूरा", "भूरी", "bhura", "bhoora", "bhuri", "bhoori"),
    "clear": ("साफ", "saaf", "saf", "पारदर्शी", "pardarshi"),
    "milky": ("दूधिया", "doodhiya", "dudhiya", "दूध जैसा", "doodh jaisa", "dudh jaisa"),
    "white": ("सफेद", "safed", "safaid"),
    "yellow": ("पीला", "पीली", "peela", "pila", "peeli"),
    "skin": ("त्वचा", "चमड़ी", "खाल", "twacha", "tvacha", "chamdi", "chamadi", "khaal", "khal"),
    "changed": ("बदल", "बदलाव", "badal", "badlav", "badlaav"),
    "orange": ("संतरे जैसी", "santre jaisi", "santre jaisa"),
    "warm": ("गरम", "गर्म", "garam", "garm"),
    "not healing": ("ठीक नहीं हो", "theek nahi ho", "thik nahi ho", "theek nahin ho", "bhar nahi",
                    "bhar nahin",
                    "भर नहीं", "sookh nahi", "sukh nahi", "सूख नहीं", "ठीक नहीं हुआ", "theek nahi hua"),
    "not going away": ("जा नहीं", "ja nahi", "ja nahin", "jaa nahi", "kam nahi", "kam nahin", "कम नहीं",
                       "ठीक नहीं", "theek nahi", "thik nahi", "theek nahin"),
    "my": ("मेरा", "मेरी", "मेरे", "mera", "meri", "mere", "mujhe", "मुझे"),
    "husband": ("पति", "pati", "patee"),
    "man": ("आदमी", "मर्द", "aadmi", "admi", "mard", "purush", "पुरुष"),
    "son": ("बेटा", "बेटे", "beta", "bete"),
    "brother": ("भाई", "bhai", "bhaiya"),
    "years": ("साल", "वर्ष", "बरस", "saal", "sal", "varsh", "baras"),
    "age": ("उम्र", "umar", "umr", "umra", "aayu", "आयु"),
    "weeks": ("हफ्ते", "हफ्ता", "सप्ताह", "hafte", "hafta", "haftey", "saptah"),
    "days": ("दिन", "दिनों", "din", "dino", "dinon"),
    "months": ("महीने", "महीना", "महीनों", "mahine", "mahina", "mahinon", "mahino"),
    "new": ("नया", "नई", "नयी", "naya", "nayi", "nai", "naye"),
    "now": ("अभी", "अब", "abhi", "ab"),
    "suddenly": ("अचानक", "achanak", "achaanak"),
    "recently": ("हाल ही में", "haal hi mein", "hal hi me", "kuch dino se", "कुछ दिनों से"),
    "always been": ("हमेशा से", "hamesha se", "humesha se"),
    "since birth": ("जन्म से", "janam se", "janm se", "paidaishi", "पैदाइशी"),
    "since childhood": ("बचपन से", "bachpan se"),
}
# fmt: on

NUMBERS: dict[str, int] = {
    "ek": 1, "एक": 1, "do": 2, "दो": 2, "teen": 3, "तीन": 3, "char": 4, "chaar": 4, "चार": 4, "paanch": 5,
    "panch": 5, "पांच": 5, "chhe": 6, "chhah": 6, "छह": 6, "saat": 7, "सात": 7, "aath": 8, "आठ": 8, "nau": 9,
    "नौ": 9, "das": 10, "दस": 10, "bees": 20, "बीस": 20, "tees": 30, "तीस": 30, "chalis": 40, "chaalis": 40,
    "चालीस": 40, "pachas": 50, "pachaas": 50, "पचास": 50, "sattar": 70, "सत्तर": 70,
}  # fmt: skip
