"""Ids of the controls and the map. The controls' ids are public: outside tests and keyboard users
rely on them (`control-level` radio inputs, `control-indicator` dropdown, `control-year` slider)."""

LEVEL = "control-level"
INDICATOR = "control-indicator"
YEAR = "control-year"
PROVINCE = "filter-province"
CARE_REGION = "filter-care-region"
POLICE_UNIT = "filter-police-unit"
STATUS = "filter-status"

MAP = "map"
MAP_VALUES = "store-map-values"
MAP_ALT = "map-alt"
LEGEND = "legend"
LEGEND_ITEMS = "legend-items"  # the part of the legend a view changes
NOT_DEFINED = "not-defined"
GO_TO_LEVEL = "go-to-level"

#: the map's text alternative (summary caption + table built in the browser from the figure)
MAP_FIGURE = "map-figure"
MAP_TABLE_BOX = "map-table-box"
MAP_TABLE = "map-table"
#: {"classes": words per class in palette order, "header": column titles}: what the clientside
#: table builder (assets/dekkingskaart.js mapTable) needs besides the figure.
MAP_TABLE_TEXT = "store-map-table-text"
MAP_TABLE_KEY = "store-map-table-key"  # which words MAP_TABLE_TEXT holds: sent again only when they change
#: play through the years: a toggle button beside the slider and the (disabled by default) timer that
#: steps the slider's value in the browser (assets/dekkingskaart.js playYears)
YEAR_PLAY = "control-year-play"
YEAR_TIMER = "control-year-timer"
#: comparing two years: a checkbox turns it on and off, a dropdown holds the year compared with (kept while
#: off, so turning it on again brings it back)
COMPARE_ON = "control-compare"
COMPARE_YEAR = "control-compare-year"
