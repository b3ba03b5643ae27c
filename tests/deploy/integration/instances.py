"""Three instances of the dashboard behind haproxy, on loopback: what `compose.yaml` runs, without containers.

Used by the three-instance test (`test_three_instances.py`) and by `benchmarks/instances_bench.py`; no
pytest here, so the benchmark can import it. Anything that cannot start raises `StartError` with the log
tail: the test fails, never skips.

* `start_cluster(base_dir, database_url, redis_url)` (a context manager) starts three gunicorn instances as
  the Procfile does (`--config dashboard/gunicorn_conf.py`, 2 workers each), one after another (the first
  migrates the empty PostgreSQL database and seeds it; the others find it ready), all on the same database
  and Redis and the same render-pool socket (one machine, one pool); each has its own snapshot folder and
  on-disk image cache, so what they share can only come through PostgreSQL and Redis. Then haproxy with
  `deploy/haproxy.cfg` exactly as shipped (addresses from `HAPROXY_BIND`, `APP1_ADDR`..`APP3_ADDR`, and
  `HAPROXY_STATS_BIND` for its server states). On exit everything is stopped, and any process still
  holding this run's render socket in its environment (the pool and its browsers) is ended by pid.
* `LoadRun`: threads sending GET /, /healthz, /_dash-layout and side-effect-free callback POSTs through
  haproxy, counting every answer that is not 2xx/304 and every connection error as a failure.
* small HTTP helpers on fresh connections, the image-cache header, the publish flow (through
  `benchmarks/publish_bench.py`'s own functions) and concurrent first requests.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import dash_protocol
from tests.servers.postgres import free_port

ROOT = Path(__file__).resolve().parents[3]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HAPROXY_CFG = ROOT / "deploy" / "haproxy.cfg"
WORKERS = 2
START_TIMEOUT = 120  # seconds until one instance's /healthz answers 200 (the first one also migrates)
HAPROXY_TIMEOUT = 30
IMAGE_CACHE_HEADER = "X-Image-Cache"
OK_STATUS = frozenset({304}) | frozenset(range(200, 300))
#: environment of the developer's shell that must not reach the instances
DROPPED_ENV = ("DYNO", "DEKKINGSKAART_DEMO", "DEKKINGSKAART_DATA", "PORT", "WEB_CONCURRENCY", "REDIS_URL",
               "DATABASE_URL")


class StartError(RuntimeError):
    """A service of the cluster could not be started (the message carries its log tail)."""


def _tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:] or "(log is empty)"
    except OSError as err:
        return f"(no log at {path}: {err.strerror})"


# ---------------------------------------------------------------------------- HTTP on fresh connections


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict  # lower-case names
    body: bytes

    def json(self):
        return json.loads(self.body)


def request(base: str, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
            timeout: float = 60) -> Answer:
    """One request on a fresh connection to `base` (http://host:port); connection errors raise."""
    address = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


def get(base: str, path: str, timeout: float = 60) -> Answer:
    return request(base, "GET", path, timeout=timeout)


def image_cache(answer: Answer) -> str | None:
    """`hit` or `miss` from an export answer's X-Image-Cache header (None when it has none)."""
    value = answer.headers.get(IMAGE_CACHE_HEADER.lower())
    return value.strip().lower() if value else None


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


# ---------------------------------------------------------------------------- one gunicorn instance


@dataclass
class Instance:
    """One gunicorn as the Procfile starts it, in a process group of its own; `start()` may be called again
    after `kill()` or `stop()` (a fresh gunicorn on the same port)."""

    name: str
    port: int
    env: dict
    log_dir: Path
    proc: subprocess.Popen | None = None
    starts: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.log_dir / f"{self.name}-{self.starts}.log"

    def log_text(self) -> str:
        return _tail(self.log_path)

    def start(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            raise RuntimeError(f"{self.name} is still running")
        self.starts += 1
        with self.log_path.open("wb") as out:
            self.proc = subprocess.Popen(
                [str(GUNICORN), "--config", "dashboard/gunicorn_conf.py", "--bind", f"127.0.0.1:{self.port}",
                 "dashboard.wsgi:server"],
                cwd=ROOT, env=self.env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)

    def _check_running(self, what: str) -> None:
        if self.proc is None or self.proc.poll() is not None:
            code = None if self.proc is None else self.proc.returncode
            raise StartError(f"{self.name} (gunicorn on 127.0.0.1:{self.port}) exited with {code} {what}:\n"
                             f"{self.log_text()}")

    def wait_listening(self, timeout: float = START_TIMEOUT) -> float:
        """Seconds until the port accepts connections; no HTTP request, so no worker is warmed up."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            self._check_running("before listening")
            if listening(self.port):
                return time.monotonic() - started
            time.sleep(0.02)
        raise StartError(f"{self.name} did not listen on 127.0.0.1:{self.port} within {timeout} s:\n"
                         f"{self.log_text()}")

    def wait_healthy(self, timeout: float = START_TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            self._check_running("before /healthz answered 200")
            try:
                answer = get(self.base, "/healthz", timeout=5)
                if answer.status == 200:
                    return answer.json()
                last = f"HTTP {answer.status}: {answer.body[:200]!r}"
            except (OSError, http.client.HTTPException) as err:
                last = repr(err)
            time.sleep(0.3)
        raise StartError(f"{self.name}: /healthz not 200 within {timeout} s (last: {last}):\n{self.log_text()}")

    def kill(self) -> None:
        """SIGKILL to the instance's whole process group (master and workers, as a crashed host would)."""
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        """gunicorn's graceful stop (SIGTERM), then SIGKILL of its process group after 30 s."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        with contextlib.suppress(ProcessLookupError):  # workers left behind by a master that died
            os.killpg(self.proc.pid, signal.SIGKILL)


# ---------------------------------------------------------------------------- haproxy


@dataclass
class Haproxy:
    """haproxy in the foreground (`-db`) with deploy/haproxy.cfg; logs to stdout, kept in `log_path`."""

    port: int
    stats_port: int
    env: dict
    log_path: Path
    proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log_path.open("wb") as out:
            try:
                self.proc = subprocess.Popen(["haproxy", "-f", str(HAPROXY_CFG), "-db"], cwd=ROOT, env=self.env,
                                             stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                             start_new_session=True)
            except FileNotFoundError as err:
                raise StartError("haproxy is not on PATH: install Debian's haproxy package") from err

    def stats(self) -> dict[str, dict]:
        """The stats page's CSV (HAPROXY_STATS_BIND) for backend `app`: {"app1": {"status": "UP", "stot": ...,
        "wretr": retries, "wredis": redispatches, ...}, ..., "BACKEND": {...}}."""
        answer = get(f"http://127.0.0.1:{self.stats_port}", "/;csv", timeout=5)
        lines = answer.body.decode("utf-8", "replace").splitlines()
        header = lines[0].lstrip("# ").split(",")
        rows = {}
        for line in lines[1:]:
            row = dict(zip(header, line.split(",")))
            if row.get("pxname") == "app":
                rows[row["svname"]] = row
        return rows

    def server_states(self) -> dict[str, str]:
        """{"app1": "UP", ...}."""
        return {name: row.get("status", "") for name, row in self.stats().items() if name != "BACKEND"}

    def counter(self, server: str, name: str) -> int:
        """One counter of the stats page (e.g. `stot` sessions, `wretr` retries, `wredis` redispatches)."""
        return int(self.stats()[server].get(name) or 0)

    def wait_states(self, wanted: dict[str, str], timeout: float = HAPROXY_TIMEOUT) -> float:
        """Seconds until every named server has the wanted state prefix ("UP", "DOWN")."""
        started = time.monotonic()
        states: dict = {}
        while time.monotonic() - started < timeout:
            self._check_running()
            with contextlib.suppress(OSError, http.client.HTTPException, IndexError):
                states = self.server_states()
                if all(states.get(name, "").startswith(state) for name, state in wanted.items()):
                    return time.monotonic() - started
            time.sleep(0.1)
        raise StartError(f"haproxy servers not {wanted} within {timeout} s (last: {states}):\n{_tail(self.log_path)}")

    def wait_healthy(self, timeout: float = HAPROXY_TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            self._check_running()
            try:
                answer = get(self.base, "/healthz", timeout=5)
                if answer.status == 200:
                    return answer.json()
                last = f"HTTP {answer.status}"
            except (OSError, http.client.HTTPException) as err:
                last = repr(err)
            time.sleep(0.2)
        raise StartError(f"haproxy: /healthz not 200 within {timeout} s (last: {last}):\n{_tail(self.log_path)}")

    def _check_running(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            code = None if self.proc is None else self.proc.returncode
            raise StartError(f"haproxy exited with {code}:\n{_tail(self.log_path)}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


# ---------------------------------------------------------------------------- the cluster


@dataclass
class Cluster:
    instances: list[Instance]
    haproxy: Haproxy
    database_url: str
    redis_url: str
    render_socket: Path
    base_dir: Path
    start_seconds: dict = field(default_factory=dict)
    #: processes of this run (render pool, browsers) still alive after the instances stopped, ended by pid
    leftovers: list = field(default_factory=list)

    @property
    def base(self) -> str:
        """haproxy's address: what visitors use."""
        return self.haproxy.base

    def logs(self) -> str:
        parts = [f"--- {i.name} ({i.log_path}) ---\n{i.log_text()}" for i in self.instances]
        parts.append(f"--- haproxy ({self.haproxy.log_path}) ---\n{_tail(self.haproxy.log_path)}")
        return "\n".join(parts)


