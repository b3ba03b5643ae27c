"""Dutch and English texts of the embed feature, merged into dashboard.i18n.TEXT."""

TEXT: dict[str, dict[str, str]] = {
    # <title> of the embed page: 'Zorgcoördinator, 2019 — Dekkingskaart Mensenhandel'
    "embed_page_title": {"nl": "{heading} — {site}", "en": "{heading} — {site}"},
    "embed_subtitle": {"nl": "{site} · {level}", "en": "{site} · {level}"},
    # the hover text and table row of one area: 'Twente: Ja (Zorgbureau Twente)'
    "embed_area_title": {"nl": "{name}: {state}", "en": "{name}: {state}"},
    "embed_area_detail": {"nl": "{name}: {state} ({detail})", "en": "{name}: {state} ({detail})"},
    "embed_area_faded": {"nl": "{title} — buiten het filter", "en": "{title} — outside the filter"},
    "embed_full_map": {"nl": "Open de volledige kaart", "en": "Open the full map"},
    "embed_new_window": {"nl": "(opent in een nieuw venster)", "en": "(opens in a new window)"},
    "embed_hint": {"nl": "Wijs een gebied aan of ga er met Tab en de pijltjestoetsen langs.",
                   "en": "Point at an area, or go through them with Tab and the arrow keys."},
    "embed_table_caption": {"nl": "{heading}: waarde per gebied", "en": "{heading}: value per area"},
    "embed_filtered": {"nl": "Gefilterd: gebieden buiten het filter zijn lichter.",
                       "en": "Filtered: areas outside the filter are faded."},
}
