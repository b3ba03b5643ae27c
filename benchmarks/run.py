"""Bytes and server time per change: the real app against the naive baseline, same views, one run.

Section 6 (`benchmarks/export_bench.py`) times the static map export against a naive
cold export script run in a new process; the last (`benchmarks/publish_bench.py`) times a publish
until every gunicorn worker serves it.

Prints one JSON object per line on stdout:
``{"name": ..., "ours": ..., "naive": ..., "unit": ..., ...extra keys}``.
A short header (machine, data version, date) goes to stderr. This is a script,
not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gzip
import json
import logging
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field

from plotly.io.json import to_json_plotly as to_json  # what Dash encodes responses with

from dashboard import ids
from dashboard.context import Settings, context_from_files
from dashboard.features.map._view_model import values_for
from dashboard.registry import INDICATOR_KEYS as INDICATORS
from dashboard.server.app import create_app
from datasets.problems import DatasetError
from geodata.errors import GeodataError

from . import export_bench, memory_bench, publish_bench
from .driver import ActionRecord, CallRecord, Driver, prop_id
from .naive_app import create_naive_app

LEVEL = prop_id(ids.LEVEL, "value")
INDICATOR = prop_id(ids.INDICATOR, "value")
YEAR = prop_id(ids.YEAR, "value")
PROVINCE = prop_id(ids.PROVINCE, "value")
MAP_FIGURE = prop_id(ids.MAP, "figure")
MAP_VALUES = prop_id(ids.MAP_VALUES, "data")  # ours: the server's map callback answers values only
FIXED_LEVEL = "gemeente"
LEVEL_CYCLE = ("zorgregio", "politie", "provincie", "gemeente")


# ---------------------------------------------------------------------------- small statistics


def median(values):
    return statistics.median(values)


def p95(values):
    """95th percentile, linear interpolation between closest ranks (numpy's default)."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def gz(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6))


def values_alone(data, level: str, indicator: str, year: int, lang: str = "nl") -> tuple[int, int]:
    """The per-area values a view needs, `{"z": [...], "text": [...]}`, as compact JSON (UTF-8 bytes).

    Returns (plain, dash_encoded): the second is the same object written by Dash's own encoder
    (plotly's, which escapes `<`, `>`, `/` and non-ASCII as `\\uXXXX`): the floor for any response.
    """
    values = values_for(data, level, indicator, year, lang)
    obj = {"z": values.z, "text": list(values.hover)}
    plain = len(json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    return plain, len(to_json(obj).encode("utf-8"))


# ---------------------------------------------------------------------------- one action on both apps


@dataclass
class Step:
    """One user action applied to both apps."""

    kind: str
    changes: dict
    ours: ActionRecord
    naive: ActionRecord
    view: tuple  # (level, indicator, year) after the action
    ours_map: CallRecord = field(init=False)
    naive_map: CallRecord = field(init=False)


class Bench:
    def __init__(self, context):
        self.context = context
        self.data = context.data.current()
        self.ours = Driver(create_app(context))
        self.naive = Driver(create_naive_app(context))
        self.ours_map_key = self._map_key(self.ours)
        self.naive_map_key = self._map_key(self.naive)
        self.names = {key: _callback_name(self.ours.app, key) for key in self.ours.callbacks}

    @staticmethod
    def _map_key(driver: Driver) -> str:
        for output in (MAP_VALUES, MAP_FIGURE):
            keys = [k for k, cb in driver.callbacks.items() if output in driver._output_ids(k)]
            if keys:
                break
        if len(keys) != 1:
            raise RuntimeError(f"expected one server callback with output {MAP_VALUES} or {MAP_FIGURE}, found {keys}")
        return keys[0]

    def load(self) -> None:
        self.ours.load("/", "")
        self.naive.load("/", "")
        for pid in (LEVEL, INDICATOR, YEAR, PROVINCE):
            if self.ours.props.get(pid) != self.naive.props.get(pid):
                raise RuntimeError(f"apps start from different views: {pid} "
                                   f"{self.ours.props.get(pid)!r} vs {self.naive.props.get(pid)!r}")

    def view(self) -> tuple:
        return tuple(self.ours.props[p] for p in (LEVEL, INDICATOR, YEAR))

    def step(self, kind: str, changes: dict) -> Step:
        ours = self.ours.act(changes)
        naive = self.naive.act(changes)
        step = Step(kind, changes, ours, naive, self.view())
        step.ours_map = ours.call(self.ours_map_key)
        step.naive_map = naive.call(self.naive_map_key)
        return step

    # ------------------------------------------------------------------ sequences of changes

    def indicator_changes(self, n: int | None = None) -> list[dict]:
        """Every other indicator once, then back to the current one (6 changes)."""
        start = INDICATORS.index(self.ours.props[INDICATOR])
        order = [INDICATORS[(start + i) % len(INDICATORS)] for i in range(1, len(INDICATORS) + 1)]
        return [{INDICATOR: i} for i in order[:n]]

    def year_changes(self, n: int | None = None) -> list[dict]:
        years = list(self.data.choices.years)
        now = self.ours.props[YEAR]
        order = [y for y in years if y != now]
        if n is not None:
            order = order[: max(n - 1, 1)]
        return [{YEAR: y} for y in order + [now]]

    def province_changes(self, n: int | None = None) -> list[dict]:
        provinces = sorted(self.data.choices.codes_by_level["provincie"])
        if n is not None:
            provinces = provinces[: max(n - 1, 1)]
        return [{PROVINCE: p} for p in provinces + [None]]

    def mixed_changes(self, n: int) -> tuple[list[tuple[str, dict]], dict]:
        """Round-robin indicator / year / province changes at the fixed level, ending on the start view."""
        indicators = [c[INDICATOR] for c in self.indicator_changes()]
        years = list(self.data.choices.years)
        provinces = sorted(self.data.choices.codes_by_level["provincie"]) + [None]
        start_year = self.ours.props[YEAR]
        sequence = []
        for i in range(n):
            kind = ("indicator", "year", "filter")[i % 3]
            j = i // 3
            if kind == "indicator":
                sequence.append((kind, {INDICATOR: indicators[j % len(indicators)]}))
            elif kind == "year":
                sequence.append((kind, {YEAR: years[(years.index(start_year) + 1 + j) % len(years)]}))
            else:
                sequence.append((kind, {PROVINCE: provinces[j % len(provinces)]}))
        # back to the start view so later phases begin where this one began
        restore = {INDICATOR: self.ours.props[INDICATOR], YEAR: start_year, PROVINCE: self.ours.props[PROVINCE]}
        return sequence, restore

    def run_mixed(self, n: int) -> list[Step]:
        sequence, restore = self.mixed_changes(n)
        steps = [self.step(kind, changes) for kind, changes in sequence]
        for pid, value in restore.items():
            if self.ours.props[pid] != value:
                self.step("restore", {pid: value})
        return steps


def _callback_name(app, key: str) -> str:
    func = app.callback_map[key].get("callback")
    inner = getattr(func, "__wrapped__", func)
    return getattr(inner, "__name__", key)


# ---------------------------------------------------------------------------- the report


def emit(name: str, ours, naive, unit: str, **extra) -> None:
    line = {"name": name, "ours": ours, "naive": naive, "unit": unit}
    line.update(extra)
    print(json.dumps(line, ensure_ascii=False), flush=True)


def report_bytes(bench: Bench, label: str, steps: list[Step], with_values: bool = True) -> None:
    ours = [s.ours_map.body_bytes for s in steps]
    naive = [s.naive_map.body_bytes for s in steps]
    extra = {}
    if with_values:
        extra["ours_over_values_alone"] = round(median(
            [s.ours_map.body_bytes / values_alone(bench.data, *s.view)[0] for s in steps]), 2)
    breakdown = {}
    for pid in steps[0].ours_map.outputs:
        breakdown[pid] = int(median([s.ours_map.outputs.get(pid, 0) for s in steps]))
    # within a level ours must not re-send geometry: no GeoJSON coordinates in the response
    values_only = all(b'"coordinates"' not in s.ours_map.body for s in steps)
    emit(f"{label}_bytes_map_callback", int(median(ours)), int(median(naive)), "bytes",
         ratio_naive_over_ours=round(median(naive) / median(ours), 2),
         ours_gzip=int(median([gz(s.ours_map.body) for s in steps])),
         naive_gzip=int(median([gz(s.naive_map.body) for s in steps])),
         ours_values_only=values_only, ours_outputs=breakdown, n=len(steps), **extra)

    fired = sorted({bench.names[c.key] for s in steps for c in s.ours.calls})
    totals = [s.ours.body_bytes for s in steps]
    naive_totals = [s.naive.body_bytes for s in steps]
    per_callback = {}
    for s in steps:
        for c in s.ours.calls:
            per_callback.setdefault(bench.names[c.key], []).append(c.body_bytes)
    emit(f"{label}_bytes_action_total", int(median(totals)), int(median(naive_totals)), "bytes",
         ratio_naive_over_ours=round(median(naive_totals) / median(totals), 2),
         ours_callbacks=fired, ours_bytes_per_callback={k: int(median(v)) for k, v in sorted(per_callback.items())},
         n=len(steps))


def report_values(bench: "Bench", steps: list[Step]) -> None:
    plain = [values_alone(bench.data, *s.view) for s in steps]
    ours_ratio = [s.ours_map.body_bytes / v for s, (v, _) in zip(steps, plain)]
    naive_ratio = [s.naive_map.body_bytes / v for s, (v, _) in zip(steps, plain)]
    ours_total_ratio = [s.ours.body_bytes / v for s, (v, _) in zip(steps, plain)]
    values = int(median([v for v, _ in plain]))
    emit("indicator_change_values_alone_bytes", values, values, "bytes",
         dash_encoded=int(median([d for _, d in plain])),
         note='compact JSON of {"z": [...], "text": [...]} for the 342 gemeenten; the same for both apps; '
              "dash_encoded = the same object through Dash's JSON encoder")
    worst = max(ours_ratio)
    by_indicator = {s.view[1]: {"ours": s.ours_map.body_bytes, "naive": s.naive_map.body_bytes, "values_alone": v,
                                "ours_over_values_alone": round(r, 2)}
                    for s, (v, _), r in zip(steps, plain, ours_ratio)}
    emit("indicator_change_bytes_over_values_alone", round(median(ours_ratio), 2), round(median(naive_ratio), 2),
         "x values alone", ours_max=round(worst, 2), ours_action_total=round(median(ours_total_ratio), 2),
         target="ours <= 1.5", met=bool(worst <= 1.5), by_indicator=by_indicator)
    naive_over_ours = [s.naive_map.body_bytes / s.ours_map.body_bytes for s in steps]
    naive_over_total = [s.naive.body_bytes / s.ours.body_bytes for s in steps]
    emit("indicator_change_naive_over_ours", 1.0, round(median(naive_over_ours), 2), "x ours (bytes)",
         naive_min=round(min(naive_over_ours), 2), vs_ours_action_total=round(median(naive_over_total), 2),
         target="naive >= 25", met=bool(min(naive_over_ours) >= 25))


def report_times(label: str, steps: list[Step]) -> None:
    ours = [s.ours_map.seconds for s in steps]
    naive = [s.naive_map.seconds for s in steps]
    totals = [s.ours.seconds for s in steps]
    naive_totals = [s.naive.seconds for s in steps]
    for stat, func in (("median", median), ("p95", p95)):
        emit(f"map_callback_ms_{stat}_{label}", ms(func(ours)), ms(func(naive)), "ms",
             ratio_naive_over_ours=round(func(naive) / func(ours), 2), n=len(steps))
    for stat, func in (("median", median), ("p95", p95)):
        emit(f"action_total_ms_{stat}_{label}", ms(func(totals)), ms(func(naive_totals)), "ms",
             ratio_naive_over_ours=round(func(naive_totals) / func(totals), 2), n=len(steps),
             note="ours: every server callback the action fires, summed; naive: its one callback")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions (smoke test); numbers are rough")
    parser.add_argument("--changes", type=int, default=None,
                        help="changes per timing run (default 36, quick 6)")
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    n_timing = args.changes or (6 if args.quick else 36)
    n_seq = 3 if args.quick else None

    started = time.perf_counter()
    context = context_from_files(Settings.from_env())
    try:
        data = context.data.current()
    except (DatasetError, GeodataError) as err:
        print(f"benchmarks: the app's data or boundaries could not be loaded: {err}", file=sys.stderr)
        return 2
    print(json.dumps({"benchmark": "dekkingskaart", "date": _dt.date.today().isoformat(),
                      "python": platform.python_version(), "cpus": os.cpu_count(), "machine": platform.machine(),
                      "data_version": data.model.version, "synthetic": data.synthetic, "quick": args.quick,
                      "areas": {level: len(codes) for level, codes in data.codes.items()}}), file=sys.stderr)
    bench = Bench(context)
    bench.load()
    if bench.view()[0] != FIXED_LEVEL:
        bench.step("level", {LEVEL: FIXED_LEVEL})

    # warm-up: imports, plotly validators, px, the memo for the views measured warm below
    bench.run_mixed(n_timing)
    for changes in bench.indicator_changes():
        bench.step("indicator", changes)

    # 1-3: bytes per change at the fixed level
    indicator_steps = [bench.step("indicator", c) for c in bench.indicator_changes()]
    year_steps = [bench.step("year", c) for c in bench.year_changes(n_seq)]
    filter_steps = [bench.step("filter", c) for c in bench.province_changes(n_seq)]
    report_bytes(bench, "indicator_change", indicator_steps)
    report_values(bench, indicator_steps)
    report_bytes(bench, "year_change", year_steps)
    report_bytes(bench, "filter_change", filter_steps)

    # 4: server time per callback, warm (memo as the running app has it) and cold (memo cleared per call)
    report_times("warm", bench.run_mixed(n_timing))

    def clear_memo() -> None:
        data._memo.clear()  # noqa: SLF001 (the benchmark defeats the memo on purpose)

    bench.ours.before_call = bench.naive.before_call = clear_memo
    try:
        report_times("cold", bench.run_mixed(n_timing))
    finally:
        bench.ours.before_call = bench.naive.before_call = None

    # 5: level change: the naive app sends the full geometry; ours values and the geometry file's address
    level_steps = [bench.step("level", {LEVEL: level}) for level in LEVEL_CYCLE]
    report_bytes(bench, "level_change", level_steps, with_values=False)
    per_level = {s.view[0]: {"ours": s.ours_map.body_bytes, "naive": s.naive_map.body_bytes} for s in level_steps}
    geometry = {level: len(to_json(data.geojson[level]).encode()) for level in per_level}
    emit("level_change_bytes_per_level", per_level["gemeente"]["ours"], per_level["gemeente"]["naive"], "bytes",
         per_level=per_level, geojson_bytes=geometry, note="ours/naive = the change back to gemeente")

    # 6: static exports (PNG): first, warm new state, cached, 304, against a naive cold export process
    export_bench.run(emit, args.quick, context)

    # 6b: wire bytes in a real Chromium (gunicorn as served, the naive app beside it): pages, actions, embeds
    from . import wire_bench
    wire_bench.run(emit, args.quick)

    # 7: publish -> every gunicorn worker serves the new version (SQLite, then a throwaway PostgreSQL)
    publish_bench.run(emit, args.quick)

    # 8: memory (PSS) of two workers: the machine's render pool against a browser per worker
    memory_bench.run(emit, args.quick)

    # three instances behind haproxy: renders per unique image, failed requests while one is killed
    from . import instances_bench
    instances_bench.run(emit, args.quick)

    print(json.dumps({"run_seconds": round(time.perf_counter() - started, 1)}), file=sys.stderr)
    return 0
