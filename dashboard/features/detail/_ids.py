"""Ids of the detail panel and the area picker (the keyboard way to select an area)."""

SELECTION = "store-selection"
DETAIL = "detail"
DETAIL_CLOSE = "detail-close"
AREA_PICKER = "area-picker"
