"""Figure builders of the map: geometry once, values only in patches."""

import json

import plotly

from dashboard.features.map.figures import (legend_rows, map_figure, map_values_payload, stepped_colorscale,
                                            summary_sentence)
from dashboard.features.map._view_model import values_for


def _json(obj) -> str:
    return json.dumps(obj, cls=plotly.utils.PlotlyJSONEncoder)


def test_map_figure_has_geometry_names_and_no_basemap(data):
    values = values_for(data, "gemeente", "dekking", 2019, "nl")
    figure = map_figure(data.geojson["gemeente"], values, data.names("gemeente"))
    trace = figure.data[0]
    assert trace.type == "choropleth" and list(trace.locations) == list(data.codes["gemeente"])
    assert trace.customdata[list(trace.locations).index("GM0006")] == "'s-Gravendeel"
    assert trace.text[0] == "3/3 pijlers"
    assert figure.layout.geo.visible is False and figure.layout.geo.fitbounds == "locations"
    assert len(trace.geojson["features"]) == 6
    assert trace.selectedpoints is None


def test_payload_carries_values_not_geometry_or_names(data):
    values = values_for(data, "gemeente", "beleid", 2019, "nl")
    payload = map_values_payload(values, {"GM0003"}, "gemeente")
    text = _json(payload)
    assert "coordinates" not in text and "Cuijk" not in text
    assert [payload["labels"][i] for i in payload["h"]] == list(values.hover)
    assert len(payload["labels"]) == len(set(values.hover)) < len(values.hover)  # repeated lines travel once
    assert payload["z"] == values.z and payload["n"] == 6 and payload["level"] == "gemeente"
    assert payload["selected"] == [2]
    full = _json(map_figure(data.geojson["gemeente"], values, data.names("gemeente")).to_plotly_json())
    assert len(text) < len(full)


def test_payload_without_filter_selects_nothing(data):
    values = values_for(data, "zorgregio", "dekking", 2019, "nl")
    assert map_values_payload(values, None, "zorgregio")["selected"] is None


def test_stepped_colorscale_bands():
    scale = stepped_colorscale((("a", "#000"), ("b", "#fff")))
    assert scale == [[0, "#000"], [0.5, "#000"], [0.5, "#fff"], [1.0, "#fff"]]
    assert stepped_colorscale((("a", "#123"),)) == [[0, "#123"], [1, "#123"]]


def test_legend_rows_explain_every_colour_with_counts(data):
    values = values_for(data, "zorgregio", "zorgcoordinator", 2019, "nl")
    rows = legend_rows(values, "nl")
    assert [key for key, *_ in rows] == [key for key, _ in values.palette]
    assert {key: count for key, _, _, count in rows if count} == {"ja_eerder": 1, "nee_eerder": 1}


def test_summary_sentence_counts_classes(data):
    values = values_for(data, "zorgregio", "zorgcoordinator", 2019, "nl")
    sentence = summary_sentence(values, "nl")
    assert sentence.endswith(".") and sentence.count(";") == 1 and sentence.startswith("1 ")
