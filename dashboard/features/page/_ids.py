"""Ids of the page shell: address, page container, language link, failure message."""

URL = "url"
PAGE = "page"
NOTICES = "notices"
#: the query string the rendered page shows, so a query the controls wrote is not rendered again
SHOWN_QUERY = "store-shown-query"
#: the query to render: set in the browser (pageQuery) only when the address's query is not the one shown,
#: so a query the controls wrote costs no request at all
PAGE_QUERY = "store-page-query"
LANG_LINK = "lang-link"
NAV_MAP = "nav-map"
#: a short message when a callback failed (the trace goes to the log only)
ERROR_MESSAGE = "error-message"
ERROR_DISMISS = "error-dismiss"
