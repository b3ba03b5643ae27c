"""Comparing two years: the rule per area, and the comparison as map values."""

from __future__ import annotations

import pytest

from dashboard.compare import (AREA_COMPARE_PALETTE, COMPARE_CLASSES, COMPARE_PALETTE, RANK, compare_by_members,
                               compare_class, compare_values, member_verdict)
from dashboard.i18n import t
from dashboard.indicators import CLASSES, MapValues


@pytest.mark.parametrize("before, after, expected", [
    ("nee", "ja", "cmp_beter"),
    ("ja", "nee_eerder", "cmp_slechter"),
    ("in_ontwikkeling", "ja_eigen", "cmp_beter"),
    ("ja_eigen", "ja_regionaal", "cmp_gelijk"),        # kinds of one state rank the same
    ("ja", "ja_eerder", "cmp_gelijk"),                 # carried forward counts as its state
    ("onbekend", "ja", "cmp_nieuw_bekend"),            # never a gain
    ("nee", "onbekend", "cmp_niet_meer_bekend"),       # never a loss
    ("onbekend", "onbekend", "cmp_onbekend"),
    ("grijze_vlek", "volledig", "cmp_nieuw_bekend"),   # a blind spot is unknown
    ("volledig", "grijze_vlek", "cmp_niet_meer_bekend"),
    ("witte_vlek", "deels", "cmp_beter"),
    ("rtm_geen_bekend", "rtm_tafel", "cmp_nieuw_bekend"),  # no source said 'no'
    ("rtm_ander", "rtm_tafel", "cmp_gelijk"),
    ("agg_nee", "agg_alle", "cmp_beter"),
    ("q3", "q1", "cmp_slechter"),
])
def test_the_rule_of_one_area(before, after, expected):
    assert compare_class(before, after) == expected


def test_signals_become_more_or_fewer_by_class_only():
    assert compare_class("sig_1", "sig_3", counts=True) == "cmp_meer"
    assert compare_class("sig_2", "sig_lt5", counts=True) == "cmp_minder"
    # two counts under the threshold are one class: a difference between them is never revealed
    assert compare_class("sig_lt5", "sig_lt5", counts=True) == "cmp_gelijk"


def test_every_known_class_has_a_rank_and_every_unknown_has_none():
    shown = {key for palette in CLASSES.values() for key, _ in palette}
    unknown = {"onbekend", "grijze_vlek", "rtm_geen_bekend"}
    assert shown - unknown == set(RANK)
    assert not unknown & set(RANK)


def test_every_comparison_class_has_words_in_both_languages():
    for key in COMPARE_CLASSES:
        assert t("nl", f"cls_{key}") and t("en", f"cls_{key}")


def _values(classes, hover=None, series=None, assumed=frozenset(), palette=CLASSES["state"]):
    codes = tuple(f"GM000{i}" for i in range(1, len(classes) + 1))
    return MapValues(codes, tuple(classes), tuple(hover or classes), palette, True, None, series, frozenset(assumed))


def test_compare_values_names_both_years_per_area():
    before = _values(["nee", "onbekend", "ja"], ["Nee", "Onbekend", "Ja"], assumed={"GM0003"})
    after = _values(["ja", "ja", "onbekend"], ["Ja", "Ja", "Onbekend"])
    compared = compare_values(before, after, 2017, 2021, "nl")
    assert compared.classes == ("cmp_beter", "cmp_nieuw_bekend", "cmp_niet_meer_bekend")
    assert compared.hover[0] == "2017: Nee → 2021: Ja"
    assert compared.assumed == {"GM0003"}  # an inference in either year stays visible
    assert [key for key, _ in compared.palette][:3] == ["cmp_beter", "cmp_gelijk", "cmp_slechter"]
    assert "2017" in compared.notes[0] and "2021" in compared.notes[0]


def test_signals_of_different_series_are_not_compared():
    palette = CLASSES["signals"]
    before = _values(["sig_1"], series="comensha_aanmeldingen", palette=palette)
    after = _values(["sig_3"], series="nrm_slachtoffers", palette=palette)
    compared = compare_values(before, after, 2017, 2021, "nl")
    assert compared.classes == ("cmp_niet_vergelijkbaar",)  # both known: not 'unknown in both years'
    assert any("verschillende reeksen" in note and "CoMensha" in note for note in compared.notes)
    same = compare_values(_values(["sig_1"], series="nrm_slachtoffers", palette=palette), after, 2017, 2021, "en")
    assert same.classes == ("cmp_meer",)


