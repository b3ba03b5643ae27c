"""The server's own routes and helpers: health check, 'not found', the public address rule."""

from __future__ import annotations

import logging
from html import escape

from flask import Response, jsonify, request

from datasets.problems import DatasetError
from geodata.errors import GeodataError

from ..i18n import language_of, t

log = logging.getLogger(__name__)

#: the pages Dash renders (everything else under Dash's catch-all route is unknown: 404; /embed is its own
#: server-rendered route, dashboard/features/embed)
PAGES = ("/", "/bronnen")


def plain(text: str, status: int) -> Response:
    return Response(text + "\n", status=status, mimetype="text/plain")


def public_url(context) -> str:
    """The one address every share path gives out (share link, embed code, POST /snapshot), so one view
    never gets two addresses: DEKKINGSKAART_PUBLIC_URL when set, else this request's scheme and host (as
    ProxyFix corrected them, from trusted proxies only). Images print the setting only (share
    `image_address`), so their cache keys never depend on the request."""
    return context.settings.public_url or request.host_url.rstrip("/")


def not_found_page(lang: str) -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(t(lang, "not_found_title"))}</title><link rel="stylesheet" href="/assets/style.css"></head>'
            f'<body><main class="not-found"><h1>{escape(t(lang, "not_found_title"))}</h1>'
            f'<p>{escape(t(lang, "not_found_text"))}</p>'
            f'<p><a href="/{"?taal=en" if lang == "en" else ""}">{escape(t(lang, "not_found_link"))}</a></p>'
            f'</main></body></html>')


def register_routes(server, context) -> None:

    @server.before_request
    def unknown_page():
        """Dash answers every path with the app page; only its pages are pages, the rest is 404."""
        rule = request.url_rule
        if rule is not None and rule.rule.endswith("<path:path>") and request.path.rstrip("/") not in \
                tuple(p.rstrip("/") for p in PAGES):
            lang = language_of(request.query_string.decode("utf-8", "replace"))
            return Response(not_found_page(lang), status=404, mimetype="text/html")
        return None

    @server.route("/healthz")
    def healthz():
        """200 when data and boundaries are loaded; 503 with the reason otherwise."""
        try:
            data = context.data.current()
        except (DatasetError, GeodataError) as err:
            log.error("health check: data not loaded: %s", err)
            return jsonify(status="unavailable", reason=type(err).__name__), 503
        # degraded: the database cannot be reached (or its version not loaded); the site keeps serving
        # the version it holds, so the check still answers 200 and says which
        status = "degraded" if context.data.degraded else "ok"
        return jsonify(status=status, data_version=data.version, synthetic=data.synthetic,
                       degraded=context.data.degraded,
                       areas={level: len(codes) for level, codes in data.codes.items()},
                       last_reload=context.data.last_reload)
