"""Map classes and filters: pure functions of the model, with exact values on the fixture."""

import pytest

from dashboard.indicators import (CLASSES, GREY, area_categories, arrangement_class, arrangement_label, capacity_class,
                                  filtered_areas, has_capacity, map_values, state_label)
from dashboard.registry import INDICATOR_KEYS, INDICATORS, LEVEL_KEYS


def values(data, level, indicator, year, lang="nl"):
    return map_values(data.model, data.codes[level], level, INDICATORS[indicator], year, lang)


def by_code(found):
    return dict(zip(found.codes, zip(found.classes, found.hover)))


@pytest.mark.parametrize("level", LEVEL_KEYS)
@pytest.mark.parametrize("indicator", INDICATOR_KEYS)
def test_every_view_has_one_class_and_hover_per_area(data, level, indicator):
    found = values(data, level, indicator, 2022)
    assert found.codes == data.codes[level]
    assert len(found.classes) == len(found.hover) == len(data.codes[level])
    assert all(c in dict(found.palette) for c in found.classes)
    assert max(found.z) < len(found.palette)
    assert sum(found.counts().values()) == len(data.codes[level])


def test_unknown_is_its_own_neutral_class_never_gap(data):
    for palette in CLASSES.values():
        colours = dict(palette)
        if "onbekend" in colours:
            assert colours["onbekend"] == GREY
            assert list(colours.values()).count(GREY) == 1
    # 2017: GM0001 and GM0002 have a coordinator and a table; policy is unknown -> blind spot, never a gap
    found = by_code(values(data, "gemeente", "dekking", 2017))
    assert {code: cls for code, (cls, _) in found.items()} == {
        "GM0001": "grijze_vlek", "GM0002": "grijze_vlek", "GM0003": "witte_vlek", "GM0004": "witte_vlek",
        "GM0005": "witte_vlek", "GM0006": "witte_vlek"}
    coverage = data.model.coverage_for(2017).set_index("gemeente_code")
    for code, (cls, _) in found.items():
        assert (cls == "witte_vlek") == (coverage.at[code, "n_nee"] > 0)


def test_coverage_in_2019(data):
    found = by_code(values(data, "gemeente", "dekking", 2019))
    assert found["GM0001"] == ("volledig", "3/3 pijlers")
    assert found["GM0002"] == ("grijze_vlek", "2/3 pijlers; onbekend: beleid")
    assert found["GM0004"] == ("witte_vlek", "0/3 pijlers; ontbreekt: zorgcoördinator, beleid; onbekend: regionaal verband")
    # a region takes its worst member
    regions = by_code(values(data, "zorgregio", "dekking", 2019))
    assert regions["VO0001"][0] == "grijze_vlek" and regions["VO0002"][0] == "witte_vlek"
    assert regions["VO0002"][1] == "0 van 4 gemeenten volledig, 4 witte vlek, 0 grijze vlek"


def test_indicator_not_defined_offers_a_level(data):
    found = values(data, "politie", "zorgcoordinator", 2022)
    assert not found.defined and found.suggested_level == "zorgregio"
    assert set(found.classes) == {"onbekend"}
    signals = values(data, "gemeente", "signalen", 2022)
    assert not signals.defined and signals.suggested_level == "zorgregio"


def test_signals_by_size_and_small_numbers_hidden(data):
    found = values(data, "zorgregio", "signalen", 2019)
    assert found.defined and found.series == "nrm_slachtoffers"
    classes = by_code(found)
    assert classes["VO0001"][0] == "sig_lt5" and classes["VO0001"][1].startswith("<5 ")
    assert classes["VO0002"][0] == "sig_2" and classes["VO0002"][1].startswith("40 ")
    # no signals published for 2020: every region is unknown
    assert set(values(data, "zorgregio", "signalen", 2020).classes) == {"onbekend"}


def test_carried_state_is_labelled_with_its_year(data):
    # Zuidregio: no coordinator in 2017 (a source says so), nothing for 2018 -> 'nee, laatst bekend 2017'
    regions = data.model.region_coordinator.set_index(["care_region_code", "year"])
    row = regions.loc[("VO0002", 2018)]
    assert row["state"] == "nee" and bool(row["carried"]) and int(row["basis_year"]) == 2017
    found = by_code(values(data, "zorgregio", "zorgcoordinator", 2018))
    assert found["VO0002"] == ("nee_eerder", "Nee, laatst bekend 2017")
    assert found["VO0001"] == ("ja_eerder", "Ja, laatst bekend 2017; Zorgbureau Noord")
    # the year of the source itself is not 'carried'; in 2021 a new source says yes
    assert by_code(values(data, "zorgregio", "zorgcoordinator", 2017))["VO0002"][0] == "nee"
    assert by_code(values(data, "zorgregio", "zorgcoordinator", 2021))["VO0002"][0] == "ja"
    english = by_code(values(data, "zorgregio", "zorgcoordinator", 2018, "en"))
    assert "last known 2017" in english["VO0002"][1]


