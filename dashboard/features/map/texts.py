"""Dutch and English texts of the map feature, merged into dashboard.i18n.TEXT."""

TEXT: dict[str, dict[str, str]] = {}
