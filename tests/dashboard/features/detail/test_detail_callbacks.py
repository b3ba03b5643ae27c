"""The selection callbacks, posted as the renderer posts them."""


def post(app, client, output_key: str, outputs, inputs, state, changed):
    key = next(k for k in app.callback_map if output_key in k)
    response = client.post("/_dash-update-component", json={"output": key, "outputs": outputs, "inputs": inputs,
                                                            "state": state, "changedPropIds": changed})
    assert response.status_code in (200, 204), response.get_data(as_text=True)
    return response.get_json()["response"] if response.status_code == 200 else None


def test_a_new_level_clears_the_selection_and_sends_no_names(app, client):
    outputs = [{"id": "store-selection", "property": "data"}, {"id": "area-picker", "property": "value"}]
    inputs = [{"id": "map", "property": "clickData", "value": None},
              {"id": "detail-close", "property": "n_clicks", "value": None},
              {"id": "control-level", "property": "value", "value": "politie"},
              {"id": "area-picker", "property": "value", "value": "GM0001"}]
    answer = post(app, client, "store-selection.data", outputs, inputs, [], ["control-level.value"])
    assert answer["store-selection"]["data"] is None and answer["area-picker"]["value"] is None
    # the picker's options come from the level's geometry file in the browser (areaOptions)
    assert "options" not in answer["area-picker"]
    picker = next(k for k in app.callback_map if k == "area-picker.options")
    assert "callback" not in app.callback_map[picker]  # clientside


def test_the_detail_panel_follows_the_selection(app, client):
    outputs = [{"id": "detail", "property": "children"}, {"id": "detail-close", "property": "hidden"}]
    inputs = [{"id": "store-selection", "property": "data", "value": "GM0006"},
              {"id": "control-year", "property": "value", "value": 2019}]
    state = [{"id": "control-level", "property": "value", "value": "gemeente"},
             {"id": "url", "property": "search", "value": "?taal=en"}]
    answer = post(app, client, "detail.children", outputs, inputs, state, ["store-selection.data"])
    assert answer["detail-close"]["hidden"] is False
    assert "'s-Gravendeel" in str(answer["detail"]["children"]) and "inferred" in str(answer["detail"]["children"])
