"""Page layouts as functions of (data, view state): what a copied URL reproduces."""

from __future__ import annotations

import dash_ag_grid as dag
from dash import dcc, html

from datasets.model import CATEGORIES, LEVELS

from . import export, figures, gaps, ids
from .data import DashboardData
from .detail import detail_panel, source_links
from .i18n import METHOD_NOTES, number, percent, t
from .indicators import Kpi, kpis
from .state import INDICATORS, Notice, ViewState, to_query

MAP_CONFIG_BASE = {"displaylogo": False, "scrollZoom": False, "responsive": True,
                   "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"]}


def map_config(topojson_url: str) -> dict:
    """Plotly fetches a base-map topojson even with our own GeoJSON: serve it ourselves."""
    return {**MAP_CONFIG_BASE, "topojsonURL": topojson_url}


def header(state: ViewState, path: str) -> html.Header:
    lang = state.taal
    other = "en" if lang == "nl" else "nl"
    query = to_query(state.with_(taal=other))
    return html.Header([
        html.Div([html.H1(t(lang, "title")), html.P(t(lang, "subtitle"), className="subtitle")]),
        html.Nav([
            dcc.Link(t(lang, "nav_map"), href="/" + to_query(state), id=ids.NAV_MAP, className="nav-link"),
            dcc.Link(t(lang, "nav_sources"), href="/bronnen" + ("?taal=en" if lang == "en" else ""), className="nav-link"),
            html.A(t(lang, "other_language"), href=path + query, id=ids.LANG_LINK, className="nav-link",
                   lang=other, hrefLang=other),
        ], **{"aria-label": t(lang, "nav_label")}),
    ], className="site-header")


def demo_banner(data: DashboardData, lang: str):
    if not data.synthetic:
        return None
    return html.Div(t(lang, "demo_mark"), className="demo-banner", role="status")


def notices_block(notices: list[Notice], lang: str):
    if not notices:
        return html.Div(id=ids.NOTICES)
    return html.Div([html.P(t(lang, "notice_invalid", value=n.value, param=n.param)) for n in notices],
                    id=ids.NOTICES, className="notice", role="alert")


def label_for(component_id: str, text: str, className: str = "control-label") -> html.Label:
    """A visible label with an id, so widgets that are not native form fields (Dash's radio group,
    dropdown button, slider thumb) can be named by it (aria-labelledby, see assets/dekkingskaart.js)."""
    return html.Label(text, htmlFor=component_id, id=f"{component_id}-label", className=className)


def dropdown_labels(lang: str) -> dict[str, str]:
    """The texts Dash's dropdown shows itself (search box, clear button), in the page's language."""
    return {key: t(lang, f"dd_{key}") for key in ("select_all", "deselect_all", "selected_count", "search",
                                                  "clear_search", "clear_selection", "no_options_found")}


def _options(names: dict[str, str]) -> list[dict]:
    return [{"label": name, "value": code} for code, name in sorted(names.items(), key=lambda kv: kv[1])]


def controls(data: DashboardData, state: ViewState) -> html.Section:
    lang = state.taal
    years = data.choices.years
    return html.Section([
        html.Div([
            label_for(ids.LEVEL, t(lang, "level")),
            dcc.RadioItems(id=ids.LEVEL, value=state.niveau, inline=True, className="radio",
                           options=[{"label": t(lang, f"level_{lvl}"), "value": lvl} for lvl in LEVELS]),
        ], className="control"),
        html.Div([
            label_for(ids.INDICATOR, t(lang, "indicator")),
            dcc.Dropdown(id=ids.INDICATOR, value=state.indicator, clearable=False, searchable=False,
                         labels=dropdown_labels(lang),
                         options=[{"label": t(lang, f"ind_{i}"), "value": i} for i in INDICATORS]),
        ], className="control"),
        html.Div([
            label_for(ids.YEAR, t(lang, "year")),
            # no number box beside the slider: the thumb is the one keyboard control (arrows, Home, End)
            dcc.Slider(id=ids.YEAR, min=years[0], max=years[-1], step=1, value=state.jaar, included=False,
                       allow_direct_input=False,
                       marks={y: {"label": str(y) if (y - years[0]) % 2 == 0 or y == years[-1] else "",
                                  "style": {"fontSize": "12px"}} for y in years},
                       tooltip={"placement": "bottom", "always_visible": True}),
        ], className="control control-year"),
        html.Details([
            html.Summary(t(lang, "filters")),
            html.Div([
                _filter(ids.PROVINCE, t(lang, "province"), data.names("provincie"), state.provincie, lang),
                _filter(ids.CARE_REGION, t(lang, "care_region"), data.names("zorgregio"), state.regio, lang),
                _filter(ids.POLICE_UNIT, t(lang, "police_unit"), data.names("politie"), state.eenheid, lang),
                html.Div([
                    label_for(ids.STATUS, t(lang, "status")),
                    dcc.Checklist(id=ids.STATUS, value=list(state.status), inline=True, className="radio",
                                  options=[{"label": t(lang, f"cls_{c}").split(":")[0], "value": c} for c in CATEGORIES]),
                ], className="control"),
            ], className="filters"),
        ], open=bool(state.provincie or state.regio or state.eenheid or state.status), className="filter-box"),
    ], className="controls", **{"aria-label": t(lang, "filters")})


