"""The gap table follows level, year and filters (not the indicator); search and downloads."""

from __future__ import annotations

from dash import Input, Output, Patch, State, ctx, dcc

from ...i18n import language_of, t
from ...server.callbacks import bound
from ..map import _ids as map_ids
from ..map._callbacks import STATE_INPUTS, state_from_controls
from ..page import _ids as page_ids
from . import _ids as ids
from ._layout import column_defs
from ._view_model import download_footer, gap_rows, to_csv_bytes, to_xlsx_bytes


def update_gaps(context, level, year, province, region, unit, status, search):
    """The gap table does not depend on the indicator, so an indicator change leaves it alone."""
    state = state_from_controls(context, level, None, year, province, region, unit, status, language_of(search))
    return (gap_rows(context.data.current(), state), column_defs(state.niveau, state.taal),
            t(state.taal, "gaps_title", year=state.jaar))


def search_gaps(context, text):
    options = Patch()
    options["quickFilterText"] = (text or "")[:200]
    return options


def download(context, _csv, _xlsx, shown_rows, all_rows, level, indicator, year, province, region, unit, status,
             search):
    """Exactly what is shown: the grid's rows after its own search and sort, with provenance lines."""
    data = context.data.current()
    state = state_from_controls(context, level, indicator, year, province, region, unit, status, language_of(search))
    rows = [r for r in (shown_rows if shown_rows is not None else all_rows or []) if isinstance(r, dict)]
    footer = download_footer(data, state)
    stem = f"dekkingskaart-vlekken-{state.niveau}-{state.jaar}"
    if ctx.triggered_id == ids.DOWNLOAD_XLSX:
        return dcc.send_bytes(to_xlsx_bytes(rows, state.niveau, state.taal, footer), stem + ".xlsx")
    return dcc.send_bytes(to_csv_bytes(rows, state.niveau, state.taal, footer), stem + ".csv")


def register(app, context) -> None:
    app.callback(
        Output(ids.GAPS_GRID, "rowData"), Output(ids.GAPS_GRID, "columnDefs"), Output(ids.GAPS_TITLE, "children"),
        *[i for i in STATE_INPUTS if i.component_id != map_ids.INDICATOR], State(page_ids.URL, "search"),
        prevent_initial_call=True)(bound(context, update_gaps))
    app.callback(Output(ids.GAPS_GRID, "dashGridOptions"), Input(ids.GAPS_SEARCH, "value"),
                 prevent_initial_call=True)(bound(context, search_gaps))
    app.callback(Output(ids.DOWNLOAD, "data"), Input(ids.DOWNLOAD_CSV, "n_clicks"), Input(ids.DOWNLOAD_XLSX, "n_clicks"),
                 State(ids.GAPS_GRID, "virtualRowData"), State(ids.GAPS_GRID, "rowData"),
                 *[State(i.component_id, i.component_property) for i in STATE_INPUTS],
                 State(page_ids.URL, "search"), prevent_initial_call=True)(bound(context, download))