def instance_env(port: int, index: int, base_dir: Path, database_url: str, redis_url: str, public_url: str,
                 render_socket: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
    own = base_dir / f"app{index}"
    own.mkdir(parents=True, exist_ok=True)
    env.update(
        PORT=str(port), WEB_CONCURRENCY=str(WORKERS),
        DATABASE_URL=database_url, REDIS_URL=redis_url,
        DEKKINGSKAART_POLL_SECONDS="1",
        DEKKINGSKAART_PUBLIC_URL=public_url,
        DEKKINGSKAART_TRUSTED_PROXIES="1", FORWARDED_ALLOW_IPS="127.0.0.1",
        DEKKINGSKAART_SNAPSHOTS=str(own / "snapshots"),  # its own: shared snapshots come from the database
        DEKKINGSKAART_IMAGE_CACHE=str(own / "images"),  # its own: shared images come from Redis
        DEKKINGSKAART_RENDER_SOCKET=str(render_socket),  # one machine, one pool
    )
    return env


def processes_with_env(name: str, value: str) -> set[int]:
    """Pids whose environment holds NAME=value (this run's render socket is unique to it)."""
    needle = f"{name}={value}".encode() + b"\0"
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        with contextlib.suppress(OSError):
            if needle in (entry / "environ").read_bytes():
                found.add(int(entry.name))
    return found


def end_leftovers(render_socket: Path, grace: float = 5.0) -> set[int]:
    """End (by pid) every process still carrying this run's render socket in its environment `grace`
    seconds after the instances stopped: the pool and its browsers should have gone with their owner;
    returns the pids that had not."""
    deadline = time.monotonic() + grace
    left = processes_with_env("DEKKINGSKAART_RENDER_SOCKET", str(render_socket))
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = processes_with_env("DEKKINGSKAART_RENDER_SOCKET", str(render_socket))
    for pid in left:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    return left


@contextlib.contextmanager
def start_cluster(base_dir: Path, database_url: str, redis_url: str) -> Iterator[Cluster]:
    """Three instances (one after another) and haproxy, all healthy and UP; everything stopped afterwards."""
    if not GUNICORN.is_file():
        raise StartError(f"gunicorn is not installed in the virtualenv: {GUNICORN}")
    if not HAPROXY_CFG.is_file():
        raise StartError(f"no haproxy configuration at {HAPROXY_CFG}")
    base_dir = Path(base_dir)
    base_dir.mkdir(parents=True, exist_ok=True)
    # a unix socket path must stay short (108 bytes): not under a deep pytest directory
    render_socket = Path(f"/tmp/dk-render-{os.getpid()}-{free_port()}.sock")
    ports = [free_port() for _ in range(3)]
    haproxy_port, stats_port = free_port(), free_port()
    public_url = f"http://127.0.0.1:{haproxy_port}"
    instances = [Instance(f"app{i}", port, instance_env(port, i, base_dir, database_url, redis_url, public_url,
                                                        render_socket), base_dir)
                 for i, port in enumerate(ports, start=1)]
    haproxy_env = {**os.environ, "HAPROXY_BIND": f"127.0.0.1:{haproxy_port}",
                   "HAPROXY_STATS_BIND": f"127.0.0.1:{stats_port}",
                   **{f"APP{i}_ADDR": f"127.0.0.1:{port}" for i, port in enumerate(ports, start=1)}}
    haproxy_env.pop("HAPROXY_DNS", None)
    cluster = Cluster(instances, Haproxy(haproxy_port, stats_port, haproxy_env, base_dir / "haproxy.log"),
                      database_url, redis_url, render_socket, base_dir)
    try:
        for instance in instances:  # the first one migrates and seeds the empty database
            started = time.monotonic()
            instance.start()
            instance.wait_healthy()
            cluster.start_seconds[instance.name] = round(time.monotonic() - started, 1)
        cluster.haproxy.start()
        cluster.haproxy.wait_healthy()
        cluster.haproxy.wait_states({i.name: "UP" for i in instances})
        yield cluster
    finally:
        cluster.haproxy.stop()
        for instance in reversed(instances):
            instance.stop()
        cluster.leftovers = sorted(end_leftovers(render_socket))
        for leftover in (render_socket, Path(f"{render_socket}.lock")):
            leftover.unlink(missing_ok=True)


# ---------------------------------------------------------------------------- what the tests ask


def export_path(width: int, indicator: str = "rtm", level: str = "gemeente", year: int = 2024) -> str:
    """The address of one image; a width used nowhere else makes it a unique image."""
    query = urllib.parse.urlencode([("niveau", level), ("indicator", indicator), ("jaar", str(year)),
                                    ("breedte", str(width)), ("hoogte", "700")])
    return f"/export/kaart.png?{query}"


def fan_out(requests: list[tuple[str, str]], timeout: float = 120) -> list[tuple[str, str, Answer | Exception]]:
    """GET every (base, path) at the same moment; (base, path, answer or the exception)."""
    def one(item):
        base, path = item
        try:
            return base, path, get(base, path, timeout=timeout)
        except (OSError, http.client.HTTPException) as err:
            return base, path, err

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(one, requests))


