"""The app factory: one Dash app for one app context; no data is read at import time."""

from __future__ import annotations

import logging

import dash
from flask import request
from werkzeug.middleware.proxy_fix import ProxyFix

from ..context import ASSETS_DIR, AppContext
from ..accounts.web import init_auth
from ..features.api._routes import register_api_routes
from ..features.beheer._blueprint import make_blueprint
from ..version_maps import VersionMaps
from ..features.beheer._workspace_routes import register_workspace_routes
from ..features.changelog._routes import register_changelog_routes
from ..features.detail import _callbacks as detail_callbacks
from ..features.download._routes import register_download_routes
from ..features.embed._routes import register_routes as register_embed_routes
from ..features.corrections._routes import register_routes as register_corrections_routes
from ..features.about._routes import register_routes as register_about_routes
from ..features.region._routes import register_routes as register_region_routes
from ..features.gaps import _callbacks as gaps_callbacks
from ..features.map import _callbacks as map_callbacks
from ..features.map._geometry import geometry_url, register_geometry_routes
from ..features.overview import _callbacks as overview_callbacks
from ..features.page import _callbacks as page_callbacks
from ..features.page._layout import shell
from ..features.share import _callbacks as share_callbacks
from ..features.share._routes import register_routes as register_share_routes
from ..i18n import language_of
from ..state import parse_query
from . import errors, request_guard, security
from .routes import plain, register_routes

log = logging.getLogger(__name__)

#: assets that Dash must not link from its pages (they stay downloadable by their own pages)
ASSETS_NOT_IN_PAGES = r"(^|/)(beheer\.css|region\.css|embed\.(css|js)|topojson/.*|.*\.md)$"

#: the routes that take an upload (workbook or zip): up to Settings.max_upload_bytes; others 2 MB
UPLOAD_PATHS = frozenset({"/beheer/upload", "/api/v1/drafts"})


def create_app(context: AppContext) -> dash.Dash:
    """The dashboard serving from `context`: its data source, renderer, snapshot store and settings."""
    app = dash.Dash(
        __name__,
        assets_folder=str(ASSETS_DIR),
        # served on request but not put in every Dash page: the workspace's and the embed's own files, the
        # vendored base map and the source notes
        assets_ignore=ASSETS_NOT_IN_PAGES,
        title="Dekkingskaart Mensenhandel",
        update_title=None,
        suppress_callback_exceptions=True,  # pages render their components inside a callback
        serve_locally=True,
        compress=True,  # plotly.js is 4.8 MB; gzip/brotli cut what a browser downloads by ~3/4
        on_error=errors.callback_failed,  # a failing callback shows a short message; the trace is logged
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                   {"name": "description", "content": "Dekking van het netwerk tegen mensenhandel per gemeente en regio"}],
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="nl">')
    serve_index = app.interpolate_index

    def index_in_the_page_language(**kwargs):
        """<html lang> from ?taal= already in the first response (assets JS keeps it right afterwards), and
        the map's geometry file asked for at once, beside the scripts (see `_geometry_preload`)."""
        search = request.query_string.decode("utf-8", "replace")
        lang = language_of(search)
        page = serve_index(**kwargs).replace('<html lang="nl">', f'<html lang="{lang}">', 1)
        preload = _geometry_preload(context, request.path, search)
        return page.replace("</head>", preload + "</head>", 1) if preload else page

    app.interpolate_index = index_in_the_page_language
    app.layout = shell()
    topojson_url = app.get_asset_url("topojson/")  # plotly asks for a base map even with our own GeoJSON
    page_callbacks.register(app, context, topojson_url)
    map_callbacks.register(app, context)
    overview_callbacks.register(app, context)
    gaps_callbacks.register(app, context)
    detail_callbacks.register(app, context)
    share_callbacks.register(app, context)
    _harden(app.server, context)
    _cache_fingerprinted_assets(app.server, app.config.requests_pathname_prefix + "assets/")
    _trust_proxies(app.server, context.settings.trusted_proxies, context.settings.proxy_addresses)
    register_routes(app.server, context)
    register_geometry_routes(app.server, context)
    register_share_routes(app.server, context)
    register_embed_routes(app.server, context)
    register_download_routes(app.server, context)
    register_corrections_routes(app.server, context)
    register_about_routes(app.server, context)
    register_region_routes(app.server, context)
    _data_holders(app.server, context)
    _guard(app, context, tuple(app.csp_hashes()))  # after every inline (clientside) script is registered
    _finish_setup_before_serving(app)
    return app


def _geometry_preload(context: AppContext, path: str, search: str) -> str:
    """`<link rel="preload">` of the main page's geometry file: without it the browser learns the address
    only after plotly.js (470 KB) has loaded and drawn, and the map waits for one more round trip."""
    if path.rstrip("/") != "":
        return ""
    try:
        data = context.data.current()
    except Exception:  # noqa: BLE001 - no data yet: the page says so itself; no hint is needed
        return ""
    state, _ = parse_query("?" + search if search else "", data.choices)
    url = geometry_url(data, state.niveau)
    return f'<link rel="preload" href="{url}" as="fetch" type="application/geo+json" crossorigin="anonymous">'


