button-side = { $side ->
    [left] बायाँ
    [right] दायाँ
   *[both] दोनों
}
button-duration-lt2w = 2 हफ़्ते से कम
button-duration-2to6w = 2 से 6 हफ़्ते
button-duration-gt6w = 6 हफ़्ते से ज़्यादा
button-pregnancy = { $status ->
    [pregnant] गर्भवती
    [breastfeeding] दूध पिला रही हूँ
   *[neither] दोनों नहीं
}
button-family = { $answer ->
    [yes] हाँ
    [no] नहीं
   *[unsure] पक्का नहीं पता
}
button-menu = { $topic ->
    [symptoms] लक्षण बताइए
    [upload] तस्वीर कैसे भेजें
    [selfexam] खुद जाँच
    [about] स्तन कैंसर के बारे में
    [risk] जोखिम के कारण
   *[privacy] गोपनीयता
}
