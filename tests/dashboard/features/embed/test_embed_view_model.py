"""The embed's view model: what the light page shows for a data version and a view, computed from the
dashboard's own classes, legend, filters and source line."""

from __future__ import annotations

from dashboard.features.embed._view_model import area_title, embed_view, etag
from dashboard.features.map._view_model import values_for
from dashboard.features.map.figures import legend_entries
from dashboard.features.share._view_model import source_line
from dashboard.indicators import CLASSES
from dashboard.state import Notice, ViewState
from tests.dashboard.conftest import load_tables
from tests.fixtures import small_data

REGIONS = ViewState(niveau="zorgregio", indicator="zorgcoordinator", jaar=2019)


def test_regions_with_their_state_in_words_and_the_dashboards_colours(data):
    view = embed_view(data, REGIONS)
    assert view.lang == "nl" and view.heading == "Zorgcoördinator, 2019"
    assert view.page_title == "Zorgcoördinator, 2019 — Dekkingskaart Mensenhandel"
    assert [(a.code, a.name, a.cls, a.colour, a.title) for a in view.areas] == [
        ("VO0001", "Noordregio", "ja_eerder", dict(CLASSES["state"])["ja_eerder"],
         "Noordregio: Ja, laatst bekend eerder jaar (Ja, laatst bekend 2017; Zorgbureau Noord)"),
        ("VO0002", "Zuidregio", "nee_eerder", dict(CLASSES["state"])["nee_eerder"],
         "Zuidregio: Nee, laatst bekend eerder jaar (Nee, laatst bekend 2017)"),
    ]
    assert all(a.kept for a in view.areas) and not view.filtered
    # the legend is the main map's: every class with its colour and count
    values = values_for(data, "zorgregio", "zorgcoordinator", 2019, "nl")
    assert [(e.colour, e.label) for e in view.legend] == [(c, label) for _, c, label in legend_entries(values, "nl")]
    assert view.source_line == source_line(data, REGIONS) and view.source_line.startswith("Bron: ")
    assert view.data_version == "Gegevensversie fixture-1"
    assert view.data_date.startswith("Stand van de gegevens: ")
    assert view.full_map_href == "/?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019"
    assert view.full_map_label == "Open de volledige kaart"
    assert view.description.startswith("Kaart: Zorgcoördinator, 2019")
    assert not view.synthetic and view.demo_mark is None and view.notices == () and view.not_defined is None


def test_the_table_has_every_area_sorted_by_name(data):
    view = embed_view(data, ViewState(niveau="gemeente", indicator="beleid", jaar=2019))
    assert view.table_header == ("Gebied", "Code", "Waarde op de kaart", "Toelichting")
    # "'s-Gravendeel" sorts under G, as a reader looks for it
    assert [row[0] for row in view.table_rows] == ["Aadorp", "Bedum", "Cuijk", "Delden", "Epe", "'s-Gravendeel"]
    by_code = {a.code: a for a in view.areas}
    for name, code, words, detail in view.table_rows:
        assert (by_code[code].name, by_code[code].words, by_code[code].detail) == (name, words, detail)
    assert view.areas[0].title == "Aadorp: Ja, eigen beleid (sinds 2018)"  # the hover line says the class already


def test_filters_fade_the_areas_outside_as_the_map_does(data):
    view = embed_view(data, ViewState(niveau="gemeente", indicator="beleid", jaar=2019, provincie="PV20", taal="en"))
    assert view.filtered
    assert {a.code for a in view.areas if a.kept} == {"GM0001", "GM0002", "GM0004"}  # province PV20
    cuijk = next(a for a in view.areas if a.code == "GM0003")
    assert cuijk.title.endswith("— outside the filter")
    assert view.legend[-1].colour is None and view.legend[-1].label == "outside the filter (faded)"
    assert view.table_header[-1] == "Inside the filter"
    assert {row[1]: row[-1] for row in view.table_rows} == {
        "GM0001": "yes", "GM0002": "yes", "GM0003": "no", "GM0004": "yes", "GM0005": "no", "GM0006": "no"}
    assert view.full_map_href == "/?niveau=gemeente&indicator=beleid&jaar=2019&provincie=PV20&taal=en"


def test_status_filter_keeps_the_map_classes(data):
    view = embed_view(data, ViewState(niveau="gemeente", indicator="dekking", jaar=2019, status=("witte_vlek",)))
    assert {a.code for a in view.areas if a.kept} == {"GM0003", "GM0004", "GM0005", "GM0006"}


def test_an_indicator_not_defined_here_says_so_and_links_the_level_where_it_is(data):
    view = embed_view(data, ViewState(niveau="politie", indicator="zorgcoordinator", jaar=2019))
    assert view.not_defined == "Deze indicator bestaat niet op dit niveau."
    assert view.suggested_href == "/embed?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019"
    assert view.suggested_label.startswith("Bekijk op niveau: Zorgregio")


def test_signals_name_their_series(data):
    view = embed_view(data, ViewState(niveau="zorgregio", indicator="signalen", jaar=2019))
    assert view.series == "Nationaal Rapporteur: slachtoffers gemeld bij CoMensha"


def test_english(data):
    view = embed_view(data, REGIONS.with_(taal="en"))
    assert view.lang == "en" and view.heading == "Care coordinator, 2019"
    assert view.full_map_label == "Open the full map" and view.legend_title == "Legend"
    assert view.table_summary == "Table of the map" and view.source_line.startswith("Source: ")
    assert view.areas[0].title.startswith("Noordregio: Yes, last known in an earlier year")


def test_notices_of_an_invalid_query(data):
    view = embed_view(data, REGIONS, [Notice("jaar", "abc")])
    assert view.notices == ("De waarde 'abc' voor 'jaar' in de link is ongeldig; de standaardwaarde wordt getoond.",)


def test_sample_data_is_marked(tmp_path):
    demo = load_tables(small_data.write_tables(tmp_path / "tables"), "demo", synthetic=True)
    view = embed_view(demo, REGIONS)
    assert view.synthetic and view.demo_mark.startswith("VOORBEELDDATA")


def test_area_title():
    assert area_title("Twente", "Ja", "Ja", True, "nl") == "Twente: Ja"
    assert area_title("Twente", "Ja", "", True, "nl") == "Twente: Ja"
    assert area_title("Twente", "Ja", "Ja (sinds 2019)", True, "nl") == "Twente: Ja (sinds 2019)"
    assert area_title("Twente", "Ja", "Zorgbureau", True, "nl") == "Twente: Ja (Zorgbureau)"
    assert area_title("Twente", "Ja", "Ja", False, "en") == "Twente: Ja — outside the filter"


def test_etag_names_data_version_view_language_notices_and_code(data, tmp_path):
    base = etag(data, REGIONS, [], "code1")
    assert base == etag(data, REGIONS, [], "code1") and len(base) == 32
    other_data = load_tables(small_data.write_tables(tmp_path / "tables"), "fixture-2")
    assert len({base, etag(other_data, REGIONS, [], "code1"), etag(data, REGIONS.with_(jaar=2020), [], "code1"),
                etag(data, REGIONS.with_(taal="en"), [], "code1"),
                etag(data, REGIONS, [Notice("jaar", "abc")], "code1"), etag(data, REGIONS, [], "code2")}) == 6