def cache_count(answers: list[tuple[str, str, Answer | Exception]]) -> Counter:
    """How many answers were a cache `hit`, a `miss`, had no header (`None`) or failed (`error ...`)."""
    counts: Counter = Counter()
    for _, _, answer in answers:
        if isinstance(answer, Exception):
            counts[f"error {type(answer).__name__}"] += 1
        elif answer.status != 200:
            counts[f"HTTP {answer.status}"] += 1
        else:
            counts[image_cache(answer)] += 1
    return counts


def publish_change(base_port: int, database_url: str, status: str) -> tuple[str, float]:
    """Publish a changed coordinator_status through one instance's API (a publisher token made with
    `python -m dashboard.accounts`); (new version id, monotonic time of the publish answer). The upload is
    `benchmarks/publish_bench.py`'s: one region-year of the shipped table with another status."""
    from benchmarks.publish_bench import publish_once, publisher_token

    token = publisher_token(database_url)
    version, answered, _ = publish_once(base_port, token, status)
    return version, answered


def served_version(base: str) -> str | None:
    with contextlib.suppress(OSError, http.client.HTTPException, ValueError):
        answer = get(base, "/healthz", timeout=5)
        if answer.status == 200:
            return answer.json()["data_version"]
    return None


def wait_all_serve(bases: list[str], version: str, timeout: float = 30, asks: int = 6) -> float:
    """Seconds until every base answers `version` on `asks` fresh connections in a row (both workers)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if all(served_version(base) == version for base in bases for _ in range(asks)):
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"{version} not served by all of {bases} within {timeout} s: "
                         f"{ {base: served_version(base) for base in bases} }")


def script_paths(page: bytes) -> list[str]:
    """The page's own scripts, served by Dash from its component registry."""
    return re.findall(r'<script src="(/_dash-component-suites/[^"]+)"', page.decode("utf-8"))