def _filter(component_id: str, label: str, names: dict[str, str], value, lang: str) -> html.Div:
    return html.Div([
        label_for(component_id, label),
        dcc.Dropdown(id=component_id, value=value, options=_options(names), placeholder=t(lang, "all"), clearable=True,
                     labels=dropdown_labels(lang)),
    ], className="control")


def legend(values, lang: str, filtered: bool) -> list:
    items = [html.Li([html.Span(className="swatch", style={"backgroundColor": colour}),
                      html.Span(f"{words} ({number(count, lang)})")])
             for _, colour, words, count in figures.legend_rows(values, lang)]
    if filtered:
        items.append(html.Li([html.Span(className="swatch swatch-faded"), html.Span(t(lang, "filtered_out"))]))
    if values.series:
        items.insert(0, html.Li(html.Strong(t(lang, f"series_{values.series}"))))
    return [html.H2(t(lang, "legend"), className="legend-title"), html.Ul(items, className="legend-list"),
            html.P(t(lang, "confidence_note"), className="muted small")]


def not_defined_block(values, lang: str) -> list:
    if values.defined:
        return []
    if values.suggested_level is None:
        return [html.P(t(lang, "signals_national_only"))]
    return [html.P(t(lang, "not_at_level")),
            html.Button(t(lang, "go_to_level", level=t(lang, f"level_{values.suggested_level}")),
                        id={"type": ids.GO_TO_LEVEL, "level": values.suggested_level}, className="button")]


def kpi_cards(data: DashboardData, year: int, lang: str) -> list:
    return [_kpi_card(data, card, lang) for card in kpis(data.model, year, lang)]


def _kpi_card(data: DashboardData, card: Kpi, lang: str) -> html.Div:
    parts = [html.H3(t(lang, card.key), className="kpi-title")]
    if card.lines:
        parts.append(html.Ul([html.Li([html.Span(value, className="kpi-value-small"), f" {label}"])
                              for label, value in card.lines], className="kpi-lines"))
    else:
        parts.append(html.P([html.Span(card.value, className="kpi-value"), html.Span(card.total, className="kpi-total")]))
    if card.unknown_share is not None:
        parts.append(html.P(f"{t(lang, 'kpi_derived')}; {t(lang, 'kpi_unknown', share=percent(card.unknown_share, lang))}",
                            className="muted small"))
    if card.national:
        text, year, source_ids = card.national
        parts.append(html.P(t(lang, "kpi_national", value=text, year=year), className="kpi-national"))
        if card.gap:
            parts.append(html.P(card.gap, className="muted small"))
    elif card.key == "kpi_coordinator":
        parts.append(html.P(t(lang, "kpi_no_national"), className="muted small"))
    if card.note:
        parts.append(html.P(card.note, className="muted small"))
    source_ids = list(card.source_ids) + (list(card.national[2]) if card.national else [])
    links = source_links(data.model, source_ids, lang)
    if links:
        parts.append(html.Details([html.Summary(f"{t(lang, 'sources')} ({len(links)})"), html.Ul(links, className="sources")]))
    return html.Div(parts, className="kpi-card")


def gap_grid(data: DashboardData, state: ViewState) -> list:
    lang = state.taal
    rows = gaps.gap_rows(data.model, state)
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
            for field, header in gaps.columns(level, lang)]


