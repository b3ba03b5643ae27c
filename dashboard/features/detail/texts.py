"""Texts of the detail panel and the sources page, Dutch and English (merged into dashboard.i18n.TEXT)."""

TEXT: dict[str, dict[str, str]] = {
    # the selected year's story
    "detail_in_year": {"nl": "In {year}", "en": "In {year}"},
    "detail_via_region": {"nl": "via zorgregio {region}", "en": "through care region {region}"},
    "detail_provider": {"nl": "uitgevoerd door {name}", "en": "provided by {name}"},
    "detail_arrangement": {"nl": "Regionaal verband", "en": "Regional arrangement"},
    "detail_arrangements": {"nl": "Regionale verbanden tegen mensenhandel", "en": "Regional arrangements against trafficking"},
    "detail_no_arrangement": {"nl": "Geen regionaal verband bekend uit de bronnen.",
                              "en": "No regional arrangement known from the sources."},
    "detail_arrangement_members": {"nl": "{n} van de {total} gemeenten", "en": "{n} of {total} municipalities"},
    "detail_since": {"nl": "sinds uiterlijk {year}", "en": "since {year} at the latest"},
    "detail_start_unknown": {"nl": "begin onbekend", "en": "start unknown"},
    "detail_last_confirmed": {"nl": "laatst bevestigd {year}", "en": "last confirmed {year}"},
    # the scope of an arrangement beside its kind (the kind: dashboard.indicators / texts_truth "kind_*")
    "detail_scope_unit": {"nl": "hele politie-eenheid", "en": "whole police unit"},
    "detail_scope_sub": {"nl": "deel van een eenheid", "en": "part of a unit"},
    "detail_confidence": {"nl": "zekerheid {letter}", "en": "confidence {letter}"},
    # periods as published
    "detail_published": {"nl": "bron: {period}", "en": "source: {period}"},
    # capacity
    "detail_funding": {"nl": "financiering: {funding}", "en": "funding: {funding}"},
    "detail_col_particulars": {"nl": "Organisatie en bijzonderheden", "en": "Organisation and particulars"},
    # exceptions inside a region
    "detail_except": {"nl": "behalve: {names} ({what} volgens {sources})",
                      "en": "except: {names} ({what} according to {sources})"},
    "detail_exception_ja": {"nl": "wel zorgcoördinatie", "en": "care coordination in place"},
    "detail_exception_nee": {"nl": "geen zorgcoördinatie", "en": "no care coordination"},
    "detail_exception_onbekend": {"nl": "zorgcoördinatie onbekend", "en": "care coordination unknown"},
    "detail_exception_of_gemeente": {
        "nl": "Voor deze gemeente geldt niet de bron van de zorgregio: een uitzondering noemt haar ({what} volgens {sources}).",
        "en": "The care region's source does not cover this municipality: an exception names it ({what} according to {sources})."},
    "detail_exception_short": {"nl": "uitzondering", "en": "exception"},
    # evidence and sources
    "detail_policy_geen": {"nl": "Geen beleid", "en": "No policy"},
    "detail_undated": {"nl": "zonder datum", "en": "undated"},
    "detail_title_unchecked": {"nl": "titel niet gecontroleerd", "en": "title not checked"},
    # compared with another year (`vergelijk`): per pillar and the coverage, both years' states and sources
    "cmp_detail_since": {"nl": "Wat veranderde sinds {year}", "en": "What changed since {year}"},
    "cmp_detail_versus": {"nl": "Verschil met {year}", "en": "Difference from {year}"},
    "cmp_detail_intro": {"nl": "Per pijler de stand in {before} en in {after}, met de bronnen van beide jaren.",
                         "en": "Per pillar the state in {before} and in {after}, with the sources of both years."},
    "cmp_detail_coverage": {"nl": "Dekking (3 pijlers)", "en": "Coverage (3 pillars)"},
    "cmp_detail_sources": {"nl": "Bronnen {year}", "en": "Sources {year}"},
    "cmp_detail_no_source": {"nl": "{year}: onbekend, dus geen bron", "en": "{year}: unknown, so no source"},
    "cmp_detail_none_known": {"nl": "{year}: geen bron koppelt de gemeente aan een regionaal verband",
                              "en": "{year}: no source ties the municipality to a regional arrangement"},
    "cmp_detail_no_source_known": {"nl": "{year}: geen bron gevonden in de gegevens",
                                   "en": "{year}: no source found in the data"},
    "cmp_detail_coverage_sources": {"nl": "Volgt uit de drie pijlers; de bronnen van de pijlers hierboven staan daar.",
                                    "en": "Follows from the three pillars; the sources of the pillars above are "
                                          "listed there."},
    "cmp_detail_not_shown": {"nl": "Niet vergeleken, want op dit niveau niet op de kaart: {what}.",
                             "en": "Not compared, as not on the map at this level: {what}."},
    # sources page
    "srcpage_download_zip": {"nl": "Download de gegevens (zip)", "en": "Download the data (zip)"},
    "srcpage_download_note": {"nl": "alle tabellen met hun bronnen en de stand per gebied, jaar en pijler",
                              "en": "every table with its sources and the state per area, year and pillar"},
}
