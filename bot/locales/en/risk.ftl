risk-intro = Let's estimate the risk of breast cancer with the NCI Breast Cancer Risk Assessment Tool (the "Gail model"). About ten short questions; "I don't know" is always a fine answer, and /cancel stops.
risk-intro-case = Case { $case }: please answer for the patient; the result is kept with the case.
risk-needs-consent = To estimate your breast cancer risk I ask a few questions and keep your answers and the result, so I need your agreement first. Please read what I store and choose, then type /risk again:
risk-ask-age = How old are you? Please type a number, for example 52.
risk-ask-history = Have you ever been diagnosed with breast cancer, or with ductal or lobular carcinoma in situ (DCIS or LCIS)?
risk-ask-chest-radiation = Have you ever had radiation therapy (radiotherapy) to the chest, for example for Hodgkin lymphoma?
risk-ask-brca = Has a genetic test shown that you carry a BRCA1 or BRCA2 gene mutation?
risk-ask-race = Which of these groups describes you best? The model uses different figures for each group (they come from US studies).
risk-ask-menarche = How old were you when you had your first menstrual period? Please type a number, for example 12.
risk-ask-first-birth = How old were you when your first child was born? Please type a number, for example 27, or choose a button.
risk-ask-relatives = How many of your mother, sisters and daughters have had breast cancer?
risk-ask-biopsies = How many breast biopsies have you had (a sample of breast tissue taken with a needle or an operation), whatever the result?
risk-ask-hyperplasia = Did any biopsy show atypical hyperplasia? Your biopsy report or your doctor can tell you.
risk-dont-know = I don't know
risk-age-again = Sorry, I did not get the age. Please type it as a number of years, for example 52.
risk-age-needed = The estimate cannot be made without the age. Please type it as a number, for example 52, or type /cancel to stop.
risk-age-range = Please type an age between { $low } and { $high } years.
risk-menarche-again = Sorry, I need the age as a number, for example 12, or choose "I don't know".
risk-menarche-range = That does not fit: please type an age between { $low } and { $high }, no later than the current age ({ $age }), or choose "I don't know".
risk-first-birth-again = Sorry, I need the age as a number, for example 27, or choose "No children" or "I don't know".
risk-first-birth-range = That does not fit: the first birth comes after the first period ({ $low }) and no later than the current age ({ $high }). Please type the age again, or choose "No children" or "I don't know".
risk-count-again = Please choose a button, or type a number such as 0, 1 or 2.
risk-count-range = Please type a number between 0 and { $high }, or choose a button.
risk-race-hispanic = Please choose "Hispanic, born in the US" or "Hispanic, born outside the US": the model uses different figures for each.
risk-result-header = Estimated risk of breast cancer (NCI Breast Cancer Risk Assessment Tool, the "Gail model"):
risk-no-average = The tool has no average figure for comparison for this group.
risk-unknown-counted = Where you answered "I don't know", the tool counts the answer that adds the least risk, so the real figure may be higher.
risk-next-steps =
    What you can do:
    • Go to breast screening when your local health service invites you, or ask it what it advises at your age.
    • Show this result to a doctor or nurse, especially if it is above average: they can check whether earlier or extra screening, or genetic counselling, is right for you.
    • Know what is normal for your breasts, and see a doctor or nurse about any change.
    • Drinking less alcohol, staying active and keeping a healthy weight lower the risk a little.
risk-groups-not-people = The estimate describes groups of women who answered like you; it cannot say whether you will get breast cancer.
risk-not-applicable = This risk tool does not apply here, so I will not give a number:
risk-icon-title = 100 women like you
