"""The detail panel in compare mode (`vergelijk`): per pillar and the coverage, the state in both years,
the change as the comparison map names it, and the sources of both years; without a comparison the panel
is as before.

On the small fixture, 2017 against 2021: GM0001's coordinator is yes then unknown (no longer known), its
regional arrangement a named tafel in both years, its policy unknown then yes (newly known); GM0005's
coordinator is no then yes (better)."""

from __future__ import annotations

import pytest

from dashboard.features.detail import _view_model as vm
from dashboard.features.detail._layout import detail_aside, detail_panel
from dashboard.features.map._view_model import values_for
from dashboard.i18n import t
from dashboard.state import ViewState
from tests.dashboard.features.detail.test_detail_view_model import component_text
from tests.dashboard.features.detail.test_detail_callbacks import post


def by_label(changes):
    return {change.label: change for change in changes}


def test_without_comparison_the_panel_is_as_before(model, data):
    plain = component_text(detail_panel(model, "gemeente", "GM0001", 2021, "nl"))
    assert plain == component_text(detail_panel(model, "gemeente", "GM0001", 2021, "nl", None, data))
    assert "Wat veranderde" not in plain and "detail-compare" not in plain


def test_each_pillar_before_and_after_with_the_change(model, data):
    changes = by_label(vm.changes(data, "gemeente", "GM0001", 2021, 2017, "nl"))
    assert list(changes) == ["Zorgcoördinator", "Regionaal verband", "Beleid", "Dekking (3 pijlers)"]
    coordinator = changes["Zorgcoördinator"]
    assert (coordinator.before.cls, coordinator.after.cls, coordinator.change) == ("ja", "onbekend", "cmp_niet_meer_bekend")
    assert changes["Regionaal verband"].change == "cmp_gelijk"
    assert changes["Beleid"].change == "cmp_nieuw_bekend"
    better = by_label(vm.changes(data, "gemeente", "GM0005", 2021, 2017, "nl"))["Zorgcoördinator"]
    assert (better.before.cls, better.after.cls, better.change) == ("nee", "ja", "cmp_beter")
    # the change is the comparison map's class of the area
    compared = values_for(data, "gemeente", "zorgcoordinator", 2021, "nl", 2017)
    assert better.change == compared.classes[compared.codes.index("GM0005")]


def test_the_section_names_both_years_the_change_and_both_years_sources(model, data):
    section = detail_panel(model, "gemeente", "GM0005", 2021, "nl", 2017, data)
    text = component_text(section)
    assert "Wat veranderde sinds 2017" in text
    assert "2017: Nee → 2021: Ja" in text
    assert t("nl", "cls_cmp_beter") in text and t("nl", "cls_cmp_nieuw_bekend") in text
    assert "Bronnen 2017" in text and "Bronnen 2021" in text
    assert "https://example.org/coord" in text and "CoMensha" in text  # title link, publisher and date
    # near the top: right after the heading's links, before the year's story
    assert text.index("Wat veranderde") < text.index("In 2021")
    english = component_text(detail_panel(model, "gemeente", "GM0005", 2021, "en", 2017, data))
    assert "What changed since 2017" in english and "Sources 2017" in english and "Improved" in english


def test_sources_of_each_year_follow_that_years_state(model, data):
    changes = by_label(vm.changes(data, "gemeente", "GM0001", 2021, 2017, "nl"))
    policy = changes["Beleid"]
    assert policy.before.sources == () and [s.url for s in policy.after.sources] == ["https://example.org/beleid"]
    coordinator = changes["Zorgcoördinator"]
    assert "https://example.org/coord" in [s.url for s in coordinator.before.sources]
    assert coordinator.after.sources == ()


