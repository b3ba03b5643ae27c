"""Dutch and English texts of the corrections feature, merged into dashboard.i18n.TEXT."""

TEXT: dict[str, dict[str, str]] = {}
