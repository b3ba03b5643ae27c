"""Derived layers: counts, areas, orientation, shared borders, and the disk cache."""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

import geodata.layers as layers_mod
from geodata import LEVELS, GeodataError, build_layers, load_layers, to_geojson
from geodata.validate import orientation_problems

COUNTS = {"gemeente": 342, "zorgregio": 35, "politie": 10, "provincie": 12}
PREFIX = {"gemeente": "GM", "zorgregio": "VO", "politie": "RE", "provincie": "PV"}


def _area_km2(geoms) -> float:
    return float(geoms.to_crs(28992).make_valid().area.sum() / 1e6)


@pytest.fixture(scope="module")
def union_km2(gemeenten) -> float:
    """Area of the union of the 342 unsimplified gemeenten (RD New, make_valid after to_crs)."""
    return gemeenten.geometry.to_crs(28992).make_valid().union_all().area / 1e6


def test_counts_and_columns(layers):
    assert list(layers) == list(LEVELS)
    for level, gdf in layers.items():
        assert len(gdf) == COUNTS[level], level
        assert list(gdf.columns) == ["code", "name", "geometry"]
        assert list(gdf.index) == list(gdf["code"])
        assert gdf["code"].str.startswith(PREFIX[level]).all()
        assert gdf.crs.to_epsg() == 4326


def test_gemeente_names_from_statnaam(layers, gemeenten):
    names = dict(zip(gemeenten["statcode"], gemeenten["statnaam"]))
    gem = layers["gemeente"]
    assert (gem["name"] == gem["code"].map(names)).all()
    assert gem.loc["GM0518", "name"] == "'s-Gravenhage"


@pytest.mark.parametrize("level", LEVELS)
def test_area_matches_union_of_gemeenten(layers, union_km2, level):
    assert _area_km2(layers[level].geometry) == pytest.approx(union_km2, rel=1e-3)


@pytest.mark.parametrize("level", LEVELS)
def test_valid_clockwise_coverage(layers, level):
    gdf = layers[level]
    geoms = gdf.geometry.to_numpy()
    assert shapely.is_valid(geoms).all()
    assert orientation_problems(geoms, gdf["code"].to_numpy()) == []
    # No gaps/overlaps between neighbours: still a clean coverage after simplify + dissolve.
    assert shapely.coverage_is_valid(geoms)


def test_regions_are_unions_of_their_gemeenten(layers, memberships):
    gem = layers["gemeente"]
    members = memberships[memberships["province_code"] == "PV26"]["gemeente_code"]  # Utrecht
    expected = shapely.union_all(gem.loc[list(members)].geometry.to_numpy())
    assert shapely.equals(shapely.normalize(expected), shapely.normalize(layers["provincie"].loc["PV26"].geometry))


def test_simplification_does_not_add_vertices(layers, gemeenten):
    before = shapely.get_num_coordinates(gemeenten.geometry.to_numpy()).sum()
    after = shapely.get_num_coordinates(layers["gemeente"].geometry.to_numpy()).sum()
    assert after <= before


def test_membership_mismatch_names_codes(gemeenten, memberships):
    with pytest.raises(GeodataError, match="GM0363"):
        build_layers(gemeenten, memberships[memberships["gemeente_code"] != "GM0363"])
    extra = memberships.iloc[[0]].assign(gemeente_code="GM9999")
    with pytest.raises(GeodataError, match="GM9999"):
        build_layers(gemeenten, pd.concat([memberships, extra]))


def test_missing_membership_column(gemeenten, memberships):
    with pytest.raises(GeodataError, match="police_unit_code"):
        build_layers(gemeenten, memberships.drop(columns="police_unit_code"))


def test_to_geojson_is_compact_and_clockwise(layers):
    fc = to_geojson(layers["provincie"])
    text = json.dumps(fc, separators=(",", ":"))
    assert fc["type"] == "FeatureCollection"
    assert [f["id"] for f in fc["features"]] == list(layers["provincie"]["code"])
    assert all(f["properties"]["code"] == f["id"] for f in fc["features"])
    for feature in fc["features"]:
        geom = shape(feature["geometry"])
        for part in shapely.get_parts(geom):
            assert not part.exterior.is_ccw
            assert all(r.is_ccw for r in part.interiors)
        coords = shapely.get_coordinates(geom).ravel()
        assert all(len(repr(float(c)).split(".")[-1]) <= 5 for c in coords)
    assert len(text) < 60_000


