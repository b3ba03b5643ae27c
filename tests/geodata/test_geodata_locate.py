"""Boundary lookup order and the message when nothing is found."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata import BoundariesNotFound, GeodataError, find_boundaries, locate_boundaries

NAME = "gemeenten_2025.geojson"


@pytest.fixture
def places(tmp_path):
    """A fake project with its own cache and a sibling shared folder, plus a GEODATA_DIR folder."""
    project = tmp_path / "proj"
    cache = project / ".cache" / "geodata"
    shared = tmp_path / "shared" / "geodata"
    setting = tmp_path / "setting"
    for folder in (cache, shared, setting):
        folder.mkdir(parents=True)
    return {"project": project, "cache": cache, "shared": shared, "setting": setting}


def _put(folder: Path) -> Path:
    path = folder / NAME
    path.write_text("{}")
    return path


def test_search_order_setting_then_cache_then_shared(places):
    env = {"GEODATA_DIR": str(places["setting"])}
    root = places["project"]
    shared = _put(places["shared"])
    assert locate_boundaries(2025, project_root=root, env=env).origin == "shared"
    assert find_boundaries(2025, project_root=root, env=env).resolve() == shared.resolve()

    cache = _put(places["cache"])
    found = locate_boundaries(2025, project_root=root, env=env)
    assert (found.origin, found.path) == ("cache", cache)

    setting = _put(places["setting"])
    found = locate_boundaries(2025, project_root=root, env=env)
    assert (found.origin, found.path) == ("setting", setting)


def test_year_selects_file(places):
    (places["cache"] / "gemeenten_2024.geojson").write_text("{}")
    root = places["project"]
    assert find_boundaries(2024, project_root=root, env={}).name == "gemeenten_2024.geojson"
    with pytest.raises(BoundariesNotFound):
        find_boundaries(2025, project_root=root, env={})


def test_not_found_names_places_and_download_command(places):
    env = {"GEODATA_DIR": str(places["setting"])}
    with pytest.raises(BoundariesNotFound) as info:
        find_boundaries(2025, project_root=places["project"], env=env)
    message = str(info.value)
    assert isinstance(info.value, GeodataError)
    for key in ("setting", "cache", "shared"):
        assert str(places[key].resolve() / NAME) in message or str(places[key] / NAME) in message
    assert "python -m geodata download --year 2025" in message


def test_switches_skip_cache_and_shared(places):
    _put(places["cache"])
    _put(places["shared"])
    env = {"GEODATA_SEARCH_CACHE": "0", "GEODATA_SEARCH_SHARED": "0"}
    with pytest.raises(BoundariesNotFound) as info:
        find_boundaries(2025, project_root=places["project"], env=env)
    message = str(info.value)
    assert "GEODATA_SEARCH_CACHE=0" in message and "GEODATA_SEARCH_SHARED=0" in message
    assert "GEODATA_DIR" in message


@pytest.mark.parametrize("command", ["where", "check"])
def test_cli_not_found_exits_2_without_traceback(tmp_path, run_cli, command):
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {"GEODATA_DIR": str(empty), "GEODATA_SEARCH_CACHE": "0", "GEODATA_SEARCH_SHARED": "0"}
    result = run_cli(command, "--year", "2025", env=env, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert str(empty / NAME) in result.stderr
    assert "python -m geodata download --year 2025" in result.stderr
    assert result.stdout == ""
