"""Smoke test for `python -m benchmarks load`: a few clients for a few seconds against real gunicorn.

It checks that the script starts gunicorn, runs the whole mix, prints its table and summary line and
that no request failed. Latencies and rates are printed, never asserted.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geodata.errors import GeodataError
from geodata.locate import find_boundaries

from geodata import PROJECT_ROOT  # noqa: E402
KINDS = ("page", "embed", "dash-asset", "cb:render_page", "cb:update_map", "cb:update_detail", "cb:update_gaps",
         "cb:update_year_panels", "export")
NUMBER = r"(\d+(?:\.\d+)?|-)"


def test_load_script_prints_its_figures_and_no_errors(tmp_path):
    try:
        find_boundaries()
    except GeodataError as err:
        pytest.skip(f"no boundary file for the app: {err}")
    if not (PROJECT_ROOT / ".venv" / "bin" / "gunicorn").is_file():
        pytest.skip("gunicorn not installed in the virtualenv")
    summary = tmp_path / "load.json"
    env = {k: v for k, v in os.environ.items() if k not in ("DYNO", "DEKKINGSKAART_DEMO", "DEKKINGSKAART_DATA")}
    env["PYTHONPATH"] = str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "load", "--clients", "4", "--duration", "3", "--workers", "2",
         "--json", str(summary)],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    out = done.stdout
    assert done.returncode == 0, f"exit {done.returncode}\n{out[-4000:]}\n{done.stderr[-4000:]}"

    # the table: one row per request kind and the total, each with count, req/s, p50, p95, max, errors
    rows = {}
    for line in out.splitlines():
        match = re.fullmatch(rf"(\S+)\s+(\d+)\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}\s+(\d+)", line.strip())
        if match:
            rows[match.group(1)] = match.groups()[1:]
    assert set(KINDS) | {"all"} <= rows.keys(), out
    assert int(rows["all"][0]) > 0 and rows["all"][5] == "0", rows["all"]
    assert all(row[5] == "0" for row in rows.values()), rows
    summary_line = re.search(r"requests/s: [\d.]+ +p50: [\d.]+ ms +p95: [\d.]+ ms +max: [\d.]+ ms +errors: 0", out)
    assert summary_line, out
    assert "gunicorn: workers=2" in out and "worker_class=gthread" in out

    figures = json.loads(summary.read_text())
    assert figures["errors"] == 0 and figures["stuck_clients"] == 0 and not figures["error_samples"]
    total = figures["rows"]["all"]
    assert total["count"] == int(rows["all"][0]) and total["errors"] == 0
    assert total["count"] == sum(figures["rows"][k]["count"] for k in KINDS)
    assert 0 < total["p50_ms"] <= total["p95_ms"] <= total["max_ms"]
    assert figures["server_events"]["worker_timeouts"] == 0 and figures["server_events"]["tracebacks"] == 0
    # exports are in the mix when Chromium can render them here, and then every warm-up request got a 200
    if "export" in figures["mix"]:
        assert all(w["statuses"] == ["200"] for w in figures["export_warm"]), figures["export_warm"]