def first_requests(base: str, paths: list[str], rounds: int = 4) -> list[tuple[str, int | str]]:
    """`/` and the scripts, `rounds` times, all at once; (path, status or the error)."""
    answers = fan_out([(base, path) for path in (["/"] + paths) * rounds], timeout=60)
    return [(path, a.status if isinstance(a, Answer) else repr(a)) for _, path, a in answers]


# ---------------------------------------------------------------------------- load through haproxy


@dataclass(frozen=True)
class Call:
    kind: str
    method: str
    path: str
    body: bytes | None = None


def load_calls(base: str) -> list[Call]:
    """GET /, /healthz, /_dash-layout and two side-effect-free callback POSTs (the map and the gap table),
    built from `GET /_dash-dependencies` by the one protocol client, as tests/dashboard/integration does."""
    answer = get(base, dash_protocol.DEPENDENCIES_URL)
    if answer.status != 200:
        raise AssertionError(f"{dash_protocol.DEPENDENCIES_URL}: HTTP {answer.status}")
    callbacks = dash_protocol.parse(answer.json())
    controls = {"control-level.value": "gemeente", "control-indicator.value": "rtm", "control-year.value": 2024,
                "filter-province.value": None, "filter-care-region.value": None, "filter-police-unit.value": None,
                "filter-status.value": [],
                "url.search": "?niveau=gemeente&indicator=rtm&jaar=2024"}
    calls = [Call("page", "GET", "/?niveau=zorgregio&indicator=beleid&jaar=2023"),
             Call("healthz", "GET", "/healthz"),
             Call("layout", "GET", dash_protocol.LAYOUT_URL)]
    for output, changed in (("store-map-values.data", "control-indicator.value"),
                            ("gaps-body.children", "control-year.value")):
        body = callbacks.with_output(output).body(controls, [changed])
        calls.append(Call(f"callback {output}", "POST", dash_protocol.UPDATE_URL, dash_protocol.dumps(body)))
    return calls


