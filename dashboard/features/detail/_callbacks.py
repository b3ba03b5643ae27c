"""Selecting an area (map click or picker) and showing its story."""

from __future__ import annotations

from dash import Input, Output, State, ctx, no_update

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
        return location, location, no_update
    if trigger == ids.AREA_PICKER:
        return (picked if isinstance(picked, str) else None), no_update, no_update
    if trigger == map_ids.LEVEL:
        state = state_from_controls(context, level, None, None, None, None, None, None, "nl")
        return None, None, layout.area_options(context.data.current(), state.niveau)
    return None, None, no_update


def update_detail(context, selection, year, level, search):
    if selection is None and ctx.triggered_id == map_ids.YEAR:
        return no_update, no_update  # nothing selected: a year change has nothing to redraw here
    state = state_from_controls(context, level, None, year, None, None, None, None, language_of(search), selection)
    if not state.selectie:
        return layout.detail_hint(state.taal), True
    model = context.data.current().model
    return layout.detail_panel(model, state.niveau, state.selectie, state.jaar, state.taal), False


def register(app, context) -> None:
    app.callback(Output(ids.SELECTION, "data"), Output(ids.AREA_PICKER, "value"), Output(ids.AREA_PICKER, "options"),
                 Input(map_ids.MAP, "clickData"), Input(ids.DETAIL_CLOSE, "n_clicks"), Input(map_ids.LEVEL, "value"),
                 Input(ids.AREA_PICKER, "value"), prevent_initial_call=True)(bound(context, select_area))
    app.callback(Output(ids.DETAIL, "children"), Output(ids.DETAIL_CLOSE, "hidden"),
                 Input(ids.SELECTION, "data"), Input(map_ids.YEAR, "value"),
                 State(map_ids.LEVEL, "value"), State(page_ids.URL, "search"),
                 prevent_initial_call=True)(bound(context, update_detail))
