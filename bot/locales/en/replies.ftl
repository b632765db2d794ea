disclaimer = ℹ️ bcdbot is a research tool, not a medical device. It cannot diagnose anything. If you are worried about your breasts, please see a doctor or nurse.
welcome =
    Hello, I am bcdbot, a research chatbot about breast symptoms.

    What I do: ask a few questions about what you have noticed, tell you how soon to see a clinician, and look at a breast image with an experimental model.
    What I am not: a doctor. I do not give a diagnosis.

    What I store if you agree: your messages, your answers and your images' results, under a code instead of your Telegram id or name, for up to 12 months. You can erase everything at any time with /delete.

    Do you agree?

    { disclaimer }
consent-yes-button = ✅ I agree
consent-no-button = No, thanks
consent-given = Thank you. Tell me in your own words what you have noticed (for example: "a lump in my left breast for 3 weeks"), or send a breast image. /help shows more.
consent-declined = That is fine: nothing about you is stored except this choice and your language. I can still answer questions about breast health, self-examination and risk factors. Type /start if you change your mind.
consent-needed-for-intake = If you agree to /start, I can ask a few questions and keep a record for a clinician.
help =
    Commands: /start what I am and consent, /history your past results, /risk estimate your risk of breast cancer, /delete erase everything, /cancel stop the current questions.
    Health workers: /newcase open a case, /cases your open cases, /case ID reopen one; /risk then estimates the patient's risk and keeps it with the case.

    What I can do:
    • Read a short description of your symptoms and tell you what to do next.
    • Look at a breast image (JPEG, PNG or DICOM) with an experimental model.
    • Estimate the chance of breast cancer in the next 5 years and by age 90 (NCI Breast Cancer Risk Assessment Tool, for women 35 or older without breast cancer): type /risk.

    How to send an image: use the paperclip, then either Photo (JPEG/PNG) or File (best for DICOM, keeps full quality). Up to 20 MB.

    { disclaimer }
how-to-upload =
    To send an image, tap the paperclip 📎:
    • DICOM files from the clinic are best: choose File and pick the .dcm file.
    • Mammograms: send each view you have (CC, from above, and MLO, from the side), one image each.
    • A photo of a mammogram film: lay it flat against a bright window or light box, fill the frame, hold the phone straight above it, avoid glare and reflections, then send it as a Photo.
    • A photo of a screen works too: no flash, whole image in the frame.
    • Ultrasound images: send them as they are.
    • Up to 20 MB per image. Please no photos of your body: I only read medical images.
nlu-unavailable =
    Sorry, I cannot understand free text right now. Choose a button below, send a breast image, or type /help.
    If you have a new lump, nipple discharge with blood, or skin changes on your breast, please see a doctor or nurse within two weeks.
