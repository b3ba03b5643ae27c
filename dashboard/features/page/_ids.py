"""Ids of the page shell: address, page container, language link, failure message."""

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
