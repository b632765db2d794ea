# Hindi puts the place first, with its postposition (में, पर, से), then the findings.
summary-sentence = मैं समझ गया, आपने यह देखा है: { $findings }{ $duration }।
summary-nothing = कोई बदलाव
summary-finding = { $symptom ->
    [lump] गाँठ
    [pain] दर्द
    [swelling] सूजन
    [redness] लाली
    [skin_dimpling] गड्ढेदार या सिकुड़ी त्वचा
    [peau_d_orange] संतरे के छिलके जैसी त्वचा
    [ulceration] घाव या छाला
    [skin_change] त्वचा में बदलाव
    [armpit_lump] गाँठ
    [nipple_discharge] स्राव
    [bloody_nipple_discharge] खून वाला स्राव
    [nipple_retraction] आकार में बदलाव
    [nipple_rash] दाने या एक्ज़िमा
   *[itching] खुजली
}
summary-group = { $site ->
    [breast] { $side ->
        [left] आपके बाएँ स्तन
        [right] आपके दाएँ स्तन
        [both] दोनों स्तनों
       *[none] आपके स्तन
    }
    [chest] { $side ->
        [left] आपकी छाती के बाएँ हिस्से
        [right] आपकी छाती के दाएँ हिस्से
        [both] आपकी छाती के दोनों हिस्सों
       *[none] आपकी छाती
    }
    [nipple] { $side ->
        [left] आपके बाएँ निप्पल
        [right] आपके दाएँ निप्पल
        [both] दोनों निप्पलों
       *[none] आपके निप्पल
    }
   *[armpit] { $side ->
        [left] आपकी बाईं बगल
        [right] आपकी दाईं बगल
        [both] दोनों बगलों
       *[none] आपकी बगल
    }
} { $relation ->
    [on] पर
    [from] से
   *[in] में
} { $nouns }
join-and = { $first } और { $last }
join-groups = { $first }; { $last }
summary-since = , { $when ->
    [today] आज से
   *[yesterday] कल से
}
summary-for = , { $unit ->
    [year] { $count ->
        [one] एक साल से
       *[other] { $count } सालों से
    }
    [month] { $count ->
        [one] एक महीने से
       *[other] { $count } महीनों से
    }
    [week] { $count ->
        [one] एक हफ़्ते से
       *[other] { $count } हफ़्तों से
    }
   *[day] { $count ->
        [one] एक दिन से
       *[other] { $count } दिनों से
    }
}
summary-for-lt2w = , 2 हफ़्ते से कम समय से
summary-for-2to6w = , 2 से 6 हफ़्ते से
summary-for-gt6w = , 6 हफ़्ते से ज़्यादा समय से
summary-pregnancy = { $status ->
    [pregnant] गर्भवती हैं।
   *[breastfeeding] बच्चे को दूध पिला रही हैं।
}
summary-family = { $answer ->
    [yes] नज़दीकी परिवार में स्तन या अंडाशय का कैंसर।
   *[unsure] परिवार के इतिहास का पता नहीं।
}
