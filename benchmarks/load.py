"""Load test: concurrent keep-alive clients against the production server (gunicorn) on loopback.

`python -m benchmarks.load [--clients 100] [--duration 60] [--workers N] [--threads N] [--url URL]`
(also `python -m benchmarks load ...`).

Without `--url` it starts gunicorn itself, as the Procfile does (`--config dashboard/gunicorn_conf.py`),
on a free loopback port, waits for `/healthz`, and stops it afterwards. Then it:

1. reads `/_dash-dependencies` (the callbacks the browser's renderer uses) and builds, with `benchmarks.dash_protocol`,
   real `POST /_dash-update-component` bodies from it, with values (levels, indicators, years, provinces,
   area codes) taken from what the server itself renders, so it also works against `--url`;
2. warms the export cache: every export URL of the mix is requested by several fresh connections at
   once, so each worker (each has its own cache and browser) very likely renders it before the run;
3. runs N clients (threads, one keep-alive `http.client` connection each, no think time) for D seconds,
   each looping over a weighted mix of page loads, embeds, Dash assets, callbacks and cached exports;
4. prints one row per request kind and overall: count, req/s, p50, p95, max latency (ms) and errors,
   plus the first error samples. An error is any status other than 2xx/304, a timeout or a connection
   error. Exit code 1 when there was any error (2 when the server could not be started or read).

This is a script, not a test: it prints figures and asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import http.client
import json
import os
import platform
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import dash_protocol

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONF = PROJECT_ROOT / "dashboard" / "gunicorn_conf.py"
UPDATE_URL = dash_protocol.UPDATE_URL
START_TIMEOUT = 120
OK_STATUS = frozenset({304}) | frozenset(range(200, 300))
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br", "User-Agent": "dekkingskaart-load/1",
                   "Accept": "*/*"}
#: Weights of the request kinds in the mix (relative). "cb:" kinds are `POST /_dash-update-component`.
MIX = {
    "page": 10,            # GET /?<view>: the index HTML a visitor (or a shared link) loads
    "embed": 8,            # GET /embed?<view>: the light page inside journalists' iframes
    "dash-asset": 12,      # GET /_dash-layout, /_dash-dependencies, /assets/*.css|js (small, every page load)
    "cb:render_page": 8,   # the page callback after load: full main page (map with geometry) or embed page
    "cb:update_map": 28,   # control changes: values payload, or a new level with the full figure (1 in 5)
    "cb:update_detail": 10,  # a click on an area: the detail panel
    "cb:update_gaps": 8,   # the gap table for level / year / filters
    "cb:update_year_panels": 6,  # KPI cards and growth chart for a year
    "export": 10,          # GET /export/kaart.png?<view>: a cached export (after the warm-up)
}
MAX_ERROR_SAMPLES = 8


# ---------------------------------------------------------------------------- gunicorn


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def conf_settings(env: dict) -> dict:
    """The effective gunicorn settings of dashboard/gunicorn_conf.py under `env` (gunicorn's defaults for
    what the file leaves unset): workers, threads, worker class, keepalive, backlog, timeouts."""
    from gunicorn.config import Config

    code = CONF.read_text()
    saved = dict(os.environ)
    try:  # the settings file reads os.environ; called before any client thread starts
        os.environ.clear()
        os.environ.update(env)
        namespace: dict = {"__file__": str(CONF), "__name__": "gunicorn_conf"}
        exec(compile(code, str(CONF), "exec"), namespace)  # noqa: S102 - our own settings file
    finally:
        os.environ.clear()
        os.environ.update(saved)
    cfg = Config()
    for name, value in namespace.items():
        if name in cfg.settings and not callable(value):
            cfg.set(name, value)
    return {"workers": cfg.workers, "threads": cfg.threads, "worker_class": cfg.worker_class_str,
            "worker_connections": cfg.worker_connections, "keepalive": cfg.keepalive, "backlog": cfg.backlog,
            "timeout": cfg.timeout, "graceful_timeout": cfg.graceful_timeout}


class Gunicorn:
    """gunicorn as the Procfile starts it, on a free loopback port; output goes to a log file."""

    def __init__(self, workers: int | None, threads: int | None, env: dict | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if k not in ("DYNO",)}
        self.env["PORT"] = str(self.port)
        self.env.update(env or {})
        # a store of its own (a temporary SQLite file, seeded with the shipped data), never the developer's
        self.store_dir = None if "DATABASE_URL" in (env or {}) else tempfile.mkdtemp(prefix="dekkingskaart-load-store-")
        if self.store_dir:
            self.env["DATABASE_URL"] = f"sqlite:///{Path(self.store_dir) / 'store.sqlite3'}"
        if workers:
            self.env["WEB_CONCURRENCY"] = str(workers)
        if threads:
            self.env["GUNICORN_THREADS"] = str(threads)
        self.env["PYTHONPATH"] = str(PROJECT_ROOT) + os.pathsep + self.env.get("PYTHONPATH", "")
        self.settings = conf_settings(self.env)
        self.log_path = Path(tempfile.mkstemp(prefix="dekkingskaart-load-gunicorn-", suffix=".log")[1])
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log_path.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--config", str(CONF.relative_to(PROJECT_ROOT)),
                 "--bind", f"127.0.0.1:{self.port}", "dashboard.wsgi:server"],
                cwd=PROJECT_ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> int | None:
        try:
            if self.proc is None or self.proc.poll() is not None:
                return None if self.proc is None else self.proc.returncode
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # only this gunicorn's own process group
                return self.proc.wait(timeout=10)
        finally:
            if self.store_dir:
                shutil.rmtree(self.store_dir, ignore_errors=True)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def cpu_seconds(pid: int) -> float:
    """user + system CPU seconds of one process (Linux /proc); 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu(master: int) -> dict[str, float]:
    """CPU seconds so far of the master, each worker, and everything the workers started (Chromium)."""
    usage = {"master": cpu_seconds(master)}
    browsers = 0.0
    for worker in _children(master):
        usage[f"worker {worker}"] = cpu_seconds(worker)
        todo = _children(worker)
        while todo:
            pid = todo.pop()
            browsers += cpu_seconds(pid)
            todo += _children(pid)
    usage["export browsers"] = browsers
    return usage


