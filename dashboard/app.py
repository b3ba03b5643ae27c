"""App factory: one Dash app, its routes and callbacks; no data is read at import time."""

from __future__ import annotations

import logging
import os
from html import escape
from pathlib import Path

import dash
import plotly.io as pio
from dash import dcc, html
from flask import Response, jsonify, request, send_file

from datasets.problems import DatasetError
from geodata.errors import GeodataError

from . import callbacks, errors, export, ids, request_guard, security, snapshots
from . import data as data_module
from .data import current
from .i18n import language_of, t
from .state import parse_query

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
log = logging.getLogger(__name__)


def create_app() -> dash.Dash:
    app = dash.Dash(
        __name__,
        assets_folder=str(ASSETS),
        title="Dekkingskaart Mensenhandel",
        update_title=None,
        suppress_callback_exceptions=True,  # pages render their components inside a callback
        serve_locally=True,
        compress=True,  # plotly.js is 4.8 MB; gzip/brotli cut what a browser downloads by ~3/4
        on_error=errors.callback_failed,  # a failing callback shows a short message; the trace is logged
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                   {"name": "description", "content": "Dekking van het netwerk tegen mensenhandel per gemeente en regio"}],
    )
    topojson_url = app.get_asset_url("topojson/")
    # static exports (kaleido) must not fetch the base map from a CDN either
    pio.defaults.topojson = str(ASSETS / "topojson") + "/"
    app.index_string = app.index_string.replace("<html>", '<html lang="nl">')
    serve_index = app.interpolate_index

    def index_in_the_page_language(**kwargs):
        """<html lang> from ?taal= already in the first response (assets JS keeps it right afterwards)."""
        lang = language_of(request.query_string.decode("utf-8", "replace"))
        return serve_index(**kwargs).replace('<html lang="nl">', f'<html lang="{lang}">', 1)

    app.interpolate_index = index_in_the_page_language
    app.layout = html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.SHOWN_QUERY),
        html.Div(id=ids.ERROR_MESSAGE, className="error-message", role="alert", hidden=True),
        html.Div(id=ids.PAGE, className="page"),
    ])
    callbacks.register(app, topojson_url)
    app.clientside_callback(  # the close button of a failure message (see errors.callback_failed)
        dash.ClientsideFunction(namespace="dekkingskaart", function_name="hideMessage"),
        dash.Output(ids.ERROR_MESSAGE, "hidden"), dash.Input(ids.ERROR_DISMISS, "n_clicks"),
        prevent_initial_call=True)
    _harden(app.server)
    _routes(app, tuple(app.csp_hashes()))  # after every inline (clientside) script is registered
    return app


def _harden(server) -> None:
    """Production settings that no environment variable can undo."""
    server.debug = False  # FLASK_DEBUG=1 must not turn on tracebacks in responses
    server.config.update(
        DEBUG=False,
        PROPAGATE_EXCEPTIONS=False,  # errors end in errors.register's plain answers
        TRAP_HTTP_EXCEPTIONS=False,
        MAX_CONTENT_LENGTH=request_guard.MAX_REQUEST_BYTES,  # larger bodies: 413 before they are read
    )
    errors.register(server)


