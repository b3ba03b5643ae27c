"""The gap table follows level, year, filters (not the indicator), its search, its sort buttons and its
pager; the downloads hold what it shows over all pages.

A change sends one page of rows (the table body), the pager's text and state, and only the header
attributes that changed (aria-sort after a sort, hidden columns after a level or comparison change, the
comparison column's year after a comparison change): never all rows.
"""

from __future__ import annotations

from dash import Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from ...i18n import language_of
from ...server.callbacks import bound
from ..map import _ids as map_ids
from ..map._callbacks import STATE_INPUTS, compare_choice, state_from_controls
from ..page import _ids as page_ids
from . import _ids as ids
from ._layout import header_id, pager_values, sort_button_id, table_rows
from ._view_model import (ALL_FIELDS, COMPARE_FIELDS, compare_columns, download_header, download_name, fields,
                          gap_rows, next_sort, page_of, shown_rows, title, to_csv_bytes, to_xlsx_bytes, valid_sort)

#: the inputs of the table that are the view's controls: a change of any of them starts at page 1
VIEW_INPUTS = [i for i in STATE_INPUTS if i.component_id != map_ids.INDICATOR]
#: the header cells a level hides or shows (every other column belongs to every level)
LEVEL_COLUMNS = [field for field in ALL_FIELDS if field not in set(fields("gemeente")) & set(fields("zorgregio"))]
#: the header cells a level or a comparison hides or shows
TOGGLED_COLUMNS = LEVEL_COLUMNS + [field for field in COMPARE_FIELDS if field not in LEVEL_COLUMNS]
#: the comparison's inputs: a change of either refreshes the title, the hidden columns and the column's year
COMPARE_PROPS = {f"{map_ids.COMPARE_ON}.value", f"{map_ids.COMPARE_YEAR}.value"}


def _clicked_column(sort_clicks) -> str | None:
    """The column whose sort button was clicked (None when no button was, or a button without a click)."""
    for prop_id in ctx.triggered_prop_ids:
        for field, clicks in zip(ALL_FIELDS, sort_clicks):
            if prop_id == f"{sort_button_id(field)}.n_clicks" and clicks:
                return field
    return None


def update_gaps(context, level, year, province, region, unit, status, compare_on, compare_year, search,
                *clicks_and_state):
    """One page of the table for the view, search, sort and page. The indicator is not an input: an
    indicator change leaves the table alone. After the search come the clicks of each column's sort
    button (ALL_FIELDS), of 'Vorige' and 'Volgende', then the URL's query, the sort and the page."""
    *sort_clicks, _previous, _next, url_search, sort, page = clicks_and_state
    state = state_from_controls(context, level, None, year, province, region, unit, status, language_of(url_search),
                                compare=compare_choice(compare_on, compare_year))
    compare = state.vergelijk
    triggered = set(ctx.triggered_prop_ids)
    old_sort = valid_sort(sort, state.niveau, compare)
    column = _clicked_column(sort_clicks)
    new_sort = next_sort(old_sort, column, state.niveau, compare) if column else old_sort
    old_page = page if isinstance(page, int) and not isinstance(page, bool) else 0
    pager_only = bool(triggered) and triggered <= {f"{ids.GAPS_PREV}.n_clicks", f"{ids.GAPS_NEXT}.n_clicks"}
    if pager_only:
        wanted = old_page + (1 if f"{ids.GAPS_NEXT}.n_clicks" in triggered else -1)
    else:
        wanted = 0  # a new view, search or sort starts at the first page

    rows = shown_rows(gap_rows(context.data.current(), state), state.niveau, search, new_sort, compare)
    shown = page_of(rows, wanted)
    if pager_only and shown.page == old_page:
        raise PreventUpdate  # 'Vorige' on the first page, 'Volgende' on the last: nothing changes
    status_line, previous_disabled, next_disabled = pager_values(shown, state.taal)
    # a request that names no trigger (not the renderer's) gets every attribute
    sort_changed = new_sort != sort or not triggered
    compare_changed = bool(triggered & COMPARE_PROPS) or not triggered
    level_changed = f"{map_ids.LEVEL}.value" in triggered or not triggered
    heading = title(state) if f"{map_ids.YEAR}.value" in triggered or compare_changed else no_update
    aria_sort = [(new_sort["direction"] if new_sort and new_sort["column"] == field else None)
                 if sort_changed else no_update for field in ALL_FIELDS]
    # a level change shows or hides the level's columns, a comparison change the comparison's (each sends
    # only its own cells: a level change is frequent, and the comparison columns do not depend on the level)
    hidden = [field not in fields(state.niveau, compare)
              if (compare_changed if field in COMPARE_FIELDS else level_changed) else no_update
              for field in TOGGLED_COLUMNS]
    compare_header = dict(compare_columns(state.taal, compare))["vergeleken"] if compare_changed else no_update
    return (table_rows(shown.rows, state.niveau, compare), status_line, previous_disabled, next_disabled, heading,
            shown.page, new_sort if new_sort != sort else no_update, *aria_sort, *hidden, compare_header)


