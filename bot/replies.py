"""English views of the bot's texts by name, for code and tests that name them: every sentence comes from the
catalog (`bot/locales/en/`, through `bot.catalog`), and what a person reads is formatted in their language.
Also the English words the intake keeps for a clinician (`DURATION_WORDS`)."""

from __future__ import annotations

from bot.catalog import english
from bot.choices import RED_FLAGS
from clinical.clarifying import ANSWERS

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

UNTRAINED_MODEL_WARNING = english("untrained-model-warning")

# English views of catalog tables, for code and tests that name them.
SUMMARY_NOTHING = english("summary-nothing")
CLARIFY_QUESTIONS = {name.value: english("clarify-question", name=name.value) for name in ANSWERS}
CLARIFY_BUTTONS = {
    name.value: {answer: english("clarify-button", name=name.value, answer=answer) for answer in answers}
    for name, answers in ANSWERS.items()
}
CLARIFY_ADVICE = {name.value: english("clarify-advice", name=name.value) for name in ANSWERS}
ASK_RASH_DURATION = english("ask-rash-duration")

RISK_FACTORS = english("risk-factors")
PRIVACY = english("privacy")
OUT_OF_SCOPE = english("out-of-scope")
AFFIRM_IDLE = english("affirm-idle")
DENY_IDLE = english("deny-idle")

# --- red flags (whatever any model says) ---------------------------------------------------------------
RED_FLAG_WORDS = {flag: english("red-flag-finding", flag=flag) for flag in RED_FLAGS}
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
# A duration button's words as the intake keeps them for a clinician (English).
DURATION_WORDS = {"lt2w": "less than 2 weeks", "2to6w": "2 to 6 weeks", "gt6w": "more than 6 weeks"}
INTAKE_DONE = english("intake-done")
CANCELLED = english("cancelled")
NOTHING_TO_CANCEL = english("nothing-to-cancel")

# --- images -------------------------------------------------------------------------------------------
IMAGE_NEEDS_CONSENT = english("image-needs-consent")

# --- /history and /delete ------------------------------------------------------------------------------
HISTORY_EMPTY = english("history-empty")
HISTORY_HEADER = english("history-header")
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

UNKNOWN_BUTTON = english("unknown-button")
