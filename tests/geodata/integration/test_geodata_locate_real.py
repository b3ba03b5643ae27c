"""Boundary lookup in the real project: the team's shared file is found (skipped without it)."""

from __future__ import annotations

from geodata import locate_boundaries


def test_real_project_finds_shared_file(boundaries_path):
    found = locate_boundaries(2025, env={"GEODATA_SEARCH_CACHE": "0"})
    assert found.origin == "shared"
    assert found.path.resolve() == boundaries_path.resolve()



def test_cli_where_prints_path(run_cli, boundaries_path):
    result = run_cli("where", env={"GEODATA_SEARCH_CACHE": "0", "GEODATA_SEARCH_SHARED": "1", "GEODATA_DIR": ""})
    assert result.returncode == 0, result.stderr
    assert str(boundaries_path.resolve()) in result.stdout
    assert "shared" in result.stdout
