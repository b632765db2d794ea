"""Every text the bot sends, in one place (ready for translation). Short, kind, readable on a phone."""

from __future__ import annotations

DISCLAIMER = (
    "ℹ️ bcdbot is a research tool, not a medical device. It cannot diagnose anything. "
    "If you are worried about your breasts, please see a doctor or nurse."
)

WELCOME = (
    "Hello, I am bcdbot, a research chatbot about breast symptoms.\n\n"
    "What I do: ask a few questions about what you have noticed, tell you how soon to see a clinician, "
    "and look at a breast image with an experimental model.\n"
    "What I am not: a doctor. I do not give a diagnosis.\n\n"
    "What I store if you agree: your messages, your answers and your images' results, under a code "
    "instead of your Telegram id or name, for up to 12 months. You can erase everything at any time "
    "with /delete.\n\n"
    "Do you agree?\n\n" + DISCLAIMER
)
CONSENT_YES_BUTTON = "✅ I agree"
CONSENT_NO_BUTTON = "No, thanks"
CONSENT_GIVEN = (
    "Thank you. Tell me in your own words what you have noticed "
    '(for example: "a lump in my left breast for 3 weeks"), or send a breast image. /help shows more.'
)
CONSENT_DECLINED = (
    "That is fine: nothing about you is stored except this choice. I can still answer questions about "
    "breast health, self-examination and risk factors. Type /start if you change your mind."
)
CONSENT_NEEDED_FOR_INTAKE = (
    "If you agree to /start, I can ask a few questions and keep a record for a clinician."
)

HELP = (
    "Commands: /start what I am and consent, /history your past results, /risk estimate your risk of "
    "breast cancer, /delete erase everything, /cancel stop the current questions.\n"
    "Health workers: /newcase open a case, /cases your open cases, /case ID reopen one; /risk then "
    "estimates the patient's risk and keeps it with the case.\n\n"
    "What I can do:\n"
    "• Read a short description of your symptoms and tell you what to do next.\n"
    "• Look at a breast image (JPEG, PNG or DICOM) with an experimental model.\n"
    "• Estimate the chance of breast cancer in the next 5 years and by age 90 (NCI Breast Cancer Risk "
    "Assessment Tool, for women 35 or older without breast cancer): type /risk.\n\n"
    "How to send an image: use the paperclip, then either Photo (JPEG/PNG) or File (best for DICOM, "
    "keeps full quality). Up to 20 MB.\n\n" + DISCLAIMER
)

HOW_TO_UPLOAD = (
    "To send an image, tap the paperclip 📎:\n"
    "• DICOM files from the clinic are best: choose File and pick the .dcm file.\n"
    "• Mammograms: send each view you have (CC, from above, and MLO, from the side), one image each.\n"
    "• A photo of a mammogram film: lay it flat against a bright window or light box, fill the frame, "
    "hold the phone straight above it, avoid glare and reflections, then send it as a Photo.\n"
    "• A photo of a screen works too: no flash, whole image in the frame.\n"
    "• Ultrasound images: send them as they are.\n"
    "• Up to 20 MB per image. Please no photos of your body: I only read medical images."
)

NLU_UNAVAILABLE = (
    "Sorry, I cannot understand free text right now. Choose a button below, send a breast image, "
    "or type /help.\n"
    "If you have a new lump, nipple discharge with blood, or skin changes on your breast, "
    "please see a doctor or nurse within two weeks."
)

UNSUPPORTED_UPDATE = (
    "I can only read text messages and breast images (a photo, or a JPEG, PNG or DICOM file). "
    "Please type your question or send an image."
)

UNKNOWN_COMMAND = "I do not know that command. Try /start, /help, /history, /risk, /delete or /cancel."
EDITED_MESSAGE = "I only read new messages. Please send your corrected message again."

