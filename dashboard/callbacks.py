"""Callbacks: thin glue from control values to the pure builders.

The map callback sends the GeoJSON only when the level changes; every other
change sends a compact payload of values that a clientside function applies. No callback reads a file: data comes
from `data.current()`.
"""

from __future__ import annotations

import datetime as _dt
import logging
import time

import flask
from dash import ALL, ClientsideFunction, Input, Output, Patch, State, ctx, dcc, no_update

from . import export, figures, gaps, ids, layout, snapshots
from .data import current
from .detail import detail_panel
from .i18n import language_of, t
from .indicators import areas_kept
from .state import LEVELS, ViewState, parse_params, parse_query, to_query

log = logging.getLogger(__name__)

STATE_INPUTS = [Input(ids.LEVEL, "value"), Input(ids.INDICATOR, "value"), Input(ids.YEAR, "value"),
                Input(ids.PROVINCE, "value"), Input(ids.CARE_REGION, "value"), Input(ids.POLICE_UNIT, "value"),
                Input(ids.STATUS, "value")]


def state_from_controls(level, indicator, year, province, region, unit, status, lang, selection=None) -> ViewState:
    """Controls can be tampered with like a URL: validate them through the same parser."""
    raw = {"niveau": level, "indicator": indicator, "jaar": str(year) if year is not None else None,
           "provincie": province, "regio": region, "eenheid": unit,
           "status": ",".join(status) if isinstance(status, list) else None, "selectie": selection, "taal": lang}
    state, _ = parse_params({k: v for k, v in raw.items() if isinstance(v, str)}, current().choices)
    return state