def _routes(app: dash.Dash, script_hashes: tuple[str, ...]) -> None:
    server = app.server
    callback_path = app.config.routes_pathname_prefix + "_dash-update-component"

    @server.before_request
    def refuse_malformed_requests():
        """413 for any oversized body, even where a route never reads it; a plain 400 for callback
        requests the renderer would never send (see request_guard)."""
        if request.content_length is not None and request.content_length > request_guard.MAX_REQUEST_BYTES:
            return _plain("Request too large.", 413)
        if request.path != callback_path or request.method != "POST":
            return None
        problem = request_guard.check_callback_request(request.get_data(cache=True), app.callback_map)
        if problem is not None:
            log.info("refused a callback request: %s", problem)
            return _plain(f"Bad request: {problem}.", 400)
        return None

    @server.route("/healthz")
    def healthz():
        """200 when data and boundaries are loaded; 503 with the reason otherwise."""
        try:
            data = current()
        except (DatasetError, GeodataError) as err:
            log.error("health check: data not loaded: %s", err)
            return jsonify(status="unavailable", reason=type(err).__name__), 503
        return jsonify(status="ok", data_version=data.model.version, synthetic=data.synthetic,
                       areas={level: len(codes) for level, codes in data.codes.items()},
                       last_reload=data_module.last_reload)

    @server.after_request
    def headers(response):
        return security.apply(response, request.path, script_hashes)

    @server.route("/export/kaart.<fmt>")
    def export_map(fmt: str):
        """A publication-ready image of the view in the query string (the page's own parameters)."""
        if fmt not in export.FORMATS:
            return _plain(f"Onbekend formaat '{fmt[:10]}'; kies png, svg of pdf.", 404)
        data = current()
        state, notices = parse_query(request.query_string.decode("utf-8", "replace"), data.choices)
        if notices:
            return _plain("; ".join(t(state.taal, "notice_invalid", value=n.value, param=n.param) for n in notices), 400)
        try:
            width, height = export.parse_size(request.args.get("formaat"), request.args.get("breedte"),
                                              request.args.get("hoogte"), state.taal)
        except export.ExportRequestError as err:
            return _plain(str(err), 400)
        export_request = export.ExportRequest(state, fmt, width, height)
        etag = export_request.key(data.model.version, public_url())
        if request.if_none_match.contains(etag):
            return Response(status=304, headers={"ETag": f'"{etag}"'})
        try:
            content, etag, _ = export.render_export(data, export_request, public_url())
        except export.ExportBusy as err:
            response = _plain(busy_text(state.taal), 503)
            response.headers["Retry-After"] = str(err.retry_after)
            return response
        except export.ExportUnavailable as err:
            return _plain(unavailable_text(state.taal, err), 503)
        stem = f"dekkingskaart-{state.indicator}-{state.niveau}-{state.jaar}"
        response = Response(content, mimetype=export.FORMATS[fmt])
        response.headers["ETag"] = f'"{etag}"'
        response.headers["Cache-Control"] = "public, max-age=300"
        response.headers["Content-Disposition"] = f'inline; filename="{stem}.{fmt}"'
        return response

    @server.route("/snapshot", methods=["POST"])
    def create_snapshot():
        """Freeze the view in the query string; answers with the snapshot's addresses."""
        data = current()
        state, notices = parse_query(request.query_string.decode("utf-8", "replace"), data.choices)
        if notices:
            return _plain("; ".join(f"{n.param}={n.value}" for n in notices), 400)
        try:
            snapshot_id = snapshots.create(data, state, public_url())
        except export.ExportUnavailable as err:
            return _plain(unavailable_text(state.taal, err), 503)
        return jsonify(id=snapshot_id, page=f"/snapshot/{snapshot_id}", image=f"/snapshot/{snapshot_id}.png"), 201

    @server.route("/snapshot/<snapshot_id>.png")
    def snapshot_image(snapshot_id: str):
        found = snapshots.load(snapshot_id)
        if found is None:
            return _plain("Deze momentopname bestaat niet.", 404)
        response = send_file(found[1], mimetype="image/png", etag=snapshot_id)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response

    @server.route("/snapshot/<snapshot_id>")
    def snapshot_page(snapshot_id: str):
        """A small frameable page around the frozen image, with its date and data version."""
        found = snapshots.load(snapshot_id)
        if found is None:
            return _plain("Deze momentopname bestaat niet.", 404)
        meta, _ = found
        lang = meta.get("lang", "nl")
        live = "/" + meta["query"]
        html_text = SNAPSHOT_PAGE.format(
            lang=escape(lang), title=escape(t(lang, "title")), image=f"/snapshot/{escape(snapshot_id)}.png",
            alt=escape(f"{t(lang, 'title')} ({meta['created'][:10]})"),
            caption=escape(f"{'Momentopname van' if lang == 'nl' else 'Snapshot of'} {meta['created'][:10]}, "
                           f"{t(lang, 'data_version', version=meta['data_version'])}"),
            live=escape(live), live_text=escape("Bekijk de actuele kaart" if lang == "nl" else "See the current map"),
            demo=f"<p class='demo'>{escape(t(lang, 'demo_mark'))}</p>" if meta.get("synthetic") else "")
        return Response(html_text, mimetype="text/html")


SNAPSHOT_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body{{margin:0;font-family:system-ui,sans-serif}}img{{max-width:100%;height:auto;display:block}}
p{{margin:4px 8px;font-size:14px}}.demo{{color:#8a0000;font-weight:700}}</style></head>
<body>{demo}<img src="{image}" alt="{alt}"><p>{caption}. <a href="{live}" target="_blank" rel="noopener">{live_text}</a></p></body></html>
"""


def public_url() -> str:
    """The dashboard's address as printed on images: the setting, or the address of this request."""
    return os.environ.get(export.PUBLIC_URL_ENV) or request.host_url.rstrip("/")


def unavailable_text(lang: str, err: Exception) -> str:
    if lang == "en":
        return f"Image export is unavailable right now ({err}). The interactive map and the data downloads still work."
    return f"Afbeeldingen exporteren kan nu niet ({err}). De interactieve kaart en de downloads van de gegevens werken wel."


def busy_text(lang: str) -> str:
    if lang == "en":
        return "Many new images are being made right now; please try again in a few seconds."
    return "Er worden nu veel nieuwe afbeeldingen gemaakt; probeer het over een paar seconden opnieuw."


def _plain(text: str, status: int) -> Response:
    return Response(text + "\n", status=status, mimetype="text/plain")
