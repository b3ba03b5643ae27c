"""Download from a real local WFS-like HTTP server (no mocks).

The fixture features are in RD New with counter-clockwise exteriors and a
clockwise hole (RFC 7946 style), i.e. the opposite of what plotly needs, and
one self-intersecting ring, so the test proves reprojection, repair and
re-orientation.
"""

from __future__ import annotations

import json
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import shape

from geodata import GeodataError, read_gemeenten, validate_gemeenten
from geodata.download import TYPE_NAME, download

# Around Utrecht in RD New (metres).
X0, Y0 = 130_000, 450_000
SIZE = 2_000


def _square(x, y, size=SIZE):
    """Counter-clockwise ring (wrong for d3)."""
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def _features(code_field="statcode", name_field="statnaam"):
    hole_cw = [[X0 + 2_700, Y0 + 700], [X0 + 2_700, Y0 + 1_300], [X0 + 3_300, Y0 + 1_300], [X0 + 3_300, Y0 + 700], [X0 + 2_700, Y0 + 700]]
    bowtie = [[X0 + 5_000, Y0], [X0 + 7_000, Y0 + 2_000], [X0 + 7_000, Y0], [X0 + 5_000, Y0 + 2_000], [X0 + 5_000, Y0]]
    geoms = {
        "GM9991": {"type": "Polygon", "coordinates": [_square(X0, Y0)]},
        "GM9992": {"type": "Polygon", "coordinates": [_square(X0 + 2_000, Y0), hole_cw]},
        "GM9993": {"type": "Polygon", "coordinates": [bowtie]},
    }
    return [
        {"type": "Feature", "id": f"gemeente_gegeneraliseerd.{i}",
         "properties": {code_field: code, name_field: f"Testgemeente {code[-1]}", "jaarcode": 2025},
         "geometry": geom}
        for i, (code, geom) in enumerate(geoms.items())
    ]


class FakeWfs(BaseHTTPRequestHandler):
    """Serves GetFeature pages like PDOK: count/startIndex slicing of a feature list."""

    features: list = []
    with_crs = True
    crs_name = "urn:ogc:def:crs:EPSG::28992"
    status = 200
    requests: list = []

    def do_GET(self):  # noqa: N802 (http.server API)
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        type(self).requests.append(query)
        if self.status != 200:
            self.send_error(self.status, "boom")
            return
        start, count = int(query.get("startIndex", 0)), int(query.get("count", 1000))
        page = self.features[start:start + count]
        body = {"type": "FeatureCollection", "numberMatched": len(self.features), "numberReturned": len(page),
                "features": page}
        if self.with_crs:
            body["crs"] = {"type": "name", "properties": {"name": self.crs_name}}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def wfs():
    """A real HTTP server on 127.0.0.1 with a free port; yields (url, handler class)."""
    handler = type("Wfs", (FakeWfs,), {"features": _features(), "requests": [], "with_crs": True, "status": 200})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/cbs/wfs", handler
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _assert_good_file(path):
    raw = json.loads(path.read_text())
    assert [f["id"] for f in raw["features"]] == ["GM9991", "GM9992", "GM9993"]
    assert set(raw["features"][0]["properties"]) == {"statcode", "statnaam"}
    gdf = read_gemeenten(path)
    assert gdf.crs.to_epsg() == 4326
    minx, miny, maxx, maxy = gdf.total_bounds
    assert 5.0 < minx < maxx < 5.2 and 52.0 < miny < maxy < 52.1  # near Utrecht, lon/lat order
    assert validate_gemeenten(gdf) == []
    geoms = {f["id"]: shape(f["geometry"]) for f in raw["features"]}
    for geom in geoms.values():
        for part in shapely.get_parts(geom):
            assert not part.exterior.is_ccw  # clockwise, as d3/plotly want
            assert all(ring.is_ccw for ring in part.interiors)
    assert len(geoms["GM9992"].interiors) == 1
    assert geoms["GM9993"].geom_type == "MultiPolygon" and geoms["GM9993"].is_valid  # bow-tie repaired
    rd = gdf.set_index("statcode").to_crs(28992)
    assert rd.loc["GM9991"].geometry.area == pytest.approx(SIZE * SIZE, rel=1e-3)


