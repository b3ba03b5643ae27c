"""Dutch and English texts of the map feature, merged into dashboard.i18n.TEXT."""

TEXT: dict[str, dict[str, str]] = {
    # the play button beside the year slider (its label says what pressing it does)
    "year_play": {"nl": "Afspelen", "en": "Play"},
    "year_pause": {"nl": "Pauzeren", "en": "Pause"},
}