def main_page(data: DashboardData, state: ViewState, notices: list[Notice], topojson_url: str) -> html.Div:
    lang = state.taal
    values, selected, figure = data.view_map(state)
    return html.Div([
        header(state, "/"),
        demo_banner(data, lang),
        notices_block(notices, lang),
        html.Main([
            controls(data, state),
            html.Div([
                html.Section([
                    html.Div(not_defined_block(values, lang), id=ids.NOT_DEFINED, className="not-defined", role="status"),
                    html.Figure([
                        dcc.Graph(id=ids.MAP, figure=figure, config=map_config(topojson_url), className="map",
                                  style={"height": "min(70vh, 640px)", "minHeight": "380px"}, clear_on_unhover=True),
                        html.Figcaption(map_alt(values, state), id=ids.MAP_ALT, className="sr-only",
                                        **{"aria-live": "polite"}),
                    ], id=ids.MAP_FIGURE, className="map-figure"),
                    html.Div(legend(values, lang, selected is not None), id=ids.LEGEND, className="legend"),
                    *map_table_box(values, lang),
                ], className="map-column", **{"aria-label": t(lang, "map_label")}),
                html.Aside([
                    area_picker(data, state),
                    html.Button(t(lang, "close"), id=ids.DETAIL_CLOSE, className="link-button detail-close",
                                hidden=not state.selectie),
                    html.Div(detail_panel(data.model, state.niveau, state.selectie, state.jaar, lang)
                             if state.selectie else detail_hint(lang), id=ids.DETAIL, **{"aria-live": "polite"}),
                ], className="detail"),
            ], className="map-row"),
            html.Section(kpi_cards(data, state.jaar, lang), id=ids.KPIS, className="kpis"),
            html.Section(dcc.Graph(id=ids.GROWTH, figure=figures.growth_figure(data.model, state.jaar, lang),
                                   config={"displaylogo": False, "displayModeBar": False}), className="growth"),
            html.Section(gap_grid(data, state), className="gaps"),
            html.Section(share_section(state), className="share"),
            dcc.Store(id=ids.MAP_LEVEL_STORE, data=state.niveau),
            dcc.Store(id=ids.MAP_VALUES),
            dcc.Store(id=ids.SELECTION, data=state.selectie),
        ]),
        footer(data, lang),
    ])


def map_table_box(values, lang: str) -> list:
    """The table of the map: the same values as the map, one row per area, in a closed <details>.
    Its rows are built in the browser from the figure itself (assets/dekkingskaart.js mapTable),
    so the table always equals what the map shows and changes cost no extra bytes."""
    summary_id = f"{ids.MAP_TABLE_BOX}-summary"
    return [
        html.Details([
            html.Summary(t(lang, "map_table"), id=summary_id),
            html.P(t(lang, "map_table_intro"), className="muted small"),
            html.Div(html.Table(id=ids.MAP_TABLE, className="map-table", **{"aria-labelledby": summary_id}),
                     className="table-scroll", tabIndex="0", role="region", **{"aria-labelledby": summary_id}),
        ], id=ids.MAP_TABLE_BOX, className="filter-box map-table-box"),
        dcc.Store(id=ids.MAP_TABLE_TEXT, data=map_table_text(values, lang)),
    ]


def map_table_text(values, lang: str) -> dict:
    """Words per map class (palette order: the figure's z indexes) and the table's column titles."""
    return {"classes": [t(lang, f"cls_{key}") for key, _ in values.palette],
            "header": {"area": t(lang, "col_area"), "code": t(lang, "col_code"), "value": t(lang, "col_value"),
                       "detail": t(lang, "col_detail"), "filter": t(lang, "col_in_filter"),
                       "yes": t(lang, "yes"), "no": t(lang, "no")}}


def map_table_rows(values, names: dict[str, str], selected: set[str] | None, lang: str) -> list[tuple[str, ...]]:
    """(name, code, value words, hover line[, inside the filter]) per area, as the table shows them:
    the reference the browser tests compare the rendered table with."""
    words = dict(zip((key for key, _ in values.palette), map_table_text(values, lang)["classes"]))
    rows = []
    for code, cls, line in zip(values.codes, values.classes, values.hover):
        row = (names.get(code, code), code, words[cls], line)
        if selected is not None:
            row += (t(lang, "yes") if code in selected else t(lang, "no"),)
        rows.append(row)
    return rows


def area_options(data: DashboardData, level: str) -> list[dict]:
    return _options(data.names(level))


def area_picker(data: DashboardData, state: ViewState) -> html.Div:
    """Choosing an area without a mouse: the same selection as a click on the map."""
    lang = state.taal
    return html.Div([
        label_for(ids.AREA_PICKER, t(lang, "area_picker")),
        dcc.Dropdown(id=ids.AREA_PICKER, options=area_options(data, state.niveau), value=state.selectie,
                     placeholder=t(lang, "area_picker_placeholder"), clearable=True, searchable=True,
                     labels=dropdown_labels(lang)),
    ], className="control area-picker")


def detail_hint(lang: str) -> list:
    return [html.P(t(lang, "detail_hint"), className="muted")]


def map_alt(values, state: ViewState) -> str:
    lang = state.taal
    return t(lang, "map_alt", indicator=t(lang, f"ind_{state.indicator}"), year=state.jaar,
             level=t(lang, f"level_{state.niveau}"), summary=figures.summary_sentence(values, lang))


