"""Levels and indicators are declared once; every entry has its texts, its class function and palette."""

import pytest

from dashboard.i18n import t
from dashboard.indicators import CLASSES
from dashboard.registry import (FILTER_LEVELS, INDICATOR_KEYS, INDICATORS, LEVEL_KEYS, LEVELS, area_filters)
from dashboard.state import ViewState


def test_levels_and_filters():
    assert LEVEL_KEYS == ("gemeente", "zorgregio", "politie", "provincie")
    assert [level.filter_param for level in FILTER_LEVELS] == ["provincie", "regio", "eenheid"]
    assert LEVELS["gemeente"].filter_param is None
    assert {LEVELS[key].column for key in LEVEL_KEYS} == {"gemeente_code", "care_region_code", "police_unit_code",
                                                          "province_code"}


def test_indicators_in_order_with_pillars():
    assert INDICATOR_KEYS == ("dekking", "zorgcoordinator", "capaciteit", "rtm", "beleid", "signalen",
                              "datakwaliteit")
    assert {k: INDICATORS[k].pillar for k in INDICATOR_KEYS} == {
        "dekking": None, "zorgcoordinator": "coordinator", "capaciteit": "coordinator", "rtm": "rtm",
        "beleid": "policy", "signalen": None, "datakwaliteit": None}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_entry_has_its_texts(lang):
    for key in INDICATOR_KEYS:
        assert t(lang, INDICATORS[key].label_key) != INDICATORS[key].label_key
    for key in LEVEL_KEYS:
        assert t(lang, LEVELS[key].label_key) != LEVELS[key].label_key
    for palette in CLASSES.values():
        for cls, _ in palette:
            assert t(lang, f"cls_{cls}") != f"cls_{cls}"


def test_where_indicators_are_defined(model):
    assert INDICATORS["zorgcoordinator"].defined_at(model) == ("zorgregio", "gemeente")
    assert INDICATORS["dekking"].defined_at(model) == LEVEL_KEYS
    # the fixture publishes signals per care region only (besides the national series)
    assert INDICATORS["signalen"].defined_at(model) == ("zorgregio",)


def test_area_filters_of_a_state():
    assert area_filters(ViewState()) == {}
    assert area_filters(ViewState(provincie="PV20", eenheid="RE01")) == {"provincie": "PV20", "politie": "RE01"}


def test_the_regional_arrangement_keeps_its_url_value():
    """Published links and embeds say `indicator=rtm`: the key stays, only the label names the arrangement."""
    assert t("nl", INDICATORS["rtm"].label_key) == "Regionaal verband (tafel of ander)"
    assert t("en", INDICATORS["rtm"].label_key) == "Regional arrangement (table or other)"
    from dashboard.state import Choices, parse_query

    state, notices = parse_query("?indicator=rtm&jaar=2019", Choices((2019, 2020), 2020))
    assert state.indicator == "rtm" and notices == []


def test_capacity_is_offered_only_when_the_data_has_one(model, tmp_path):
    from dashboard.registry import ALWAYS_AVAILABLE, available_indicators
    from dashboard.state import Choices, Notice, parse_query

    assert not INDICATORS["capaciteit"].available(model)
    assert available_indicators(model) == ALWAYS_AVAILABLE and "capaciteit" not in ALWAYS_AVAILABLE
    assert INDICATORS["capaciteit"].defined_at(model) == ("zorgregio", "gemeente")
    # without a capacity in the data, the URL value falls back to the default with a notice
    choices = Choices((2019, 2020), 2020, indicators=available_indicators(model))
    state, notices = parse_query("?indicator=capaciteit", choices)
    assert state.indicator == "dekking" and notices == [Notice("indicator", "capaciteit")]
    # a version that states one capacity offers it, and the URL value is kept
    with_capacity = _model_with_capacity(tmp_path)
    assert INDICATORS["capaciteit"].available(with_capacity)
    offered = available_indicators(with_capacity)
    assert offered == INDICATOR_KEYS
    state, notices = parse_query("?indicator=capaciteit", Choices((2019, 2020), 2020, indicators=offered))
    assert state.indicator == "capaciteit" and notices == []


def _model_with_capacity(folder):
    from tests.fixtures import small_data

    saved = small_data.TABLES["coordinator_status"]
    small_data.TABLES["coordinator_status"] = saved.replace("Zorgbureau Zuid,,,", "Zorgbureau Zuid,,0.8,")
    try:
        return small_data.model(folder, version="capacity-1")
    finally:
        small_data.TABLES["coordinator_status"] = saved
