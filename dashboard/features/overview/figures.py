"""The growth chart: a pure figure builder (model, year, language in; go.Figure out)."""

from __future__ import annotations

import plotly.graph_objects as go

from datasets.model import CoverageModel

from ...i18n import t
from ..map.figures import FONT


def growth_figure(model: CoverageModel, year: int, lang: str = "nl") -> go.Figure:
    """How the network grew: derived counts per year, beside the national figures as published."""
    years = list(model.years)
    regions = model.region_coordinator
    states = model.pillar_states
    n_regions, n_gemeenten = len(model.tables["care_regions"]), len(model.gemeenten)
    lines = [
        (t(lang, "kpi_coordinator") + f" (/{n_regions})",
         [int(((regions.year == y) & (regions.state == "ja")).sum()) for y in years], "#009E73", "solid"),
        (t(lang, "kpi_rtm") + f" (/{n_gemeenten})",
         [int(((states.year == y) & (states.pillar == "rtm") & (states.state == "ja")).sum()) for y in years],
         "#0072B2", "dash"),
        (t(lang, "kpi_policy") + f" (/{n_gemeenten})",
         [int(((states.year == y) & (states.pillar == "policy") & (states.state == "ja")).sum()) for y in years],
         "#E69F00", "dot"),
    ]
    figure = go.Figure()
    for name, counts, colour, dash in lines:
        figure.add_trace(go.Scatter(x=years, y=counts, name=name, mode="lines+markers",
                                    line={"color": colour, "dash": dash, "width": 2},
                                    hovertemplate="%{x}: %{y}<extra>" + name + "</extra>"))
    published = model.national_figures("zorgcoordinator_regions").dropna(subset=["year"])
    if len(published):
        figure.add_trace(go.Scatter(
            x=[int(y) for y in published["year"]], y=[float(v) for v in published["value"]], mode="markers",
            name=t(lang, "growth_national_coordinator"),
            marker={"symbol": "diamond-open", "size": 11, "color": "#009E73", "line": {"width": 2}},
            hovertemplate="%{x}: %{y} (" + t(lang, "source").lower() + ")<extra></extra>"))
    figure.add_vline(x=2022, line={"color": "#555", "dash": "dot", "width": 1})
    figure.add_annotation(x=2022, y=1, yref="paper", text=t(lang, "kpi_target"), showarrow=False,
                          xanchor="left", yanchor="top", font={"size": 11, "color": "#333"})
    figure.add_vline(x=year, line={"color": "#111", "width": 1})
    figure.update_layout(
        height=300, margin={"l": 40, "r": 10, "t": 10, "b": 30}, font={"family": FONT, "size": 12},
        legend={"orientation": "h", "y": -0.2}, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="#fafafa",
        separators=t(lang, "plotly_separators"), hovermode="x unified",
        xaxis={"dtick": 1, "fixedrange": True}, yaxis={"fixedrange": True, "rangemode": "tozero"},
    )
    return figure
