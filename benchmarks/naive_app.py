"""The naive baseline: the same controls, one callback that rebuilds the whole map on every change.

This is what a first version of the dashboard would look like: a single callback
that calls `px.choropleth(...)` with the full GeoJSON of the level and returns the
complete figure, geometry included, for every change of level, indicator, year
or filter.

It is deliberately *not* a strawman:

* it reads the same in-memory data as the real app (`context.data.current().geojson[level]`,
  already simplified, and `values_for(...)`, memoised the same way);
* it colours by the integer class code on one continuous, stepped colour scale,
  so the geometry is sent exactly once per response (a categorical
  `color=` would make plotly express emit one trace per class, each carrying
  the whole GeoJSON again, and inflate the baseline several times over);
* filters fade the areas that are filtered out (`selectedpoints`), like the real app.

The component ids are the real app's (`dashboard.ids`), so one sequence of
user actions drives both apps.
"""

from __future__ import annotations

import dash
import pandas as pd
import plotly.express as px
from dash import Input, Output, dcc, html

from dashboard import ids
from geodata.levels import LEVELS
from dashboard.features.map._view_model import values_for
from dashboard.features.map.figures import UNSELECTED_OPACITY, selected_points, stepped_colorscale
from dashboard.indicators import filtered_areas
from dashboard.registry import INDICATOR_KEYS as INDICATORS



def _layout(context):
    """Built on the first request (like the real app: no data is read at import time)."""
    data = context.data.current()
    default = data.choices.default()
    years = data.choices.years
    names = {level: data.names(level) for level in ("provincie", "zorgregio", "politie")}

    def options(level):
        return [{"label": name, "value": code} for code, name in sorted(names[level].items(), key=lambda kv: kv[1])]

    return html.Div([
        dcc.RadioItems(id=ids.LEVEL, value=default.niveau, options=list(LEVELS), inline=True),
        dcc.Dropdown(id=ids.INDICATOR, value=default.indicator, options=list(INDICATORS), clearable=False),
        dcc.Slider(id=ids.YEAR, min=years[0], max=years[-1], step=1, value=default.jaar),
        dcc.Dropdown(id=ids.PROVINCE, value=None, options=options("provincie")),
        dcc.Dropdown(id=ids.CARE_REGION, value=None, options=options("zorgregio")),
        dcc.Dropdown(id=ids.POLICE_UNIT, value=None, options=options("politie")),
        dcc.Checklist(id=ids.STATUS, value=[], options=["volledig", "deels", "grijze_vlek", "witte_vlek"]),
        # the base map from this server: without internet plotly's CDN default leaves the map empty
        dcc.Graph(id=ids.MAP, config={"topojsonURL": "/naive-topojson/"}),
    ])


def naive_figure(context, level, indicator, year, province, region, unit, status):
    """Rebuild the whole choropleth, geometry included."""
    data = context.data.current()
    values = values_for(data, level, indicator, int(year), "nl")
    names = data.names(level)
    frame = pd.DataFrame({"code": list(values.codes), "klasse": values.z,
                          "naam": [names.get(c, c) for c in values.codes], "tekst": list(values.hover)})
    figure = px.choropleth(
        frame, geojson=data.geojson[level], locations="code", featureidkey="id", color="klasse",
        color_continuous_scale=stepped_colorscale(values.palette),
        range_color=(-0.5, len(values.palette) - 0.5), hover_name="naam", hover_data={"tekst": True},
    )
    figure.update_geos(fitbounds="locations", visible=False)
    figure.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, coloraxis_showscale=False)
    selected = filtered_areas(data.model, level, int(year),
                              {"provincie": province, "zorgregio": region, "politie": unit}, tuple(status or ()))
    if selected is not None:
        figure.update_traces(selectedpoints=selected_points(values.codes, selected),
                             unselected={"marker": {"opacity": UNSELECTED_OPACITY}})
    return figure


def create_naive_app(context) -> dash.Dash:
    app = dash.Dash(__name__, title="naive baseline", serve_locally=True, update_title=None)
    app.layout = lambda: _layout(context)

    @app.server.route("/naive-topojson/<name>")
    def topojson(name):
        from flask import send_from_directory

        from dashboard.context import ASSETS_DIR

        return send_from_directory(ASSETS_DIR / "topojson", name)

    @app.callback(Output(ids.MAP, "figure"),
                  Input(ids.LEVEL, "value"), Input(ids.INDICATOR, "value"), Input(ids.YEAR, "value"),
                  Input(ids.PROVINCE, "value"), Input(ids.CARE_REGION, "value"), Input(ids.POLICE_UNIT, "value"),
                  Input(ids.STATUS, "value"))
    def update_map(level, indicator, year, province, region, unit, status):
        return naive_figure(context, level, indicator, year, province, region, unit, status)

    return app
