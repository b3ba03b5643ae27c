"""The geometry files: one immutable, precompressed, content-addressed file per level; callbacks name it."""

from __future__ import annotations

import dataclasses
import gzip
import json

import brotli
import pytest

from dashboard import ids
from dashboard.features.map import _callbacks as map_callbacks
from dashboard.features.map._geometry import geometry_asset, geometry_document, geometry_url
from dashboard.features.map._view_model import view_map
from dashboard.state import ViewState


def test_the_file_holds_every_area_in_map_order_with_its_name(data):
    document = geometry_document(data, "gemeente")
    assert [f["id"] for f in document["features"]] == list(data.codes["gemeente"])
    names = {f["id"]: f["properties"]["name"] for f in document["features"]}
    assert names["GM0006"] == "'s-Gravendeel"  # names travel in the file, joined on the code


def test_the_address_names_the_content(data):
    asset = geometry_asset(data, "zorgregio")
    assert asset.url == f"/geo/zorgregio.{asset.digest}.json"
    assert geometry_asset(data, "zorgregio") is asset  # built and compressed once per data version
    assert gzip.decompress(asset.gzipped) == asset.raw == brotli.decompress(asset.brotli)
    assert len({geometry_url(data, level) for level in ("gemeente", "zorgregio", "politie", "provincie")}) == 4


@pytest.mark.parametrize("encoding, expected", [("gzip, deflate", "gzip"), ("gzip, deflate, br", "br"), ("", None)])
def test_served_precompressed_and_immutable(client, data, encoding, expected):
    asset = geometry_asset(data, "gemeente")
    response = client.get(asset.url, headers={"Accept-Encoding": encoding})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == expected
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Vary"] == "Accept-Encoding"
    body = {"gzip": asset.gzipped, "br": asset.brotli, None: asset.raw}[expected]
    assert response.data == body
    assert response.mimetype == "application/geo+json"
    assert "Content-Security-Policy" not in response.headers  # not a document
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    again = client.get(asset.url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


@pytest.mark.parametrize("path", ["/geo/gemeente.0000.json", "/geo/../data/dekkingskaart.zip", "/geo/x"])
def test_unknown_files_are_404(client, path):
    assert client.get(path).status_code == 404


def test_a_level_change_sends_values_and_the_address_not_geometry(context, data):
    answer = map_callbacks.update_map(context, "zorgregio", "zorgcoordinator", 2019, None, None, None, [], [], None, "")
    payload = answer[0]
    assert payload["level"] == "zorgregio" and payload["geo"] == geometry_url(data, "zorgregio")
    assert payload["n"] == len(data.codes["zorgregio"])
    text = json.dumps(payload)
    assert "coordinates" not in text and "locations" not in text
    names = data.names("zorgregio").values()
    assert not any(name in text for name in names)  # names come from the file


def test_the_page_figure_names_its_file_and_exports_hold_the_geometry(data):
    state = ViewState(niveau="provincie")
    _, _, page_figure = view_map(data, state, geometry_by_address=True)
    assert page_figure.data[0].geojson == geometry_url(data, "provincie")
    _, _, export_figure = view_map(data, state)
    assert export_figure.data[0].geojson["type"] == "FeatureCollection"


def test_the_map_callback_has_no_figure_output(app):
    outputs = [key for key in app.callback_map if f"{ids.MAP}.figure" in key]
    # only the clientside function that applies the payload writes the figure
    assert len(outputs) == 1
    assert [i["id"] for i in app.callback_map[outputs[0]]["inputs"]] == [ids.MAP_VALUES]
    assert "callback" not in app.callback_map[outputs[0]]  # no server function behind it


def test_other_content_gets_another_address(data):
    geojson = dict(data.geojson)
    features = data.geojson["provincie"]["features"]
    geojson["provincie"] = {**data.geojson["provincie"], "features": features[1:] + features[:1]}
    other = dataclasses.replace(data, geojson=geojson, _memo={})
    assert geometry_url(other, "provincie") != geometry_url(data, "provincie")
    assert geometry_url(other, "gemeente") == geometry_url(data, "gemeente")  # same content, same address


def test_the_page_asks_for_its_geometry_file_at_once(client, data):
    page = client.get("/?niveau=zorgregio").get_data(as_text=True)
    head = page.split("</head>")[0]
    assert f'<link rel="preload" href="{geometry_url(data, "zorgregio")}" as="fetch"' in head
    assert geometry_url(data, "gemeente") in client.get("/?niveau=%3Cx%3E").get_data(as_text=True)  # default level
    assert "/geo/" not in client.get("/bronnen").get_data(as_text=True)


def test_the_table_words_travel_only_when_they_change(context):
    first = map_callbacks.update_map(context, "gemeente", "dekking", 2019, None, None, None, [], [], None, "", None)
    text, key = first[-2], first[-1]
    assert text["classes"] and key.startswith("nl:")
    again = map_callbacks.update_map(context, "gemeente", "dekking", 2018, None, None, None, [], [], None, "", key)
    assert again[-2] is map_callbacks.no_update and again[-1] is map_callbacks.no_update
    english = map_callbacks.update_map(context, "gemeente", "dekking", 2018, None, None, None, [], [], None, "?taal=en", key)
    assert english[-1].startswith("en:") and english[-2]["classes"] != text["classes"]
