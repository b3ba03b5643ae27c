"""Pure figure builders: data and view state in, `go.Figure` (or a `Patch`) out.

The map sends its GeoJSON once per level. Every other change goes out as a
compact payload of values only (`map_values_payload`), applied in the browser.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ...i18n import number, t
from ...indicators import AREA_BORDER, MapValues

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
UNSELECTED_OPACITY = 0.25


def stepped_colorscale(palette) -> list[list]:
    """Integer class codes 0..n-1 mapped to flat colour bands (much faster than a discrete colour map)."""
    n = len(palette)
    if n == 1:
        return [[0, palette[0][1]], [1, palette[0][1]]]
    scale = []
    for i, (_, colour) in enumerate(palette):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


def selected_points(codes: tuple[str, ...], selected: set[str] | None) -> list[int] | None:
    if selected is None:
        return None
    return [i for i, code in enumerate(codes) if code in selected]


def map_figure(geojson: dict | str, values: MapValues, names: dict[str, str], selected: set[str] | None = None,
               level: str = "gemeente", height: int | None = None) -> go.Figure:
    """The full map of one level. `geojson` is the FeatureCollection itself (static exports) or the
    address of the level's immutable geometry file (the page: plotly.js fetches it through the
    browser's cache, see `_geometry.py`)."""
    trace = go.Choropleth(
        geojson=geojson, featureidkey="id", locations=list(values.codes), z=values.z,
        customdata=[names.get(code, code) for code in values.codes], text=list(values.hover),
        hovertemplate="<b>%{customdata}</b><br>%{text}<extra></extra>",
        colorscale=stepped_colorscale(values.palette), zmin=-0.5, zmax=len(values.palette) - 0.5,
        showscale=False, marker={"line": {"color": AREA_BORDER, "width": 0.5}},
        selectedpoints=selected_points(values.codes, selected),
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": UNSELECTED_OPACITY}},
    )
    figure = go.Figure(trace)
    figure.update_geos(visible=False, fitbounds="locations", projection_type="mercator", bgcolor="rgba(0,0,0,0)")
    figure.update_layout(
        height=height, margin={"l": 0, "r": 0, "t": 0, "b": 0}, paper_bgcolor="rgba(0,0,0,0)",
        font={"family": FONT}, uirevision=level, dragmode=False, meta={"level": level},
        hoverlabel={"bgcolor": "white", "font": {"family": FONT, "size": 13}},
    )
    return figure


def map_values_payload(values: MapValues, selected: set[str] | None, level: str, geo: str | None = None) -> dict:
    """What every change sends, a change of level too: class codes, hover lines as indexes into the
    distinct lines, colours, the highlighted set and the address of the level's geometry file (`geo`).
    `assets/dekkingskaart.js` applies it to the figure in the browser; for a new level it takes
    geometry, codes and names from that file (the browser's cache after the first time), so neither
    geometry nor names nor repeated labels travel in a callback."""
    labels: dict[str, int] = {}
    indexes = [labels.setdefault(line, len(labels)) for line in values.hover]
    return {"level": level, "geo": geo, "n": len(values.codes), "z": values.z, "h": indexes, "labels": list(labels),
            "colorscale": stepped_colorscale(values.palette), "zmax": len(values.palette) - 0.5,
            "selected": selected_points(values.codes, selected)}


def legend_rows(values: MapValues, lang: str) -> list[tuple[str, str, str, int]]:
    """(class key, colour, words, count) per class, in palette order: the legend explains every colour."""
    counts = values.counts()
    return [(key, colour, t(lang, f"cls_{key}"), counts[key]) for key, colour in values.palette]


def legend_entries(values: MapValues, lang: str) -> list[tuple[str, str, str]]:
    """(class key, colour, label) per class: 'Regionale Tafel (12; waarvan 3 aanname)'. Every state shown
    with its confidence: how many areas of a class rest on an inference (C) is counted beside it."""
    assumed = values.assumed_counts()
    entries = []
    for key, colour, words, count in legend_rows(values, lang):
        label = f"{words} ({number(count, lang)}"
        if assumed.get(key):
            label += "; " + t(lang, "legend_assumed", count=number(assumed[key], lang))
        entries.append((key, colour, label + ")"))
    return entries


def summary_sentence(values: MapValues, lang: str) -> str:
    """One sentence for screen readers: how many areas fall in each class."""
    parts = [f"{number(count, lang)} {t(lang, f'cls_{key}').lower()}" for key, _, _, count in
             [(k, c, w, n) for k, c, w, n in legend_rows(values, lang)] if count]
    return "; ".join(parts) + "."