# ---------------------------------------------------------------------------- plain HTTP helpers


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    prefix: str  # path prefix of --url (normally "")

    @classmethod
    def parse(cls, url: str) -> "Target":
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise SystemExit(f"--url must be http://host[:port][/prefix], got {url!r}")
        return cls(parts.hostname, parts.port or 80, parts.path.rstrip("/"))


def fetch(target: Target, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
          timeout: float = 30) -> tuple[int, bytes]:
    """One request on a fresh connection; (status, body). Connection errors raise."""
    conn = http.client.HTTPConnection(target.host, target.port, timeout=timeout)
    try:
        conn.request(method, target.prefix + path, body=body, headers={**(headers or {}), "Accept": "*/*"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_healthy(target: Target, server: Gunicorn | None, timeout: float = START_TIMEOUT) -> dict:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if server is not None and server.proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.proc.returncode}:\n{server.log_text()[-3000:]}")
        try:
            status, body = fetch(target, "GET", "/healthz", timeout=5)
            if status == 200:
                return json.loads(body)
            last = f"HTTP {status}: {body[:200]!r}"
        except (OSError, http.client.HTTPException) as err:
            last = repr(err)
        time.sleep(0.5)
    raise RuntimeError(f"/healthz not 200 within {timeout:.0f} s (last: {last})")


# ---------------------------------------------------------------------------- the request mix


@dataclass(frozen=True)
class Request:
    kind: str
    method: str
    path: str
    body: bytes | None = None
    label: str = ""

    def headers(self) -> dict:
        if self.body is None:
            return BROWSER_HEADERS
        return {**BROWSER_HEADERS, "Content-Type": "application/json"}


def callback_body(callback: dash_protocol.Callback, values: dict, changed: list[str]) -> bytes:
    """A `/_dash-update-component` body as the renderer builds it. `values`: "id.prop" -> value the
    browser holds; a prop missing there is sent without a value."""
    body = callback.body(values, changed)
    body["parsedChangedPropsIds"] = list(changed)
    return dash_protocol.dumps(body)


def _components(node, found: dict) -> dict:
    """id -> props of every component with a string id in a Dash layout tree."""
    if isinstance(node, list):
        for item in node:
            _components(item, found)
    elif isinstance(node, dict):
        props = node.get("props") if "type" in node and "namespace" in node else None
        if isinstance(props, dict):
            if isinstance(props.get("id"), str):
                found[props["id"]] = props
            for value in props.values():
                _components(value, found)
        else:
            for value in node.values():
                _components(value, found)
    return found


def _post_json(target: Target, body: bytes) -> dict:
    status, data = fetch(target, "POST", UPDATE_URL, body, {"Content-Type": "application/json"}, timeout=60)
    if status != 200:
        raise RuntimeError(f"callback request failed with HTTP {status}: {data[:300]!r}")
    return json.loads(data)


@dataclass
class Mix:
    requests: dict[str, list[Request]] = field(default_factory=dict)
    weights: dict[str, int] = field(default_factory=lambda: dict(MIX))
    exports: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=dict)

    def add(self, request: Request) -> None:
        self.requests.setdefault(request.kind, []).append(request)


