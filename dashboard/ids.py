"""Every component id in one place, so layout, callbacks and browser tests agree."""

URL = "url"
PAGE = "page"
NOTICES = "notices"
#: the query string the rendered page shows, so a query the controls wrote is not rendered again
SHOWN_QUERY = "store-shown-query"
LANG_LINK = "lang-link"
NAV_MAP = "nav-map"
#: a short message when a callback failed (the trace goes to the log only)
ERROR_MESSAGE = "error-message"
ERROR_DISMISS = "error-dismiss"

LEVEL = "control-level"
INDICATOR = "control-indicator"
YEAR = "control-year"
PROVINCE = "filter-province"
CARE_REGION = "filter-care-region"
POLICE_UNIT = "filter-police-unit"
STATUS = "filter-status"
SELECTION = "store-selection"

MAP = "map"
MAP_LEVEL_STORE = "store-map-level"
MAP_VALUES = "store-map-values"
MAP_ALT = "map-alt"
LEGEND = "legend"
NOT_DEFINED = "not-defined"
GO_TO_LEVEL = "go-to-level"
KPIS = "kpis"
GROWTH = "growth"
DETAIL = "detail"
DETAIL_CLOSE = "detail-close"

GAPS_TITLE = "gaps-title"
GAPS_GRID = "gaps-grid"
GAPS_SEARCH = "gaps-search"
DOWNLOAD_CSV = "download-csv"
DOWNLOAD_XLSX = "download-xlsx"
DOWNLOAD = "download"

EXPORT_LINKS = {"png": "export-png", "svg": "export-svg", "pdf": "export-pdf"}
EMBED_MODE = "embed-mode"
EMBED_CODE = "embed-code"
SHARE_LINK = "share-link"

#: the map's text alternative (summary caption + table built in the browser from the figure)
MAP_FIGURE = "map-figure"
MAP_TABLE_BOX = "map-table-box"
MAP_TABLE = "map-table"
#: {"classes": words per class in palette order, "header": column titles}: what the clientside
#: table builder (assets/dekkingskaart.js mapTable) needs besides the figure.
MAP_TABLE_TEXT = "store-map-table-text"
AREA_PICKER = "area-picker"
