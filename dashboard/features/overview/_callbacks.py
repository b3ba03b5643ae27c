"""The KPI cards and the chart's year line follow the year; the composition chart, its caption and the
statements under it follow the level, indicator and area filters (not the year: the chart shows all years).
When two years are compared (the map's comparison controls), the cards show both years and the difference,
their source lists hold both years' sources, and the chart marks the comparison year too."""

from __future__ import annotations

from dash import Input, Output, Patch, State, no_update

from ...i18n import language_of
from ...registry import FILTER_LEVELS
from ...server.callbacks import bound
from ...state import parse_query
from ..map import _ids as map_ids
from ..map._callbacks import compare_choice, state_from_controls
from ..page import _ids as page_ids
from . import _ids as ids
from .figures import compare_line, composition_patch
from ._layout import growth_parts, kpi_cards, kpi_source_links, view_statement_items


def update_year_panels(context, year, compare_on, compare_year, search):
    state = state_from_controls(context, None, None, year, None, None, None, None, language_of(search),
                                compare=compare_choice(compare_on, compare_year))
    growth = Patch()
    # the first shape is the chosen year, the second the comparison year (see figures.composition_figure)
    growth["layout"]["shapes"][0]["x0"] = state.jaar
    growth["layout"]["shapes"][0]["x1"] = state.jaar
    growth["layout"]["shapes"][1] = compare_line(state.vergelijk, state.jaar, state.taal)
    return kpi_cards(context.data.current(), state.jaar, state.taal, state.vergelijk), growth


def update_growth(context, level, indicator, province, region, unit, year, search):
    """The chart of a new level, indicator or area filter, as a change to the one on the page (its traces and
    the layout a view decides: figures.composition_patch). The comparison year's line comes from the address
    (`vergelijk`, which follows the controls): no extra inputs on a request every level change makes."""
    compare = parse_query(search, context.data.current().choices)[0].vergelijk
    state = state_from_controls(context, level, indicator, year, province, region, unit, None, language_of(search),
                                compare=compare)
    caption, figure, statements = growth_parts(context.data.current().model, state)
    return composition_patch(figure), caption, statements


def show_kpi_sources(context, key, clicks, year, compare_on, compare_year, search):
    """A card's sources (both years' when comparing), sent the first time its list is opened (a year or
    comparison change makes new cards)."""
    if clicks != 1:
        return no_update  # closed again, or opened before: the list is there
    state = state_from_controls(context, None, None, year, None, None, None, None, language_of(search),
                                compare=compare_choice(compare_on, compare_year))
    return kpi_source_links(context.data.current(), state.jaar, key, state.taal, state.vergelijk)


def show_statements(context, clicks, level, indicator, province, region, unit, search):
    """The chart's national statements with their sources, sent the first time the list is opened (a new
    view makes a new, closed list)."""
    if clicks != 1:
        return no_update
    state = state_from_controls(context, level, indicator, None, province, region, unit, None, language_of(search))
    return view_statement_items(context.data.current().model, state)


def register(app, context) -> None:
    app.callback(Output(ids.STATEMENTS_LIST, "children"), Input(ids.STATEMENTS_SUMMARY, "n_clicks"),
                 State(map_ids.LEVEL, "value"), State(map_ids.INDICATOR, "value"),
                 *[State(level.filter_control, "value") for level in FILTER_LEVELS],
                 State(page_ids.URL, "search"), prevent_initial_call=True)(bound(context, show_statements))
    for key in ids.KPI_KEYS:
        def show(clicks, year, compare_on, compare_year, search, key=key):
            return show_kpi_sources(context, key, clicks, year, compare_on, compare_year, search)

        show.__name__ = show.__qualname__ = "show_kpi_sources"  # one named function, one callback per card
        app.callback(Output(ids.kpi_sources_list(key), "children"), Input(ids.kpi_sources_summary(key), "n_clicks"),
                     State(map_ids.YEAR, "value"), State(map_ids.COMPARE_ON, "value"),
                     State(map_ids.COMPARE_YEAR, "value"), State(page_ids.URL, "search"),
                     prevent_initial_call=True)(show)
    app.callback(Output(ids.KPIS, "children"), Output(ids.GROWTH, "figure"), Input(map_ids.YEAR, "value"),
                 Input(map_ids.COMPARE_ON, "value"), Input(map_ids.COMPARE_YEAR, "value"),
                 State(page_ids.URL, "search"), prevent_initial_call=True)(bound(context, update_year_panels))
    app.callback(Output(ids.GROWTH, "figure", allow_duplicate=True), Output(ids.GROWTH_CAPTION, "children"),
                 Output(ids.GROWTH_STATEMENTS, "children"),
                 Input(map_ids.LEVEL, "value"), Input(map_ids.INDICATOR, "value"),
                 *[Input(level.filter_control, "value") for level in FILTER_LEVELS],
                 State(map_ids.YEAR, "value"), State(page_ids.URL, "search"),
                 prevent_initial_call=True)(bound(context, update_growth))
