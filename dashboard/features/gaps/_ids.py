"""Ids of the gap table, its pager and its downloads."""

GAPS_TITLE = "gaps-title"
GAPS_GRID = "gaps-grid"              # the scrollable region around the table
GAPS_SEARCH = "gaps-search"
GAPS_BODY = "gaps-body"              # <tbody>: the one page of rows a change sends
GAPS_STATUS = "gaps-status"          # "Rij 1–20 van 87", a polite live region
GAPS_PREV = "gaps-prev"
GAPS_NEXT = "gaps-next"
GAPS_PAGE = "gaps-page"              # dcc.Store: the page shown (0-based)
GAPS_SORT_STATE = "gaps-sort-state"  # dcc.Store: {"column": field, "direction": "ascending"|"descending"} or None
GAPS_SORT = "gaps-sort"              # prefix of the header's sort buttons' ids: f"{GAPS_SORT}-{field}"
GAPS_HEADER = "gaps-th"              # prefix of the header cells' ids: f"{GAPS_HEADER}-{field}"
DOWNLOAD_CSV = "download-csv"
DOWNLOAD_XLSX = "download-xlsx"
DOWNLOAD = "download"
