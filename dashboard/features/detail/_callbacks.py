"""Selecting an area (map click or picker) and showing its story."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, ctx, no_update

from ...i18n import language_of
from ...server.callbacks import bound
from ..map import _ids as map_ids
from ..map._callbacks import compare_choice, state_from_controls
from ..page import _ids as page_ids
from . import _ids as ids
from . import _layout as layout


def update_detail(context, selection, year, compare_on, compare_year, level, search):
    if selection is None and ctx.triggered_id in (map_ids.YEAR, map_ids.COMPARE_ON, map_ids.COMPARE_YEAR):
        return no_update, no_update  # nothing selected: a year or comparison change has nothing to redraw here
    state = state_from_controls(context, level, None, year, None, None, None, None, language_of(search), selection,
                                compare=compare_choice(compare_on, compare_year))
    if not state.selectie:
        return layout.detail_hint(state.taal), True
    data = context.data.current()
    return layout.detail_panel(data.model, state.niveau, state.selectie, state.jaar, state.taal, state.vergelijk,
                               data), False


def register(app, context) -> None:
    # one selection from a click on the map or the area picker (the keyboard way); a new level or the close
    # button clears it. In the browser (selectArea): no request, and none for the panel when nothing was
    # selected; the server checks the selection where it uses it (update_detail parses it like a URL).
    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="selectArea"),
        Output(ids.SELECTION, "data"), Output(ids.AREA_PICKER, "value"),
        Input(map_ids.MAP, "clickData"), Input(ids.DETAIL_CLOSE, "n_clicks"), Input(map_ids.LEVEL, "value"),
        Input(ids.AREA_PICKER, "value"), State(ids.SELECTION, "data"), prevent_initial_call=True)
    # the picker lists the shown level's areas, by name: from the geometry file the map already holds
    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="areaOptions"),
        Output(ids.AREA_PICKER, "options"), Input(map_ids.MAP_VALUES, "data"), State(ids.AREA_PICKER, "options"),
        prevent_initial_call=True)
    app.callback(Output(ids.DETAIL, "children"), Output(ids.DETAIL_CLOSE, "hidden"),
                 Input(ids.SELECTION, "data"), Input(map_ids.YEAR, "value"),
                 Input(map_ids.COMPARE_ON, "value"), Input(map_ids.COMPARE_YEAR, "value"),
                 State(map_ids.LEVEL, "value"), State(page_ids.URL, "search"),
                 prevent_initial_call=True)(bound(context, update_detail))
