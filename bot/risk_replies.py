"""The texts of the risk questionnaire (/risk: NCI BCRAT, the "Gail model"), its result and its picture:
whole sentences from the catalog (`bot/locales/en/risk.ftl`), the result's parts still here."""

from bot.catalog import english

RISK_INTRO = english("risk-intro")
RISK_NEEDS_CONSENT = english("risk-needs-consent")
RISK_ASK_AGE = english("risk-ask-age")
RISK_ASK_HISTORY = english("risk-ask-history")
RISK_ASK_CHEST_RADIATION = english("risk-ask-chest-radiation")
RISK_ASK_BRCA = english("risk-ask-brca")
RISK_ASK_RACE = english("risk-ask-race")
RISK_ASK_MENARCHE = english("risk-ask-menarche")
RISK_ASK_FIRST_BIRTH = english("risk-ask-first-birth")
RISK_ASK_RELATIVES = english("risk-ask-relatives")
RISK_ASK_BIOPSIES = english("risk-ask-biopsies")
RISK_ASK_HYPERPLASIA = english("risk-ask-hyperplasia")
RISK_DONT_KNOW = english("risk-dont-know")
RISK_HISTORY_BUTTONS = {
    "breast_cancer": "Yes, breast cancer",
    "dcis_lcis": "Yes, DCIS or LCIS",
    "no": "No",
    "unknown": RISK_DONT_KNOW,
}
RISK_YES_NO_BUTTONS = {"yes": "Yes", "no": "No", "unknown": RISK_DONT_KNOW}
RISK_FIRST_BIRTH_BUTTONS = {"none": "No children", "unknown": RISK_DONT_KNOW}
RISK_COUNT_BUTTONS = {"0": "None", "1": "One", "2": "Two or more", "unknown": RISK_DONT_KNOW}
RISK_UNKNOWN_ONLY_BUTTONS = {"unknown": RISK_DONT_KNOW}

RISK_AGE_AGAIN = english("risk-age-again")
RISK_AGE_NEEDED = english("risk-age-needed")
RISK_MENARCHE_AGAIN = english("risk-menarche-again")
RISK_FIRST_BIRTH_AGAIN = english("risk-first-birth-again")
RISK_COUNT_AGAIN = english("risk-count-again")
RISK_RACE_HISPANIC = english("risk-race-hispanic")
RISK_ANSWER_DID_NOT_FIT = "Sorry, one answer does not fit with the others: {problem}. Let me ask it again."

RISK_RESULT_HEADER = english("risk-result-header")
RISK_FIVE_YEAR = "• Next 5 years: about {risk} in 100 women like you develop breast cancer{average}."
RISK_LIFETIME = "• By age 90: about {risk} in 100 women like you develop breast cancer{average}."
RISK_AVERAGE = "; the average for a woman your age is {average} in 100"
RISK_NO_AVERAGE = english("risk-no-average")
RISK_PICTURE = (
    "The picture shows 100 women like you: the {count} coloured ones develop breast cancer {horizon}, "
    "the others do not."
)
RISK_PICTURE_ONE = (
    "The picture shows 100 women like you: the coloured one develops breast cancer {horizon}, the others "
    "do not."
)
RISK_PICTURE_FEWER_THAN_ONE = (
    "The picture shows 100 women like you: fewer than 1 in 100 develops breast cancer {horizon}, so none "
    "is coloured."
)
RISK_UNSURE = (
    "You were not sure whether you have had {things}: if you have, this estimate does not apply; please "
    "ask a doctor or nurse."
)
RISK_UNSURE_WORDS = {
    "history": "breast cancer, DCIS or LCIS",
    "chest_radiation": "radiation therapy to the chest",
    "brca": "a BRCA1 or BRCA2 mutation",
}
RISK_UNKNOWN_COUNTED = english("risk-unknown-counted")
RISK_NEXT_STEPS = english("risk-next-steps")
RISK_GROUPS_NOT_PEOPLE = english("risk-groups-not-people")
RISK_NOT_APPLICABLE = english("risk-not-applicable")
RISK_ICON_LEGEND_AFFECTED = "{count} of 100 develop breast cancer {horizon}"
RISK_ICON_LEGEND_AFFECTED_ONE = "1 of 100 develops breast cancer {horizon}"
RISK_ICON_LEGEND_UNAFFECTED = "{count} of 100 do not"
RISK_ICON_TITLE = english("risk-icon-title")
RISK_HORIZON_FIVE_YEARS = "in the next 5 years"
RISK_HORIZON_LIFETIME = "by age 90"
