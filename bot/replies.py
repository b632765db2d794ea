"""The bot's English texts by name. Whole sentences come from the catalog (`bot/locales/en/`, through
`bot.catalog`); what is still composed from parts (the summary's word tables, the red-flag and case lines)
is here until each language has its own composition. Short, kind, readable on a phone."""

from __future__ import annotations

from bot.catalog import english

DISCLAIMER = english("disclaimer")

WELCOME = english("welcome")
CONSENT_YES_BUTTON = english("consent-yes-button")
CONSENT_NO_BUTTON = english("consent-no-button")
CONSENT_GIVEN = english("consent-given")
CONSENT_DECLINED = english("consent-declined")
CONSENT_NEEDED_FOR_INTAKE = english("consent-needed-for-intake")

HELP = english("help")

HOW_TO_UPLOAD = english("how-to-upload")

NLU_UNAVAILABLE = english("nlu-unavailable")

UNSUPPORTED_UPDATE = english("unsupported-update")

UNKNOWN_COMMAND = english("unknown-command")
EDITED_MESSAGE = english("edited-message")

GREETING = english("greeting")
GOODBYE = english("goodbye")
THANKS = english("thanks")
BOT_CHALLENGE = english("bot-challenge")
ANXIETY = english("anxiety")
ABOUT_BREAST_CANCER = english("about-breast-cancer")
SELF_EXAM = english("self-exam")
NOT_UNDERSTOOD = english("not-understood")
ASK_SYMPTOM_DETAILS = english("ask-symptom-details")
SEE_CLINICIAN_SOON = english("see-clinician-soon")
SEE_CLINICIAN_IF_PERSISTS = english("see-clinician-if-persists")
OFFER_IMAGE = english("offer-image")

FILE_EMPTY = english("file-empty")
FILE_DOWNLOAD_FAILED = english("file-download-failed")
ANALYSIS_TIMEOUT = english("analysis-timeout")
ANALYSIS_FAILED = english("analysis-failed")
ANALYSIS_UNREADABLE = english("analysis-unreadable")
ANALYSIS_GAVE_UP = english("analysis-gave-up")
INTERNAL_ERROR = english("internal-error")

# Over a per-person limit (bot/user_limits.py): what was not read, and when to send it again. English
# only: {wait} is composed from WAIT_UNITS, which needs its own composition per language first.
LIMIT_MESSAGES = (
    "You are sending messages faster than I can read them. I did not read the last ones: please wait "
    "{wait} and send them again."
)
LIMIT_IMAGES_PER_HOUR = (
    "You have sent {limit} images in the last hour, the most I can read in an hour. I did not read this "
    "one: please send it again in {wait}."
)
LIMIT_IMAGES_PER_DAY = (
    "You have sent {limit} images in the last 24 hours, the most I can read in a day. I did not read this "
    "one: please send it again in {wait}."
)
LIMIT_PENDING_ANALYSES = (
    "I am still reading {limit} of your images. I did not read this one: please send it again when I "
    "have answered them (usually within a minute)."
)
WAIT_UNITS = {"hour": ("an hour", "{n} hours"), "minute": ("a minute", "{n} minutes"),
              "second": ("a second", "{n} seconds")}  # fmt: skip

UNTRAINED_MODEL_WARNING = english("untrained-model-warning")