def test_inferred_membership_is_shown_as_aanname(data):
    found = by_code(values(data, "gemeente", "zorgcoordinator", 2019))
    # GM0006's membership of Zuidregio is inferred (confidence C)
    assert found["GM0006"] == ("nee_eerder", "Nee, laatst bekend 2017 (aanname)")
    others = [hover for code, (_, hover) in found.items() if code != "GM0006"]
    assert others and not any("aanname" in hover for hover in others)


def test_policy_classes(data):
    found = by_code(values(data, "gemeente", "beleid", 2019))
    assert found["GM0001"] == ("ja_eigen", "Ja, eigen beleid (sinds 2018)")
    assert found["GM0003"] == ("ja_regionaal", "Ja, via regionaal beleid (sinds 2019)")
    assert found["GM0004"][0] == "nee"
    assert found["GM0002"][0] == "onbekend"  # undated policy sets no state
    regions = by_code(values(data, "politie", "beleid", 2019))
    assert regions["RE02"] == ("agg_nee", "0 van 3 gemeenten ja, 1 nee, 2 onbekend")


def test_state_label():
    assert state_label("nl", "nee", True, 2017) == "Nee, laatst bekend 2017"
    assert state_label("nl", "nee", False, 2017, confidence="C") == "Nee (aanname)"
    assert state_label("en", "nee", True, 2017) == "No, last known 2017"
    assert "aanname" not in state_label("nl", "onbekend", False, None, confidence="C")


def test_filters(data):
    model = data.model
    assert filtered_areas(model, "gemeente", 2022) is None
    assert filtered_areas(model, "gemeente", 2022, {"provincie": None}) is None
    assert filtered_areas(model, "gemeente", 2022, {"provincie": "PV20"}) == {"GM0001", "GM0002", "GM0004"}
    assert filtered_areas(model, "zorgregio", 2022, {"provincie": "PV20"}) == {"VO0001", "VO0002"}
    assert filtered_areas(model, "gemeente", 2022, {"provincie": "PV21", "politie": "RE02"}) == {"GM0005", "GM0006"}
    gaps_2017 = filtered_areas(model, "gemeente", 2017, status=("witte_vlek",))
    assert gaps_2017 == {"GM0003", "GM0004", "GM0005", "GM0006"}
    assert filtered_areas(model, "zorgregio", 2019, status=("grijze_vlek",)) == {"VO0001"}
    assert filtered_areas(model, "gemeente", 2019, {"zorgregio": "VO0001"}, ("volledig",)) == {"GM0001"}


def test_area_categories(data):
    assert area_categories(data.model, "politie", 2019) == {"RE01": "witte_vlek", "RE02": "witte_vlek"}
    assert area_categories(data.model, "gemeente", 2019)["GM0001"] == "volledig"


# ------------------------------------------------------------------ the regional arrangement by kind


def test_arrangement_kinds_at_gemeente_level(data):
    found = values(data, "gemeente", "rtm", 2019)
    assert found.palette == CLASSES["rtm"]
    classes = by_code(found)
    assert classes["GM0001"] == ("rtm_tafel", "Regionale Tafel (A); Regionale Tafel Noord")
    assert classes["GM0003"][0] == "rtm_tafel"
    # no source ties Delden, Epe or 's-Gravendeel to any arrangement: none known, which is not a gap
    assert {classes[c] for c in ("GM0004", "GM0005", "GM0006")} == {("rtm_geen_bekend", "Geen bekend")}
    assert data.model.coverage_for(2019).set_index("gemeente_code").at["GM0004", "rtm"] == "onbekend"
    # last confirmed 2022: carried, labelled with its year; after CARRY_YEARS unknown (a member, so not 'none known')
    carried = by_code(values(data, "gemeente", "rtm", 2023, "en"))
    assert carried["GM0001"] == ("rtm_tafel_eerder", "Regional Table, last known 2022 (A); Regionale Tafel Noord")
    assert by_code(values(data, "gemeente", "rtm", 2026))["GM0001"] == ("onbekend", "Onbekend")


def test_arrangement_kind_labels():
    assert arrangement_class("ja", False, "named_tafel") == "rtm_tafel"
    assert arrangement_class("ja", True, "sub_regional_arrangement") == "rtm_ander_eerder"
    assert arrangement_class("ja", False, "unit_arrangement_not_named_tafel") == "rtm_ander"
    assert arrangement_class("onbekend", False, "", member=False) == "rtm_geen_bekend"
    assert arrangement_label("nl", "ja", False, 2019, "sub_regional_arrangement", "C") == \
        "Ander regionaal verband (aanname)"
    assert arrangement_label("en", "ja", True, 2020, "named_tafel", "B") == "Regional Table, last known 2020 (B)"
    assert arrangement_label("nl", "onbekend", False, None, "", "C") == "Onbekend"
    assert arrangement_label("nl", "ja", False, 2019, "named_tafel", "A") == "Regionale Tafel (A)"
    assert arrangement_label("nl", "onbekend", False, None, "", "A", member=False) == "Geen bekend"


