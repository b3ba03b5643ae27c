"""What the detail panel says: structured facts in the page's language, never a research note.

Built on the small fixture with a few rows more: an exception inside a care region (De Markiezaten-like),
an English research note and remark in a provider cell, capacity and funding, a period as published and
an arrangement that is not a named tafel; and a Tholen-like exception whose state equals its region's.
"""

from __future__ import annotations

import json

import plotly
import pytest

from dashboard.features.detail import _view_model as vm
from dashboard.features.detail._layout import _arrangements, detail_panel
from tests.fixtures import small_data


def component_text(components) -> str:
    """What a reader would read, as JSON text with its letters as they are ('zorgcoördinatie')."""
    components = components if isinstance(components, (list, tuple)) else [components]
    return json.dumps([c.to_plotly_json() if hasattr(c, "to_plotly_json") else c for c in components],
                      cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


NOTES = {
    "src-except": "Municipal decision: district Zuidwest is the only district without coordination",
    "coord-2021": "PARTIAL coverage of this care region; the decision is a pilot (actual start not confirmed)",
    "exception": "Named as the only district where the coordination task has not been realised",
    "tafel": "start: <=2016 (no date in the source); later status unknown",
    "policy": "Adopted by the council; quoted from the minutes",
}

EXTRA_TABLES = {
    "sources": small_data.TABLES["sources"] + (
        f"src-except,Besluit college Zuidwest,,Gemeente Zuid,2020-12-22,https://example.org/besluit,{NOTES['src-except']}\n"),
    "coordinator_status": """care_region_code,year,period_as_published,status,provider,fte,capacity_fte,funding,confidence,source_id,note
VO0001,2017,,aanwezig,Zorgbureau Noord,,,,A,src-coord,
VO0002,2017,,geen,,,,,B,src-coord,
VO0002,2021,2021–2022,aanwezig,Zorgbureau Zuid (1-year pilot) with the coordinator of Zorgbureau Noord,one coordinator part time,0.8,gemeenten van de Zuidregio,B,src-coord,""" + f'"{NOTES["coord-2021"]}"\n',
    "coordinator_exceptions": f"""care_region_code,year,gemeente_code,status,confidence,source_id,note
VO0002,2021,GM0006,geen,A,src-except,{NOTES['exception']}
""",
    "rtm_tables": f"""table_id,table_name,kind,area_type,police_unit_codes,start_year,period_as_published,last_confirmed_year,confidence,source_id,note
RTM-RE01,Regionale Tafel Noord,named_tafel,police unit,RE01,2016,niet vermeld,2022,A,src-tafel,"{NOTES['tafel']}"
RTM-RE02-SUB,Ketenoverleg Zuidwest,sub_regional_arrangement,sub-region,RE02,2020,uiterlijk 2020,,C,src-tafel,
""",
    "rtm_membership": small_data.TABLES["rtm_membership"] + "RTM-RE02-SUB,GM0005,,C,src-tafel\n",
    "policy_status": small_data.TABLES["policy_status"].replace(
        "GM0005,2020,,in_ontwikkeling,,,gemeente,B,src-policy,",
        f"GM0005,2020,2020–2021,in_ontwikkeling,,,gemeente,B,src-policy,{NOTES['policy']}"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(small_data, "TABLES", {**small_data.TABLES, **EXTRA_TABLES})
        return small_data.model(tmp_path_factory.mktemp("detail-tables"))


@pytest.fixture(scope="module")
def model(built):
    return built


def _all_panels(model, lang: str, year: int = 2021) -> str:
    texts = [component_text(detail_panel(model, level, code, year, lang))
             for level in ("gemeente", "zorgregio", "politie", "provincie") for code in model.area_names(level)]
    return "\n".join(texts)


# --------------------------------------------------------------------- language

@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_research_note_reaches_the_panel(model, lang):
    text = _all_panels(model, lang)
    for table in model.tables.values():
        if "note" in table.columns:
            for note in table["note"].dropna():
                if note.strip():
                    assert note not in text
    for note in NOTES.values():
        assert note not in text and note.split(";")[0] not in text
    assert "1-year pilot" not in text and "with the coordinator" not in text  # a remark inside a provider cell
    assert "Zorgbureau Zuid" in text  # ... whose name is shown


def test_the_provider_is_shown_as_a_name():
    assert vm.provider_name("Zorg- en Veiligheidshuis De Markiezaten (1-year pilot) with the zorgcoördinator of "
                            "ZVH De Baronie") == "Zorg- en Veiligheidshuis De Markiezaten"
    assert vm.provider_name("CoMensha (employer until 30 Apr 2021), then Veiligheidsregio Twente") == "CoMensha"
    assert vm.provider_name("Blijf Groep (commissioned), with HVO-Querido") == "Blijf Groep"
    assert vm.provider_name("HVO-Querido") == "HVO-Querido"
    assert vm.provider_name(float("nan")) == "" and vm.provider_name(None) == ""


def test_an_english_panel_speaks_english(model):
    text = component_text(detail_panel(model, "zorgregio", "VO0002", 2021, "en"))
    assert "except: 's-Gravendeel (no care coordination according to Gemeente Zuid, 2020-12-22)" in text
    assert "0.8 fte; funding: gemeenten van de Zuidregio" in text  # FTE worded as on the map
    assert "behalve" not in text and "zekerheid" not in text and "zonder datum" not in text


# --------------------------------------------------------------------- exceptions inside a region

def test_a_care_region_lists_its_exceptions(model):
    text = component_text(detail_panel(model, "zorgregio", "VO0002", 2021, "nl"))
    assert "behalve: 's-Gravendeel (geen zorgcoördinatie volgens Gemeente Zuid, 2020-12-22)" in text
    assert "https://example.org/besluit" in text  # the exception's source is among the sources
    assert vm.region_exceptions(model, "VO0002", 2022, "nl") == [
        "behalve: 's-Gravendeel (geen zorgcoördinatie, laatst bekend 2021, volgens Gemeente Zuid, 2020-12-22)"]
    assert vm.region_exceptions(model, "VO0002", 2019, "nl") == []  # the region said 'geen' for all then
    assert vm.region_exceptions(model, "VO0001", 2021, "nl") == []


def test_a_gemeente_in_an_exception_says_where_its_state_comes_from(model):
    text = component_text(detail_panel(model, "gemeente", "GM0006", 2021, "nl"))
    assert "een uitzondering noemt haar (geen zorgcoördinatie volgens Gemeente Zuid, 2020-12-22)" in text
    assert "Nee (uitzondering)" in text
    assert "https://example.org/besluit" in text
    other = component_text(detail_panel(model, "gemeente", "GM0005", 2021, "nl"))
    assert "uitzondering" not in other and "uitgevoerd door Zorgbureau Zuid" in other


# --------------------------------------------------------------------- kinds, capacity, periods

def test_the_kind_of_arrangement_with_its_confidence(model):
    north = component_text(detail_panel(model, "politie", "RE01", 2021, "nl"))
    assert "Regionale Tafel Noord" in north and ": Regionale Tafel (zekerheid A)" in north
    assert "sinds uiterlijk 2016 (bron: niet vermeld)" in north  # the period as published, as written
    south = component_text(detail_panel(model, "politie", "RE02", 2021, "nl"))
    assert "ander regionaal verband (deel van een eenheid) (zekerheid C, aanname)" in south
    assert "sinds uiterlijk 2020 (bron: uiterlijk 2020)" in south and "1 van de 3 gemeenten" in south
    gemeente = component_text(detail_panel(model, "gemeente", "GM0001", 2021, "nl"))
    assert "Regionale Tafel Noord: Regionale Tafel (zekerheid A)" in gemeente
    # the history names the kind as the map does
    assert dict(vm.history(model, "GM0001", "nl"))[2021][1].startswith("Regionale Tafel")
    assert dict(vm.history(model, "GM0005", "nl"))[2021][1].startswith("Ander regionaal verband, laatst bekend 2020 (aanname)")
    assert dict(vm.history(model, "GM0006", "nl"))[2021][1] == "Geen bekend"  # in no arrangement
    assert vm.arrangements(model, ["GM0006"], "nl") == [] and vm.arrangements(model, [], "nl") == []
    assert "Geen regionaal verband bekend uit de bronnen." in component_text(_arrangements(model, ["GM0006"], "nl"))


def test_capacity_is_shown_only_where_the_source_gives_it(model):
    rows = {row.year.split(" ")[0]: row for row in vm.coordinator_years(model, "VO0002", "nl")}
    assert rows["2021"].capacity == "0,8 fte; financiering: gemeenten van de Zuidregio"
    assert rows["2017"].capacity == ""  # not '0'
    assert rows["2015"].capacity == "" and rows["2015"].provider == ""
    assert vm.capacity_text("nl", None, None) == "" and vm.capacity_text("nl", float("nan"), "") == ""
    assert vm.capacity_text("nl", 1.0, None) == "1 fte" and vm.capacity_text("en", 0.25, None) == "0.25 fte"
    assert vm.capacity_text("nl", None, "provincie") == "financiering: provincie"


def test_periods_as_published_beside_the_year(model):
    rows = {row.year.split(" ")[0]: row for row in vm.coordinator_years(model, "VO0002", "nl")}
    assert rows["2021"].year == "2021 (bron: 2021–2022)"
    assert rows["2022"].year == "2022" and rows["2022"].state.endswith("laatst bekend 2021 (bron: 2021–2022)")
    text = component_text(detail_panel(model, "gemeente", "GM0005", 2021, "nl"))
    assert "In ontwikkeling, laatst bekend 2020 (bron: 2020–2021)" in text
    assert vm.published_period(float("nan")) == "" and vm.published_period(None) == ""
    # the short Dutch wordings the data holds are shown as written (research remarks are in `note`)
    for wording in ("sinds vorig jaar (artikel zonder datum, ca. 2016)", "uiterlijk 2019", "niet vermeld",
                    "besluit eind 2017; samenwerking sinds 2018 of 2019"):
        assert vm.published_period(wording) == wording


# --------------------------------------------------------------------- sources

def test_panel_sources_say_undated_and_unchecked(model):
    text = component_text(detail_panel(model, "gemeente", "GM0001", 2021, "nl"))
    assert "Gemeente Aadorp, zonder datum" in text and "nan" not in text
    assert "titel niet gecontroleerd" in text  # src-tafel's title was not checked
    english = component_text(detail_panel(model, "gemeente", "GM0001", 2021, "en"))
    assert "Gemeente Aadorp, undated" in english and "title not checked" in english


def test_undated_policy_evidence_in_the_page_language(model):
    texts, ids = vm.undated_policy(model, "GM0002", "en")
    assert texts == ["Yes, own policy: Beleid zonder jaar (confidence C, inferred)"] and ids == ["src-policy"]


# --------------------------------------------------------------------- an exception with the region's own state

@pytest.fixture(scope="module")
def tholen(tmp_path_factory):
    """Zuidregio says 'aanwezig' in 2021 (carried into 2022); a source of its own says Cuijk has coordination
    in 2022, under another arrangement: the same state as the region's, but not the region's provider."""
    tables = {**EXTRA_TABLES,
              "sources": EXTRA_TABLES["sources"] + "src-cuijk,Besluit Cuijk,true,Gemeente Cuijk,2022-03-01,"
                                                   "https://example.org/cuijk,\n",
              "coordinator_exceptions": EXTRA_TABLES["coordinator_exceptions"]
              + "VO0002,2022,GM0003,aanwezig,A,src-cuijk,\n"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(small_data, "TABLES", {**small_data.TABLES, **tables})
        return small_data.model(tmp_path_factory.mktemp("tholen-tables"))


def test_an_exception_with_the_regions_state_is_still_an_exception(tholen):
    states = tholen.pillar_states
    own = states[(states["gemeente_code"] == "GM0003") & (states["year"] == 2022) & (states["pillar"] == "coordinator")]
    region = tholen.region_coordinator.set_index(["care_region_code", "year"]).loc[("VO0002", 2022)]
    assert own.iloc[0]["state"] == region["state"] == "ja" and own.iloc[0]["exception"]  # the case itself
    text = component_text(detail_panel(tholen, "gemeente", "GM0003", 2022, "nl"))
    assert "Ja (uitzondering)" in text
    assert "een uitzondering noemt haar (wel zorgcoördinatie volgens Gemeente Cuijk, 2022-03-01)" in text
    assert "Zorgbureau Zuid" not in text and "0,8 fte" not in text  # not the region's provider, nor its capacity
    assert "https://example.org/cuijk" in text
    assert "(uitzondering)" in dict(vm.history(tholen, "GM0003", "nl"))[2022][0]
    # the region lists it beside the exception that differs, each with its own source
    assert vm.region_exceptions(tholen, "VO0002", 2022, "nl") == [
        "behalve: 's-Gravendeel (geen zorgcoördinatie, laatst bekend 2021, volgens Gemeente Zuid, 2020-12-22)",
        "behalve: Cuijk (wel zorgcoördinatie volgens Gemeente Cuijk, 2022-03-01)"]
    assert "https://example.org/cuijk" in component_text(detail_panel(tholen, "zorgregio", "VO0002", 2022, "nl"))
    # the other gemeenten still take the region's provider
    assert "uitgevoerd door Zorgbureau Zuid" in component_text(detail_panel(tholen, "gemeente", "GM0005", 2022, "nl"))
