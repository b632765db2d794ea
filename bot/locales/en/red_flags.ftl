# $findings: the red-flag findings (red-flag-finding), joined with join-and.
red-flag = ⚠️ Please see a doctor or nurse within two weeks: { $findings } needs a clinician to examine you, whatever any app or image result says. Most breast changes are not cancer, but this one must be checked. I have noted it for the clinician team.
red-flag-unrecorded = ⚠️ Please see a doctor or nurse within two weeks: { $findings } needs a clinician to examine you, whatever any app or image result says. Most breast changes are not cancer, but this one must be checked.
red-flag-finding = { $flag ->
    [blood_stained_discharge] blood-stained nipple discharge
    [nipple_retraction] a nipple that has newly turned inwards
    [skin_tethering] dimpled or puckered skin
    [peau_d_orange] orange-peel skin
    [ulceration] a sore or ulcer on the breast
    [lump_age_30_plus] a new breast lump at 30 or over
    [armpit_lump_age_30_plus] a lump in the armpit at 30 or over
    [nipple_eczema_not_clearing] a nipple rash that does not clear
   *[lump_in_a_man] a lump in a man's breast
}
# The one closed question asked when a finding is one fact away from a red flag (clinical/clarifying.py).
clarify-question = { $name ->
    [discharge_colour] Is there any blood in it, or is it pink, red or brown?
    [nipple_onset] Has your nipple recently turned inwards or flattened, or has it always been like that?
    [skin_change] Which of these best describes the skin change?
   *[lump_or_swelling] Can you feel a lump or a hard area, or is the whole breast swollen?
}
clarify-button = { $name ->
    [discharge_colour] { $answer ->
        [blood] Yes: blood, pink, red or brown
        [clear] No: clear, milky, yellow or green
       *[unsure] Not sure
    }
    [nipple_onset] { $answer ->
        [recent] Recently
        [lifelong] It has always been like that
       *[unsure] Not sure
    }
    [skin_change] { $answer ->
        [dimpling] Dimpling or a dent
        [orange_peel] Orange-peel skin
        [sore] A sore that does not heal
        [redness] Redness or warmth
        [none] None of these
       *[unsure] Not sure
    }
   *[lump_or_swelling] { $answer ->
        [lump] A lump or hard area
        [whole_breast] The whole breast is swollen
       *[unsure] Not sure
    }
}
# Where nothing can be asked (no consent yet): what to do for each possible answer.
clarify-advice = { $name ->
    [discharge_colour] If the discharge has any blood in it, or is pink, red or brown, please see a doctor or nurse within two weeks.
    [nipple_onset] A nipple that has recently turned inwards or flattened should be seen by a doctor or nurse within two weeks.
    [skin_change] Dimpling, a dent, orange-peel skin or a sore that does not heal should be seen by a doctor or nurse within two weeks.
   *[lump_or_swelling] If you can feel a lump or a hard area, please see a doctor or nurse, within two weeks if you are 30 or over.
}
