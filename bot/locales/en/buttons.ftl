button-side = { $side ->
    [left] Left
    [right] Right
   *[both] Both
}
# One message per duration choice: a Fluent variant key cannot start with a digit ("2to6w").
button-duration-lt2w = Less than 2 weeks
button-duration-2to6w = 2 to 6 weeks
button-duration-gt6w = More than 6 weeks
button-pregnancy = { $status ->
    [pregnant] Pregnant
    [breastfeeding] Breastfeeding
   *[neither] Neither
}
button-family = { $answer ->
    [yes] Yes
    [no] No
   *[unsure] Not sure
}
# Offered when free text cannot be understood.
button-menu = { $topic ->
    [symptoms] Describe a symptom
    [upload] How to send an image
    [selfexam] Self-examination
    [about] About breast cancer
    [risk] Risk factors
   *[privacy] Privacy
}
