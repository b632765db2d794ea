button-side = { $side ->
    [left] ಎಡ
    [right] ಬಲ
   *[both] ಎರಡೂ
}
button-duration-lt2w = 2 ವಾರಕ್ಕಿಂತ ಕಡಿಮೆ
button-duration-2to6w = 2 ರಿಂದ 6 ವಾರ
button-duration-gt6w = 6 ವಾರಕ್ಕಿಂತ ಹೆಚ್ಚು
button-pregnancy = { $status ->
    [pregnant] ಗರ್ಭಿಣಿ
    [breastfeeding] ಎದೆಹಾಲು ಕುಡಿಸುತ್ತಿದ್ದೇನೆ
   *[neither] ಎರಡೂ ಅಲ್ಲ
}
button-family = { $answer ->
    [yes] ಹೌದು
    [no] ಇಲ್ಲ
   *[unsure] ಖಚಿತವಿಲ್ಲ
}
button-menu = { $topic ->
    [symptoms] ಲಕ್ಷಣ ವಿವರಿಸಿ
    [upload] ಚಿತ್ರ ಕಳುಹಿಸುವುದು ಹೇಗೆ
    [selfexam] ಸ್ವಯಂ ಪರೀಕ್ಷೆ
    [about] ಸ್ತನ ಕ್ಯಾನ್ಸರ್ ಬಗ್ಗೆ
    [risk] ಅಪಾಯದ ಕಾರಣಗಳು
   *[privacy] ಗೌಪ್ಯತೆ
}