def register(app, topojson_url: str) -> None:

    @app.callback(Output(ids.PAGE, "children"), Output(ids.SHOWN_QUERY, "data"),
                  Input(ids.URL, "pathname"), Input(ids.URL, "search"), State(ids.SHOWN_QUERY, "data"))
    def render_page(pathname, search, shown_query):
        """Render the page the URL describes. The query also changes when the controls write it
        (sync_url records it as shown); then nothing is sent. Browser Back changes only the query:
        then the page is rendered anew from it."""
        data = current()
        state, notices = parse_query(search, data.choices)
        page = (pathname or "/").rstrip("/")
        if page == "/bronnen":
            return layout.sources_page(data, state), None
        if page == "/embed":  # exactly the path security.py lets other sites frame
            return layout.embed_page(data, state, topojson_url), None
        if ctx.triggered_prop_ids.keys() == {"url.search"} and search == shown_query:
            return no_update, no_update
        return layout.main_page(data, state, notices, topojson_url), to_query(state)

    # <html lang> follows the chosen language while navigating (the first response already carries it)
    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="pageLanguage"),
        Output(ids.PAGE, "lang"), Input(ids.URL, "search"), State(ids.PAGE, "lang"))

    @app.callback(
        Output(ids.MAP, "figure"), Output(ids.MAP_VALUES, "data"), Output(ids.MAP_LEVEL_STORE, "data"),
        Output(ids.LEGEND, "children"), Output(ids.NOT_DEFINED, "children"), Output(ids.MAP_ALT, "children"),
        Output(ids.MAP_TABLE_TEXT, "data"),
        *STATE_INPUTS, State(ids.MAP_LEVEL_STORE, "data"), State(ids.URL, "search"),
        prevent_initial_call=True)
    def update_map(level, indicator, year, province, region, unit, status, shown_level, search):
        """A new level gets the full figure (geometry once per level); anything else only values."""
        data = current()
        state = state_from_controls(level, indicator, year, province, region, unit, status, language_of(search))
        values = data.map_values(state.niveau, state.indicator, state.jaar, state.taal)
        selected = areas_kept(data.model, state)
        if state.niveau != shown_level:
            figure = figures.map_figure(data.geojson[state.niveau], values, data.names(state.niveau), selected,
                                        state.niveau)
            payload = None
        else:
            figure, payload = no_update, figures.map_values_payload(values, selected, state.niveau)
        return (figure, payload, state.niveau, layout.legend(values, state.taal, selected is not None),
                layout.not_defined_block(values, state.taal), layout.map_alt(values, state),
                layout.map_table_text(values, state.taal))

    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="applyMapValues"),
        Output(ids.MAP, "figure", allow_duplicate=True), Input(ids.MAP_VALUES, "data"), State(ids.MAP, "figure"),
        prevent_initial_call=True)

    # the map's table (text alternative) is built in the browser from the figure it describes
    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="mapTable"),
        Output(ids.MAP_TABLE, "data-rows"), Input(ids.MAP, "figure"), Input(ids.MAP_TABLE_TEXT, "data"),
        State(ids.URL, "search"), State(ids.MAP_TABLE, "id"))

    @app.callback(Output(ids.KPIS, "children"), Output(ids.GROWTH, "figure"), Input(ids.YEAR, "value"),
                  State(ids.URL, "search"), prevent_initial_call=True)
    def update_year_panels(year, search):
        data = current()
        state = state_from_controls(None, None, year, None, None, None, None, language_of(search))
        growth = Patch()
        # the last vertical line is the chosen year (see figures.growth_figure)
        growth["layout"]["shapes"][1]["x0"] = state.jaar
        growth["layout"]["shapes"][1]["x1"] = state.jaar
        return layout.kpi_cards(data, state.jaar, state.taal), growth

    @app.callback(
        Output(ids.GAPS_GRID, "rowData"), Output(ids.GAPS_GRID, "columnDefs"), Output(ids.GAPS_TITLE, "children"),
        *[i for i in STATE_INPUTS if i.component_id != ids.INDICATOR], State(ids.URL, "search"),
        prevent_initial_call=True)
    def update_gaps(level, year, province, region, unit, status, search):
        """The gap table does not depend on the indicator, so an indicator change leaves it alone."""
        state = state_from_controls(level, None, year, province, region, unit, status, language_of(search))
        return (gaps.gap_rows(current().model, state), layout.column_defs(state.niveau, state.taal),
                t(state.taal, "gaps_title", year=state.jaar))

    @app.callback(Output(ids.GAPS_GRID, "dashGridOptions"), Input(ids.GAPS_SEARCH, "value"),
                  prevent_initial_call=True)
    def search_gaps(text):
        options = Patch()
        options["quickFilterText"] = (text or "")[:200]
        return options

    @app.callback(Output(ids.SELECTION, "data"), Output(ids.AREA_PICKER, "value"),
                  Output(ids.AREA_PICKER, "options"),
                  Input(ids.MAP, "clickData"), Input(ids.DETAIL_CLOSE, "n_clicks"), Input(ids.LEVEL, "value"),
                  Input(ids.AREA_PICKER, "value"), prevent_initial_call=True)
    def select_area(click, _close, level, picked):
        """One selection from a click on the map or the area picker (the keyboard way); the picker
        shows what is selected, and a new level starts without a selection."""
        trigger = ctx.triggered_id
        if trigger == ids.MAP and click and click.get("points"):
            location = click["points"][0].get("location")
            location = location if isinstance(location, str) else None
            return location, location, no_update
        if trigger == ids.AREA_PICKER:
            return (picked if isinstance(picked, str) else None), no_update, no_update
        if trigger == ids.LEVEL:
            state = state_from_controls(level, None, None, None, None, None, None, "nl")
            return None, None, layout.area_options(current(), state.niveau)
        return None, None, no_update

    @app.callback(Output(ids.DETAIL, "children"), Output(ids.DETAIL_CLOSE, "hidden"),
                  Input(ids.SELECTION, "data"), Input(ids.YEAR, "value"),
                  State(ids.LEVEL, "value"), State(ids.URL, "search"), prevent_initial_call=True)
    def update_detail(selection, year, level, search):
        data = current()
        if selection is None and ctx.triggered_id == ids.YEAR:
            return no_update, no_update  # nothing selected: a year change has nothing to redraw here
        state = state_from_controls(level, None, year, None, None, None, None, language_of(search), selection)
        if not state.selectie:
            return layout.detail_hint(state.taal), True
        return detail_panel(data.model, state.niveau, state.selectie, state.jaar, state.taal), False

    @app.callback(Output(ids.LEVEL, "value"), Input({"type": ids.GO_TO_LEVEL, "level": ALL}, "n_clicks"),
                  prevent_initial_call=True)
    def go_to_level(clicks):
        if not any(clicks or []):
            return no_update
        level = ctx.triggered_id.get("level") if isinstance(ctx.triggered_id, dict) else None
        return level if level in LEVELS else no_update  # the id comes from the client: only a known level

    @app.callback(Output(ids.URL, "search"), Output(ids.SHOWN_QUERY, "data", allow_duplicate=True),
                  Output(ids.LANG_LINK, "href"), Output(ids.NAV_MAP, "href"),
                  *STATE_INPUTS, Input(ids.SELECTION, "data"), State(ids.URL, "search"), prevent_initial_call=True)
    def sync_url(level, indicator, year, province, region, unit, status, selection, search):
        """The URL, and the links that carry the view (language switch, 'Kaart'), follow the controls."""
        state = state_from_controls(level, indicator, year, province, region, unit, status, language_of(search), selection)
        query = to_query(state)
        if query == search:
            return no_update, no_update, no_update, no_update
        return query, query, "/" + to_query(state.with_(taal="en" if state.taal == "nl" else "nl")), "/" + query

    @app.callback(*[Output(i, "href") for i in ids.EXPORT_LINKS.values()], Output(ids.EMBED_CODE, "value"),
                  Output(ids.SHARE_LINK, "value"), Input(ids.URL, "search"), Input(ids.EMBED_MODE, "value"),
                  prevent_initial_call=True)
    def update_share(search, mode):
        """Export links, iframe code and share link always describe the view on screen."""
        data = current()
        state, _ = parse_query(search, data.choices)
        base = flask.request.host_url.rstrip("/")
        if mode == "bevroren":
            src = f"{base}/embed{to_query(state)}"  # when no image can be made: the live embed
            for _ in range(5):
                try:
                    src = f"{base}/snapshot/{snapshots.create(data, state, base)}"
                    break
                except export.ExportBusy:  # other images are being made: wait for a free slot, briefly
                    time.sleep(1)
                except export.ExportUnavailable:
                    break
        else:
            src = f"{base}/embed{to_query(state)}"
        links = [layout.export_href(fmt, state) for fmt in ids.EXPORT_LINKS]
        return (*links, layout.iframe_code(src, state.taal), f"{base}/{to_query(state)}")

    @app.callback(Output(ids.DOWNLOAD, "data"), Input(ids.DOWNLOAD_CSV, "n_clicks"), Input(ids.DOWNLOAD_XLSX, "n_clicks"),
                  State(ids.GAPS_GRID, "virtualRowData"), State(ids.GAPS_GRID, "rowData"), *[
                      State(i.component_id, i.component_property) for i in STATE_INPUTS],
                  State(ids.URL, "search"), prevent_initial_call=True)
    def download(_csv, _xlsx, shown_rows, all_rows, level, indicator, year, province, region, unit, status, search):
        data = current()
        state = state_from_controls(level, indicator, year, province, region, unit, status, language_of(search))
        # exactly what is shown: the grid's rows after its own search and sort
        rows = [r for r in (shown_rows if shown_rows is not None else all_rows or []) if isinstance(r, dict)]
        footer = download_footer(data, state)
        stem = f"dekkingskaart-vlekken-{state.niveau}-{state.jaar}"
        if ctx.triggered_id == ids.DOWNLOAD_XLSX:
            return dcc.send_bytes(gaps.to_xlsx_bytes(rows, state.niveau, state.taal, footer), stem + ".xlsx")
        return dcc.send_bytes(gaps.to_csv_bytes(rows, state.niveau, state.taal, footer), stem + ".csv")


def download_footer(data, state: ViewState) -> list[str]:
    lines = [f"{t(state.taal, 'title')}: {t(state.taal, 'gaps_title', year=state.jaar)}",
             f"{t(state.taal, 'data_version', version=data.model.version)}; "
             f"{'gedownload' if state.taal == 'nl' else 'downloaded'} {_dt.date.today().isoformat()}",
             f"{'Weergave' if state.taal == 'nl' else 'View'}: {to_query(state)}",
             t(state.taal, "footer")]
    if data.synthetic:
        lines.insert(0, t(state.taal, "demo_mark"))
    return lines
