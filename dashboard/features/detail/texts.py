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
    # sources page
    "srcpage_download_zip": {"nl": "Download de gegevens (zip)", "en": "Download the data (zip)"},
    "srcpage_download_note": {"nl": "alle tabellen met hun bronnen en de stand per gebied, jaar en pijler",
                              "en": "every table with its sources and the state per area, year and pillar"},
}
