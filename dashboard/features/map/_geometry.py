"""The map's geometry as content-addressed, immutable, precompressed files: once per browser.

A level's boundaries and area names are one GeoJSON file at `/geo/<level>.<digest>.json`, where the
digest is taken from the file's bytes. The address changes exactly when the content does, so the browser
may keep it for a year without asking again (`Cache-Control: immutable`): revisiting a level, reloading
the page or opening it next week costs no geometry on the wire. The callbacks send only the address
(`map_values_payload`'s `geo`); plotly.js and `assets/dekkingskaart.js` fetch it through the HTTP cache.

The bytes are compressed once per data version (gzip 9 and Brotli 11), not per request.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

import brotli
from flask import Response, request

from ...data_source import DashboardData
from ...registry import LEVELS

URL_PREFIX = "/geo/"
#: a year: the address names the content, so it never goes stale
IMMUTABLE = "public, max-age=31536000, immutable"
#: assets of earlier data versions kept servable, for pages loaded before a publish
KEEP_EARLIER = 16


@dataclass(frozen=True)
class GeometryAsset:
    level: str
    digest: str
    raw: bytes
    gzipped: bytes
    brotli: bytes

    @property
    def url(self) -> str:
        return f"{URL_PREFIX}{self.level}.{self.digest}.json"

    @property
    def name(self) -> str:
        return f"{self.level}.{self.digest}.json"


def geometry_document(data: DashboardData, level: str) -> dict:
    """The level's FeatureCollection in map order (`data.codes[level]`), each feature with its name:
    everything the browser needs to draw the level besides the values."""
    names = data.names(level)
    features = []
    for feature in data.geojson[level]["features"]:
        code = feature["id"]
        features.append({"type": "Feature", "id": code, "properties": {"name": names.get(code, code)},
                         "geometry": feature["geometry"]})
    return {"type": "FeatureCollection", "features": features}


def geometry_asset(data: DashboardData, level: str) -> GeometryAsset:
    """The file of one level of one data version (computed and compressed once)."""

    def build() -> GeometryAsset:
        raw = json.dumps(geometry_document(data, level), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        digest = hashlib.sha256(raw).hexdigest()[:20]
        return GeometryAsset(level, digest, raw, gzip.compress(raw, compresslevel=9, mtime=0),
                             brotli.compress(raw, quality=11))

    return data.memo(("geometry_asset", level), build)


def geometry_url(data: DashboardData, level: str) -> str:
    return geometry_asset(data, level).url


def _accepts(encoding: str) -> bool:
    return any(part.split(";")[0].strip() == encoding and not part.strip().endswith("q=0")
               for part in request.headers.get("Accept-Encoding", "").split(","))


def register_geometry_routes(server, context) -> None:
    """`GET /geo/<level>.<digest>.json`: the current version's files, and a few earlier ones."""
    earlier: OrderedDict[str, GeometryAsset] = OrderedDict()
    lock = threading.Lock()  # gthread workers answer requests in parallel

    def find(name: str) -> GeometryAsset | None:
        data = context.data.current()
        current = [geometry_asset(data, level) for level in LEVELS]
        with lock:
            for asset in current:
                earlier[asset.name] = asset
                earlier.move_to_end(asset.name)
            while len(earlier) > KEEP_EARLIER:
                earlier.popitem(last=False)
            return earlier.get(name)

    @server.route(URL_PREFIX + "<name>")
    def geometry(name: str):
        asset = find(name)
        if asset is None:
            return Response("Not found.\n", status=404, mimetype="text/plain")
        etag = f'"{asset.digest}"'
        if request.headers.get("If-None-Match") == etag:
            response = Response(status=304)
        elif _accepts("br"):
            response = Response(asset.brotli, mimetype="application/geo+json")
            response.headers["Content-Encoding"] = "br"
        elif _accepts("gzip"):
            response = Response(asset.gzipped, mimetype="application/geo+json")
            response.headers["Content-Encoding"] = "gzip"
        else:
            response = Response(asset.raw, mimetype="application/geo+json")
        response.headers["ETag"] = etag
        response.headers["Cache-Control"] = IMMUTABLE
        response.headers["Vary"] = "Accept-Encoding"
        return response
