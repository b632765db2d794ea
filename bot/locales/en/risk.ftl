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
risk-button-history =
    { $answer ->
        [breast_cancer] Yes, breast cancer
        [dcis_lcis] Yes, DCIS or LCIS
        [no] No
       *[unknown] { risk-dont-know }
    }
risk-button-yes-no =
    { $answer ->
        [yes] Yes
        [no] No
       *[unknown] { risk-dont-know }
    }
risk-button-first-birth =
    { $answer ->
        [none] No children
       *[unknown] { risk-dont-know }
    }
risk-button-count =
    { $answer ->
        [none] None
        [one] One
        [more] Two or more
       *[unknown] { risk-dont-know }
    }
risk-button-race =
    { $race ->
        [white] White (non-Hispanic)
        [african-american] African-American
        [hispanic-us-born] Hispanic, born in the US
        [native-american] Native American or other/unknown
        [hispanic-foreign-born] Hispanic, born outside the US
        [chinese] Chinese-American
        [japanese] Japanese-American
        [filipino] Filipino-American
        [hawaiian] Hawaiian
        [pacific-islander] Other Pacific Islander
       *[other-asian] Other Asian-American
    }
risk-answer-did-not-fit = Sorry, one answer does not fit with the others. Let me ask it again.
risk-five-year = • Next 5 years: about { $risk } in 100 women like you develop breast cancer.
risk-five-year-average = • Next 5 years: about { $risk } in 100 women like you develop breast cancer; the average for a woman your age is { $average } in 100.
risk-lifetime = • By age 90: about { $risk } in 100 women like you develop breast cancer.
risk-lifetime-average = • By age 90: about { $risk } in 100 women like you develop breast cancer; the average for a woman your age is { $average } in 100.
risk-less-than = less than { $value }
risk-picture =
    { $pictured ->
        [none]
            { $horizon ->
                [five_years] The picture shows 100 women like you: fewer than 1 in 100 develops breast cancer in the next 5 years, so none is coloured.
               *[lifetime] The picture shows 100 women like you: fewer than 1 in 100 develops breast cancer by age 90, so none is coloured.
            }
        [one]
            { $horizon ->
                [five_years] The picture shows 100 women like you: the coloured one develops breast cancer in the next 5 years, the others do not.
               *[lifetime] The picture shows 100 women like you: the coloured one develops breast cancer by age 90, the others do not.
            }
       *[many]
            { $horizon ->
                [five_years] The picture shows 100 women like you: the { $count } coloured ones develop breast cancer in the next 5 years, the others do not.
               *[lifetime] The picture shows 100 women like you: the { $count } coloured ones develop breast cancer by age 90, the others do not.
            }
    }
risk-icon-affected =
    { $pictured ->
        [none]
            { $horizon ->
                [five_years] fewer than 1 of 100 develop breast cancer in the next 5 years
               *[lifetime] fewer than 1 of 100 develop breast cancer by age 90
            }
        [one]
            { $horizon ->
                [five_years] 1 of 100 develops breast cancer in the next 5 years
               *[lifetime] 1 of 100 develops breast cancer by age 90
            }
       *[many]
            { $horizon ->
                [five_years] { $count } of 100 develop breast cancer in the next 5 years
               *[lifetime] { $count } of 100 develop breast cancer by age 90
            }
    }
risk-icon-unaffected = { $count } of 100 do not
risk-unsure =
    { $about ->
        [history] You were not sure whether you have had breast cancer, DCIS or LCIS: if you have, this estimate does not apply; please ask a doctor or nurse.
        [chest_radiation] You were not sure whether you have had radiation therapy to the chest: if you have, this estimate does not apply; please ask a doctor or nurse.
       *[brca] You were not sure whether you have had a BRCA1 or BRCA2 mutation: if you have, this estimate does not apply; please ask a doctor or nurse.
    }
risk-reason =
    { $reason ->
        [male] The risk model is for women only; it has no figures for men. A man with a breast change, or with several relatives who had breast or ovarian cancer, should talk to a doctor.
        [too_young] The risk model is meant for women aged { $min_age } or older; it has not been shown to work at younger ages. Please talk to a doctor or nurse about your breast health and screening.
        [too_old] The risk model has no data for women aged { $max_age } or older. Please talk to a doctor or nurse about your breast health and screening.
        [breast_cancer] The risk model is not for women who have had breast cancer: your follow-up care team is the right place to discuss your risk of a new cancer.
        [dcis_or_lcis] The risk model is not for women who have had ductal or lobular carcinoma in situ (DCIS or LCIS): your risk is higher than it can estimate. Please discuss it with the clinician who follows you.
        [chest_radiation] The risk model is not for women who had radiation therapy to the chest (for example for Hodgkin lymphoma): your risk is higher than it can estimate. Please ask a doctor about screening for women treated with chest radiation.
       *[brca_mutation] The risk model is not for women with a known BRCA1 or BRCA2 mutation: it underestimates their risk. Please ask a doctor about genetic counselling: specialised risk models and screening plans exist for women who carry these mutations.
    }
