# The echo of what was understood: each language composes it its own way from the same facts.
# $nouns: the findings sharing a place, joined; $relation: in, of, on, from; $site: breast, chest,
# nipple, armpit; $side: left, right, both, none.
summary-sentence = I understand you have noticed { $findings }{ $duration }.
summary-nothing = a change
summary-finding = { $symptom ->
    [lump] a lump
    [pain] pain
    [swelling] swelling
    [redness] redness
    [skin_dimpling] dimpled or puckered skin
    [peau_d_orange] orange-peel skin
    [ulceration] a sore or ulcer
    [skin_change] a skin change
    [armpit_lump] a lump
    [nipple_discharge] discharge
    [bloody_nipple_discharge] blood-stained discharge
    [nipple_retraction] a change in the shape
    [nipple_rash] a rash or eczema
   *[itching] itching
}
summary-group = { $nouns } { $relation ->
    [in] in
    [of] of
    [on] on
   *[from] from
} { $site ->
    [breast] { $side ->
        [left] your left breast
        [right] your right breast
        [both] both breasts
       *[none] your breast
    }
    [chest] { $side ->
        [left] the left side of your chest
        [right] the right side of your chest
        [both] both sides of your chest
       *[none] your chest
    }
    [nipple] { $side ->
        [left] your left nipple
        [right] your right nipple
        [both] both nipples
       *[none] your nipple
    }
   *[armpit] { $side ->
        [left] your left armpit
        [right] your right armpit
        [both] both armpits
       *[none] your armpit
    }
}
join-and = { $first } and { $last }
join-groups = { $first } and { $last }
summary-since = { $when ->
    [today] {" "}since today
   *[yesterday] {" "}since yesterday
}
summary-for = {" "}for { $unit ->
    [year] { $count ->
        [one] a year
       *[other] { $count } years
    }
    [month] { $count ->
        [one] a month
       *[other] { $count } months
    }
    [week] { $count ->
        [one] a week
       *[other] { $count } weeks
    }
   *[day] { $count ->
        [one] a day
       *[other] { $count } days
    }
}
summary-for-lt2w = {" "}for less than 2 weeks
summary-for-2to6w = {" "}for 2 to 6 weeks
summary-for-gt6w = {" "}for more than 6 weeks
summary-pregnancy = { $status ->
    [pregnant] Pregnant.
   *[breastfeeding] Breastfeeding.
}
summary-family = { $answer ->
    [yes] Breast or ovarian cancer in the close family.
   *[unsure] Family history not known.
}
