"""The detail panel tells an area's story with sources, without a browser."""

from dashboard.features.detail._layout import detail_panel
from tests.dashboard.conftest import component_text


def test_gemeente_panel_has_history_and_sources(model):
    text = component_text(detail_panel(model, "gemeente", "GM0001", 2019, "nl"))
    assert "Aadorp" in text and "Verloop per jaar" in text
    for year in model.years:
        assert f'"{year}"' in text
    assert "Noordregio" in text and "Eenheid Noord" in text and "Provincie Noord" in text
    assert "https://example.org/beleid" in text and "https://example.org/coord" in text
    # a source without a date says so (not 'nan')
    assert "Gemeente Aadorp, zonder datum" in text and "nan" not in text


def test_undated_evidence_is_listed_apart(model):
    text = component_text(detail_panel(model, "gemeente", "GM0002", 2019, "nl"))
    assert "Beleid zonder jaar" in text


def test_inferred_membership_says_aanname(model):
    assert "aanname" in component_text(detail_panel(model, "gemeente", "GM0006", 2019, "nl"))
    assert "aanname" not in component_text(detail_panel(model, "gemeente", "GM0005", 2019, "nl"))


def test_region_panel_lists_members_with_confidence(model):
    text = component_text(detail_panel(model, "zorgregio", "VO0002", 2019, "nl"))
    assert "Zuidregio" in text and "Centrumgemeente: Delden" in text
    for name in ("Cuijk", "Delden", "Epe", "s-Gravendeel"):
        assert name in text
    assert "Aadorp" not in text.replace("Gemeente Aadorp", "")  # not a member (its policy source may be listed)
    assert "'s-Gravendeel (C, aanname)" in text and "Epe (B)" in text  # 's-Gravendeel is a member by inference
    north = component_text(detail_panel(model, "zorgregio", "VO0001", 2019, "nl"))
    assert "Aadorp (A)" in north and "Bedum (B)" in north and ", aanname)" not in north


def test_unknown_code_gives_hint(model):
    assert "Click an area" in component_text(detail_panel(model, "gemeente", "GM9999", 2019, "en"))
    assert "Click an area" in component_text(detail_panel(model, "zorgregio", "GM0001", 2019, "en"))


def test_area_picker_offers_the_areas_of_the_level(data):
    from dashboard.features.detail._layout import area_options

    options = area_options(data, "zorgregio")
    assert sorted(option["value"] for option in options) == ["VO0001", "VO0002"]
    assert {option["value"]: option["label"] for option in options}["VO0002"].startswith("Zuidregio")