def _finish_setup_before_serving(app: dash.Dash) -> None:
    """Run Dash's one-time server setup now, before any request and before gunicorn forks its workers.

    Dash does it lazily in a before_request hook that sets its 'done' flag before it fills the registry of
    component libraries (plotly/dash#3971): a second request arriving meanwhile is checked against an empty
    registry and answers 500 ('"dash" is not a registered library') for the page's scripts. Done here, in
    one thread, the flag is only ever seen set with the registry full; the hook then returns at once.
    """
    with app.server.test_request_context("/"):
        app._setup_server()


def _cache_fingerprinted_assets(server, prefix: str) -> None:
    """Dash links every asset with `?m=<modification time>`: a new file gets a new address, so the
    browser may keep each one for a year instead of downloading plotly.js again on every visit.
    (Without it a reload fetched the 470 KB bundle again: Flask-Compress appends `:gzip` to the ETag,
    so the revalidation never matched and answered 200 in full.)"""

    @server.after_request
    def cache_for_a_year(response):
        if response.status_code == 200 and request.path.startswith(prefix) and request.args.get("m"):
            response.cache_control.no_cache = None  # Flask's default for static files: ask every time
            response.cache_control.public = True
            response.cache_control.max_age = 31536000
            response.cache_control.immutable = True
        return response


def _data_holders(server, context: AppContext) -> None:
    """The workspace (/beheer), the API (/api/v1) and the public changelog (/wijzigingen): all on the
    versioned store, none of them needed by the public pages."""
    # one cache of static maps per app, for the workspace's previews and the changelog alike
    maps = VersionMaps(context, size=4) if context.store is not None else None
    register_api_routes(server, context)
    register_changelog_routes(server, context, maps=maps)
    blueprint = make_blueprint()
    if context.store is not None:  # demo mode: every workspace address says it is not available
        init_auth(server, blueprint, context.accounts, context.store.session_key(),
                  cookie_secure=context.settings.cookie_secure)
    register_workspace_routes(blueprint, context, maps=maps)
    server.register_blueprint(blueprint)


def _harden(server, context: AppContext) -> None:
    """Production settings that no environment variable can undo."""
    server.debug = False  # FLASK_DEBUG=1 must not turn on tracebacks in responses
    server.config.update(
        DEBUG=False,
        PROPAGATE_EXCEPTIONS=False,  # errors end in errors.register's plain answers
        TRAP_HTTP_EXCEPTIONS=False,
        # the largest body any route takes (uploads); every other route is held to the smaller limit
        # per request in _guard, so larger bodies get 413 before they are read
        MAX_CONTENT_LENGTH=max(context.settings.max_request_bytes, context.settings.max_upload_bytes),
    )
    errors.register(server)


def _trust_proxies(server, hops: int, addresses: tuple[str, ...]) -> None:
    """Take the client's address, scheme and host from X-Forwarded-For/-Proto/-Host, but only from the
    `hops` proxies configured in front (DEKKINGSKAART_TRUSTED_PROXIES) and only on connections from their
    `addresses` (FORWARDED_ALLOW_IPS), so share links and embed codes behind a TLS load balancer say
    https:// and its host. Anyone else, and everyone with 0 hops, is taken at their word of nothing: a
    client that reaches an instance directly cannot fake its address past the login throttle."""
    if hops <= 0:
        return
    forwarded = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    direct = server.wsgi_app
    any_address = "*" in addresses

    def from_trusted_proxies_only(environ, start_response):
        if any_address or environ.get("REMOTE_ADDR") in addresses:
            return forwarded(environ, start_response)
        return direct(environ, start_response)

    server.wsgi_app = from_trusted_proxies_only


def _guard(app: dash.Dash, context: AppContext, script_hashes: tuple[str, ...]) -> None:
    server = app.server
    callback_path = app.config.routes_pathname_prefix + "_dash-update-component"
    settings = context.settings

    @server.before_request
    def refuse_malformed_requests():
        """413 for any oversized body, even where a route never reads it; a plain 400 for callback
        requests the renderer would never send (see request_guard)."""
        limit = settings.max_upload_bytes if request.path in UPLOAD_PATHS else settings.max_request_bytes
        request.max_content_length = limit  # also bounds bodies sent without a Content-Length
        if request.content_length is not None and request.content_length > limit:
            return plain("Request too large.", 413)
        if request.path != callback_path or request.method != "POST":
            return None
        problem = request_guard.check_callback_request(request.get_data(cache=True), app.callback_map)
        if problem is not None:
            log.info("refused a callback request: %s", problem)
            return plain(f"Bad request: {problem}.", 400)
        return None

    @server.after_request
    def headers(response):
        return security.apply(response, request.path, script_hashes)
