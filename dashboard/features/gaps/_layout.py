"""The gap table: an AG Grid of the areas not fully covered, with search and downloads."""

from __future__ import annotations

import dash_ag_grid as dag
from dash import dcc, html

from ...i18n import t
from ...state import ViewState
from . import _ids as ids
from ._view_model import columns, gap_rows

def gap_grid(data, state: ViewState) -> list:
    lang = state.taal
    rows = gap_rows(data, state)
    return [
        html.H2(t(lang, "gaps_title", year=state.jaar), id=ids.GAPS_TITLE),
        html.P(t(lang, "gaps_intro"), className="muted"),
        html.Div([
            html.Label(t(lang, "search"), htmlFor=ids.GAPS_SEARCH, className="sr-only"),
            dcc.Input(id=ids.GAPS_SEARCH, type="search", placeholder=t(lang, "search"), debounce=False,
                      className="search"),
            html.Button(t(lang, "download_csv"), id=ids.DOWNLOAD_CSV, className="button"),
            html.Button(t(lang, "download_xlsx"), id=ids.DOWNLOAD_XLSX, className="button"),
        ], className="table-tools"),
        dag.AgGrid(id=ids.GAPS_GRID, rowData=rows, columnDefs=column_defs(state.niveau, lang),
                   defaultColDef={"sortable": True, "resizable": True, "filter": False, "wrapText": True,
                                  "autoHeight": True},
                   # keyboard: the grid is one Tab stop (arrow keys move between cells, as in the ARIA grid
                   # pattern) instead of a Tab stop per cell; the functions are parsed by dash-ag-grid, not eval'd
                   dashGridOptions={"pagination": True, "paginationPageSize": 25, "animateRows": False,
                                    "tabToNextCell": {"function": "false"}, "tabToNextHeader": {"function": "false"}},
                   columnSize="responsiveSizeToFit", className="ag-theme-alpine gap-grid", style={"height": "560px"}),
        dcc.Download(id=ids.DOWNLOAD),
    ]


def column_defs(level: str, lang: str) -> list[dict]:
    return [{"field": field, "headerName": header, "minWidth": 90 if field == "code" else 140}
            for field, header in columns(level, lang)]