def test_download_pages_reprojects_orients_and_validates(wfs, tmp_path):
    url, handler = wfs
    path = download(2025, base_url=url, dest_dir=tmp_path, page_size=2)
    assert path == tmp_path / "gemeenten_2025.geojson"
    _assert_good_file(path)
    assert [p.name for p in tmp_path.iterdir()] == ["gemeenten_2025.geojson"]  # no temp files left

    assert [(q["startIndex"], q["count"]) for q in handler.requests] == [("0", "2"), ("2", "2")]
    first = handler.requests[0]
    assert first["service"] == "WFS" and first["version"] == "2.0.0" and first["request"] == "GetFeature"
    assert first["typeNames"] == TYPE_NAME == "gebiedsindelingen:gemeente_gegeneraliseerd"
    assert first["outputFormat"] == "application/json"


def test_download_url_from_env_and_rd_inferred_without_crs(wfs, tmp_path, monkeypatch):
    url, handler = wfs
    handler.with_crs = False
    monkeypatch.setenv("PDOK_WFS_URL", url)
    path = download(2025, dest_dir=tmp_path)
    _assert_good_file(path)
    assert len(handler.requests) == 1


def test_download_lat_lon_axis_order(wfs, tmp_path):
    """WFS 2.0 with urn:...EPSG::4326 means latitude first; the result must still be lon/lat."""
    url, handler = wfs
    to_latlon = Transformer.from_crs(28992, 4326)  # authority axis order: lat, lon
    features = _features()
    for f in features:
        geom = shapely.transform(shape(f["geometry"]), lambda c: np.column_stack(to_latlon.transform(c[:, 0], c[:, 1])))
        f["geometry"] = shapely.geometry.mapping(geom)
    handler.features, handler.crs_name = features, "urn:ogc:def:crs:EPSG::4326"
    _assert_good_file(download(2025, base_url=url, dest_dir=tmp_path))


def test_download_maps_code_naam_properties(wfs, tmp_path):
    url, handler = wfs
    handler.features = _features("code", "naam")
    _assert_good_file(download(2025, base_url=url, dest_dir=tmp_path))


def test_download_rejects_invalid_data_and_keeps_old_file(wfs, tmp_path):
    url, handler = wfs
    handler.features = _features()
    handler.features[0]["properties"]["statcode"] = "XX01"
    old = tmp_path / "gemeenten_2025.geojson"
    old.write_text("previous good file")
    with pytest.raises(GeodataError, match="XX01"):
        download(2025, base_url=url, dest_dir=tmp_path)
    assert old.read_text() == "previous good file"
    assert [p.name for p in tmp_path.iterdir()] == [old.name]


def test_http_500_names_url(wfs, tmp_path):
    url, handler = wfs
    handler.status = 500
    with pytest.raises(GeodataError) as info:
        download(2025, base_url=url, dest_dir=tmp_path)
    assert url in str(info.value) and "500" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_unreachable_names_url(tmp_path):
    with socket.socket() as sock:  # grab a free port, then close it: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/wfs"
    with pytest.raises(GeodataError) as info:
        download(2025, base_url=url, dest_dir=tmp_path, timeout=5)
    assert url in str(info.value)


def test_cli_download(wfs, tmp_path, run_cli):
    url, _ = wfs
    result = run_cli("download", "--year", "2025", "--url", url, "--dest", str(tmp_path), "--page-size", "2")
    assert result.returncode == 0, result.stderr
    _assert_good_file(tmp_path / "gemeenten_2025.geojson")


def test_cli_download_error_has_no_traceback(wfs, tmp_path, run_cli):
    url, handler = wfs
    handler.status = 500
    result = run_cli("download", "--url", url, "--dest", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and url in result.stderr