def download(context, _csv, _xlsx, level, indicator, year, province, region, unit, status, compare_on, compare_year,
             search, sort, url_search):
    """Exactly what the table shows over all its pages (searched and sorted), after a header block with
    the view, the search and sort, the data version and the sources; the file name carries the view."""
    data = context.data.current()
    state = state_from_controls(context, level, indicator, year, province, region, unit, status,
                                language_of(url_search), compare=compare_choice(compare_on, compare_year))
    search = search if isinstance(search, str) else ""
    rows = shown_rows(gap_rows(data, state), state.niveau, search, sort, state.vergelijk)
    header = download_header(data, state, search, sort, len(rows))
    if ctx.triggered_id == ids.DOWNLOAD_XLSX:
        return dcc.send_bytes(to_xlsx_bytes(rows, state.niveau, state.taal, header, state.vergelijk),
                              download_name(data, state, "xlsx"))
    return dcc.send_bytes(to_csv_bytes(rows, state.niveau, state.taal, header, state.vergelijk),
                          download_name(data, state, "csv"))


def register(app, context) -> None:
    app.callback(
        Output(ids.GAPS_BODY, "children"), Output(ids.GAPS_STATUS, "children"),
        Output(ids.GAPS_PREV, "aria-disabled"), Output(ids.GAPS_NEXT, "aria-disabled"),
        Output(ids.GAPS_TITLE, "children"), Output(ids.GAPS_PAGE, "data"), Output(ids.GAPS_SORT_STATE, "data"),
        *[Output(header_id(field), "aria-sort") for field in ALL_FIELDS],
        *[Output(header_id(field), "hidden") for field in TOGGLED_COLUMNS],
        Output(sort_button_id("vergeleken"), "children"),
        *VIEW_INPUTS, Input(ids.GAPS_SEARCH, "value"), *[Input(sort_button_id(field), "n_clicks") for field in ALL_FIELDS],
        Input(ids.GAPS_PREV, "n_clicks"), Input(ids.GAPS_NEXT, "n_clicks"),
        State(page_ids.URL, "search"), State(ids.GAPS_SORT_STATE, "data"), State(ids.GAPS_PAGE, "data"),
        prevent_initial_call=True)(bound(context, update_gaps))
    app.callback(Output(ids.DOWNLOAD, "data"), Input(ids.DOWNLOAD_CSV, "n_clicks"), Input(ids.DOWNLOAD_XLSX, "n_clicks"),
                 *[State(i.component_id, i.component_property) for i in STATE_INPUTS],
                 State(ids.GAPS_SEARCH, "value"), State(ids.GAPS_SORT_STATE, "data"),
                 State(page_ids.URL, "search"), prevent_initial_call=True)(bound(context, download))

