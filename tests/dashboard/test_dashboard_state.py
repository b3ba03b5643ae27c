"""The URL state parser: every view round-trips, nothing hostile gets through."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.data import current
from dashboard.state import INDICATORS, ViewState, parse_query, to_query


@pytest.fixture(scope="module")
def choices():
    return current().choices


def test_defaults(choices):
    state, notices = parse_query("", choices)
    assert state == choices.default() and notices == []
    assert state.jaar == choices.default_year


def test_full_state_round_trips(choices):
    state = ViewState(niveau="zorgregio", indicator="zorgcoordinator", jaar=2019, provincie="PV24",
                      regio="VO0034", eenheid="RE03", status=("witte_vlek", "grijze_vlek"), selectie="VO0034", taal="en")
    parsed, notices = parse_query(to_query(state), choices)
    assert parsed == state and notices == []


@pytest.mark.parametrize("query,param", [
    ("?niveau=wijk", "niveau"), ("?indicator=<script>", "indicator"), ("?jaar=1800", "jaar"),
    ("?jaar=abcd", "jaar"), ("?provincie=PV99", "provincie"), ("?regio=VO9999", "regio"),
    ("?eenheid=RE11", "eenheid"), ("?status=volledig,kapot", "status"), ("?taal=fr", "taal"),
    ("?niveau=gemeente&selectie=VO0034", "selectie"), ("?selectie=GM9999", "selectie"),
])
def test_invalid_values_fall_back_with_notice(choices, query, param):
    state, notices = parse_query(query, choices)
    assert [n.param for n in notices] == [param]
    assert getattr(state, param) == getattr(choices.default(), param)


def test_long_values_are_not_echoed_in_full(choices):
    _, notices = parse_query("?niveau=" + "x" * 5000, choices)
    assert notices and len(notices[0].value) <= 41


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["niveau", "indicator", "jaar", "provincie", "regio", "eenheid", "status",
                                        "selectie", "taal", "x"]), st.text(max_size=60), max_size=9))
def test_any_query_gives_a_valid_state(choices, params):
    import urllib.parse
    state, _ = parse_query("?" + urllib.parse.urlencode(params), choices)
    assert state.indicator in INDICATORS
    assert state.jaar in choices.years
    assert state.selectie is None or state.selectie in choices.codes_by_level[state.niveau]
    assert parse_query(to_query(state), choices)[0] == state


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_raw_garbage_never_raises(choices, text):
    state, _ = parse_query(text, choices)
    assert isinstance(state, ViewState)
