"""English views of the risk questionnaire's texts (/risk: NCI BCRAT, the "Gail model"), for code and tests
that name them. The texts are whole sentences in the catalogs (`bot/locales/*/risk.ftl`); the questionnaire
and its result take them from there in the person's language."""

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
RISK_AGE_AGAIN = english("risk-age-again")
RISK_AGE_NEEDED = english("risk-age-needed")
RISK_MENARCHE_AGAIN = english("risk-menarche-again")
RISK_FIRST_BIRTH_AGAIN = english("risk-first-birth-again")
RISK_COUNT_AGAIN = english("risk-count-again")
RISK_RACE_HISPANIC = english("risk-race-hispanic")

RISK_RESULT_HEADER = english("risk-result-header")
RISK_NO_AVERAGE = english("risk-no-average")
RISK_UNKNOWN_COUNTED = english("risk-unknown-counted")
RISK_NEXT_STEPS = english("risk-next-steps")
RISK_GROUPS_NOT_PEOPLE = english("risk-groups-not-people")
RISK_NOT_APPLICABLE = english("risk-not-applicable")
RISK_ICON_TITLE = english("risk-icon-title")
