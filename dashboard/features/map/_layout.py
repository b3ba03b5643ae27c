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
            html.Div([
                # a real <button>: Enter/Space play and pause; its label and aria-pressed follow
                # (assets/dekkingskaart.js playYears steps the slider's value, as a person would)
                html.Button(t(lang, "year_play"), id=ids.YEAR_PLAY, type="button", className="button play-button",
                            **{"aria-pressed": "false", "aria-controls": ids.YEAR,
                               "data-play": t(lang, "year_play"), "data-pause": t(lang, "year_pause")}),
                # no number box beside the slider: the thumb is the one keyboard control (arrows, Home, End)
                html.Div(dcc.Slider(id=ids.YEAR, min=years[0], max=years[-1], step=1, value=state.jaar,
                                    included=False, allow_direct_input=False, marks=year_marks(years),
                                    tooltip={"placement": "top", "always_visible": True}),
                         className="year-slider-box"),
            ], className="year-row"),
            dcc.Interval(id=ids.YEAR_TIMER, interval=PLAY_STEP_MS, disabled=True, n_intervals=0),
            compare_control(years, state),
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


def default_compare_year(years, year: int) -> int:
    """The year a comparison starts with: the first year of the data, or the last when that is the shown one."""
    return years[0] if year != years[0] else years[-1]


def compare_control(years, state: ViewState) -> html.Div:
    """A native checkbox turns the comparison on and off (Space, like any checkbox); the year compared with
    is a dropdown beside it, disabled while the comparison is off (dekkingskaart.js compareYearEnabled)."""
    lang = state.taal
    on = state.vergelijk is not None
    return html.Div([
        dcc.Checklist(id=ids.COMPARE_ON, value=["on"] if on else [], className="radio compare-toggle",
                      options=[{"label": t(lang, "compare_toggle"), "value": "on"}]),
        html.Div([
            label_for(ids.COMPARE_YEAR, t(lang, "compare_year"), className="control-label compare-year-label"),
            dcc.Dropdown(id=ids.COMPARE_YEAR, value=state.vergelijk if on else default_compare_year(years, state.jaar),
                         options=[{"label": str(y), "value": y} for y in years], clearable=False, searchable=False,
                         disabled=not on, labels=dropdown_labels(lang), className="compare-year"),
        ], className="compare-year-box"),
    ], className="compare-row")


#: one step of "play" every 1.2 s; with prefers-reduced-motion: reduce, one every 3 s (dekkingskaart.js)
PLAY_STEP_MS = 1200
#: at most this many year labels on the slider as wide as it is on a desktop, on a medium one (the
#: three-column controls on a small laptop) and on a narrow one (a phone, 390 px): container queries
#: on the slider's box (style.css "year marks") hide the others on medium and narrow sliders
MARKS_WIDE, MARKS_MEDIUM, MARKS_NARROW = 12, 7, 5


def labelled_years(years, most: int) -> list[int]:
    """The first and last year and every k-th in between, k as small as keeps at most `most` labels;
    a k-th year less than k/2 + 1/2 steps before the last is left out (their labels would touch)."""
    years = list(years)
    if len(years) <= most:
        return years
    k = -(-(len(years) - 1) // (most - 1))
    kept = [y for i, y in enumerate(years[:-1]) if i % k == 0 and (len(years) - 1 - i) * 2 > k]
    return kept + [years[-1]]


def year_marks(years) -> dict:
    """The slider's marks: a label for each year of `labelled_years(years, MARKS_WIDE)` (Dash 4 shows the
    number itself for an empty label, so a year without a label has no mark at all). A mark left out on
    a medium or a narrow slider carries `--year-mark-medium: none` / `--year-mark-narrow: none` (Dash's
    marks take a style, not a class), which style.css applies in its container queries."""
    medium, narrow = set(labelled_years(years, MARKS_MEDIUM)), set(labelled_years(years, MARKS_NARROW))

    def style(y):
        return {"fontSize": "12px", **({} if y in medium else {"--year-mark-medium": "none"}),
                **({} if y in narrow else {"--year-mark-narrow": "none"})}
    return {y: {"label": str(y), "style": style(y)} for y in labelled_years(years, MARKS_WIDE)}


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
