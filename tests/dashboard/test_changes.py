"""Changes between two data versions: exact lines on the fixture and a changed copy of its tables."""

import pytest

from dashboard.changes import StateChange, format_change, state_changes, table_changes
from datasets.model import UNKNOWN
from tests.dashboard.conftest import load_tables
from tests.fixtures import small_data


def _append(folder, table, line):
    path = folder / f"{table}.csv"
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def _replace(folder, table, old, new):
    path = folder / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    """The fixture's next version: one new coordinator row, one new policy row, one changed signal
    count, one new signal row, and one removed RTM membership."""
    folder = small_data.write_tables(tmp_path_factory.mktemp("draft"))
    _append(folder, "coordinator_status", "VO0002,2025,,geen,,,,,A,src-coord,")
    _append(folder, "policy_status", "GM0006,2021,,vastgesteld,Beleid Gravendeel,,gemeente,B,src-policy,")
    _replace(folder, "signals", "VO0002,2019,40", "VO0002,2019,42")
    _append(folder, "signals", "comensha_aanmeldingen,national,NL01,2020,2100,false,src-signals,")
    _replace(folder, "rtm_membership", "RTM-RE01,GM0003,2019,B,src-tafel\n", "")
    return load_tables(folder, "fixture-2").model


def _by_key(changes):
    return {(c.level, c.area_code, c.pillar, c.year): c for c in changes}


def test_an_unchanged_version_has_no_changes(model):
    assert state_changes(model, model) == []
    counts = table_changes(model.tables, model.tables)
    assert set(counts) >= {"coordinator_status", "policy_status", "signals", "gemeenten"}
    assert all(c["added"] == c["removed"] == c["changed"] == 0 for c in counts.values())


def test_every_changed_state_once_at_its_own_level(model, draft):
    changes = state_changes(model, draft)
    found = _by_key(changes)
    assert set(found) == {
        ("zorgregio", "VO0002", "coordinator", 2025),  # the region, never its four gemeenten
        ("gemeente", "GM0006", "policy", 2021),
        ("gemeente", "GM0003", "rtm", 2019),
        ("zorgregio", "VO0002", "signals", 2019),
        ("national", "NL01", "signals", 2020),
    }
    coordinator = found[("zorgregio", "VO0002", "coordinator", 2025)]
    assert (coordinator.old, coordinator.new.state, coordinator.confidence) == (UNKNOWN, "nee", "A")
    assert coordinator.source_ids == ("src-coord",) and not coordinator.carried
    signal = found[("zorgregio", "VO0002", "signals", 2019)]
    assert (signal.series, signal.old_count, signal.new_count) == ("nrm_slachtoffers", 40, 42)


def test_carried_years_are_collapsed_into_one_change(model, draft):
    found = _by_key(state_changes(model, draft))
    # an adopted policy stays in force: one row of 2021 changes every year up to the last
    policy = found[("gemeente", "GM0006", "policy", 2021)]
    assert policy.years == (2021, draft.years[-1])
    # the removed membership: covered 2019-2022, then carried for three years
    rtm = found[("gemeente", "GM0003", "rtm", 2019)]
    assert rtm.years == (2019, 2025) and rtm.old.state == "ja" and rtm.new == UNKNOWN


def test_change_lines_in_dutch_and_english(model, draft):
    found = _by_key(state_changes(model, draft))
    coordinator = found[("zorgregio", "VO0002", "coordinator", 2025)]
    assert format_change(coordinator, draft, "nl") == (
        "Zuidregio vanaf 2025 zorgcoördinator: onbekend → nee, "
        "bron Zorgcoördinatoren in beeld (CoMensha, 2019-05-01), zekerheid A")
    assert format_change(coordinator, draft, "en") == (
        "Zuidregio from 2025 care coordinator: unknown → no, "
        "source Zorgcoördinatoren in beeld (CoMensha, 2019-05-01), confidence A")
    policy = format_change(found[("gemeente", "GM0006", "policy", 2021)], draft, "nl")
    assert policy == ("'s-Gravendeel vanaf 2021 beleid: onbekend → ja, eigen beleid (sinds 2021), "
                      "bron Beleidsplan mensenhandel (Gemeente Aadorp, z.d.), zekerheid B")
    rtm = format_change(found[("gemeente", "GM0003", "rtm", 2019)], draft, "nl")
    assert rtm == "Cuijk 2019–2025 regionaal verband: ja → onbekend"
    signal = format_change(found[("zorgregio", "VO0002", "signals", 2019)], draft, "en")
    assert signal == ("Zuidregio 2019 signals (National Rapporteur: victims reported to CoMensha): 40 → 42, "
                      "source Slachtoffermonitor (Nationaal Rapporteur, 2020-10-01)")
    national = format_change(found[("national", "NL01", "signals", 2020)], draft, "nl")
    assert national.startswith("Nederland 2020 signalen (CoMensha: eigen aanmeldingen): geen cijfer → 2.100")


def test_area_names_are_joined_on_codes(model):
    change = StateChange("gemeente", "GM0006", 2020, "policy", UNKNOWN, UNKNOWN, 2020)
    assert format_change(change, model, "nl").startswith("'s-Gravendeel 2020 beleid")
    gone = StateChange("gemeente", "GM9999", 2020, "policy", UNKNOWN, None, 2020)
    assert format_change(gone, model, "en") == "GM9999 2020 policy: unknown → removed"


def test_small_signal_counts_stay_hidden(model):
    change = StateChange("zorgregio", "VO0001", 2019, "signals", series="nrm_slachtoffers", old_count=3,
                         new_count=4, through_year=2019)
    assert ": <5 → <5" in format_change(change, model, "nl")


def test_first_version_lists_everything_as_new(model):
    changes = state_changes(None, model)
    assert all(c.first_version and c.old is None for c in changes)
    # every display year of every pillar of every area is covered exactly once
    for pillar, areas in (("coordinator", 2), ("rtm", 6), ("policy", 6)):
        years = [y for c in changes if c.pillar == pillar for y in range(c.years[0], c.years[1] + 1)]
        assert len(years) == areas * len(model.years)
    assert sum(c.pillar == "signals" for c in changes) == len(model.tables["signals"])
    found = _by_key(changes)
    first = found[("zorgregio", "VO0001", "coordinator", 2017)]
    assert first.years == (2017, 2020)  # 2017 itself and three years carried forward
    assert format_change(first, model, "nl").startswith("Noordregio 2017–2020 zorgcoördinator: nieuw → ja")


def test_table_changes_count_rows_by_primary_key(model, draft):
    counts = table_changes(model.tables, draft.tables)
    assert (counts["coordinator_status"]["added"], counts["coordinator_status"]["added_keys"]) == (1, [("VO0002", 2025)])
    assert counts["policy_status"]["added"] == 1 and counts["policy_status"]["changed"] == 0
    assert (counts["signals"]["added"], counts["signals"]["changed"], counts["signals"]["removed"]) == (1, 1, 0)
    assert counts["signals"]["changed_keys"] == [("nrm_slachtoffers", "care_region", "VO0002", 2019)]
    assert counts["rtm_membership"]["removed_keys"] == [("RTM-RE01", "GM0003")]
    assert counts["gemeenten"] == {"added": 0, "removed": 0, "changed": 0, "rows": 6, "added_keys": [],
                                   "removed_keys": [], "changed_keys": []}
    first = table_changes(None, model.tables)
    assert first["policy_status"]["added"] == len(model.tables["policy_status"])
