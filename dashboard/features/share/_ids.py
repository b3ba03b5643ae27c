"""Ids of the share panel: image links, embed code, share link."""

EXPORT_LINKS = {"png": "export-png", "svg": "export-svg", "pdf": "export-pdf"}
#: the data of the map of the view (/data/kaart.<fmt>, features/download): format -> id of its link
DATA_LINKS = {"csv": "data-map-csv", "xlsx": "data-map-xlsx"}
EMBED_MODE = "embed-mode"
EMBED_CODE = "embed-code"
SHARE_LINK = "share-link"
SHARE_TEXT = "store-share-text"  # {"live": iframe code, "template": the same with SRC_PLACEHOLDER, "snapshot": POST address}
SHARE_TEMPLATES = "store-share-templates"  # {"base", "formats", "data_formats", "live", "frozen"}: per page; the browser fills in the view
