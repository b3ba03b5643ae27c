"""The texts of the data download (/data/dekkingskaart.zip). Merged into `dashboard.i18n.TEXT` by the last
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
}
