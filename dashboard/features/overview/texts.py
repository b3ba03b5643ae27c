"""Texts of the composition chart and the list of national statements under it (merged into dashboard.i18n)."""

TEXT = {
    "composition_title_gemeente": {"nl": "Aantal gemeenten per toestand, per jaar: {indicator}",
                                   "en": "Number of municipalities per state, per year: {indicator}"},
    "composition_title_zorgregio": {"nl": "Aantal zorgregio's per toestand, per jaar: {indicator}",
                                    "en": "Number of care regions per state, per year: {indicator}"},
    "composition_within": {"nl": "binnen {areas}", "en": "within {areas}"},
    "composition_note": {
        "nl": "Een bron telt hoogstens {years} jaar door; oudere gegevens tellen als onbekend. Een groeiend "
              "grijs vlak is verouderde kennis, geen gemelde afname.",
        "en": "A source is carried forward at most {years} years; older evidence counts as unknown. A growing "
              "grey band is ageing knowledge, not a reported decline."},
    "composition_signals": {"nl": "Signalen zijn aantallen, geen toestand: de grafiek toont de dekking.",
                            "en": "Signals are counts, not states: the chart shows coverage."},
    "composition_nee": {"nl": "Nee (ook laatst bekend)", "en": "No (also last known)"},
    "composition_onbekend": {"nl": "Onbekend (geen bron, of bron te oud)",
                             "en": "Unknown (no source, or source too old)"},
    "composition_national": {"nl": "Landelijk cijfer, zoals gepubliceerd", "en": "National figure, as published"},
    "composition_share_axis": {"nl": "% van alle gemeenten (landelijk)",
                               "en": "% of all municipalities (national)"},
    "composition_count_axis_gemeente": {"nl": "gemeenten", "en": "municipalities"},
    "composition_count_axis_zorgregio": {"nl": "zorgregio's", "en": "care regions"},
    "composition_statements": {"nl": "Landelijke uitspraken die niet in de grafiek staan",
                               "en": "National statements not drawn in the chart"},
    "composition_no_statements": {"nl": "Geen: elke landelijke uitspraak hierover staat in de grafiek.",
                                  "en": "None: every national statement on this is drawn in the chart."},
    "composition_undated": {"nl": "zonder datum", "en": "undated"},
    "composition_reason_statement": {"nl": "uitspraak zonder vergelijkbaar getal",
                                     "en": "statement without a comparable number"},
    "composition_reason_undated": {"nl": "niet op een jaar te zetten", "en": "cannot be placed in a year"},
    "composition_reason_pillar": {"nl": "over één pijler; de grafiek toont alle drie",
                                  "en": "about one pillar; the chart shows all three"},
    "composition_reason_unit": {"nl": "andere eenheid ({unit})", "en": "another unit ({unit})"},
    "composition_reason_filtered": {"nl": "landelijk; de grafiek toont een deel van het land",
                                    "en": "national; the chart shows part of the country"},
}
