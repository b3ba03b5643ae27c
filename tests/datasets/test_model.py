"""The coverage model follows METHOD.md and agrees with the CSVs it was built from."""

import dataclasses

import pandas as pd
import pytest

from datasets.loader import load_model, read_tables
from datasets.model import CARRY_YEARS, UNKNOWN, PillarState, carry, format_count
from datasets.synthetic import synthetic_tables


@pytest.fixture(scope="module")
def model():
    return load_model(path=None, demo=False)


@pytest.fixture(scope="module")
def tables():
    frames, _ = read_tables(None)
    return frames


def state(model, code, year, pillar):
    frame = model.pillar_states
    row = frame[(frame.gemeente_code == code) & (frame.year == year) & (frame.pillar == pillar)]
    assert len(row) == 1
    return row.iloc[0]


def test_carry_forward_rules():
    seen = PillarState("ja", False, 2017, confidence="A", source_ids=("s",))
    assert carry([(2017, seen)], 2016) == UNKNOWN
    assert carry([(2017, seen)], 2017) == seen
    carried = carry([(2017, seen)], 2017 + CARRY_YEARS)
    assert (carried.state, carried.carried, carried.basis_year) == ("ja", True, 2017)
    assert carry([(2017, seen)], 2017 + CARRY_YEARS + 1) == UNKNOWN
    kept = carry([(2017, seen)], 2026, persistent=lambda s: True)
    assert (kept.state, kept.carried, kept.basis_year) == ("ja", False, 2017)
    stopped = PillarState("nee", False, 2019)
    assert carry([(2017, seen), (2019, stopped)], 2020).state == "nee"


def test_model_has_all_gemeenten_years_pillars(model):
    assert len(model.pillar_states) == 342 * len(model.years) * 3
    assert model.years[0] == 2015
    assert not model.synthetic


def test_coordinator_rows_match_csv(model, tables):
    frame = model.region_coordinator.set_index(["care_region_code", "year"])
    for row in tables["coordinator_status"].itertuples():
        if row.year in model.years:
            got = frame.loc[(row.care_region_code, row.year)]
            assert got["state"] == {"aanwezig": "ja", "geen": "nee"}[row.status]
            assert not got["carried"]


def test_den_bosch_stop_is_nee_from_2017(model):
    frame = model.region_coordinator.set_index(["care_region_code", "year"])
    assert frame.loc[("VO0796", 2017), "state"] == "nee"


def test_gemeenten_inherit_their_care_region(model, tables):
    regions = model.region_coordinator.set_index(["care_region_code", "year"])["state"]
    states = model.pillar_states[model.pillar_states.pillar == "coordinator"]
    merged = states.merge(tables["gemeenten"][["gemeente_code", "care_region_code"]], on="gemeente_code")
    expected = [regions[(r, y)] for r, y in zip(merged.care_region_code, merged.year)]
    assert list(merged.state) == expected


def test_membership_confidence_travels_with_inherited_state(model, tables):
    c_members = tables["gemeenten"][tables["gemeenten"].care_region_confidence == "C"].gemeente_code
    frame = model.pillar_states
    known = frame[(frame.pillar == "coordinator") & (frame.state != "onbekend") & frame.gemeente_code.isin(c_members)]
    assert len(known) > 0 and set(known.confidence) == {"C"}


def test_rtm_is_never_nee_and_unknown_before_start(model, tables):
    frame = model.pillar_states[model.pillar_states.pillar == "rtm"]
    assert "nee" not in set(frame.state)
    # Drenthe's arrangement starts 2014 at the latest; Twente's in 2021: 2019 is unknown there.
    twente = tables["rtm_membership"][tables["rtm_membership"].table_id == "RTM-RE02-TW"].gemeente_code.iloc[0]
    covered_elsewhere = tables["rtm_membership"][tables["rtm_membership"].gemeente_code == twente]
    if len(covered_elsewhere) == 1:
        assert state(model, twente, 2019, "rtm")["state"] == "onbekend"
    assert state(model, twente, 2021, "rtm")["state"] == "ja"


def test_undated_policy_sets_no_state(model, tables):
    policy = tables["policy_status"]
    undated_only = set(policy[policy.year.isna()].gemeente_code) - set(policy[policy.year.notna()].gemeente_code)
    assert undated_only
    frame = model.pillar_states
    rows = frame[(frame.pillar == "policy") & frame.gemeente_code.isin(undated_only)]
    assert set(rows.state) == {"onbekend"}


def test_adopted_policy_stays_in_force(model, tables):
    policy = tables["policy_status"]
    row = policy[(policy.status == "vastgesteld") & (policy.year == 2020)].iloc[0]
    later = state(model, row.gemeente_code, 2026, "policy")
    assert (later["state"], bool(later["carried"]), later["basis_year"]) == ("ja", False, 2020)


def test_gap_and_blind_spot_categories(model):
    cov = model.coverage
    assert (cov[cov.category == "witte_vlek"].n_nee > 0).all()
    grey = cov[cov.category == "grijze_vlek"]
    assert (grey.n_nee == 0).all() and (grey.n_onbekend > 0).all()
    assert (cov[cov.category == "volledig"].n_ja == 3).all()
    # 2017: Apeldoorn, Zwolle and Flevoland had no coordinator, so their gemeenten are gaps.
    flevoland = cov[(cov.care_region_code == "VO0034") & (cov.year == 2017)]
    assert set(flevoland.category) == {"witte_vlek"}


@pytest.mark.parametrize("level,column,count", [("zorgregio", "care_region_code", 35),
                                                 ("politie", "police_unit_code", 10),
                                                 ("provincie", "province_code", 12)])
def test_area_counts_match_csv(model, tables, level, column, count):
    summary = model.area_summary(level, 2022).set_index("code")
    assert len(summary) == count
    expected = tables["gemeenten"].groupby(column).size()
    pd.testing.assert_series_equal(summary["n_gemeenten"].sort_index(), expected.sort_index(), check_names=False)
    categories = summary[["n_volledig", "n_deels", "n_grijze_vlek", "n_witte_vlek"]].sum(axis=1)
    assert (categories == summary["n_gemeenten"]).all()


def test_model_is_immutable_and_cached(model):
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.version = "x"
    with pytest.raises(TypeError):
        model.tables["gemeenten"] = None
    assert load_model(path=None, demo=False) is model


def test_synthetic_model_is_marked_and_reproducible():
    demo = load_model(demo=True)
    assert demo.synthetic
    assert set(demo.tables["sources"].source_id) == {"voorbeelddata"}
    real, _ = read_tables(None)
    first, second = synthetic_tables(real, seed=7), synthetic_tables(real, seed=7)
    pd.testing.assert_frame_equal(first["policy_status"], second["policy_status"])
    assert not synthetic_tables(real, seed=8)["policy_status"].equals(first["policy_status"])
    # the scenario lives on the real geography: the same gemeenten and care regions
    assert set(first["gemeenten"]["gemeente_code"]) == set(real["gemeenten"]["gemeente_code"])


@pytest.mark.parametrize("count,shown", [(0, "<5"), (4, "<5"), (5, "5"), (1234, "1.234"), (None, "onbekend")])
def test_small_numbers(count, shown):
    assert format_count(count) == shown


def test_national_figures_kept_as_published(model):
    regions = model.national_figures("zorgcoordinator_regions").set_index("year")
    assert regions.loc[2017, "value"] == 19 and regions.loc[2019, "value"] == 30
    assert set(regions.total) == {35}
    persons = model.national_figures("zorgcoordinator_persons")
    assert set(persons.unit) == {"personen"}