GREETING = "Hello! Tell me what you have noticed, or send a breast image. Type /help to see what I can do."
GOODBYE = "Take care. You can come back at any time."
THANKS = "You are welcome. Take care."
BOT_CHALLENGE = "I am a bot, a research tool. I am not a person and not a doctor."
ANXIETY = (
    "It is very understandable to feel worried. Most breast changes are not cancer, and getting checked "
    "is the best way to feel sure. Tell me what you have noticed and I will help you decide what to do next."
)
ABOUT_BREAST_CANCER = (
    "Breast cancer is the most common cancer in women, and it is often treatable when found early. "
    "Signs to look out for: a new lump or thickening, a change in size or shape, skin dimpling or redness, "
    "a nipple that turns inwards, nipple discharge (especially with blood), or a lump in the armpit."
)
SELF_EXAM = (
    "Checking your breasts: once a month, look in a mirror with arms down and then raised, for changes in "
    "shape, skin or nipples. Then, lying down, feel each breast and armpit with the flat of your fingers in "
    "small circles. If anything is new or different, see a doctor or nurse."
)
NOT_UNDERSTOOD = (
    "Sorry, I did not understand that. You can describe a breast symptom (what, which side, since when), "
    "ask how to send an image, or type /help."
)
ASK_SYMPTOM_DETAILS = (
    "Can you tell me more? What have you noticed (a lump, pain, discharge, skin changes...), "
    "on which side, and for how long?"
)
SEE_CLINICIAN_SOON = (
    "⚠️ Please see a doctor or nurse within two weeks to have this checked. Most breast changes are not "
    "cancer, but this one needs a clinician to examine you, whatever any app says."
)
SEE_CLINICIAN_IF_PERSISTS = (
    "If this does not settle within a few weeks, or you notice anything new, please see a doctor or nurse."
)
OFFER_IMAGE = "If you have a mammogram or ultrasound image, you can send it here (see /help for how)."

FILE_EMPTY = "This file is empty (0 bytes). Please send the image again."
FILE_TOO_LARGE = "This file is too large (over {limit_mb} MB). Please send a smaller image."
FILE_DOWNLOAD_FAILED = "I could not download your file. Please send it again."
ANALYSIS_TIMEOUT = "Sorry, the analysis took too long. Please try again in a few minutes."
ANALYSIS_FAILED = "Sorry, the analysis failed on our side. Please try again later."
ANALYSIS_UNREADABLE = "The image could not be read. Please send it again."
ANALYSIS_GAVE_UP = (
    "Sorry, this image could not be analysed: it failed several times on our side. "
    "Please try a different image or file format."
)
INTERNAL_ERROR = "Sorry, something went wrong on our side. Please try again."

# Over a per-person limit (bot/user_limits.py): what was not read, and when to send it again.
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

UNTRAINED_MODEL_WARNING = (
    "⚠️ The image model is NOT trained yet: this number is random and means nothing. "
    "It only shows that your image was received and processed."
)

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
ASK_RASH_DURATION = "How long has the rash been there?"

RISK_FACTORS = (
    "Things that raise the risk of breast cancer: getting older, a mother, sister or daughter who had "
    "breast or ovarian cancer (especially young), BRCA gene changes, dense breasts, earlier radiotherapy "
    "to the chest, alcohol, being overweight after the menopause, and some hormone treatments. "
    "Having a risk factor does not mean you will get it, and many people who get it have none. "
    "Type /risk for a personal estimate (for women 35 or older)."
)
PRIVACY = (
    "Privacy: I store nothing but your consent choice until you agree. With your agreement I keep your "
    "messages, answers and image results under a code (never your Telegram id or name) for up to "
    "12 months, to help clinicians and research. Images are analysed and not shared. "
    "/delete erases everything about you at once."
)
OUT_OF_SCOPE = (
    "Sorry, I can only help with breast health: describe a breast symptom, send a breast image, "
    "or ask about self-examination or risk factors. /help shows more."
)
AFFIRM_IDLE = "Good. Tell me what you have noticed, or send a breast image."
DENY_IDLE = "All right. If you have a question about breast health, just ask."

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
LUMP_NEEDS_AGE = (
    "A new lump should always be checked by a doctor or nurse, within two weeks if you are 30 or over."
)
NOT_URGENT_ADVICE = (
    "From what you told me, this does not look urgent. If it does not settle within a few weeks, gets "
    "worse, or you notice anything new, please see a doctor or nurse."
)

