"""Dutch and English texts of the map feature, merged into dashboard.i18n.TEXT."""

TEXT: dict[str, dict[str, str]] = {
    # the play button beside the year slider (its label says what pressing it does)
    "year_play": {"nl": "Afspelen", "en": "Play"},
    "year_pause": {"nl": "Pauzeren", "en": "Pause"},
    # comparing two years (dashboard/compare.py): the legend's words and its note
    "cls_cmp_beter": {"nl": "Beter dan in het vergelijkingsjaar", "en": "Better than in the comparison year"},
    "cls_cmp_gelijk": {"nl": "Gelijk gebleven", "en": "Unchanged"},
    "cls_cmp_slechter": {"nl": "Slechter dan in het vergelijkingsjaar", "en": "Worse than in the comparison year"},
    "cls_cmp_meer": {"nl": "Meer signalen (hogere klasse)", "en": "More signals (higher class)"},
    "cls_cmp_minder": {"nl": "Minder signalen (lagere klasse)", "en": "Fewer signals (lower class)"},
    "cls_cmp_nieuw_bekend": {"nl": "Nieuw bekend (eerst onbekend)", "en": "Newly known (unknown before)"},
    "cls_cmp_niet_meer_bekend": {"nl": "Niet meer bekend (nu onbekend)", "en": "No longer known (unknown now)"},
    "cls_cmp_onbekend": {"nl": "Onbekend in beide jaren", "en": "Unknown in both years"},
    "cmp_note": {"nl": "Vergelijking: {after} ten opzichte van {before}. Beter of slechter alleen waar beide jaren "
                       "bekend zijn.",
                 "en": "Comparison: {after} against {before}. Better or worse only where both years are known."},
    "cmp_note_blind_spot": {"nl": "Een grijze vlek telt als onbekend.", "en": "A blind spot counts as unknown."},
    "cmp_note_none_known": {"nl": "'Geen bekend' telt als onbekend: geen bron zegt dat er geen verband is.",
                            "en": "'None known' counts as unknown: no source says there is no arrangement."},
    "cmp_series_differ": {"nl": "De signalen van {before} en {after} komen uit verschillende reeksen: niet vergeleken.",
                          "en": "The signals of {before} and {after} come from different series: not compared."},
    "compared_with": {"nl": "vergeleken met {year}", "en": "compared with {year}"},
    "compare_toggle": {"nl": "Vergelijk met een ander jaar", "en": "Compare with another year"},
    "compare_year": {"nl": "Vergelijkingsjaar", "en": "Comparison year"},
    "map_alt_compare": {"nl": "Kaart: {indicator}, {year} vergeleken met {before}, niveau {level}. {summary}",
                        "en": "Map: {indicator}, {year} compared with {before}, level {level}. {summary}"},
}