def test_arrangement_kinds_counted_per_area(data):
    regions = by_code(values(data, "politie", "rtm", 2019))
    assert regions["RE01"] == ("agg_alle", "3 gemeenten: Regionale Tafel 3")
    # the aggregate classes (all / some yes) do not show the kinds: the legend counts them over the whole map
    assert values(data, "politie", "rtm", 2019).notes == ("Gemeenten: Regionale Tafel 3, geen bekend 3",)
    assert values(data, "provincie", "rtm", 2019, "en").notes == ("Municipalities: Regional Table 3, none known 3",)
    assert values(data, "gemeente", "rtm", 2019).notes == ()
    assert regions["RE02"] == ("onbekend", "3 gemeenten: geen bekend 3")
    english = by_code(values(data, "zorgregio", "rtm", 2019, "en"))
    assert english["VO0002"][1] == "4 municipalities: Regional Table 1, none known 3"


# ------------------------------------------------------------------ exceptions inside a care region; capacity

TRUTH_TABLES = {
    "coordinator_status": """care_region_code,year,period_as_published,status,provider,fte,capacity_fte,funding,confidence,source_id,note
VO0001,2017,,aanwezig,Zorgbureau Noord,16 uur per week,0.44,Gemeente Aadorp,A,src-coord,
VO0002,2017,,geen,,,,,B,src-coord,
VO0002,2021,,aanwezig,Zorgbureau Zuid,,1.2,,B,src-coord,
VO0002,2023,,aanwezig,Zorgbureau Zuid,,,,C,src-coord,
""",
    "coordinator_exceptions": """care_region_code,year,gemeente_code,status,confidence,source_id,note
VO0002,2021,GM0006,geen,A,src-coord,
""",
}


@pytest.fixture(scope="module")
def truth(tmp_path_factory):
    from tests.fixtures import small_data

    saved = dict(small_data.TABLES)
    small_data.TABLES.update(TRUTH_TABLES)
    try:
        return small_data.dashboard_data(tmp_path_factory.mktemp("truth"), version="truth-1")
    finally:
        small_data.TABLES.clear()
        small_data.TABLES.update(saved)


def test_exception_on_the_gemeente_map_and_in_the_region_hover(truth):
    gemeenten = by_code(values(truth, "gemeente", "zorgcoordinator", 2021))
    assert gemeenten["GM0006"] == ("nee", "Nee; uitzondering binnen de zorgregio")
    assert gemeenten["GM0005"] == ("ja", "Ja")
    found = values(truth, "zorgregio", "zorgcoordinator", 2021)
    assert by_code(found)["VO0002"] == ("ja", "Ja; Zorgbureau Zuid; uitzonderingen: 's-Gravendeel: nee")
    assert found.notes and "1" in found.notes[0]
    assert not values(truth, "zorgregio", "zorgcoordinator", 2023).notes  # a later region row ends it
    # gaps and region aggregates follow the gemeente's own state
    assert by_code(values(truth, "gemeente", "dekking", 2021))["GM0006"][0] == "witte_vlek"
    assert by_code(values(truth, "politie", "dekking", 2021))["RE02"] == (
        "witte_vlek", "0 van 3 gemeenten volledig, 2 witte vlek, 1 grijze vlek")  # GM0006 by its exception
    assert by_code(values(truth, "zorgregio", "dekking", 2021))["VO0002"][0] == "witte_vlek"


def test_assumed_states_are_counted(data):
    found = values(data, "gemeente", "zorgcoordinator", 2019)
    assert found.assumed == frozenset({"GM0006"})
    assert found.assumed_counts()["nee_eerder"] == 1 and sum(found.assumed_counts().values()) == 1


def test_capacity_classes(truth):
    assert has_capacity(truth.model)
    regions = by_code(values(truth, "zorgregio", "capaciteit", 2017))
    assert regions["VO0001"] == ("cap_lt05", "0,44 fte")
    assert regions["VO0002"] == ("onbekend", "Capaciteit niet gepubliceerd; zorgcoördinator: Nee")
    assert by_code(values(truth, "zorgregio", "capaciteit", 2019, "en"))["VO0001"] == (
        "cap_lt05", "0.44 fte, last known 2017")
    gemeenten = by_code(values(truth, "gemeente", "capaciteit", 2021))
    assert gemeenten["GM0004"] == ("cap_ge1", "1,2 fte")
    # 's-Gravendeel's coordinator state is an exception: the region's capacity does not apply
    assert gemeenten["GM0006"][0] == "onbekend" and "uitzondering" in gemeenten["GM0006"][1].lower()
    assert not values(truth, "politie", "capaciteit", 2021).defined


@pytest.mark.parametrize("fte,cls", [(None, "onbekend"), (0.0, "cap_lt05"), (0.49, "cap_lt05"), (0.5, "cap_05_1"),
                                     (0.99, "cap_05_1"), (1.0, "cap_ge1"), (2.5, "cap_ge1")])
def test_capacity_bins(fte, cls):
    assert capacity_class(fte) == cls
