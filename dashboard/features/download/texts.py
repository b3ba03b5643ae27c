"""The texts of the data downloads (/data/dekkingskaart.zip, and the files that follow the view). Merged into `dashboard.i18n.TEXT` by the last
line of dashboard/i18n.py; same shape: key -> {nl, en}. Keys start with `dl_`.
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "dl_link": {"nl": "Download de gegevens (zip)", "en": "Download the data (zip)"},
    "dl_link_title": {
        "nl": "Alle tabellen van deze gegevensversie met hun bronnen, en de toestand per gebied, jaar en pijler "
              "(Frictionless data package)",
        "en": "Every table of this data version with its sources, and the state per area, year and pillar "
              "(Frictionless data package)"},
    "dl_not_found": {"nl": "Deze gegevensversie is niet gepubliceerd of bestaat niet.",
                     "en": "This data version has not been published or does not exist."},
    "dl_none_published": {"nl": "Er is nog geen gegevensversie gepubliceerd.",
                          "en": "No data version has been published yet."},
    "dl_old_schema": {"nl": "Deze gegevensversie past niet in het huidige gegevensschema en wordt niet als "
                            "download aangeboden.",
                      "en": "This data version does not fit the current data schema and is not offered as a "
                            "download."},
    "dl_unavailable": {"nl": "De gegevens zijn nu niet beschikbaar; probeer het later opnieuw.",
                       "en": "The data are not available now; please try again later."},
    # the files that follow the view: the gap table's downloads and the data of the map (_view_files.py)
    "dl_map_csv": {"nl": "Gegevens van deze kaart (CSV)", "en": "Data of this map (CSV)"},
    "dl_map_xlsx": {"nl": "Gegevens van deze kaart (Excel)", "en": "Data of this map (Excel)"},
    "dl_map_link_title": {
        "nl": "Per gebied wat de kaart nu toont, met zekerheid en bronnen, voor dit niveau, deze indicator, "
              "dit jaar en deze filters",
        "en": "Per area what the map shows now, with confidence and sources, for this level, indicator, year "
              "and these filters"},
    "dl_unknown_format": {"nl": "Onbekend formaat '{fmt}'; kies csv of xlsx.",
                          "en": "Unknown format '{fmt}'; choose csv or xlsx."},
    "dl_map_title": {"nl": "Gegevens van de kaart", "en": "Data of the map"},
    "dl_map_sheet": {"nl": "kaart", "en": "map"},
    "dl_about_sheet": {"nl": "Over deze download", "en": "About this download"},
    "dl_about_label": {"nl": "onderdeel", "en": "item"},
    "dl_about_value": {"nl": "waarde", "en": "value"},
    "dl_rows": {"nl": "Rijen", "en": "Rows"},
    "dl_compared_with": {"nl": "Vergeleken met", "en": "Compared with"},
    "dl_view": {"nl": "Weergave", "en": "View"},
    "dl_version": {"nl": "Gegevensversie", "en": "Data version"},
    "dl_date": {"nl": "Gedownload", "en": "Downloaded"},
    "dl_notes": {"nl": "Toelichting", "en": "Notes"},
    "dl_search": {"nl": "Zoektekst", "en": "Search text"},
    "dl_search_none": {"nl": "geen", "en": "none"},
    "dl_sort": {"nl": "Sortering", "en": "Sort"},
    "dl_sort_default": {"nl": "standaard (witte vlekken eerst, dan op naam)",
                        "en": "default (gaps first, then by name)"},
    "dl_sort_ascending": {"nl": "oplopend", "en": "ascending"},
    "dl_sort_descending": {"nl": "aflopend", "en": "descending"},
    "dl_col_class": {"nl": "Klasse (sleutel)", "en": "Class (key)"},
    "dl_col_assumed": {"nl": "Aanname", "en": "Inferred"},
    "dl_col_confidence": {"nl": "Zekerheid", "en": "Confidence"},
    "dl_col_source_ids": {"nl": "Bron-ids", "en": "Source ids"},
    "dl_col_sources": {"nl": "Bronnen", "en": "Sources"},
}
