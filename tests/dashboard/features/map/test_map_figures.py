"""Figure builders of the map: geometry once, values only in patches."""

import json

import plotly

from dashboard.features.map.figures import (legend_entries, legend_rows, map_figure, map_values_payload, stepped_colorscale,
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


def test_legend_names_the_kinds_of_arrangement_with_their_confidence(data):
    from dashboard.features.map._layout import legend

    values = values_for(data, "gemeente", "rtm", 2019, "nl")
    labels = [label for _, _, label in legend_entries(values, "nl")]
    assert labels == ["Regionale Tafel (3)", "Regionale Tafel, laatst bekend eerder jaar (0)",
                      "Ander regionaal verband (0)", "Ander regionaal verband, laatst bekend eerder jaar (0)",
                      "Geen bekend (geen bron noemt een verband) (3)", "Onbekend (geen bron) (0)"]
    # an inferred state (confidence C) is counted beside its class: 'aanname'
    coordinator = values_for(data, "gemeente", "zorgcoordinator", 2019, "nl")
    assert dict((k, label) for k, _, label in legend_entries(coordinator, "nl"))["nee_eerder"] == \
        "Nee, laatst bekend eerder jaar (4; waarvan 1 aanname)"
    english = dict((k, label) for k, _, label in legend_entries(coordinator, "en"))
    assert english["nee_eerder"] == "No, last known in an earlier year (4; 1 inferred)"
    text = str(legend(values, "nl", False))
    assert "Regionale Tafel (3)" in text and "Geen bekend" in text


def test_indicator_choices_follow_the_data(data):
    from dashboard.features.map._layout import controls
    from dashboard.state import ViewState

    text = str(controls(data, ViewState(jaar=2019)))
    assert "Regionaal verband (tafel of ander)" in text and "'value': 'rtm'" in text
    assert "capaciteit" not in text  # the fixture publishes no capacity
