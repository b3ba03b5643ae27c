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
    states = model.pillar_states[(model.pillar_states.pillar == "coordinator") & ~model.pillar_states.exception]
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


# ------------------------------------------------------------------ exceptions inside a care region, capacity

#: the small fixture with coordinator exceptions and capacities (tests.fixtures.small_data, tables replaced)
TRUTH_TABLES = {
    "coordinator_status": """care_region_code,year,period_as_published,status,provider,fte,capacity_fte,funding,confidence,source_id,note
VO0001,2017,,aanwezig,Zorgbureau Noord,16 uur per week,0.44,Gemeente Aadorp,A,src-coord,
VO0002,2017,,geen,,,,,B,src-coord,
VO0002,2021,,aanwezig,Zorgbureau Zuid,,1.2,,B,src-coord,
VO0002,2023,,aanwezig,Zorgbureau Zuid,,,,B,src-coord,
""",
    "coordinator_exceptions": """care_region_code,year,gemeente_code,status,confidence,source_id,note
VO0001,2018,GM0002,geen,B,src-coord,
VO0002,2019,GM0005,aanwezig,B,src-coord,
VO0002,2021,GM0006,geen,A,src-coord;src-list,
""",
}


def truth_model(folder):
    from tests.fixtures import small_data

    saved = dict(small_data.TABLES)
    small_data.TABLES.update(TRUTH_TABLES)
    try:
        return small_data.model(folder, version="truth-1")
    finally:
        small_data.TABLES.clear()
        small_data.TABLES.update(saved)


@pytest.fixture(scope="module")
def truth(tmp_path_factory):
    return truth_model(tmp_path_factory.mktemp("truth"))


def coordinator(model, code, year):
    return state(model, code, year, "coordinator")


def test_gemeenten_without_exception_inherit_and_are_not_marked(truth):
    row = coordinator(truth, "GM0004", 2021)
    assert (row.state, bool(row.exception), row.via, row.confidence) == ("ja", False, "VO0002", "B")
    assert set(truth.pillar_states[truth.pillar_states.pillar != "coordinator"].exception) == {False}


def test_exception_gives_the_gemeente_its_own_state(truth):
    # the region had no coordinator (2017, carried); a source names Epe as covered from 2019
    epe = coordinator(truth, "GM0005", 2019)
    assert (epe.state, bool(epe.carried), bool(epe.exception)) == ("ja", False, True)
    assert coordinator(truth, "GM0004", 2019).state == "nee"
    assert coordinator(truth, "GM0005", 2018).state == "nee" and not coordinator(truth, "GM0005", 2018).exception


def test_same_year_exception_beats_the_region_row(truth):
    row = coordinator(truth, "GM0006", 2021)
    assert (row.state, bool(row.carried), bool(row.exception), row.confidence) == ("nee", False, True, "A")
    assert row.source_ids == ("src-coord", "src-list")
    assert coordinator(truth, "GM0005", 2021).state == "ja"


def test_exception_is_carried_forward(truth):
    row = coordinator(truth, "GM0006", 2022)
    assert (row.state, bool(row.carried), int(row.basis_year), bool(row.exception)) == ("nee", True, 2021, True)
    # carried at most CARRY_YEARS: Bedum's 2018 exception holds up to 2021; then nothing is known
    assert coordinator(truth, "GM0002", 2018 + CARRY_YEARS).state == "nee"
    aged = coordinator(truth, "GM0002", 2018 + CARRY_YEARS + 1)
    assert (aged.state, bool(aged.exception)) == ("onbekend", False)


def test_a_later_region_row_ends_the_exception(truth):
    row = coordinator(truth, "GM0006", 2023)
    assert (row.state, bool(row.carried), bool(row.exception)) == ("ja", False, False)
    assert row.via == "VO0002" and row.confidence == "C"  # inherited: its membership (C) travels again
    assert not coordinator(truth, "GM0005", 2021).exception


def test_region_coordinator_lists_differing_exceptions(truth):
    regions = truth.region_coordinator.set_index(["care_region_code", "year"])
    assert regions.loc[("VO0002", 2019), "exceptions"] == (("GM0005", "ja"),)
    assert regions.loc[("VO0002", 2021), "exceptions"] == (("GM0006", "nee"),)
    assert regions.loc[("VO0002", 2022), "exceptions"] == (("GM0006", "nee"),)
    assert regions.loc[("VO0002", 2023), "exceptions"] == ()
    assert regions.loc[("VO0001", 2018), "exceptions"] == (("GM0002", "nee"),)
    assert regions.loc[("VO0001", 2017), "exceptions"] == ()
    # the region's own state is untouched by its exceptions
    assert regions.loc[("VO0002", 2021), "state"] == "ja"


def test_coverage_and_aggregates_follow_the_exceptions(truth):
    coverage = truth.coverage.set_index(["gemeente_code", "year"])
    assert coverage.loc[("GM0006", 2021), "coordinator"] == "nee"
    assert coverage.loc[("GM0006", 2021), "category"] == "witte_vlek"
    assert "coordinator" in coverage.loc[("GM0006", 2021), "missing"]
    summary = truth.area_summary("zorgregio", 2021).set_index("code")
    assert (summary.loc["VO0002", "coordinator_ja"], summary.loc["VO0002", "coordinator_nee"]) == (3, 1)


def test_capacity_from_the_row_the_state_rests_on(truth):
    regions = truth.region_coordinator.set_index(["care_region_code", "year"])
    noord = regions.loc[("VO0001", 2017)]
    assert (noord.capacity_fte, noord.funding) == (0.44, "Gemeente Aadorp")
    assert "fte_text" not in regions.columns  # the free text stays in the table; no page reads it
    carried = regions.loc[("VO0001", 2019)]
    assert bool(carried.carried) and carried.capacity_fte == 0.44
    assert regions.loc[("VO0001", 2016), "capacity_fte"] is None  # onbekend
    assert regions.loc[("VO0001", 2017 + CARRY_YEARS + 1), "capacity_fte"] is None  # aged out: onbekend
    assert regions.loc[("VO0002", 2022), "capacity_fte"] == 1.2
    later = regions.loc[("VO0002", 2023)]  # a newer row without a capacity: none carried from before
    assert (later.capacity_fte, later.funding) == (None, None)


def test_shipped_exceptions_name_gemeenten_of_their_region(model, tables):
    exceptions = tables.get("coordinator_exceptions")
    if exceptions is None or exceptions.empty:
        pytest.skip("the shipped data has no coordinator exceptions")
    frame = model.pillar_states
    marked = frame[frame.exception]
    assert set(marked.gemeente_code) <= set(exceptions.gemeente_code)
    assert set(marked.pillar) == {"coordinator"}