def build_mix(target: Target, seed: int) -> Mix:
    """Views and request bodies, with values taken from what the server renders."""
    status, data = fetch(target, "GET", dash_protocol.DEPENDENCIES_URL)
    if status != 200:
        raise RuntimeError(f"{dash_protocol.DEPENDENCIES_URL} returned HTTP {status}")
    cbs = dash_protocol.Callbacks.from_json(data)
    page_cb = cbs.with_output("page.children")
    map_cb = cbs.with_output("store-map-values.data")
    detail_cb = cbs.with_output("detail.children")
    gaps_cb = cbs.with_output("gaps-body.children")
    year_cb = cbs.with_output("kpis.children")

    # what the page offers: levels, indicators, years, provinces (the main page as the server renders it)
    page = _post_json(target, callback_body(
        page_cb, {"url.pathname": "/", "url.search": "", "store-page-query.data": ""},
        ["url.pathname", "store-page-query.data"]))
    comps = _components(page["response"], {})
    levels = [o["value"] for o in comps["control-level"]["options"]]
    indicators = [o["value"] for o in comps["control-indicator"]["options"]]
    years = sorted(int(year) for year in comps["control-year"]["marks"])
    provinces = [o["value"] for o in comps["filter-province"]["options"]]

    def controls(level, indicator, year, province=None, compare=None) -> dict:
        return {"control-level.value": level, "control-indicator.value": indicator, "control-year.value": year,
                "filter-province.value": province, "filter-care-region.value": None,
                "filter-police-unit.value": None, "filter-status.value": [],
                "control-compare.value": ["on"] if compare else [], "control-compare-year.value": compare}

    def query(level, indicator, year, province=None, compare=None) -> str:
        pairs = [("niveau", level), ("indicator", indicator), ("jaar", str(year))]
        if compare:
            pairs.append(("vergelijk", str(compare)))
        if province:
            pairs.append(("provincie", province))
        return "?" + urllib.parse.urlencode(pairs)

    # area codes per level: from the level's geometry file, whose address the map callback answers
    codes: dict[str, list[str]] = {}
    for level in levels:
        response = _post_json(target, callback_body(map_cb, {**controls(level, indicators[0], years[-1]),
                                                             "url.search": ""}, ["control-level.value"]))
        status, body = fetch(target, "GET", response["response"]["store-map-values"]["data"]["geo"])
        codes[level] = [feature["id"] for feature in json.loads(body)["features"]]

    rng = random.Random(seed)
    # 24 views: every level and indicator, years spread over the range, a province filter on some
    views = []
    for i in range(24):
        level, indicator = levels[i % len(levels)], indicators[i % len(indicators)]
        year = years[(i * 7) % len(years)]
        province = rng.choice(provinces) if i % 4 == 3 else None
        views.append((level, indicator, year, province))
    mix = Mix(facts={"levels": levels, "indicators": indicators, "years": [years[0], years[-1]],
                     "provinces": len(provinces), "areas": {k: len(v) for k, v in codes.items()},
                     "views": len(views)})

    for level, indicator, year, province in views[:12]:
        mix.add(Request("page", "GET", "/" + query(level, indicator, year, province)))
    for level, indicator, year, province in views[::3]:
        mix.add(Request("embed", "GET", "/embed" + query(level, indicator, year, province)))
    for path in ("/_dash-layout", "/_dash-dependencies", "/assets/style.css", "/assets/dekkingskaart.js"):
        mix.add(Request("dash-asset", "GET", path))
    for i, (level, indicator, year, province) in enumerate(views[:12]):
        pathname = "/embed" if i % 3 == 2 else "/"
        q = query(level, indicator, year, province)
        mix.add(Request("cb:render_page", "POST", UPDATE_URL, callback_body(
            page_cb, {"url.pathname": pathname, "url.search": q, "store-page-query.data": q},
            ["url.pathname", "store-page-query.data"]), label=pathname + q))
    for i, (level, indicator, year, province) in enumerate(views):
        new_level = i % 5 == 0  # a level change (values and the geometry file's address, like any change)
        compare = years[0] if i % 4 == 3 and year != years[0] else None  # every fourth view compares two years
        q = query(level, indicator, year, province, compare)
        mix.add(Request("cb:update_map", "POST", UPDATE_URL, callback_body(
            map_cb, {**controls(level, indicator, year, province, compare), "url.search": q},
            ["control-level.value" if new_level else "control-indicator.value"]), label=q))
        mix.add(Request("cb:update_gaps", "POST", UPDATE_URL, callback_body(
            gaps_cb, {**controls(level, indicator, year, province, compare), "url.search": q}, ["control-year.value"]),
            label=q))
    for year in years:
        mix.add(Request("cb:update_year_panels", "POST", UPDATE_URL, callback_body(
            year_cb, {"control-year.value": year, "url.search": f"?jaar={year}"}, ["control-year.value"])))
    for i in range(16):
        level = levels[i % len(levels)]
        code = rng.choice(codes[level])
        year = years[(i * 5) % len(years)]
        mix.add(Request("cb:update_detail", "POST", UPDATE_URL, callback_body(
            detail_cb, {"store-selection.data": code, "control-year.value": year, "control-level.value": level,
                         "url.search": f"?niveau={level}&selectie={code}&jaar={year}"},
            ["store-selection.data"]), label=f"{level} {code} {year}"))
    for level, indicator, year, province in (views[0], views[5]):
        path = "/export/kaart.png" + query(level, indicator, year, province)
        mix.exports.append(path)
        mix.add(Request("export", "GET", path))
    missing = set(MIX) - set(mix.requests)
    if missing:
        raise RuntimeError(f"no requests built for {sorted(missing)}")
    return mix


