# Kannada puts the place first, in the case its relation needs (ಸ್ತನದಲ್ಲಿ, ಸ್ತನದ, ಸ್ತನದ ಮೇಲೆ,
# ತೊಟ್ಟಿನಿಂದ), then the findings.
summary-sentence = ನೀವು ಗಮನಿಸಿದ್ದು ನನಗೆ ಅರ್ಥವಾಯಿತು: { $findings }{ $duration }.
summary-nothing = ಒಂದು ಬದಲಾವಣೆ
summary-finding = { $symptom ->
    [lump] ಗಡ್ಡೆ
    [pain] ನೋವು
    [swelling] ಊತ
    [redness] ಕೆಂಪು
    [skin_dimpling] ಗುಳಿಬಿದ್ದ ಅಥವಾ ಸುಕ್ಕಾದ ಚರ್ಮ
    [peau_d_orange] ಕಿತ್ತಳೆ ಸಿಪ್ಪೆಯಂತಹ ಚರ್ಮ
    [ulceration] ಹುಣ್ಣು ಅಥವಾ ಗಾಯ
    [skin_change] ಚರ್ಮದ ಬದಲಾವಣೆ
    [armpit_lump] ಗಡ್ಡೆ
    [nipple_discharge] ಸ್ರಾವ
    [bloody_nipple_discharge] ರಕ್ತ ಸೇರಿದ ಸ್ರಾವ
    [nipple_retraction] ಆಕಾರದಲ್ಲಿ ಬದಲಾವಣೆ
    [nipple_rash] ದದ್ದು ಅಥವಾ ಎಕ್ಸಿಮಾ
   *[itching] ತುರಿಕೆ
}
summary-group = { $site ->
    [breast] { $relation ->
        [in] { $side ->
            [left] ನಿಮ್ಮ ಎಡ ಸ್ತನದಲ್ಲಿ
            [right] ನಿಮ್ಮ ಬಲ ಸ್ತನದಲ್ಲಿ
            [both] ಎರಡೂ ಸ್ತನಗಳಲ್ಲಿ
           *[none] ನಿಮ್ಮ ಸ್ತನದಲ್ಲಿ
        }
        [on] { $side ->
            [left] ನಿಮ್ಮ ಎಡ ಸ್ತನದ ಮೇಲೆ
            [right] ನಿಮ್ಮ ಬಲ ಸ್ತನದ ಮೇಲೆ
            [both] ಎರಡೂ ಸ್ತನಗಳ ಮೇಲೆ
           *[none] ನಿಮ್ಮ ಸ್ತನದ ಮೇಲೆ
        }
       *[of] { $side ->
            [left] ನಿಮ್ಮ ಎಡ ಸ್ತನದ
            [right] ನಿಮ್ಮ ಬಲ ಸ್ತನದ
            [both] ಎರಡೂ ಸ್ತನಗಳ
           *[none] ನಿಮ್ಮ ಸ್ತನದ
        }
    }
    [chest] { $relation ->
        [in] { $side ->
            [left] ನಿಮ್ಮ ಎದೆಯ ಎಡ ಭಾಗದಲ್ಲಿ
            [right] ನಿಮ್ಮ ಎದೆಯ ಬಲ ಭಾಗದಲ್ಲಿ
            [both] ನಿಮ್ಮ ಎದೆಯ ಎರಡೂ ಬದಿಗಳಲ್ಲಿ
           *[none] ನಿಮ್ಮ ಎದೆಯಲ್ಲಿ
        }
        [on] { $side ->
            [left] ನಿಮ್ಮ ಎದೆಯ ಎಡ ಭಾಗದ ಮೇಲೆ
            [right] ನಿಮ್ಮ ಎದೆಯ ಬಲ ಭಾಗದ ಮೇಲೆ
            [both] ನಿಮ್ಮ ಎದೆಯ ಎರಡೂ ಬದಿಗಳ ಮೇಲೆ
           *[none] ನಿಮ್ಮ ಎದೆಯ ಮೇಲೆ
        }
       *[of] { $side ->
            [left] ನಿಮ್ಮ ಎದೆಯ ಎಡ ಭಾಗದ
            [right] ನಿಮ್ಮ ಎದೆಯ ಬಲ ಭಾಗದ
            [both] ನಿಮ್ಮ ಎದೆಯ ಎರಡೂ ಬದಿಗಳ
           *[none] ನಿಮ್ಮ ಎದೆಯ
        }
    }
    [nipple] { $relation ->
        [from] { $side ->
            [left] ನಿಮ್ಮ ಎಡ ತೊಟ್ಟಿನಿಂದ
            [right] ನಿಮ್ಮ ಬಲ ತೊಟ್ಟಿನಿಂದ
            [both] ಎರಡೂ ತೊಟ್ಟುಗಳಿಂದ
           *[none] ನಿಮ್ಮ ತೊಟ್ಟಿನಿಂದ
        }
        [on] { $side ->
            [left] ನಿಮ್ಮ ಎಡ ತೊಟ್ಟಿನ ಮೇಲೆ
            [right] ನಿಮ್ಮ ಬಲ ತೊಟ್ಟಿನ ಮೇಲೆ
            [both] ಎರಡೂ ತೊಟ್ಟುಗಳ ಮೇಲೆ
           *[none] ನಿಮ್ಮ ತೊಟ್ಟಿನ ಮೇಲೆ
        }
       *[of] { $side ->
            [left] ನಿಮ್ಮ ಎಡ ತೊಟ್ಟಿನ
            [right] ನಿಮ್ಮ ಬಲ ತೊಟ್ಟಿನ
            [both] ಎರಡೂ ತೊಟ್ಟುಗಳ
           *[none] ನಿಮ್ಮ ತೊಟ್ಟಿನ
        }
    }
   *[armpit] { $side ->
        [left] ನಿಮ್ಮ ಎಡ ಕಂಕುಳಲ್ಲಿ
        [right] ನಿಮ್ಮ ಬಲ ಕಂಕುಳಲ್ಲಿ
        [both] ಎರಡೂ ಕಂಕುಳುಗಳಲ್ಲಿ
       *[none] ನಿಮ್ಮ ಕಂಕುಳಲ್ಲಿ
    }
} { $nouns }
join-and = { $first } ಮತ್ತು { $last }
join-groups = { $first }; { $last }
summary-since = , { $when ->
    [today] ಇಂದಿನಿಂದ
   *[yesterday] ನಿನ್ನೆಯಿಂದ
}
summary-for = , { $unit ->
    [year] { $count ->
        [one] ಒಂದು ವರ್ಷದಿಂದ
       *[other] { $count } ವರ್ಷಗಳಿಂದ
    }
    [month] { $count ->
        [one] ಒಂದು ತಿಂಗಳಿಂದ
       *[other] { $count } ತಿಂಗಳುಗಳಿಂದ
    }
    [week] { $count ->
        [one] ಒಂದು ವಾರದಿಂದ
       *[other] { $count } ವಾರಗಳಿಂದ
    }
   *[day] { $count ->
        [one] ಒಂದು ದಿನದಿಂದ
       *[other] { $count } ದಿನಗಳಿಂದ
    }
}
summary-for-lt2w = , 2 ವಾರಕ್ಕಿಂತ ಕಡಿಮೆ ಸಮಯದಿಂದ
summary-for-2to6w = , 2 ರಿಂದ 6 ವಾರಗಳಿಂದ
summary-for-gt6w = , 6 ವಾರಕ್ಕಿಂತ ಹೆಚ್ಚು ಸಮಯದಿಂದ
summary-pregnancy = { $status ->
    [pregnant] ಗರ್ಭಿಣಿ.
   *[breastfeeding] ಎದೆಹಾಲು ಕುಡಿಸುತ್ತಿದ್ದಾರೆ.
}
summary-family = { $answer ->
    [yes] ಹತ್ತಿರದ ಕುಟುಂಬದಲ್ಲಿ ಸ್ತನ ಅಥವಾ ಅಂಡಾಶಯದ ಕ್ಯಾನ್ಸರ್.
   *[unsure] ಕುಟುಂಬದ ಇತಿಹಾಸ ಗೊತ್ತಿಲ್ಲ.
}
