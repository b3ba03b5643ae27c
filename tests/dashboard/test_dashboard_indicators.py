"""Map classes, KPIs and filters: pure functions of the model."""

import pytest

from dashboard.data import current
from dashboard.indicators import CLASSES, GREY, filtered_areas, kpis, map_values
from datasets.model import LEVELS


@pytest.fixture(scope="module")
def data():
    return current()


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("indicator", ["dekking", "zorgcoordinator", "rtm", "beleid", "signalen", "datakwaliteit"])
def test_every_view_has_one_class_and_hover_per_area(data, level, indicator):
    values = map_values(data.model, data.codes[level], level, indicator, 2022, "nl")
    assert len(values.classes) == len(values.hover) == len(data.codes[level])
    assert all(c in dict(values.palette) for c in values.classes)
    assert max(values.z) < len(values.palette)


def test_unknown_is_its_own_neutral_class_never_gap(data):
    for palette in CLASSES.values():
        colours = dict(palette)
        if "onbekend" in colours:
            assert colours["onbekend"] == GREY
            assert list(colours.values()).count(GREY) == 1
    values = map_values(data.model, data.codes["gemeente"], "gemeente", "dekking", 2024, "nl")
    coverage = data.model.coverage_for(2024).set_index("gemeente_code")
    for code, cls in zip(values.codes, values.classes):
        if coverage.at[code, "n_nee"] == 0:
            assert cls != "witte_vlek"


def test_indicator_not_defined_offers_a_level(data):
    values = map_values(data.model, data.codes["politie"], "politie", "zorgcoordinator", 2022, "nl")
    assert not values.defined and values.suggested_level == "zorgregio"
    signals = map_values(data.model, data.codes["gemeente"], "gemeente", "signalen", 2022, "nl")
    assert not signals.defined and signals.suggested_level is None  # only national series are public


def test_carried_state_is_labelled_with_its_year(data):
    # Flevoland: no coordinator in 2017 (a source says so), nothing for 2018 -> 'nee, laatst bekend 2017'
    regions = data.model.region_coordinator.set_index(["care_region_code", "year"])
    row = regions.loc[("VO0034", 2018)]
    if row["carried"]:
        values = map_values(data.model, data.codes["zorgregio"], "zorgregio", "zorgcoordinator", 2018, "nl")
        hover = dict(zip(values.codes, values.hover))["VO0034"]
        assert "laatst bekend 2017" in hover


def test_inferred_membership_is_shown_as_aanname(data):
    values = map_values(data.model, data.codes["gemeente"], "gemeente", "zorgcoordinator", 2019, "nl")
    c_members = set(data.model.gemeenten.query("care_region_confidence == 'C'").gemeente_code)
    hovers = [h for code, h, cls in zip(values.codes, values.hover, values.classes)
              if code in c_members and cls != "onbekend"]
    assert hovers and all("aanname" in h for h in hovers)


def test_filters(data):
    assert filtered_areas(data.model, "gemeente", 2022) is None
    flevoland = filtered_areas(data.model, "gemeente", 2022, provincie="PV24")
    assert len(flevoland) == 6
    regions = filtered_areas(data.model, "zorgregio", 2022, provincie="PV24")
    assert "VO0034" in regions
    gaps_2017 = filtered_areas(data.model, "gemeente", 2017, status=("witte_vlek",))
    assert gaps_2017 and all(data.model.coverage_for(2017).set_index("gemeente_code").loc[c, "n_nee"] > 0
                             for c in gaps_2017)


def test_kpis_show_national_figure_beside_derived_count(data):
    cards = {c.key: c for c in kpis(data.model, 2019, "nl")}
    coordinator = cards["kpi_coordinator"]
    assert coordinator.national[0] == "30/35"
    assert coordinator.total == "/35"
    assert coordinator.gap and coordinator.source_ids
    signals = cards["kpi_signals"]
    labels = [label for label, _ in signals.lines]
    assert any("Nationaal Rapporteur" in label for label in labels)
    assert any("CoMensha" in label for label in labels)
    assert dict(signals.lines)[labels[0]] == "1.334"


def test_kpis_english_number_format(data):
    cards = {c.key: c for c in kpis(data.model, 2019, "en")}
    assert dict(cards["kpi_signals"].lines)["National Rapporteur: victims reported to CoMensha"] == "1,334"