def test_unknown_is_shown_as_unknown_without_a_source(model, data):
    text = component_text(detail_panel(model, "gemeente", "GM0001", 2021, "nl", 2017, data))
    assert "2017: Ja → 2021: Onbekend" in text
    assert t("nl", "cmp_detail_no_source", year=2021) in text  # the coordinator, unknown in 2021
    assert t("nl", "cmp_detail_no_source", year=2017) in text  # the policy, unknown in 2017
    assert t("nl", "cmp_detail_coverage_sources") in text  # the coverage rests on the pillars
    assert t("nl", "cls_cmp_niet_meer_bekend") in text


def test_a_region_compares_what_the_map_shows_at_its_level(model, data):
    region = by_label(vm.changes(data, "zorgregio", "VO0002", 2021, 2017, "nl"))
    assert region["Zorgcoördinator"].change == "cmp_beter"
    assert [s.url for s in region["Zorgcoördinator"].after.sources] == ["https://example.org/coord"]
    unit = component_text(detail_panel(model, "politie", "RE01", 2021, "nl", 2017, data))
    assert "Wat veranderde sinds 2017" in unit
    assert t("nl", "cmp_detail_not_shown", what="Zorgcoördinator") in unit  # not on the map at this level


def test_a_later_comparison_year_is_a_difference_read_forward_in_time(model, data):
    text = component_text(detail_panel(model, "gemeente", "GM0005", 2017, "nl", 2021, data))
    assert "Verschil met 2021" in text and "2017: Nee → 2021: Ja" in text and "Verslechterd" not in text
    compared = values_for(data, "gemeente", "zorgcoordinator", 2017, "nl", 2021)  # the map's class, forward in time
    assert compared.classes[compared.codes.index("GM0005")] == "cmp_beter" and "Verbeterd" in text


def test_the_coverage_of_a_police_unit_lists_the_coordinators_sources(model, data):
    """The coordinator is not compared on its own above care-region level: its sources come with the coverage."""
    changes = {c.label: c for c in vm.changes(data, "politie", "RE01", 2021, 2017, "nl")}
    coverage = next(c for c in changes.values() if c.pillar is None)
    urls = {s.url for s in coverage.after.sources}
    assert "https://example.org/coord" in urls


def test_the_main_page_aside_follows_the_urls_comparison(data):
    state = ViewState(niveau="gemeente", jaar=2021, selectie="GM0005", vergelijk=2017)
    assert "Wat veranderde sinds 2017" in component_text(detail_aside(data, state))
    assert "Wat veranderde" not in component_text(detail_aside(data, state.with_(vergelijk=None)))


OUTPUTS = [{"id": "detail", "property": "children"}, {"id": "detail-close", "property": "hidden"}]
STATE = [{"id": "control-level", "property": "value", "value": "gemeente"},
         {"id": "url", "property": "search", "value": ""}]


def inputs(selection, compare_on, compare_year=2017, year=2021):
    return [{"id": "store-selection", "property": "data", "value": selection},
            {"id": "control-year", "property": "value", "value": year},
            {"id": "control-compare", "property": "value", "value": compare_on},
            {"id": "control-compare-year", "property": "value", "value": compare_year}]


@pytest.mark.parametrize("compare_on, shown", [(["on"], True), ([], False)])
def test_the_callback_takes_the_comparison(app, client, compare_on, shown):
    answer = post(app, client, "detail.children", OUTPUTS, inputs("GM0005", compare_on), STATE,
                  ["control-compare.value"])
    assert ("Wat veranderde sinds 2017" in str(answer["detail"]["children"])) is shown


def test_a_comparison_toggle_with_nothing_selected_redraws_nothing(app, client):
    for changed in ("control-compare.value", "control-compare-year.value"):
        assert not post(app, client, "detail.children", OUTPUTS, inputs(None, ["on"]), STATE, [changed])


def test_none_known_is_not_worded_as_unknown(model, data):
    """GM0004 has no source tying it to any regional arrangement: the panel says so, not 'onbekend'."""
    text = component_text(detail_panel(model, "gemeente", "GM0004", 2021, "nl", 2016, data))
    assert t("nl", "cmp_detail_none_known", year=2016) in text and t("nl", "cmp_detail_none_known", year=2021) in text
