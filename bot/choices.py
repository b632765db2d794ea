"""The values behind the intake's buttons and the red flags, in button order: the keys the catalog's
selectors turn into words (`bot/locales/*/buttons.ftl`, `red_flags.ftl`). The clarifying questions'
answers are `clinical.clarifying.ANSWERS`."""

from __future__ import annotations

SIDES = ("left", "right", "both")
DURATION_CHOICES = ("lt2w", "2to6w", "gt6w")
PREGNANCY_STATUSES = ("pregnant", "breastfeeding", "neither")
FAMILY_ANSWERS = ("yes", "no", "unsure")
MENU_TOPICS = ("symptoms", "upload", "selfexam", "about", "risk", "privacy")
RED_FLAGS = (
    "blood_stained_discharge",
    "nipple_retraction",
    "skin_tethering",
    "peau_d_orange",
    "ulceration",
    "lump_age_30_plus",
    "armpit_lump_age_30_plus",
    "nipple_eczema_not_clearing",
    "lump_in_a_man",
)