def warm_exports(target: Target, paths: list[str], workers: int | None, timeout: float) -> list[dict]:
    """Each worker has its own render cache: several fresh connections at once per URL, a few rounds."""
    per_round = max(4, 2 * (workers or 2))
    report = []
    for path in paths:
        started = time.perf_counter()
        statuses: list = []

        def one():
            try:
                for _ in range(20):  # a busy export queue answers 503 "retry later" (body says so): wait, retry
                    status, body = fetch(target, "GET", path, headers=BROWSER_HEADERS, timeout=timeout)
                    if status != 503 or b"opnieuw" not in body:
                        break
                    time.sleep(0.5)
                statuses.append(status)
            except (OSError, http.client.HTTPException) as err:
                statuses.append(repr(err))

        for _ in range(3):
            threads = [threading.Thread(target=one) for _ in range(per_round)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
        report.append({"path": path, "statuses": sorted({str(s) for s in statuses}),
                       "seconds": round(time.perf_counter() - started, 2)})
    return report


# ---------------------------------------------------------------------------- the clients


@dataclass
class ClientResult:
    samples: list[tuple[str, float, bool]] = field(default_factory=list)  # (kind, seconds, ok)
    errors: list[str] = field(default_factory=list)
    connections: int = 0
    bytes_received: int = 0


def client_loop(target: Target, mix: Mix, seed: int, start: threading.Barrier, deadline_box: list,
                timeout: float, result: ClientResult) -> None:
    rng = random.Random(seed)
    kinds = list(mix.weights)
    weights = [mix.weights[k] for k in kinds]
    conn: http.client.HTTPConnection | None = None
    start.wait()
    deadline = deadline_box[0]
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        request = rng.choice(mix.requests[kind])
        if conn is None:
            conn = http.client.HTTPConnection(target.host, target.port, timeout=timeout)
            result.connections += 1
        t0 = time.perf_counter()
        try:
            conn.request(request.method, target.prefix + request.path, body=request.body, headers=request.headers())
            response = conn.getresponse()
            body = response.read()
            seconds = time.perf_counter() - t0
            ok = response.status in OK_STATUS
            result.bytes_received += len(body)
            if not ok:
                result.errors.append(f"{kind} {request.method} {request.path[:90]} {request.label[:60]}: "
                                     f"HTTP {response.status} {body[:160]!r}")
            if response.will_close:
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as err:
            seconds = time.perf_counter() - t0
            ok = False
            result.errors.append(f"{kind} {request.method} {request.path[:90]}: {type(err).__name__}: {err} "
                                 f"after {seconds * 1000:.0f} ms")
            conn.close()
            conn = None
        result.samples.append((kind, seconds, ok))
    if conn is not None:
        conn.close()


def percentile(sorted_values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default); q in 0..100."""
    if not sorted_values:
        return float("nan")
    pos = (len(sorted_values) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (pos - low)


def summarise(results: list[ClientResult], elapsed: float) -> dict:
    by_kind: dict[str, list[tuple[float, bool]]] = {}
    for result in results:
        for kind, seconds, ok in result.samples:
            by_kind.setdefault(kind, []).append((seconds, ok))
    rows = {}
    everything = []
    for kind in list(MIX) + sorted(set(by_kind) - set(MIX)):
        samples = by_kind.get(kind, [])
        everything += samples
        rows[kind] = _row(samples, elapsed)
    rows["all"] = _row(everything, elapsed)
    return rows


def _row(samples: list[tuple[float, bool]], elapsed: float) -> dict:
    times = sorted(s for s, _ in samples)
    return {"count": len(samples), "rps": round(len(samples) / elapsed, 1) if elapsed else 0.0,
            "p50_ms": round(percentile(times, 50) * 1000, 1) if times else None,
            "p95_ms": round(percentile(times, 95) * 1000, 1) if times else None,
            "max_ms": round(times[-1] * 1000, 1) if times else None,
            "errors": sum(1 for _, ok in samples if not ok)}


def print_table(rows: dict, out=sys.stdout) -> None:
    header = f"{'kind':<24}{'count':>8}{'req/s':>9}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'errors':>8}"
    print(header, file=out)
    print("-" * len(header), file=out)
    for kind, row in rows.items():
        if kind == "all":
            print("-" * len(header), file=out)

        def f(v):
            return "-" if v is None else f"{v:.1f}"

        print(f"{kind:<24}{row['count']:>8}{row['rps']:>9.1f}{f(row['p50_ms']):>10}{f(row['p95_ms']):>10}"
              f"{f(row['max_ms']):>10}{row['errors']:>8}", file=out)


def server_events(log: str) -> dict:
    """What the gunicorn log says happened: worker boots, timeouts, exits, tracebacks."""
    return {"worker_boots": log.count("Booting worker"), "worker_timeouts": log.count("WORKER TIMEOUT"),
            "worker_exits": log.count("exited with code") + log.count("was sent SIGKILL"),
            "tracebacks": log.count("Traceback (most recent call last)"),
            "status_5xx_in_access_log": sum(1 for line in log.splitlines() if '" 5' in line and "HTTP/1.1" in line)}


# ---------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100, help="concurrent clients (default 100)")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn workers (default: dashboard/gunicorn_conf.py, i.e. $WEB_CONCURRENCY or its default)")
    parser.add_argument("--threads", type=int, default=None,
                        help="threads per worker (default: dashboard/gunicorn_conf.py, i.e. $GUNICORN_THREADS or its default)")
    parser.add_argument("--url", default=None, help="load a running server instead of starting gunicorn (http://host:port)")
    parser.add_argument("--timeout", type=float, default=30, help="per-request timeout in seconds (default 30)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the views and of each client's choices")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON to this file")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.duration <= 0:
        parser.error("--clients and --duration must be positive")
    if args.url and (args.workers or args.threads):
        parser.error("--workers/--threads configure the gunicorn this script starts; not with --url")

    server = None
    if args.url:
        target = Target.parse(args.url)
        settings = {}
    else:
        server = Gunicorn(args.workers, args.threads)
        settings = server.settings
        target = Target("127.0.0.1", server.port, "")
        server.start()
    code = 2
    try:
        code = _run(args, target, server, settings)
        return code
    finally:
        if server is not None:
            stopped = server.stop()
            if code == 0:
                server.log_path.unlink(missing_ok=True)
                print(f"gunicorn stopped (exit code {stopped})", file=sys.stderr)
            else:
                print(f"gunicorn stopped (exit code {stopped}); its log: {server.log_path}", file=sys.stderr)


def _run(args, target: Target, server: Gunicorn | None, settings: dict) -> int:
    try:
        health = wait_healthy(target, server)
        mix = build_mix(target, args.seed)
    except (RuntimeError, OSError, http.client.HTTPException, LookupError, ValueError) as err:
        print(f"load: the server could not be started or read: {err}", file=sys.stderr)
        return 2
    where = args.url or f"gunicorn on {target.host}:{target.port} (--config dashboard/gunicorn_conf.py)"
    print(f"# load {_dt.datetime.now().isoformat(timespec='seconds')}: {args.clients} clients, {args.duration:g} s, "
          f"against {where}")
    print(f"# machine: {os.cpu_count()} CPU cores ({platform.machine()}), Python {platform.python_version()}; "
          f"data version {health.get('data_version')}, synthetic={health.get('synthetic')}")
    if settings:
        print("# gunicorn: " + ", ".join(f"{k}={v}" for k, v in settings.items() if v is not None))
    print("# mix (weights): " + ", ".join(f"{k} {w}" for k, w in MIX.items())
          + f"; {sum(len(v) for v in mix.requests.values())} distinct requests over {mix.facts['views']} views")

    started = time.perf_counter()
    warm = warm_exports(target, mix.exports, settings.get("workers"), args.timeout)
    print(f"# export cache warmed in {time.perf_counter() - started:.1f} s: "
          + "; ".join(f"{w['path']} -> {','.join(w['statuses'])}" for w in warm))
    bad = [w for w in warm if w["statuses"] != ["200"]]
    if bad:  # e.g. no Chromium on the server (503): the rest of the app still has to hold the load
        del mix.weights["export"]
        print(f"# exports unavailable ({bad[0]['path']} -> {','.join(bad[0]['statuses'])}): "
              "left out of the mix for this run")
    log_before = server.log_text() if server else ""

    results = [ClientResult() for _ in range(args.clients)]
    barrier = threading.Barrier(args.clients + 1)
    deadline_box = [0.0]
    threads = [threading.Thread(target=client_loop, name=f"client-{i}", daemon=True,
                                args=(target, mix, args.seed * 1000 + i, barrier, deadline_box, args.timeout,
                                      results[i]))
               for i in range(args.clients)]
    for th in threads:
        th.start()
    load_before = os.getloadavg()[0]
    server_before = server_cpu(server.proc.pid) if server and sys.platform == "linux" else {}
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    deadline_box[0] = time.monotonic() + args.duration
    barrier.wait()
    for th in threads:
        th.join(timeout=args.duration + args.timeout + 30)
    elapsed = time.perf_counter() - t0
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    server_after = server_cpu(server.proc.pid) if server_before else {}
    load_after = os.getloadavg()[0]
    stuck = sum(th.is_alive() for th in threads)

    rows = summarise(results, elapsed)
    errors = [e for r in results for e in r.errors]
    total = rows["all"]
    print()
    print_table(rows)
    print()
    client_cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    connections = sum(r.connections for r in results)
    received = sum(r.bytes_received for r in results)
    print(f"requests/s: {total['rps']:.1f}   p50: {total['p50_ms']} ms   p95: {total['p95_ms']} ms   "
          f"max: {total['max_ms']} ms   errors: {total['errors']}")
    print(f"# {total['count']} requests in {elapsed:.1f} s by {args.clients} clients over {connections} connections; "
          f"{received / 1e6:.1f} MB received (compressed as sent); this script's own CPU {client_cpu:.1f} s "
          f"({100 * client_cpu / elapsed:.0f}% of one core); 1-min load average {load_before:.1f} before, "
          f"{load_after:.1f} at the end")
    server_used = {k: round(v - server_before.get(k, 0.0), 1) for k, v in server_after.items()}
    if server_used:
        total_cpu = sum(server_used.values())
        print(f"# gunicorn CPU during the load: {total_cpu:.1f} s = {100 * total_cpu / elapsed:.0f}% of one core "
              f"(machine: {os.cpu_count()} cores), {1000 * total_cpu / max(total['count'], 1):.1f} ms per request; "
              + ", ".join(f"{k} {v:.1f} s" for k, v in server_used.items()))
    events = None
    if server is not None:
        events = server_events(server.log_text()[len(log_before):])
        print("# gunicorn log during the load: " + ", ".join(f"{k} {v}" for k, v in events.items()))
    if stuck:
        print(f"# {stuck} clients had not finished {args.timeout + 30:.0f} s after the end")
    if errors:
        print(f"# first {min(len(errors), MAX_ERROR_SAMPLES)} of {len(errors)} errors:")
        for sample in errors[:MAX_ERROR_SAMPLES]:
            print(f"#   {sample}")
    if args.json:
        args.json.write_text(json.dumps({
            "date": _dt.date.today().isoformat(), "cpus": os.cpu_count(), "clients": args.clients,
            "duration_s": args.duration, "elapsed_s": round(elapsed, 2), "target": args.url or "gunicorn",
            "gunicorn": settings, "mix": mix.weights, "rows": rows, "errors": len(errors),
            "error_samples": errors[:MAX_ERROR_SAMPLES], "connections": connections, "bytes_received": received,
            "client_cpu_s": round(client_cpu, 1), "server_cpu_s": server_used,
            "loadavg_1min": [round(load_before, 2), round(load_after, 2)], "server_events": events, "export_warm": warm,
            "stuck_clients": stuck}, indent=1) + "\n")
    sys.stdout.flush()
    return 1 if errors or stuck else 0


if __name__ == "__main__":
    sys.exit(main())