@dataclass
class LoadRun:
    """`threads` keep-alive clients looping over `calls` against `base` for `seconds`; `at(seconds, action)`
    runs an action (a kill) during the run. Every answer other than 2xx/304 and every error is a failure."""

    base: str
    calls: list[Call]
    threads: int = 8
    seconds: float = 30.0
    counts: Counter = field(default_factory=Counter)
    failures: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _client(self, offset: int, deadline: float) -> None:
        address = urllib.parse.urlsplit(self.base)
        connection = None
        i = offset
        while time.monotonic() < deadline:
            call = self.calls[i % len(self.calls)]
            i += 1
            started = time.monotonic()
            if connection is None:
                connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
            try:
                headers = {"Content-Type": "application/json"} if call.body is not None else {}
                connection.request(call.method, call.path, body=call.body, headers=headers)
                response = connection.getresponse()
                response.read()
                ok, what = response.status in OK_STATUS, response.status
                if response.will_close:
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as err:
                ok, what = False, repr(err)
                connection.close()
                connection = None
            with self._lock:
                self.counts[call.kind] += 1
                if not ok:
                    self.failures.append((round(started - self._t0, 2), call.kind, what))
        if connection is not None:
            connection.close()

    def run(self, at: tuple[float, Callable[[], None]] | None = None) -> "LoadRun":
        self._t0 = time.monotonic()
        deadline = self._t0 + self.seconds
        workers = [threading.Thread(target=self._client, args=(n, deadline), daemon=True)
                   for n in range(self.threads)]
        for worker in workers:
            worker.start()
        if at is not None:
            delay, action = at
            time.sleep(max(0.0, self._t0 + delay - time.monotonic()))
            action()
        for worker in workers:
            worker.join(self.seconds + 120)
        return self

    @property
    def total(self) -> int:
        return sum(self.counts.values())
