"""The controls, the map, its legend and its text alternative."""

from __future__ import annotations

from dash import dcc, html

from datasets.model import CATEGORIES

from ...i18n import t
from ...registry import FILTER_LEVELS, INDICATOR_LIST, LEVEL_LIST, area_filters
from ...state import ViewState
from ...ui import dropdown_labels, label_for, options
from . import _ids as ids
from . import figures
from ._view_model import map_alt, map_table_key, map_table_text

MAP_CONFIG_BASE = {"displaylogo": False, "scrollZoom": False, "responsive": True,
                   "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"]}


def map_config(topojson_url: str) -> dict:
    """Plotly fetches a base-map topojson even with our own GeoJSON: serve it ourselves."""
    return {**MAP_CONFIG_BASE, "topojsonURL": topojson_url}


def controls(data, state: ViewState) -> html.Section:
    lang = state.taal
    years = data.choices.years
    return html.Section([
        html.Div([
            label_for(ids.LEVEL, t(lang, "level")),
            dcc.RadioItems(id=ids.LEVEL, value=state.niveau, inline=True, className="radio",
                           options=[{"label": t(lang, level.label_key), "value": level.key} for level in LEVEL_LIST]),
        ], className="control"),
        html.Div([
            label_for(ids.INDICATOR, t(lang, "indicator")),
            dcc.Dropdown(id=ids.INDICATOR, value=state.indicator, clearable=False, searchable=False,
                         labels=dropdown_labels(lang),
                         options=[{"label": t(lang, i.label_key), "value": i.key} for i in INDICATOR_LIST
                                  if i.key in data.choices.indicators or i.key == state.indicator]),
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
                *[_filter(level.filter_control, t(lang, f"area_{level.key}"), data.names(level.key),
                          getattr(state, level.filter_param), lang) for level in FILTER_LEVELS],
                html.Div([
                    label_for(ids.STATUS, t(lang, "status")),
                    dcc.Checklist(id=ids.STATUS, value=list(state.status), inline=True, className="radio",
                                  options=[{"label": t(lang, f"cls_{c}").split(":")[0], "value": c} for c in CATEGORIES]),
                ], className="control"),
            ], className="filters"),
        ], open=bool(area_filters(state) or state.status), className="filter-box"),
    ], className="controls", **{"aria-label": t(lang, "filters")})


def _filter(component_id: str, label: str, names: dict[str, str], value, lang: str) -> html.Div:
    return html.Div([
        label_for(component_id, label),
        dcc.Dropdown(id=component_id, value=value, options=options(names), placeholder=t(lang, "all"), clearable=True,
                     labels=dropdown_labels(lang)),
    ], className="control")


def legend(values, lang: str, filtered: bool) -> list:
    """What a view changes in the legend: the classes with their counts, and the view's notes (the title and
    the note on confidence stay on the page: `legend_box`)."""
    items = [html.Li([html.Span(className="swatch", style={"backgroundColor": colour}), html.Span(label)])
             for _, colour, label in figures.legend_entries(values, lang)]
    if filtered:
        items.append(html.Li([html.Span(className="swatch swatch-faded"), html.Span(t(lang, "filtered_out"))]))
    if values.series:
        items.insert(0, html.Li(html.Strong(t(lang, f"series_{values.series}"))))
    return [html.Ul(items, className="legend-list"), *[html.P(note, className="small") for note in values.notes]]


def legend_box(values, lang: str, filtered: bool) -> html.Div:
    return html.Div([html.H2(t(lang, "legend"), className="legend-title"),
                     html.Div(legend(values, lang, filtered), id=ids.LEGEND_ITEMS),
                     html.P(t(lang, "confidence_note"), className="muted small")], id=ids.LEGEND, className="legend")


def not_defined_block(values, lang: str) -> list:
    if values.defined:
        return []
    if values.suggested_level is None:
        return [html.P(t(lang, "signals_national_only"))]
    return [html.P(t(lang, "not_at_level")),
            html.Button(t(lang, "go_to_level", level=t(lang, f"level_{values.suggested_level}")),
                        id={"type": ids.GO_TO_LEVEL, "level": values.suggested_level}, className="button")]


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
        dcc.Store(id=ids.MAP_TABLE_KEY, data=map_table_key(values, lang)),
    ]



def map_section(values, selected, figure, state: ViewState, topojson_url: str) -> list:
    """The map column of the main page: not-defined notice, map, caption, legend and table."""
    lang = state.taal
    return [
        html.Div(not_defined_block(values, lang), id=ids.NOT_DEFINED, className="not-defined", role="status"),
        html.Figure([
            dcc.Graph(id=ids.MAP, figure=figure, config=map_config(topojson_url), className="map",
                      style={"height": "min(70vh, 640px)", "minHeight": "380px"}, clear_on_unhover=True),
            html.Figcaption(map_alt(values, state), id=ids.MAP_ALT, className="sr-only", **{"aria-live": "polite"}),
        ], id=ids.MAP_FIGURE, className="map-figure"),
        legend_box(values, lang, selected is not None),
        *map_table_box(values, lang),
    ]


def map_stores(state: ViewState) -> list:
    return [dcc.Store(id=ids.MAP_VALUES)]