# ---- disk and memory cache ----------------------------------------------------


@pytest.fixture
def fresh_cache(tmp_path):
    layers_mod.clear_memory_cache()
    yield tmp_path / "layers"
    layers_mod.clear_memory_cache()


def _only_key_dir(cache_dir):
    dirs = [p for p in cache_dir.iterdir() if p.is_dir()]
    assert len(dirs) == 1
    return dirs[0]


def test_cache_reused_across_restart(memberships, boundaries_path, fresh_cache):
    builds = layers_mod.build_count
    first = load_layers(memberships, boundaries_path, fresh_cache)
    assert layers_mod.build_count == builds + 1
    folder = _only_key_dir(fresh_cache)
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{lv}.geojson" for lv in LEVELS] + ["manifest.json"])
    mtimes = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}

    # Same process: memory hit.
    load_layers(memberships, boundaries_path, fresh_cache)
    # "Restart": memory gone, disk cache read, nothing rebuilt or rewritten.
    layers_mod.clear_memory_cache()
    second = load_layers(memberships, boundaries_path, fresh_cache)
    assert layers_mod.build_count == builds + 1
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == mtimes
    for level in LEVELS:
        assert len(second[level]) == COUNTS[level]
        assert list(second[level]["code"]) == list(first[level]["code"])
        assert shapely.equals_exact(second[level].geometry.to_numpy(), first[level].geometry.to_numpy(), 1e-9).all()
        assert orientation_problems(second[level].geometry.to_numpy(), second[level]["code"].to_numpy()) == []


def test_returns_copies(memberships, boundaries_path, fresh_cache):
    got = load_layers(memberships, boundaries_path, fresh_cache)
    got["gemeente"].loc["GM0363", "name"] = "changed"
    assert load_layers(memberships, boundaries_path, fresh_cache)["gemeente"].loc["GM0363", "name"] == "Amsterdam"


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_text(p.read_text()[:1000]),  # truncated JSON
        lambda p: p.write_text(json.dumps({**json.loads(p.read_text()), "features": json.loads(p.read_text())["features"][:-1]})),
        lambda p: p.write_bytes(b"\x00\xff garbage"),
        lambda p: p.unlink(),
    ],
    ids=["truncated", "feature-missing", "garbage", "deleted"],
)
def test_corrupt_cache_is_rebuilt(memberships, boundaries_path, fresh_cache, damage):
    load_layers(memberships, boundaries_path, fresh_cache)
    folder = _only_key_dir(fresh_cache)
    target = folder / "zorgregio.geojson"
    damage(target)
    layers_mod.clear_memory_cache()
    builds = layers_mod.build_count
    got = load_layers(memberships, boundaries_path, fresh_cache)
    assert layers_mod.build_count == builds + 1
    assert len(got["zorgregio"]) == 35
    assert len(json.loads(target.read_text())["features"]) == 35  # repaired on disk


def test_cache_key_follows_inputs(memberships, boundaries_path, fresh_cache):
    load_layers(memberships, boundaries_path, fresh_cache)
    moved = memberships.copy()
    moved.loc[moved["gemeente_code"] == "GM0014", "police_unit_code"] = "RE02"
    builds = layers_mod.build_count
    got = load_layers(moved, boundaries_path, fresh_cache)
    assert layers_mod.build_count == builds + 1
    assert len([p for p in fresh_cache.iterdir() if p.is_dir()]) == 2
    assert shapely.contains(got["politie"].loc["RE02"].geometry, got["gemeente"].loc["GM0014"].geometry.representative_point())
    load_layers(memberships, boundaries_path, fresh_cache, tolerance=0.002)
    assert layers_mod.build_count == builds + 2


def test_unwritable_cache_is_not_fatal(memberships, boundaries_path, tmp_path, fresh_cache):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    got = load_layers(memberships, boundaries_path, blocker / "layers")
    assert len(got["provincie"]) == 12


def test_cache_files_are_world_readable(memberships, boundaries_path, fresh_cache):
    load_layers(memberships, boundaries_path, fresh_cache)
    folder = _only_key_dir(fresh_cache)
    assert all(os.stat(p).st_mode & 0o044 == 0o044 for p in folder.iterdir())