# The echo of what was understood, built from canonical findings (bot/conversation/summary.py): each
# finding is a noun, a preposition and a site; findings sharing a preposition and a site are said together.
SUMMARY_OPENING = "I understand you have noticed {findings}{duration}."
SUMMARY_NOTHING = "a change"
FINDING_WORDS = {
    "lump": ("a lump", "in", "breast"),
    "pain": ("pain", "in", "breast"),
    "swelling": ("swelling", "of", "breast"),
    "redness": ("redness", "of", "breast"),
    "skin_dimpling": ("dimpled or puckered skin", "on", "breast"),
    "peau_d_orange": ("orange-peel skin", "on", "breast"),
    "ulceration": ("a sore or ulcer", "on", "breast"),
    "skin_change": ("a skin change", "on", "breast"),
    "armpit_lump": ("a lump", "in", "armpit"),
    "nipple_discharge": ("discharge", "from", "nipple"),
    "bloody_nipple_discharge": ("blood-stained discharge", "from", "nipple"),
    "nipple_retraction": ("a change in the shape", "of", "nipple"),
    "nipple_rash": ("a rash or eczema", "on", "nipple"),
    "itching": ("itching", "of", "nipple"),
}
SITE_WORDS = {
    ("breast", None): "your breast", ("breast", "left"): "your left breast",
    ("breast", "right"): "your right breast", ("breast", "both"): "both breasts",
    ("chest", None): "your chest", ("chest", "left"): "the left side of your chest",
    ("chest", "right"): "the right side of your chest", ("chest", "both"): "both sides of your chest",
    ("nipple", None): "your nipple", ("nipple", "left"): "your left nipple",
    ("nipple", "right"): "your right nipple", ("nipple", "both"): "both nipples",
    ("armpit", None): "your armpit", ("armpit", "left"): "your left armpit",
    ("armpit", "right"): "your right armpit", ("armpit", "both"): "both armpits",
}  # fmt: skip
DURATION_TODAY = " since today"
DURATION_YESTERDAY = " since yesterday"
DURATION_FOR = " for {amount}"
DURATION_UNITS = {"year": ("a year", "{n} years"), "month": ("a month", "{n} months"),
                  "week": ("a week", "{n} weeks"), "day": ("a day", "{n} days")}  # fmt: skip

# The one closed question asked when a finding is one fact away from a red flag (clinical/clarifying.py).
CLARIFY_QUESTIONS = {
    "discharge_colour": "Is there any blood in it, or is it pink, red or brown?",
    "nipple_onset": "Has your nipple recently turned inwards or flattened, or has it always been like that?",
    "skin_change": "Which of these best describes the skin change?",
    "lump_or_swelling": "Can you feel a lump or a hard area, or is the whole breast swollen?",
}
CLARIFY_BUTTONS = {
    "discharge_colour": {"blood": "Yes: blood, pink, red or brown",
                         "clear": "No: clear, milky, yellow or green", "unsure": "Not sure"},
    "nipple_onset": {"recent": "Recently", "lifelong": "It has always been like that", "unsure": "Not sure"},
    "skin_change": {"dimpling": "Dimpling or a dent", "orange_peel": "Orange-peel skin",
                    "sore": "A sore that does not heal", "redness": "Redness or warmth",
                    "none": "None of these", "unsure": "Not sure"},
    "lump_or_swelling": {"lump": "A lump or hard area", "whole_breast": "The whole breast is swollen",
                         "unsure": "Not sure"},
}  # fmt: skip
# Where nothing can be asked (no consent yet): what to do for each possible answer.
CLARIFY_ADVICE = {
    "discharge_colour": "If the discharge has any blood in it, or is pink, red or brown, please see a doctor "
    "or nurse within two weeks.",
    "nipple_onset": "A nipple that has recently turned inwards or flattened should be seen by a doctor or "
    "nurse within two weeks.",
    "skin_change": "Dimpling, a dent, orange-peel skin or a sore that does not heal should be seen by a "
    "doctor or nurse within two weeks.",
    "lump_or_swelling": "If you can feel a lump or a hard area, please see a doctor or nurse, within two "
    "weeks if you are 30 or over.",
}
ASK_RASH_DURATION = english("ask-rash-duration")

RISK_FACTORS = english("risk-factors")
PRIVACY = english("privacy")
OUT_OF_SCOPE = english("out-of-scope")
AFFIRM_IDLE = english("affirm-idle")
DENY_IDLE = english("deny-idle")

