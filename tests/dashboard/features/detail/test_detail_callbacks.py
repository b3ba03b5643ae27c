"""The selection callbacks, posted as the renderer posts them."""


def post(app, client, output_key: str, outputs, inputs, state, changed):
    key = next(k for k in app.callback_map if output_key in k)
    response = client.post("/_dash-update-component", json={"output": key, "outputs": outputs, "inputs": inputs,
                                                            "state": state, "changedPropIds": changed})
    assert response.status_code in (200, 204), response.get_data(as_text=True)
    return response.get_json()["response"] if response.status_code == 200 else None


def test_selecting_runs_in_the_browser(app):
    """selectArea (assets/dekkingskaart.js): map click, picker, close and level change need no server;
    the picker's options come from the level's geometry file (areaOptions)."""
    for key in ("..store-selection.data...area-picker.value..", "area-picker.options"):
        assert key in app.callback_map and "callback" not in app.callback_map[key], key


def test_the_detail_panel_follows_the_selection(app, client):
    outputs = [{"id": "detail", "property": "children"}, {"id": "detail-close", "property": "hidden"}]
    inputs = [{"id": "store-selection", "property": "data", "value": "GM0006"},
              {"id": "control-year", "property": "value", "value": 2019},
              {"id": "control-compare", "property": "value", "value": []},
              {"id": "control-compare-year", "property": "value", "value": 2017}]
    state = [{"id": "control-level", "property": "value", "value": "gemeente"},
             {"id": "url", "property": "search", "value": "?taal=en"}]
    answer = post(app, client, "detail.children", outputs, inputs, state, ["store-selection.data"])
    assert answer["detail-close"]["hidden"] is False
    assert "'s-Gravendeel" in str(answer["detail"]["children"]) and "inferred" in str(answer["detail"]["children"])
