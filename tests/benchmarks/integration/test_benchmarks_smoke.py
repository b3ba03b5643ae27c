"""Smoke test for `python -m benchmarks`: it runs and prints well-formed lines.

No timing is asserted (speed targets are read off the script's output). Byte
sizes are deterministic for the shipped data, so the relations between them are.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geodata.errors import GeodataError
from geodata.locate import find_boundaries

from geodata import PROJECT_ROOT  # noqa: E402
EXPECTED = {
    "indicator_change_bytes_map_callback", "indicator_change_bytes_action_total",
    "indicator_change_values_alone_bytes", "indicator_change_bytes_over_values_alone",
    "indicator_change_naive_over_ours",
    "year_change_bytes_map_callback", "year_change_bytes_action_total",
    "filter_change_bytes_map_callback", "filter_change_bytes_action_total",
    "map_callback_ms_median_warm", "map_callback_ms_p95_warm",
    "action_total_ms_median_warm", "action_total_ms_p95_warm",
    "map_callback_ms_median_cold", "map_callback_ms_p95_cold",
    "action_total_ms_median_cold", "action_total_ms_p95_cold",
    "level_change_bytes_map_callback", "level_change_bytes_action_total", "level_change_bytes_per_level",
}
#: Export lines: "ours"/"naive" are null with a "note" when Chromium is missing or rendering fails.
EXPORT = {"export_first_ms", "export_warm_new_state_ms", "export_cached_ms", "export_not_modified_ms"}
#: One line per publish (SQLite, then PostgreSQL); "naive" is always null, "ours" null with a "note" on failure.
PUBLISH = "publish_to_workers"
#: Memory lines (PSS, MB): "ours"/"naive" null with a "note" when Chromium or /proc is missing.
MEMORY = {"memory_pss_idle", "memory_pss_burst"}
#: Three-instance lines: counts of this run only; "naive" is null (the old per-worker cache is not run here).
INSTANCES = {"renders_per_unique_image", "failed_requests_during_instance_kill"}
#: Wire bytes in a real Chromium (benchmarks/wire_bench.py); "naive" null with a "note" where the naive app
#: has no such page or action.
WIRE = {"wire_first_load_main", "first_map_paint_ms", "wire_action_indicator", "wire_action_year",
        "wire_action_filter", "wire_action_area_click", "wire_level_first_visit_zorgregio",
        "wire_level_first_visit_gemeente", "wire_level_revisit_zorgregio", "wire_level_revisit_gemeente",
        "wire_reload_main_zorgregio", "wire_embed_zorgregio", "wire_embed_gemeente", "wire_snapshot_png"}


@pytest.fixture(scope="module")
def lines() -> dict[str, dict]:
    try:
        find_boundaries()
    except GeodataError as err:
        pytest.skip(f"no boundary file for the app: {err}")
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--quick"], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    out = [line for line in done.stdout.splitlines() if line.strip()]
    assert out, "no output"
    parsed = {}
    for line in out:
        obj = json.loads(line)  # every line is one JSON object
        assert isinstance(obj, dict)
        assert {"name", "ours", "naive", "unit"} <= obj.keys(), line
        assert isinstance(obj["name"], str) and isinstance(obj["unit"], str)
        for side in ("ours", "naive"):
            if obj[side] is None:
                assert obj["name"] in EXPORT | MEMORY | {PUBLISH} | INSTANCES | WIRE and \
                    isinstance(obj.get("note"), str), line
            else:
                assert isinstance(obj[side], (int, float)), line
        if obj["name"] == PUBLISH:
            parsed.setdefault(PUBLISH, []).append(obj)
            continue
        assert obj["name"] not in parsed, f"duplicate line {obj['name']}"
        parsed[obj["name"]] = obj
    return parsed


def test_every_metric_is_printed(lines):
    assert EXPECTED | EXPORT | MEMORY | INSTANCES | WIRE <= lines.keys(), \
        sorted((EXPECTED | EXPORT | MEMORY | INSTANCES) - lines.keys())


def test_instance_lines_are_counts_against_their_goals(lines):
    """Counts, not timings: one render per unique image across instances, no failed request on a kill."""
    for name, goal in (("renders_per_unique_image", 1), ("failed_requests_during_instance_kill", 0)):
        assert lines[name]["goal"] == goal and lines[name]["naive"] is None, lines[name]


def test_export_lines_have_their_keys(lines):
    """Shape only: export times are never asserted, and they may be null without Chromium."""
    for name in EXPORT:
        assert lines[name]["unit"] == "ms", name
    for name in ("export_warm_new_state_ms", "export_cached_ms"):
        line = lines[name]
        assert {"ratio", "target", "met"} <= line.keys(), name
        assert isinstance(line["target"], str) and line["target"].startswith("<="), name
        assert line["met"] is None or isinstance(line["met"], bool), name
        assert line["ratio"] is None or isinstance(line["ratio"], (int, float)), name
    if lines["export_first_ms"]["ours"] is not None:
        assert isinstance(lines["export_warm_new_state_ms"]["by_state"], dict)
        assert isinstance(lines["export_not_modified_ms"]["all_304"], bool)
        assert isinstance(lines["export_cached_ms"]["all_200"], bool)


def test_publish_lines_have_their_keys(lines):
    """Shape only: one line per publish, on SQLite (and PostgreSQL when initdb is there); no time is asserted."""
    publishes = lines[PUBLISH]
    assert "sqlite" in {line["database"] for line in publishes}
    for line in publishes:
        assert line["unit"] == "s" and line["naive"] is None, line
        assert {"goal_seconds", "workers", "poll_seconds", "database"} <= line.keys(), line


def test_bytes_lines_are_positive_integers(lines):
    for name, obj in lines.items():
        if name != PUBLISH and obj["unit"] == "bytes":
            assert isinstance(obj["ours"], int) and obj["ours"] > 0, name
            assert isinstance(obj["naive"], int) and obj["naive"] > 0, name


@pytest.mark.parametrize("change", ["indicator_change", "year_change", "filter_change"])
def test_same_level_changes_send_values_smaller_than_the_naive_figure(lines, change):
    line = lines[f"{change}_bytes_map_callback"]
    assert line["ours_values_only"] is True
    assert "store-map-values.data" in line["ours_outputs"]
    assert line["ours"] < line["naive"]
    # the geometry is what ours leaves out: the naive response carries it on top of the values
    assert line["naive"] - line["ours"] > lines["level_change_bytes_per_level"]["geojson_bytes"]["zorgregio"]


def test_level_change_sends_values_and_the_geometry_files_address(lines):
    """A new level's geometry and names come from its immutable file (the browser's cache after the first
    time), never in a callback: ours sends values only; the naive app the whole figure."""
    line = lines["level_change_bytes_map_callback"]
    assert line["ours_values_only"] is True
    assert "update_map" in lines["level_change_bytes_action_total"]["ours_callbacks"]
    assert line["naive"] - line["ours"] > min(lines["level_change_bytes_per_level"]["geojson_bytes"].values())


def test_action_totals_include_every_fired_callback(lines):
    assert {"update_map", "sync_url"} <= set(lines["indicator_change_bytes_action_total"]["ours_callbacks"])
    # the gap table does not depend on the indicator, so it is not re-sent
    assert "update_gaps" not in lines["indicator_change_bytes_action_total"]["ours_callbacks"]
    assert "update_year_panels" in lines["year_change_bytes_action_total"]["ours_callbacks"]
    assert "update_year_panels" not in lines["filter_change_bytes_action_total"]["ours_callbacks"]
    for change in ("indicator_change", "year_change", "filter_change", "level_change"):
        total, single = lines[f"{change}_bytes_action_total"], lines[f"{change}_bytes_map_callback"]
        assert total["ours"] >= single["ours"]
        assert total["naive"] == single["naive"]  # the naive app has one callback


def test_values_alone_is_the_reference(lines):
    """The same values-alone size for both apps; ours sends less than naive relative to it."""
    values = lines["indicator_change_values_alone_bytes"]
    assert values["ours"] == values["naive"]
    ratio = lines["indicator_change_bytes_over_values_alone"]
    assert 0 < ratio["ours"] < ratio["naive"]
    assert isinstance(ratio["met"], bool) and isinstance(lines["indicator_change_naive_over_ours"]["met"], bool)

def test_the_wire_lines_come_from_the_browser(lines):
    """Bytes counted by Chromium's network log: a page load is many requests, an action a few callbacks;
    the geometry of a revisited level is not fetched again."""
    first = lines["wire_first_load_main"]
    assert first["ours_requests"] > 10 and first["ours"] > 100_000 and first["naive"] > first["ours"]
    for kind in ("indicator", "year", "filter"):
        action = lines[f"wire_action_{kind}"]
        assert 0 < action["ours"] < action["naive"], action
    revisit = lines["wire_level_revisit_gemeente"]
    assert not any(entry["url"].startswith("geo/") for entry in revisit["ours_by_url"]), revisit
    assert any(entry["url"].startswith("geo/") for entry in lines["wire_level_first_visit_zorgregio"]["ours_by_url"])
