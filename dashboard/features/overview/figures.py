"""The composition chart: a pure figure builder (model and view in; go.Figure out).

Per year, how many areas are in each state, as stacked areas in the map's colours: the stack always
adds up to the number of areas, so evidence that ages out of the carry-forward shows as a growing
'onbekend' band, never as fewer areas. National figures are markers where their unit matches the chart
(see _view_model.COUNT_UNITS); the year line is the first shape (the year callback moves only that).
"""

from __future__ import annotations

import plotly.graph_objects as go
from dash import Patch

from datasets.model import CoverageModel

from ...i18n import number, t
from ...indicators import CLASSES
from ..map.figures import FONT
from ..sources._view_model import source_fact, source_text
from ._view_model import Composition, NationalMarker, composition, national_markers

#: the policy target the chart marks on policy (METHOD: every gemeente a policy by 2022)
POLICY_TARGET_YEAR = 2022
MARKER_COLOUR = "#111111"


def class_label(lang: str, comp: Composition, cls: str) -> str:
    if comp.kind in ("state", "policy") and cls in ("nee", "onbekend"):
        return t(lang, f"composition_{cls}")
    return t(lang, f"cls_{cls}")


def growth_figure(model: CoverageModel, year: int, lang: str = "nl", indicator: str = "dekking",
                  level: str = "gemeente", area_filters: dict[str, str] | None = None,
                  compare: int | None = None) -> go.Figure:
    """Areas per state per year for the indicator, level and area filters of the view; the year marked (and
    the comparison year, when comparing)."""
    comp = composition(model, indicator, level, area_filters)
    return composition_figure(model, comp, year, lang, compare)


def composition_figure(model: CoverageModel, comp: Composition, year: int, lang: str = "nl",
                       compare: int | None = None) -> go.Figure:
    colours = dict(CLASSES[comp.kind])
    figure = go.Figure()
    first = comp.years[0] if comp.years else 0
    unknown = comp.classes[-1]
    for cls in comp.classes:
        if cls != unknown and not any(comp.counts[cls]):
            continue  # a state no area is ever in (e.g. 'in ontwikkeling' outside policy): no empty band
        label = class_label(lang, comp, cls)
        # x0/dx instead of a list of years per trace: the figure is sent on every change
        figure.add_trace(go.Scatter(
            x0=first, dx=1, y=list(comp.counts[cls]), name=label, stackgroup="areas", mode="lines",
            line={"width": 0.5, "color": colours[cls]}, fillcolor=colours[cls],
            hovertemplate="%{fullData.name}: %{y}<extra></extra>"))  # the name, not a second copy of it
    markers = national_markers(model, comp)
    share_axis = any(m.axis == "share" for m in markers)
    for axis in ("count", "share"):
        chosen = [m for m in markers if m.axis == axis]
        if chosen:
            figure.add_trace(go.Scatter(
                x=[m.year for m in chosen], y=[m.value for m in chosen], mode="markers",
                text=[_marker_hover(model, m, lang) for m in chosen], hovertemplate="%{text}<extra></extra>",
                name=t(lang, "composition_national") + (" (%)" if axis == "share" else ""),
                yaxis="y2" if axis == "share" else "y",
                marker={"symbol": "diamond", "size": 11, "color": "white",
                        "line": {"width": 2, "color": MARKER_COLOUR}}))
    # shapes[0] is the year line, shapes[1] the comparison year's (hidden when not comparing): the year
    # callback moves only these; plain dicts (add_vline is slow)
    shapes = [_vline(year, {"color": "#111", "width": 1.5}), compare_line(compare, year, lang)]
    annotations = []
    if comp.pillar == "policy":
        shapes.append(_vline(POLICY_TARGET_YEAR, {"color": "#555", "dash": "dot", "width": 1}))
        annotations.append({"x": POLICY_TARGET_YEAR, "y": 1, "yref": "paper", "text": t(lang, "kpi_target"),
                            "showarrow": False, "xanchor": "left", "yanchor": "top",
                            "font": {"size": 11, "color": "#333"}})
    layout = dict(
        height=320, margin={"l": 50, "r": 70 if share_axis else 10, "t": 10, "b": 30},
        font={"family": FONT, "size": 12}, legend={"orientation": "h", "y": -0.15, "traceorder": "reversed"},
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="#fafafa", separators=t(lang, "plotly_separators"),
        hovermode="x unified", shapes=shapes, annotations=annotations,
        template="none",  # plotly's default template alone is ~7 kB, sent on every change
        xaxis={"dtick": 1, "fixedrange": True, "showgrid": False, "ticks": "outside",
               "range": [first - 0.2, comp.years[-1] + 0.2] if comp.years else None},
        yaxis={"fixedrange": True, "range": [0, max(comp.n_areas, 1)], "gridcolor": "#e2e2e2",
               "title": {"text": t(lang, f"composition_count_axis_{comp.level}")}},
    )
    if share_axis:
        layout["yaxis2"] = {"overlaying": "y", "side": "right", "range": [0, 100], "tickmode": "array",
                            "tickvals": [0, 25, 50, 75, 100], "ticktext": ["0%", "25%", "50%", "75%", "100%"],
                            "fixedrange": True,
                            "showgrid": False,
                            "title": {"text": t(lang, "composition_share_axis")}}
    figure.update_layout(**layout)
    return figure


#: the layout keys that differ between views (level, indicator, area filters, year); the rest (size, fonts,
#: legend, colours, x axis over the model's years, separators of the page's language) is the same for all
VIEW_LAYOUT_KEYS = ("shapes", "annotations", "margin", "yaxis", "yaxis2")


def composition_patch(figure: go.Figure) -> Patch:
    """`figure` as a change to whichever composition chart the browser holds: its traces and the layout
    keys a view decides (VIEW_LAYOUT_KEYS). About half the bytes of the whole figure: what a change of level
    or filter sends."""
    full = figure.to_plotly_json()
    patch = Patch()
    patch["data"] = full["data"]
    layout = full["layout"]
    for key in VIEW_LAYOUT_KEYS:
        if key in layout:
            patch["layout"][key] = layout[key]
        else:
            del patch["layout"][key]
    return patch


def compare_line(compare: int | None, year: int, lang: str) -> dict:
    """The comparison year's line (shapes[1]), named on the chart; when not comparing a hidden placeholder that
    keeps the index (the year callback sets shapes[1] either way). `year` is the shown year (unused: the
    placeholder has no position, the fewest bytes on every level change)."""
    if compare is None:
        return {"type": "line", "visible": False}  # a placeholder keeping the index: the fewest bytes
    return {**_vline(compare, {"color": "#111", "width": 1, "dash": "dash"}), "visible": True,
            "label": {"text": t(lang, "composition_compare_year", year=compare), "textposition": "end",
                      "font": {"size": 11, "color": "#333"}}}


def _vline(x: int, line: dict) -> dict:
    return {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1, "line": line}


def _marker_hover(model: CoverageModel, marker: NationalMarker, lang: str) -> str:
    """The figure as published, its year and its sources (title, 'titel niet gecontroleerd' where it is not,
    publisher, date or 'zonder datum')."""
    sources = [source_text(source_fact(source, lang), lang) for source in model.sources_for(marker.source_ids)]
    value = number(marker.value, lang, 0 if float(marker.value).is_integer() else 1)
    return f"{marker.text} ({marker.year}; {value}{'%' if marker.axis == 'share' else ''})<br>" \
           f"{t(lang, 'source')}: " + "<br>".join(sources)
