"""The detail panel tells an area's story with sources, without a browser."""

import json

import plotly

from dashboard.data import current
from dashboard.detail import detail_panel


def _text(components) -> str:
    return json.dumps([c.to_plotly_json() if hasattr(c, "to_plotly_json") else c for c in components],
                      cls=plotly.utils.PlotlyJSONEncoder)


def test_gemeente_panel_has_history_and_sources():
    model = current().model
    text = _text(detail_panel(model, "gemeente", "GM0518", 2022, "nl"))
    assert "s-Gravenhage" in text and "Verloop per jaar" in text
    for year in model.years:
        assert f'"{year}"' in text
    assert "https://" in text  # at least one source link


def test_region_panel_lists_members_with_confidence():
    model = current().model
    text = _text(detail_panel(model, "zorgregio", "VO0034", 2019, "nl"))
    assert "Flevoland" in text and "Centrumgemeente: Almere" in text
    members = model.gemeenten.query("care_region_code == 'VO0034'")
    for name in members.gemeente_name:
        assert name in text
    c_region = model.gemeenten.query("care_region_confidence == 'C'").care_region_code.iloc[0]
    assert "aanname" in _text(detail_panel(model, "zorgregio", c_region, 2019, "nl"))


def test_unknown_code_gives_hint():
    text = _text(detail_panel(current().model, "gemeente", "GM9999", 2019, "en"))
    assert "Click an area" in text