def test_an_indicator_not_defined_in_a_year_is_not_compared():
    before = MapValues(("GM0001",), ("onbekend",), ("n/a",), CLASSES["state"], False, "zorgregio")
    compared = compare_values(before, _values(["ja"]), 2017, 2021, "nl")
    assert not compared.defined and compared.suggested_level == "zorgregio"


def test_the_detail_panel_swatches_use_the_map_colours():
    """style.css repeats the comparison colours for the detail panel's change words: keep them equal."""
    import re
    from pathlib import Path

    from dashboard.compare import PALETTES

    css = (Path(__file__).resolve().parents[2] / "assets" / "style.css").read_text()
    found = dict(re.findall(r"\.detail-change\.(cmp_\w+)::before \{ background: (#[0-9A-Fa-f]{6}); \}", css))
    assert found == {key: colour for palette in PALETTES for key, colour in palette}


@pytest.mark.parametrize("counted, expected", [
    ({"cmp_beter": 2, "cmp_gelijk": 3}, "cmp_beter"),
    ({"cmp_slechter": 1, "cmp_nieuw_bekend": 4}, "cmp_slechter"),
    ({"cmp_beter": 1, "cmp_slechter": 1}, "cmp_gemengd"),
    ({"cmp_nieuw_bekend": 1, "cmp_gelijk": 1}, "cmp_nieuw_bekend"),  # a member became known: no improvement
    ({"cmp_niet_meer_bekend": 1, "cmp_onbekend": 2}, "cmp_niet_meer_bekend"),
    ({"cmp_nieuw_bekend": 1, "cmp_niet_meer_bekend": 1}, "cmp_gemengd"),
    ({"cmp_gelijk": 2, "cmp_onbekend": 1}, "cmp_gelijk"),
    ({"cmp_onbekend": 3}, "cmp_onbekend"),
    ({}, "cmp_onbekend"),
])
def test_an_area_of_gemeenten_takes_its_members_verdict(counted, expected):
    assert member_verdict(counted) == expected


def test_an_aggregate_area_that_only_gained_knowledge_is_not_better():
    """'1 of 2 yes, 1 unknown' becoming '2 of 2 yes' is a member becoming known (the reviewer's case)."""
    aggregate = CLASSES["aggregate"]
    before = MapValues(("VO0001",), ("agg_deels",), ("1 van 2 ja, 1 onbekend",), aggregate)
    after = MapValues(("VO0001",), ("agg_alle",), ("2 van 2 ja",), aggregate)
    members_before = _values(["ja", "onbekend"])
    members_after = _values(["ja", "ja"])
    area_of = {"GM0001": "VO0001", "GM0002": "VO0001"}
    compared = compare_by_members(before, after, members_before, members_after, area_of, 2017, 2021, "nl")
    assert compared.classes == ("cmp_nieuw_bekend",)
    assert compared.hover[0] == ("2017: 1 van 2 ja, 1 onbekend → 2021: 2 van 2 ja "
                                 "(gemeenten: gelijk 1, nieuw bekend 1)")
    assert [key for key, _ in compared.palette] == [key for key, _ in AREA_COMPARE_PALETTE]


def test_the_app_compares_forward_in_time_and_per_member(data):
    from dashboard.features.map._view_model import values_for

    forward = values_for(data, "gemeente", "beleid", 2019, "nl", 2016)
    backward = values_for(data, "gemeente", "beleid", 2016, "nl", 2019)
    assert forward == backward and forward.hover[0].startswith("2016: ")
    regions = values_for(data, "zorgregio", "beleid", 2019, "nl", 2016)
    assert regions.palette == AREA_COMPARE_PALETTE and "gemeenten:" in " ".join(regions.hover)
    # a care region's own coordinator is the region's own figure: compared as it is
    assert values_for(data, "zorgregio", "zorgcoordinator", 2019, "nl", 2016).palette == COMPARE_PALETTE


def test_a_year_compared_with_itself_is_no_comparison(choices):
    from dashboard.state import parse_query

    state, notices = parse_query("?jaar=2019&vergelijk=2019", choices)
    assert state.vergelijk is None and [n.param for n in notices] == ["vergelijk"]
