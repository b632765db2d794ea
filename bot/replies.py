"""Every text the bot sends, in one place (ready for translation). Short, kind, readable on a phone."""

from __future__ import annotations

DISCLAIMER = (
    "ℹ️ bcdbot is a research tool, not a medical device. It cannot diagnose anything. "
    "If you are worried about your breasts, please see a doctor or nurse."
)

WELCOME = (
    "Hello, I am bcdbot, a research chatbot about breast symptoms.\n\n"
    "• Tell me in your own words what you have noticed "
    '(for example: "a lump in my left breast for 3 weeks").\n'
    "• Or send a breast image: a mammogram (DICOM file, or a photo of the film or screen) "
    "or an ultrasound.\n\n"
    "I am not a doctor and I do not give a diagnosis.\n\n" + DISCLAIMER
)

HELP = (
    "What I can do:\n"
    "• Read a short description of your symptoms and tell you what to do next.\n"
    "• Look at a breast image (JPEG, PNG or DICOM) with an experimental model.\n\n"
    "How to send an image: use the paperclip, then either Photo (JPEG/PNG) or File (best for DICOM, "
    "keeps full quality). Up to 20 MB.\n\n" + DISCLAIMER
)

HOW_TO_UPLOAD = (
    "To send an image, tap the paperclip 📎:\n"
    "• DICOM files from the clinic are best: choose File and pick the .dcm file.\n"
    "• A photo of a mammogram film: lay it flat against a bright window or light box, fill the frame, "
    "avoid glare, then send it as a Photo.\n"
    "• Up to 20 MB per image."
)

NLU_UNAVAILABLE = (
    "Sorry, I cannot understand free text right now. You can still send a breast image, or type /help.\n"
    "If you have a new lump, nipple discharge with blood, or skin changes on your breast, "
    "please see a doctor or nurse within two weeks."
)

UNSUPPORTED_UPDATE = (
    "I can only read text messages and breast images (a photo, or a JPEG, PNG or DICOM file). "
    "Please type your question or send an image."
)

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
OFFER_IMAGE = "If you have a mammogram or ultrasound image, you can send it here."

FILE_EMPTY = "This file is empty (0 bytes). Please send the image again."
FILE_TOO_LARGE = "This file is too large (over {limit_mb} MB). Please send a smaller image."
FILE_DOWNLOAD_FAILED = "I could not download your file. Please send it again."
ANALYSIS_TIMEOUT = "Sorry, the analysis took too long. Please try again in a few minutes."
ANALYSIS_FAILED = "Sorry, the analysis failed on our side. Please try again later."
INTERNAL_ERROR = "Sorry, something went wrong on our side. Please try again."

UNTRAINED_MODEL_WARNING = (
    "⚠️ The image model is NOT trained yet: this number is random and means nothing. "
    "It only shows that your image was received and processed."
)

SIDE_WORDS = {"left": "left breast", "right": "right breast", "both": "both breasts"}
SYMPTOM_WORDS = {
    "lump": "a lump",
    "pain": "pain",
    "nipple_discharge": "nipple discharge",
    "bloody_nipple_discharge": "blood-stained nipple discharge",
    "nipple_retraction": "a nipple turning inwards",
    "skin_dimpling": "skin dimpling",
    "redness": "redness",
    "swelling": "swelling",
    "armpit_lump": "a lump in the armpit",
    "peau_d_orange": "orange-peel skin",
    "ulceration": "a sore or ulcer on the skin",
    "nipple_rash": "a rash or eczema on the nipple",
}
