"""What the map of one view shows: classes, hover lines and kept areas, memoised per data version."""

from __future__ import annotations

from datasets.model import LEVEL_COLUMN

from ...compare import compare_by_members, compare_values, compared_by_members
from ...data_source import DashboardData
from ...i18n import t
from ...indicators import MapValues, filtered_areas, map_values
from ...registry import INDICATORS, area_filters
from ...state import ViewState
from . import figures
from ._geometry import geometry_url


def values_for(data: DashboardData, level: str, indicator: str, year: int, lang: str,
               compare: int | None = None) -> MapValues:
    """The same view is computed once per data version and process; with `compare` (a year), the
    comparison of that year with `year` (dashboard/compare.py)."""
    if compare is not None:
        earlier, later = sorted((compare, year))  # a comparison reads forward in time (dashboard/compare.py)
        return data.memo(("map-compare", level, indicator, earlier, later, lang),
                         lambda: _compared(data, level, indicator, earlier, later, lang))
    return data.memo(("map", level, indicator, year, lang),
                     lambda: map_values(data.model, data.codes[level], level, INDICATORS[indicator], year, lang))


def _compared(data: DashboardData, level: str, indicator: str, earlier: int, later: int, lang: str) -> MapValues:
    before, after = values_for(data, level, indicator, earlier, lang), values_for(data, level, indicator, later, lang)
    if not compared_by_members(level, after):
        return compare_values(before, after, earlier, later, lang)
    gemeenten = data.model.gemeenten
    area_of = dict(zip(gemeenten["gemeente_code"], gemeenten[LEVEL_COLUMN[level]]))
    return compare_by_members(before, after, values_for(data, "gemeente", indicator, earlier, lang),
                              values_for(data, "gemeente", indicator, later, lang), area_of, earlier, later, lang)


def state_values(data: DashboardData, state: ViewState) -> MapValues:
    """The map values of a view: its indicator and year, compared with `vergelijk` when set."""
    return values_for(data, state.niveau, state.indicator, state.jaar, state.taal, state.vergelijk)


def areas_kept(data: DashboardData, state: ViewState) -> set[str] | None:
    """The areas a view's filters keep (None: no filter); one call for map, table and exports."""
    return filtered_areas(data.model, state.niveau, state.jaar, area_filters(state), state.status)


def view_map(data: DashboardData, state: ViewState, geometry_by_address: bool = False):
    """(values, kept areas, full map figure) of a view: what page and export draw. The page's figure
    names its geometry file (`geometry_by_address`: fetched once per browser); an export's figure
    holds the geometry itself (the renderer has no server to ask)."""
    values = state_values(data, state)
    selected = areas_kept(data, state)
    geojson = geometry_url(data, state.niveau) if geometry_by_address else data.geojson[state.niveau]
    figure = figures.map_figure(geojson, values, data.names(state.niveau), selected, state.niveau)
    return values, selected, figure


def map_table_text(values, lang: str) -> dict:
    """Words per map class (palette order: the figure's z indexes) and the table's column titles."""
    return {"classes": [t(lang, f"cls_{key}") for key, _ in values.palette],
            "header": {"area": t(lang, "col_area"), "code": t(lang, "col_code"), "value": t(lang, "col_value"),
                       "detail": t(lang, "col_detail"), "filter": t(lang, "col_in_filter"),
                       "yes": t(lang, "yes"), "no": t(lang, "no")}}


def map_table_key(values, lang: str) -> str:
    """Names the words of `map_table_text`: they follow the classes (indicator and level) and the language."""
    return lang + ":" + ",".join(key for key, _ in values.palette)


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



def view_heading(state: ViewState) -> str:
    """'Beleid, 2021' or, comparing, 'Beleid, 2021 vergeleken met 2017': the title of images and embeds."""
    lang = state.taal
    text = f"{t(lang, INDICATORS[state.indicator].label_key)}, {state.jaar}"
    if state.vergelijk is not None:
        text += " " + t(lang, "compared_with", year=state.vergelijk)
    return text


def view_years(state: ViewState) -> tuple[int, ...]:
    """The years a view's values rest on: the shown year, and the year it is compared with."""
    return (state.jaar,) if state.vergelijk is None else tuple(sorted({state.jaar, state.vergelijk}))


def map_alt(values, state: ViewState) -> str:
    lang = state.taal
    if state.vergelijk is not None:
        return t(lang, "map_alt_compare", indicator=t(lang, INDICATORS[state.indicator].label_key), year=state.jaar,
                 before=state.vergelijk, level=t(lang, f"level_{state.niveau}"),
                 summary=figures.summary_sentence(values, lang))
    return t(lang, "map_alt", indicator=t(lang, INDICATORS[state.indicator].label_key), year=state.jaar,
             level=t(lang, f"level_{state.niveau}"), summary=figures.summary_sentence(values, lang))
