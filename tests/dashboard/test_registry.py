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
    assert INDICATOR_KEYS == ("dekking", "zorgcoordinator", "rtm", "beleid", "signalen", "datakwaliteit")
    assert {k: INDICATORS[k].pillar for k in INDICATOR_KEYS} == {
        "dekking": None, "zorgcoordinator": "coordinator", "rtm": "rtm", "beleid": "policy", "signalen": None,
        "datakwaliteit": None}


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
