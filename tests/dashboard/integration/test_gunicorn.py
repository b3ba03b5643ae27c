"""The production server as the Procfile starts it: real gunicorn, real workers, no browser."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 10) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as err:
        return err.code, err.read(), err.headers.get("Content-Type", "")


@pytest.fixture
def gunicorn_server(tmp_path):
    if not GUNICORN.is_file():
        pytest.skip(f"gunicorn not installed in the virtualenv: {GUNICORN}")
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {k: v for k, v in os.environ.items() if k not in ("DYNO", "DEKKINGSKAART_DEMO")}
    # two small workers keep it quick on a 2-core machine; the settings file is the Procfile's
    env.update(PORT=str(port), WEB_CONCURRENCY="2")
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(GUNICORN), "--config", "dashboard/gunicorn_conf.py", "--bind", f"127.0.0.1:{port}", "dashboard.wsgi:server"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + START_TIMEOUT
            health = None
            while time.time() < deadline:
                if proc.poll() is not None:
                    pytest.fail(f"gunicorn exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
                try:
                    health = get(base + "/healthz", timeout=5)
                except (urllib.error.URLError, ConnectionError, socket.timeout):
                    health = None
                if health and health[0] == 200:
                    break
                time.sleep(0.5)
            else:
                pytest.fail(f"/healthz not 200 within {START_TIMEOUT}s (last: {health}):\n{log.read_text(errors='replace')}")
            yield base, health, proc, log
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)  # gunicorn's graceful shutdown of master and workers
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)  # only this gunicorn's own process group
                    proc.wait(timeout=10)
                    pytest.fail("gunicorn did not stop on SIGTERM within 30 s")


def test_gunicorn_serves_the_app_as_in_the_procfile(gunicorn_server):
    base, (status, body, content_type), proc, log = gunicorn_server

    assert status == 200 and "json" in content_type
    health = json.loads(body)
    assert health["status"] == "ok"
    assert health["areas"] == {"gemeente": 342, "zorgregio": 35, "politie": 10, "provincie": 12}
    assert health["synthetic"] is False

    status, body, content_type = get(base + "/")
    assert status == 200 and "text/html" in content_type
    page = body.decode("utf-8")
    assert "Dekkingskaart Mensenhandel" in page
    assert '<html lang="nl">' in page
    assert "cdn." not in page, "the page must not load anything from a CDN"

    status, body, _ = get(base + "/assets/topojson/world_110m.json")
    assert status == 200
    assert json.loads(body)["type"] == "Topology"

    # a clean stop: SIGTERM ends master and workers with exit code 0
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0, log.read_text(errors="replace")
    assert "Shutting down" in log.read_text(errors="replace")
