"""Export benchmark: `GET /export/kaart.png` of the real app against a naive cold export script.

* **ours**: the app's route through Flask's test client in this process, with its one warm
  browser per process (the context's `dashboard.renderer.Renderer`), render cache and ETag:
  the first export (browser not started yet), new states with the browser warm, the same
  state again (cache) and a revalidation with `If-None-Match` (304).
* **naive** (measured first): `benchmarks/naive_export.py` in a new Python process: imports, data, the same
  figure (`export_figure`), its own browser (`kaleido.start_sync_server`), `calc_fig_sync`,
  write, exit. Everything cold, every time.

Wall times in ms. Called from `benchmarks.run.main` after the other sections.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from dashboard.features.share._view_model import PRESETS
from geodata import PROJECT_ROOT
FMT = "png"
#: The first export of the process; the naive script renders the same state.
FIRST_STATE = {"niveau": "zorgregio", "indicator": "zorgcoordinator", "jaar": 2019}
#: New states for the warm measurement: every level, every indicator, different years; none is FIRST_STATE.
WARM_STATES = (
    {"niveau": "gemeente", "indicator": "dekking", "jaar": 2025},
    {"niveau": "zorgregio", "indicator": "beleid", "jaar": 2022},
    {"niveau": "politie", "indicator": "zorgcoordinator", "jaar": 2024},
    {"niveau": "provincie", "indicator": "rtm", "jaar": 2023},
    {"niveau": "gemeente", "indicator": "rtm", "jaar": 2020},
    {"niveau": "zorgregio", "indicator": "signalen", "jaar": 2017},
    {"niveau": "politie", "indicator": "datakwaliteit", "jaar": 2021},
    {"niveau": "provincie", "indicator": "dekking", "jaar": 2016},
)
WARM_TARGET, CACHED_TARGET = 0.3, 0.05
CHILD_TIMEOUT = 120
#: An in-process render that takes longer is abandoned: kaleido 1.5 waits forever when its browser
#: dies at start (`start_sync_server` returns at once; `calc_fig_sync` then blocks on a dead thread).
RENDER_TIMEOUT = 120


def _median(values):
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _query(state: dict) -> str:
    return urlencode(state)


def _public_url(context) -> str:
    """What the route prints on the image under the test client (no setting: the request's host)."""
    return context.settings.public_url or "http://localhost"


class Unavailable(Exception):
    pass


def _get(client, query: str, headers: dict | None = None):
    started = time.perf_counter()
    response = client.get(f"/export/kaart.{FMT}?{query}", headers=headers or {})
    body = response.get_data()
    seconds = time.perf_counter() - started
    return response, body, seconds


def _get_or_give_up(client, query: str, timeout: float):
    """`_get` in a daemon thread; Unavailable when it does not answer within `timeout` seconds."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(_get(client, query)), daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive() or not result:
        raise Unavailable(f"GET /export/kaart.{FMT}?{query} did not answer within {timeout:.0f} s "
                          "(kaleido waits forever when its browser dies at start)" if thread.is_alive()
                          else f"GET /export/kaart.{FMT}?{query} raised")
    return result[0]


def _ours_new_state(client, state: dict, data):
    """GET a state the process has never exported; the map-values memo is cleared so nothing is pre-computed."""
    data._memo.clear()  # noqa: SLF001 (a new state: nothing memoised for it, as in the naive script)
    response, body, seconds = _get_or_give_up(client, _query(state), RENDER_TIMEOUT)
    if response.status_code != 200:
        raise Unavailable(f"GET /export/kaart.{FMT}?{_query(state)} answered {response.status_code}: "
                          f"{body[:200].decode('utf-8', 'replace').strip()}")
    return response, body, seconds


def naive_cold(state: dict, width: int, height: int, public_url: str) -> dict:
    """One run of the naive script in a new process; wall time of the whole process plus what it printed."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        out = Path(tmp) / f"kaart.{FMT}"
        args = [sys.executable, "-m", "benchmarks.naive_export", _query(state), str(out), FMT, str(width),
                str(height), public_url]
        started = time.perf_counter()
        try:
            done = subprocess.run(args, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                                  timeout=CHILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise Unavailable(f"the naive export script did not finish within {CHILD_TIMEOUT} s (killed; kaleido "
                              "waits forever when its browser dies at start)") from None
        wall = time.perf_counter() - started
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        report = json.loads(lines[-1]) if lines else {}
        if done.returncode != 0 or "error" in report or not out.exists():
            raise Unavailable(f"naive export script failed (exit {done.returncode}): "
                              f"{report.get('error') or done.stderr.strip()[-300:]}")
        report["wall_ms"] = _ms(wall)
        # interpreter start-up before the script's first line, and exit (kaleido closes its browser at exit)
        report["phases_ms"]["interpreter_start_and_exit"] = round(report["wall_ms"] - report["in_process_ms"], 1)
        report["file_bytes"] = out.stat().st_size
        return report


def _null_lines(emit, note: str) -> None:
    for name in ("export_first_ms", "export_warm_new_state_ms", "export_cached_ms", "export_not_modified_ms"):
        extra = {}
        if name == "export_warm_new_state_ms":
            extra = {"ratio": None, "target": f"<= {WARM_TARGET}", "met": None}
        elif name == "export_cached_ms":
            extra = {"ratio": None, "target": f"<= {CACHED_TARGET}", "met": None}
        emit(name, None, None, "ms", note=note, **extra)


def _no_browser_note(context) -> str:
    configured = context.settings.browser_path
    where = f"BROWSER_PATH={configured} does not exist" if configured else "no chromium on PATH, BROWSER_PATH not set"
    return f"Chromium is not installed here ({where}): exports are not measured"


def run(emit, quick: bool, context) -> None:
    """Measure and print the export lines (see benchmarks/README.md), for the app of `context`."""
    if not context.renderer.available:
        _null_lines(emit, _no_browser_note(context))
        return
    started = time.perf_counter()
    n_naive = 1 if quick else 3
    warm_states = WARM_STATES[:3] if quick else WARM_STATES
    n_cached = 5 if quick else 20
    width, height = PRESETS["artikel"]

    # 1. naive: a new process per export, everything cold. It runs first: it has a timeout, so a
    #    Chromium that cannot start is found here without hanging this process (see RENDER_TIMEOUT).
    try:
        naive_runs = [naive_cold(FIRST_STATE, width, height, _public_url(context)) for _ in range(n_naive)]
    except Unavailable as err:
        _null_lines(emit, f"naive: {err}; ours not measured (its browser would not start either)")
        return
    naive_wall = _median([r["wall_ms"] for r in naive_runs])
    naive_browser = _median([r["browser_to_bytes_ms"] for r in naive_runs])
    naive_phases = {k: round(_median([r["phases_ms"][k] for r in naive_runs]), 1) for k in naive_runs[0]["phases_ms"]}

    from dashboard.server.app import create_app  # noqa: PLC0415 (a fresh app for this section)
    client = create_app(context).server.test_client()
    data = context.data.current()
    browser_was_started = context.renderer.started
    renders_before = context.renderer.renders

    try:
        # 2. ours, first export of the process: starts the browser, then renders
        response, first_body, first = _ours_new_state(client, FIRST_STATE, data)
        # 3. ours, warm browser, states never rendered
        warm = []
        for state in warm_states:
            _, body, seconds = _ours_new_state(client, state, data)
            warm.append((state, seconds, len(body)))
        # 4. ours, the same state again: the render cache
        cached_state = warm_states[0]
        response, body, _ = _get(client, _query(cached_state))
        etag = response.headers.get("ETag")
        cached, cached_ok = [], True
        for _ in range(n_cached):
            response, body, seconds = _get(client, _query(cached_state))
            cached_ok &= response.status_code == 200 and bool(body)
            cached.append(seconds)
        # 5. ours, revalidation: If-None-Match with the ETag -> 304, no body
        not_modified, all_304 = [], True
        for _ in range(n_cached):
            response, body, seconds = _get(client, _query(cached_state), headers={"If-None-Match": etag})
            all_304 &= response.status_code == 304 and not body
            not_modified.append(seconds)
    except Unavailable as err:
        _null_lines(emit, f"ours: {err}")
        return
    renders = context.renderer.renders - renders_before

    def ratio(ours_ms: float, of: float):
        return round(ours_ms / of, 4)

    naive_extra = {"naive_browser_to_bytes_ms": naive_browser, "naive_n": len(naive_runs),
                   "naive_runs_ms": [r["wall_ms"] for r in naive_runs]}

    first_ms = _ms(first)
    emit("export_first_ms", first_ms, naive_wall, "ms", ratio=ratio(first_ms, naive_wall),
         ratio_vs_naive_browser_to_bytes=ratio(first_ms, naive_browser),
         browser_started_before=browser_was_started, state=_query(FIRST_STATE), fmt=FMT, size=[width, height],
         ours_bytes=len(first_body), naive_bytes=naive_runs[0]["bytes"], naive_phases_ms=naive_phases,
         **naive_extra)

    warm_ms = _ms(_median([s for _, s, _ in warm]))
    warm_ratio = ratio(warm_ms, naive_wall)
    emit("export_warm_new_state_ms", warm_ms, naive_wall, "ms", ratio=warm_ratio,
         target=f"<= {WARM_TARGET}", met=bool(warm_ratio <= WARM_TARGET),
         ratio_vs_naive_browser_to_bytes=ratio(warm_ms, naive_browser),
         ours_max=_ms(max(s for _, s, _ in warm)), n=len(warm), renders=renders,
         by_state={_query(state): {"ms": _ms(s), "bytes": b} for state, s, b in warm}, **naive_extra)

    cached_ms = _ms(_median(cached))
    cached_ratio = ratio(cached_ms, naive_wall)
    emit("export_cached_ms", cached_ms, naive_wall, "ms", ratio=cached_ratio,
         target=f"<= {CACHED_TARGET}", met=bool(cached_ratio <= CACHED_TARGET),
         ours_max=_ms(max(cached)), n=len(cached), all_200=cached_ok, state=_query(cached_state), **naive_extra)

    nm_ms = _ms(_median(not_modified))
    emit("export_not_modified_ms", nm_ms, naive_wall, "ms", ratio=ratio(nm_ms, naive_wall),
         ours_max=_ms(max(not_modified)), n=len(not_modified), all_304=all_304, etag=etag,
         note="naive has no ETag: a repeat request renders cold again", **naive_extra)
    print(json.dumps({"export_section_seconds": round(time.perf_counter() - started, 1)}), file=sys.stderr)
