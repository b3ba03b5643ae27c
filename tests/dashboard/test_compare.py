"""Comparing two years: the rule per area, and the comparison as map values."""

from __future__ import annotations

import pytest

from dashboard.compare import COMPARE_CLASSES, RANK, compare_class, compare_values
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
    assert compared.classes == ("cmp_onbekend",)
    assert any("verschillende reeksen" in note for note in compared.notes)
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

    from dashboard.compare import COMPARE_PALETTE, SIGNAL_COMPARE_PALETTE

    css = (Path(__file__).resolve().parents[2] / "assets" / "style.css").read_text()
    found = dict(re.findall(r"\.detail-change\.(cmp_\w+)::before \{ background: (#[0-9A-Fa-f]{6}); \}", css))
    assert found == {key: colour for key, colour in (*COMPARE_PALETTE, *SIGNAL_COMPARE_PALETTE)}
