"""Ids of the gap table and its downloads."""

GAPS_TITLE = "gaps-title"
GAPS_GRID = "gaps-grid"
GAPS_SEARCH = "gaps-search"
DOWNLOAD_CSV = "download-csv"
DOWNLOAD_XLSX = "download-xlsx"
DOWNLOAD = "download"
