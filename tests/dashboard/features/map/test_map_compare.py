"""Comparing two years on the map: the control, the callback's values, legend and text alternative."""

from __future__ import annotations

from dash import dcc

from dashboard.compare import COMPARE_PALETTE
from dashboard.features.map import _callbacks as map_callbacks
from dashboard.features.map import _ids as ids
from dashboard.features.map._layout import compare_control, default_compare_year
from dashboard.features.map._view_model import state_values, view_heading
from dashboard.state import ViewState
from tests.dashboard.conftest import component_text, find_component, render_page_request
from tests.dashboard.features.map.test_map_controls import find


def test_the_control_is_a_checkbox_and_a_year_dropdown_disabled_while_off(data):
    years = data.choices.years
    off = compare_control(years, ViewState(jaar=2021))
    toggle, year = find(off, ids.COMPARE_ON), find(off, ids.COMPARE_YEAR)
    assert isinstance(toggle, dcc.Checklist) and toggle.value == []
    assert isinstance(year, dcc.Dropdown) and year.disabled and year.value == years[0]
    on = compare_control(years, ViewState(jaar=2021, vergelijk=2017))
    assert find(on, ids.COMPARE_ON).value == ["on"]
    assert find(on, ids.COMPARE_YEAR).value == 2017 and not find(on, ids.COMPARE_YEAR).disabled
    # the first year compared with the first year would compare nothing: then the last
    assert default_compare_year(years, years[0]) == years[-1]


def test_the_page_of_a_comparison_address_shows_the_control_on(app):
    client = app.server.test_client()
    body = render_page_request(app, "/", "?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019&vergelijk=2016")
    response = client.post("/_dash-update-component", json=body)
    page = response.get_json()["response"]["page"]["children"]
    assert find_component(page, ids.COMPARE_ON)["props"]["value"] == ["on"]
    assert find_component(page, ids.COMPARE_YEAR)["props"]["value"] == 2016
    text = component_text(find_component(page, ids.LEGEND))
    assert "Nieuw bekend" in text and "2019 ten opzichte van 2016" in text


def test_the_callback_sends_the_comparison_only_while_it_is_on(context):
    args = ("zorgregio", "zorgcoordinator", 2019, None, None, None, [])
    plain = map_callbacks.update_map(context, *args, [], 2016, "", None)
    compared = map_callbacks.update_map(context, *args, ["on"], 2016, "", None)
    assert plain[0]["colorscale"] != compared[0]["colorscale"]
    assert [colour for _, colour in compared[0]["colorscale"][1::2]] == [c for _, c in COMPARE_PALETTE]
    assert all(line.startswith("2016: ") and " → 2019: " in line for line in compared[0]["labels"])
    legend = component_text(compared[1])
    assert "Nieuw bekend" in legend and "Gelijk gebleven" in legend
    assert "2019 vergeleken met 2016" in compared[3]  # the text alternative names both years
    assert compared[4]["classes"][0] == "Verbeterd"  # the table's words follow
    # a tampered year is refused like a URL's: no comparison
    assert map_callbacks.update_map(context, *args, ["on"], 1850, "", None)[0] == plain[0]


def test_the_heading_names_both_years(data):
    assert view_heading(ViewState(indicator="beleid", jaar=2021, vergelijk=2017)) == "Beleid, 2021 vergeleken met 2017"
    assert view_heading(ViewState(indicator="beleid", jaar=2021, taal="en")) == "Policy, 2021"
    state = ViewState(niveau="gemeente", indicator="beleid", jaar=2019, vergelijk=2016)
    assert set(state_values(data, state).classes) <= {key for key, _ in COMPARE_PALETTE}


def test_comparing_the_shown_year_with_itself_says_so(context):
    answer = map_callbacks.update_map(context, "zorgregio", "zorgcoordinator", 2019, None, None, None, [], ["on"], 2019,
                                      "", None)
    assert "kies een ander jaar dan 2019" in component_text(answer[1])
    assert "Nieuw bekend" not in component_text(answer[1])  # no comparison drawn