# --- red flags (whatever any model says) ---------------------------------------------------------------
RED_FLAG = (
    "⚠️ Please see a doctor or nurse within two weeks: {findings} needs a clinician to examine you, "
    "whatever any app or image result says. Most breast changes are not cancer, but this one must be "
    "checked. I have noted it for the clinician team."
)
RED_FLAG_UNRECORDED = (
    "⚠️ Please see a doctor or nurse within two weeks: {findings} needs a clinician to examine you, "
    "whatever any app or image result says. Most breast changes are not cancer, but this one must be "
    "checked."
)
RED_FLAG_WORDS = {
    "blood_stained_discharge": "blood-stained nipple discharge",
    "nipple_retraction": "a nipple that has newly turned inwards",
    "skin_tethering": "dimpled or puckered skin",
    "peau_d_orange": "orange-peel skin",
    "ulceration": "a sore or ulcer on the breast",
    "lump_age_30_plus": "a new breast lump at 30 or over",
    "armpit_lump_age_30_plus": "a lump in the armpit at 30 or over",
    "nipple_eczema_not_clearing": "a nipple rash that does not clear",
    "lump_in_a_man": "a lump in a man's breast",
}
LUMP_NEEDS_AGE = english("lump-needs-age")
NOT_URGENT_ADVICE = english("not-urgent-advice")

# --- intake questions ----------------------------------------------------------------------------------
ASK_SYMPTOMS = english("ask-symptoms")
ASK_SIDE = english("ask-side")
ASK_DURATION = english("ask-duration")
ASK_AGE = english("ask-age")
ASK_AGE_AGAIN = english("ask-age-again")
ASK_PREGNANCY = english("ask-pregnancy")
ASK_FAMILY = english("ask-family")
ANSWER_WITH_BUTTONS = english("answer-with-buttons")
SIDE_BUTTONS = {"left": "Left", "right": "Right", "both": "Both"}
DURATION_BUTTONS = {"lt2w": "Less than 2 weeks", "2to6w": "2 to 6 weeks", "gt6w": "More than 6 weeks"}
DURATION_WORDS = {"lt2w": "less than 2 weeks", "2to6w": "2 to 6 weeks", "gt6w": "more than 6 weeks"}
PREGNANCY_BUTTONS = {"pregnant": "Pregnant", "breastfeeding": "Breastfeeding", "neither": "Neither"}
FAMILY_BUTTONS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}
INTAKE_DONE = english("intake-done")
SUMMARY_PREGNANCY = {"pregnant": "Pregnant.", "breastfeeding": "Breastfeeding.", "neither": ""}
SUMMARY_FAMILY = {
    "yes": "Breast or ovarian cancer in the close family.",
    "no": "",
    "unsure": "Family history not known.",
}
CANCELLED = english("cancelled")
NOTHING_TO_CANCEL = english("nothing-to-cancel")

# --- images -------------------------------------------------------------------------------------------
IMAGE_NEEDS_CONSENT = english("image-needs-consent")

# --- /history and /delete ------------------------------------------------------------------------------
HISTORY_EMPTY = english("history-empty")
HISTORY_HEADER = english("history-header")
HISTORY_LINE = "• {date}: {format}, model output {probability:.2f} (about {percent} in 100){untrained}"
HISTORY_LINE_FAILED = "• {date}: no result ({status})"
HISTORY_UNTRAINED = ", untrained model: means nothing"
HISTORY_NEEDS_CONSENT = english("history-needs-consent")
DELETE_CONFIRM = english("delete-confirm")
DELETE_YES_BUTTON = english("delete-yes-button")
DELETE_NO_BUTTON = english("delete-no-button")
DELETED = english("deleted")
NOTHING_TO_DELETE = english("nothing-to-delete")
DELETE_KEPT = english("delete-kept")

# --- health-worker mode --------------------------------------------------------------------------------
HEALTH_WORKER_ONLY = english("health-worker-only")
CASE_USAGE = english("case-usage")
CASES_EMPTY = english("cases-empty")
CASES_HEADER = english("cases-header")
CASE_LINE = "• {case}: {flags}{probability}{images}"
CASE_RED_FLAGS = "⚠️ red flag ({flags})"
CASE_NO_FLAGS = "no red flag"
CASE_PROBABILITY = ", highest model output {probability:.2f}"
CASE_IMAGES = ", {count} image(s)"

# --- buttons offered when free text cannot be understood ------------------------------------------------
MENU_BUTTONS = {
    "symptoms": "Describe a symptom",
    "upload": "How to send an image",
    "selfexam": "Self-examination",
    "about": "About breast cancer",
    "risk": "Risk factors",
    "privacy": "Privacy",
}
UNKNOWN_BUTTON = english("unknown-button")
