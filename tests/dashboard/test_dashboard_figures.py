"""Figure builders: geometry once, values only in patches."""

import json

import plotly

from dashboard.data import current
from dashboard.figures import growth_figure, map_figure, map_values_payload, stepped_colorscale, summary_sentence


def _json(obj) -> str:
    return json.dumps(obj, cls=plotly.utils.PlotlyJSONEncoder)


def test_map_figure_has_geometry_and_no_basemap():
    data = current()
    values = data.map_values("gemeente", "dekking", 2022, "nl")
    figure = map_figure(data.geojson["gemeente"], values, data.names("gemeente"))
    trace = figure.data[0]
    assert trace.customdata[list(trace.locations).index("GM0363")] == "Amsterdam"
    assert trace.type == "choropleth" and len(trace.locations) == 342
    assert figure.layout.geo.visible is False and figure.layout.geo.fitbounds == "locations"
    assert len(trace.geojson["features"]) == 342


def test_payload_carries_values_not_geometry_or_names():
    data = current()
    values = data.map_values("gemeente", "beleid", 2022, "nl")
    payload = map_values_payload(values, {"GM0363"}, "gemeente")
    text = _json(payload)
    assert "coordinates" not in text and "Amsterdam" not in text
    assert [payload["labels"][i] for i in payload["h"]] == list(values.hover)
    assert payload["z"] == values.z and payload["n"] == 342
    assert payload["selected"] == [list(values.codes).index("GM0363")]
    full = _json(map_figure(data.geojson["gemeente"], values, data.names("gemeente")).to_plotly_json())
    assert len(text) * 25 < len(full)


def test_payload_without_filter_selects_nothing():
    values = current().map_values("zorgregio", "dekking", 2022, "nl")
    assert map_values_payload(values, None, "zorgregio")["selected"] is None


def test_stepped_colorscale_bands():
    scale = stepped_colorscale((("a", "#000"), ("b", "#fff")))
    assert scale == [[0, "#000"], [0.5, "#000"], [0.5, "#fff"], [1.0, "#fff"]]


def test_growth_figure_marks_target_and_year():
    figure = growth_figure(current().model, 2019, "nl")
    assert [s.x0 for s in figure.layout.shapes] == [2022, 2019]
    names = [t.name for t in figure.data]
    assert any("Landelijke bron" in n for n in names)


def test_summary_sentence_counts_classes():
    values = current().map_values("zorgregio", "zorgcoordinator", 2019, "nl")
    sentence = summary_sentence(values, "nl")
    assert sentence.endswith(".") and any(ch.isdigit() for ch in sentence)
