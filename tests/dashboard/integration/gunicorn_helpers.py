"""Start the production server exactly as the Procfile does, on a free loopback port, for a test."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from geodata import PROJECT_ROOT as ROOT  # noqa: E402
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 10, data: bytes | None = None,
        headers: dict | None = None) -> tuple[int, bytes, str]:
    """(status, body, content type); HTTP errors are answers too, not exceptions."""
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as err:
        return err.code, err.read(), err.headers.get("Content-Type", "")


@dataclass
class Server:
    base: str
    proc: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_healthy(self, timeout: float = START_TIMEOUT) -> tuple[int, bytes, str]:
        deadline = time.time() + timeout
        health = None
        while time.time() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"gunicorn exited with {self.proc.returncode}:\n{self.log_text()}")
            try:
                health = get(self.base + "/healthz", timeout=5)
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                health = None
            if health and health[0] == 200:
                return health
            time.sleep(0.5)
        pytest.fail(f"/healthz not 200 within {timeout}s (last: {health}):\n{self.log_text()}")


@contextlib.contextmanager
def running_gunicorn(tmp_path: Path, workers: int = 2, env: dict | None = None):
    """gunicorn with the Procfile's settings file; stopped (and checked to stop) afterwards."""
    if not GUNICORN.is_file():
        pytest.skip(f"gunicorn not installed in the virtualenv: {GUNICORN}")
    port = free_port()
    log = tmp_path / f"gunicorn-{port}.log"
    run_env = {k: v for k, v in os.environ.items()
               if k not in ("DYNO", "DEKKINGSKAART_DEMO", "DEKKINGSKAART_DATA")}
    run_env.update(PORT=str(port), WEB_CONCURRENCY=str(workers),
                   # a store of its own per server (seeded with the shipped data), never the developer's
                   DATABASE_URL=f"sqlite:///{tmp_path / f'store-{port}.sqlite3'}")
    run_env.update(env or {})
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(GUNICORN), "--config", "dashboard/gunicorn_conf.py", "--bind", f"127.0.0.1:{port}",
             "dashboard.wsgi:server"],
            cwd=ROOT, env=run_env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        server = Server(f"http://127.0.0.1:{port}", proc, log)
        try:
            yield server
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)  # gunicorn's graceful shutdown of master and workers
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)  # only this gunicorn's own process group
                    proc.wait(timeout=10)
                    pytest.fail("gunicorn did not stop on SIGTERM within 30 s")


# ---------------------------------------------------------------------------- processes (Linux /proc)


def child_pids(pid: int) -> set[int]:
    """The direct children of a process (for the gunicorn master: its workers)."""
    children: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children.update(int(p) for p in (task / "children").read_text().split())
        except OSError:  # the task ended meanwhile
            continue
    return children


def descendant_pids(pid: int) -> set[int]:
    """Children, grandchildren, ... of a process (a worker's export browser and its helpers)."""
    found, todo = set(), [pid]
    while todo:
        for child in child_pids(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_for_workers(master_pid: int, count: int, timeout: float = 30,
                     condition=lambda pids: True) -> set[int]:
    """The master's worker pids once there are `count` of them and `condition(pids)` holds."""
    deadline = time.time() + timeout
    pids: set[int] = set()
    while time.time() < deadline:
        pids = {p for p in child_pids(master_pid) if alive(p)}
        if len(pids) == count and condition(pids):
            return pids
        time.sleep(0.1)
    pytest.fail(f"gunicorn master {master_pid} did not have {count} matching workers within {timeout}s: {pids}")


# ---------------------------------------------------------------------------- Dash callback requests


def dash_callback_body(dependencies: list[dict], output: str, values: dict, changed: list[str]) -> dict:
    """A `/_dash-update-component` body as the renderer builds it, for the server callback that has
    `output` ("id.prop") among its outputs; built by the one protocol client (benchmarks/dash_protocol.py).
    `dependencies` is `GET /_dash-dependencies`; `values` maps "id.prop" to what the browser holds."""
    from benchmarks.dash_protocol import parse

    matches = [c for c in parse(dependencies) if not c.clientside and output in c.output_ids]
    if len(matches) != 1:
        raise AssertionError(f"expected one server callback with output {output}, found {len(matches)}")
    return matches[0].body(values, changed)
