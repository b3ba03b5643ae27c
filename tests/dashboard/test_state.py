"""The URL state parser: every view round-trips, nothing hostile gets through (on the fixture's areas)."""

import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.registry import INDICATOR_KEYS, LEVEL_KEYS
from dashboard.state import PARAMS, ViewState, parse_query, to_query


def test_defaults(choices):
    state, notices = parse_query("", choices)
    assert state == choices.default() and notices == []
    # the newest year with evidence (VO0002 gets a coordinator in 2021), not the last year shown
    assert state.jaar == choices.default_year == 2021
    assert (state.niveau, state.indicator, state.taal) == ("gemeente", "dekking", "nl")


def test_full_state_round_trips(choices):
    state = ViewState(niveau="zorgregio", indicator="zorgcoordinator", jaar=2019, provincie="PV21",
                      regio="VO0002", eenheid="RE02", status=("witte_vlek", "grijze_vlek"), selectie="VO0002", taal="en")
    query = to_query(state)
    assert query == ("?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019&provincie=PV21&regio=VO0002"
                     "&eenheid=RE02&status=witte_vlek,grijze_vlek&selectie=VO0002&taal=en")
    parsed, notices = parse_query(query, choices)
    assert parsed == state and notices == []


def test_default_language_is_left_out_of_the_query(choices):
    assert "taal" not in to_query(choices.default())


@pytest.mark.parametrize("query,param", [
    ("?niveau=wijk", "niveau"), ("?indicator=<script>", "indicator"), ("?jaar=1800", "jaar"),
    ("?jaar=abcd", "jaar"), ("?jaar=2014", "jaar"), ("?provincie=PV99", "provincie"), ("?regio=VO9999", "regio"),
    ("?eenheid=RE11", "eenheid"), ("?status=volledig,kapot", "status"), ("?taal=fr", "taal"),
    ("?niveau=gemeente&selectie=VO0001", "selectie"), ("?selectie=GM9999", "selectie"),
    ("?selectie=<b>", "selectie"),
])
def test_invalid_values_fall_back_with_notice(choices, query, param):
    state, notices = parse_query(query, choices)
    assert [n.param for n in notices] == [param]
    assert getattr(state, param) == getattr(choices.default(), param)


def test_known_codes_of_the_fixture_are_accepted(choices):
    state, notices = parse_query("?provincie=PV20&regio=VO0001&eenheid=RE01&niveau=politie&selectie=RE02", choices)
    assert notices == []
    assert (state.provincie, state.regio, state.eenheid, state.selectie) == ("PV20", "VO0001", "RE01", "RE02")


def test_long_values_are_not_echoed_in_full(choices):
    _, notices = parse_query("?niveau=" + "x" * 5000, choices)
    assert [n.param for n in notices] == ["niveau"] and len(notices[0].value) == 41
    assert notices[0].value.endswith("…")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from([*PARAMS, "x"]), st.text(max_size=60), max_size=9))
def test_any_query_gives_a_valid_state(choices, params):
    state, _ = parse_query("?" + urllib.parse.urlencode(params), choices)
    assert state.indicator in INDICATOR_KEYS and state.niveau in LEVEL_KEYS
    assert state.jaar in choices.years
    assert state.selectie is None or state.selectie in choices.codes_by_level[state.niveau]
    assert parse_query(to_query(state), choices) == (state, [])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_raw_garbage_never_raises(choices, text):
    state, _ = parse_query(text, choices)
    assert isinstance(state, ViewState)


def test_a_comparison_year_round_trips_beside_the_shown_year(choices):
    state, notices = parse_query("?jaar=2021&vergelijk=2017", choices)
    assert (state.jaar, state.vergelijk, notices) == (2021, 2017, [])
    assert to_query(state) == "?niveau=gemeente&indicator=dekking&jaar=2021&vergelijk=2017"
    assert parse_query(to_query(state), choices)[0] == state
    # without it nothing changes: no comparison, no parameter
    assert choices.default().vergelijk is None and "vergelijk" not in to_query(choices.default())


@pytest.mark.parametrize("value", ["1999", "20x7", "2017.0", "<b>", "1e3"])
def test_an_invalid_comparison_year_falls_back_to_none_with_a_notice(choices, value):
    state, notices = parse_query(f"?jaar=2021&vergelijk={value}", choices)
    assert state.vergelijk is None and [n.param for n in notices] == ["vergelijk"]
