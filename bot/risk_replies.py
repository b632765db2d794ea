"""The texts of the risk questionnaire (/risk: NCI BCRAT, the "Gail model"), its result and its picture."""

RISK_INTRO = (
    "Let's estimate the risk of breast cancer with the NCI Breast Cancer Risk Assessment Tool (the "
    '"Gail model"). About ten short questions; "I don\'t know" is always a fine answer, and /cancel stops.'
)
RISK_INTRO_CASE = "Case {case}: please answer for the patient; the result is kept with the case."
RISK_NEEDS_CONSENT = (
    "To estimate your breast cancer risk I ask a few questions and keep your answers and the result, so I "
    "need your agreement first. Please read what I store and choose, then type /risk again:"
)
RISK_ASK_AGE = "How old are you? Please type a number, for example 52."
RISK_ASK_HISTORY = (
    "Have you ever been diagnosed with breast cancer, or with ductal or lobular carcinoma in situ "
    "(DCIS or LCIS)?"
)
RISK_ASK_CHEST_RADIATION = (
    "Have you ever had radiation therapy (radiotherapy) to the chest, for example for Hodgkin lymphoma?"
)
RISK_ASK_BRCA = "Has a genetic test shown that you carry a BRCA1 or BRCA2 gene mutation?"
RISK_ASK_RACE = (
    "Which of these groups describes you best? The model uses different figures for each group "
    "(they come from US studies)."
)
RISK_ASK_MENARCHE = (
    "How old were you when you had your first menstrual period? Please type a number, for example 12."
)
RISK_ASK_FIRST_BIRTH = (
    "How old were you when your first child was born? Please type a number, for example 27, or choose a "
    "button."
)
RISK_ASK_RELATIVES = "How many of your mother, sisters and daughters have had breast cancer?"
RISK_ASK_BIOPSIES = (
    "How many breast biopsies have you had (a sample of breast tissue taken with a needle or an "
    "operation), whatever the result?"
)
RISK_ASK_HYPERPLASIA = (
    "Did any biopsy show atypical hyperplasia? Your biopsy report or your doctor can tell you."
)
RISK_DONT_KNOW = "I don't know"
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

RISK_AGE_AGAIN = "Sorry, I did not get the age. Please type it as a number of years, for example 52."
RISK_AGE_NEEDED = (
    "The estimate cannot be made without the age. Please type it as a number, for example 52, or type "
    "/cancel to stop."
)
RISK_AGE_RANGE = "Please type an age between {low} and {high} years."
RISK_MENARCHE_AGAIN = 'Sorry, I need the age as a number, for example 12, or choose "I don\'t know".'
RISK_MENARCHE_RANGE = (
    "That does not fit: please type an age between {low} and {high}, no later than the current age "
    '({age}), or choose "I don\'t know".'
)
RISK_FIRST_BIRTH_AGAIN = (
    'Sorry, I need the age as a number, for example 27, or choose "No children" or "I don\'t know".'
)
RISK_FIRST_BIRTH_RANGE = (
    "That does not fit: the first birth comes after the first period ({low}) and no later than the current "
    'age ({high}). Please type the age again, or choose "No children" or "I don\'t know".'
)
RISK_COUNT_AGAIN = "Please choose a button, or type a number such as 0, 1 or 2."
RISK_COUNT_RANGE = "Please type a number between 0 and {high}, or choose a button."
RISK_RACE_HISPANIC = (
    'Please choose "Hispanic, born in the US" or "Hispanic, born outside the US": the model uses different '
    "figures for each."
)
RISK_ANSWER_DID_NOT_FIT = "Sorry, one answer does not fit with the others: {problem}. Let me ask it again."

RISK_RESULT_HEADER = (
    'Estimated risk of breast cancer (NCI Breast Cancer Risk Assessment Tool, the "Gail model"):'
)
RISK_FIVE_YEAR = "• Next 5 years: about {risk} in 100 women like you develop breast cancer{average}."
RISK_LIFETIME = "• By age 90: about {risk} in 100 women like you develop breast cancer{average}."
RISK_AVERAGE = "; the average for a woman your age is {average} in 100"
RISK_NO_AVERAGE = "The tool has no average figure for comparison for this group."
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
RISK_UNKNOWN_COUNTED = (
    'Where you answered "I don\'t know", the tool counts the answer that adds the least risk, so the real '
    "figure may be higher."
)
RISK_NEXT_STEPS = (
    "What you can do:\n"
    "• Go to breast screening when your local health service invites you, or ask it what it advises at "
    "your age.\n"
    "• Show this result to a doctor or nurse, especially if it is above average: they can check whether "
    "earlier or extra screening, or genetic counselling, is right for you.\n"
    "• Know what is normal for your breasts, and see a doctor or nurse about any change.\n"
    "• Drinking less alcohol, staying active and keeping a healthy weight lower the risk a little."
)
RISK_GROUPS_NOT_PEOPLE = (
    "The estimate describes groups of women who answered like you; it cannot say whether you will get "
    "breast cancer."
)
RISK_NOT_APPLICABLE = "This risk tool does not apply here, so I will not give a number:"
RISK_ICON_LEGEND_AFFECTED = "{count} of 100 develop breast cancer {horizon}"
RISK_ICON_LEGEND_AFFECTED_ONE = "1 of 100 develops breast cancer {horizon}"
RISK_ICON_LEGEND_UNAFFECTED = "{count} of 100 do not"
RISK_ICON_TITLE = "100 women like you"
RISK_HORIZON_FIVE_YEARS = "in the next 5 years"
RISK_HORIZON_LIFETIME = "by age 90"