unsupported-update = I can only read text messages and breast images (a photo, or a JPEG, PNG or DICOM file). Please type your question or send an image.
unknown-command = I do not know that command. Try /start, /help, /history, /risk, /delete or /cancel.
edited-message = I only read new messages. Please send your corrected message again.
greeting = Hello! Tell me what you have noticed, or send a breast image. Type /help to see what I can do.
goodbye = Take care. You can come back at any time.
thanks = You are welcome. Take care.
bot-challenge = I am a bot, a research tool. I am not a person and not a doctor.
anxiety = It is very understandable to feel worried. Most breast changes are not cancer, and getting checked is the best way to feel sure. Tell me what you have noticed and I will help you decide what to do next.
about-breast-cancer = Breast cancer is the most common cancer in women, and it is often treatable when found early. Signs to look out for: a new lump or thickening, a change in size or shape, skin dimpling or redness, a nipple that turns inwards, nipple discharge (especially with blood), or a lump in the armpit.
self-exam = Checking your breasts: once a month, look in a mirror with arms down and then raised, for changes in shape, skin or nipples. Then, lying down, feel each breast and armpit with the flat of your fingers in small circles. If anything is new or different, see a doctor or nurse.
not-understood = Sorry, I did not understand that. You can describe a breast symptom (what, which side, since when), ask how to send an image, or type /help.
ask-symptom-details = Can you tell me more? What have you noticed (a lump, pain, discharge, skin changes...), on which side, and for how long?
see-clinician-soon = ⚠️ Please see a doctor or nurse within two weeks to have this checked. Most breast changes are not cancer, but this one needs a clinician to examine you, whatever any app says.
see-clinician-if-persists = If this does not settle within a few weeks, or you notice anything new, please see a doctor or nurse.
offer-image = If you have a mammogram or ultrasound image, you can send it here (see /help for how).
file-empty = This file is empty (0 bytes). Please send the image again.
file-too-large = This file is too large (over { $limit_mb } MB). Please send a smaller image.
file-download-failed = I could not download your file. Please send it again.
analysis-timeout = Sorry, the analysis took too long. Please try again in a few minutes.
analysis-failed = Sorry, the analysis failed on our side. Please try again later.
analysis-unreadable = The image could not be read. Please send it again.
analysis-gave-up = Sorry, this image could not be analysed: it failed several times on our side. Please try a different image or file format.
internal-error = Sorry, something went wrong on our side. Please try again.
untrained-model-warning = ⚠️ The image model is NOT trained yet: this number is random and means nothing. It only shows that your image was received and processed.
ask-rash-duration = How long has the rash been there?
risk-factors = Things that raise the risk of breast cancer: getting older, a mother, sister or daughter who had breast or ovarian cancer (especially young), BRCA gene changes, dense breasts, earlier radiotherapy to the chest, alcohol, being overweight after the menopause, and some hormone treatments. Having a risk factor does not mean you will get it, and many people who get it have none. Type /risk for a personal estimate (for women 35 or older).
privacy = Privacy: I store nothing but your language and consent choices until you agree. With your agreement I keep your messages, answers and image results under a code (never your Telegram id or name) for up to 12 months, to help clinicians and research. Images are analysed and not shared. /delete erases everything about you at once.
out-of-scope = Sorry, I can only help with breast health: describe a breast symptom, send a breast image, or ask about self-examination or risk factors. /help shows more.
affirm-idle = Good. Tell me what you have noticed, or send a breast image.
deny-idle = All right. If you have a question about breast health, just ask.
lump-needs-age = A new lump should always be checked by a doctor or nurse, within two weeks if you are 30 or over.
not-urgent-advice = From what you told me, this does not look urgent. If it does not settle within a few weeks, gets worse, or you notice anything new, please see a doctor or nurse.
ask-symptoms = What have you noticed? For example a lump, pain, nipple discharge, a nipple turning inwards, or skin changes.
ask-side = Which side is it?
ask-duration = How long have you noticed it?
ask-age = How old are you? Please type a number, for example 42.
ask-age-again = Sorry, I did not get the age. Please type it as a number, for example 42.
ask-pregnancy = Are you pregnant or breastfeeding at the moment?
ask-family = Has anyone in your close family (mother, sister, daughter) had breast or ovarian cancer?
answer-with-buttons = Please choose one of the buttons, or type /cancel to stop.
intake-done = Thank you, that is everything I need.
summary-age = Age: { $age }.
cancelled = Stopped. Nothing more will be asked. Tell me anytime if you want to start again.
nothing-to-cancel = There is nothing to cancel. Tell me what you have noticed, or send a breast image.
image-needs-consent = Before I look at an image I need your agreement, because its result is stored. Type /start to read what I store and choose.
history-empty = You have no image results yet. Send a breast image to get one.
history-header = Your past image results (newest first):
history-needs-consent = I keep no results without your agreement, so there is no history. See /start.
delete-confirm = This erases everything I have about you: messages, answers, image results, cases and your consent. It cannot be undone. Delete everything?
delete-yes-button = Yes, delete everything
delete-no-button = No, keep it
deleted = Done: everything about you has been erased. Type /start if you want to use the bot again.
nothing-to-delete = I have nothing stored about you.
delete-kept = Nothing was deleted.
health-worker-only = This command is for health workers. An administrator can grant that role.
case-opened = Case { $case } opened. Answers and images you send now go to this case. What has the patient noticed?
case-reopened = Case { $case } is active again. Answers and images you send now go to this case.
case-not-found = I cannot find case { $case } among your cases. /cases lists them.
case-usage = Write the case id after the command, for example: /case C-1A2B3C
cases-empty = You have no open cases. /newcase opens one.
cases-header = Your open cases, most urgent first:
case-image-attached = Attached to case { $case }.
unknown-button = That button no longer works. Type /help to see what I can do.
catalog-incomplete = Sorry, my { $language } texts are not complete yet, so I will answer in English.
case-line-red-flags = ⚠️ red flag ({ $flags })
case-line-no-red-flag = no red flag
case-line-probability = highest model output { $probability }
case-line-images =
    { $count ->
        [one] 1 image
       *[other] { $count } images
    }
