"""App factory: one Dash app, its routes and callbacks; no data is read at import time."""

from __future__ import annotations

import logging
from pathlib import Path

import dash
import plotly.io as pio
from dash import dcc, html
from flask import jsonify

from datasets.problems import DatasetError
from geodata.errors import GeodataError

from . import callbacks, ids
from .data import current

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
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                   {"name": "description", "content": "Dekking van het netwerk tegen mensenhandel per gemeente en regio"}],
    )
    topojson_url = app.get_asset_url("topojson/")
    # static exports (kaleido) must not fetch the base map from a CDN either
    pio.defaults.topojson = str(ASSETS / "topojson") + "/"
    app.index_string = app.index_string.replace("<html>", '<html lang="nl">')
    app.layout = html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.SHOWN_QUERY),
        html.Div(id=ids.PAGE, className="page"),
    ])
    callbacks.register(app, topojson_url)
    _routes(app)
    return app


def _routes(app: dash.Dash) -> None:
    server = app.server

    @server.route("/healthz")
    def healthz():
        """200 when data and boundaries are loaded; 503 with the reason otherwise."""
        try:
            data = current()
        except (DatasetError, GeodataError) as err:
            log.error("health check: data not loaded: %s", err)
            return jsonify(status="unavailable", reason=type(err).__name__), 503
        return jsonify(status="ok", data_version=data.model.version, synthetic=data.synthetic,
                       areas={level: len(codes) for level, codes in data.codes.items()})