def footer(data: DashboardData, lang: str) -> html.Footer:
    return html.Footer([html.P(t(lang, "footer")),
                        html.P(t(lang, "data_version", version=data.model.version), className="muted small")],
                       className="site-footer")


def sources_page(data: DashboardData, state: ViewState) -> html.Div:
    lang = state.taal
    sources = data.model.tables["sources"].sort_values(["publisher", "date"], na_position="last")
    rows = [html.Tr([html.Td(html.A(s.title, href=s.url, target="_blank", rel="noopener noreferrer")),
                     html.Td(s.publisher), html.Td(s.date or t(lang, "undated")), html.Td(s.source_id, className="muted")])
            for s in sources.itertuples(index=False)]
    return html.Div([
        header(state, "/bronnen"),
        demo_banner(data, lang),
        html.Main([
            html.Section([html.H2(t(lang, "method_title"))] +
                         [html.Div([html.H3(title), html.P(text)]) for title, text in METHOD_NOTES[lang]],
                         className="method"),
            html.Section([
                html.H2(f"{t(lang, 'sources_title')} ({len(rows)})"),
                html.Table([html.Thead(html.Tr([html.Th(t(lang, c), scope="col") for c in
                                                ("col_title", "col_publisher", "col_date", "col_code")])),
                            html.Tbody(rows)], className="sources-table"),
            ]),
        ]),
        footer(data, lang),
    ])


def export_href(fmt: str, state: ViewState) -> str:
    return f"/export/kaart.{fmt}{to_query(state)}"


def iframe_code(src: str, lang: str) -> str:
    """A responsive iframe with a title for screen readers and a height that fits map and legend."""
    title = t(lang, "title")
    return (f'<iframe src="{src}" title="{title}" width="100%" height="760" style="border:0;max-width:900px" '
            f'loading="lazy"></iframe>')


def share_section(state: ViewState) -> list:
    lang = state.taal
    available = export.available()
    downloads = [html.Span(t(lang, "export_image") + ": ", className="control-label inline", hidden=not available)]
    downloads += [html.A(fmt.upper(), href=export_href(fmt, state), id=ids.EXPORT_LINKS[fmt], className="button",
                         download=f"dekkingskaart.{fmt}", hidden=not available) for fmt in export.FORMATS]
    if not available:
        downloads.append(html.P(t(lang, "exports_unavailable"), className="muted"))
    modes = [{"label": t(lang, "embed_current"), "value": "actueel"},
             {"label": t(lang, "embed_frozen"), "value": "bevroren", "disabled": not available}]
    return [
        html.H2(t(lang, "share_title")),
        html.Div(downloads, className="table-tools"),
        html.Details([
            html.Summary(t(lang, "embed")),
            dcc.RadioItems(id=ids.EMBED_MODE, value="actueel", options=modes, className="radio"),
            html.Label(t(lang, "embed_code"), htmlFor=ids.EMBED_CODE, className="control-label"),
            dcc.Textarea(id=ids.EMBED_CODE, readOnly=True, className="code",
                         value=iframe_code("/embed" + to_query(state), lang)),
            html.Label(t(lang, "share_link"), htmlFor=ids.SHARE_LINK, className="control-label"),
            dcc.Input(id=ids.SHARE_LINK, readOnly=True, className="search", value="/" + to_query(state)),
        ], className="filter-box"),
    ]


def embed_page(data: DashboardData, state: ViewState, topojson_url: str) -> html.Div:
    """The light page for iframes: the interactive map, legend, source line and a link to the dashboard."""
    lang = state.taal
    values, selected, figure = data.view_map(state)
    return html.Div([
        html.H1(f"{t(lang, 'ind_' + state.indicator)}, {state.jaar}", className="embed-title"),
        demo_banner(data, lang),
        html.Div(not_defined_block(values, lang), className="not-defined"),
        html.Figure([
            dcc.Graph(id=ids.MAP, figure=figure, config={**map_config(topojson_url), "displayModeBar": False},
                      style={"height": "560px"}),
            html.Figcaption(map_alt(values, state), className="sr-only"),
        ], className="map-figure"),
        html.Div(legend(values, lang, selected is not None), className="legend"),
        *map_table_box(values, lang),
        html.P(export.source_line(data, state), className="muted small"),
        html.P([html.A(t(lang, "embed_open_full"), href="/" + to_query(state), target="_blank", rel="noopener"),
                f" · {t(lang, 'data_version', version=data.model.version)}"], className="small"),
    ], className="embed")
