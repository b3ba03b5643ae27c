"""The KPI cards and the growth chart's year line follow the year."""

from __future__ import annotations

from dash import Input, Output, Patch, State

from ...i18n import language_of
from ...server.callbacks import bound
from ..map import _ids as map_ids
from ..map._callbacks import state_from_controls
from ..page import _ids as page_ids
from . import _ids as ids
from ._layout import kpi_cards


def update_year_panels(context, year, search):
    state = state_from_controls(context, None, None, year, None, None, None, None, language_of(search))
    growth = Patch()
    # the last vertical line is the chosen year (see figures.growth_figure)
    growth["layout"]["shapes"][1]["x0"] = state.jaar
    growth["layout"]["shapes"][1]["x1"] = state.jaar
    return kpi_cards(context.data.current(), state.jaar, state.taal), growth


def register(app, context) -> None:
    app.callback(Output(ids.KPIS, "children"), Output(ids.GROWTH, "figure"), Input(map_ids.YEAR, "value"),
                 State(page_ids.URL, "search"), prevent_initial_call=True)(bound(context, update_year_panels))