# --- intake questions ----------------------------------------------------------------------------------
ASK_SYMPTOMS = (
    "What have you noticed? For example a lump, pain, nipple discharge, a nipple turning inwards, "
    "or skin changes."
)
ASK_SIDE = "Which side is it?"
ASK_DURATION = "How long have you noticed it?"
ASK_AGE = "How old are you? Please type a number, for example 42."
ASK_AGE_AGAIN = "Sorry, I did not get the age. Please type it as a number, for example 42."
ASK_PREGNANCY = "Are you pregnant or breastfeeding at the moment?"
ASK_FAMILY = "Has anyone in your close family (mother, sister, daughter) had breast or ovarian cancer?"
ANSWER_WITH_BUTTONS = "Please choose one of the buttons, or type /cancel to stop."
SIDE_BUTTONS = {"left": "Left", "right": "Right", "both": "Both"}
DURATION_BUTTONS = {"lt2w": "Less than 2 weeks", "2to6w": "2 to 6 weeks", "gt6w": "More than 6 weeks"}
DURATION_WORDS = {"lt2w": "less than 2 weeks", "2to6w": "2 to 6 weeks", "gt6w": "more than 6 weeks"}
PREGNANCY_BUTTONS = {"pregnant": "Pregnant", "breastfeeding": "Breastfeeding", "neither": "Neither"}
FAMILY_BUTTONS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}
INTAKE_DONE = "Thank you, that is everything I need."
SUMMARY_AGE = "Age: {age}."
SUMMARY_PREGNANCY = {"pregnant": "Pregnant.", "breastfeeding": "Breastfeeding.", "neither": ""}
SUMMARY_FAMILY = {
    "yes": "Breast or ovarian cancer in the close family.",
    "no": "",
    "unsure": "Family history not known.",
}
CANCELLED = "Stopped. Nothing more will be asked. Tell me anytime if you want to start again."
NOTHING_TO_CANCEL = "There is nothing to cancel. Tell me what you have noticed, or send a breast image."

# --- images -------------------------------------------------------------------------------------------
IMAGE_NEEDS_CONSENT = (
    "Before I look at an image I need your agreement, because its result is stored. Type /start to "
    "read what I store and choose."
)

# --- /history and /delete ------------------------------------------------------------------------------
HISTORY_EMPTY = "You have no image results yet. Send a breast image to get one."
HISTORY_HEADER = "Your past image results (newest first):"
HISTORY_LINE = "• {date}: {format}, model output {probability:.2f} (about {percent} in 100){untrained}"
HISTORY_LINE_FAILED = "• {date}: no result ({status})"
HISTORY_UNTRAINED = ", untrained model: means nothing"
HISTORY_NEEDS_CONSENT = "I keep no results without your agreement, so there is no history. See /start."
DELETE_CONFIRM = (
    "This erases everything I have about you: messages, answers, image results, cases and your consent. "
    "It cannot be undone. Delete everything?"
)
DELETE_YES_BUTTON = "Yes, delete everything"
DELETE_NO_BUTTON = "No, keep it"
DELETED = "Done: everything about you has been erased. Type /start if you want to use the bot again."
NOTHING_TO_DELETE = "I have nothing stored about you."
DELETE_KEPT = "Nothing was deleted."

# --- health-worker mode --------------------------------------------------------------------------------
HEALTH_WORKER_ONLY = "This command is for health workers. An administrator can grant that role."
CASE_OPENED = (
    "Case {case} opened. Answers and images you send now go to this case. What has the patient noticed?"
)
CASE_REOPENED = "Case {case} is active again. Answers and images you send now go to this case."
CASE_NOT_FOUND = "I cannot find case {case} among your cases. /cases lists them."
CASE_USAGE = "Write the case id after the command, for example: /case C-1A2B3C"
CASES_EMPTY = "You have no open cases. /newcase opens one."
CASES_HEADER = "Your open cases, most urgent first:"
CASE_LINE = "• {case}: {flags}{probability}{images}"
CASE_RED_FLAGS = "⚠️ red flag ({flags})"
CASE_NO_FLAGS = "no red flag"
CASE_PROBABILITY = ", highest model output {probability:.2f}"
CASE_IMAGES = ", {count} image(s)"
CASE_IMAGE_ATTACHED = "Attached to case {case}."

# --- buttons offered when free text cannot be understood ------------------------------------------------
MENU_BUTTONS = {
    "symptoms": "Describe a symptom",
    "upload": "How to send an image",
    "selfexam": "Self-examination",
    "about": "About breast cancer",
    "risk": "Risk factors",
    "privacy": "Privacy",
}
UNKNOWN_BUTTON = "That button no longer works. Type /help to see what I can do."
