"""Map callbacks. Every change, a new level too, sends only a compact payload of values and the address of
the level's geometry file; a clientside function applies it to the figure in the browser (see
`figures.map_values_payload` and `_geometry.py`)."""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, State, ctx, html, no_update

from ...i18n import language_of, t
from ...registry import FILTER_LEVELS, LEVELS
from ...server.callbacks import bound
from ...state import ViewState, parse_params
from ..page import _ids as page_ids
from . import _ids as ids
from . import _layout as layout
from . import figures
from ._geometry import geometry_url
from ._view_model import areas_kept, map_alt, map_table_key, map_table_text, state_values

#: the controls that make up a view, in the order every callback receives them
STATE_INPUTS = [Input(ids.LEVEL, "value"), Input(ids.INDICATOR, "value"), Input(ids.YEAR, "value"),
                *[Input(level.filter_control, "value") for level in FILTER_LEVELS], Input(ids.STATUS, "value"),
                Input(ids.COMPARE_ON, "value"), Input(ids.COMPARE_YEAR, "value")]


def compare_choice(compare_on, compare_year):
    """The year compared with, from the checkbox and the dropdown (None: the comparison is off)."""
    return compare_year if isinstance(compare_on, list) and "on" in compare_on else None


def state_from_controls(context, level, indicator, year, province, region, unit, status, lang,
                        selection=None, compare=None) -> ViewState:
    """Controls can be tampered with like a URL: validate them through the same parser."""
    raw = {"niveau": level, "indicator": indicator, "jaar": str(year) if year is not None else None,
           "vergelijk": str(compare) if isinstance(compare, int) and not isinstance(compare, bool) else None,
           "provincie": province, "regio": region, "eenheid": unit,
           "status": ",".join(status) if isinstance(status, list) else None, "selectie": selection, "taal": lang}
    state, _ = parse_params({k: v for k, v in raw.items() if isinstance(v, str)}, context.data.current().choices)
    return state


def update_map(context, level, indicator, year, province, region, unit, status, compare_on, compare_year, search,
               table_key=None):
    """Values only; the browser takes a new level's geometry and names from its file (its cache), and the
    table's words only when they differ from the ones it holds (`table_key`)."""
    data = context.data.current()
    compare = compare_choice(compare_on, compare_year)
    state = state_from_controls(context, level, indicator, year, province, region, unit, status, language_of(search),
                                compare=compare)
    values = state_values(data, state)
    selected = areas_kept(data, state)
    payload = figures.map_values_payload(values, selected, state.niveau, geometry_url(data, state.niveau))
    key = map_table_key(values, state.taal)
    text = (no_update, no_update) if key == table_key else (map_table_text(values, state.taal), key)
    legend = layout.legend(values, state.taal, selected is not None)
    if compare is not None and compare == state.jaar:  # the comparison is on, but with the shown year itself
        legend.append(html.P(t(state.taal, "compare_same_year", year=state.jaar), className="small"))
    return (payload, legend,
            layout.not_defined_block(values, state.taal), map_alt(values, state), *text)


def go_to_level(context, clicks):
    """The 'show at level' button of an indicator that is not defined at the current level."""
    if not any(clicks or []):
        return no_update
    level = ctx.triggered_id.get("level") if isinstance(ctx.triggered_id, dict) else None
    return level if level in LEVELS else no_update  # the id comes from the client: only a known level


def register(app, context) -> None:
    app.callback(
        Output(ids.MAP_VALUES, "data"),
        Output(ids.LEGEND_ITEMS, "children"), Output(ids.NOT_DEFINED, "children"), Output(ids.MAP_ALT, "children"),
        Output(ids.MAP_TABLE_TEXT, "data"), Output(ids.MAP_TABLE_KEY, "data"),
        *STATE_INPUTS, State(page_ids.URL, "search"), State(ids.MAP_TABLE_KEY, "data"),
        prevent_initial_call=True)(bound(context, update_map))
    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="applyMapValues"),
        Output(ids.MAP, "figure"), Input(ids.MAP_VALUES, "data"), State(ids.MAP, "figure"),
        prevent_initial_call=True)
    # the map's table (text alternative) is built in the browser from the figure it describes
    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="mapTable"),
        Output(ids.MAP_TABLE, "data-rows"), Input(ids.MAP, "figure"), Input(ids.MAP_TABLE_TEXT, "data"),
        State(page_ids.URL, "search"), State(ids.MAP_TABLE, "id"))
    # the comparison year can be chosen only while the comparison is on
    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="compareYearEnabled"),
        Output(ids.COMPARE_YEAR, "disabled"), Input(ids.COMPARE_ON, "value"), prevent_initial_call=True)
    app.callback(Output(ids.LEVEL, "value"), Input({"type": ids.GO_TO_LEVEL, "level": ALL}, "n_clicks"),
                 prevent_initial_call=True)(bound(context, go_to_level))
    # play through the years, in the browser: each step is an ordinary change of the slider's value
    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="playYears"),
        Output(ids.YEAR, "value"), Output(ids.YEAR_TIMER, "disabled"),
        Output(ids.YEAR_TIMER, "interval"), Output(ids.YEAR_PLAY, "children"), Output(ids.YEAR_PLAY, "aria-pressed"),
        Input(ids.YEAR_PLAY, "n_clicks"), Input(ids.YEAR_TIMER, "n_intervals"), Input(ids.YEAR, "value"),
        Input(ids.LEVEL, "value"), State(ids.YEAR_PLAY, "aria-pressed"), State(ids.YEAR, "min"), State(ids.YEAR, "max"),
        State(ids.YEAR_PLAY, "data-play"), State(ids.YEAR_PLAY, "data-pause"), State(page_ids.URL, "search"),
        prevent_initial_call=True)
