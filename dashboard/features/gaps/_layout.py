"""The gap table: a plain HTML table of the areas not fully covered, one page of rows at a time, with
search, sortable columns, a pager and downloads. The server renders every page; no grid library."""

from __future__ import annotations

from dash import dcc, html

from ...i18n import t
from ...state import ViewState
from . import _ids as ids
from ._view_model import (ALL_FIELDS, TablePage, columns, compare_columns, fields, gap_rows, page_of, status_text,
                          title)

#: the column whose cell names the row (a row header for screen readers)
ROW_HEADER = "naam"


def header_id(field: str) -> str:
    return f"{ids.GAPS_HEADER}-{field}"


def sort_button_id(field: str) -> str:
    """Plain ids, one per column of any level (the header never changes, so they always exist)."""
    return f"{ids.GAPS_SORT}-{field}"


def gap_grid(data, state: ViewState) -> list:
    """The section's content. The header holds every column of any level and of a comparison (the ones the
    view lacks hidden), so a change of level, comparison, sort or page only sets attributes, the comparison
    column's year and the table body, never the header's buttons."""
    lang, level, compare = state.taal, state.niveau, state.vergelijk
    page = page_of(gap_rows(data, state), 0)
    headers = dict(columns("gemeente", lang) + columns("zorgregio", lang) + compare_columns(lang, compare))
    shown = set(fields(level, compare))
    hint_id = f"{ids.GAPS_GRID}-hint"
    return [
        html.H2(title(state), id=ids.GAPS_TITLE),
        html.P(t(lang, "gaps_intro"), className="muted"),
        html.Div([
            html.Label(t(lang, "search"), htmlFor=ids.GAPS_SEARCH, className="sr-only"),
            # the search runs on the server: wait for a pause in typing instead of a request per key
            dcc.Input(id=ids.GAPS_SEARCH, type="search", placeholder=t(lang, "search"), debounce=0.4,
                      className="search", maxLength=200, autoComplete="off"),
            html.Button(t(lang, "download_csv"), id=ids.DOWNLOAD_CSV, className="button"),
            html.Button(t(lang, "download_xlsx"), id=ids.DOWNLOAD_XLSX, className="button"),
        ], className="table-tools"),
        html.P(t(lang, "gaps_sort_hint"), id=hint_id, className="muted small"),
        html.Div(
            html.Table([
                html.Thead(html.Tr([
                    html.Th(html.Button(headers[field], id=sort_button_id(field), className="sort-button"),
                            id=header_id(field), scope="col", hidden=field not in shown)
                    for field in ALL_FIELDS])),
                html.Tbody(table_rows(page.rows, level, compare), id=ids.GAPS_BODY),
            ], className="gap-table", **{"aria-labelledby": ids.GAPS_TITLE, "aria-describedby": hint_id}),
            id=ids.GAPS_GRID, className="gap-table-scroll", role="region", tabIndex="0",
            **{"aria-labelledby": ids.GAPS_TITLE}),
        html.Div([
            html.Button(t(lang, "gaps_previous"), id=ids.GAPS_PREV, className="button pager-button",
                        **{"aria-disabled": _disabled(not page.has_previous), "aria-controls": ids.GAPS_GRID}),
            html.P(status_text(page, lang), id=ids.GAPS_STATUS, className="pager-status",
                   **{"aria-live": "polite"}),
            html.Button(t(lang, "gaps_next"), id=ids.GAPS_NEXT, className="button pager-button",
                        **{"aria-disabled": _disabled(not page.has_next), "aria-controls": ids.GAPS_GRID}),
        ], className="pager", role="group", **{"aria-label": t(lang, "gaps_pager")}),
        dcc.Store(id=ids.GAPS_PAGE, data=0),
        dcc.Store(id=ids.GAPS_SORT_STATE, data=None),
        dcc.Download(id=ids.DOWNLOAD),
    ]


def table_rows(rows: list[dict], level: str, compare: int | None = None) -> list:
    """One <tr> per row: plain text cells, the name as the row's header. Nothing else per row: this is
    what every change of the table sends."""
    cols = fields(level, compare)
    return [html.Tr([html.Th(row.get(f, ""), scope="row") if f == ROW_HEADER else html.Td(row.get(f, ""))
                     for f in cols]) for row in rows]


def pager_values(page: TablePage, lang: str) -> tuple[str, str, str]:
    """The pager's status text and whether 'Vorige' and 'Volgende' are disabled ('true'/'false')."""
    return status_text(page, lang), _disabled(not page.has_previous), _disabled(not page.has_next)


def _disabled(value: bool) -> str:
    """aria-disabled rather than disabled: a button that becomes unavailable under the keyboard keeps focus."""
    return "true" if value else "false"

