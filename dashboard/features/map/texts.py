"""Dutch and English texts of the map feature, merged into dashboard.i18n.TEXT."""

TEXT: dict[str, dict[str, str]] = {
    # the play button beside the year slider (its label says what pressing it does)
    "year_play": {"nl": "Afspelen", "en": "Play"},
    "year_pause": {"nl": "Pauzeren", "en": "Pause"},
    # comparing two years (dashboard/compare.py): the legend's words and its note
    "cls_cmp_beter": {"nl": "Verbeterd", "en": "Improved"},
    "cls_cmp_gelijk": {"nl": "Gelijk gebleven", "en": "Unchanged"},
    "cls_cmp_slechter": {"nl": "Verslechterd", "en": "Worsened"},
    "cls_cmp_meer": {"nl": "Meer signalen (hogere klasse)", "en": "More signals (higher class)"},
    "cls_cmp_minder": {"nl": "Minder signalen (lagere klasse)", "en": "Fewer signals (lower class)"},
    "cls_cmp_nieuw_bekend": {"nl": "Nieuw bekend (eerst onbekend)", "en": "Newly known (unknown before)"},
    "cls_cmp_niet_meer_bekend": {"nl": "Niet meer bekend (daarna onbekend)", "en": "No longer known (unknown later)"},
    "cls_cmp_onbekend": {"nl": "Onbekend in beide jaren", "en": "Unknown in both years"},
    "cls_cmp_gemengd": {"nl": "Gemengd: verschilt per gemeente", "en": "Mixed: differs per municipality"},
    "cls_cmp_niet_vergelijkbaar": {"nl": "Niet vergeleken: andere reeks", "en": "Not compared: another series"},
    # the members' changes in an area's hover line: "gemeenten: beter 1, gelijk 1, niet meer bekend 2"
    "cmp_short_beter": {"nl": "beter", "en": "better"},
    "cmp_short_gelijk": {"nl": "gelijk", "en": "unchanged"},
    "cmp_short_slechter": {"nl": "slechter", "en": "worse"},
    "cmp_short_nieuw_bekend": {"nl": "nieuw bekend", "en": "newly known"},
    "cmp_short_niet_meer_bekend": {"nl": "niet meer bekend", "en": "no longer known"},
    "cmp_short_onbekend": {"nl": "onbekend", "en": "unknown"},
    "cmp_members": {"nl": "gemeenten: {changes}", "en": "municipalities: {changes}"},
    "cmp_note_members": {"nl": "Een gebied wordt per gemeente vergeleken: beter als een gemeente beter is en geen "
                               "slechter, gemengd als beide.",
                         "en": "An area is compared per municipality: better when a municipality is better and none "
                               "worse, mixed when both."},
    "cmp_note": {"nl": "Vergelijking: {after} ten opzichte van {before}. Beter of slechter alleen waar beide jaren "
                       "bekend zijn.",
                 "en": "Comparison: {after} against {before}. Better or worse only where both years are known."},
    "cmp_note_blind_spot": {"nl": "Een grijze vlek telt als onbekend.", "en": "A blind spot counts as unknown."},
    "cmp_note_none_known": {"nl": "'Geen bekend' telt als onbekend: geen bron zegt dat er geen verband is.",
                            "en": "'None known' counts as unknown: no source says there is no arrangement."},
    "cmp_series_differ": {"nl": "De signalen van {before} ({before_series}) en {after} ({after_series}) komen uit "
                                "verschillende reeksen: niet vergeleken.",
                          "en": "The signals of {before} ({before_series}) and {after} ({after_series}) come from "
                                "different series: not compared."},
    "compare_same_year": {"nl": "Vergelijken: kies een ander jaar dan {year}; een jaar met zichzelf vergelijken "
                                "laat niets zien.",
                          "en": "Compare: choose a year other than {year}; a year compared with itself shows nothing."},
    "compared_with": {"nl": "vergeleken met {year}", "en": "compared with {year}"},
    "compare_toggle": {"nl": "Vergelijk met een ander jaar", "en": "Compare with another year"},
    "compare_year": {"nl": "Vergelijkingsjaar", "en": "Comparison year"},
    "map_alt_compare": {"nl": "Kaart: {indicator}, {year} vergeleken met {before}, niveau {level}. {summary}",
                        "en": "Map: {indicator}, {year} compared with {before}, level {level}. {summary}"},
}
