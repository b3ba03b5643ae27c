"""``python -m geodata check`` as a real subprocess."""

from __future__ import annotations

import hashlib
import json
import re


def test_check_prints_counts_areas_and_source(run_cli, boundaries_path, memberships_csv, tmp_path):
    result = run_cli(
        "check", "--boundaries", str(boundaries_path), "--memberships", str(memberships_csv),
        "--cache-dir", str(tmp_path / "layers"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    for level, count in {"gemeente": 342, "zorgregio": 35, "politie": 10, "provincie": 12}.items():
        assert re.search(rf"^{level}\s+{count}\s+{count}\b", out, re.M), out
    assert str(boundaries_path) in out
    assert f"sha256: {hashlib.sha256(boundaries_path.read_bytes()).hexdigest()}" in out
    assert re.search(r"^gemeente\s+342\s+342\s+342\s+350\d\d\.\d", out, re.M)  # ~35,083 km2
    assert out.rstrip().endswith("OK")


def test_check_fails_on_mismatch_without_traceback(run_cli, boundaries_path, tmp_path):
    raw = json.loads(boundaries_path.read_text())
    raw["features"] = [f for f in raw["features"] if f["id"] != "GM0363"]
    broken = tmp_path / "gemeenten_2025.geojson"
    broken.write_text(json.dumps(raw))
    memberships = tmp_path / "m.csv"
    memberships.write_text(
        "gemeente_code,care_region_code,police_unit_code,province_code\n"
        + "".join(f"{f['id']},VO0001,RE01,PV20\n" for f in json.loads(boundaries_path.read_text())["features"])
    )
    result = run_cli("check", "--boundaries", str(broken), "--memberships", str(memberships),
                     "--cache-dir", str(tmp_path / "layers"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "GM0363" in result.stderr


def test_check_fails_on_counter_clockwise_file(run_cli, boundaries_path, memberships_csv, tmp_path):
    raw = json.loads(boundaries_path.read_text())
    ring = raw["features"][0]["geometry"]["coordinates"][0]
    if raw["features"][0]["geometry"]["type"] == "MultiPolygon":
        ring = ring[0]
    ring.reverse()  # RFC 7946 orientation: plotly would fill the world
    bad = tmp_path / "gemeenten_2025.geojson"
    bad.write_text(json.dumps(raw))
    result = run_cli("check", "--boundaries", str(bad), "--memberships", str(memberships_csv),
                     "--cache-dir", str(tmp_path / "layers"))
    assert result.returncode == 1
    assert "FAIL" in result.stdout and "clockwise" in result.stdout
    assert "Traceback" not in result.stderr
