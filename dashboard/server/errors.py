"""What a user sees when something fails: a short message and a reference; the trace goes to the log only."""

from __future__ import annotations

import logging
import secrets
from urllib.parse import urlsplit

import dash
from dash import html
from flask import Response, request
from werkzeug.exceptions import HTTPException

from .. import ids
from ..i18n import language_of, t

log = logging.getLogger(__name__)

MESSAGES = {
    "nl": "Er ging iets mis bij het bijwerken van deze weergave. Probeer het opnieuw of laad de pagina opnieuw. "
          "Blijft het misgaan, meld dan foutcode {ref}.",
    "en": "Something went wrong while updating this view. Try again or reload the page. "
          "If it keeps happening, report error code {ref}.",
}
SERVER_ERROR = {
    "nl": "Er ging iets mis op de server (foutcode {ref}). Probeer het later opnieuw.",
    "en": "Something went wrong on the server (error code {ref}). Please try again later.",
}


def reference() -> str:
    """A short code that links what the user reports to the trace in the log."""
    return secrets.token_hex(4)


def request_language() -> str:
    """The page's language: callbacks are posted from a page whose address carries ?taal=en."""
    for source in (request.referrer or "", request.url):
        if language_of(urlsplit(source).query) == "en":
            return "en"
    return "nl"


def callback_failed(err: Exception):
    """Dash's global on_error: log the trace, show a short message, leave the outputs as they were."""
    ref = reference()
    log.error("callback failed (ref %s) for %s", ref, _callback_name(), exc_info=err)
    lang = request_language()
    dash.set_props(ids.ERROR_MESSAGE, {"hidden": False, "children": [
        html.Span(MESSAGES[lang].format(ref=ref)),
        html.Button(t(lang, "close"), id=ids.ERROR_DISMISS, className="error-dismiss",
                    n_clicks=0),
    ]})
    return None  # dash turns this into no_update for every output


def _callback_name() -> str:
    try:
        return str(dash.callback_context.outputs_list)[:300]
    except Exception:  # noqa: BLE001 - only for the log line
        return "?"


def register(server) -> None:
    """Plain-text answers for errors outside callbacks; never a trace, never an HTML debug page."""

    @server.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        return Response(f"{err.code} {err.name}\n", status=err.code or 500, mimetype="text/plain")

    @server.errorhandler(Exception)
    def unexpected(err: Exception):
        ref = reference()
        log.error("request failed (ref %s): %s %s", ref, request.method, request.path, exc_info=err)
        return Response(SERVER_ERROR[request_language()].format(ref=ref) + "\n", status=500, mimetype="text/plain")
