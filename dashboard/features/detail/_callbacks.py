"""Selecting an area (map click or picker) and showing its story."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, ctx, no_update

from ...i18n import language_of
from ...server.callbacks import bound
from ..map import _ids as map_ids
from ..map._callbacks import state_from_controls
from ..page import _ids as page_ids
from . import _ids as ids
from . import _layout as layout


def select_area(context, click, _close, level, picked):
    """One selection from a click on the map or the area picker (the keyboard way); the picker
    shows what is selected, and a new level starts without a selection."""
    trigger = ctx.triggered_id
    if trigger == map_ids.MAP and click and click.get("points"):
        location = click["points"][0].get("location")
        location = location if isinstance(location, str) else None
        return location, location
    if trigger == ids.AREA_PICKER:
        return (picked if isinstance(picked, str) else None), no_update
    # a new level (its options come from the level's geometry file: assets/dekkingskaart.js areaOptions)
    return None, None


def update_detail(context, selection, year, level, search):
    if selection is None and ctx.triggered_id == map_ids.YEAR:
        return no_update, no_update  # nothing selected: a year change has nothing to redraw here
    state = state_from_controls(context, level, None, year, None, None, None, None, language_of(search), selection)
    if not state.selectie:
        return layout.detail_hint(state.taal), True
    model = context.data.current().model
    return layout.detail_panel(model, state.niveau, state.selectie, state.jaar, state.taal), False


def register(app, context) -> None:
    app.callback(Output(ids.SELECTION, "data"), Output(ids.AREA_PICKER, "value"),
                 Input(map_ids.MAP, "clickData"), Input(ids.DETAIL_CLOSE, "n_clicks"), Input(map_ids.LEVEL, "value"),
                 Input(ids.AREA_PICKER, "value"), prevent_initial_call=True)(bound(context, select_area))
    # the picker lists the shown level's areas, by name: from the geometry file the map already holds
    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="areaOptions"),
        Output(ids.AREA_PICKER, "options"), Input(map_ids.MAP_VALUES, "data"), State(ids.AREA_PICKER, "options"),
        prevent_initial_call=True)
    app.callback(Output(ids.DETAIL, "children"), Output(ids.DETAIL_CLOSE, "hidden"),
                 Input(ids.SELECTION, "data"), Input(map_ids.YEAR, "value"),
                 State(map_ids.LEVEL, "value"), State(page_ids.URL, "search"),
                 prevent_initial_call=True)(bound(context, update_detail))
