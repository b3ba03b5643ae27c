"""Dutch and English texts of the share feature, merged into dashboard.i18n.TEXT."""

TEXT: dict[str, dict[str, str]] = {
    # the snapshot page's downloads of the frozen map
    "snapshot_download": {"nl": "Downloaden", "en": "Download"},
    "snapshot_png": {"nl": "PNG (afbeelding)", "en": "PNG (image)"},
    "snapshot_svg": {"nl": "SVG (vector, scherp op elk formaat)", "en": "SVG (vector, sharp at any size)"},
}
